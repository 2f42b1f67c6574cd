// Every example workflow of examples/ run through n8n's engine against the emulator, with the same
// checks a real n8n run must pass (test/n8n/expectations.js), plus what only the harness can see.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { ExecutionLifecycleHooks } = require('n8n-core');
const { startEmulator } = require('./emulator');
const os = require('node:os');
const { runWorkflow, loadWorkflow, emulatorCredentials, binaryBuffer, useFilesystemBinaryData, loadPackage, serveTrigger } = require('./harness');
const { onProvider, withPosts, TYPES } = require('./harness/workflows');
const expectations = require('./n8n/expectations');
const { PUBLISHING_CREDENTIALS, publishingCredentialData } = require('./n8n/credentials');

const ROOT = path.resolve(__dirname, '..');
const EXAMPLE_FILES = fs
	.readdirSync(path.join(ROOT, 'examples'))
	.filter((f) => f.endsWith('.json'))
	.map((f) => `examples/${f}`)
	.sort();

const { providers, providerById, providerCases, exampleCredential } = require('./registry');

let emu;
beforeAll(async () => {
	emu = await startEmulator({ port: 0, taskDurationMs: 0 });
});
afterAll(async () => emu?.close());
beforeEach(() => emu.reset());

const ctx = () => ({
	emulatorUrl: emu.url,
	video: emu.videoBytes,
	videoBytes: emu.videoBytes.length,
	emulatorRequests: async () => emu.requests,
	resetEmulator: async () => emu.reset(),
});
const expectation = (file) => expectations.find((e) => e.file === file);

async function runExample(file, options = {}) {
	// The emulator's limits the expectation runs under (reset before each test).
	if (expectation(file)?.emulator) emu.configure(expectation(file).emulator);
	const workflow = loadWorkflow(file, emu.url);
	return await runWorkflow(workflow, { credentials: { ...emulatorCredentials(emu), ...publishingCredentialData(emu.url) }, ...options });
}

/** Runs with the Respond to Webhook responses captured (n8n sends them through the `sendResponse` hook). */
async function runCapturing(run) {
	const responses = [];
	const original = ExecutionLifecycleHooks.prototype.runHook;
	const spy = jest.spyOn(ExecutionLifecycleHooks.prototype, 'runHook').mockImplementation(async function (name, args) {
		if (name === 'sendResponse') responses.push(args[0]);
		return await original.call(this, name, args);
	});
	try {
		return { result: await run(), responses };
	} finally {
		spy.mockRestore();
	}
}

const runCapturingResponses = async (file, options) => await runCapturing(() => runExample(file, options));

/** The items a Webhook node (v2) outputs for a JSON POST. */
const webhookItems = (body) => [
	{ json: { headers: { 'content-type': 'application/json' }, params: {}, query: {}, body, webhookUrl: 'http://localhost:5678/webhook/hailuo-video', executionMode: 'production' } },
];

describe('the example files', () => {
	const baseDir = path.dirname(require.resolve('n8n-nodes-base/package.json'));
	const basePkg = require('n8n-nodes-base/package.json');
	const baseFile = (type) =>
		basePkg.n8n.nodes.find((f) => path.basename(f, '.node.js').toLowerCase() === type.replace('n8n-nodes-base.', '').toLowerCase());
	const hailuoNodes = loadPackage().nodes;
	const hailuoVersions = Object.fromEntries(Object.entries(hailuoNodes).map(([type, n]) => [type.split('.')[1], [n.description.version].flat()]));

	test.each(EXAMPLE_FILES)('%s is importable: id, settings, node types and versions, credentials, layout', (file) => {
		const workflow = JSON.parse(fs.readFileSync(path.join(ROOT, file), 'utf8'));
		expect(workflow.id).toMatch(/^[A-Za-z0-9]{1,21}$/); // n8n accepts workflow ids of up to 21 characters
		expect(workflow.settings).toEqual(expect.objectContaining({ executionOrder: 'v1' }));
		const names = new Set();
		const ids = new Set();
		for (const node of workflow.nodes) {
			expect(names.has(node.name)).toBe(false);
			expect(ids.has(node.id)).toBe(false);
			names.add(node.name);
			ids.add(node.id);
			expect(node.position).toEqual([expect.any(Number), expect.any(Number)]);
			// A Hailuo node as an AI Agent tool is the `<type>Tool` n8n derives from it (same versions and parameters).
			const hailuoType = node.type.replace(/Tool$/, '');
			if (node.type.startsWith('n8n-nodes-hailuo.')) {
				expect(hailuoVersions[hailuoType.split('.')[1]]).toContain(node.typeVersion);
				const provider = node.parameters.provider;
				const { credentialType } = providerById(provider);
				expect(node.credentials).toEqual({ [credentialType]: exampleCredential(providerById(provider)) });
				const known = new Set(hailuoNodes[hailuoType].description.properties.map((p) => p.name));
				for (const name of Object.keys(node.parameters)) expect(`${node.name}: ${name} ${known.has(name)}`).toBe(`${node.name}: ${name} true`);
			} else if (node.type.startsWith('@n8n/n8n-nodes-langchain.')) {
				// n8n's AI nodes are not a dependency here: the real-n8n test imports and runs them (test/n8n).
				expect(node.credentials === undefined || Object.keys(node.credentials).length === 1).toBe(true);
			} else {
				expect(node.type).toMatch(/^n8n-nodes-base\./);
				const relative = baseFile(node.type);
				expect(relative).toBeDefined();
				const nodeType = new (Object.values(require(path.join(baseDir, relative)))[0])();
				const versions = nodeType.nodeVersions ? Object.keys(nodeType.nodeVersions).map(Number) : [nodeType.description.version].flat();
				expect(versions).toContain(node.typeVersion);
				// n8n's own publishing nodes use the stored credentials the real-n8n test imports.
				for (const [type, reference] of Object.entries(node.credentials ?? {})) expect({ type, reference }).toEqual({ type, reference: PUBLISHING_CREDENTIALS[type] });
				const versioned = nodeType.nodeVersions ? nodeType.nodeVersions[node.typeVersion] : nodeType;
				const known = new Set(versioned.description.properties.map((p) => p.name));
				for (const name of Object.keys(node.parameters)) expect(`${node.name}: ${name} ${known.has(name)}`).toBe(`${node.name}: ${name} true`);
			}
		}
		for (const [from, outputs] of Object.entries(workflow.connections)) {
			expect(names.has(from)).toBe(true);
			for (const target of Object.values(outputs).flat(2)) expect(names.has(target.node)).toBe(true);
		}
		const notes = workflow.nodes.filter((n) => n.type === 'n8n-nodes-base.stickyNote');
		expect(notes.length).toBeGreaterThan(0);
		expect(notes.map((n) => n.parameters.content).join('\n')).toMatch(/Automatic/); // says how the checks are timed
		// Flow nodes run left to right: every connection goes to a node further right, but a loop's way back from a Wait node
		// (an AI Agent's model and tools sit below it, as n8n draws them).
		const byName = Object.fromEntries(workflow.nodes.map((n) => [n.name, n]));
		for (const [from, { main = [] }] of Object.entries(workflow.connections)) {
			if (byName[from].type === 'n8n-nodes-base.wait') continue;
			for (const target of main.flat()) expect(byName[target.node].position[0]).toBeGreaterThan(byName[from].position[0]);
		}
		// No sticky note covers a node (nodes are about 100 × 100).
		for (const note of notes) {
			const [x, y] = note.position;
			const { width, height } = note.parameters;
			for (const node of workflow.nodes.filter((n) => n.type !== 'n8n-nodes-base.stickyNote')) {
				const [nx, ny] = node.position;
				const overlaps = nx < x + width && nx + 100 > x && ny < y + height && ny + 100 > y;
				expect({ note: note.name, node: node.name, overlaps }).toEqual({ note: note.name, node: node.name, overlaps: false });
			}
		}
	});

	test('every example has an expectation for a real n8n, and every expectation an example', () => {
		expect(expectations.flatMap((e) => [e.file, e.receiver ?? []].flat()).sort()).toEqual(EXAMPLE_FILES);
	});
});

describe('examples run through the engine', () => {
	test('image-to-video: upload, generate, the MP4 as binary', async () => {
		const result = await runExample('examples/image-to-video.json');
		expect(result.status).toBe('success');
		const [item] = result.output('Hailuo Wait for Result');
		expect(binaryBuffer(item).equals(emu.videoBytes)).toBe(true);
		expect(item.json.videoUrl).toBe(`${emu.url}/files/atlasCloud/${item.json.taskId}.mp4`);
		await expectation('examples/image-to-video.json').check(result.run.data.resultData.runData, ctx());
	});

	test('social-pipeline: from the Schedule Trigger, two posts published, the failing one logged', async () => {
		const result = await runExample('examples/social-pipeline.json', { startNode: 'Every Morning' });
		expect(result.status).toBe('success');
		expect(result.executedNodes()).toContain('Every Morning');
		expect(result.executedNodes()).not.toContain('Test Run');
		const videos = result.output('Hailuo Wait for Result', 0);
		expect(videos).toHaveLength(2);
		for (const item of videos) {
			expect(item.json.videoUrl).toBe(`${emu.url}/files/minimax/${item.json.taskId}.mp4`);
			expect(binaryBuffer(item).equals(emu.videoBytes)).toBe(true);
		}
		const failedTaskId = result.output('Hailuo Generate')[2].json.taskId;
		expect(result.output('Log Failed Video')).toEqual([
			expect.objectContaining({
				json: { taskId: failedTaskId, caption: 'This post fails on purpose (see the note)', error: expect.stringMatching(/\[1026\]/), failedAt: expect.any(String) },
			}),
		]);
		const posts = emu.requests.filter((r) => r.kind === 'publish');
		expect(posts.map((p) => p.body.multipart.fields)).toEqual([
			{ caption: 'Storm season at the lighthouse #coast' },
			{ caption: 'Quiet morning in the harbour #travel' },
		]);
		expect(posts.map((p) => p.body.multipart.files[0].size)).toEqual([emu.videoBytes.length, emu.videoBytes.length]);
		await expectation('examples/social-pipeline.json').check(result.run.data.resultData.runData, ctx());
	});

	test('social-pipeline: the Test Run trigger (what `n8n execute` starts from) gives the same run', async () => {
		const result = await runExample('examples/social-pipeline.json', { startNode: 'Test Run' });
		expect(result.status).toBe('success');
		await expectation('examples/social-pipeline.json').check(result.run.data.resultData.runData, ctx());
	});

	test('scheduled-submit + publish-when-ready: posts over every provider that calls back, each published once through its Hailuo Trigger', async () => {
		const spec = expectation('examples/scheduled-submit.json');
		emu.configure({ ...spec.emulator, taskDurationMs: 1000 }); // nothing to look at while they render here
		const credentials = emulatorCredentials(emu);
		const shipped = [loadWorkflow(spec.file, emu.url), loadWorkflow(spec.receiver, emu.url)];
		const receiverRuns = [];
		const triggers = [];
		try {
			const submissions = await Promise.all(
				spec.providers.map(async ({ provider, model, posts }) => {
					const [submit, receiver] = onProvider(shipped, provider, model);
					const triggerNode = receiver.nodes.find((n) => n.type === TYPES.trigger);
					// Each callback the Trigger accepts starts a run of the receiver, as n8n would.
					const startRun = (items) => {
						const run = { status: 'running' };
						receiverRuns.push(run);
						runWorkflow(receiver, { credentials, startNode: triggerNode.name, pinData: { [triggerNode.name]: items } }).then((result) => (run.status = result.status));
					};
					const trigger = await serveTrigger(receiver, triggerNode.name, { credentials, onEmit: startRun });
					triggers.push(trigger);
					// This n8n's Production URL of the Trigger, as the example gives it, is the harness's trigger server here.
					const local = JSON.parse(JSON.stringify(withPosts(submit, posts)).split(`http://localhost:5678/webhook/${triggerNode.webhookId}/hailuo`).join(trigger.url).split('http://127.0.0.1:4010').join(emu.url));
					const result = await runWorkflow(local, { credentials, startNode: spec.trigger });
					expect(result.executedNodes()).toEqual(['Every Morning', 'Posts to Publish', 'One Item per Post', 'Hailuo Generate']);
					return { provider, status: result.status, error: result.run.data.resultData.error?.message };
				}),
			);
			await spec.check({ ...ctx(), submissions, receiverRuns: async () => receiverRuns, emulatorCallbacks: async () => emu.callbacks });
		} finally {
			await Promise.all(triggers.map((t) => t.close()));
		}
	});

	const imageToVideo = expectation('examples/image-to-video.json');
	const shippedProvider = (file) => JSON.parse(fs.readFileSync(path.join(ROOT, file), 'utf8')).nodes.find((n) => n.type === TYPES.generate).parameters.provider;
	const otherProviders = providers().map((p) => p.id).filter((id) => id !== shippedProvider(imageToVideo.file));
	test.each(otherProviders)('image-to-video on %s: Upload, Generate and Wait for Result as shipped', async (provider) => {
		const [workflow] = onProvider([loadWorkflow(imageToVideo.file, emu.url)], provider, providerCases()[provider].i2v);
		const result = await runWorkflow(workflow, { credentials: emulatorCredentials(emu) });
		expect(result.status).toBe('success');
		await imageToVideo.checkOnProvider(result.run.data.resultData.runData, ctx(), provider);
	});

	test('webhook-to-video: responds with the video URL and task ID', async () => {
		const { request, check } = expectation('examples/webhook-to-video.json');
		const body = { ...request.body, imageUrl: request.body.imageUrl.replace('http://127.0.0.1:4010', emu.url) };
		const { result, responses } = await runCapturingResponses('examples/webhook-to-video.json', {
			startNode: 'Webhook',
			pinData: { Webhook: webhookItems(body) },
		});
		expect(result.status).toBe('success');
		expect(responses).toHaveLength(1);
		const [{ statusCode, body: responseBody }] = responses;
		const taskId = result.output('Hailuo Generate')[0].json.taskId;
		expect({ statusCode, responseBody }).toEqual({
			statusCode: 200,
			responseBody: { videoUrl: `${emu.url}/files/apiInOne/${taskId}.mp4`, taskId },
		});
		expect(result.executedNodes()).not.toContain('Respond with Error');
		await check({ status: statusCode, body: responseBody }, ctx());
	});

	test('webhook-to-video: a failed video answers 502 with the error and task ID', async () => {
		const { result, responses } = await runCapturingResponses('examples/webhook-to-video.json', {
			startNode: 'Webhook',
			pinData: { Webhook: webhookItems({ imageUrl: `${emu.url}/assets/sample.jpg`, prompt: 'A storm @fail:content_policy' }) },
		});
		expect(result.status).toBe('success');
		const taskId = result.output('Hailuo Generate')[0].json.taskId;
		expect(responses).toEqual([
			expect.objectContaining({ statusCode: 502, body: { error: expect.stringMatching(new RegExp(`Task ${taskId} failed`)), taskId } }),
		]);
		expect(result.executedNodes()).not.toContain('Respond with Video');
	});

	test('webhook-to-video: a request the node refuses (no image URL) answers 502 before anything is paid for', async () => {
		const { result, responses } = await runCapturingResponses('examples/webhook-to-video.json', {
			startNode: 'Webhook',
			pinData: { Webhook: webhookItems({ prompt: 'A storm over the sea' }) },
		});
		expect(result.status).toBe('success');
		expect(responses).toEqual([
			expect.objectContaining({ statusCode: 502, body: { error: expect.stringMatching(/First Frame Image URL is empty/), taskId: null } }),
		]);
		expect(emu.providerRequests('apiInOne').filter((r) => r.method === 'POST')).toHaveLength(0);
		expect(result.executedNodes()).not.toContain('Hailuo Wait for Result');
	});

	test('first-last-frame: both images reach MiniMax Hailuo 02, the MP4 comes back', async () => {
		const result = await runExample('examples/first-last-frame.json');
		expect(result.status).toBe('success');
		const [item] = result.output('Hailuo Wait for Result');
		expect(binaryBuffer(item).equals(emu.videoBytes)).toBe(true);
		await expectation('examples/first-last-frame.json').check(result.run.data.resultData.runData, ctx());
	});

	test('hailuo3-scheduled-post: a Hailuo 3 video with sound from a reference image, published, on MiniMax and on Replicate', async () => {
		const file = 'examples/hailuo3-scheduled-post.json';
		const result = await runExample(file, { startNode: 'Test Run' });
		expect(result.status).toBe('success');
		await expectation(file).check(result.run.data.resultData.runData, ctx());
		for (const { provider, model } of expectation(file).alsoOn) {
			emu.reset();
			const [copy] = onProvider([loadWorkflow(file, emu.url)], provider, model);
			const onHost = await runWorkflow(copy, { credentials: emulatorCredentials(emu), startNode: 'Test Run' });
			expect(onHost.status).toBe('success');
			await expectation(file).checkOnProvider(onHost.run.data.resultData.runData, ctx(), provider);
		}
	});

	test('publish-to-telegram: n8n\'s Telegram node sends the downloaded Hailuo 3 MP4 to the Bot API stand-in, byte for byte', async () => {
		const file = 'examples/publish-to-telegram.json';
		const result = await runExample(file);
		expect(result.status).toBe('success');
		await expectation(file).check(result.run.data.resultData.runData, ctx());
	});

	// YouTube (OAuth2) and the Graph API (a fixed host) cannot post here: without their credentials the run
	// stops at the publishing node, before any request, after Hailuo made the 9:16 video it was given.
	test.each([
		['examples/publish-to-youtube-shorts.json', 'Upload to YouTube', 'minimax', 'youTubeOAuth2Api'],
		['examples/publish-to-instagram-reels.json', 'Create Reels Container', 'waveSpeed', 'facebookGraphApi'],
	])('%s: Hailuo 3 makes the 9:16 video, and "%s" receives it', async (file, publisher, provider, credentialType) => {
		const workflow = loadWorkflow(file, emu.url);
		const result = await runWorkflow(workflow, { credentials: emulatorCredentials(emu) });
		expect(result.status).toBe('error');
		expect(result.executedNodes().at(-1)).toBe(publisher);
		expect(result.nodeError(publisher).message).toMatch(new RegExp(credentialType));
		const [video] = result.output('Hailuo Wait for Result');
		expect(video.json).toEqual(expect.objectContaining({ status: 'succeeded', provider, aspectRatio: '9:16', hasSound: true, videoUrl: expect.stringContaining(emu.url) }));
		expect(Boolean(video.binary?.data)).toBe(publisher === 'Upload to YouTube'); // YouTube takes the file, Instagram fetches the URL
		const creates = emu.providerRequests(provider).filter((r) => r.taskId);
		expect(creates).toHaveLength(1);
		expect(JSON.stringify(creates[0].body)).toMatch(/"(aspect_ratio|ratio)":"9:16"/);
	});
});

// Last: switches this test file's engine to n8n's filesystem binary mode for good.
describe('in n8n\'s filesystem binary mode (binary data as references, as a real n8n prints it)', () => {
	let storage;
	beforeAll(async () => {
		storage = fs.mkdtempSync(path.join(os.tmpdir(), 'hailuo-examples-'));
		await useFilesystemBinaryData(storage);
	});
	afterAll(() => fs.rmSync(storage, { recursive: true, force: true }));

	test('durable-loop: the items go round the Wait node until every video is ready, and each is published once', async () => {
		const result = await runExample('examples/durable-loop.json');
		expect(result.status).toBe('success');
		await expectation('examples/durable-loop.json').check(result.run.data.resultData.runData, ctx());
	});

	test.each([
		['examples/social-pipeline.json', 'Test Run'],
		['examples/first-last-frame.json', undefined],
	])('%s passes its real-n8n expectation', async (file, startNode) => {
		const result = await runExample(file, { startNode });
		expect(result.status).toBe('success');
		const [video] = result.output('Hailuo Wait for Result');
		expect(video.binary.data).toEqual(expect.objectContaining({ id: expect.stringMatching(/^filesystem/), bytes: emu.videoBytes.length }));
		await expectation(file).check(result.run.data.resultData.runData, ctx());
	});
});
