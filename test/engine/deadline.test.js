// The Timeout gives up on no task without a last look: at the deadline every task still waiting is
// checked once more, and only one still unfinished times out, with the status that check saw.
// MiniMax 768P 6 s renders are typically 90 s, so automatic polling's first check (at 70 % of that)
// lies far beyond these Timeouts of a few seconds.
'use strict';

const { useEmulator, run, wait, imageToVideo } = require('../helpers');

const ref = useEmulator();
const i2v = imageToVideo(ref);
const statusChecks = () => ref.emulator.providerRequests('minimax').filter((r) => r.route === '/v1/query/video_generation');
const twoItems = [{ json: { caption: 'a' } }, { json: { caption: 'b' } }];

describe('Wait for Result, automatic polling', () => {
	test('videos ready before the deadline are delivered at the deadline, not timed out', async () => {
		ref.emulator.configure({ taskDurationMs: 500 });
		const result = await run(ref.emulator, [i2v('minimax', 'a quick clip'), wait({ provider: 'minimax', polling: 'automatic', timeout: 2 })], { items: twoItems });
		expect(result.status).toBe('success');
		expect(result.output('Wait').map((item) => [item.json.caption, item.json.status])).toEqual([['a', 'succeeded'], ['b', 'succeeded']]);
		// One check each, at the deadline.
		expect(statusChecks()).toHaveLength(2);
	});

	test('a task still rendering at the deadline times out with the status its last check saw', async () => {
		const result = await run(
			ref.emulator,
			[i2v('minimax', 'slow @never'), wait({ provider: 'minimax', polling: 'automatic', timeout: 2 }, 'Wait', { onError: 'continueRegularOutput' })],
		);
		const [item] = result.output('Wait');
		expect(item.json).toMatchObject({ status: 'timedOut', providerStatus: 'Processing' });
		expect(item.json.error).toMatch(/Task \S+ is still Processing after 2 s \[TIMEOUT\]/);
		expect(statusChecks()).toHaveLength(1);
	});
});

test("Generate's wait mode: a video ready before the deadline is delivered", async () => {
	ref.emulator.configure({ taskDurationMs: 500 });
	const result = await run(ref.emulator, [i2v('minimax', 'a quick clip', { waitForCompletion: true, polling: 'automatic', timeout: 3 })], { items: twoItems });
	expect(result.status).toBe('success');
	expect(result.output('Generate').map((item) => [item.json.caption, item.json.status])).toEqual([['a', 'succeeded'], ['b', 'succeeded']]);
});

test('Check Once: a task still rendering is due again no later than its deadline', async () => {
	const result = await run(ref.emulator, [i2v('minimax', 'slow @never'), wait({ provider: 'minimax', waitMode: 'checkOnce', polling: 'automatic', timeout: 4, minimumWait: 0 })]);
	const [item] = result.output('Wait', 1);
	const deadline = Date.parse(item.json.submittedAt) + 4000;
	expect(Date.parse(item.json.nextCheckAt)).toBeLessThanOrEqual(deadline);
	expect(Date.parse(item.json.resumeAt)).toBeLessThanOrEqual(deadline);
});
