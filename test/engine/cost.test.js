// The cost of every task: Generate's estimatedCost (from the catalog's published prices), kept by Wait
// for Result and the Hailuo Trigger, and Max Cost per Run refusing a batch before anything is paid for.
'use strict';

const { useEmulator, run, wait, generate } = require('../helpers');
const { serveTrigger, emulatorCredentials } = require('../harness');
const { chain, node, TYPES } = require('../harness/workflows');

const ref = useEmulator({ taskDurationMs: 300 });
const FAL_23 = 'fal-ai/minimax/hailuo-2.3/standard/image-to-video';
const fal = (extra = {}) =>
	generate({ provider: 'fal', mode: 'imageToVideo', model: FAL_23, prompt: '={{ $json.prompt }}', firstFrameSource: 'url', firstFrameUrl: `${ref.emulator.url}/assets/sample.jpg`, duration: '={{ $json.duration }}', resolution: '768P', ...extra });
const items = (...durations) => durations.map((duration, n) => ({ json: { prompt: `clip ${n}`, duration } }));
const creates = (provider) => ref.emulator.providerRequests(provider).filter((r) => r.taskId);
const FAL_BASIS = /^fal\.ai price of 2026-11-23: \$0\.28 per 6 s video at 768P \(https:\/\/fal\.ai\/models\/fal-ai\/minimax\/hailuo-2\.3\/standard\/image-to-video\/llms\.txt\)$/;

test('Generate outputs estimatedCost from the published price, and Wait for Result keeps it', async () => {
	const result = await run(ref.emulator, [fal(), wait({ provider: 'fal' })], { items: items(6, 10) });
	expect(result.status).toBe('success');
	const costs = result.output('Generate').map((item) => item.json.estimatedCost);
	expect(costs[0]).toEqual({ amount: 0.28, currency: 'USD', basis: expect.stringMatching(FAL_BASIS) });
	expect(costs[1]).toEqual(expect.objectContaining({ amount: 0.56, currency: 'USD' }));
	expect(result.output('Wait').map((item) => item.json.estimatedCost)).toEqual(costs);
});

test('a price per second is multiplied out (fal.ai Hailuo 02 at 512P: $0.017 a second)', async () => {
	const result = await run(ref.emulator, [fal({ model: 'fal-ai/minimax/hailuo-02/standard/image-to-video', resolution: '512P' })], { items: items(10) });
	expect(result.output('Generate')[0].json.estimatedCost).toEqual({ amount: 0.17, currency: 'USD', basis: expect.stringContaining('$0.017 a second at 512P, 10 s') });
});

test('a model without a known price says so (amount null)', async () => {
	const result = await run(ref.emulator, [fal({ model: 'fal-ai/minimax/hailuo-02/pro/image-to-video', resolution: '1080P' })], { items: items(6) });
	expect(result.output('Generate')[0].json.estimatedCost).toEqual({
		amount: null,
		currency: null,
		basis: 'No published fal.ai price is known for fal-ai/minimax/hailuo-02/pro/image-to-video at 1080P, 6 s',
	});
});

describe('Max Cost per Run', () => {
	test('a batch over the limit is refused before any create, naming the total and the most expensive items', async () => {
		const result = await run(ref.emulator, [fal({ maxCostPerRun: 1 })], { items: items(6, 10, 10, 6) });
		expect(result.status).toBe('error');
		const error = result.nodeError('Generate');
		expect(error.message).toBe('The batch would cost about $1.68, above Max Cost per Run ($1.00): nothing was sent');
		expect(error.description).toMatch(/^Most expensive: item 1: \$0\.56 \(fal\.ai price .*\); item 2: \$0\.56 .*; item 0: \$0\.28 .*\. Raise the limit/);
		expect(creates('fal')).toHaveLength(0);
	});

	test('a batch within the limit is sent', async () => {
		const result = await run(ref.emulator, [fal({ maxCostPerRun: 1 })], { items: items(6, 6) });
		expect(result.status).toBe('success');
		expect(creates('fal')).toHaveLength(2);
	});

	test('a batch with an item of unknown price cannot be checked: refused, naming the item', async () => {
		const result = await run(ref.emulator, [fal({ model: 'fal-ai/minimax/hailuo-02/pro/image-to-video', resolution: '1080P', maxCostPerRun: 5 })], { items: items(6) });
		const error = result.nodeError('Generate');
		expect(error.message).toBe('The cost of the batch cannot be checked against Max Cost per Run ($5.00): nothing was sent');
		expect(error.description).toContain('1 item(s) without a known price (item 0: No published fal.ai price is known');
		expect(creates('fal')).toHaveLength(0);
	});
});

test('the Hailuo Trigger\'s item carries the same estimate', async () => {
	const trigger = await serveTrigger(chain(node(TYPES.trigger, 'Trigger', { provider: 'fal' })), 'Trigger', { credentials: emulatorCredentials(ref.emulator) });
	try {
		await run(ref.emulator, [fal({ sendResultsTo: 'hailuoTrigger', triggerUrl: trigger.url })], { items: items(10) });
		for (let waited = 0; trigger.emitted.length === 0 && waited < 5000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
		expect(trigger.emitted[0].json.estimatedCost).toEqual(expect.objectContaining({ amount: 0.56, currency: 'USD' }));
	} finally {
		await trigger.close();
	}
});
