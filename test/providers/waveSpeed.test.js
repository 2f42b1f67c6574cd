// The WaveSpeed AI module against recorded responses shaped as WaveSpeed documents them
// (https://wavespeed.ai/docs/get-result, https://wavespeed.ai/docs/error-codes and the other pages the
// module cites): model paths, the prediction envelope,
// error codes, media uploads, and webhooks signed HMAC-SHA256 with the account's secret.
'use strict';

const crypto = require('node:crypto');
const { waveSpeed } = require('../../dist/nodes/shared/providers/waveSpeed');
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

const ID = 'b0c4d5e6f7a8491b8c2d3e4f5a6b7c8d';
const VIDEO = 'https://d1q70pf5vjeyhc.cloudfront.net/predictions/b0c4/1.mp4';
const RESULT = `/api/v3/predictions/${ID}/result`;
const data = (fields) => ({ id: ID, model: 'minimax/hailuo-2.3/i2v-standard', outputs: [], urls: { get: `${BASE_URL}${RESULT}` }, has_nsfw_contents: [], status: 'created', created_at: '2026-11-23T05:00:00.000Z', error: '', timings: {}, ...fields });
const enveloped = (fields) => ok({ code: 200, message: 'success', data: data(fields) });
const httpError = (statusCode, message) => answer(statusCode, { code: statusCode, message, data: null });

const I2V = {
	model: 'minimax/hailuo-2.3/i2v-standard',
	mode: 'imageToVideo',
	prompt: 'The cat turns its head [Push in]',
	firstFrameImage: 'https://img.test/cat.jpg',
	duration: 10,
	resolution: '768P',
	promptOptimizer: false,
	// No WaveSpeed field for the watermark: not sent.
	watermark: true,
};

describe('WaveSpeed AI createTask', () => {
	test.each([
		[
			'standard image to video: image, an integer duration, enable_prompt_expansion',
			I2V,
			'minimax/hailuo-2.3/i2v-standard',
			{ prompt: 'The cat turns its head [Push in]', image: 'https://img.test/cat.jpg', duration: 10, enable_prompt_expansion: false },
		],
		[
			'pro tier: no duration field (1080P, 6 s)',
			{ ...I2V, model: 'minimax/hailuo-2.3/i2v-pro', duration: 6, resolution: '1080P', promptOptimizer: undefined },
			'minimax/hailuo-2.3/i2v-pro',
			{ prompt: 'The cat turns its head [Push in]', image: 'https://img.test/cat.jpg' },
		],
		[
			'a fast path: Fast Pretreatment as go_fast',
			{ ...I2V, model: 'minimax/hailuo-2.3/fast', duration: 6, fastPretreatment: true },
			'minimax/hailuo-2.3/fast',
			{ prompt: 'The cat turns its head [Push in]', image: 'https://img.test/cat.jpg', duration: 6, enable_prompt_expansion: false, go_fast: true },
		],
		[
			'Hailuo 02 standard, first and last frame: end_image',
			{ ...I2V, model: 'minimax/hailuo-02/i2v-standard', mode: 'firstLastFrame', lastFrameImage: 'https://img.test/end.png', duration: 6 },
			'minimax/hailuo-02/i2v-standard',
			{ prompt: 'The cat turns its head [Push in]', image: 'https://img.test/cat.jpg', end_image: 'https://img.test/end.png', duration: 6, enable_prompt_expansion: false },
		],
		[
			'text to video',
			{ model: 'minimax/hailuo-02/t2v-standard', mode: 'textToVideo', prompt: 'A city at night', duration: 6, resolution: '768P' },
			'minimax/hailuo-02/t2v-standard',
			{ prompt: 'A city at night', duration: 6 },
		],
		[
			'a custom model id: sent as given, with the duration and resolution chosen',
			{ ...I2V, model: 'minimax/hailuo-2.5/i2v-standard', promptOptimizer: undefined },
			'minimax/hailuo-2.5/i2v-standard',
			{ prompt: 'The cat turns its head [Push in]', image: 'https://img.test/cat.jpg', duration: 10, resolution: '768P' },
		],
	])('%s', async (_, request, path, body) => {
		const driven = await drive(waveSpeed, [enveloped({})]);
		await expect(driven.connection.createTask(request)).resolves.toEqual({ taskId: ID });
		expectOneJsonPost(driven, waveSpeed, `${BASE_URL}/api/v3/${path}`, body);
		expect(driven.requests[0].qs).toBeUndefined();
	});

	test('a callback URL goes in the webhook query parameter', async () => {
		const { connection, requests } = await drive(waveSpeed, [enveloped({})]);
		await connection.createTask({ ...I2V, callbackUrl: 'https://n8n.test/webhook/x/hailuo?hailuo_ref=abc' });
		expect(requests[0].qs).toEqual({ webhook: 'https://n8n.test/webhook/x/hailuo?hailuo_ref=abc' });
		expect(requests[0].body).not.toHaveProperty('webhook');
	});

	test('an empty Base URL sends to the real host', async () => {
		const { connection, requests } = await drive(waveSpeed, [enveloped({})], { credentials: { baseUrl: '' } });
		await connection.createTask(I2V);
		expect(requests[0].url).toBe('https://api.wavespeed.ai/api/v3/minimax/hailuo-2.3/i2v-standard');
	});

	test.each([
		['no id', ok({ code: 200, message: 'success', data: { status: 'created' } })],
		['an empty id', ok({ code: 200, message: 'success', data: { id: '' } })],
	])('reports %s as an unexpected answer', async (_, recorded) => {
		const { connection, requests } = await drive(waveSpeed, [recorded]);
		expectReported(await caught(connection.createTask(I2V)), waveSpeed, { code: 'UNEXPECTED_RESPONSE', kind: 'unknown' });
		expect(requests).toHaveLength(1);
	});
});

describe('WaveSpeed AI getTask', () => {
	test.each([
		['created', { status: 'created' }, { state: 'queued', providerStatus: 'created' }],
		['processing', { status: 'processing' }, { state: 'running', providerStatus: 'processing' }],
		['an unknown word keeps polling', { status: 'warming' }, { state: 'running', providerStatus: 'warming' }],
		['completed: the first output', { status: 'completed', outputs: [VIDEO], timings: { inference: 71_200 } }, { state: 'succeeded', providerStatus: 'completed', videoUrl: VIDEO }],
		[
			'failed with 1200: moderation',
			{ status: 'failed', code: 1200, error: 'The content contains sensitive information.' },
			{ state: 'failed', providerStatus: 'failed', failure: { code: '1200', message: 'The content was refused by moderation: The content contains sensitive information.', kind: 'moderation' } },
		],
		[
			'failed with 1402: the image URL',
			{ status: 'failed', code: 1402, error: 'Failed to download image from the provided URL.' },
			{ state: 'failed', providerStatus: 'failed', failure: { code: '1402', message: 'WaveSpeed AI could not fetch the image URL: Failed to download image from the provided URL.', kind: 'invalidRequest' } },
		],
		[
			'failed with 5004: timed out',
			{ status: 'failed', code: 5004, error: 'timeout' },
			{ state: 'failed', providerStatus: 'failed', failure: { code: '5004', message: 'The task timed out at WaveSpeed AI: timeout', kind: 'unknown' } },
		],
		[
			'failed without a code',
			{ status: 'failed', error: 'Something broke' },
			{ state: 'failed', providerStatus: 'failed', failure: { code: 'failed', message: 'Something broke', kind: 'unknown' } },
		],
		[
			'timeout (a terminal word of WaveSpeed\'s own clients)',
			{ status: 'timeout' },
			{ state: 'failed', providerStatus: 'timeout', failure: { code: 'timeout', message: 'WaveSpeed AI reported the prediction as timeout', kind: 'unknown' } },
		],
		[
			'cancelled',
			{ status: 'cancelled' },
			{ state: 'cancelled', providerStatus: 'cancelled', failure: { code: 'cancelled', message: 'WaveSpeed AI reported the prediction as cancelled', kind: 'unknown' } },
		],
	])('%s', async (_, fields, snapshot) => {
		const { connection, requests } = await drive(waveSpeed, [enveloped(fields)]);
		await expect(connection.getTask(taskRef(ID))).resolves.toEqual(snapshot);
		expect(calls(requests)).toEqual([`GET ${RESULT}`]);
	});

	test('a bare prediction (no envelope) is read too', async () => {
		const { connection } = await drive(waveSpeed, [ok(data({ status: 'completed', outputs: [VIDEO] }))]);
		await expect(connection.getTask(taskRef(ID))).resolves.toEqual({ state: 'succeeded', providerStatus: 'completed', videoUrl: VIDEO });
	});

	test.each([
		['completed without outputs', [enveloped({ status: 'completed', outputs: [] })], { code: 'NO_OUTPUT', kind: 'unknown' }],
		['HTTP 404 for an unknown prediction', [httpError(404, 'prediction not found')], { code: '404', kind: 'notFound', message: 'Not found (prediction not found)' }],
		['HTTP 401', [httpError(401, 'Unauthorized')], { code: '401', kind: 'auth', description: 'Open the WaveSpeed AI credential and check the API key.' }],
	])('reports %s', async (_, recorded, expected) => {
		await expectStatusCheckFails(waveSpeed, recorded, taskRef(ID), expected);
	});

	test('a status check answered HTTP 503 is asked again once, after 250–500 ms', async () => {
		expect(await statusAfterOneRetry(waveSpeed, [httpError(503, 'Service Unavailable'), enveloped({ status: 'processing' })], taskRef(ID))).toEqual({ state: 'running', providerStatus: 'processing' });
	});
});

describe('WaveSpeed AI errors (the envelope with the HTTP status as code)', () => {
	test.each([
		['401', httpError(401, 'invalid authentication'), { message: 'Authentication failed: check the API key (invalid authentication)', code: '401', kind: 'auth' }],
		['402', httpError(402, 'Insufficient balance'), { message: 'Insufficient balance on the WaveSpeed AI account (Insufficient balance)', code: '402', kind: 'balance' }],
		['400 with a field problem', httpError(400, 'duration must be one of 6, 10'), { message: 'Invalid request (duration must be one of 6, 10)', code: '400', kind: 'invalidRequest' }],
		['429', httpError(429, 'Too Many Requests'), { message: 'Rate limit reached (the account level sets the video creates a minute) (Too Many Requests)', code: '429', kind: 'rateLimit' }],
		['an error code in an HTTP 200 envelope', ok({ code: 401, message: 'Unauthorized', data: null }), { message: 'Authentication failed: check the API key (Unauthorized)', code: '401', kind: 'auth' }],
		['an HTML 502', answer(502, '<html>Bad Gateway</html>'), { message: 'HTTP 502', code: '502', kind: 'transient' }],
		['HTTP 200', enveloped({ status: 'created' }), undefined],
		['a failed prediction\'s code is not the call\'s', enveloped({ status: 'failed', code: 1401, error: 'bad' }), undefined],
		['a bare failed prediction neither', ok(data({ status: 'failed', code: 5000 })), undefined],
	])('%s', (_, recorded, failure) => {
		expect(waveSpeed.failureOf(apiResponse(recorded.statusCode, recorded.body), 'create')).toEqual(failure);
	});

	test.each([
		['HTTP 500 on create: not sent again, the prediction may exist', [httpError(500, 'oops')], { code: '500', kind: 'transient', description: CREATE_UNCERTAIN }],
		['HTTP 400 on create: the parameters', [httpError(400, 'image is required')], { code: '400', kind: 'invalidRequest' }],
	])('%s', async (_, recorded, expected) => {
		const { connection, requests } = await drive(waveSpeed, recorded);
		expectReported(await caught(connection.createTask(I2V)), waveSpeed, expected);
		expect(requests).toHaveLength(1);
	});

	test('a 429 on create is sent again after Retry-After, then succeeds', async () => {
		const { connection, requests } = await drive(waveSpeed, [{ ...httpError(429, 'Too Many Requests'), headers: { 'retry-after': '2' } }, enveloped({})]);
		const { value, elapsedMs } = await inFakeTime(() => connection.createTask(I2V));
		expect(value).toEqual({ taskId: ID });
		expect(requests).toHaveLength(2);
		expect(elapsedMs).toBeGreaterThanOrEqual(2000);
	});
});

describe('WaveSpeed AI upload', () => {
	const image = { data: Buffer.alloc(2048, 7), mimeType: 'image/png', fileName: 'cat.png', width: 800, height: 600 };

	test.each([
		['data.download_url (the media upload page)', { code: 200, message: 'success', data: { type: 'image', download_url: 'https://cdn.wavespeed.ai/uploads/cat.png', filename: 'cat.png', size: 2048 } }],
		['data.url (an older page)', { code: 200, message: 'success', data: { url: 'https://cdn.wavespeed.ai/uploads/cat.png' } }],
	])('one multipart POST with the file, answered with %s', async (_, body) => {
		const { connection, requests } = await drive(waveSpeed, [ok(body)]);
		await expect(connection.uploadFile(image)).resolves.toBe('https://cdn.wavespeed.ai/uploads/cat.png');
		expect(calls(requests)).toEqual(['POST /api/v3/media/upload/binary']);
		expect(requests[0].body).toEqual({ form: { file: { fileName: 'cat.png', type: 'image/png', size: 2048 } } });
	});

	test('an upload without a URL is an unexpected answer', async () => {
		const { connection } = await drive(waveSpeed, [ok({ code: 200, message: 'success', data: {} })]);
		expectReported(await caught(connection.uploadFile(image)), waveSpeed, { code: 'UNEXPECTED_RESPONSE' });
	});
});

describe('WaveSpeed AI webhooks: HMAC-SHA256 with the account\'s secret, read through the credential', () => {
	const secretKey = crypto.randomBytes(16).toString('hex');
	const secret = ok({ code: 200, message: 'success', data: { secret: `whsec_${secretKey}` } });
	const NOW = 1_795_000_000_000;
	const rawBody = JSON.stringify(data({ status: 'completed', outputs: [VIDEO] }));
	const signed = ({ timestamp = String(NOW / 1000), body = rawBody, key = secretKey, version = 'v3', extra = '' } = {}) => {
		// The key is the secret after `whsec_`, as text (not base64-decoded).
		const signature = crypto.createHmac('sha256', key).update(`wh_1.${timestamp}.${rawBody}`).digest('hex');
		return { headers: { 'webhook-id': 'wh_1', 'webhook-timestamp': timestamp, 'webhook-signature': `${extra}${version},${signature}` }, rawBody: body, body: JSON.parse(body) };
	};

	test('readCallback: the prediction id; ended at completed or failed', () => {
		expect(waveSpeed.readCallback(signed())).toEqual({ taskId: ID, ended: true });
		expect(waveSpeed.readCallback({ headers: {}, rawBody: '', body: data({ status: 'failed', code: 1200 }) })).toEqual({ taskId: ID, ended: true });
		expect(waveSpeed.readCallback({ headers: {}, rawBody: '', body: { code: 200, data: data({ status: 'processing' }) } })).toEqual({ taskId: ID, ended: false });
		expect(waveSpeed.readCallback({ headers: {}, rawBody: '', body: { hello: 1 } })).toBeUndefined();
	});

	test.each([
		['a good signature', () => signed(), undefined],
		['one of several signatures', () => signed({ extra: 'v3,00ff ' }), undefined],
		['a body altered after signing', () => signed({ body: rawBody.replace('completed', 'failed') }), 'bad signature'],
		['another account\'s secret', () => signed({ key: 'another-secret' }), 'bad signature'],
		['the base64-decoded secret as key (a misreading of the guide)', () => signed({ key: Buffer.from(secretKey, 'base64') }), 'bad signature'],
		['another signature version', () => signed({ version: 'v1' }), 'bad signature'],
	])('%s', async (_, callback, problemFound) => {
		const { connection, requests } = await drive(waveSpeed, [secret]);
		expect(await waveSpeed.verifyCallback(connection, callback(), NOW)).toBe(problemFound);
		expect(calls(requests)).toEqual(['GET /api/v3/webhook/secret']);
	});

	test('a bare secret answer ({ secret }) is read too', async () => {
		const { connection } = await drive(waveSpeed, [ok({ secret: `whsec_${secretKey}` })]);
		expect(await waveSpeed.verifyCallback(connection, signed(), NOW)).toBeUndefined();
	});

	test.each([
		['a timestamp 6 minutes old', () => signed({ timestamp: String(NOW / 1000 - 360) }), /outside 300 s/],
		['no signature headers', () => ({ ...signed(), headers: {} }), /not signed/],
	])('%s: refused before the secret is read', async (_, callback, problemFound) => {
		const { connection, requests } = await drive(waveSpeed, []);
		expect(await waveSpeed.verifyCallback(connection, callback(), NOW)).toMatch(problemFound);
		expect(requests).toHaveLength(0);
	});
});

describe('WaveSpeed AI catalog rows', () => {
	test('tiers fix the resolution, pro tiers the duration; 02 standard image to video also takes a last frame', () => {
		const byId = Object.fromEntries(waveSpeed.models.map((m) => [m.value, m]));
		expect(byId['minimax/hailuo-2.3/i2v-pro'].modes.imageToVideo.formats).toEqual({ '1080P': [6] });
		expect(byId['minimax/hailuo-02/fast'].modes.imageToVideo.formats).toEqual({ '512P': [6, 10] });
		expect(Object.keys(byId['minimax/hailuo-02/i2v-standard'].modes)).toEqual(['imageToVideo', 'firstLastFrame']);
		expect(byId['minimax/hailuo-2.3/fast-pro'].modes.imageToVideo.features).toContain('fastPretreatment');
		expect(byId['minimax/hailuo-2.3/i2v-standard'].price).toEqual({
			currency: 'USD',
			perVideo: { '768P': { 6: 0.28, 10: 0.56 } },
			source: 'https://wavespeed.ai/docs/docs-api/minimax/minimax-hailuo-2.3-i2v-standard',
			asOf: '2026-11-23',
		});
	});
});

describe('WaveSpeed AI Hailuo 3 (minimax/h3/*, as MiniMax runs it)', () => {
	const { useEmulator, replay } = require('./emulatorReplay');
	const { findModel, estimateCost } = require('../../dist/nodes/shared/catalog');
	const ref = useEmulator();
	const FIRST = 'https://img.test/first.png';
	const LAST = 'https://img.test/last.png';

	test.each([
		[
			'text to video: a concrete aspect_ratio, the resolution in lower case',
			{ model: 'minimax/h3/text-to-video', mode: 'textToVideo', prompt: 'A lighthouse in a storm', duration: 4, resolution: '2K', aspectRatio: '4:3' },
			{ prompt: 'A lighthouse in a storm', duration: 4, aspect_ratio: '4:3', resolution: '2k' },
		],
		[
			'image to video: image, no aspect_ratio',
			{ model: 'minimax/h3/image-to-video', mode: 'imageToVideo', prompt: 'The lamp turns', firstFrameImage: FIRST, duration: 12, resolution: '768P' },
			{ prompt: 'The lamp turns', image: FIRST, duration: 12, resolution: '768p' },
		],
		[
			'first and last frame: image and last_image',
			{ model: 'minimax/h3/image-to-video', mode: 'firstLastFrame', prompt: 'Night falls', firstFrameImage: FIRST, lastFrameImage: LAST, duration: 15, resolution: '2K' },
			{ prompt: 'Night falls', image: FIRST, last_image: LAST, duration: 15, resolution: '2k' },
		],
		[
			'references: reference_images, reference_videos, reference_audios and aspect_ratio',
			{
				model: 'minimax/h3/reference-to-video',
				mode: 'references',
				prompt: 'Image 1 dances to Audio 1',
				duration: 8,
				resolution: '768P',
				aspectRatio: 'adaptive',
				references: { image: ['https://img.test/dancer.png'], video: [], audio: ['https://media.test/song.mp3'] },
			},
			{ prompt: 'Image 1 dances to Audio 1', duration: 8, aspect_ratio: 'adaptive', resolution: '768p', reference_images: ['https://img.test/dancer.png'], reference_audios: ['https://media.test/song.mp3'] },
		],
	])('%s; the emulator accepts it', async (_, request, body) => {
		const driven = await drive(waveSpeed, [enveloped({ model: request.model })]);
		await expect(driven.connection.createTask(request)).resolves.toEqual({ taskId: ID });
		expectOneJsonPost(driven, waveSpeed, `${BASE_URL}/api/v3/${request.model}`, body);
		const accepted = await replay(ref.emulator, 'waveSpeed', driven.requests[0]);
		expect([accepted.status, accepted.json.code, accepted.json.data.model]).toEqual([200, 200, request.model]);
	});

	test.each([
		['upper-case 768P', 'minimax/h3/text-to-video', { prompt: 'x', resolution: '768P' }, 'resolution'],
		['a last frame without an image', 'minimax/h3/image-to-video', { prompt: 'x', last_image: LAST }, 'image is required'],
		['aspect_ratio on image to video', 'minimax/h3/image-to-video', { prompt: 'x', image: FIRST, aspect_ratio: '16:9' }, 'aspect_ratio is not a parameter'],
		['audio alone', 'minimax/h3/reference-to-video', { prompt: 'x', reference_audios: ['https://media.test/a.mp3'] }, 'reference_images or reference_videos'],
		['16 s', 'minimax/h3/text-to-video', { prompt: 'x', duration: 16 }, 'duration'],
	])('the emulator refuses %s with the envelope\'s 400', async (_, route, body, words) => {
		const refused = await replay(ref.emulator, 'waveSpeed', { method: 'POST', url: `${BASE_URL}/api/v3/${route}`, body });
		expect(refused.status).toBe(400);
		expect(refused.json).toMatchObject({ code: 400, message: expect.stringContaining(words), data: null });
	});

	test('completed: the first output; failed with 1200: moderation', async () => {
		const { connection } = await drive(waveSpeed, [
			enveloped({ model: 'minimax/h3/text-to-video', status: 'completed', outputs: [VIDEO] }),
			enveloped({ model: 'minimax/h3/text-to-video', status: 'failed', code: 1200, error: 'video description contains sensitive content' }),
		]);
		await expect(connection.getTask(taskRef(ID))).resolves.toEqual({ state: 'succeeded', providerStatus: 'completed', videoUrl: VIDEO });
		await expect(connection.getTask(taskRef(ID))).resolves.toEqual({
			state: 'failed',
			providerStatus: 'failed',
			failure: { code: '1200', message: 'The content was refused by moderation: video description contains sensitive content', kind: 'moderation' },
		});
	});

	test('a reference audio clip is uploaded to the media upload (it takes video and audio too)', async () => {
		const audio = { kind: 'audio', data: Buffer.alloc(2048, 3), mimeType: 'audio/mpeg', fileName: 'song.mp3', seconds: 6 };
		const { connection, requests } = await drive(waveSpeed, [ok({ code: 200, message: 'success', data: { type: 'audio', download_url: 'https://d1q70pf5vjeyhc.cloudfront.net/media/song.mp3', filename: 'song.mp3', size: 2048 } })]);
		await expect(connection.uploadFile(audio)).resolves.toBe('https://d1q70pf5vjeyhc.cloudfront.net/media/song.mp3');
		expect(calls(requests)).toEqual(['POST /api/v3/media/upload/binary']);
		expect(requests[0].body).toEqual({ form: { file: { fileName: 'song.mp3', type: 'audio/mpeg', size: 2048 } } });
	});

	test('rows: one per route, no last-frame-only mode (image is required), prices per second', () => {
		expect(Object.keys(findModel('waveSpeed', 'minimax/h3/image-to-video').modes)).toEqual(['imageToVideo', 'firstLastFrame']);
		expect(findModel('waveSpeed', 'minimax/h3/text-to-video').modes.textToVideo.formats['2K']).toEqual([4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]);
		expect(findModel('waveSpeed', 'minimax/h3/reference-to-video').price).toMatchObject({ perSecond: { '768P': 0.1, '2K': 0.14 }, extras: { freeImages: 5, perImage: 0.05 } });
		expect(estimateCost('waveSpeed', 'minimax/h3/image-to-video', 6, '2K').amount).toBe(0.84);
		expect(waveSpeed.capabilities.referenceFiles).toBe('upload');
	});
});
