#!/usr/bin/env node
// The real-n8n test: the packed n8n-nodes-hailuo installed into each n8n version the package claims (the
// pinned 2.40.7 and the newest 1.x, one after the other) the way n8n installs community packages, every
// example workflow run by n8n itself against the provider emulator (test/n8n/expectations.js says what
// each must produce), n8n's credential tests, and the editor in headless Chromium (the nodes found by
// searching the node creator, the canvas, the panel). Node 24, n8n 2.x and playwright-core are cached in
// .cache/n8n-real, n8n 1.x in .cache/n8n-real-1.x; screenshots go to .output/n8n-screenshots/n8n-<version>.
// Exit code 0 only when every check passed.
//
//   node test/n8n/run.js [--n8n=<version>] [--only=<text>] [--update-readme-screenshots]
//   (--n8n runs one version only; --only runs only the examples whose file name contains <text>, without
//   the credential tests and the editor, for working on one example; the last flag copies the 2.x editor
//   screenshots to examples/screenshots)
//
// Expectations contract (test/n8n/expectations.js exports an array):
//   { file: 'examples/x.json', run: 'execute', check(runData, ctx) }   runData = data.resultData.runData
//       of `n8n execute --id <id> --rawOutput` (ctx.execution holds the whole run object)
//   { file, run: 'webhook', request: { method, path, body }, check({ status, headers, body }, ctx) }
//       the workflow is published before `n8n start`, then called at http://localhost:5678/webhook/<path>
//   { file, run: 'manual', trigger, check(runData, ctx) }   started from `trigger` through the REST API while
//       `n8n start` runs (so a Wait node can save it as waiting and n8n's wait tracker resume it);
//       ctx.statusesSeen lists the statuses n8n showed while it ran
//   { file, run: 'callbacks', receiver, trigger, providers: [{ provider, model, posts }], check(ctx) }
//       copies of the pair switched to each provider (test/harness/workflows.js onProvider), the receivers
//       published, the submitters run from `trigger`; ctx adds submissions, receiverRuns(), emulatorCallbacks()
//       and runningWhileRendering (see the expectation)
//   { file, run: 'validate', check(nodes, ctx) }   for examples whose publishing node cannot reach its platform here
//       (OAuth, a fixed host): imported, then judged by that n8n while `n8n start` runs; nodes = [{ name, type,
//       typeVersion, parameters, known (type and version served by /types/nodes.json), issues (the parameter
//       issues n8n's editor would show: that n8n's NodeHelpers on the served description), credentials: [{ type,
//       known (a credential type of that n8n), stored (the referenced credential exists) }] }]
//   { file, run: 'chat', chats: [{ label, message, edit?(workflow, { major }) }], check(reply, ctx, chat) }
//       a Chat Trigger workflow: per chat a copy (edited, with its own chat URL) is published, and the message
//       sent to it as the hosted chat does (POST /webhook/<webhookId>/chat); reply = { status, body, seconds };
//       a string check returns is added to the report
//   optional `emulator`: knobs set on the emulator for the run (e.g. a rate limit the batch must be paced to);
//   optional `realN8n: { asShipped, emulator }`: run the example without the tests' quick polling, with these knobs;
//   optional `everyProvider: true` or `alsoOn: [{ provider, model }]` with `checkOnProvider(runData, ctx, provider)`:
//   copies of an 'execute' example switched to every other provider (its first image-to-video model) or to these.
//   ctx = { emulatorUrl, video, videoBytes, emulatorRequests(), resetEmulator() }, and storedBinary(id):
//   the file n8n stored for a binary. The emulator is reset before each run.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { runChecked, stopProcess, stopAll, runAsScript } = require('./lib/processes');
const { withQuickPolling, onProvider, withPosts } = require('../harness/workflows');
const { ensureN8n, ensurePlaywright, cleanEnv, n8nVersion, N8N_VERSIONS, DEFAULT_N8N } = require('./lib/setup');
const { buildAndPack, installLikeN8n } = require('./lib/package');
const { createN8n, ownerSession, followExecution, OWNER } = require('./lib/n8n');
const { createReport } = require('./lib/report');
const emulatorLib = require('./lib/emulator');
const editor = require('./lib/editor');
const { credentialsFor, credentialTestCases, packageCredentialTypes } = require('./credentials');
const { providers, providerCases } = require('../registry');
const { PROJECT_DIR, CACHE_DIR, SCREENSHOT_DIR, EXAMPLES_DIR } = require('./lib/paths');

const EMULATOR_PORT = 4010; // the examples hard-code http://127.0.0.1:4010
const EMULATOR_URL = `http://127.0.0.1:${EMULATOR_PORT}`;
const EDITOR_EXAMPLE = 'examples/image-to-video.json';
const EDITOR_PANEL_NODE = 'Hailuo Generate';
const EDITOR_MODEL_NAME = 'Hailuo 2.3 Standard (768P)'; // the example's model, as the Model list names it
// What → from what → how: the fields must appear in this order (others may sit between them).
const PANEL_ORDER = ['Provider Account', 'Mode', 'Model', 'Prompt', 'First Frame Source', 'Duration', 'Resolution', 'Options'];
const README_SCREENSHOT_DIR = path.join(EXAMPLES_DIR, 'screenshots'); // the README shows these
const README_SCREENSHOTS = ['image-to-video-canvas.png', 'hailuo-generate-panel.png'];
const ACTION_NODES = ['Hailuo Generate', 'Hailuo Wait for Result', 'Hailuo Upload'];
// What a user types into the node creator, and the Hailuo nodes it must list: in the actions panel (+ of
// a workflow with a trigger) and in the trigger panel (the first step of an empty workflow).
const NODE_CREATOR_SEARCHES = [
	{ query: 'hailuo', actions: ACTION_NODES, trigger: ['Hailuo Trigger'] },
	{ query: 'video', actions: ['Hailuo Generate', 'Hailuo Wait for Result'], trigger: ['Hailuo Trigger'] },
	{ query: 'minimax', actions: ACTION_NODES, trigger: ['Hailuo Trigger'] },
];

// ---------------------------------------------------------------- results and timings

const { phase, check, record, printSummary, exitCode } = createReport();

function log(message) {
	console.log(`  ${message}`);
}

// ---------------------------------------------------------------- examples and expectations

function loadExamples() {
	return fs
		.readdirSync(EXAMPLES_DIR)
		.filter((f) => f.endsWith('.json'))
		.sort()
		.map((f) => {
			const file = `examples/${f}`;
			const workflow = JSON.parse(fs.readFileSync(path.join(EXAMPLES_DIR, f), 'utf8'));
			if (!workflow.id) throw new Error(`${file} has no "id": n8n import would give it a random one`);
			return { file, workflow };
		});
}

function loadExpectations() {
	const file = path.join(__dirname, 'expectations.js');
	delete require.cache[file];
	return require(file);
}

const RUN_KINDS = ['execute', 'webhook', 'manual', 'callbacks', 'validate', 'chat'];

/** A chat's copy of a Chat Trigger workflow: its own id, name and chat URL (webhookId), then the chat's edit. */
function chatCopy(workflow, chat, index, major) {
	const tag = `c${index}`;
	const copy = JSON.parse(JSON.stringify(workflow).replace(/"webhookId":\s*"([^"]+)"/g, (_, id) => `"webhookId":"${id.slice(0, -tag.length)}${tag}"`));
	copy.id = `${workflow.id.slice(0, 21 - tag.length)}${tag}`;
	copy.name = `${workflow.name} — ${chat.label}`;
	chat.edit?.(copy, { major });
	return copy;
}

/** Copies of a one-provider workflow on every other registered provider, with its first image-to-video model. */
function onEveryOtherProvider(workflow) {
	const own = workflow.nodes.find((n) => n.type.startsWith('n8n-nodes-hailuo.')).parameters.provider;
	return providers()
		.filter((p) => p.id !== own)
		.map((p) => ({ provider: p.id, workflow: onProvider([workflow], p.id, providerCases()[p.id].i2v)[0] }));
}

/**
 * Every example needs an expectation (a receiver is covered by its submitter's) and every expectation an
 * example; returns the pairs, each with the workflows to import (`imports`) and to publish (`publish`).
 */
async function pairExamplesWithExpectations(examples, expectations, { major }) {
	const byFile = new Map(examples.map((e) => [e.file, e]));
	const covered = (file) => expectations.some((x) => x.file === file || x.receiver === file);
	await check('every example has an expectation', () => {
		const missing = examples.filter((e) => !covered(e.file)).map((e) => e.file);
		if (missing.length) throw new Error(`no entry in test/n8n/expectations.js for ${missing.join(', ')}`);
		return `${examples.length} examples`;
	});
	await check('every expectation names an example', () => {
		const unknown = expectations.flatMap((x) => [x.file, x.receiver ?? []].flat()).filter((f) => !byFile.has(f));
		if (unknown.length) throw new Error(`no such example: ${unknown.join(', ')}`);
		const badMode = expectations.filter((x) => !RUN_KINDS.includes(x.run)).map((x) => `${x.file} (${x.run})`);
		if (badMode.length) throw new Error(`run must be one of ${RUN_KINDS.join(', ')}: ${badMode.join(', ')}`);
	});
	const shipped = (file) => structuredClone(byFile.get(file).workflow);
	return expectations
		.filter((x) => byFile.has(x.file))
		.map((x) => {
			if (x.run === 'callbacks') {
				const copies = x.providers.map(({ provider, model, posts }) => {
					const [submit, receiver] = onProvider([withQuickPolling(shipped(x.file)), withQuickPolling(shipped(x.receiver))], provider, model);
					return { provider, submit: withPosts(submit, posts), receiver };
				});
				return { ...x, copies, imports: copies.flatMap((c) => [c.submit, c.receiver]), publish: copies.map((c) => c.receiver.id) };
			}
			const workflow = x.realN8n?.asShipped ? shipped(x.file) : withQuickPolling(shipped(x.file));
			if (x.run === 'chat') {
				const chats = x.chats.map((chat, index) => ({ ...chat, workflow: chatCopy(workflow, chat, index, major) }));
				return { ...x, chats, imports: chats.map((c) => c.workflow), publish: chats.map((c) => c.workflow.id) };
			}
			const copies = x.everyProvider
				? onEveryOtherProvider(workflow)
				: (x.alsoOn ?? []).map(({ provider, model }) => ({ provider, workflow: onProvider([workflow], provider, model)[0] }));
			return { ...x, workflow, copies, imports: [workflow, ...copies.map((c) => c.workflow)], publish: x.run === 'webhook' ? [workflow.id] : [] };
		});
}

// ---------------------------------------------------------------- emulator

const startEmulator = (runDir) => emulatorLib.startEmulator(EMULATOR_PORT, runDir);
const configureEmulator = (knobs) => emulatorLib.configureEmulator(EMULATOR_URL, knobs);
const emulatorContext = (extra) => emulatorLib.emulatorContext(EMULATOR_URL, extra);

// ---------------------------------------------------------------- phases

/** `--only=<text>`: the part of an example's file name to run alone (undefined: run everything). */
const ONLY = process.argv.find((arg) => arg.startsWith('--only='))?.slice('--only='.length);

/** The versions to run: `--n8n=<version>`, or every version the package claims. */
function versionsToRun() {
	const asked = process.argv.find((arg) => arg.startsWith('--n8n='))?.slice('--n8n='.length);
	return asked ? [n8nVersion(asked).version] : Object.keys(N8N_VERSIONS);
}

async function prepareCache(versions) {
	const installLog = path.join(CACHE_DIR, 'install.log'); // a version's run folder is made afresh later
	for (const version of versions) {
		const { cacheDir } = n8nVersion(version);
		const { reused } = await ensureN8n(installLog, log, version);
		log(`n8n ${version} ${reused ? 'reused from' : 'installed into'} ${path.relative(PROJECT_DIR, cacheDir)}`);
	}
	const playwrightDir = await ensurePlaywright(installLog, log);
	await ensureChromium(installLog);
	return { playwrightDir };
}

/** Debian's chromium (never a downloaded browser); installed with apt when missing and we are root. */
async function ensureChromium(logFile) {
	if (fs.existsSync('/usr/bin/chromium')) return;
	if (process.getuid?.() !== 0) throw new Error('/usr/bin/chromium is missing: apt-get install chromium');
	log('installing Debian chromium with apt-get');
	const options = { env: { ...cleanEnv(), DEBIAN_FRONTEND: 'noninteractive' }, cwd: '/', logFile };
	await runChecked('apt-get update', 'apt-get', ['update'], options);
	await runChecked('apt-get install chromium', 'apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], options);
}

async function installPackage(n8n) {
	const logFile = path.join(n8n.runDir, 'package.log');
	const packed = await buildAndPack(n8n.runDir, logFile);
	log(`packed ${path.basename(packed.tarball)} (${packed.files} files)`);
	const dir = await installLikeN8n(packed, n8n.nodesDir, logFile);
	log(`installed into ${path.relative(PROJECT_DIR, dir)}`);
}

async function importEverything(n8n, pairs) {
	const credentialsFile = path.join(n8n.runDir, 'credentials.json');
	const credentials = credentialsFor(EMULATOR_URL);
	fs.writeFileSync(credentialsFile, JSON.stringify(credentials, null, 2));
	await n8n.importCredentials(credentialsFile);
	// The examples as the expectations run them (mostly with the emulator's quick polling), one file each as `--separate` wants.
	const workflowsDir = path.join(n8n.runDir, 'workflows');
	fs.mkdirSync(workflowsDir, { recursive: true });
	const workflows = pairs.flatMap((p) => p.imports);
	for (const workflow of workflows) fs.writeFileSync(path.join(workflowsDir, `${workflow.id}.json`), JSON.stringify(workflow, null, 2));
	await n8n.importWorkflows(workflowsDir);
	log(`imported ${credentials.length} credentials and ${workflows.length} workflows from ${path.relative(PROJECT_DIR, EXAMPLES_DIR)}/ (polling every 1 s unless run as shipped)`);
	// Webhooks of published (1.x: active) workflows are registered when `n8n start` starts.
	for (const id of pairs.flatMap((p) => p.publish)) await n8n.publishWorkflow(id);
}

async function runExecuteExamples(n8n, pairs) {
	for (const pair of pairs.filter((p) => p.run === 'execute')) {
		const ctx = emulatorContext({ storedBinary: (id) => n8n.readBinary(id), n8nMajor: n8n.major });
		await ctx.resetEmulator();
		if (pair.emulator) await configureEmulator(pair.emulator);
		const started = Date.now();
		await check(`${pair.file} (n8n execute)`, async () => {
			const { run, exitCode } = await n8n.execute(pair.workflow.id);
			const runData = run.data?.resultData?.runData;
			if (!runData) throw new Error(`no runData in the execution (status ${run.status}, exit ${exitCode})`);
			await pair.check(runData, { ...ctx, execution: run });
			return `status ${run.status}, ${((Date.now() - started) / 1000).toFixed(1)} s`;
		});
		for (const copy of pair.copies) {
			await ctx.resetEmulator();
			await check(`${pair.file} on ${copy.provider} (n8n execute)`, async () => {
				const { run } = await n8n.execute(copy.workflow.id);
				const runData = run.data?.resultData?.runData;
				if (!runData) throw new Error(`no runData in the execution (status ${run.status})`);
				await pair.checkOnProvider(runData, { ...ctx, execution: run }, copy.provider);
				return `status ${run.status}`;
			});
		}
	}
}

/** How many nodes the package declares (package.json `n8n.nodes`). */
function packageNodeCount() {
	return JSON.parse(fs.readFileSync(path.join(PROJECT_DIR, 'package.json'), 'utf8')).n8n.nodes.length;
}

/** The type files the editor loads (they need the login cookie) list our nodes and credentials. */
async function checkPackageLoaded(session) {
	await check('n8n loaded the package (nodes and credential types)', async () => {
		const nodes = (await session.call('GET', '/types/nodes.json')).json ?? [];
		const credentials = (await session.call('GET', '/types/credentials.json')).json ?? [];
		const ours = nodes.map((n) => n.name).filter((n) => n.startsWith('n8n-nodes-hailuo.') && !n.endsWith('Tool'));
		const expected = packageCredentialTypes().map((c) => c.name);
		const types = credentials.map((c) => c.name).filter((n) => expected.includes(n));
		if (ours.length !== packageNodeCount() || types.length !== expected.length) throw new Error(`nodes ${ours.join(', ') || 'none'}; credentials ${types.join(', ') || 'none'}`);
		return ours.join(', ');
	});
}

async function runCredentialTests(n8n, session) {
	for (const testCase of credentialTestCases(EMULATOR_URL, { major: n8n.major })) {
		await check(`credential test ${testCase.label} → ${testCase.expected.status}`, async () => {
			const response = await session.call('POST', '/rest/credentials/test', { credentials: testCase.credential });
			const got = response.json?.data;
			if (got?.status !== testCase.expected.status || got?.message !== testCase.expected.message) {
				throw new Error(`got HTTP ${response.status} ${response.text.slice(0, 300)}; want ${JSON.stringify(testCase.expected)}`);
			}
			return `"${got.message}"`;
		});
	}
}

async function runWebhookExamples(n8n, pairs) {
	for (const pair of pairs.filter((p) => p.run === 'webhook')) {
		const ctx = emulatorContext();
		await ctx.resetEmulator();
		const started = Date.now();
		await check(`${pair.file} (webhook ${pair.request.method} /webhook/${pair.request.path})`, async () => {
			const response = await callWebhook(n8n.baseUrl, pair.request);
			await pair.check(response, ctx);
			return `HTTP ${response.status}, ${((Date.now() - started) / 1000).toFixed(1)} s`;
		});
	}
}

/** Each chat's message sent to its copy's chat URL, as n8n's hosted chat sends it. */
async function runChatExamples(n8n, pairs) {
	for (const pair of pairs.filter((p) => p.run === 'chat')) {
		for (const chat of pair.chats) {
			const ctx = emulatorContext();
			await ctx.resetEmulator();
			if (chat.emulator ?? pair.emulator) await configureEmulator(chat.emulator ?? pair.emulator);
			const trigger = chat.workflow.nodes.find((n) => n.type === '@n8n/n8n-nodes-langchain.chatTrigger');
			const request = { method: 'POST', path: `${trigger.webhookId}/chat`, body: { action: 'sendMessage', sessionId: `test-${chat.workflow.id}`, chatInput: chat.message } };
			await check(`${pair.file}, ${chat.label} (chat POST /webhook/${request.path})`, async () => {
				const started = Date.now();
				const response = await callWebhook(n8n.baseUrl, request);
				const seconds = (Date.now() - started) / 1000;
				const said = await pair.check({ ...response, seconds }, ctx, chat);
				return `HTTP ${response.status}, the turn took ${seconds.toFixed(1)} s${said ? `; ${said}` : ''}`;
			});
		}
	}
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Manual runs through the REST API while `n8n start` runs: waits can be saved to n8n's database and resumed
 * (with `realN8n.restartWhileWaiting`, after n8n was stopped and started again meanwhile).
 */
async function runManualExamples(n8n, session, pairs, restartN8n) {
	for (const pair of pairs.filter((p) => p.run === 'manual')) {
		const ctx = emulatorContext({ storedBinary: (id) => n8n.readBinary(id), n8nMajor: n8n.major });
		await ctx.resetEmulator();
		const knobs = pair.realN8n?.emulator ?? pair.emulator;
		if (knobs) await configureEmulator(knobs);
		const started = Date.now();
		await check(`${pair.file} (from "${pair.trigger}" in n8n start${pair.realN8n?.asShipped ? ', as shipped' : ''})`, async () => {
			const id = await session.runManually(pair.workflow.id, pair.trigger);
			const whileWaiting = pair.realN8n?.restartWhileWaiting ? restartN8n : undefined;
			const { execution, statusesSeen } = await followExecution(session, pair.workflow.id, id, 5 * 60_000, { whileWaiting });
			const runData = execution.data?.resultData?.runData;
			if (!runData) throw new Error(`no runData in execution ${id} (status ${execution.status})`);
			await pair.check(runData, { ...ctx, execution, statusesSeen });
			return `status ${execution.status}, n8n showed ${statusesSeen.join(' → ')}, ${((Date.now() - started) / 1000).toFixed(1)} s`;
		});
	}
}

/**
 * Workflows judged by n8n itself without running them: each node's type and version among the node types
 * n8n serves, its parameter issues as the editor computes them (that n8n's own NodeHelpers, defaults filled
 * in first), and its credentials' types and stored credentials.
 */
async function runValidateExamples(n8n, session, pairs) {
	const validated = pairs.filter((p) => p.run === 'validate');
	if (!validated.length) return;
	const served = (await session.call('GET', '/types/nodes.json')).json ?? [];
	const credentialTypes = new Set(((await session.call('GET', '/types/credentials.json')).json ?? []).map((c) => c.name));
	const stored = (await session.call('GET', '/rest/credentials')).json?.data ?? [];
	const { NodeHelpers } = require(path.join(n8nVersion(n8n.version).appDir, 'node_modules', 'n8n-workflow'));
	const describe = (node) => {
		const type = served.find((t) => t.name === node.type && [t.version].flat().includes(node.typeVersion));
		const parameters = type && NodeHelpers.getNodeParameters(type.properties, node.parameters, true, false, node, type);
		return {
			name: node.name,
			type: node.type,
			typeVersion: node.typeVersion,
			parameters: node.parameters,
			known: Boolean(type),
			issues: type ? NodeHelpers.getNodeParametersIssues(type.properties, { ...node, parameters }, type) : null,
			credentials: Object.entries(node.credentials ?? {}).map(([credentialType, { id }]) => ({
				type: credentialType,
				known: credentialTypes.has(credentialType) && Boolean(type?.credentials?.some((c) => c.name === credentialType)),
				stored: stored.some((c) => c.id === id && c.type === credentialType),
			})),
		};
	};
	for (const pair of validated) {
		await check(`${pair.file} (judged by n8n: node types and versions, parameter issues, credentials)`, async () => {
			const saved = (await session.call('GET', `/rest/workflows/${pair.workflow.id}`)).json?.data;
			if (!saved) throw new Error(`workflow ${pair.workflow.id} was not imported`);
			const nodes = saved.nodes.map(describe);
			await pair.check(nodes, emulatorContext());
			return `${nodes.length} nodes known, no issues`;
		});
	}
}

/** A submit workflow per provider run at once; the providers' callbacks reach the published receivers. */
async function runCallbackExamples(session, pairs) {
	for (const pair of pairs.filter((p) => p.run === 'callbacks')) {
		const ctx = emulatorContext();
		await ctx.resetEmulator();
		if (pair.emulator) await configureEmulator(pair.emulator);
		const started = Date.now();
		const receivers = new Set(pair.copies.map((c) => c.receiver.id));
		const posts = pair.copies.reduce((sum, c) => sum + pair.providers.find((p) => p.provider === c.provider).posts.length, 0);
		await check(`${pair.file} → ${pair.receiver}: ${posts} posts over ${pair.copies.map((c) => c.provider).join(', ')} (n8n start)`, async () => {
			const ids = await Promise.all(pair.copies.map((c) => session.runManually(c.submit.id, pair.trigger)));
			const ended = await Promise.all(ids.map((id, i) => followExecution(session, pair.copies[i].submit.id, id, 2 * 60_000)));
			const submissions = ended.map(({ execution }, i) => ({ provider: pair.copies[i].provider, status: execution.status, error: execution.data?.resultData?.error?.message }));
			// While the videos render, until the first callback starts a receiver's run: how many executions run.
			const runningWhileRendering = [];
			for (const deadline = Date.now() + 60_000; Date.now() < deadline; await sleep(250)) {
				const listed = await session.executions();
				if (listed.some((e) => receivers.has(e.workflowId))) break;
				runningWhileRendering.push(listed.filter((e) => e.status === 'running').length);
			}
			const receiverRuns = async () => (await Promise.all([...receivers].map((workflowId) => session.executions({ workflowId })))).flat();
			await pair.check({ ...ctx, submissions, runningWhileRendering, receiverRuns });
			const slowest = Math.max(...(await ctx.emulatorCallbacks()).map((c) => c.answeredInMs ?? 0));
			return `${runningWhileRendering.length} looks at n8n while rendering, none running; slowest answer to a callback ${(slowest / 1000).toFixed(1)} s; ${((Date.now() - started) / 1000).toFixed(1)} s`;
		});
	}
}

async function callWebhook(baseUrl, { method = 'POST', path: webhookPath, body, headers = {} }) {
	const hasBody = body !== undefined && !['GET', 'HEAD'].includes(method.toUpperCase());
	const response = await fetch(`${baseUrl}/webhook/${webhookPath}`, {
		method,
		headers: hasBody ? { 'content-type': 'application/json', ...headers } : headers,
		body: hasBody ? JSON.stringify(body) : undefined,
		signal: AbortSignal.timeout(5 * 60_000),
	});
	const contentType = response.headers.get('content-type') ?? '';
	const raw = Buffer.from(await response.arrayBuffer());
	let parsed = raw;
	if (contentType.includes('json')) parsed = JSON.parse(raw.toString('utf8') || 'null');
	else if (contentType.startsWith('text/')) parsed = raw.toString('utf8');
	return { status: response.status, headers: Object.fromEntries(response.headers), body: parsed };
}

/** Each search of NODE_CREATOR_SEARCHES in `panel` ('actions' or 'trigger'): the Hailuo nodes are listed. */
async function checkNodeCreatorSearch(page, n8n, panel, screenshotDir) {
	await editor.openNodeCreator(page, n8n.baseUrl, panel);
	for (const search of NODE_CREATOR_SEARCHES) {
		const wanted = search[panel];
		await check(`editor: typing "${search.query}" in the node creator (${panel === 'trigger' ? 'trigger panel of an empty workflow' : 'actions'}) lists ${wanted.join(', ')}`, async () => {
			const listed = await editor.searchNodeCreator(page, search.query, wanted);
			await page.screenshot({ path: path.join(screenshotDir, `node-creator-${panel}-${search.query}.png`) });
			const missing = wanted.filter((name) => !listed.includes(name));
			if (missing.length) throw new Error(`${missing.join(', ')} not listed; the node creator lists: ${listed.join(' | ') || 'nothing'}`);
			return `listed ${wanted.map((name) => `${name} #${listed.indexOf(name) + 1}`).join(', ')} of ${listed.length}`;
		});
	}
	await page.keyboard.press('Escape');
}

async function checkEditor(n8n, playwrightDir) {
	const example = JSON.parse(fs.readFileSync(path.join(PROJECT_DIR, EDITOR_EXAMPLE), 'utf8'));
	const hailuoNodes = example.nodes.filter((n) => n.type.startsWith('n8n-nodes-hailuo.')).map((n) => n.name);
	const screenshotDir = path.join(SCREENSHOT_DIR, `n8n-${n8n.version}`);
	fs.mkdirSync(screenshotDir, { recursive: true });
	const session = await editor.openEditor({ playwrightDir, baseUrl: n8n.baseUrl, owner: OWNER });
	const { page } = session;
	try {
		await checkNodeCreatorSearch(page, n8n, 'trigger', screenshotDir);
		await editor.openWorkflow(page, n8n.baseUrl, example.id, hailuoNodes);
		await checkNodeCreatorSearch(page, n8n, 'actions', screenshotDir);
		await editor.openWorkflow(page, n8n.baseUrl, example.id, hailuoNodes);
		await page.screenshot({ path: path.join(screenshotDir, 'image-to-video-canvas.png') });
		for (const name of hailuoNodes) {
			await check(`editor: "${name}" on the canvas with its name and the package's icon`, async () => {
				const node = await editor.describeCanvasNode(page, name);
				if (!node.text.includes(name)) throw new Error(`canvas node text is "${node.text}"`);
				editor.assertPackageIcon(node);
				return node.icon.src;
			});
		}

		await check('editor: node subtitles name the provider (and the model)', async () => {
			const subtitles = [];
			for (const name of hailuoNodes) {
				const { text } = await editor.describeCanvasNode(page, name);
				if (!text.includes('Atlas Cloud · ')) throw new Error(`"${name}" shows "${text}"`);
				subtitles.push(text.split('\n').pop());
			}
			const generate = await editor.describeCanvasNode(page, EDITOR_PANEL_NODE);
			if (!generate.text.includes(EDITOR_MODEL_NAME)) throw new Error(`"${EDITOR_PANEL_NODE}" shows "${generate.text}"`);
			return subtitles.join(' | ');
		});

		const panel = await editor.openNodePanel(page, EDITOR_PANEL_NODE);
		await page.waitForLoadState('networkidle');
		const labels = await editor.panelFieldLabels(panel);
		await page.screenshot({ path: path.join(screenshotDir, 'hailuo-generate-panel.png') });
		log(`${EDITOR_PANEL_NODE} panel fields, top to bottom: ${labels.join(' | ')}`);
		await check(`editor: ${EDITOR_PANEL_NODE} panel shows the provider and the model, in the order a user decides`, async () => {
			const positions = PANEL_ORDER.map((label) => labels.indexOf(label));
			if (positions.includes(-1) || positions.some((p, i) => i > 0 && p < positions[i - 1])) {
				throw new Error(`want ${PANEL_ORDER.join(' < ')}; panel has ${labels.join(', ')}`);
			}
			const provider = await editor.credentialShown(panel);
			const model = await editor.fieldValue(panel, 'model');
			if (!provider.includes('Atlas Cloud')) throw new Error(`Provider Account shows "${provider}"`);
			if (model !== EDITOR_MODEL_NAME) throw new Error(`Model shows "${model}"`);
			return `Provider Account "${provider}", Model "${model}"`;
		});
		await check(`editor: ${EDITOR_PANEL_NODE} panel offers every provider credential`, async () => {
			const picker = await editor.credentialPicker(page, panel);
			await page.screenshot({ path: path.join(screenshotDir, 'hailuo-generate-credentials.png') });
			await page.keyboard.press('Escape');
			log(`credential picker shows "${picker.shown}"; dropdown: ${picker.entries.join(' | ')}`);
			if (!/Atlas Cloud/.test(picker.shown)) throw new Error(`picker shows "${picker.shown}"`);
			const credentialNames = packageCredentialTypes().map((c) => c.displayName);
			const missing = credentialNames.filter((type) => !picker.entries.some((e) => e.includes(type)));
			if (missing.length) throw new Error(`dropdown lacks ${missing.join(', ')}: ${picker.entries.join(' | ')}`);
			return `shows "${picker.shown}"`;
		});
		await check('editor: no page errors or failed n8n requests', () => {
			if (session.problems.length) throw new Error(session.problems.slice(0, 10).join('\n'));
		});
		log(`screenshots in ${path.relative(PROJECT_DIR, screenshotDir)}/`);
		if (process.argv.includes('--update-readme-screenshots') && n8n.version === DEFAULT_N8N) {
			fs.mkdirSync(README_SCREENSHOT_DIR, { recursive: true });
			for (const file of README_SCREENSHOTS) fs.copyFileSync(path.join(screenshotDir, file), path.join(README_SCREENSHOT_DIR, file));
			log(`copied ${README_SCREENSHOTS.join(', ')} to ${path.relative(PROJECT_DIR, README_SCREENSHOT_DIR)}/`);
		}
	} finally {
		await session.close();
	}
}

// ---------------------------------------------------------------- main

/** Every phase on one n8n version, in a fresh run folder; the servers it started are stopped at the end. */
async function runOnN8n(version, playwrightDir) {
	const { runDir } = n8nVersion(version);
	const step = (name, body) => phase(`n8n ${version}: ${name}`, body);
	const n8n = createN8n(runDir, { version });
	let n8nServer = null;
	let emulator = null;
	try {
		fs.rmSync(runDir, { recursive: true, force: true });
		fs.mkdirSync(runDir, { recursive: true });
		await step('build, pack, install', () => installPackage(n8n));

		const pairs = await step('import', async () => {
			emulator = await startEmulator(runDir);
			const found = await pairExamplesWithExpectations(loadExamples(), loadExpectations(), { major: n8n.major });
			const chosen = ONLY ? found.filter((p) => p.file.includes(ONLY)) : found;
			if (chosen.length === 0) throw new Error(`--only=${ONLY} names no example`);
			await importEverything(n8n, chosen);
			return chosen;
		});

		await step('examples (n8n execute)', () => runExecuteExamples(n8n, pairs));

		n8nServer = await step('n8n start', () => n8n.start());
		const session = await step('owner setup, login', () => ownerSession(n8n.baseUrl, { version }));
		const restartN8n = async () => {
			await stopProcess(n8nServer);
			n8nServer = await n8n.start();
			return await ownerSession(n8n.baseUrl, { setup: false, version });
		};
		if (!ONLY) {
			await step('credential tests', async () => {
				await checkPackageLoaded(session);
				await runCredentialTests(n8n, session);
			});
		}
		await step('examples (webhook)', () => runWebhookExamples(n8n, pairs));
		await step('examples (chat)', () => runChatExamples(n8n, pairs));
		await step('examples (callbacks)', () => runCallbackExamples(session, pairs));
		await step('examples (manual, waiting)', () => runManualExamples(n8n, session, pairs, restartN8n));
		await step('examples (validate)', () => runValidateExamples(n8n, session, pairs));
		if (!ONLY) await step('editor (chromium)', () => checkEditor(n8n, playwrightDir));
	} catch (error) {
		if (!error.fatal) record(`n8n ${version}: unexpected error`, false, error.stack);
	} finally {
		if (n8nServer) await stopProcess(n8nServer);
		if (emulator) await stopProcess(emulator);
		n8n.removeEditorAssets();
	}
}

async function main() {
	const started = Date.now();
	const versions = versionsToRun();
	try {
		const { playwrightDir } = await phase('setup (cache)', () => prepareCache(versions));
		for (const version of versions) await runOnN8n(version, playwrightDir);
	} catch (error) {
		if (!error.fatal) record('unexpected error', false, error.stack);
	} finally {
		await stopAll();
	}
	printSummary((Date.now() - started) / 1000, versions.map((version) => n8nVersion(version).runDir));
	return exitCode();
}

runAsScript(main);
