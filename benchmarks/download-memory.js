#!/usr/bin/env node
// Memory of a video download: Wait for Result streams the MP4 into n8n's binary storage
// (filesystem mode), against a baseline in the same process that reads the same video into one
// Buffer, as a node using `encoding: 'arraybuffer'` would. Prints peak RSS growth and the ratio.
// Usage: node --expose-gc benchmarks/download-memory.js [sizeMB=300]
'use strict';

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { startEmulator } = require('../test/emulator');
const { useFilesystemBinaryData, runWorkflow, emulatorCredentials } = require('../test/harness');
const { chain, node, startWith, TYPES } = require('../test/harness/workflows');

const sizeMb = Number(process.argv[2] ?? 300);

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
				waitForCompletion: true, downloadVideo: true, pollInterval: 1,
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
		console.log(`video: ${sizeMb} MB (stored by n8n as ${stored.fileSize}, id ${stored.id ? 'on disk' : 'inline'}; baseline read ${Math.round(baselineBytes / 1024 / 1024)} MB)`);
		console.log(`peak RSS growth, Wait for Result download (streamed): ${streamed.toFixed(1)} MB`);
		console.log(`peak RSS growth, baseline whole-buffer download:      ${buffered.toFixed(1)} MB`);
		console.log(`ratio streamed / buffered: ${(streamed / buffered).toFixed(3)}`);
	} finally {
		await emulator.close();
		fs.rmSync(storage, { recursive: true, force: true });
	}
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
