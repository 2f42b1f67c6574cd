#!/usr/bin/env node
// The demo: runs examples/image-to-video.json through n8n's engine against the local provider
// emulator (nothing here reaches the internet), writes the MP4 and prints what happened, and how
// that differs from the same workflow in a real n8n with a real provider.
// `npm run demo` builds the package first; `npm run demo -- --as-in-n8n` keeps the example's
// automatic status checks, so it takes as long as n8n would (about 70 s).
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { startEmulator } = require('../test/emulator');
const { runWorkflow, loadWorkflow, emulatorCredentials, binaryBuffer } = require('../test/harness');

const WORKFLOW = 'examples/image-to-video.json';
const OUTPUT_DIR = path.join(__dirname, '..', '.output');
const AS_IN_N8N = process.argv.includes('--as-in-n8n');

/** The example as shipped, pointed at this emulator (loadWorkflow also switches to 1 s checks, as the tests do). */
function workflowAsShipped(emulatorUrl) {
	const text = fs.readFileSync(path.join(__dirname, '..', WORKFLOW), 'utf8');
	return JSON.parse(text.split('http://127.0.0.1:4010').join(emulatorUrl));
}

async function main() {
	const emulator = await startEmulator({ port: 0, taskDurationMs: 3000 });
	try {
		const workflow = AS_IN_N8N ? workflowAsShipped(emulator.url) : loadWorkflow(WORKFLOW, emulator.url);
		console.log(`Running ${WORKFLOW} through the n8n engine against the provider emulator at ${emulator.url}`);
		console.log(
			AS_IN_N8N
				? 'Status checks as shipped (Automatically): the first one comes at about 70 % of the model\'s typical render, so this takes about 65–70 s.'
				: 'Quick mode: Wait for Result checks every 1 s here (in n8n it checks automatically, first at about 70 % of a typical render).',
		);
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
				`asked for: ${item.json.duration} s at ${item.json.resolution}`,
				`task id:   ${item.json.taskId}`,
				`seconds:   ${seconds} (task ${item.json.timings.elapsedSeconds} s at the emulator)`,
				`video URL: ${item.json.videoUrl}`,
				`file:      ${path.relative(process.cwd(), file)}`,
				`size:      ${video.length} bytes`,
				'',
				'What differs from a real n8n with a real provider:',
				"- the MP4 is the emulator's placeholder (320×180, 1.5 s, no sound); a real video has the",
				`  resolution and length asked for (${item.json.resolution}, ${item.json.duration} s here) and is some MB;`,
				'- a real render takes 1–5 minutes (about 90 s for 6 s at 768P); the emulator renders in 3 s;',
				AS_IN_N8N
					? '- the status checks were the ones n8n makes: the first at about 70 % of the typical render.'
					: '- Wait for Result checked every 1 s; n8n checks automatically, first at about 70 % of the\n' +
						'  typical render (about 70 s against this emulator): `npm run demo -- --as-in-n8n` shows that.',
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
