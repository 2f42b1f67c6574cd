// Hailuo Generate and Wait for Result as AI Agent tools: what the LLM is offered and what it gets back
// (a stand-in for the AI Agent v3 runs the calls through n8n's engine, test/harness/agent.js).
'use strict';

const { useEmulator, runAgent, generate, run } = require('../helpers');

const ref = useEmulator();
const imageUrl = 'https://example.com/photo.jpg';

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
			[{ tool: 'Hailuo Generate', input: { prompt: 'slow @never' } }],
		);
		const [{ error }] = JSON.parse(calls[0].observation);
		const creates = ref.emulator.providerRequests('minimax').filter((r) => r.method === 'POST');
		expect(creates).toHaveLength(1);
		expect(error).toMatch(/Task \S+ is still \w+ after 2 s/);
		expect(error).toMatch(/keeps running \(and is billed\) at the provider: do not create it again/);
		expect(error).toMatch(/Hailuo Wait for Result later with this task ID/);
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
