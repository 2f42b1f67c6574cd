#!/usr/bin/env node
// Part 1 — calls and latency of waiting. The same batch of MiniMax tasks (renders spread over
// 60–120 s, seeded, so every variant gets the same render times) waited for four ways, all at once in
// one process, each against its own emulator:
//   automatic   Generate → Wait for Result, automatic checks (the default)
//   fixed 10 s  Generate → Wait for Result, Check Every 10 s (the baseline: the old default)
//   loop 2 s    Generate → HTTP Request (status) → IF Success → HTTP Request (file), else Wait 2 s → back
//   loop 30 s   the same loop with Wait 30 s
// Prints status checks and all API calls per task, and p50/p95 of "ready → seen": from the moment a
// task was finished at the emulator to the first status answer that could tell the client so.
// Usage: node benchmarks/polling.js [--quick]
'use strict';

const { startEmulator } = require('../test/emulator');
const { QUICK, numberedItems, workflowOf, runOk, timed, percentile, line, runPart, node, TYPES } = require('./lib');

const TASKS = QUICK ? 4 : 40;
const RENDER_MS = QUICK ? [6000, 12000] : [60_000, 120_000];
const PROVIDER = 'minimax';
const MODEL = 'MiniMax-Hailuo-2.3';
const QUERY = '/v1/query/video_generation';

const generate = () =>
	node(TYPES.generate, 'Generate', { provider: PROVIDER, mode: 'textToVideo', model: MODEL, prompt: '={{ "clip " + $json.n }}' });

const withWaitForResult = (polling) =>
	workflowOf([generate(), node(TYPES.wait, 'Wait', { provider: PROVIDER, timeout: 900, ...polling })], [['Generate', 'Wait']]);

/** The loop a user builds from n8n's own nodes: check, and if not done, wait and check again. */
function plainLoop(emulator, waitSeconds) {
	const auth = { sendHeaders: true, headerParameters: { parameters: [{ name: 'Authorization', value: `Bearer ${emulator.apiKeys[PROVIDER]}` }] } };
	const base = emulator.baseUrls[PROVIDER];
	return workflowOf(
		[
			generate(),
			node('n8n-nodes-base.httpRequest', 'Status', { method: 'GET', url: `=${base}${QUERY}?task_id={{ $json.task_id ?? $json.taskId }}`, ...auth, options: {} }, { typeVersion: 4.2 }),
			node('n8n-nodes-base.if', 'Done?', { conditions: { string: [{ value1: '={{ $json.status }}', value2: 'Success' }] } }, { typeVersion: 1 }),
			node('n8n-nodes-base.httpRequest', 'File', { method: 'GET', url: `=${base}/v1/files/retrieve?file_id={{ $json.file_id }}`, ...auth, options: {} }, { typeVersion: 4.2 }),
			node('n8n-nodes-base.wait', 'Pause', { resume: 'timeInterval', amount: waitSeconds, unit: 'seconds' }, { typeVersion: 1.1, webhookId: `pause-${waitSeconds}` }),
		],
		[['Generate', 'Status'], ['Status', 'Done?'], ['Done?', 'File', 0], ['Done?', 'Pause', 1], ['Pause', 'Status']],
	);
}

/** Status checks, API calls and ready → seen latencies of the tasks an emulator ran. */
function figuresOf(emulator) {
	const api = emulator.providerRequests(PROVIDER);
	const queries = api.filter((r) => r.route === QUERY);
	const tasks = api.filter((r) => r.taskId).map((r) => emulator.task(PROVIDER, r.taskId));
	const readyToSeen = tasks.map((task) => {
		const readyAt = (task.startAt ?? task.createdAt) + task.durationMs;
		const seen = queries.find((q) => q.query.task_id === task.id && Date.parse(q.at) >= readyAt);
		return (Date.parse(seen.at) - readyAt) / 1000;
	});
	return {
		statusPerTask: queries.length / tasks.length,
		callsPerTask: api.length / tasks.length,
		p50: percentile(readyToSeen, 50),
		p95: percentile(readyToSeen, 95),
	};
}

async function main() {
	const variants = [
		{ name: 'automatic', workflow: () => withWaitForResult({ polling: 'automatic' }) },
		{ name: 'fixed 10 s', workflow: () => withWaitForResult({ polling: 'fixed', pollInterval: 10 }) },
		{ name: 'loop, Wait 2 s', workflow: (emulator) => plainLoop(emulator, 2) },
		{ name: 'loop, Wait 30 s', workflow: (emulator) => plainLoop(emulator, 30) },
	];
	const emulators = await Promise.all(variants.map(() => startEmulator({ port: 0, taskDurationMs: RENDER_MS, seed: 7 })));
	try {
		console.log(`Part 1: ${TASKS} MiniMax tasks per variant, renders ${RENDER_MS.map((ms) => ms / 1000).join('–')} s, all variants at once`);
		const runs = await Promise.all(
			variants.map(async (variant, i) => (await timed(() => runOk(emulators[i], variant.workflow(emulators[i]), numberedItems(TASKS)))).seconds),
		);
		const figures = variants.map((variant, i) => ({ ...variant, wall: runs[i], ...figuresOf(emulators[i]) }));
		console.log(`  ${'variant'.padEnd(16)} ${'status/task'.padStart(11)} ${'calls/task'.padStart(10)} ${'p50 ready→seen'.padStart(15)} ${'p95'.padStart(7)} ${'wall'.padStart(7)}`);
		for (const f of figures) {
			console.log(
				`  ${f.name.padEnd(16)} ${f.statusPerTask.toFixed(2).padStart(11)} ${f.callsPerTask.toFixed(2).padStart(10)} ${`${f.p50.toFixed(1)} s`.padStart(15)} ${`${f.p95.toFixed(1)} s`.padStart(7)} ${`${f.wall.toFixed(0)} s`.padStart(7)}`,
			);
		}
		const [automatic, fixed] = figures;
		line('ratio automatic / fixed 10 s, status checks (goal ≤ 0.5)', (automatic.statusPerTask / fixed.statusPerTask).toFixed(3));
		line('ratio automatic / fixed 10 s, p95 ready→seen (goal ≤ 1.0)', (automatic.p95 / fixed.p95).toFixed(3));
	} finally {
		await Promise.all(emulators.map((emulator) => emulator.close()));
	}
}

runPart(main);
