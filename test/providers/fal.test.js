// The fal.ai module against recorded responses shaped as fal documents them
// (https://docs.fal.ai/model-apis/model-endpoints/queue, https://docs.fal.ai/documentation/model-apis/request-errors,
// https://docs.fal.ai/model-apis/model-endpoints/webhooks and the other pages the module cites): the queue
// (submit, status, result, cancel), storage uploads, the platform's error bodies, and signed webhooks.
'use strict';

const crypto = require('node:crypto');
const { fal } = require('../../dist/nodes/shared/providers/fal');
const {
	BASE_URL,
	CREATE_UNCERTAIN,
	answer,
	ok,
	drive,
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

const MODEL = 'fal-ai/minimax/hailuo-2.3/standard/image-to-video';
const ID = '764cabcf-b745-4b3e-ae38-1200304cf45b';
const REQUEST = `/fal-ai/minimax/requests/${ID}`;
const VIDEO = 'https://v3.fal.media/files/penguin/video.mp4';

const submitted = () => ok({ request_id: ID, gateway_request_id: ID, response_url: `${BASE_URL}${REQUEST}`, status_url: `${BASE_URL}${REQUEST}/status`, cancel_url: `${BASE_URL}${REQUEST}/cancel`, queue_position: 0 });
const status = (fields) => ok({ request_id: ID, response_url: `${BASE_URL}${REQUEST}`, logs: null, ...fields });
const result = () => ok({ video: { url: VIDEO, content_type: 'video/mp4', file_name: 'video.mp4', file_size: 2_345_678 } });
const detail = (statusCode, text) => answer(statusCode, { detail: text });
/** The URLs of the submit answer, kept with the task. */
const TASK_URLS = { status: `${BASE_URL}${REQUEST}/status`, result: `${BASE_URL}${REQUEST}`, cancel: `${BASE_URL}${REQUEST}/cancel` };

const I2V = {
	model: MODEL,
	mode: 'imageToVideo',
	prompt: 'The cat turns its head [Push in]',
	firstFrameImage: 'https://img.test/cat.jpg',
	duration: 10,
	resolution: '768P',
	promptOptimizer: false,
	// No fal field for these: not sent.
	fastPretreatment: true,
	watermark: true,
};

describe('fal.ai createTask', () => {
	test.each([
		[
			'standard image to video: image_url, the duration as a string, no resolution field',
			I2V,
			MODEL,
			{ prompt: 'The cat turns its head [Push in]', image_url: 'https://img.test/cat.jpg', duration: '10', prompt_optimizer: false },
		],
		[
			'pro tier: no duration field (1080P, 6 s)',
			{ ...I2V, model: 'fal-ai/minimax/hailuo-2.3/pro/image-to-video', duration: 6, resolution: '1080P', promptOptimizer: undefined },
			'fal-ai/minimax/hailuo-2.3/pro/image-to-video',
			{ prompt: 'The cat turns its head [Push in]', image_url: 'https://img.test/cat.jpg' },
		],
		[
			'Hailuo 02 standard, first and last frame at 512P: resolution and end_image_url',
			{ ...I2V, model: 'fal-ai/minimax/hailuo-02/standard/image-to-video', mode: 'firstLastFrame', lastFrameImage: 'https://img.test/end.png', duration: 6, resolution: '512P' },
			'fal-ai/minimax/hailuo-02/standard/image-to-video',
			{ prompt: 'The cat turns its head [Push in]', image_url: 'https://img.test/cat.jpg', end_image_url: 'https://img.test/end.png', resolution: '512P', duration: '6', prompt_optimizer: false },
		],
		[
			'text to video',
			{ model: 'fal-ai/minimax/hailuo-02/standard/text-to-video', mode: 'textToVideo', prompt: 'A city at night', duration: 6, resolution: '768P' },
			'fal-ai/minimax/hailuo-02/standard/text-to-video',
			{ prompt: 'A city at night', duration: '6' },
		],
	])('%s', async (_, request, endpoint, body) => {
		const driven = await drive(fal, [submitted()]);
		await expect(driven.connection.createTask(request)).resolves.toEqual({ taskId: ID, taskUrls: TASK_URLS });
		expectOneJsonPost(driven, fal, `${BASE_URL}/${endpoint}`, body);
		expect(driven.requests[0].qs).toBeUndefined();
	});

	test('a callback URL goes in the fal_webhook query parameter', async () => {
		const { connection, requests } = await drive(fal, [submitted()]);
		await connection.createTask({ ...I2V, callbackUrl: 'https://n8n.test/webhook/x/hailuo?hailuo_ref=abc' });
		expect(requests[0].qs).toEqual({ fal_webhook: 'https://n8n.test/webhook/x/hailuo?hailuo_ref=abc' });
		expect(requests[0].body).not.toHaveProperty('webhook_url');
	});

	test('an empty Base URL sends to the real queue host', async () => {
		const { connection, requests } = await drive(fal, [submitted()], { credentials: { baseUrl: '' } });
		await connection.createTask(I2V);
		expect(requests[0].url).toBe(`https://queue.fal.run/${MODEL}`);
	});

	test.each([
		['no request_id', { status_url: 'x' }],
		['an empty request_id', { request_id: '' }],
	])('reports %s as an unexpected answer', async (_, body) => {
		const { connection, requests } = await drive(fal, [ok(body)]);
		expectReported(await caught(connection.createTask(I2V)), fal, { code: 'UNEXPECTED_RESPONSE', kind: 'unknown', description: 'request_id' });
		expect(requests).toHaveLength(1);
	});
});

describe('fal.ai getTask', () => {
	test.each([
		['IN_QUEUE', { status: 'IN_QUEUE', queue_position: 4 }, { state: 'queued', providerStatus: 'IN_QUEUE' }],
		['IN_PROGRESS', { status: 'IN_PROGRESS' }, { state: 'running', providerStatus: 'IN_PROGRESS' }],
		['an unknown word keeps polling', { status: 'WARMING_UP' }, { state: 'running', providerStatus: 'WARMING_UP' }],
		['CANCELED', { status: 'CANCELED' }, { state: 'cancelled', providerStatus: 'CANCELED', failure: { code: 'CANCELED', message: 'The request was cancelled', kind: 'unknown' } }],
		['FAILED', { status: 'FAILED', error: 'Runner crashed' }, { state: 'failed', providerStatus: 'FAILED', failure: { code: 'FAILED', message: 'Runner crashed', kind: 'unknown' } }],
		[
			'COMPLETED with an error: failed, no result request',
			{ status: 'COMPLETED', error: 'Internal error', error_type: 'runner_server_error' },
			{ state: 'failed', providerStatus: 'COMPLETED', failure: { code: 'runner_server_error', message: 'Internal error', kind: 'unknown' } },
		],
	])('%s: the status request only, on the app\'s queue path', async (_, body, snapshot) => {
		const { connection, requests } = await drive(fal, [status(body)]);
		await expect(connection.getTask(taskRef(ID, MODEL))).resolves.toEqual(snapshot);
		expect(calls(requests)).toEqual([`GET ${REQUEST}/status`]);
	});

	test('COMPLETED: the video URL from the result', async () => {
		const { connection, requests } = await drive(fal, [status({ status: 'COMPLETED', metrics: { inference_time: 71.2 } }), result()]);
		await expect(connection.getTask(taskRef(ID, MODEL))).resolves.toEqual({ state: 'succeeded', providerStatus: 'COMPLETED', videoUrl: VIDEO });
		expect(calls(requests)).toEqual([`GET ${REQUEST}/status`, `GET ${REQUEST}`]);
	});

	test('COMPLETED but the result answers 422: the task failed with fal\'s field problems', async () => {
		const invalid = answer(422, { detail: [{ loc: ['body', 'image_url'], msg: 'Image too small', type: 'value_error' }] });
		const { connection } = await drive(fal, [status({ status: 'COMPLETED' }), invalid]);
		await expect(connection.getTask(taskRef(ID, MODEL))).resolves.toEqual({
			state: 'failed',
			providerStatus: 'COMPLETED',
			failure: { code: '422', message: 'fal rejected the input (image_url: Image too small)', kind: 'invalidRequest' },
		});
	});

	test("COMPLETED but the result answers 500 with fal's request-error body: the task failed, in fal's words", async () => {
		// https://docs.fal.ai/documentation/model-apis/request-errors: { detail, error_type } and X-Fal-Error-Type.
		const failed = answer(500, { detail: 'The runner failed to process the request', error_type: 'runner_server_error' }, { 'x-fal-error-type': 'runner_server_error' });
		const { connection, requests } = await drive(fal, [status({ status: 'COMPLETED' }), failed]);
		await expect(connection.getTask(taskRef(ID, MODEL))).resolves.toEqual({
			state: 'failed',
			providerStatus: 'COMPLETED',
			failure: { code: 'runner_server_error', message: 'The runner failed to process the request', kind: 'unknown' },
		});
		expect(calls(requests)).toEqual([`GET ${REQUEST}/status`, `GET ${REQUEST}`]);
	});

	test('COMPLETED but the result answers a bare 502 (no error_type): read again, then the video', async () => {
		const { connection, requests } = await drive(fal, [status({ status: 'COMPLETED' }), answer(502, '<html>Bad Gateway</html>'), result()]);
		const { value } = await inFakeTime(() => connection.getTask(taskRef(ID, MODEL)));
		expect(value).toEqual({ state: 'succeeded', providerStatus: 'COMPLETED', videoUrl: VIDEO });
		expect(calls(requests)).toEqual([`GET ${REQUEST}/status`, `GET ${REQUEST}`, `GET ${REQUEST}`]);
	});

	test('the URLs kept from the submit answer are used; a task without them falls back to the built ones', async () => {
		const elsewhere = { status: `${BASE_URL}/other/requests/${ID}/status`, result: `${BASE_URL}/other/requests/${ID}`, cancel: `${BASE_URL}/other/requests/${ID}/cancel` };
		const { connection, requests } = await drive(fal, [status({ status: 'COMPLETED' }), result(), ok({ status: 'ALREADY_COMPLETED' })]);
		await connection.getTask({ ...taskRef(ID, MODEL), taskUrls: elsewhere });
		await connection.cancelTask({ ...taskRef(ID, MODEL), taskUrls: elsewhere });
		expect(calls(requests)).toEqual([`GET /other/requests/${ID}/status`, `GET /other/requests/${ID}`, `PUT /other/requests/${ID}/cancel`]);
	});

	test('a kept URL on another host is refused before any call (the key is not sent there)', async () => {
		const { connection, requests } = await drive(fal, []);
		const error = await caught(connection.getTask({ ...taskRef(ID, MODEL), taskUrls: { status: 'https://collector.test/x' } }));
		expectReported(error, fal, { code: 'FOREIGN_URL', kind: 'invalidRequest' });
		expect(requests).toHaveLength(0);
	});

	test('a task typed in without a model is found in the Hailuo queue', async () => {
		const { connection, requests } = await drive(fal, [status({ status: 'IN_QUEUE' })]);
		await connection.getTask(taskRef(ID, ''));
		expect(calls(requests)).toEqual([`GET ${REQUEST}/status`]);
	});

	test.each([
		['a result without video', [status({ status: 'COMPLETED' }), ok({ images: [] })], { code: 'UNEXPECTED_RESPONSE', message: 'answered the result in an unexpected format', description: 'video' }],
		['HTTP 404 for an unknown request', [detail(404, 'Request not found')], { code: '404', kind: 'notFound', message: 'Not found (Request not found)' }],
		['HTTP 401', [detail(401, 'Cannot access application')], { code: '401', kind: 'auth', description: 'Open the fal.ai credential and check the API key.' }],
	])('reports %s', async (_, recorded, expected) => {
		await expectStatusCheckFails(fal, recorded, taskRef(ID, MODEL), expected);
	});

	test('a status check answered HTTP 503 is asked again once, after 250–500 ms', async () => {
		expect(await statusAfterOneRetry(fal, [detail(503, 'unavailable'), status({ status: 'IN_QUEUE' })], taskRef(ID, MODEL))).toEqual({ state: 'queued', providerStatus: 'IN_QUEUE' });
	});
});

describe('fal.ai errors ({ detail } as text or a FastAPI list)', () => {
	test.each([
		['401', detail(401, 'Invalid key'), { message: 'Authentication failed: check the API key (Invalid key)', code: '401', kind: 'auth' }],
		['403 (no balance, or a locked account)', detail(403, 'User is locked. Reason: Exhausted balance.'), { message: 'Forbidden: the key may not use this model, or the account has no balance left (User is locked. Reason: Exhausted balance.)', code: '403', kind: 'auth' }],
		['422 with field problems', answer(422, { detail: [{ loc: ['body', 'duration'], msg: "Input should be '6' or '10'" }, { loc: ['body', 'prompt'], msg: 'field required' }] }), { message: "fal rejected the input (duration: Input should be '6' or '10'; prompt: field required)", code: '422', kind: 'invalidRequest' }],
		['429', detail(429, 'Too many requests'), { message: 'Rate limit reached (Too many requests)', code: '429', kind: 'rateLimit' }],
		['an HTML 502', answer(502, '<html>Bad Gateway</html>'), { message: 'HTTP 502', code: '502', kind: 'transient' }],
		['HTTP 200', ok({ status: 'COMPLETED' }), undefined],
	])('%s', (_, recorded, failure) => {
		expect(fal.failureOf(apiResponse(recorded.statusCode, recorded.body), 'create')).toEqual(failure);
	});

	test.each([
		['HTTP 500 on create: not sent again, the request may exist', [detail(500, 'oops')], { code: '500', kind: 'transient', description: CREATE_UNCERTAIN }],
		['HTTP 422 on create: the parameters', [answer(422, { detail: [{ loc: ['body', 'image_url'], msg: 'field required' }] })], { code: '422', kind: 'invalidRequest' }],
	])('%s', async (_, recorded, expected) => {
		const { connection, requests } = await drive(fal, recorded);
		expectReported(await caught(connection.createTask(I2V)), fal, expected);
		expect(requests).toHaveLength(1);
	});

	test('a 429 on create is sent again after Retry-After, then succeeds', async () => {
		const { connection, requests } = await drive(fal, [{ ...detail(429, 'slow down'), headers: { 'retry-after': '2' } }, submitted()]);
		const { value, elapsedMs } = await inFakeTime(() => connection.createTask(I2V));
		expect(value).toEqual({ taskId: ID, taskUrls: TASK_URLS });
		expect(requests).toHaveLength(2);
		expect(elapsedMs).toBeGreaterThanOrEqual(2000);
	});
});

describe('fal.ai cancel and upload', () => {
	test.each([
		['202 CANCELLATION_REQUESTED', answer(202, { status: 'CANCELLATION_REQUESTED' })],
		['400 ALREADY_COMPLETED (nothing to stop)', answer(400, { status: 'ALREADY_COMPLETED' })],
	])('cancel: one PUT on the queue path, %s', async (_, recorded) => {
		const { connection, requests } = await drive(fal, [recorded]);
		await expect(connection.cancelTask(taskRef(ID, MODEL))).resolves.toBe(true);
		expect(calls(requests)).toEqual([`PUT ${REQUEST}/cancel`]);
	});

	const image = { data: Buffer.alloc(2048, 7), mimeType: 'image/png', fileName: 'cat.png', width: 800, height: 600 };
	const initiated = ok({ upload_url: 'https://storage.test/put/abc?X-Goog-Signature=s', file_url: 'https://v3.fal.media/files/cat.png' });

	test('upload: initiate on rest.fal.ai with the key, then PUT the bytes to the signed URL without it', async () => {
		const { connection, requests } = await drive(fal, [initiated, ok('')], { credentials: { baseUrl: '' } });
		await expect(connection.uploadFile(image)).resolves.toBe('https://v3.fal.media/files/cat.png');
		expect(requests.map((r) => [r.credentialType, r.method, r.url, r.qs])).toEqual([
			['falApi', 'POST', 'https://rest.fal.ai/storage/upload/initiate', { storage_type: 'fal-cdn-v3' }],
			[null, 'PUT', 'https://storage.test/put/abc?X-Goog-Signature=s', undefined],
		]);
		expect(requests[0].body).toEqual({ content_type: 'image/png', file_name: 'cat.png' });
		expect(requests[1]).toMatchObject({ headers: { 'Content-Type': 'image/png' }, body: { bytes: 2048 } });
	});

	test('upload with a Base URL override: rest.fal.ai is served under it at /rest', async () => {
		const { connection, requests } = await drive(fal, [initiated, ok('')]);
		await connection.uploadFile(image);
		expect(requests[0].url).toBe(`${BASE_URL}/rest/storage/upload/initiate`);
	});
});

describe('fal.ai webhooks: Ed25519 over "request_id\\nuser_id\\ntimestamp\\nsha256(body)", keys from the JWKS', () => {
	const keys = crypto.generateKeyPairSync('ed25519');
	const jwks = ok({ keys: [{ ...keys.publicKey.export({ format: 'jwk' }), kid: 'k1' }] });
	const NOW = 1_795_000_000_000;
	const rawBody = JSON.stringify({ request_id: ID, gateway_request_id: ID, status: 'OK', payload: { video: { url: VIDEO } } });
	const signed = ({ timestamp = String(NOW / 1000), body = rawBody, signWith = keys.privateKey, requestId = ID } = {}) => {
		const digest = crypto.createHash('sha256').update(rawBody).digest('hex');
		const signature = crypto.sign(null, Buffer.from(`${requestId}\nuser-1\n${timestamp}\n${digest}`), signWith).toString('hex');
		return {
			headers: { 'x-fal-webhook-request-id': requestId, 'x-fal-webhook-user-id': 'user-1', 'x-fal-webhook-timestamp': timestamp, 'x-fal-webhook-signature': signature },
			rawBody: body,
			body: JSON.parse(body),
		};
	};

	test('readCallback: the request id, ended (one post at the end, OK or ERROR)', () => {
		expect(fal.readCallback(signed())).toEqual({ taskId: ID, ended: true });
		expect(fal.readCallback({ headers: {}, rawBody: '{}', body: { hello: 1 } })).toBeUndefined();
	});

	test.each([
		['a good signature', () => signed(), undefined],
		['a body altered after signing', () => signed({ body: rawBody.replace('OK', 'ERROR') }), 'bad signature'],
		['another key', () => signed({ signWith: crypto.generateKeyPairSync('ed25519').privateKey }), 'bad signature'],
		['a timestamp 6 minutes old', () => signed({ timestamp: String(NOW / 1000 - 360) }), /outside 300 s/],
		['no signature', () => ({ ...signed(), headers: { ...signed().headers, 'x-fal-webhook-signature': '' } }), /not signed/],
	])('%s', async (_, callback, problem) => {
		jest.resetModules();
		const { fal: fresh } = require('../../dist/nodes/shared/providers/fal');
		const { connection, requests } = await drive(fresh, [jwks]);
		const found = await fresh.verifyCallback(connection, callback(), NOW);
		if (problem instanceof RegExp) expect(found).toMatch(problem);
		else expect(found).toBe(problem);
		// Keys are fetched from rest.fal.ai (under the override at /rest) only when a signature needs them.
		if (requests.length) expect(calls(requests)).toEqual(['GET /rest/.well-known/jwks.json']);
	});

	test('keys are cached: a second webhook is verified without fetching them again', async () => {
		jest.resetModules();
		const { fal: fresh } = require('../../dist/nodes/shared/providers/fal');
		const { connection, requests } = await drive(fresh, [jwks]);
		expect(await fresh.verifyCallback(connection, signed(), NOW)).toBeUndefined();
		expect(await fresh.verifyCallback(connection, signed({ timestamp: String(NOW / 1000 + 60) }), NOW + 60_000)).toBeUndefined();
		expect(requests).toHaveLength(1);
	});
});

describe('fal.ai Hailuo 3 (minimax/h3/*, minimax/h3-max/*)', () => {
	const { useEmulator, replay } = require('./emulatorReplay');
	const { findModel, estimateCost } = require('../../dist/nodes/shared/catalog');
	const ref = useEmulator();

	const H3_ID = '019a3c7e-5b1f-7f00-8a6e-3a1b2c3d4e5f';
	const h3Request = (app) => `/${app}/requests/${H3_ID}`;
	const h3Submitted = (app) =>
		ok({ request_id: H3_ID, gateway_request_id: H3_ID, response_url: `${BASE_URL}${h3Request(app)}`, status_url: `${BASE_URL}${h3Request(app)}/status`, cancel_url: `${BASE_URL}${h3Request(app)}/cancel`, queue_position: 0 });
	const h3Urls = (app) => ({ status: `${BASE_URL}${h3Request(app)}/status`, result: `${BASE_URL}${h3Request(app)}`, cancel: `${BASE_URL}${h3Request(app)}/cancel` });
	const FIRST = 'https://img.test/first.png';
	const LAST = 'https://img.test/last.png';

	test.each([
		[
			'text to video: integer duration, resolution, a concrete aspect_ratio, prompt_expansion_mode',
			{ model: 'minimax/h3/text-to-video', mode: 'textToVideo', prompt: 'A fox runs through snow', duration: 5, resolution: '4K', aspectRatio: '21:9', promptExpansion: 'quality' },
			{ prompt: 'A fox runs through snow', duration: 5, resolution: '4K', aspect_ratio: '21:9', prompt_expansion_mode: 'quality' },
		],
		[
			'image to video: image_url, no aspect_ratio (the video follows the image)',
			{ model: 'minimax/h3/image-to-video', mode: 'imageToVideo', prompt: 'She turns around', firstFrameImage: FIRST, duration: 15, resolution: '2K' },
			{ prompt: 'She turns around', image_url: FIRST, duration: 15, resolution: '2K' },
		],
		[
			'first and last frame on Hailuo 3 Max: image_url and end_image_url, expansion disabled',
			{ model: 'minimax/h3-max/image-to-video', mode: 'firstLastFrame', prompt: 'The door opens', firstFrameImage: FIRST, lastFrameImage: LAST, duration: 6, resolution: '480P', promptExpansion: 'disabled' },
			{ prompt: 'The door opens', image_url: FIRST, end_image_url: LAST, duration: 6, resolution: '480P', prompt_expansion_mode: 'disabled' },
		],
		[
			'last frame only: end_image_url alone',
			{ model: 'minimax/h3/image-to-video', mode: 'lastFrame', prompt: 'The car parks', lastFrameImage: LAST, duration: 5, resolution: '768P' },
			{ prompt: 'The car parks', end_image_url: LAST, duration: 5, resolution: '768P' },
		],
		[
			'references: the three lists in the order given, aspect_ratio adaptive',
			{
				model: 'minimax/h3/reference-to-video',
				mode: 'references',
				prompt: 'Image 1 walks Image 2 to the beat of Audio 1, moving like Video 1',
				duration: 10,
				resolution: '768P',
				aspectRatio: 'adaptive',
				references: { image: ['https://img.test/woman.png', 'https://img.test/dog.png'], video: ['https://media.test/walk.mp4'], audio: ['https://media.test/beat.mp3'] },
			},
			{
				prompt: 'Image 1 walks Image 2 to the beat of Audio 1, moving like Video 1',
				duration: 10,
				resolution: '768P',
				aspect_ratio: 'adaptive',
				reference_image_urls: ['https://img.test/woman.png', 'https://img.test/dog.png'],
				reference_video_urls: ['https://media.test/walk.mp4'],
				reference_audio_urls: ['https://media.test/beat.mp3'],
			},
		],
		[
			'references on Hailuo 3 Max with images only: no empty lists',
			{ model: 'minimax/h3-max/reference-to-video', mode: 'references', prompt: 'Image 1 waves', duration: 5, resolution: '768P', aspectRatio: '9:16', references: { image: ['https://img.test/woman.png'], video: [], audio: [] } },
			{ prompt: 'Image 1 waves', duration: 5, resolution: '768P', aspect_ratio: '9:16', reference_image_urls: ['https://img.test/woman.png'] },
		],
	])('%s; the emulator accepts it', async (_, request, body) => {
		const app = request.model.split('/').slice(0, 2).join('/');
		const driven = await drive(fal, [h3Submitted(app)]);
		await expect(driven.connection.createTask(request)).resolves.toEqual({ taskId: H3_ID, taskUrls: h3Urls(app) });
		expectOneJsonPost(driven, fal, `${BASE_URL}/${request.model}`, body);
		const accepted = await replay(ref.emulator, 'fal', driven.requests[0], { scheme: 'Key' });
		expect(accepted.status).toBe(200);
		expect(accepted.json.status_url).toContain(`/${app}/requests/`);
	});

	test.each([
		['4 s (fal starts at 5)', 'minimax/h3/text-to-video', { prompt: 'x', duration: 4, resolution: '768P', aspect_ratio: '16:9' }, 'duration'],
		['adaptive for text to video', 'minimax/h3/text-to-video', { prompt: 'x', duration: 5, resolution: '768P', aspect_ratio: 'adaptive' }, 'aspect_ratio'],
		['2K on Hailuo 3 Max', 'minimax/h3-max/text-to-video', { prompt: 'x', duration: 5, resolution: '2K' }, 'resolution'],
		['a field fal does not document (generate_audio)', 'minimax/h3/image-to-video', { prompt: 'x', image_url: FIRST, generate_audio: false }, 'generate_audio'],
		['audio as the only reference', 'minimax/h3/reference-to-video', { prompt: 'x', reference_audio_urls: ['https://media.test/a.mp3'] }, 'reference_image_urls'],
	])('the emulator refuses %s with FastAPI\'s 422', async (_, endpoint, body, field) => {
		const refused = await replay(ref.emulator, 'fal', { method: 'POST', url: `${BASE_URL}/${endpoint}`, body }, { scheme: 'Key' });
		expect(refused.status).toBe(422);
		expect(refused.json.detail[0].loc).toEqual(['body', field]);
	});

	test('the emulator answers a Hailuo 3 request\'s status and result in its app\'s queue', async () => {
		const accepted = await replay(ref.emulator, 'fal', { method: 'POST', url: `${BASE_URL}/minimax/h3-max/text-to-video`, body: { prompt: 'x', duration: 5, resolution: '480P' } }, { scheme: 'Key' });
		const read = async (url) => (await fetch(url, { headers: { authorization: `Key ${ref.emulator.apiKeys.fal}` } })).json();
		expect(accepted.json.status_url).toMatch(/\/minimax\/h3-max\/requests\/[^/]+\/status$/);
		expect(await read(accepted.json.status_url)).toMatchObject({ status: 'COMPLETED' });
		expect(await read(accepted.json.response_url)).toEqual({ video: expect.objectContaining({ url: expect.stringMatching(/\.mp4$/) }), expanded_prompt: null });
	});

	test('a refused create reports fal\'s field problem and is not sent again', async () => {
		const invalid = answer(422, { detail: [{ loc: ['body', 'duration'], msg: 'Input should be greater than or equal to 5', type: 'greater_than_equal' }] });
		const { connection, requests } = await drive(fal, [invalid]);
		const error = await caught(connection.createTask({ model: 'minimax/h3/text-to-video', mode: 'textToVideo', prompt: 'x', duration: 5, resolution: '768P', aspectRatio: '16:9' }));
		expectReported(error, fal, { code: '422', kind: 'invalidRequest', message: 'duration: Input should be greater than or equal to 5' });
		expect(requests).toHaveLength(1);
	});

	test('COMPLETED: the video of the result (expanded_prompt alongside), read in the model\'s app queue', async () => {
		const done = ok({ video: { url: VIDEO, content_type: 'video/mp4', file_name: 'output.mp4', file_size: 9_876_543 }, expanded_prompt: 'A red fox sprints across fresh snow at dawn…' });
		const { connection, requests } = await drive(fal, [status({ status: 'COMPLETED' }), done]);
		await expect(connection.getTask(taskRef(H3_ID, 'minimax/h3-max/text-to-video'))).resolves.toEqual({ state: 'succeeded', providerStatus: 'COMPLETED', videoUrl: VIDEO });
		expect(calls(requests)).toEqual([`GET ${h3Request('minimax/h3-max')}/status`, `GET ${h3Request('minimax/h3-max')}`]);
	});

	test('COMPLETED with an error: the task failed, in fal\'s words', async () => {
		const { connection } = await drive(fal, [status({ status: 'COMPLETED', error: 'downstream_service_unavailable', error_type: 'downstream_service_unavailable' })]);
		await expect(connection.getTask(taskRef(H3_ID, 'minimax/h3/reference-to-video'))).resolves.toEqual({
			state: 'failed',
			providerStatus: 'COMPLETED',
			failure: { code: 'downstream_service_unavailable', message: 'downstream_service_unavailable', kind: 'unknown' },
		});
	});

	test.each([
		['a reference video', { kind: 'video', data: Buffer.alloc(4096, 1), mimeType: 'video/mp4', fileName: 'walk.mp4', seconds: 4 }],
		['a reference audio clip', { kind: 'audio', data: Buffer.alloc(1024, 2), mimeType: 'audio/mpeg', fileName: 'beat.mp3', seconds: 6 }],
	])('upload of %s: its content type and name, then the bytes', async (_, file) => {
		const initiated = ok({ upload_url: 'https://storage.test/put/f?X-Goog-Signature=s', file_url: `https://v3.fal.media/files/${file.fileName}` });
		const { connection, requests } = await drive(fal, [initiated, ok('')]);
		await expect(connection.uploadFile(file)).resolves.toBe(`https://v3.fal.media/files/${file.fileName}`);
		expect(requests[0].body).toEqual({ content_type: file.mimeType, file_name: file.fileName });
		expect(requests[1]).toMatchObject({ method: 'PUT', headers: { 'Content-Type': file.mimeType }, body: { bytes: file.data.length } });
	});

	test('rows: one per endpoint, the image-to-video one serving the frame modes; 2K and 4K upscaled; prices per second', () => {
		const i2v = findModel('fal', 'minimax/h3/image-to-video');
		expect(Object.keys(i2v.modes)).toEqual(['imageToVideo', 'firstLastFrame', 'lastFrame']);
		expect(i2v.modes.imageToVideo.formats).toEqual({ '480P': [5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15], '768P': expect.any(Array), '2K': expect.any(Array), '4K': expect.any(Array) });
		expect(i2v).toMatchObject({ sound: true, upscaled: ['2K', '4K'], promptMaxLength: 7000 });
		expect(i2v.aspectRatios).toBeUndefined();
		expect(findModel('fal', 'minimax/h3/text-to-video').aspectRatios).not.toContain('adaptive');
		expect(findModel('fal', 'minimax/h3/reference-to-video').modes.references.references).toMatchObject({ images: 9, videos: 3, audios: 3, total: 12 });
		expect(findModel('fal', 'minimax/h3-max/image-to-video').modes.lastFrame.formats).toEqual({ '480P': expect.any(Array), '768P': expect.any(Array) });
		expect(findModel('fal', 'minimax/h3-max/reference-to-video').modes.references.features).toEqual(['promptExpansion']);
		expect(findModel('fal', 'minimax/h3/reference-to-video').price).toMatchObject({ perSecond: { '480P': 0.05, '768P': 0.06, '2K': 0.13, '4K': 0.16 }, extras: { freeImages: 5, perImage: 0.08 } });
		expect(estimateCost('fal', 'minimax/h3-max/text-to-video', 10, '768P').amount).toBe(0.8);
		// Hailuo 3 Max references also bill reference tokens, which no estimate can count.
		expect(findModel('fal', 'minimax/h3-max/reference-to-video').price).toBeUndefined();
		// Hailuo 3 Max renders in seconds, Hailuo 3 in minutes.
		expect(findModel('fal', 'minimax/h3-max/text-to-video').renderSeconds['768P'][5]).toBeLessThan(30);
		expect(findModel('fal', 'minimax/h3/text-to-video').renderSeconds['768P'][5]).toBe(150);
	});
});
