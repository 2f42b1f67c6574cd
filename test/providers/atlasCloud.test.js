// The Atlas Cloud module against recorded responses shaped as Atlas documents them
// (https://www.atlascloud.ai/docs/predictions, https://www.atlascloud.ai/docs/upload-files,
// https://www.atlascloud.ai/docs/errors and the other pages the module cites): generateVideo, prediction,
// uploadMedia, HTTP errors with {code,msg}.
'use strict';

const { atlasCloud } = require('../../dist/nodes/shared/providers/atlasCloud');
const { TaskWatcher } = require('../../dist/nodes/shared/waiting');
const {
	BASE_URL,
	CREATE_UNCERTAIN,
	answer,
	ok,
	drive,
	driveEmulator,
	caught,
	inFakeTime,
	apiResponse,
	expectReported,
	calls,
	taskRef,
	expectOneJsonPost,
	expectStatusCheckFails,
	statusAfterOneRetry,
} = require('./drive');
const { failureKindOf } = require('../../dist/nodes/shared/transport');
const { startEmulator } = require('../emulator');
const crypto = require('node:crypto');

const ID = 'pred_7f3a9c';
const VIDEO = 'https://atlas-output.test/video.mp4';
/** The documented error body: the HTTP status repeated in `code`, with `msg`. */
const error = (status, msg) => answer(status, { code: status, msg, request_id: 'req_1', data: null });
/** The documented prediction: wrapped as {code: 200, data: {...}}. */
const prediction = (fields) => ok({ code: 200, data: { id: ID, error: '', error_code: null, metrics: {}, ...fields } });

const I2V = {
	model: 'minimax/hailuo-2.3/i2v-standard',
	mode: 'imageToVideo',
	prompt: 'The cat turns its head [Push in]',
	firstFrameImage: 'https://img.test/cat.jpg',
	duration: 10,
	resolution: '768P',
	promptOptimizer: false,
	callbackUrl: 'https://hooks.test/atlas',
};

describe('Atlas Cloud createTask', () => {
	test.each([
		[
			'image to video, standard tier: image, duration, enable_prompt_expansion and webhook_url',
			I2V,
			{
				model: 'minimax/hailuo-2.3/i2v-standard',
				prompt: 'The cat turns its head [Push in]',
				image: 'https://img.test/cat.jpg',
				duration: 10,
				enable_prompt_expansion: false,
				webhook_url: 'https://hooks.test/atlas',
			},
		],
		[
			'pro tier (one duration only): no duration field; resolution never sent',
			{ model: 'minimax/hailuo-2.3/i2v-pro', mode: 'imageToVideo', prompt: 'Waves', firstFrameImage: 'data:image/png;base64,iVBORw0KGgo', duration: 6, resolution: '1080P', promptOptimizer: true },
			{ model: 'minimax/hailuo-2.3/i2v-pro', prompt: 'Waves', image: 'data:image/png;base64,iVBORw0KGgo', enable_prompt_expansion: true },
		],
		[
			'fast model: fast pretreatment as go_fast',
			{ model: 'minimax/hailuo-02/fast', mode: 'imageToVideo', prompt: '', firstFrameImage: 'https://img.test/a.png', duration: 6, resolution: '512P', fastPretreatment: true },
			{ model: 'minimax/hailuo-02/fast', image: 'https://img.test/a.png', duration: 6, go_fast: true },
		],
		[
			'text to video: no image; watermark and last frame have no Atlas field',
			{ model: 'minimax/hailuo-02/t2v-standard', mode: 'textToVideo', prompt: 'A city at night', duration: 6, resolution: '768P', watermark: true, lastFrameImage: 'https://img.test/z.png' },
			{ model: 'minimax/hailuo-02/t2v-standard', prompt: 'A city at night', duration: 6 },
		],
	])('%s', async (_, request, body) => {
		const driven = await drive(atlasCloud, [ok({ code: 200, data: { id: ID, status: 'processing' } })]);
		await expect(driven.connection.createTask(request)).resolves.toEqual({ taskId: ID });
		expectOneJsonPost(driven, atlasCloud, `${BASE_URL}/api/v1/model/generateVideo`, body);
	});

	test('an empty Base URL sends to the real host', async () => {
		const { connection, requests } = await drive(atlasCloud, [ok({ code: 200, data: { id: ID } })], { credentials: { baseUrl: '' } });
		await connection.createTask(I2V);
		expect(requests[0].url).toBe('https://api.atlascloud.ai/api/v1/model/generateVideo');
	});

	test.each([
		['{code, data: {id}} (documented)', { code: 200, data: { id: ID, status: 'processing' } }, ID],
		['a bare {id, status} (the other docs example)', { id: ID, status: 'processing' }, ID],
		['{data: {data: {id}}} (doubly wrapped)', { data: { data: { id: ID } } }, ID],
		['a bare {prediction_id}', { prediction_id: ID }, ID],
		['{data: {prediction_id}}', { code: 200, data: { prediction_id: ID } }, ID],
		['a numeric id', { code: 200, data: { id: 123456789 } }, '123456789'],
	])('reads the prediction id from %s', async (_, body, taskId) => {
		const { connection } = await drive(atlasCloud, [ok(body)]);
		await expect(connection.createTask(I2V)).resolves.toEqual({ taskId });
	});

	test.each([
		['no id', { code: 200, data: { status: 'processing' } }],
		['an empty id', { code: 200, data: { id: '' } }],
		['null data', { code: 200, data: null }],
	])('reports %s as an unexpected answer', async (_, body) => {
		const { connection, requests } = await drive(atlasCloud, [ok(body)]);
		expectReported(await caught(connection.createTask(I2V)), atlasCloud, {
			code: 'UNEXPECTED_RESPONSE',
			kind: 'unknown',
			message: 'answered the create request in an unexpected format',
		});
		expect(requests).toHaveLength(1);
	});
});

describe('Atlas Cloud getTask', () => {
	test.each([
		['created', { status: 'created' }, { state: 'queued', providerStatus: 'created' }],
		['pending', { status: 'pending' }, { state: 'queued', providerStatus: 'pending' }],
		['processing', { status: 'processing' }, { state: 'running', providerStatus: 'processing' }],
		['running', { status: 'running' }, { state: 'running', providerStatus: 'running' }],
		['Processing (case)', { status: 'Processing' }, { state: 'running', providerStatus: 'Processing' }],
		['an unknown word (starting) keeps polling', { status: 'starting' }, { state: 'running', providerStatus: 'starting' }],
		['completed → outputs[0]', { status: 'completed', outputs: [VIDEO, 'https://atlas-output.test/second.mp4'] }, { state: 'succeeded', providerStatus: 'completed', videoUrl: VIDEO }],
		['succeeded → outputs[0]', { status: 'succeeded', outputs: [VIDEO] }, { state: 'succeeded', providerStatus: 'succeeded', videoUrl: VIDEO }],
		['COMPLETED → output as a string', { status: 'COMPLETED', outputs: null, output: VIDEO }, { state: 'succeeded', providerStatus: 'COMPLETED', videoUrl: VIDEO }],
		['completed → output as an array', { status: 'completed', output: [VIDEO] }, { state: 'succeeded', providerStatus: 'completed', videoUrl: VIDEO }],
		['completed with empty outputs → output', { status: 'completed', outputs: [], output: VIDEO }, { state: 'succeeded', providerStatus: 'completed', videoUrl: VIDEO }],
		[
			'failed without a reason',
			{ status: 'failed' },
			{ state: 'failed', providerStatus: 'failed', failure: { code: 'failed', message: 'Atlas Cloud reported the task as failed', kind: 'unknown' } },
		],
		[
			'failed with error_code 1039 (moderation)',
			{ status: 'failed', error: 'input image contains sensitive content', error_code: 1039 },
			{
				state: 'failed',
				providerStatus: 'failed',
				failure: { code: '1039', message: 'The content was flagged by moderation: input image contains sensitive content', kind: 'moderation' },
			},
		],
		[
			'failed with error_code "1039" as a string and no error text',
			{ status: 'failed', error: null, error_code: '1039' },
			{ state: 'failed', providerStatus: 'failed', failure: { code: '1039', message: 'The content was flagged by moderation', kind: 'moderation' } },
		],
		[
			'failed with another error code',
			{ status: 'failed', error: 'upstream generation error', error_code: 5001 },
			{ state: 'failed', providerStatus: 'failed', failure: { code: '5001', message: 'upstream generation error', kind: 'unknown' } },
		],
		[
			'timeout',
			{ status: 'timeout' },
			{ state: 'failed', providerStatus: 'timeout', failure: { code: 'timeout', message: 'Atlas Cloud reported the task as timeout', kind: 'unknown' } },
		],
		[
			'cancelled',
			{ status: 'cancelled' },
			{ state: 'cancelled', providerStatus: 'cancelled', failure: { code: 'cancelled', message: 'Atlas Cloud reported the task as cancelled', kind: 'unknown' } },
		],
		[
			'canceled (US spelling)',
			{ status: 'canceled', error: 'cancelled by user' },
			{ state: 'cancelled', providerStatus: 'canceled', failure: { code: 'canceled', message: 'cancelled by user', kind: 'unknown' } },
		],
	])('%s', async (_, fields, snapshot) => {
		const { connection, requests } = await drive(atlasCloud, [prediction(fields)]);
		await expect(connection.getTask(taskRef(ID))).resolves.toEqual(snapshot);
		expect(calls(requests)).toEqual([`GET /api/v1/model/prediction/${ID}`]);
	});

	test('reads the bare (unwrapped) prediction too', async () => {
		const { connection } = await drive(atlasCloud, [ok({ id: ID, status: 'completed', outputs: [VIDEO] })]);
		await expect(connection.getTask(taskRef(ID))).resolves.toEqual({ state: 'succeeded', providerStatus: 'completed', videoUrl: VIDEO });
	});

	test('the prediction id is escaped in the path', async () => {
		const { connection, requests } = await drive(atlasCloud, [prediction({ status: 'pending' })]);
		await connection.getTask(taskRef('a/b c'));
		expect(requests[0].url).toBe(`${BASE_URL}/api/v1/model/prediction/a%2Fb%20c`);
	});

	test.each([
		['completed without any output URL', [prediction({ status: 'completed', outputs: [] })], { code: 'NO_OUTPUT', kind: 'unknown', message: 'no output URL' }],
		['a prediction without status', [prediction({ outputs: [VIDEO] })], { code: 'UNEXPECTED_RESPONSE', kind: 'unknown', message: 'status check', description: 'Response: {"code":200' }],
		['HTTP 401', [error(401, 'Unauthorized')], { code: '401', kind: 'auth', description: 'Open the Atlas Cloud credential and check the API key.' }],
		['HTTP 404 (unknown or not yet visible prediction)', [error(404, 'prediction not found')], { code: '404', kind: 'notFound', message: 'Not found (prediction not found)', description: 'Atlas Cloud does not know this task' }],
		['HTTP 400 on a status check (new predictions briefly answer 400 too)', [error(400, 'invalid prediction id')], { code: '400', kind: 'notFound', description: 'Atlas Cloud does not know this task' }],
	])('reports %s', async (_, recorded, expected) => {
		await expectStatusCheckFails(atlasCloud, recorded, taskRef(ID), expected);
	});

	test('a status check answered HTTP 503 is asked again once, after 250–500 ms', async () => {
		expect(await statusAfterOneRetry(atlasCloud, [error(503, 'Service Unavailable'), prediction({ status: 'processing' })], taskRef(ID))).toEqual({ state: 'running', providerStatus: 'processing' });
	});
});

describe('Atlas Cloud: a prediction not visible yet (grace period, in the waiting loop)', () => {
	const handle = (submittedAt) => ({
		provider: 'atlasCloud',
		model: I2V.model,
		mode: 'imageToVideo',
		taskId: ID,
		duration: 10,
		resolution: '768P',
		submittedAt,
	});
	/** The waiting loop's result for one task, checked every 5 ms. */
	async function waitFor(ctx, connection, task) {
		const settings = { polling: { mode: 'fixed', intervalMs: 5 }, timeoutMs: 10_000, cancelOnTimeout: false };
		const watcher = new TaskWatcher(ctx, connection, settings, Date.now() + settings.timeoutMs);
		watcher.watch(task, 0);
		return (await watcher.finish())[0];
	}

	test('declares a grace period of 30 s', () => {
		expect(atlasCloud.limits.newTaskGraceMs).toBe(30_000);
	});

	test.each([
		['404', error(404, 'prediction not found')],
		['400', error(400, 'invalid prediction id')],
	])('a %s for a prediction younger than the grace period keeps it waiting', async (_, notYet) => {
		const { connection, ctx, requests } = await drive(atlasCloud, [notYet, prediction({ status: 'completed', outputs: [VIDEO] })]);
		const result = await waitFor(ctx, connection, handle(new Date().toISOString()));
		expect(result.error).toBeUndefined();
		expect(result.snapshot).toEqual({ state: 'succeeded', providerStatus: 'completed', videoUrl: VIDEO });
		expect(requests).toHaveLength(2);
	});

	test('a 404 for a prediction older than the grace period is an error', async () => {
		const { connection, ctx, requests } = await drive(atlasCloud, [error(404, 'prediction not found')]);
		const result = await waitFor(ctx, connection, handle(new Date(Date.now() - 31_000).toISOString()));
		expect(result.outcome).toBe('error');
		expectReported(result.error, atlasCloud, { code: '404', kind: 'notFound', description: 'Atlas Cloud does not know this task' });
		expect(requests).toHaveLength(1);
	});
});

describe('Atlas Cloud uploadFile', () => {
	const image = { data: Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]), mimeType: 'image/png', fileName: 'cat.png', width: 640, height: 480 };

	test.each([
		['data.download_url (MCP server types)', { code: 200, message: 'ok', data: { type: 'image', download_url: 'https://atlas-media.test/u/cat.png', filename: 'cat.png', size: 7 } }, 'https://atlas-media.test/u/cat.png'],
		['a top-level url (docs sample)', { url: 'https://atlas-media.test/u/cat2.png' }, 'https://atlas-media.test/u/cat2.png'],
	])('reads %s', async (_, body, url) => {
		const { connection, requests } = await drive(atlasCloud, [ok(body)]);
		await expect(connection.uploadFile(image)).resolves.toBe(url);
		expect(requests).toHaveLength(1);
		expect(requests[0]).toMatchObject({ method: 'POST', url: `${BASE_URL}/api/v1/model/uploadMedia`, headers: {} });
		expect(requests[0].body).toEqual({ form: { file: { fileName: 'cat.png', type: 'image/png', size: 7 } } });
	});

	test.each([
		['an answer without a URL', [ok({ code: 200, data: { filename: 'cat.png' } })], { code: 'UNEXPECTED_RESPONSE', kind: 'unknown', message: 'answered the upload in an unexpected format' }],
		['HTTP 413 (over 50 MB)', [error(413, 'Request Entity Too Large')], { code: '413', kind: 'invalidRequest', message: 'Request too large (over 50 MB)' }],
		['HTTP 404: the Base URL is wrong', [error(404, 'Not Found')], { code: '404', description: `check the Base URL in the credential (now ${BASE_URL}; the provider's is https://api.atlascloud.ai)` }],
	])('reports %s', async (_, recorded, expected) => {
		const { connection, requests } = await drive(atlasCloud, recorded);
		expectReported(await caught(connection.uploadFile(image)), atlasCloud, expected);
		expect(requests).toHaveLength(1);
	});
});

describe('Atlas Cloud error codes (HTTP status with {code, msg})', () => {
	test.each([
		[400, 'Invalid parameters', 'invalidRequest'],
		[401, 'Authentication failed: check the API key', 'auth'],
		[402, 'Insufficient balance on the Atlas Cloud account', 'balance'],
		[403, 'Forbidden: this key may not use this model', 'auth'],
		[404, 'Not found', 'notFound'],
		[413, 'Request too large (over 50 MB); use a smaller image or Hailuo Upload', 'invalidRequest'],
		[429, 'Rate limit reached', 'rateLimit'],
		[451, 'The content was refused by moderation', 'moderation'],
		[500, 'Atlas Cloud internal error', 'transient'],
		[502, 'HTTP 502', 'transient'],
		[503, 'Atlas Cloud is unavailable', 'transient'],
		[504, 'Atlas Cloud gateway timeout', 'transient'],
		[418, 'HTTP 418', 'invalidRequest'],
	])('HTTP %i → %s (%s)', (status, message, kind) => {
		const body = { code: status, msg: 'detail from Atlas', request_id: 'req_1', data: null };
		expect(atlasCloud.failureOf(apiResponse(status, body), 'create')).toEqual({ message: `${message} (detail from Atlas)`, code: String(status), kind });
		// Without a body (a gateway's HTML page), the status alone.
		expect(atlasCloud.failureOf(apiResponse(status, '<html>error</html>'), 'create')).toEqual({ message, code: String(status), kind });
	});

	test.each([
		['a success with code 200', 200, { code: 200, data: { id: ID } }, 'create', undefined],
		['a bare success', 200, { id: ID, status: 'processing' }, 'create', undefined],
		['an error code only in the body of an HTTP 200', 200, { code: 402, msg: 'balance not enough' }, 'create', { message: 'Insufficient balance on the Atlas Cloud account (balance not enough)', code: '402', kind: 'balance' }],
		['`message` instead of `msg`', 401, { code: 401, message: 'invalid token' }, 'create', { message: 'Authentication failed: check the API key (invalid token)', code: '401', kind: 'auth' }],
		['a msg repeating the meaning is not appended', 404, { code: 404, msg: 'Not found' }, 'status', { message: 'Not found', code: '404', kind: 'notFound' }],
		['400 answering a status check reads as not found (yet)', 400, { code: 400, msg: 'bad id' }, 'status', { message: 'Invalid parameters (bad id)', code: '400', kind: 'notFound' }],
		['400 answering a create stays invalid parameters', 400, { code: 400, msg: 'duration must be 6 or 10' }, 'create', { message: 'Invalid parameters (duration must be 6 or 10)', code: '400', kind: 'invalidRequest' }],
		['an async failure (HTTP 200, status failed) is the task\'s outcome', 200, { code: 200, data: { status: 'failed', error: 'x', error_code: 1039 } }, 'status', undefined],
	])('failureOf: %s', (_, status, body, purpose, failure) => {
		expect(atlasCloud.failureOf(apiResponse(status, body), purpose)).toEqual(failure);
	});
});

describe('Atlas Cloud failures through the connection', () => {
	test.each([
		['401 on create', [error(401, 'Unauthorized')], { code: '401', kind: 'auth', message: 'Atlas Cloud: Authentication failed: check the API key (Unauthorized)', description: 'Open the Atlas Cloud credential and check the API key.', httpCode: '401' }],
		['402 on create', [error(402, 'Insufficient balance')], { code: '402', kind: 'balance', description: 'Top up the Atlas Cloud account' }],
		['403 on create', [error(403, 'Forbidden')], { code: '403', kind: 'auth', description: 'check the API key' }],
		['400 on create', [error(400, 'image is required')], { code: '400', kind: 'invalidRequest', message: '(image is required)', description: 'Atlas Cloud refused the parameters' }],
		['413 on create', [error(413, 'Payload Too Large')], { code: '413', kind: 'invalidRequest' }],
		['451 on create', [error(451, 'content refused')], { code: '451', kind: 'moderation', description: 'Change the prompt or the image' }],
		['HTTP 500 on create: not sent again, the task may exist', [error(500, 'internal error')], { code: '500', kind: 'transient', description: CREATE_UNCERTAIN }],
		['HTTP 504 with an HTML page on create: not sent again', [answer(504, '<html>Gateway Timeout</html>')], { code: '504', kind: 'transient', description: CREATE_UNCERTAIN }],
		['an unreadable HTTP 200 on create: not sent again', [ok('{"code":200,"data":')], { code: 'MALFORMED_RESPONSE', kind: 'transient', description: CREATE_UNCERTAIN }],
		['HTTP 404 on create: the Base URL is wrong', [error(404, 'Not Found')], { code: '404', description: `check the Base URL in the credential (now ${BASE_URL}; the provider's is https://api.atlascloud.ai)` }],
	])('%s', async (_, recorded, expected) => {
		const { connection, requests } = await drive(atlasCloud, recorded);
		expectReported(await caught(connection.createTask(I2V)), atlasCloud, expected);
		expect(requests).toHaveLength(1);
	});

	test('a rate refusal on create (HTTP 429, no headers documented) is sent again after the pacer\'s 1 s probe wait, then succeeds', async () => {
		const { connection, requests } = await drive(atlasCloud, [error(429, 'Too Many Requests'), ok({ code: 200, data: { id: ID } })]);
		const { value, elapsedMs } = await inFakeTime(() => connection.createTask(I2V));
		expect(value).toEqual({ taskId: ID });
		expect(requests).toHaveLength(2);
		expect(requests[1].body).toEqual(requests[0].body);
		expect(elapsedMs).toBeGreaterThanOrEqual(1000);
		expect(elapsedMs).toBeLessThanOrEqual(1010);
	});

	test('a status check kept failing on 404 reports kind notFound (what the waiting loop reads)', async () => {
		const { connection } = await drive(atlasCloud, [error(404, 'not found')]);
		expect(failureKindOf(await caught(connection.getTask(taskRef(ID))))).toBe('notFound');
	});
});

describe('Atlas Cloud webhooks: Ed25519 over "{timestamp}.{body}", keys from the JWKS', () => {
	const keys = crypto.generateKeyPairSync('ed25519');
	const jwks = (kid) => ok({ keys: [{ ...keys.publicKey.export({ format: 'jwk' }), kid, use: 'sig', alg: 'EdDSA' }] });
	const NOW = Date.parse('2026-11-23T10:00:00Z');
	const rawBody = JSON.stringify({ session_id: ID, status: 'OK', event_type: 'video.task.terminal', payload: { status: 'completed', outputs: [VIDEO] } });
	const signed = (kid, { timestamp = String(NOW / 1000), body = rawBody, signWith = keys.privateKey } = {}) => ({
		rawBody: body,
		body: JSON.parse(body),
		headers: {
			'x-atlascloud-webhook-timestamp': timestamp,
			'x-atlascloud-webhook-key-id': kid,
			'x-atlascloud-webhook-signature-ed25519': crypto.sign(null, Buffer.from(`${timestamp}.${rawBody}`), signWith).toString('base64url'),
		},
	});

	test('reads the prediction id of the terminal post', () => {
		expect(atlasCloud.readCallback(signed('k0'))).toEqual({ taskId: ID, ended: true });
	});

	test('a valid signature holds; the JWKS is fetched once per key id', async () => {
		const { connection, requests } = await drive(atlasCloud, [jwks('k1')]);
		await expect(atlasCloud.verifyCallback(connection, signed('k1'), NOW)).resolves.toBeUndefined();
		await expect(atlasCloud.verifyCallback(connection, signed('k1'), NOW + 1000)).resolves.toBeUndefined();
		expect(requests.map((r) => r.url)).toEqual([`${BASE_URL}/api/v1/webhooks/jwks.json`]);
	});

	test.each([
		['an altered body', (kid) => ({ ...signed(kid), rawBody: rawBody.replace('OK', 'ERROR') }), 'bad signature'],
		['another key\'s signature', (kid) => signed(kid, { signWith: crypto.generateKeyPairSync('ed25519').privateKey }), 'bad signature'],
		['a timestamp 6 minutes old', (kid) => signed(kid, { timestamp: String(NOW / 1000 - 360) }), /outside 300 s/],
		['no signature', (kid) => ({ ...signed(kid), headers: {} }), /not signed/],
	])('refuses %s', async (_, callbackOf, problem) => {
		const kid = `k-${Math.random()}`;
		const { connection } = await drive(atlasCloud, [jwks(kid)]);
		await expect(atlasCloud.verifyCallback(connection, callbackOf(kid), NOW)).resolves.toMatch(problem);
	});

	test('a key id the JWKS does not list is refused', async () => {
		const { connection } = await drive(atlasCloud, [jwks('listed')]);
		await expect(atlasCloud.verifyCallback(connection, signed('unlisted'), NOW)).resolves.toBe('unknown signing key unlisted');
	});
});

describe('Atlas Cloud Hailuo 3: create bodies', () => {
	test.each([
		[
			'H3 text to video: every format field, a concrete ratio',
			{ model: 'minimax/h3/text-to-video', mode: 'textToVideo', prompt: 'A lighthouse in a storm', duration: 12, resolution: '2K', aspectRatio: '21:9' },
			{ model: 'minimax/h3/text-to-video', prompt: 'A lighthouse in a storm', duration: 12, resolution: '2K', ratio: '21:9' },
		],
		[
			'H3 first and last frame: image, end_image, ratio adaptive, webhook_url',
			{
				model: 'minimax/h3/image-to-video',
				mode: 'firstLastFrame',
				prompt: 'The door opens',
				firstFrameImage: 'https://img.test/closed.png',
				lastFrameImage: 'https://img.test/open.png',
				duration: 5,
				resolution: '2K',
				aspectRatio: 'adaptive',
				callbackUrl: 'https://hooks.test/atlas',
			},
			{ model: 'minimax/h3/image-to-video', prompt: 'The door opens', image: 'https://img.test/closed.png', end_image: 'https://img.test/open.png', duration: 5, resolution: '2K', ratio: 'adaptive', webhook_url: 'https://hooks.test/atlas' },
		],
		[
			'H3 references: refers typed, images then videos then audio, in the given order',
			{
				model: 'minimax/h3/reference-to-video',
				mode: 'references',
				prompt: 'Image 1 sings Audio 1 in the scene of Video 1',
				references: { image: ['https://img.test/singer.png', 'https://img.test/stage.jpg'], video: ['https://media.test/u/abc'], audio: ['https://media.test/song.mp3'] },
				duration: 15,
				resolution: '2K',
				aspectRatio: '9:16',
			},
			{
				model: 'minimax/h3/reference-to-video',
				prompt: 'Image 1 sings Audio 1 in the scene of Video 1',
				refers: [
					{ url: 'https://img.test/singer.png', type: 'image' },
					{ url: 'https://img.test/stage.jpg', type: 'image' },
					{ url: 'https://media.test/u/abc', type: 'video' },
					{ url: 'https://media.test/song.mp3', type: 'audio' },
				],
				duration: 15,
				resolution: '2K',
				ratio: '9:16',
			},
		],
		[
			'H3-Max text to video: Prompt Expansion Quality turns prompt_expansion on',
			{ model: 'minimax/h3-max/text-to-video', mode: 'textToVideo', prompt: 'Neon rain', duration: 5, resolution: '480P', aspectRatio: '16:9', promptExpansion: 'quality' },
			{ model: 'minimax/h3-max/text-to-video', prompt: 'Neon rain', duration: 5, resolution: '480P', ratio: '16:9', prompt_expansion: true },
		],
		[
			'H3-Max image to video: Prompt Expansion Disabled turns it off',
			{ model: 'minimax/h3-max/image-to-video', mode: 'imageToVideo', prompt: 'She smiles', firstFrameImage: 'https://img.test/face.jpg', duration: 8, resolution: '768P', aspectRatio: 'adaptive', promptExpansion: 'disabled' },
			{ model: 'minimax/h3-max/image-to-video', prompt: 'She smiles', image: 'https://img.test/face.jpg', duration: 8, resolution: '768P', ratio: 'adaptive', prompt_expansion: false },
		],
		[
			'H3-Max with Prompt Expansion Balanced: on',
			{ model: 'minimax/h3-max/text-to-video', mode: 'textToVideo', prompt: 'Dunes', duration: 6, resolution: '768P', aspectRatio: '1:1', promptExpansion: 'balanced' },
			{ model: 'minimax/h3-max/text-to-video', prompt: 'Dunes', duration: 6, resolution: '768P', ratio: '1:1', prompt_expansion: true },
		],
	])('%s', async (_, request, body) => {
		const driven = await drive(atlasCloud, [ok({ code: 200, data: { id: ID, status: 'created' } })]);
		await expect(driven.connection.createTask(request)).resolves.toEqual({ taskId: ID });
		expectOneJsonPost(driven, atlasCloud, `${BASE_URL}/api/v1/model/generateVideo`, body);
	});

	test('a refusal of an H3 create (HTTP 400) is reported with Atlas\'s words and not sent again', async () => {
		const { connection, requests } = await drive(atlasCloud, [error(400, 'supported resolutions: 2K')]);
		const request = { model: 'minimax/h3/text-to-video', mode: 'textToVideo', prompt: 'x', duration: 5, resolution: '2K', aspectRatio: '16:9' };
		expectReported(await caught(connection.createTask(request)), atlasCloud, { code: '400', kind: 'invalidRequest', message: 'Invalid parameters (supported resolutions: 2K)' });
		expect(requests).toHaveLength(1);
	});

	test('a video clip is uploaded like an image: one multipart POST with its own type and name', async () => {
		const clip = { kind: 'video', data: Buffer.alloc(32, 1), mimeType: 'video/mp4', fileName: 'dance.mp4', seconds: 4 };
		const { connection, requests } = await drive(atlasCloud, [ok({ code: 200, data: { download_url: 'https://atlas-media.test/u/dance.mp4' } })]);
		await expect(connection.uploadFile(clip)).resolves.toBe('https://atlas-media.test/u/dance.mp4');
		expect(requests[0].body).toEqual({ form: { file: { fileName: 'dance.mp4', type: 'video/mp4', size: 32 } } });
	});
});

describe('Atlas Cloud Hailuo 3 against the emulator', () => {
	let emu;
	beforeAll(async () => {
		emu = await startEmulator({ port: 0, taskDurationMs: 0 });
	});
	afterAll(async () => {
		await emu.close();
	});

	test.each([
		['H3 text to video', { model: 'minimax/h3/text-to-video', mode: 'textToVideo', prompt: 'A fox', duration: 15, resolution: '2K', aspectRatio: '4:3' }],
		['H3 first and last frame', { model: 'minimax/h3/image-to-video', mode: 'firstLastFrame', prompt: 'Dawn to dusk', firstFrameImage: 'https://img.test/a.png', lastFrameImage: 'https://img.test/b.png', duration: 5, resolution: '2K', aspectRatio: 'adaptive' }],
		['H3 references', { model: 'minimax/h3/reference-to-video', mode: 'references', prompt: 'Image 1 dances to Audio 1', references: { image: ['https://img.test/a.png'], video: [], audio: ['https://media.test/beat'] }, duration: 10, resolution: '2K', aspectRatio: 'adaptive' }],
		['H3-Max text to video', { model: 'minimax/h3-max/text-to-video', mode: 'textToVideo', prompt: 'Snow', duration: 5, resolution: '480P', aspectRatio: '9:16', promptExpansion: 'quality' }],
		['H3-Max image to video', { model: 'minimax/h3-max/image-to-video', mode: 'imageToVideo', prompt: 'Wind', firstFrameImage: 'https://img.test/a.png', duration: 15, resolution: '768P', aspectRatio: 'adaptive', promptExpansion: 'disabled' }],
	])('%s: created, then read as succeeded with its video', async (_, request) => {
		const { connection } = await driveEmulator(atlasCloud, emu);
		const { taskId } = await connection.createTask(request);
		const snapshot = await connection.getTask(taskRef(taskId, request.model));
		expect(snapshot).toEqual({ state: 'succeeded', providerStatus: 'completed', videoUrl: `${emu.url}/files/atlasCloud/${taskId}.mp4` });
	});

	test.each([
		['H3 at 768P', { model: 'minimax/h3/text-to-video', mode: 'textToVideo', prompt: 'x', duration: 5, resolution: '768P', aspectRatio: '16:9' }, 'supported resolutions: 2K'],
		['H3-Max image to video with a concrete ratio', { model: 'minimax/h3-max/image-to-video', mode: 'imageToVideo', prompt: 'x', firstFrameImage: 'https://img.test/a.png', duration: 5, resolution: '768P', aspectRatio: '16:9' }, 'ratio must be one of adaptive'],
		['references with audio alone', { model: 'minimax/h3/reference-to-video', mode: 'references', prompt: 'x', references: { image: [], video: [], audio: ['https://media.test/a.mp3'] }, duration: 5, resolution: '2K' }, 'refers audio needs an image or a video reference'],
		['H3 for 4 s', { model: 'minimax/h3/text-to-video', mode: 'textToVideo', prompt: 'x', duration: 4, resolution: '2K', aspectRatio: '16:9' }, 'duration must be an integer from 5 to 15'],
	])('the emulator refuses %s (HTTP 400)', async (_, request, problem) => {
		const { connection } = await driveEmulator(atlasCloud, emu);
		expectReported(await caught(connection.createTask(request)), atlasCloud, { code: '400', kind: 'invalidRequest', message: problem });
	});

	test('a failed H3 task (moderation, 1039) is read as failed with its code', async () => {
		const { connection } = await driveEmulator(atlasCloud, emu);
		const request = { model: 'minimax/h3/text-to-video', mode: 'textToVideo', prompt: 'x @fail:1039', duration: 5, resolution: '2K', aspectRatio: '1:1' };
		const { taskId } = await connection.createTask(request);
		expect(await connection.getTask(taskRef(taskId))).toEqual({
			state: 'failed',
			providerStatus: 'failed',
			failure: { code: '1039', message: 'The content was flagged by moderation: Content flagged by moderation', kind: 'moderation' },
		});
	});

	test('an H3 task with a callback URL gets the terminal post, read as ended', async () => {
		const { connection } = await driveEmulator(atlasCloud, emu);
		const { taskId } = await connection.createTask({ model: 'minimax/h3-max/text-to-video', mode: 'textToVideo', prompt: 'Calls back', duration: 5, resolution: '768P', aspectRatio: '16:9', callbackUrl: `${emu.url}/hooks/atlas` });
		for (let wait = 0; wait < 100 && !emu.callbacks.some((c) => c.taskId === taskId); wait++) await new Promise((resolve) => setTimeout(resolve, 20));
		const callback = emu.callbacks.find((c) => c.taskId === taskId);
		expect(atlasCloud.readCallback({ headers: callback.headers, rawBody: JSON.stringify(callback.body), body: callback.body })).toEqual({ taskId, ended: true });
	});

	test('an audio clip uploads, and its URL serves the bytes back', async () => {
		const { connection } = await driveEmulator(atlasCloud, emu);
		const clip = { kind: 'audio', data: Buffer.from('ID3 audio bytes'), mimeType: 'audio/mpeg', fileName: 'beat.mp3', seconds: 3 };
		const url = await connection.uploadFile(clip);
		expect(Buffer.from(await (await fetch(url)).arrayBuffer()).toString()).toBe('ID3 audio bytes');
	});
});

describe('Atlas Cloud catalog rows and prices', () => {
	const byId = Object.fromEntries(atlasCloud.models.map((m) => [m.value, m]));
	const seconds = (min, max) => Array.from({ length: max - min + 1 }, (_, i) => min + i);

	test('H3: 2K, 5–15 s, sound, no options; text to video with a concrete ratio, frames adaptive, references within MiniMax\'s limits', () => {
		expect(byId['minimax/h3/text-to-video']).toMatchObject({
			modes: { textToVideo: { formats: { '2K': seconds(5, 15) }, features: [] } },
			aspectRatios: ['21:9', '16:9', '4:3', '1:1', '3:4', '9:16'],
			promptMaxLength: 7000,
			sound: true,
		});
		expect(Object.keys(byId['minimax/h3/image-to-video'].modes)).toEqual(['imageToVideo', 'firstLastFrame']);
		expect(byId['minimax/h3/image-to-video'].aspectRatios).toEqual(['adaptive']);
		expect(byId['minimax/h3/reference-to-video'].modes.references.references).toEqual({ images: 9, videos: 3, audios: 3, total: 12, clipSeconds: { min: 2, max: 15 }, totalSeconds: 15 });
		expect(byId['minimax/h3/reference-to-video'].aspectRatios[0]).toBe('adaptive');
		// No last-frame-only mode (the image is required), no H3-Max references.
		expect(atlasCloud.models.some((m) => m.modes.lastFrame)).toBe(false);
		expect(byId['minimax/h3-max/reference-to-video']).toBeUndefined();
	});

	test('H3-Max: 480P or 768P, 5–15 s, Prompt Expansion; image to video adaptive only', () => {
		expect(byId['minimax/h3-max/image-to-video'].modes.imageToVideo).toEqual({ formats: { '480P': seconds(5, 15), '768P': seconds(5, 15) }, features: ['promptExpansion'] });
		expect(byId['minimax/h3-max/image-to-video'].aspectRatios).toEqual(['adaptive']);
		expect(byId['minimax/h3-max/text-to-video'].modes.textToVideo.features).toEqual(['promptExpansion']);
	});

	test('render times: H3 at 2K as MiniMax\'s rows (185 s for 5 s), H3-Max per Atlas\'s page (20 s for 5 s at 768P)', () => {
		expect(byId['minimax/h3/text-to-video'].renderSeconds['2K'][5]).toBe(185);
		expect(byId['minimax/h3-max/image-to-video'].renderSeconds['768P']).toMatchObject({ 5: 20, 15: 30 });
	});

	test('uploads take reference clips too', () => {
		expect(atlasCloud.capabilities.referenceFiles).toBe('upload');
	});

	test.each([
		['minimax/hailuo-2.3/t2v-standard', { perVideo: { '768P': { 6: 0.28 } } }],
		['minimax/hailuo-2.3/t2v-pro', { perVideo: { '1080P': { 6: 0.49 } } }],
		['minimax/hailuo-2.3/i2v-standard', { perVideo: { '768P': { 6: 0.28 } } }],
		['minimax/hailuo-2.3/fast', { perVideo: { '768P': { 6: 0.19 } } }],
		['minimax/hailuo-02/fast', { perVideo: { '512P': { 6: 0.1 } } }],
		['minimax/h3-max/image-to-video', { perSecond: { '480P': 0.048, '768P': 0.048 } }],
	])('%s: the model page\'s figure', (id, rates) => {
		expect(byId[id].price).toEqual({ ...rates, currency: 'USD', asOf: '2026-12-04', source: `https://www.atlascloud.ai/models/${id}` });
	});

	test('H3-Max text to video: the overview page\'s $0.05 a second, said so; H3 and the unpriced tiers stay unknown', () => {
		expect(byId['minimax/h3-max/text-to-video'].price).toMatchObject({ perSecond: { '480P': 0.05, '768P': 0.05 }, source: expect.stringContaining('H3 Max overview page') });
		for (const id of ['minimax/h3/text-to-video', 'minimax/h3/image-to-video', 'minimax/h3/reference-to-video', 'minimax/hailuo-2.3/i2v-pro', 'minimax/hailuo-02/t2v-standard']) {
			expect(byId[id].price).toBeUndefined();
		}
	});
});
