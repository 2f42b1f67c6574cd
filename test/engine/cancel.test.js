// Waiting stops promptly when the execution is cancelled, and status words that mean "not yet" keep it polling.
'use strict';

const { useEmulator, run, wait, imageToVideo } = require('../helpers');

const ref = useEmulator();
const i2v = imageToVideo(ref);

test('cancelling the execution stops Wait for Result within about a second', async () => {
	let cancelledAt;
	const result = await run(ref.emulator, [i2v('minimax', 'forever @never'), wait({ provider: 'minimax', pollInterval: 5, timeout: 600 })], {
		onStart: (running) => {
			setTimeout(() => {
				cancelledAt = Date.now();
				running.cancel();
			}, 1500);
		},
	});
	const stoppedAfterMs = Date.now() - cancelledAt;
	expect(result.status).toBe('canceled');
	expect(stoppedAfterMs).toBeLessThan(2500);
	// No more status checks once cancelled.
	const checksAfterCancel = ref.emulator.providerRequests('minimax').filter((r) => r.method === 'GET' && Date.parse(r.at) > cancelledAt + 1200);
	expect(checksAfterCancel).toHaveLength(0);
});

test.each([
	['atlasCloud', 'pending'],
	['atlasCloud', 'running'],
	['atlasCloud', 'created'],
	['apiInOne', 'IN_PROGRESS'],
	['apiInOne', 'pending'],
	['minimax', 'Queueing'],
	['minimax', 'Preparing'],
	['seaArt', 'IN_QUEUE'],
])('%s status word "%s" keeps the task waiting until it succeeds', async (provider, word) => {
	ref.emulator.configure({ taskDurationMs: 1200 });
	const result = await run(ref.emulator, [i2v(provider, `x @status:${word}`), wait({ provider, pollInterval: 1 })]);
	expect(result.status).toBe('success');
	expect(result.output('Wait')[0].json.status).toBe('succeeded');
	const statusChecks = ref.emulator.providerRequests(provider).filter((r) => r.method === 'GET');
	expect(statusChecks.length).toBeGreaterThanOrEqual(2);
});
