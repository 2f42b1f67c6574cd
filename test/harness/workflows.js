// Small builders for test workflows: a linear chain of nodes with this package's credentials set.
'use strict';

const crypto = require('node:crypto');
const { providers, providerById, exampleCredential } = require('../registry');

/** A credential reference per provider; the harness serves the data by type. */
const CREDENTIAL_REFS = Object.fromEntries(
	providers().map((p) => [p.credentialType, { id: `cred-${p.id}`, name: `${p.displayName} (emulator)` }]),
);

const TYPES = {
	generate: 'n8n-nodes-hailuo.hailuoGenerate',
	wait: 'n8n-nodes-hailuo.hailuoWaitForResult',
	upload: 'n8n-nodes-hailuo.hailuoUpload',
	trigger: 'n8n-nodes-hailuo.hailuoTrigger',
	manualTrigger: 'n8n-nodes-base.manualTrigger',
};

/** A node; Hailuo nodes get every provider's credential reference (the provider picks one). */
function node(type, name, parameters = {}, extra = {}) {
	return {
		id: name.toLowerCase().replace(/\W+/g, '-'),
		name,
		type,
		typeVersion: 1,
		position: [0, 0],
		parameters,
		...(type.startsWith('n8n-nodes-hailuo.') ? { credentials: CREDENTIAL_REFS } : {}),
		...extra,
	};
}

/** Connects the nodes one after the other, behind a Manual Trigger named "Start". */
function chain(...nodes) {
	const all = [node(TYPES.manualTrigger, 'Start'), ...nodes];
	all.forEach((n, i) => (n.position = [i * 220, 0]));
	const connections = {};
	for (let i = 0; i < all.length - 1; i++) {
		connections[all[i].name] = { main: [[{ node: all[i + 1].name, type: 'main', index: 0 }]] };
	}
	return { id: 'test', name: 'test', nodes: all, connections, settings: { executionOrder: 'v1' } };
}

/** Nodes connected as given ([from, to] or [from, to, outputIndex]), the first behind a Manual Trigger "Start". */
function linked(nodes, links) {
	const all = [node(TYPES.manualTrigger, 'Start'), ...nodes];
	all.forEach((n, i) => (n.position = [i * 220, 0]));
	const connections = {};
	for (const [from, to, output = 0] of [['Start', nodes[0].name], ...links]) {
		const outputs = (connections[from] ??= { main: [] }).main;
		while (outputs.length <= output) outputs.push([]);
		outputs[output].push({ node: to, type: 'main', index: 0 });
	}
	return { id: 'test', name: 'test', nodes: all, connections, settings: { executionOrder: 'v1' } };
}

/** Input items for the Start node: pinned, so they can carry binary data. */
function startWith(items) {
	return { Start: items };
}

/** An inline binary property, as n8n stores small binaries in memory mode. */
function binary(buffer, mimeType, fileName) {
	return { data: buffer.toString('base64'), mimeType, fileName, fileSize: String(buffer.length) };
}

/**
 * The emulator renders in about a second, where automatic polling (the nodes' default) expects real
 * render times and would make its first check a minute in: example workflows run in tests with a
 * fixed 1 s interval instead, and a Check Once loop comes back as soon as a check is due (not after the
 * 70 s that make n8n save a waiting execution). Everything else in them is run as shipped.
 */
function withQuickPolling(workflow) {
	for (const n of workflow.nodes) {
		const type = n.type.replace(/Tool$/, ''); // the same nodes as AI Agent tools
		if (type === TYPES.wait || type === TYPES.generate) Object.assign(n.parameters, { polling: 'fixed', pollInterval: 1 });
		if (type === TYPES.wait && n.parameters.waitMode === 'checkOnce') n.parameters.minimumWait = 0;
	}
	return workflow;
}

/**
 * Copies of example workflows on another provider (same mode, the given model, the example credential of
 * that provider), with their own workflow and webhook ids, so copies for several providers can be
 * imported and active side by side. Workflows that belong together (a Trigger and the Generate sending
 * to its URL) are switched together.
 */
function onProvider(workflows, providerId, model) {
	const provider = providerById(providerId);
	let text = JSON.stringify(workflows);
	for (const n of workflows.flatMap((w) => w.nodes).filter((n) => n.webhookId)) {
		const tag = crypto.createHash('sha256').update(providerId).digest('hex').slice(0, 12);
		text = text.split(n.webhookId).join(`${n.webhookId.slice(0, -12)}${tag}`);
	}
	const copies = JSON.parse(text);
	for (const workflow of copies) {
		workflow.id = `${workflow.id.slice(0, 15)}${providerId.slice(0, 6)}`;
		workflow.name = `${workflow.name} — ${provider.displayName}`;
		for (const n of workflow.nodes.filter((n) => n.type.startsWith('n8n-nodes-hailuo.'))) {
			n.parameters.provider = providerId;
			if ('model' in n.parameters) n.parameters.model = model;
			n.credentials = { [provider.credentialType]: exampleCredential(provider) };
		}
	}
	return copies;
}

/** The workflow with its "Posts to Publish" node (a raw Set node) listing these posts. */
function withPosts(workflow, posts) {
	const list = workflow.nodes.find((n) => n.name === 'Posts to Publish');
	list.parameters.jsonOutput = JSON.stringify({ posts }, null, 2);
	return workflow;
}

/** The emulator and n8n addresses the examples hard-code (assets, /publish; a Hailuo Trigger's Production URL). */
const EXAMPLE_EMULATOR_URL = 'http://127.0.0.1:4010';
const EXAMPLE_N8N_URL = 'http://localhost:5678';

/**
 * The workflow pointed at another emulator (`emulatorUrl`) and, for a Trigger URL typed into Hailuo
 * Generate, another n8n (`n8nUrl`, e.g. a queue-mode webhook processor): every parameter holding the
 * examples' addresses is rewritten.
 */
function withUrls(workflow, { emulatorUrl = EXAMPLE_EMULATOR_URL, n8nUrl = EXAMPLE_N8N_URL } = {}) {
	const rewrite = (value) => {
		if (typeof value === 'string') return value.split(EXAMPLE_EMULATOR_URL).join(emulatorUrl).split(EXAMPLE_N8N_URL).join(n8nUrl);
		if (Array.isArray(value)) return value.map(rewrite);
		if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rewrite(v)]));
		return value;
	};
	for (const n of workflow.nodes) n.parameters = rewrite(n.parameters);
	return workflow;
}

module.exports = { node, chain, linked, startWith, binary, withQuickPolling, onProvider, withPosts, withUrls, TYPES, CREDENTIAL_REFS };
