// Shared setup of the engine tests: one emulator per test file, a workflow runner with its credentials.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { startEmulator } = require('./emulator');
const { runWorkflow, emulatorCredentials, binaryBuffer } = require('./harness');
const { node, chain, startWith, binary, TYPES } = require('./harness/workflows');
const { agentWorkflow } = require('./harness/agent');
const { providerCases } = require('./registry');

/** Per-provider models used by the generic tests, from the registry. */
const PROVIDER_CASES = providerCases();

const fixture = (name) => fs.readFileSync(path.join(__dirname, 'fixtures', name));

/** Starts an emulator for the test file and resets it before each test. */
function useEmulator(options = {}) {
	const ref = {};
	beforeAll(async () => {
		ref.emulator = await startEmulator({ port: 0, taskDurationMs: 0, ...options });
	});
	afterAll(async () => ref.emulator?.close());
	beforeEach(() => {
		ref.emulator.reset();
		if (options.taskDurationMs !== undefined) ref.emulator.configure({ taskDurationMs: options.taskDurationMs });
		else ref.emulator.configure({ taskDurationMs: 0 });
	});
	return ref;
}

/** Runs Start → nodes with the given input items and emulator credentials. */
async function run(emulator, nodes, { items = [{ json: {} }], credentials, onStart } = {}) {
	const workflow = chain(...nodes);
	return await runWorkflow(workflow, {
		credentials: credentials ?? emulatorCredentials(emulator),
		pinData: startWith(items),
		onStart,
	});
}

/**
 * Runs Start → a stand-in AI Agent with `tools` (Hailuo nodes of their `<type>Tool` variant) and the
 * scripted calls [{ tool, input }]: resolves with { tools (what the LLM is offered), calls (each with its observation) }.
 */
async function runAgent(emulator, tools, calls = [], { items = [{ json: {} }], asV2 = false } = {}) {
	const asTools = tools.map((t) => ({ ...t, type: `${t.type}Tool` }));
	const result = await runWorkflow(agentWorkflow(asTools, calls, node(TYPES.manualTrigger, 'Start'), { asV2 }), {
		credentials: emulatorCredentials(emulator),
		pinData: startWith(items),
	});
	if (result.status !== 'success') throw new Error(`The agent run ended ${result.status}: ${result.error?.message}`);
	return result.output('Agent')[0].json;
}

const generate = (parameters, name = 'Generate', extra) => node(TYPES.generate, name, parameters, extra);
const wait = (parameters, name = 'Wait', extra) =>
	node(TYPES.wait, name, { polling: 'fixed', pollInterval: 1, timeout: 30, ...parameters }, extra);
const upload = (parameters, name = 'Upload', extra) => node(TYPES.upload, name, parameters, extra);

/** `(provider, prompt, extra)` → Hailuo Generate animating the emulator's sample image with the provider's test model. */
function imageToVideo(ref) {
	return (provider, prompt = 'A calm lake', extra = {}) =>
		generate({ provider, mode: 'imageToVideo', model: PROVIDER_CASES[provider].i2v, prompt, firstFrameUrl: `${ref.emulator.url}/assets/sample.jpg`, ...extra });
}

/** An input item with an image fixture in binary field `data` (or `property`). */
function imageItem(name = 'sample.jpg', json = {}, property = 'data') {
	const mimeType = { jpg: 'image/jpeg', png: 'image/png', webp: 'image/webp', gif: 'image/gif' }[name.split('.').pop()];
	return { json, binary: { [property]: binary(fixture(name), mimeType, name) } };
}

module.exports = {
	PROVIDER_CASES,
	useEmulator,
	run,
	runAgent,
	generate,
	imageToVideo,
	wait,
	upload,
	imageItem,
	fixture,
	binaryBuffer,
	emulatorCredentials,
};
