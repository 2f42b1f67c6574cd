// The provider emulator as the real-n8n tests run it: its own process on a port, its knobs, and the
// context the expectations read (the sample video, the request and callback logs, reset).
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { startProcess } = require('./processes');
const { cleanEnv } = require('./setup');
const { waitUntilReady } = require('./n8n');
const { PROJECT_DIR, EMULATOR_CLI, EMULATOR_VIDEO } = require('./paths');

async function startEmulator(port, runDir) {
	const url = `http://127.0.0.1:${port}`;
	const proc = startProcess('emulator', process.execPath, [EMULATOR_CLI, '--port', String(port)], {
		env: cleanEnv(),
		cwd: PROJECT_DIR,
		logFile: path.join(runDir, 'emulator.log'),
	});
	await waitUntilReady(proc, `${url}/__emulator/health`, 20_000);
	return proc;
}

/** Sets emulator knobs (e.g. an expectation's rate limits) until the next reset. */
async function configureEmulator(url, knobs) {
	const response = await fetch(`${url}/__emulator/config`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(knobs),
	});
	if (!response.ok) throw new Error(`emulator config answered ${response.status}: ${await response.text()}`);
}

function emulatorContext(url, extra = {}) {
	return {
		emulatorUrl: url,
		video: fs.readFileSync(EMULATOR_VIDEO), // the emulator serves this sample unless a knob changes the size
		videoBytes: fs.statSync(EMULATOR_VIDEO).size,
		emulatorRequests: async () => (await fetch(`${url}/__emulator/requests`)).json(),
		emulatorCallbacks: async () => (await fetch(`${url}/__emulator/callbacks`)).json(),
		resetEmulator: async () => {
			const response = await fetch(`${url}/__emulator/reset`, { method: 'POST' });
			if (!response.ok) throw new Error(`emulator reset answered ${response.status}`);
		},
		...extra,
	};
}

module.exports = { startEmulator, configureEmulator, emulatorContext };
