#!/usr/bin/env node
// Part 3 — memory of a video download: Generate with Wait for Completion streams a 1 GB MP4 into
// n8n's binary storage (filesystem mode), against a baseline in the same process that reads the
// same video into one Buffer, as a node using `encoding: 'arraybuffer'` would. Prints peak RSS growth
// of each and the ratio.
// Usage: node --expose-gc benchmarks/download-memory.js [--quick]
'use strict';

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { startEmulator } = require('../test/emulator');
const { useFilesystemBinaryData, runWorkflow, emulatorCredentials } = require('../test/harness');
const { chain, node, startWith, TYPES } = require('../test/harness/workflows');
const { QUICK, line, runPart } = require('./lib');

const sizeMb = QUICK ? 100 : 1024;

/** Runs `work` while sampling RSS; returns the peak growth over the RSS at the start, in MB. */
async function peakRssGrowth(work) {
	global.gc?.();
	const start = process.memoryUsage().rss;
	let peak = start;
	const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
	try {
		await work();
	} finally {
		clearInterval(sampler);
	}
	peak = Math.max(peak, process.memoryUsage().rss);
	return (peak - start) / 1024 / 1024;
}

async function main() {
	const storage = fs.mkdtempSync(path.join(os.tmpdir(), 'hailuo-bench-binary-'));
	await useFilesystemBinaryData(storage);
	const emulator = await startEmulator({ port: 0, taskDurationMs: 0 });
	emulator.configure({ videoSizeBytes: sizeMb * 1024 * 1024 });
	try {
		const workflow = chain(
			node(TYPES.generate, 'Generate', {
				provider: 'minimax', mode: 'textToVideo', model: 'MiniMax-Hailuo-2.3', prompt: 'benchmark',
				waitForCompletion: true, downloadVideo: true, polling: 'fixed', pollInterval: 1,
			}),
		);
		let stored;
		let videoUrl;
		const streamed = await peakRssGrowth(async () => {
			const result = await runWorkflow(workflow, { credentials: emulatorCredentials(emulator), pinData: startWith([{ json: {} }]) });
			if (result.status !== 'success') throw new Error(result.error?.message ?? result.status);
			const [item] = result.output('Generate');
			stored = item.binary.data;
			videoUrl = item.json.videoUrl;
		});
		let baselineBytes = 0;
		const buffered = await peakRssGrowth(async () => {
			const response = await fetch(videoUrl);
			const whole = Buffer.from(await response.arrayBuffer());
			baselineBytes = whole.length;
		});
		console.log(`Part 3: a ${sizeMb} MB video (stored by n8n as ${stored.fileSize}, ${stored.id ? 'on disk' : 'inline'}; baseline read ${Math.round(baselineBytes / 1024 / 1024)} MB)`);
		line('peak RSS growth, streamed download (goal ≤ 64 MB)', streamed.toFixed(1), 'MB');
		line('peak RSS growth, baseline whole-buffer download', buffered.toFixed(1), 'MB');
		line('ratio streamed / buffered', (streamed / buffered).toFixed(3));
	} finally {
		await emulator.close();
		fs.rmSync(storage, { recursive: true, force: true });
	}
}

runPart(main);
