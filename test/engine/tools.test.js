// Hailuo Generate and Wait for Result as AI Agent tools: what the LLM is offered and what it gets back
// (a stand-in for the AI Agent v3 runs the calls through n8n's engine, test/harness/agent.js).
'use strict';

const { useEmulator, runAgent, generate, wait, run, imageToVideo } = require('../helpers');

const { loadPackage } = require('../harness');

const ref = useEmulator();
const imageUrl = 'https://example.com/photo.jpg';
const parsed = (call) => JSON.parse(call.observation);

describe('dropped in with their defaults', () => {
	test('the LLM is offered the fields to choose, each with its allowed values, and what the tool does', async () => {
		const { tools } = await runAgent(ref.emulator, [
			generate({ provider: 'minimax' }, 'Hailuo Generate'),
			wait({ provider: 'minimax' }, 'Hailuo Wait for Result'),
		]);
		expect(tools).toMatchSnapshot();
	});

	test('Hailuo 3 in text to video: one duration key for Duration (Seconds), and the aspect ratio', async () => {
		const { tools } = await runAgent(ref.emulator, [generate({ provider: 'minimax', mode: 'textToVideo' }, 'Hailuo Generate')]);
		const { properties } = tools[0].parameters;
		expect(Object.keys(properties).sort()).toEqual(['aspectRatio', 'duration', 'model', 'prompt', 'resolution']);
		expect(properties.aspectRatio.description).toMatch(/one of: 21:9, 16:9, 4:3, 1:1, 3:4, 9:16\. Taken by Hailuo 3/);
		expect(properties.model.description).toMatch(/MiniMax-H3 \(Hailuo 3: 768P: 4–15 s; 2K: 4–15 s, with sound/);
	});

	test('references mode offers the three URL lists; no binary source is offered as a tool', async () => {
		const { tools } = await runAgent(ref.emulator, [generate({ provider: 'minimax', mode: 'references', model: 'MiniMax-H3' }, 'Hailuo Generate')]);
		const keys = Object.keys(tools[0].parameters.properties).sort();
		expect(keys).toEqual(['aspectRatio', 'duration', 'prompt', 'referenceAudioUrls', 'referenceImageUrls', 'referenceVideoUrls', 'resolution']);
	});

	test('fields the user set stay fixed: only the rest are offered', async () => {
		const { tools } = await runAgent(ref.emulator, [
			generate({ provider: 'minimax', mode: 'textToVideo', model: 'MiniMax-Hailuo-2.3', duration: 6, resolution: '768P' }, 'Hailuo Generate'),
		]);
		expect(Object.keys(tools[0].parameters.properties)).toEqual(['prompt']);
	});
});

describe('calls', () => {
	test('a tool never downloads the video (an agent takes no binary data), even where the panel had Download Video on', async () => {
		const { calls } = await runAgent(
			ref.emulator,
			[generate({ provider: 'minimax', mode: 'textToVideo', model: 'MiniMax-Hailuo-2.3', duration: 6, resolution: '768P', polling: 'fixed', pollInterval: 1, downloadVideo: true }, 'Hailuo Generate')],
			[{ tool: 'Hailuo Generate', input: { prompt: 'A kite' } }],
		);
		expect(parsed(calls[0])[0].videoUrl).toMatch(/^http/);
		expect(ref.emulator.requests.filter((r) => r.kind === 'video')).toHaveLength(0);
	});

	test("Generate's call creates one task with the LLM's choices and answers with the video URL", async () => {
		const { calls } = await runAgent(
			ref.emulator,
			[generate({ provider: 'minimax', polling: 'fixed', pollInterval: 1 }, 'Hailuo Generate')],
			[{ tool: 'Hailuo Generate', input: { model: 'MiniMax-Hailuo-2.3', prompt: 'A cat, [pan left]', firstFrameUrl: imageUrl, duration: 10, resolution: '768P' } }],
		);
		const creates = ref.emulator.providerRequests('minimax').filter((r) => r.method === 'POST');
		expect(creates).toHaveLength(1);
		expect(creates[0].body).toEqual(expect.objectContaining({ model: 'MiniMax-Hailuo-2.3', first_frame_image: imageUrl, duration: 10, resolution: '768P' }));
		const [answer] = parsed(calls[0]);
		expect(answer.videoUrl).toMatch(/^http/);
		expect(answer.status).toBe('succeeded');
	});

	test('Wait for Result finds the task the LLM names', async () => {
		const created = await runAgent(
			ref.emulator,
			[generate({ provider: 'minimax', waitForCompletion: false }, 'Hailuo Generate')],
			[{ tool: 'Hailuo Generate', input: { model: 'MiniMax-Hailuo-2.3', prompt: 'A cat', firstFrameUrl: imageUrl, duration: 6, resolution: 'default' } }],
		);
		const [{ taskId, model }] = parsed(created.calls[0]);
		const { calls } = await runAgent(ref.emulator, [wait({ provider: 'minimax' }, 'Hailuo Wait for Result')], [{ tool: 'Hailuo Wait for Result', input: { taskId, model } }]);
		const [answer] = parsed(calls[0]);
		expect(answer).toEqual(expect.objectContaining({ taskId, status: 'succeeded', videoUrl: expect.stringMatching(/^http/) }));
	});
});

describe('errors reach the LLM whole', () => {
	test('a bad duration comes back with the allowed values, and nothing is created', async () => {
		const { calls } = await runAgent(
			ref.emulator,
			[generate({ provider: 'minimax', mode: 'imageToVideo', model: 'MiniMax-Hailuo-2.3', prompt: "={{ $fromAI('prompt') }}", firstFrameUrl: imageUrl, duration: "={{ $fromAI('duration', '', 'number') }}", resolution: '1080P' }, 'Hailuo Generate')],
			[{ tool: 'Hailuo Generate', input: { prompt: 'A cat', duration: 10 } }],
		);
		const [{ error }] = JSON.parse(calls[0].observation);
		expect(error).toMatch(/cannot render 10 s at 1080P/);
		expect(error).toMatch(/Allowed duration × resolution: 768P: 6 or 10 s; 1080P: 6 s/);
		expect(ref.emulator.providerRequests()).toHaveLength(0);
	});

	test('a timeout names the created task, says it is billed and not to create it again', async () => {
		const { calls } = await runAgent(
			ref.emulator,
			[generate({ provider: 'minimax', mode: 'textToVideo', model: 'MiniMax-Hailuo-2.3', prompt: "={{ $fromAI('prompt') }}", waitForCompletion: true, polling: 'fixed', pollInterval: 1, timeout: 2 }, 'Hailuo Generate')],
			[{ tool: 'Hailuo Generate', input: { prompt: 'slow @never', duration: 6, resolution: '768P' } }],
		);
		const [{ error }] = JSON.parse(calls[0].observation);
		const creates = ref.emulator.providerRequests('minimax').filter((r) => r.method === 'POST');
		expect(creates).toHaveLength(1);
		expect(error).toMatch(/Task \S+ is still \w+ after 2 s/);
		expect(error).toMatch(/keeps running \(and is billed\) at the provider: do not create it again/);
		expect(error).toMatch(/Hailuo Wait for Result later with this task ID/);
	});

	test('the AI Agent v2.2 sees them too: a failure is the tool\'s answer, not a thrown error (which v2.2 hands over empty)', async () => {
		const { calls } = await runAgent(
			ref.emulator,
			[generate({ provider: 'minimax', mode: 'textToVideo', model: 'MiniMax-Hailuo-2.3', prompt: "={{ $fromAI('prompt') }}", duration: "={{ $fromAI('duration', '', 'number') }}", resolution: '1080P' }, 'Hailuo Generate')],
			[{ tool: 'Hailuo Generate', input: { prompt: 'A cat', duration: 10 } }],
			{ asV2: true },
		);
		const [{ error }] = JSON.parse(calls[0].observation);
		expect(error).toMatch(/Allowed duration × resolution: 768P: 6 or 10 s; 1080P: 6 s/);
	});

	test('outside an agent the error keeps its message and description apart', async () => {
		const result = await run(ref.emulator, [
			generate({ provider: 'minimax', mode: 'imageToVideo', model: 'MiniMax-Hailuo-2.3', prompt: 'x', firstFrameUrl: imageUrl, duration: 10, resolution: '1080P' }),
		]);
		const error = result.nodeError('Generate');
		expect(error.message).not.toMatch(/Allowed/);
		expect(error.description).toMatch(/Allowed duration × resolution/);
	});
});

test('Hailuo Upload is not offered as a tool (it reads an input binary; a tool receives JSON only)', () => {
	const offered = Object.entries(loadPackage().nodes)
		.filter(([, node]) => node.description.usableAsTool)
		.map(([type]) => type);
	expect(offered).toEqual(['n8n-nodes-hailuo.hailuoGenerate', 'n8n-nodes-hailuo.hailuoWaitForResult']);
});

test('Check Once as a tool answers each task on its one output: ready with the URL, still rendering with when to ask again, failed with why', async () => {
	const items = [{ json: { prompt: 'a @duration:0' } }, { json: { prompt: 'b @never' } }, { json: { prompt: 'c @fail:1026' } }];
	const created = await run(ref.emulator, [imageToVideo(ref)('minimax', '={{ $json.prompt }}')], { items });
	const tasks = created.output('Generate').map((item) => ({ taskId: item.json.taskId, model: item.json.model }));
	const { calls } = await runAgent(
		ref.emulator,
		[wait({ provider: 'minimax', waitMode: 'checkOnce', minimumWait: 0 }, 'Hailuo Wait for Result')],
		tasks.map((input) => ({ tool: 'Hailuo Wait for Result', input })),
	);
	const [[ready], [rendering], [failed]] = calls.map(parsed);
	expect(ready).toMatchObject({ taskId: tasks[0].taskId, status: 'succeeded', videoUrl: expect.stringMatching(/^http/) });
	expect(ready.answer).toBe(`Ready: the video is at videoUrl (${ready.videoUrl}).`);
	expect(rendering.answer).toMatch(new RegExp(`^Still rendering \\(\\w+\\): ask again for this taskId after ${rendering.nextCheckAt.replace(/[.]/g, '\\.')}; do not create it again\\.$`));
	expect(failed).toMatchObject({ taskId: tasks[2].taskId, status: 'failed' });
	expect(failed.answer).toMatch(/^Failed: .*\[1026\]/);
});
