#!/usr/bin/env node
// Speed of waiting for a batch: one Wait for Result over N items (one polling loop for all tasks)
// against a baseline in the same process that waits for the same N tasks one after another, as
// a node polling each item in turn would. Prints both times and the ratio.
// Usage: node benchmarks/polling.js [items=10] [taskSeconds=2]
'use strict';

const { startEmulator } = require('../test/emulator');
const { runWorkflow, emulatorCredentials } = require('../test/harness');
const { chain, node, startWith, TYPES } = require('../test/harness/workflows');

const items = Number(process.argv[2] ?? 10);
const taskSeconds = Number(process.argv[3] ?? 2);

const generate = node(TYPES.generate, 'Generate', { provider: 'seaArt', mode: 'textToVideo', model: 'minimax_hailuo_23_t2v', prompt: '={{ "clip " + $json.n }}' });
const wait = node(TYPES.wait, 'Wait', { provider: 'seaArt', pollInterval: 1, timeout: 600 });

async function timed(work) {
	const started = process.hrtime.bigint();
	await work();
	return Number(process.hrtime.bigint() - started) / 1e9;
}

async function runOnce(emulator, workflow, inputs) {
	const result = await runWorkflow(workflow, { credentials: emulatorCredentials(emulator), pinData: startWith(inputs) });
	if (result.status !== 'success') throw new Error(result.error?.message ?? result.status);
	return result;
}

async function main() {
	const emulator = await startEmulator({ port: 0, taskDurationMs: taskSeconds * 1000 });
	try {
		const inputs = Array.from({ length: items }, (_, n) => ({ json: { n } }));
		const batch = await timed(() => runOnce(emulator, chain(generate, wait), inputs));
		const oneByOne = await timed(async () => {
			for (const input of inputs) await runOnce(emulator, chain(generate, wait), [input]);
		});
		console.log(`${items} tasks of ${taskSeconds} s each (SeaArt emulator), polling every 1 s`);
		console.log(`one Wait for Result over all items: ${batch.toFixed(2)} s`);
		console.log(`baseline, one task after another:   ${oneByOne.toFixed(2)} s`);
		console.log(`ratio batch / one-by-one: ${(batch / oneByOne).toFixed(3)}`);
	} finally {
		await emulator.close();
	}
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
