// Runs workflow JSON through n8n's real engine (n8n-core WorkflowExecute) with this package's built
// nodes and credentials and a few of n8n's own nodes, on public n8n-core / n8n-workflow APIs only.
// Plain JavaScript: n8n's strict lint applies node-runtime rules to every .ts file, and test code
// needs process, timers and n8n-core.
'use strict';

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

// n8n-core reads its settings folder when first loaded: point it at a throwaway one.
process.env.N8N_USER_FOLDER ??= fs.mkdtempSync(path.join(os.tmpdir(), 'hailuo-n8n-'));
process.env.N8N_DIAGNOSTICS_ENABLED = 'false';
process.env.N8N_LOG_LEVEL ??= 'silent';

// The dependency container must be the very copy n8n-core uses (npm may install two).
const { Container } = require(require.resolve('@n8n/di', { paths: [path.dirname(require.resolve('n8n-core'))] }));
const http = require('node:http');
const { ExecutionLifecycleHooks, WorkflowExecute, BinaryDataService, WebhookContext } = require('n8n-core');
const { ICredentialsHelper, NodeHelpers, Workflow } = require('n8n-workflow');
const { emulatorCredentialData } = require('../registry');
const { withQuickPolling } = require('./workflows');
const { AGENT_TYPE, TestAgent, asTool } = require('./agent');

const ROOT = path.resolve(__dirname, '../..');
const PACKAGE_PREFIX = 'n8n-nodes-hailuo.';
const BASE_PREFIX = 'n8n-nodes-base.';

// Binary data stays inline in the items (n8n's default mode) when the service is not initialised.
Container.set(BinaryDataService, new BinaryDataService());

/** Switches this process to n8n's filesystem binary mode (where binary data is streamed to disk). */
async function useFilesystemBinaryData(storagePath) {
	const quiet = { error() {}, warn() {}, info() {}, debug() {} };
	const service = new BinaryDataService({ mode: 'filesystem', localStoragePath: storagePath }, quiet, quiet);
	await service.init();
	Container.set(BinaryDataService, service);
	return service;
}

/** This package's node and credential classes, loaded from the build the way n8n loads them. */
function loadPackage(distRoot = ROOT) {
	const pkg = JSON.parse(fs.readFileSync(path.join(distRoot, 'package.json'), 'utf8'));
	const instantiate = (file) => {
		const exported = require(path.join(distRoot, file));
		const Class = Object.values(exported)[0];
		return new Class();
	};
	const nodes = {};
	for (const file of pkg.n8n.nodes) {
		const node = instantiate(file);
		nodes[PACKAGE_PREFIX + node.description.name] = node;
	}
	const credentials = {};
	for (const file of pkg.n8n.credentials) {
		const credential = instantiate(file);
		credentials[credential.name] = credential;
	}
	return { nodes, credentials };
}

/** n8n's own nodes, found by type name in n8n-nodes-base's node list. */
const baseNodeFiles = (() => {
	const basePkg = require('n8n-nodes-base/package.json');
	const byName = new Map();
	for (const file of basePkg.n8n.nodes) {
		byName.set(path.basename(file, '.node.js').toLowerCase(), file);
	}
	return byName;
})();

function loadBaseNode(type) {
	const file = baseNodeFiles.get(type.slice(BASE_PREFIX.length).toLowerCase());
	if (!file) throw new Error(`The harness does not know the n8n node type ${type}`);
	const exported = require(path.join(path.dirname(require.resolve('n8n-nodes-base/package.json')), file));
	return new (Object.values(exported)[0])();
}

class NodeTypes {
	constructor(packageNodes) {
		this.nodes = { ...packageNodes };
	}
	getByName(type) {
		this.nodes[type] ??= type.startsWith(BASE_PREFIX) ? loadBaseNode(type) : type === AGENT_TYPE ? new TestAgent() : this.toolVariant(type);
		if (!this.nodes[type]) throw new Error(`Unknown node type ${type}`);
		return this.nodes[type];
	}
	/** `<type>Tool` of a node with usableAsTool, as n8n offers it to an AI Agent. */
	toolVariant(type) {
		const base = type.endsWith('Tool') ? this.nodes[type.slice(0, -'Tool'.length)] : undefined;
		return base?.description.usableAsTool ? asTool(base) : undefined;
	}
	getByNameAndVersion(type, version) {
		return NodeHelpers.getVersionedNodeType(this.getByName(type), version);
	}
	getKnownTypes() {
		return {};
	}
}

/** Serves test credentials and applies a credential's generic `authenticate` as n8n does. */
class TestCredentialsHelper extends ICredentialsHelper {
	constructor(credentialTypes, values) {
		super();
		this.credentialTypes = credentialTypes;
		this.values = values;
	}
	getParentTypes() {
		return [];
	}
	async getDecrypted(_additionalData, _nodeCredentials, type) {
		if (!this.values[type]) throw new Error(`No test credential of type ${type}`);
		return { ...this.values[type] };
	}
	async getCredentials() {
		throw new Error('not used');
	}
	async updateCredentials() {}
	async updateCredentialsOauthTokenData() {}
	getCredentialsProperties(type) {
		return this.credentialTypes[type]?.properties ?? [];
	}
	isCredentialUsableByNode() {
		return true;
	}
	async preAuthentication() {
		return undefined;
	}
	async runPreAuthentication() {
		return undefined;
	}
	async authenticate(credentials, typeName, requestOptions, workflow, node) {
		const authenticate = this.credentialTypes[typeName]?.authenticate;
		if (typeof authenticate === 'function') return await authenticate(credentials, requestOptions);
		if (!authenticate || authenticate.type !== 'generic') return requestOptions;
		const resolve = (value) =>
			workflow.expression.getParameterValue(value, null, 0, 0, node.name, [], 'internal', {
				$credentials: credentials,
			});
		const options = { ...requestOptions };
		for (const [target, entries] of Object.entries(authenticate.properties)) {
			options[target] = { ...(options[target] ?? {}) };
			for (const [key, value] of Object.entries(entries)) options[target][key] = resolve(value);
		}
		return options;
	}
}

/**
 * Executes a workflow and resolves with the finished run.
 * options.credentials: { [credentialType]: data }; options.startNode: name (default: the first
 * trigger); options.pinData: { [nodeName]: items } for nodes that would wait for the outside world.
 */
async function runWorkflow(workflowJson, options = {}) {
	const pkg = options.package ?? loadPackage();
	const nodeTypes = new NodeTypes(pkg.nodes);
	const workflow = new Workflow({
		id: workflowJson.id ?? 'test',
		name: workflowJson.name,
		nodes: workflowJson.nodes,
		connections: workflowJson.connections,
		active: false,
		nodeTypes,
		settings: workflowJson.settings ?? {},
	});
	const hooks = new ExecutionLifecycleHooks('manual', 'test-execution', {
		...workflowJson,
		id: workflowJson.id ?? 'test',
	});
	const finished = new Promise((resolve) => hooks.addHandler('workflowExecuteAfter', resolve));
	const additionalData = additionalDataFor(pkg, options, { hooks });
	const startNode = options.startNode
		? workflow.getNode(options.startNode)
		: workflowJson.nodes.map((n) => workflow.getNode(n.name)).find((n) => nodeTypes.getByName(n.type).description.group?.includes('trigger'));
	const execution = new WorkflowExecute(additionalData, 'manual');
	const running = execution.run({ workflow, startNode, pinData: options.pinData });
	if (options.onStart) options.onStart(running);
	return new RunResult(await finished);
}

/** What n8n-core needs around a node's code: credentials served from `options.credentials`, URLs of a local n8n. */
function additionalDataFor(pkg, options, extra) {
	return {
		credentialsHelper: new TestCredentialsHelper(pkg.credentials, options.credentials ?? {}),
		variables: {},
		restApiUrl: 'http://localhost:5678/rest',
		instanceBaseUrl: 'http://localhost:5678/',
		webhookBaseUrl: 'http://localhost:5678/webhook',
		webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://localhost:5678/webhook-test',
		formWaitingBaseUrl: 'http://localhost:5678/form-waiting',
		currentNodeExecutionIndex: 0,
		logAiEvent: () => {},
		executeWorkflow: async () => {
			throw new Error('Sub-workflows are not supported by the test harness');
		},
		getRunExecutionData: async () => undefined,
		...extra,
	};
}

/**
 * Serves a trigger node's webhook on a local port, as n8n serves a production webhook: each POST goes
 * through the node's `webhook()` in n8n-core's own WebhookContext (credentials, request helpers). Static
 * data is loaded when a call starts and saved when it ends, as n8n does per call (so calls arriving
 * together overwrite each other's saves). `options.onEmit(items)` is called where n8n would start a run.
 * Resolves with { url, emitted (the items it started runs with), answers, close }.
 */
async function serveTrigger(workflowJson, nodeName, options = {}) {
	const pkg = options.package ?? loadPackage();
	const nodeTypes = new NodeTypes(pkg.nodes);
	let savedStaticData = {};
	const loadWorkflow = () =>
		new Workflow({
			id: workflowJson.id ?? 'test', name: workflowJson.name, nodes: workflowJson.nodes, connections: workflowJson.connections,
			active: true, nodeTypes, settings: workflowJson.settings ?? {}, staticData: structuredClone(savedStaticData),
		});
	const saveStaticData = (workflow) => {
		if (!workflow.staticData.__dataChanged) return;
		const { __dataChanged, ...data } = JSON.parse(JSON.stringify(workflow.staticData));
		savedStaticData = data;
	};
	const definition = workflowJson.nodes.find((n) => n.name === nodeName);
	const nodeType = nodeTypes.getByNameAndVersion(definition.type, definition.typeVersion);
	const emitted = [];
	const answers = [];
	const server = http.createServer(async (req, res) => {
		const chunks = [];
		for await (const chunk of req) chunks.push(chunk);
		const rawBody = Buffer.concat(chunks);
		let body = {};
		try {
			body = rawBody.length ? JSON.parse(rawBody.toString('utf8')) : {};
		} catch {}
		const query = Object.fromEntries(new URL(req.url, 'http://localhost').searchParams);
		const answer = { status: 200, body: undefined };
		const httpResponse = {
			status(code) { answer.status = code; return this; },
			json(value) { answer.body = value; return this; },
			send(value) { answer.body = value; return this; },
			end() { return this; },
		};
		const additionalData = additionalDataFor(pkg, options, { httpRequest: { body, headers: req.headers, query, params: {}, rawBody }, httpResponse });
		const workflow = loadWorkflow();
		const webhookData = { webhookDescription: nodeType.description.webhooks[0], isTest: false, node: nodeName, workflowId: workflow.id };
		try {
			const result = await nodeType.webhook.call(new WebhookContext(workflow, workflow.getNode(nodeName), additionalData, 'webhook', webhookData, [], undefined));
			saveStaticData(workflow);
			if (!result.noWebhookResponse) answer.body = result.webhookResponse ?? { received: true };
			if (result.workflowData) {
				emitted.push(...result.workflowData[0]);
				options.onEmit?.(result.workflowData[0]);
			}
		} catch (error) {
			Object.assign(answer, { status: 500, body: { error: error.message } });
		}
		answers.push({ ...answer, query, requestBody: body });
		res.writeHead(answer.status, { 'content-type': 'application/json' });
		res.end(JSON.stringify(answer.body ?? {}));
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	const url = `http://127.0.0.1:${server.address().port}/webhook/hailuo`;
	return { url, emitted, answers, close: () => new Promise((resolve) => server.close(resolve)) };
}

class RunResult {
	constructor(run) {
		this.run = run;
		this.status = run.status;
		this.error = run.data.resultData.error;
	}
	/** Output items of a node's first (or given) output, from its last run. */
	output(nodeName, outputIndex = 0) {
		const runs = this.run.data.resultData.runData[nodeName];
		if (!runs) return undefined;
		return runs[runs.length - 1].data?.main?.[outputIndex] ?? [];
	}
	nodeError(nodeName) {
		return this.run.data.resultData.runData[nodeName]?.at(-1)?.error;
	}
	executedNodes() {
		return Object.keys(this.run.data.resultData.runData);
	}
}

/** Reads a workflow file, pointing its emulator URLs (written as http://127.0.0.1:4010) at `emulatorUrl`. */
function loadWorkflow(file, emulatorUrl) {
	let text = fs.readFileSync(path.resolve(ROOT, file), 'utf8');
	if (emulatorUrl) text = text.split('http://127.0.0.1:4010').join(emulatorUrl);
	return withQuickPolling(JSON.parse(text));
}

/** Credentials for every provider, pointing at an emulator. */
function emulatorCredentials(emulator, overrides = {}) {
	return { ...emulatorCredentialData(emulator.url), ...overrides };
}

/** Decodes an inline binary of an output item. */
function binaryBuffer(item, property = 'data') {
	const binary = item.binary?.[property];
	if (!binary) return undefined;
	return Buffer.from(binary.data, 'base64');
}

module.exports = { useFilesystemBinaryData, runWorkflow, serveTrigger, loadWorkflow, loadPackage, emulatorCredentials, binaryBuffer, RunResult };
