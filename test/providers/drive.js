// Drives a provider module through the REAL shared transport (ProviderConnection: retries, pacing,
// failure reporting) against recorded responses. Only n8n's execution context is stood in for: its
// HTTP helper answers from a queue of recorded responses and records every request sent.
// No network, no emulator, no n8n engine.
'use strict';

const { NodeApiError } = require('n8n-workflow');
const { ProviderConnection, failureKindOf } = require('../../dist/nodes/shared/transport');

const BASE_URL = 'https://provider.test';

/** What NodeApiError keeps as the node: a plain node object is all it reads. */
const NODE = {
	id: '5b0c3a6e-0000-4000-8000-000000000001',
	name: 'Hailuo',
	type: 'n8n-nodes-hailuo.hailuoGenerate',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

/** The transport's wording for a create that may have reached the provider. */
const CREATE_UNCERTAIN = 'may have reached the provider, so it was not sent again';

/** A recorded answer: `body` an object (sent as JSON text) or a string (sent as is). */
const answer = (statusCode, body, headers = {}) => ({ statusCode, body, headers });
const ok = (body, headers) => answer(200, body, headers);
/** A request that never got an answer: thrown as a Node.js network error with this code. */
const networkError = (code) => ({ networkError: code });

/** Reads what was sent as the test would like to compare it: parsed JSON, or the form's fields. */
function sentBody(body) {
	if (body === undefined) return undefined;
	if (Buffer.isBuffer(body)) return { bytes: body.length };
	if (body instanceof FormData) {
		const fields = {};
		for (const [name, value] of body.entries()) {
			fields[name] =
				typeof value === 'string' ? value : { fileName: value.name, type: value.type, size: value.size };
		}
		return { form: fields };
	}
	return typeof body === 'string' ? JSON.parse(body) : body;
}

/** The execution context a node would pass: credentials, node, cancel signal, logger and the HTTP helper. */
function fakeContext(recorded, { credentials = {} } = {}) {
	const queue = [...recorded];
	const requests = [];
	const credentialTypes = [];
	const cancel = new AbortController();
	const ctx = {
		async getCredentials(type) {
			credentialTypes.push(type);
			return { apiKey: 'test-key', baseUrl: BASE_URL, ...credentials };
		},
		getNode: () => NODE,
		getExecutionCancelSignal: () => cancel.signal,
		continueOnFail: () => false,
		logger: { debug() {}, info() {}, warn() {}, error() {} },
		helpers: {
			/** Unauthenticated requests (a signed upload URL) are recorded with no credential type. */
			async httpRequest(options) {
				return await ctx.helpers.httpRequestWithAuthentication(null, options);
			},
			async httpRequestWithAuthentication(credentialType, options) {
				requests.push({
					credentialType,
					method: options.method,
					url: options.url,
					qs: options.qs,
					headers: options.headers,
					body: sentBody(options.body),
					options,
				});
				const next = queue.shift();
				if (!next) {
					// A test bug, not a provider's answer: stop the call at once (no retries with backoff);
					// the call then fails as "The execution was cancelled", and `requests` shows the extra one.
					cancel.abort();
					throw new Error(`No recorded response left for ${options.method} ${options.url}`);
				}
				if (next.networkError) {
					const error = new Error(`request failed: ${next.networkError}`);
					error.code = next.networkError;
					throw error;
				}
				// The transport asks for `encoding: 'text', json: false, returnFullResponse: true`: a text body.
				const body = typeof next.body === 'string' ? next.body : next.body === undefined ? '' : JSON.stringify(next.body);
				return { statusCode: next.statusCode ?? 200, headers: next.headers ?? {}, body };
			},
		},
	};
	return { ctx, requests, credentialTypes, left: () => queue.length };
}

/**
 * Opens the real connection for `provider` on a fake context answering from `recorded`.
 * Returns the connection and the list of requests it sent (filled in as calls are made).
 */
async function drive(provider, recorded = [], options = {}) {
	const fake = fakeContext(recorded, options);
	const connection = await ProviderConnection.open(fake.ctx, provider);
	return { connection, ...fake };
}

/**
 * Opens the real connection for `provider` on a context whose HTTP helper sends every request to the
 * emulator `emu` (started by the test), with the emulator's key as a Bearer token (what the credential
 * would add). Returns the connection and the requests sent.
 */
async function driveEmulator(provider, emu) {
	const requests = [];
	const { ctx } = fakeContext([], { credentials: { baseUrl: emu.baseUrls[provider.id] } });
	ctx.helpers.httpRequestWithAuthentication = async (credentialType, options) => {
		requests.push({ method: options.method, url: options.url, body: sentBody(options.body) });
		const url = new URL(options.url);
		for (const [name, value] of Object.entries(options.qs ?? {})) url.searchParams.set(name, String(value));
		const response = await fetch(url, {
			method: options.method,
			headers: { ...options.headers, ...(credentialType ? { authorization: `Bearer ${emu.apiKeys[provider.id]}` } : {}) },
			body: options.body,
		});
		return { statusCode: response.status, headers: Object.fromEntries(response.headers), body: await response.text() };
	};
	const connection = await ProviderConnection.open(ctx, provider);
	return { connection, requests };
}

/** The error a promise rejected with; fails the test when it resolved. */
async function caught(promise) {
	try {
		const value = await promise;
		throw new Error(`expected an error, got ${JSON.stringify(value)}`);
	} catch (error) {
		return error;
	}
}

/**
 * Runs `run` on Jest's fake clock, advancing it until `run` settles: the transport's real waits
 * (retry backoff, the pacer's wait after a rate refusal) pass at once, and how long they were is
 * measured on the fake clock. Resolves to `{ value, elapsedMs }`; rejects as `run` does.
 */
async function inFakeTime(run, stepMs = 10) {
	jest.useFakeTimers();
	const started = Date.now();
	try {
		let settled = false;
		const promise = Promise.resolve()
			.then(run)
			.finally(() => (settled = true));
		promise.catch(() => {});
		for (let step = 0; !settled && step < 100_000; step++) await jest.advanceTimersByTimeAsync(stepMs);
		const value = await promise;
		return { value, elapsedMs: Date.now() - started };
	} finally {
		jest.useRealTimers();
	}
}

/** An ApiResponse as failureOf sees it, from a recorded answer. */
function apiResponse(statusCode, body, headers = {}) {
	const text = typeof body === 'string' ? body : body === undefined ? '' : JSON.stringify(body);
	let parsed;
	try {
		parsed = text.trim() ? JSON.parse(text) : undefined;
	} catch {
		parsed = undefined;
	}
	return { statusCode, headers, body: parsed, text };
}

/**
 * Checks how the connection reported a failure: a NodeApiError naming the provider, carrying the
 * code in brackets, with a description that says what to do and does not repeat the message.
 */
function expectReported(error, provider, { code, kind, message, description, httpCode }) {
	expect(error).toBeInstanceOf(NodeApiError);
	expect(error.message.startsWith(`${provider.displayName}: `)).toBe(true);
	if (code !== undefined) expect(error.message).toContain(`[${code}]`);
	if (message !== undefined) expect(error.message).toContain(message);
	if (kind !== undefined) expect(failureKindOf(error)).toBe(kind);
	expect(typeof error.description).toBe('string');
	expect(error.description.length).toBeGreaterThan(0);
	expect(error.description).not.toBe(error.message);
	if (description !== undefined) expect(error.description).toContain(description);
	if (httpCode !== undefined) expect(error.httpCode).toBe(httpCode);
}

/** The path of a request under the test credential's Base URL. */
const pathOf = (request) => request.url.replace(BASE_URL, '');

/** What the requests looked like, shortly: "GET /path". */
const calls = (requests) => requests.map((r) => `${r.method} ${pathOf(r)}`);

/** A status check's task reference: created now unless `submittedAt` says otherwise. */
const taskRef = (taskId, model = 'model', submittedAt = new Date().toISOString()) => ({ taskId, model, submittedAt });

/** The create was one JSON POST to `url` through the provider's own credential type, with `body`. */
function expectOneJsonPost({ requests, credentialTypes }, provider, url, body) {
	expect(credentialTypes).toEqual([provider.credentialType]);
	expect(requests).toHaveLength(1);
	expect(requests[0]).toMatchObject({ credentialType: provider.credentialType, method: 'POST', url, headers: { 'Content-Type': 'application/json' } });
	expect(requests[0].body).toEqual(body);
}

/** A status check over the recorded answers fails as `expected`, after one request per answer. */
async function expectStatusCheckFails(provider, recorded, ref, expected) {
	const { connection, requests } = await drive(provider, recorded);
	expectReported(await caught(connection.getTask(ref)), provider, expected);
	expect(requests).toHaveLength(recorded.length);
}

/** A status check whose first call failed is asked again once, after the first backoff (250–500 ms); resolves with the snapshot. */
async function statusAfterOneRetry(provider, recorded, ref) {
	const { connection, requests } = await drive(provider, recorded);
	const { value, elapsedMs } = await inFakeTime(() => connection.getTask(ref));
	expect(requests).toHaveLength(recorded.length);
	expect(elapsedMs).toBeGreaterThanOrEqual(250);
	expect(elapsedMs).toBeLessThanOrEqual(510);
	return value;
}

module.exports = {
	BASE_URL,
	NODE,
	CREATE_UNCERTAIN,
	answer,
	ok,
	networkError,
	drive,
	driveEmulator,
	fakeContext,
	caught,
	inFakeTime,
	apiResponse,
	expectReported,
	pathOf,
	calls,
	taskRef,
	expectOneJsonPost,
	expectStatusCheckFails,
	statusAfterOneRetry,
};
