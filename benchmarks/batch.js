#!/usr/bin/env node
// Part 2 — a batch at the provider's limits. 200 tasks through Generate → Wait for Result against an
// account that takes a limited number of creates per window (refusing the rest with 429 and
// Retry-After) and renders a limited number at once (queueing the rest), scaled down in time so the
// run takes about a minute. The lower bound is the ideal schedule of those two limits: creates in
// bursts of the allowed size, one window apart; each render starting when its create is through and
// a render slot is free. Prints wall time, the bound and their ratio, and checks that every item was
// created exactly once and every video delivered.
// Usage: node benchmarks/batch.js [--quick]
'use strict';

const { startEmulator } = require('../test/emulator');
const { QUICK, numberedItems, workflowOf, runOk, timed, line, runPart, node, TYPES } = require('./lib');

const PROVIDER = 'atlasCloud';
const TASKS = QUICK ? 40 : 200;
const CREATES_PER_WINDOW = 20;
const WINDOW_MS = 3000;
const RENDER_CAPACITY = 20;
const RENDER_MS = 4000;

/** When the last video can be ready at best: creates in bursts per window, renders in the free slots. */
function lowerBoundMs() {
	const renderEnds = [];
	for (let k = 0; k < TASKS; k++) {
		const created = Math.floor(k / CREATES_PER_WINDOW) * WINDOW_MS;
		const slotFree = k >= RENDER_CAPACITY ? renderEnds[k - RENDER_CAPACITY] : 0;
		renderEnds.push(Math.max(created, slotFree) + RENDER_MS);
	}
	return Math.max(...renderEnds);
}

async function main() {
	const emulator = await startEmulator({
		port: 0,
		taskDurationMs: RENDER_MS,
		rateLimits: { [PROVIDER]: { createsPerMinute: CREATES_PER_WINDOW, retryAfter: true } },
		rateWindowMs: WINDOW_MS,
		renderCapacity: { [PROVIDER]: RENDER_CAPACITY },
	});
	try {
		const workflow = workflowOf(
			[
				node(TYPES.generate, 'Generate', { provider: PROVIDER, mode: 'textToVideo', model: 'minimax/hailuo-2.3/t2v-standard', prompt: '={{ "clip " + $json.n }}' }),
				// Renders are scaled down to seconds, so the checks are too.
				node(TYPES.wait, 'Wait', { provider: PROVIDER, polling: 'fixed', pollInterval: 1, timeout: 900 }),
			],
			[['Generate', 'Wait']],
		);
		const { seconds, value: result } = await timed(() => runOk(emulator, workflow, numberedItems(TASKS)));
		const delivered = result.output('Wait').filter((item) => item.json.status === 'succeeded').length;
		const counts = Object.values(emulator.createCounts(PROVIDER));
		const createdOnce = counts.length === TASKS && counts.every((count) => count === 1);
		const bound = lowerBoundMs() / 1000;
		console.log(
			`Part 2: ${TASKS} tasks, ${CREATES_PER_WINDOW} creates per ${WINDOW_MS / 1000} s window (429 + Retry-After), ${RENDER_CAPACITY} renders at once, ${RENDER_MS / 1000} s each`,
		);
		line('videos delivered', `${delivered} of ${TASKS}`);
		line('every item created exactly once', createdOnce ? 'yes' : `no (${counts.length} items created)`);
		line('refused creates (paced and sent again)', emulator.refusals(PROVIDER).length);
		line('wall time', seconds.toFixed(1), 's');
		line('lower bound of the rate limit and render capacity', bound.toFixed(1), 's');
		line('ratio wall / bound (goal ≤ 1.10)', (seconds / bound).toFixed(3));
		if (delivered !== TASKS || !createdOnce) process.exitCode = 1;
	} finally {
		await emulator.close();
	}
}

runPart(main);
