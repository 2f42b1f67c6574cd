#!/usr/bin/env node
// Part 4 — CPU time of the nodes per item. 10 000 items through Hailuo Generate (creates only, the
// emulator answering at once) against a baseline in the same process that sends the same create
// calls with n8n's HTTP Request node. The emulator runs in a child process so that only the n8n side
// is measured. Prints CPU time per item of each and what Generate adds per item beyond the HTTP call.
// Usage: node benchmarks/cpu.js [--quick]
'use strict';

const { spawn } = require('node:child_process');
const path = require('node:path');
const { QUICK, numberedItems, workflowOf, runOk, httpRequestNode, line, runPart, node, TYPES } = require('./lib');
const minimaxEmulation = require('../test/emulator/providers/minimax');

const ITEMS = QUICK ? 1000 : 10_000;
const WARM_UP_ITEMS = 200;
const MODEL = 'MiniMax-Hailuo-2.3';
const API_KEY = minimaxEmulation.apiKey;

/** The emulator in a child process; resolves with its URL, its task count and a way to stop it. */
async function startEmulatorProcess() {
	const child = spawn(process.execPath, [path.join(__dirname, '..', 'test', 'emulator', 'cli.js'), '--port', '0', '--task-duration-ms', '0'], {
		stdio: ['ignore', 'pipe', 'inherit'],
	});
	const url = await new Promise((resolve, reject) => {
		child.once('exit', (code) => reject(new Error(`emulator exited with ${code}`)));
		child.stdout.on('data', (chunk) => {
			const match = /listening on (http:\/\/\S+)/.exec(String(chunk));
			if (match) resolve(match[1]);
		});
	});
	const taskCount = async () => (await (await fetch(`${url}/__emulator/health`)).json()).tasks;
	return { url, taskCount, stop: () => child.kill('SIGTERM') };
}

/** CPU milliseconds (user + system) of this process while `work` runs. */
async function cpuMs(work) {
	const before = process.cpuUsage();
	await work();
	const used = process.cpuUsage(before);
	return (used.user + used.system) / 1000;
}

/** CPU milliseconds of `work`, which must create a MiniMax task per item at the emulator (checked, not assumed). */
async function measureCreates(emulator, work) {
	const before = await emulator.taskCount();
	const ms = await cpuMs(work);
	const created = (await emulator.taskCount()) - before;
	if (created !== ITEMS) throw new Error(`${created} tasks created for ${ITEMS} items`);
	return ms;
}

async function main() {
	const emulator = await startEmulatorProcess();
	// What the harness needs of an emulator to fill in credentials: its URL.
	const target = { url: emulator.url };
	try {
		const generate = workflowOf(
			[node(TYPES.generate, 'Generate', { provider: 'minimax', mode: 'textToVideo', model: MODEL, prompt: '={{ "clip " + $json.n }}' })],
			[],
		);
		// The same create call Generate sends (body and Bearer key), batched so 10 000 requests do not
		// open 10 000 sockets at once (Generate itself sends at most four at a time).
		const httpRequest = workflowOf(
			[
				httpRequestNode('Create', {
					method: 'POST',
					url: `${emulator.url}/minimax/v1/video_generation`,
					apiKey: API_KEY,
					jsonBody: `={{ JSON.stringify({ model: "${MODEL}", prompt: "clip " + $json.n, duration: 6, resolution: "768P" }) }}`,
					options: { batching: { batch: { batchSize: 50, batchInterval: 0 } } },
				}),
			],
			[],
		);
		for (const workflow of [generate, httpRequest]) await runOk(target, workflow, numberedItems(WARM_UP_ITEMS));
		const baseline = await measureCreates(emulator, () => runOk(target, httpRequest, numberedItems(ITEMS)));
		const ours = await measureCreates(emulator, () => runOk(target, generate, numberedItems(ITEMS)));
		console.log(`Part 4: CPU time over ${ITEMS} items (emulator in a child process)`);
		line('Hailuo Generate, CPU per item', (ours / ITEMS).toFixed(3), 'ms');
		line('baseline: HTTP Request node, same creates, per item', (baseline / ITEMS).toFixed(3), 'ms');
		line('Generate beyond the HTTP call, per item (goal ≤ 1 ms)', ((ours - baseline) / ITEMS).toFixed(3), 'ms');
		line('ratio Generate / HTTP Request', (ours / baseline).toFixed(3));
	} finally {
		emulator.stop();
	}
}

runPart(main);
