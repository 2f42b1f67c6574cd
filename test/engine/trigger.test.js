// Hailuo Trigger: the provider's callbacks (as the emulator sends them) reach the node's webhook
// through n8n-core's WebhookContext; only confirmed, signed-for tasks start a run, each once.
'use strict';

const { useEmulator, run, imageToVideo } = require('../helpers');
const { serveTrigger, emulatorCredentials } = require('../harness');
const { chain, node, TYPES } = require('../harness/workflows');
const http = require('node:http');
const { providers, providerById } = require('../registry');
const { referenceKey, signReference, signRegistration } = require('../../dist/nodes/shared/callbackReference');

const ref = useEmulator({ taskDurationMs: 300 });
let trigger;
let relay;
afterEach(async () => {
	await trigger?.close();
	await relay?.close();
	relay = undefined;
});

const listen = async (provider, parameters = {}) => {
	trigger = await serveTrigger(chain(node(TYPES.trigger, 'Trigger', { provider, ...parameters })), 'Trigger', { credentials: emulatorCredentials(ref.emulator) });
	return trigger;
};
const i2v = imageToVideo(ref);
const submit = (provider, items, extra = {}) =>
	run(ref.emulator, [i2v(provider, '={{ $json.prompt }}', { sendResultsTo: 'hailuoTrigger', triggerUrl: trigger.url, carryFields: 'caption', ...extra })], { items });
async function until(condition, ms = 8000) {
	for (const end = Date.now() + ms; Date.now() < end && !condition(); ) await new Promise((resolve) => setTimeout(resolve, 50));
}
const posts = (n) => Array.from({ length: n }, (_, i) => ({ json: { prompt: `clip ${i}`, caption: `post ${i}` } }));

const CALLBACK_PROVIDERS = providers().filter((p) => p.capabilities.callbacks).map((p) => p.id);

test.each(CALLBACK_PROVIDERS)('%s: each finished video starts one run with its carried fields', async (provider) => {
	await listen(provider);
	const submitted = await submit(provider, posts(2));
	expect(submitted.status).toBe('success');
	await until(() => trigger.emitted.length >= 2);
	const tasks = submitted.output('Generate').map((item) => item.json.taskId);
	expect(trigger.emitted.map((item) => [item.json.caption, item.json.taskId, item.json.status]).sort()).toEqual([
		['post 0', tasks[0], 'succeeded'],
		['post 1', tasks[1], 'succeeded'],
	]);
	for (const item of trigger.emitted) expect(item.json).toMatchObject({ provider, videoUrl: expect.any(String), timings: expect.any(Object) });
	// MiniMax's handshake was answered with the challenge and started nothing.
	if (provider === 'minimax') expect(trigger.answers.filter((a) => a.body?.challenge)).toHaveLength(2);
});

/**
 * Stands between the provider and the Trigger: passes Generate's registrations (and MiniMax's handshake)
 * on to the Trigger, and answers every other post itself, so that a test can post a task's genuine
 * callback (as the emulator logged it) wherever and whenever it likes.
 */
async function registrationRelay(target) {
	const server = http.createServer(async (req, res) => {
		const chunks = [];
		for await (const chunk of req) chunks.push(chunk);
		const body = Buffer.concat(chunks).toString('utf8');
		const parsed = JSON.parse(body || '{}');
		if (!parsed.hailuoRegistration && !parsed.challenge) return res.writeHead(200).end('{}');
		const answer = await fetch(target + new URL(req.url, 'http://relay').search, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
		res.writeHead(answer.status, { 'content-type': 'application/json' }).end(await answer.text());
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	return { url: `http://127.0.0.1:${server.address().port}/webhook/hailuo`, close: () => new Promise((resolve) => server.close(resolve)) };
}

/** The callback the emulator sent when the task ended, once it was answered. */
const endedCallbackOf = (provider, taskId) =>
	ref.emulator.callbacks.find(
		(c) => c.provider === provider && c.taskId === taskId && c.status === 200 && providerById(provider).readCallback({ headers: c.headers, rawBody: JSON.stringify(c.body), body: c.body })?.ended,
	);
/** Posts a logged callback, as sent, to the Trigger's URL with the query of `urlOfTask`'s callback. */
const repost = async (callback, queryOf) =>
	(await fetch(`${trigger.url}${new URL(queryOf.url).search}`, { method: 'POST', headers: { 'content-type': 'application/json', ...callback.headers }, body: JSON.stringify(callback.body) })).status;

test.each(CALLBACK_PROVIDERS)('%s: a task\'s genuine callback posted to another task\'s URL starts nothing, and its own still starts its run', async (provider) => {
	await listen(provider);
	relay = await registrationRelay(trigger.url);
	const submitted = await submit(provider, posts(2), { triggerUrl: relay.url });
	expect(submitted.status).toBe('success');
	const [a, b] = submitted.output('Generate').map((item) => item.json.taskId);
	await until(() => endedCallbackOf(provider, a) && endedCallbackOf(provider, b));
	const [atA, ofB] = [endedCallbackOf(provider, a), endedCallbackOf(provider, b)];

	// B's end at A's URL: refused, nothing started, B not marked delivered.
	expect(await repost(ofB, atA)).toBe(403);
	expect(trigger.answers.at(-1).body.error).toBe(`This callback URL belongs to another task than ${b}`);
	expect(trigger.emitted).toHaveLength(0);
	// B's own callback then starts B's run, with B's fields; A's its own.
	expect(await repost(ofB, ofB)).toBe(200);
	expect(await repost(atA, atA)).toBe(200);
	expect(trigger.emitted.map((item) => [item.json.taskId, item.json.caption])).toEqual([
		[b, 'post 1'],
		[a, 'post 0'],
	]);
});

test('fal.ai: the Trigger confirms the task at the URLs of the submit answer, which the registration carries', async () => {
	ref.emulator.configure({ variants: { fal: { requestUrls: 'elsewhere' } } });
	await listen('fal');
	const submitted = await submit('fal', posts(1));
	expect(submitted.status).toBe('success');
	await until(() => trigger.emitted.length >= 1);
	expect(trigger.emitted.map((item) => item.json)).toEqual([
		expect.objectContaining({ taskId: submitted.output('Generate')[0].json.taskId, status: 'succeeded', taskUrls: expect.objectContaining({ status: expect.stringContaining('/queue-elsewhere/') }) }),
	]);
});

test('a failed task starts a run with its reason', async () => {
	await listen('minimax');
	await submit('minimax', [{ json: { prompt: 'x @fail:1026', caption: 'bad' } }]);
	await until(() => trigger.emitted.length >= 1);
	expect(trigger.emitted[0].json).toMatchObject({ caption: 'bad', status: 'failed', errorCode: '1026', error: expect.stringMatching(/sensitive/) });
});

test('the Trigger downloads the video when asked', async () => {
	await listen('apiInOne', { downloadVideo: true });
	await submit('apiInOne', posts(1));
	await until(() => trigger.emitted.length >= 1);
	expect(Buffer.from(trigger.emitted[0].binary.data.data, 'base64')).toEqual(ref.emulator.videoBytes);
});

describe('refused, starting nothing', () => {
	const key = () => referenceKey(ref.emulator.apiKeys.minimax);
	// The Trigger's memory outlives a test (one process, one workflow id): a nonce per test.
	let itemNonce;
	beforeEach(() => (itemNonce = require('node:crypto').randomUUID()));
	const reference = (fields = {}, nonce = itemNonce) => ({ provider: 'minimax', model: 'MiniMax-Hailuo-2.3', mode: 'imageToVideo', duration: 6, resolution: '768P', submittedAt: new Date().toISOString(), fields, nonce });
	const post = async (query, body, headers = {}) => {
		const response = await fetch(`${trigger.url}?${new URLSearchParams(query)}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
		return response.status;
	};
	/** What Generate posts after the create: the task id, signed over the reference's nonce. */
	const register = async (query, taskId, { nonce = reference().nonce, signingKey = key() } = {}) =>
		await post(query, { hailuoRegistration: { taskId, signature: signRegistration(nonce, taskId, signingKey) } });
	const finishedTask = async () => (await submit('minimax', posts(1), { sendResultsTo: 'nowhere' })).output('Generate')[0].json.taskId;

	test.each([
		['no reference', () => ({})],
		['a reference signed with another key', () => ({ hailuo_ref: signReference(reference(), referenceKey('another account')) })],
		['an altered reference', () => ({ hailuo_ref: signReference(reference(), key()).replace(/\.(.)/, (m, c) => `.${c === 'A' ? 'B' : 'A'}`) })],
		['a stale reference', () => ({ hailuo_ref: signReference({ ...reference(), submittedAt: '2026-01-01T00:00:00Z' }, key()) })],
	])('%s → 401', async (_, query) => {
		await listen('minimax');
		const taskId = await finishedTask();
		await new Promise((resolve) => setTimeout(resolve, 400));
		expect(await post(query(), { task_id: taskId, status: 'success', file_id: '1' })).toBe(401);
		expect(trigger.emitted).toHaveLength(0);
	});

	test('an unknown task id → 404', async () => {
		await listen('minimax');
		const query = { hailuo_ref: signReference(reference(), key()) };
		expect(await register(query, '999999999999999')).toBe(200);
		expect(await post(query, { task_id: '999999999999999', status: 'success' })).toBe(404);
		expect(trigger.emitted).toHaveLength(0);
	});

	test('a reference of an earlier version, which names no task → 401', async () => {
		await listen('minimax');
		const taskId = await finishedTask();
		await new Promise((resolve) => setTimeout(resolve, 400));
		const { nonce, ...earlier } = reference({ caption: 'old' });
		expect(await post({ hailuo_ref: signReference(earlier, key()) }, { task_id: taskId, status: 'success' })).toBe(401);
		expect(trigger.answers.at(-1).body.error).toMatch(/earlier version of Hailuo Generate.*Wait for Result/);
		expect(trigger.emitted).toHaveLength(0);
	});

	test('a callback before its registration → 503 (the provider sends it again), then its run', async () => {
		await listen('minimax');
		const taskId = await finishedTask();
		await new Promise((resolve) => setTimeout(resolve, 400));
		const query = { hailuo_ref: signReference(reference({ caption: 'late' }), key()) };
		expect(await post(query, { task_id: taskId, status: 'success' })).toBe(503);
		expect(trigger.answers.at(-1).body.error).toBe(`Task ${taskId} is not registered with this Trigger yet`);
		expect(await register(query, taskId)).toBe(200);
		expect(await post(query, { task_id: taskId, status: 'success' })).toBe(200);
		expect(trigger.emitted.map((item) => [item.json.taskId, item.json.caption])).toEqual([[taskId, 'late']]);
	});

	test('a registration signed with another key → 401; another task for a registered reference → 409; nothing started', async () => {
		await listen('minimax');
		const query = { hailuo_ref: signReference(reference(), key()) };
		expect(await register(query, '111', { signingKey: referenceKey('another account') })).toBe(401);
		expect(await register(query, '111', { nonce: 'another nonce' })).toBe(401);
		expect(await register(query, '111')).toBe(200);
		expect(await register(query, '111')).toBe(200);
		expect(await register(query, '222')).toBe(409);
		expect(trigger.emitted).toHaveLength(0);
	});

	test('a body that is no callback → 400', async () => {
		await listen('minimax');
		expect(await post({}, { hello: 'world' })).toBe(400);
	});

	test('a callback claiming success for a task still rendering is acknowledged and ignored', async () => {
		await listen('minimax');
		const taskId = (await submit('minimax', [{ json: { prompt: 'x @never' } }], { sendResultsTo: 'nowhere' })).output('Generate')[0].json.taskId;
		const query = { hailuo_ref: signReference(reference(), key()) };
		expect(await register(query, taskId)).toBe(200);
		expect(await post(query, { task_id: taskId, status: 'success', file_id: '1' })).toBe(200);
		expect(trigger.emitted).toHaveLength(0);
	});

	test('a replayed callback of an emitted task → 409', async () => {
		await listen('minimax');
		const taskId = await finishedTask();
		await new Promise((resolve) => setTimeout(resolve, 400));
		const query = { hailuo_ref: signReference(reference({ caption: 'once' }), key()) };
		expect(await register(query, taskId)).toBe(200);
		expect(await post(query, { task_id: taskId, status: 'success' })).toBe(200);
		expect(await post(query, { task_id: taskId, status: 'success' })).toBe(409);
		expect(trigger.answers.at(-1).body.error).toBe(`Task ${taskId} was already delivered`);
		expect(trigger.emitted.map((item) => item.json.caption)).toEqual(['once']);
	});

	test('replays of callbacks that arrived together → 409 each (n8n saves static data per call; the Trigger merges its memory)', async () => {
		ref.emulator.configure({ taskDurationMs: 600 });
		await listen('apiInOne');
		await submit('apiInOne', posts(4));
		const delivered = () => ref.emulator.callbacks.filter((c) => c.provider === 'apiInOne' && c.status === 200);
		await until(() => delivered().length >= 4);
		expect(delivered()).toHaveLength(4);
		for (const callback of delivered()) expect(await post(Object.fromEntries(new URL(callback.url).searchParams), callback.body, callback.headers)).toBe(409);
		expect(trigger.emitted).toHaveLength(4);
	});

	test('Atlas Cloud: a callback whose signature does not match its body → 401', async () => {
		await listen('atlasCloud');
		await submit('atlasCloud', posts(1));
		await until(() => trigger.emitted.length >= 1);
		const [delivered] = ref.emulator.callbacks.filter((c) => c.provider === 'atlasCloud');
		const forged = { ...delivered.body, status: 'ERROR' };
		const headers = delivered.headers;
		expect(headers['x-atlascloud-webhook-signature-ed25519']).toEqual(expect.any(String));
		expect(await post(Object.fromEntries(new URL(delivered.url).searchParams), forged, headers)).toBe(401);
		expect(trigger.answers.at(-1).body.error).toMatch(/signature refused: bad signature/);
		expect(trigger.emitted).toHaveLength(1);
	});

	test('Atlas Cloud: a callback signed 10 minutes ago → 401', async () => {
		await listen('atlasCloud');
		const taskId = (await submit('atlasCloud', posts(1), { sendResultsTo: 'nowhere' })).output('Generate')[0].json.taskId;
		await new Promise((resolve) => setTimeout(resolve, 400));
		const body = JSON.stringify({ session_id: taskId, status: 'OK', event_type: 'video.task.terminal', payload: { status: 'completed', outputs: [] }, error: null });
		const atlasReference = signReference({ ...reference(), provider: 'atlasCloud', model: 'minimax/hailuo-2.3/i2v-standard' }, referenceKey(ref.emulator.apiKeys.atlasCloud));
		const headers = require('../emulator/providers/atlasCloud').webhookHeaders(body, String(Math.floor(Date.now() / 1000) - 600));
		const response = await fetch(`${trigger.url}?${new URLSearchParams({ hailuo_ref: atlasReference })}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
		expect(response.status).toBe(401);
		expect(trigger.answers.at(-1).body.error).toMatch(/signature refused: .*outside 300 s/);
		expect(trigger.emitted).toHaveLength(0);
	});
});

describe('the emulator\'s retried and forged callbacks', () => {
	test('a callback sent three times starts one run', async () => {
		ref.emulator.configure({ callbackCopies: 3 });
		await listen('apiInOne');
		await submit('apiInOne', posts(2));
		const callbackAnswers = () => trigger.answers.filter((a) => !a.requestBody.hailuoRegistration);
		await until(() => callbackAnswers().length >= 6);
		expect(trigger.emitted.map((item) => item.json.caption).sort()).toEqual(['post 0', 'post 1']);
		expect(callbackAnswers().filter((a) => a.status === 409)).toHaveLength(4);
	});

	// A task id altered in the body names another task than the URL's: refused before any API call.
	test.each([
		['minimax', 'body', 403],
		['atlasCloud', 'body', 401],
		['apiInOne', 'query', 401],
		['fal', 'body', 401],
		['replicate', 'body', 401],
		['waveSpeed', 'body', 401],
		// Kie.ai's signing is opt-in (no key in these credentials).
		['kie', 'body', 403],
	])('%s, forged (%s): refused with %i, nothing started', async (provider, forgery, status) => {
		ref.emulator.configure({ forgeCallbacks: forgery });
		await listen(provider);
		await submit(provider, posts(1));
		await until(() => ref.emulator.callbacks.some((c) => c.forged && c.status >= 400));
		await new Promise((resolve) => setTimeout(resolve, 200));
		expect(trigger.emitted).toHaveLength(0);
		expect(trigger.answers.filter((a) => !a.body?.challenge).map((a) => a.status)).toContain(status);
	});

	describe('Kie.ai with the Webhook HMAC Key of its settings page in the credential', () => {
		const listenSigned = async () => {
			const credentials = emulatorCredentials(ref.emulator);
			credentials.kieApi = { ...credentials.kieApi, webhookSecret: require('../emulator/providers/kie').webhookHmacKey };
			trigger = await serveTrigger(chain(node(TYPES.trigger, 'Trigger', { provider: 'kie' })), 'Trigger', { credentials });
		};

		test('signed callbacks start their runs', async () => {
			await listenSigned();
			await submit('kie', posts(2));
			await until(() => trigger.emitted.length >= 2);
			expect(trigger.emitted.map((item) => item.json.caption).sort()).toEqual(['post 0', 'post 1']);
		});

		test('a task id altered after signing → 401, nothing started', async () => {
			ref.emulator.configure({ forgeCallbacks: 'body' });
			await listenSigned();
			await submit('kie', posts(1));
			await until(() => ref.emulator.callbacks.some((c) => c.forged && c.status >= 400));
			expect(trigger.answers.at(-1)).toMatchObject({ status: 401, body: { error: expect.stringMatching(/Kie\.ai signature refused: bad signature/) } });
			expect(trigger.emitted).toHaveLength(0);
		});
	});
});
