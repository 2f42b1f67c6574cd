// The Replicate module against recorded responses shaped as Replicate documents them
// (https://replicate.com/docs/reference/http, https://replicate.com/docs/topics/webhooks/verify-webhook and
// the other pages the module cites): predictions, files, problem
// bodies, and webhooks signed in the Standard Webhooks style.
'use strict';

const crypto = require('node:crypto');
const { replicate } = require('../../dist/nodes/shared/providers/replicate');
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
} = require('./drive');

const ID = 'dyqwpkvwhxrmc0cs6p0rgtsrzc';
const VIDEO = 'https://replicate.delivery/xezq/abc/output.mp4';
const prediction = (fields) => ok({ id: ID, model: 'minimax/hailuo-2.3', version: 'hailuo', input: {}, logs: '', output: null, error: null, status: 'starting', urls: { get: `${BASE_URL}/predictions/${ID}` }, ...fields });
const problem = (statusCode, title, detail) => answer(statusCode, { title, detail, status: statusCode });

const I2V = {
	model: 'minimax/hailuo-2.3',
	mode: 'imageToVideo',
	prompt: 'The cat turns its head [Push in]',
	firstFrameImage: 'https://img.test/cat.jpg',
	duration: 10,
	resolution: '768P',
	promptOptimizer: false,
	// No Replicate input for these: not sent.
	fastPretreatment: true,
	watermark: true,
};

describe('Replicate createTask', () => {
	test.each([
		[
			'image to video: the input object, duration as a number, resolution in lower case',
			I2V,
			'minimax/hailuo-2.3',
			{ input: { prompt: 'The cat turns its head [Push in]', first_frame_image: 'https://img.test/cat.jpg', duration: 10, prompt_optimizer: false, resolution: '768p' } },
		],
		[
			'Hailuo 02, first and last frame at 1080P',
			{ ...I2V, model: 'minimax/hailuo-02', mode: 'firstLastFrame', lastFrameImage: 'https://img.test/end.png', duration: 6, resolution: '1080P', promptOptimizer: undefined },
			'minimax/hailuo-02',
			{ input: { prompt: 'The cat turns its head [Push in]', first_frame_image: 'https://img.test/cat.jpg', last_frame_image: 'https://img.test/end.png', duration: 6, resolution: '1080p' } },
		],
		[
			'text to video',
			{ model: 'minimax/hailuo-02', mode: 'textToVideo', prompt: 'A city at night', duration: 6, resolution: '768P' },
			'minimax/hailuo-02',
			{ input: { prompt: 'A city at night', duration: 6, resolution: '768p' } },
		],
		[
			'a callback URL: the webhook, for the "completed" event only',
			{ ...I2V, callbackUrl: 'https://n8n.test/webhook/x/hailuo?hailuo_ref=abc' },
			'minimax/hailuo-2.3',
			{
				input: { prompt: 'The cat turns its head [Push in]', first_frame_image: 'https://img.test/cat.jpg', duration: 10, prompt_optimizer: false, resolution: '768p' },
				webhook: 'https://n8n.test/webhook/x/hailuo?hailuo_ref=abc',
				webhook_events_filter: ['completed'],
			},
		],
	])('%s', async (_, request, model, body) => {
		const driven = await drive(replicate, [answer(201, prediction().body)]);
		await expect(driven.connection.createTask(request)).resolves.toEqual({ taskId: ID });
		expectOneJsonPost(driven, replicate, `${BASE_URL}/models/${model}/predictions`, body);
	});

	test('an empty Base URL sends to the real host', async () => {
		const { connection, requests } = await drive(replicate, [answer(201, prediction().body)], { credentials: { baseUrl: '' } });
		await connection.createTask(I2V);
		expect(requests[0].url).toBe('https://api.replicate.com/v1/models/minimax/hailuo-2.3/predictions');
	});

	test.each([
		['HTTP 422 input validation: the problem\'s detail, not sent again', [problem(422, 'Input validation failed', 'duration: 10 is not available at 1080p')], { code: '422', kind: 'invalidRequest', message: 'Replicate rejected the input (duration: 10 is not available at 1080p)' }],
		['HTTP 402 insufficient credit', [problem(402, 'Insufficient credit', 'You have insufficient credit to run this model')], { code: '402', kind: 'balance' }],
		['HTTP 500: the prediction may exist', [problem(500, 'Internal server error')], { code: '500', kind: 'transient', description: CREATE_UNCERTAIN }],
	])('%s', async (_, recorded, expected) => {
		const { connection, requests } = await drive(replicate, recorded);
		expectReported(await caught(connection.createTask(I2V)), replicate, expected);
		expect(requests).toHaveLength(1);
	});

	test('a throttled create (429, Retry-After) is sent again, then succeeds', async () => {
		const throttled = { ...problem(429, 'Request was throttled.', 'Expected available in 2 seconds.'), headers: { 'retry-after': '2' } };
		const { connection, requests } = await drive(replicate, [throttled, answer(201, prediction().body)]);
		const { value, elapsedMs } = await inFakeTime(() => connection.createTask(I2V));
		expect(value).toEqual({ taskId: ID });
		expect(requests).toHaveLength(2);
		expect(elapsedMs).toBeGreaterThanOrEqual(2000);
	});
});

describe('Replicate getTask', () => {
	test.each([
		['starting', { status: 'starting' }, { state: 'queued', providerStatus: 'starting' }],
		['processing', { status: 'processing', logs: '50%' }, { state: 'running', providerStatus: 'processing' }],
		['succeeded: output is one URI', { status: 'succeeded', output: VIDEO }, { state: 'succeeded', providerStatus: 'succeeded', videoUrl: VIDEO }],
		['succeeded with an output list', { status: 'succeeded', output: [VIDEO] }, { state: 'succeeded', providerStatus: 'succeeded', videoUrl: VIDEO }],
		['failed: the error text', { status: 'failed', error: 'The input or output was flagged as sensitive. Please try again with different inputs. (E005)' }, { state: 'failed', providerStatus: 'failed', failure: { code: 'failed', message: 'The input or output was flagged as sensitive. Please try again with different inputs. (E005)', kind: 'unknown' } }],
		['failed without an error', { status: 'failed' }, { state: 'failed', providerStatus: 'failed', failure: { code: 'failed', message: 'Replicate reported the prediction as failed', kind: 'unknown' } }],
		['canceled', { status: 'canceled' }, { state: 'cancelled', providerStatus: 'canceled', failure: { code: 'canceled', message: 'The prediction was cancelled', kind: 'unknown' } }],
		['aborted', { status: 'aborted' }, { state: 'failed', providerStatus: 'aborted', failure: { code: 'aborted', message: 'Replicate reported the prediction as aborted', kind: 'unknown' } }],
		['an unknown word keeps polling', { status: 'booting' }, { state: 'running', providerStatus: 'booting' }],
	])('%s', async (_, fields, snapshot) => {
		const { connection, requests } = await drive(replicate, [prediction(fields)]);
		await expect(connection.getTask(taskRef(ID))).resolves.toEqual(snapshot);
		expect(calls(requests)).toEqual([`GET /predictions/${ID}`]);
	});

	test.each([
		['succeeded without output', [prediction({ status: 'succeeded' })], { code: 'NO_OUTPUT', message: 'no output URL' }],
		['HTTP 404', [problem(404, 'Not found', 'Prediction not found')], { code: '404', kind: 'notFound' }],
		['HTTP 401', [problem(401, 'Unauthenticated', 'You did not pass a valid authentication token')], { code: '401', kind: 'auth', description: 'Open the Replicate credential and check the API key.' }],
	])('reports %s', async (_, recorded, expected) => {
		await expectStatusCheckFails(replicate, recorded, taskRef(ID), expected);
	});

	test('problem bodies: detail, else title', () => {
		expect(replicate.failureOf(apiResponse(401, { title: 'Unauthenticated', status: 401 }), 'status')).toEqual({ message: 'Authentication failed: check the API token (Unauthenticated)', code: '401', kind: 'auth' });
		expect(replicate.failureOf(apiResponse(200, { status: 'failed' }), 'status')).toBeUndefined();
	});
});

describe('Replicate cancel and upload', () => {
	test('cancel: one POST', async () => {
		const { connection, requests } = await drive(replicate, [prediction({ status: 'canceled' })]);
		await expect(connection.cancelTask(taskRef(ID))).resolves.toBe(true);
		expect(calls(requests)).toEqual([`POST /predictions/${ID}/cancel`]);
	});

	test('upload: the Files API (multipart "content"); the file\'s URL goes to the model', async () => {
		const image = { data: Buffer.alloc(2048, 7), mimeType: 'image/png', fileName: 'cat.png', width: 800, height: 600 };
		const { connection, requests } = await drive(replicate, [answer(201, { id: 'f1', name: 'cat.png', content_type: 'image/png', size: 2048, urls: { get: 'https://api.replicate.com/v1/files/f1' } })]);
		await expect(connection.uploadFile(image)).resolves.toBe('https://api.replicate.com/v1/files/f1');
		expect(calls(requests)).toEqual(['POST /files']);
		expect(requests[0].body).toEqual({ form: { content: { fileName: 'cat.png', type: 'image/png', size: 2048 } } });
	});
});

describe('Replicate webhooks: HMAC-SHA256 with the account\'s secret, read through the credential', () => {
	const secretKey = crypto.randomBytes(24);
	const secret = ok({ key: `whsec_${secretKey.toString('base64')}` });
	const NOW = 1_795_000_000_000;
	const rawBody = JSON.stringify({ id: ID, status: 'succeeded', output: VIDEO });
	const signed = ({ timestamp = String(NOW / 1000), body = rawBody, key = secretKey, extra = '' } = {}) => {
		const signature = crypto.createHmac('sha256', key).update(`msg_1.${timestamp}.${rawBody}`).digest('base64');
		return { headers: { 'webhook-id': 'msg_1', 'webhook-timestamp': timestamp, 'webhook-signature': `${extra}v1,${signature}` }, rawBody: body, body: JSON.parse(body) };
	};

	test('readCallback: the prediction id; ended only at a final status', () => {
		expect(replicate.readCallback(signed())).toEqual({ taskId: ID, ended: true });
		expect(replicate.readCallback({ headers: {}, rawBody: '', body: { id: ID, status: 'processing' } })).toEqual({ taskId: ID, ended: false });
		expect(replicate.readCallback({ headers: {}, rawBody: '', body: { hello: 1 } })).toBeUndefined();
	});

	test.each([
		['a good signature', () => signed(), undefined],
		['one of several signatures (key rotation)', () => signed({ extra: 'v1,bm90LXRoaXMtb25l ' }), undefined],
		['a body altered after signing', () => signed({ body: rawBody.replace('succeeded', 'failed') }), 'bad signature'],
		['another account\'s secret', () => signed({ key: crypto.randomBytes(24) }), 'bad signature'],
	])('%s', async (_, callback, problemFound) => {
		const { connection, requests } = await drive(replicate, [secret]);
		expect(await replicate.verifyCallback(connection, callback(), NOW)).toBe(problemFound);
		expect(calls(requests)).toEqual(['GET /webhooks/default/secret']);
	});

	test.each([
		['a timestamp 6 minutes old', () => signed({ timestamp: String(NOW / 1000 - 360) }), /outside 300 s/],
		['no signature headers', () => ({ ...signed(), headers: {} }), /not signed/],
	])('%s: refused before the secret is read', async (_, callback, problemFound) => {
		const { connection, requests } = await drive(replicate, []);
		expect(await replicate.verifyCallback(connection, callback(), NOW)).toMatch(problemFound);
		expect(requests).toHaveLength(0);
	});
});

describe('Replicate Hailuo 3 (minimax/h3, one model for every mode)', () => {
	const { useEmulator, replay } = require('./emulatorReplay');
	const { findModel, estimateCost } = require('../../dist/nodes/shared/catalog');
	const ref = useEmulator();
	const URL_CREATE = `${BASE_URL}/models/minimax/h3/predictions`;
	const FIRST = 'https://img.test/first.png';
	const LAST = 'https://img.test/last.png';
	const base = { model: 'minimax/h3', prompt: 'The tide comes in', duration: 7, resolution: '768P' };

	test.each([
		['text to video: a concrete ratio, resolution as the schema writes it', { ...base, mode: 'textToVideo', resolution: '2K', aspectRatio: '16:9' }, { prompt: 'The tide comes in', duration: 7, resolution: '2K', ratio: '16:9' }],
		['image to video: first_frame_image, ratio adaptive', { ...base, mode: 'imageToVideo', firstFrameImage: FIRST, aspectRatio: 'adaptive' }, { prompt: 'The tide comes in', first_frame_image: FIRST, duration: 7, resolution: '768P', ratio: 'adaptive' }],
		['first and last frame', { ...base, mode: 'firstLastFrame', firstFrameImage: FIRST, lastFrameImage: LAST, duration: 4, aspectRatio: 'adaptive' }, { prompt: 'The tide comes in', first_frame_image: FIRST, last_frame_image: LAST, duration: 4, resolution: '768P', ratio: 'adaptive' }],
		['last frame only', { ...base, mode: 'lastFrame', lastFrameImage: LAST, duration: 15, aspectRatio: 'adaptive' }, { prompt: 'The tide comes in', last_frame_image: LAST, duration: 15, resolution: '768P', ratio: 'adaptive' }],
		[
			'references: the lists in the order given, the ratio chosen',
			{ ...base, mode: 'references', aspectRatio: '9:16', references: { image: ['https://img.test/a.png'], video: ['https://media.test/v.mp4'], audio: ['https://media.test/a.wav', 'https://media.test/b.wav'] } },
			{ prompt: 'The tide comes in', duration: 7, resolution: '768P', ratio: '9:16', reference_image_urls: ['https://img.test/a.png'], reference_video_urls: ['https://media.test/v.mp4'], reference_audio_urls: ['https://media.test/a.wav', 'https://media.test/b.wav'] },
		],
	])('%s; the emulator accepts it', async (_, request, input) => {
		const driven = await drive(replicate, [answer(201, prediction({ model: 'minimax/h3' }).body)]);
		await expect(driven.connection.createTask(request)).resolves.toEqual({ taskId: ID });
		expectOneJsonPost(driven, replicate, URL_CREATE, { input });
		const accepted = await replay(ref.emulator, 'replicate', driven.requests[0]);
		expect([accepted.status, accepted.json.model, accepted.json.input]).toEqual([201, 'minimax/h3', input]);
	});

	test.each([
		['3 s', { prompt: 'x', duration: 3, ratio: '1:1' }, 'duration'],
		['lower-case 2k', { prompt: 'x', resolution: '2k', ratio: '1:1' }, 'resolution'],
		['text to video without a concrete ratio', { prompt: 'x', ratio: 'adaptive' }, 'ratio'],
		['a frame with references', { prompt: 'x', first_frame_image: FIRST, reference_image_urls: ['https://img.test/a.png'] }, 'E006'],
		['an input the schema does not have (prompt_optimizer)', { prompt: 'x', ratio: '1:1', prompt_optimizer: true }, 'prompt_optimizer'],
	])('the emulator refuses %s with a 422 problem', async (_, input, words) => {
		const refused = await replay(ref.emulator, 'replicate', { method: 'POST', url: URL_CREATE, body: { input } });
		expect(refused.status).toBe(422);
		expect(refused.json).toMatchObject({ title: 'Input validation failed', detail: expect.stringContaining(words) });
	});

	test('succeeded: the output URI; failed: Replicate\'s error text', async () => {
		const { connection } = await drive(replicate, [prediction({ model: 'minimax/h3', status: 'succeeded', output: VIDEO }), prediction({ model: 'minimax/h3', status: 'failed', error: 'Prediction failed: reference audio needs an image or video (E006)' })]);
		await expect(connection.getTask(taskRef(ID, 'minimax/h3'))).resolves.toEqual({ state: 'succeeded', providerStatus: 'succeeded', videoUrl: VIDEO });
		await expect(connection.getTask(taskRef(ID, 'minimax/h3'))).resolves.toEqual({
			state: 'failed',
			providerStatus: 'failed',
			failure: { code: 'failed', message: 'Prediction failed: reference audio needs an image or video (E006)', kind: 'unknown' },
		});
	});

	test('upload of a reference video: the Files API with its content type and name', async () => {
		const video = { kind: 'video', data: Buffer.alloc(4096, 1), mimeType: 'video/mp4', fileName: 'walk.mp4', seconds: 4 };
		const { connection, requests } = await drive(replicate, [answer(201, { id: 'f2', name: 'walk.mp4', content_type: 'video/mp4', size: 4096, urls: { get: 'https://api.replicate.com/v1/files/f2' } })]);
		await expect(connection.uploadFile(video)).resolves.toBe('https://api.replicate.com/v1/files/f2');
		expect(requests[0].body).toEqual({ form: { content: { fileName: 'walk.mp4', type: 'video/mp4', size: 4096 } } });
	});

	test('the row: every mode, 4–15 s at 768P and 2K, ratios with adaptive, $0.08 and $0.13 a second', () => {
		const row = findModel('replicate', 'minimax/h3');
		expect(Object.keys(row.modes)).toEqual(['textToVideo', 'imageToVideo', 'firstLastFrame', 'lastFrame', 'references']);
		expect(row.modes.references.formats).toEqual({ '768P': [4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15], '2K': [4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15] });
		expect(row).toMatchObject({ sound: true, aspectRatios: ['adaptive', '21:9', '16:9', '4:3', '1:1', '3:4', '9:16'], price: { perSecond: { '768P': 0.08, '2K': 0.13 } } });
		expect(estimateCost('replicate', 'minimax/h3', 6, '2K').amount).toBe(0.78);
		expect(replicate.capabilities.referenceFiles).toBe('upload');
	});
});
