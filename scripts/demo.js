#!/usr/bin/env node
// The demo: runs examples/image-to-video.json through n8n's engine against the local provider
// emulator (nothing here reaches the internet), writes the MP4 and prints what happened.
// `npm run demo` builds the package first.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { startEmulator } = require('../test/emulator');
const { runWorkflow, loadWorkflow, emulatorCredentials, binaryBuffer } = require('../test/harness');

const WORKFLOW = 'examples/image-to-video.json';
const OUTPUT_DIR = path.join(__dirname, '..', '.output');

async function main() {
	const emulator = await startEmulator({ port: 0, taskDurationMs: 3000 });
	try {
		const workflow = loadWorkflow(WORKFLOW, emulator.url);
		console.log(`Running ${WORKFLOW} through the n8n engine against the provider emulator at ${emulator.url}`);
		const started = Date.now();
		const result = await runWorkflow(workflow, { credentials: emulatorCredentials(emulator) });
		const seconds = ((Date.now() - started) / 1000).toFixed(1);
		if (result.status !== 'success') {
			throw new Error(`The workflow ended with status ${result.status}: ${result.error?.message ?? 'no error message'}`);
		}
		const [item] = result.output('Hailuo Wait for Result');
		const video = binaryBuffer(item, 'data');
		fs.mkdirSync(OUTPUT_DIR, { recursive: true });
		const file = path.join(OUTPUT_DIR, `hailuo-${item.json.taskId}.mp4`);
		fs.writeFileSync(file, video);
		console.log(
			[
				`provider:  ${item.json.provider}`,
				`model:     ${item.json.model}`,
				`task id:   ${item.json.taskId}`,
				`seconds:   ${seconds} (task ${item.json.timings.elapsedSeconds} s at the provider)`,
				`video URL: ${item.json.videoUrl}`,
				`file:      ${path.relative(process.cwd(), file)}`,
				`size:      ${video.length} bytes`,
			].join('\n'),
		);
	} finally {
		await emulator.close();
	}
}

main().catch((error) => {
	console.error(`Demo failed: ${error.message}`);
	process.exit(1);
});
