#!/usr/bin/env node
// Part 1 — calls and latency of waiting. The same batch of MiniMax tasks (renders drawn from 60–120 s
// with one seed, so every variant gets the same render times) waited for four ways, all at once in one
// process, each against its own emulator (so its request log and tasks are its own):
//   automatic    Generate → Wait for Result, automatic checks (the default)
//   fixed 10 s   Generate → Wait for Result, Check Every 10 s (the baseline)
//   loop 2 s     Generate → HTTP Request (MiniMax status) → IF Success → done, else Wait 2 s → back
//   loop 30 s    the same loop with Wait 30 s
// Prints status checks and all API calls per task, and p50/p95 of "ready → seen": from the moment the
// emulator finished a task to the first status answer that told the client so (emulator.readyToSeen).
// Usage: node benchmarks/polling.js [--quick]
'use strict';

const { startEmulator } = require('../test/emulator');
const { QUICK, numberedItems, workflowOf, runOk, timed, percentile, httpRequestNode, line, runPart, node, TYPES } = require('./lib');

const TASKS = QUICK ? 4 : 20;
// Quick renders are too short for automatic checks (they expect real render times): a smoke run only.
const RENDER_MS = QUICK ? [6000, 12_000] : [60_000, 120_000];
const SEED = 7;
const PROVIDER = 'minimax';
const MODEL = 'MiniMax-Hailuo-2.3';
const STATUS_ROUTE = '/v1/query/video_generation';

const generate = () =>
	node(TYPES.generate, 'Generate', { provider: PROVIDER, mode: 'textToVideo', model: MODEL, prompt: '={{ "clip " + $json.n }}' });

const withWaitForResult = (polling) => () =>
	workflowOf([generate(), node(TYPES.wait, 'Wait', { provider: PROVIDER, timeout: 900, ...polling })], [['Generate', 'Wait']]);

/**
 * The loop a user builds from n8n's own nodes: ask MiniMax for the status; if not Success, pause and ask
 * again. The first pass reads Generate's `taskId`, later ones the previous answer's `task_id`.
 */
const plainLoop = (pauseSeconds) => (emulator) =>
	workflowOf(
		[
			generate(),
			httpRequestNode('Status', {
				url: `=${emulator.baseUrls[PROVIDER]}${STATUS_ROUTE}?task_id={{ $json.task_id ?? $json.taskId }}`,
				apiKey: emulator.apiKeys[PROVIDER],
			}),
			node('n8n-nodes-base.if', 'Succeeded?', { conditions: { string: [{ value1: '={{ $json.status }}', value2: 'Success' }] } }),
			node('n8n-nodes-base.wait', 'Pause', { resume: 'timeInterval', amount: pauseSeconds, unit: 'seconds' }, { typeVersion: 1.1, webhookId: `pause-${pauseSeconds}` }),
		],
		[['Generate', 'Status'], ['Status', 'Succeeded?'], ['Succeeded?', 'Pause', 1], ['Pause', 'Status']],
	);

const VARIANTS = [
	{ name: 'automatic', workflow: withWaitForResult({ polling: 'automatic' }) },
	{ name: 'fixed 10 s', workflow: withWaitForResult({ polling: 'fixed', pollInterval: 10 }) },
	{ name: 'loop, Wait 2 s', workflow: plainLoop(2) },
	{ name: 'loop, Wait 30 s', workflow: plainLoop(30) },
];

/** Status checks and API calls per task, and ready → seen percentiles (s), from one variant's emulator. */
function figuresOf(emulator) {
	const calls = emulator.providerRequests(PROVIDER);
	const rows = emulator.readyToSeen(PROVIDER);
	const unseen = rows.filter((row) => row.seenAt === null).length;
	if (rows.length !== TASKS || unseen) throw new Error(`${rows.length} of ${TASKS} tasks succeeded, ${unseen} never seen as done`);
	const seconds = rows.map((row) => row.ms / 1000);
	return {
		statusPerTask: calls.filter((call) => call.route === STATUS_ROUTE).length / TASKS,
		callsPerTask: calls.length / TASKS,
		p50: percentile(seconds, 50),
		p95: percentile(seconds, 95),
	};
}

const COLUMNS = [
	['variant', 16, (f) => f.name],
	['status/task', 11, (f) => f.statusPerTask.toFixed(2)],
	['calls/task', 10, (f) => f.callsPerTask.toFixed(2)],
	['p50 ready→seen', 15, (f) => `${f.p50.toFixed(1)} s`],
	['p95', 7, (f) => `${f.p95.toFixed(1)} s`],
	['wall', 6, (f) => `${f.wall.toFixed(0)} s`],
];
const row = (cells) => console.log(`  ${cells.map((cell, i) => (i === 0 ? cell.padEnd(COLUMNS[i][1]) : cell.padStart(COLUMNS[i][1]))).join(' ')}`);

async function main() {
	const emulators = await Promise.all(VARIANTS.map(() => startEmulator({ port: 0, taskDurationMs: RENDER_MS, seed: SEED })));
	try {
		console.log(`Part 1: ${TASKS} MiniMax tasks per variant, renders ${RENDER_MS.map((ms) => ms / 1000).join('–')} s (seed ${SEED}), all variants at once`);
		const walls = await Promise.all(
			VARIANTS.map(async (variant, i) => (await timed(() => runOk(emulators[i], variant.workflow(emulators[i]), numberedItems(TASKS)))).seconds),
		);
		const figures = VARIANTS.map((variant, i) => ({ name: variant.name, wall: walls[i], ...figuresOf(emulators[i]) }));
		row(COLUMNS.map(([title]) => title));
		for (const f of figures) row(COLUMNS.map(([, , cell]) => cell(f)));
		const [automatic, fixed] = figures;
		line('automatic / fixed 10 s, status checks (goal ≤ 0.5)', (automatic.statusPerTask / fixed.statusPerTask).toFixed(3));
		line('automatic / fixed 10 s, all API calls', (automatic.callsPerTask / fixed.callsPerTask).toFixed(3));
		line('automatic / fixed 10 s, p95 ready→seen (goal ≤ 1.0)', (automatic.p95 / fixed.p95).toFixed(3));
	} finally {
		await Promise.all(emulators.map((emulator) => emulator.close()));
	}
}

runPart(main);
