// Sends a request a provider module made (as drive.js recorded it) to the emulator, as the host would
// receive it: the emulator then says whether its copy of the host's documented validation accepts it.
'use strict';

const { startEmulator } = require('../emulator');
const { pathOf } = require('./drive');

/** Starts an emulator for the test file; `ref.emulator` is set before the tests run. */
function useEmulator() {
	const ref = {};
	beforeAll(async () => {
		ref.emulator = await startEmulator({ port: 0, host: '127.0.0.1', taskDurationMs: 0 });
	});
	afterAll(async () => ref.emulator?.close());
	return ref;
}

/**
 * Replays a recorded JSON request at the provider's mount with the emulator's key (sent as `scheme`);
 * resolves with the answer's status and JSON body.
 */
async function replay(emulator, providerId, request, { scheme = 'Bearer' } = {}) {
	const url = new URL(emulator.baseUrls[providerId] + pathOf(request));
	for (const [name, value] of Object.entries(request.qs ?? {})) url.searchParams.set(name, String(value));
	const response = await fetch(url, {
		method: request.method,
		headers: { authorization: `${scheme} ${emulator.apiKeys[providerId]}`, 'content-type': 'application/json' },
		body: JSON.stringify(request.body),
	});
	const text = await response.text();
	return { status: response.status, json: text ? JSON.parse(text) : undefined };
}

module.exports = { useEmulator, replay };
