// The Kie.ai module against recorded responses shaped as Kie documents them (https://docs.kie.ai,
// https://docs.kie.ai/market/common/get-task-detail and the other pages the module cites): createTask bodies per model, recordInfo states with `resultJson`
// as a JSON string, codes in the body, the File Upload API, and callbacks with their opt-in signature.
'use strict';

const crypto = require('node:crypto');
const { kie } = require('../../dist/nodes/shared/providers/kie');
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
const { startEmulator } = require('../emulator');

const ID = 'task_hailuo_1765182986510';
const VIDEO = 'https://tempfile.aiquickdraw.com/h/abc123.mp4';
const CREATE = `${BASE_URL}/api/v1/jobs/createTask`;
const created = () => ok({ code: 200, msg: 'success', data: { taskId: ID } });
const recordData = (fields) => ({
	taskId: ID,
	model: 'hailuo/2-3-image-to-video-standard',
	state: 'waiting',
	param: '{"model":"hailuo/2-3-image-to-video-standard","input":{}}',
	resultJson: '',
	failCode: '',
	failMsg: '',
	completeTime: null,
	createTime: 1_795_000_000_000,
	updateTime: 1_795_000_000_000,
	...fields,
});
const record = (fields) => ok({ code: 200, message: 'success', data: recordData(fields) });
/** Kie's error: the code in the body, the HTTP status 200 unless given. */
const kieError = (code, msg, statusCode = 200) => answer(statusCode, { code, msg, data: null });

const I2V = {
	model: 'hailuo/2-3-image-to-video-standard',
	mode: 'imageToVideo',
	prompt: 'Two knights clash at sunset [Push in]',
	firstFrameImage: 'https://img.test/knights.webp',
	duration: 10,
	resolution: '768P',
	// No Kie field for these: not sent.
	fastPretreatment: true,
	watermark: true,
};

describe('Kie.ai createTask', () => {
	test.each([
		[
			'Hailuo 2.3 image to video: image_url, the duration as a string, the resolution',
			I2V,
			{ model: 'hailuo/2-3-image-to-video-standard', input: { prompt: 'Two knights clash at sunset [Push in]', image_url: 'https://img.test/knights.webp', duration: '10', resolution: '768P' } },
		],
		[
			'Hailuo 2.3 Pro at 1080P',
			{ ...I2V, model: 'hailuo/2-3-image-to-video-pro', duration: 6, resolution: '1080P' },
			{ model: 'hailuo/2-3-image-to-video-pro', input: { prompt: 'Two knights clash at sunset [Push in]', image_url: 'https://img.test/knights.webp', duration: '6', resolution: '1080P' } },
		],
		[
			'Hailuo 02 standard, first and last frame at 512P, with the prompt optimizer',
			{ ...I2V, model: 'hailuo/02-image-to-video-standard', mode: 'firstLastFrame', lastFrameImage: 'https://img.test/end.png', duration: 6, resolution: '512P', promptOptimizer: true },
			{
				model: 'hailuo/02-image-to-video-standard',
				input: { prompt: 'Two knights clash at sunset [Push in]', image_url: 'https://img.test/knights.webp', end_image_url: 'https://img.test/end.png', duration: '6', resolution: '512P', prompt_optimizer: true },
			},
		],
		[
			'Hailuo 02 Pro image to video: no duration or resolution field (1080P, 6 s)',
			{ ...I2V, model: 'hailuo/02-image-to-video-pro', duration: 6, resolution: '1080P', promptOptimizer: false },
			{ model: 'hailuo/02-image-to-video-pro', input: { prompt: 'Two knights clash at sunset [Push in]', image_url: 'https://img.test/knights.webp', prompt_optimizer: false } },
		],
		[
			'Hailuo 02 Pro, first and last frame: end_image_url, still no duration or resolution field',
			{ ...I2V, model: 'hailuo/02-image-to-video-pro', mode: 'firstLastFrame', lastFrameImage: 'https://img.test/end.png', duration: 6, resolution: '1080P' },
			{ model: 'hailuo/02-image-to-video-pro', input: { prompt: 'Two knights clash at sunset [Push in]', image_url: 'https://img.test/knights.webp', end_image_url: 'https://img.test/end.png' } },
		],
		[
			'Hailuo 02 standard text to video: the duration only (768P is its one resolution)',
			{ model: 'hailuo/02-text-to-video-standard', mode: 'textToVideo', prompt: 'A city at night', duration: 10, resolution: '768P' },
			{ model: 'hailuo/02-text-to-video-standard', input: { prompt: 'A city at night', duration: '10' } },
		],
		[
			'Hailuo 02 Pro text to video: the prompt only',
			{ model: 'hailuo/02-text-to-video-pro', mode: 'textToVideo', prompt: 'A city at night', duration: 6, resolution: '1080P' },
			{ model: 'hailuo/02-text-to-video-pro', input: { prompt: 'A city at night' } },
		],
		[
			'a custom model id: sent as given, with duration and resolution',
			{ ...I2V, model: 'hailuo/2-5-image-to-video-standard', duration: 6 },
			{ model: 'hailuo/2-5-image-to-video-standard', input: { prompt: 'Two knights clash at sunset [Push in]', image_url: 'https://img.test/knights.webp', duration: '6', resolution: '768P' } },
		],
	])('%s', async (_, request, body) => {
		const driven = await drive(kie, [created()]);
		await expect(driven.connection.createTask(request)).resolves.toEqual({ taskId: ID });
		expectOneJsonPost(driven, kie, CREATE, body);
	});

	test('a callback URL goes in callBackUrl', async () => {
		const { connection, requests } = await drive(kie, [created()]);
		await connection.createTask({ ...I2V, callbackUrl: 'https://n8n.test/webhook/x/hailuo?hailuo_ref=abc' });
		expect(requests[0].body).toMatchObject({ model: I2V.model, callBackUrl: 'https://n8n.test/webhook/x/hailuo?hailuo_ref=abc' });
	});

	test('an empty Base URL sends to the real host', async () => {
		const { connection, requests } = await drive(kie, [created()], { credentials: { baseUrl: '' } });
		await connection.createTask(I2V);
		expect(requests[0].url).toBe('https://api.kie.ai/api/v1/jobs/createTask');
	});

	test.each([
		['no taskId', ok({ code: 200, msg: 'success', data: {} })],
		['an empty taskId', ok({ code: 200, msg: 'success', data: { taskId: '' } })],
	])('reports %s as an unexpected answer', async (_, recorded) => {
		const { connection, requests } = await drive(kie, [recorded]);
		expectReported(await caught(connection.createTask(I2V)), kie, { code: 'UNEXPECTED_RESPONSE', kind: 'unknown' });
		expect(requests).toHaveLength(1);
	});
});

describe('Kie.ai getTask', () => {
	test.each([
		['waiting', { state: 'waiting' }, { state: 'queued', providerStatus: 'waiting' }],
		['queuing', { state: 'queuing' }, { state: 'queued', providerStatus: 'queuing' }],
		['generating', { state: 'generating' }, { state: 'running', providerStatus: 'generating' }],
		['an unknown word keeps polling', { state: 'uploading' }, { state: 'running', providerStatus: 'uploading' }],
		['success: the first of resultUrls in the resultJson string', { state: 'success', resultJson: JSON.stringify({ resultUrls: [VIDEO] }) }, { state: 'succeeded', providerStatus: 'success', videoUrl: VIDEO }],
		['success with resultJson as an object', { state: 'success', resultJson: { resultUrls: [VIDEO] } }, { state: 'succeeded', providerStatus: 'success', videoUrl: VIDEO }],
		[
			'fail: failCode and failMsg',
			{ state: 'fail', failCode: '500', failMsg: 'Content flagged by the upstream model' },
			{ state: 'failed', providerStatus: 'fail', failure: { code: '500', message: 'Content flagged by the upstream model', kind: 'unknown' } },
		],
		[
			'fail without a code or message',
			{ state: 'fail', failCode: null, failMsg: null },
			{ state: 'failed', providerStatus: 'fail', failure: { code: 'fail', message: 'Kie.ai reported the task as fail', kind: 'unknown' } },
		],
	])('%s', async (_, fields, snapshot) => {
		const { connection, requests } = await drive(kie, [record(fields)]);
		await expect(connection.getTask(taskRef(ID))).resolves.toEqual(snapshot);
		expect(calls(requests)).toEqual(['GET /api/v1/jobs/recordInfo']);
		expect(requests[0].qs).toEqual({ taskId: ID });
	});

	test.each([
		['success without result URLs', [record({ state: 'success', resultJson: '{"resultUrls":[]}' })], { code: 'NO_OUTPUT', kind: 'unknown' }],
		['success with an unreadable resultJson', [record({ state: 'success', resultJson: '{broken' })], { code: 'NO_OUTPUT', kind: 'unknown' }],
		['code 422 "recordInfo is null": a task Kie does not know', [kieError(422, 'recordInfo is null')], { code: '422', kind: 'notFound' }],
		['code 401 in an HTTP 200', [kieError(401, 'You do not have access permissions')], { code: '401', kind: 'auth', description: 'Open the Kie.ai credential and check the API key.' }],
		['HTTP 401', [kieError(401, 'You do not have access permissions', 401)], { code: '401', kind: 'auth' }],
	])('reports %s', async (_, recorded, expected) => {
		await expectStatusCheckFails(kie, recorded, taskRef(ID), expected);
	});

	test('a status check answered with code 455 (maintenance) is asked again once, after 250–500 ms', async () => {
		expect(await statusAfterOneRetry(kie, [kieError(455, 'Service unavailable'), record({ state: 'generating' })], taskRef(ID))).toEqual({ state: 'running', providerStatus: 'generating' });
	});
});

describe('Kie.ai errors (the code in the body, the HTTP status 200 or the same)', () => {
	test.each([
		['401', kieError(401, 'You do not have access permissions'), { message: 'Authentication failed: check the API key (You do not have access permissions)', code: '401', kind: 'auth' }],
		['402', kieError(402, 'Credits insufficient'), { message: 'Not enough credits on the Kie.ai account (Credits insufficient)', code: '402', kind: 'balance' }],
		['422', kieError(422, 'input.duration must be "6" or "10"'), { message: 'Kie.ai rejected the parameters (input.duration must be "6" or "10")', code: '422', kind: 'invalidRequest' }],
		['429', kieError(429, 'Rate limited'), { message: 'Rate limit reached (Rate limited)', code: '429', kind: 'rateLimit' }],
		['433 (the key\'s usage limit)', kieError(433, 'sub-key usage exceeded the limit'), { message: 'The key\'s usage limit (set in the Kie.ai console) is reached (sub-key usage exceeded the limit)', code: '433', kind: 'balance' }],
		['455 (maintenance)', kieError(455, 'Service unavailable'), { message: 'Kie.ai is under maintenance (Service unavailable)', code: '455', kind: 'transient' }],
		['505 (feature disabled)', kieError(505, 'Feature disabled'), { message: 'This feature is disabled at Kie.ai (Feature disabled)', code: '505', kind: 'invalidRequest' }],
		['the same code as HTTP status', kieError(402, 'Credits insufficient', 402), { message: 'Not enough credits on the Kie.ai account (Credits insufficient)', code: '402', kind: 'balance' }],
		['an HTML 502', answer(502, '<html>Bad Gateway</html>'), { message: 'HTTP 502', code: '502', kind: 'transient' }],
		['code 200', created(), undefined],
	])('%s', (_, recorded, failure) => {
		expect(kie.failureOf(apiResponse(recorded.statusCode, recorded.body), 'create')).toEqual(failure);
	});

	test.each([
		['code 500 on create: not sent again, the task may exist', [kieError(500, 'Server error')], { code: '500', kind: 'transient', description: CREATE_UNCERTAIN }],
		['code 422 on create: the parameters', [kieError(422, 'input.image_url is required')], { code: '422', kind: 'invalidRequest' }],
		['code 402 on create', [kieError(402, 'Credits insufficient')], { code: '402', kind: 'balance', description: 'Top up the Kie.ai account' }],
	])('%s', async (_, recorded, expected) => {
		const { connection, requests } = await drive(kie, recorded);
		expectReported(await caught(connection.createTask(I2V)), kie, expected);
		expect(requests).toHaveLength(1);
	});

	test('code 429 on create is sent again after Retry-After, then succeeds', async () => {
		const { connection, requests } = await drive(kie, [{ ...kieError(429, 'Rate limited'), headers: { 'retry-after': '2' } }, created()]);
		const { value, elapsedMs } = await inFakeTime(() => connection.createTask(I2V));
		expect(value).toEqual({ taskId: ID });
		expect(requests).toHaveLength(2);
		expect(elapsedMs).toBeGreaterThanOrEqual(2000);
	});
});

describe('Kie.ai upload (the File Upload API\'s host)', () => {
	const image = { data: Buffer.alloc(2048, 7), mimeType: 'image/png', fileName: 'cat.png', width: 800, height: 600 };
	const uploaded = ok({
		success: true,
		code: 200,
		msg: 'File uploaded successfully',
		data: { fileName: 'x-cat.png', filePath: 'n8n-hailuo/x-cat.png', downloadUrl: 'https://tempfile.redpandaai.co/xxx/n8n-hailuo/x-cat.png', fileSize: 2048, mimeType: 'image/png', uploadedAt: '2026-11-23T05:00:00.000Z' },
	});

	test('one multipart POST to kieai.redpandaai.co: the file, a folder and a name of its own', async () => {
		const { connection, requests } = await drive(kie, [uploaded], { credentials: { baseUrl: '' } });
		await expect(connection.uploadFile(image)).resolves.toBe('https://tempfile.redpandaai.co/xxx/n8n-hailuo/x-cat.png');
		expect(requests.map((r) => [r.credentialType, r.method, r.url])).toEqual([['kieApi', 'POST', 'https://kieai.redpandaai.co/api/file-stream-upload']]);
		const { form } = requests[0].body;
		expect(form).toEqual({ file: { fileName: 'cat.png', type: 'image/png', size: 2048 }, uploadPath: 'n8n-hailuo', fileName: expect.stringMatching(/^[0-9a-f]{16}-cat\.png$/) });
	});

	test('two uploads of one file get two names (Kie overwrites a repeated name)', async () => {
		const { connection, requests } = await drive(kie, [uploaded, uploaded]);
		await connection.uploadFile(image);
		await connection.uploadFile(image);
		expect(requests[0].body.form.fileName).not.toBe(requests[1].body.form.fileName);
	});

	test('with a Base URL override the upload host is served under it at /upload', async () => {
		const { connection, requests } = await drive(kie, [uploaded]);
		await connection.uploadFile(image);
		expect(requests[0].url).toBe(`${BASE_URL}/upload/api/file-stream-upload`);
	});

	test('an upload refused with code 401 is reported as a bad key', async () => {
		const { connection } = await drive(kie, [answer(401, { success: false, code: 401, msg: 'Unauthorized' })]);
		expectReported(await caught(connection.uploadFile(image)), kie, { code: '401', kind: 'auth' });
	});
});

describe('Kie.ai callbacks: the query\'s answer, signed when the account enabled it', () => {
	const hmacKey = crypto.randomBytes(16).toString('hex');
	const NOW = 1_795_000_000_000;
	const body = { code: 200, msg: 'success', data: recordData({ state: 'success', resultJson: JSON.stringify({ resultUrls: [VIDEO] }) }) };
	const signed = ({ timestamp = String(NOW / 1000), key = hmacKey, taskId = ID, callbackBody = body } = {}) => {
		const signature = crypto.createHmac('sha256', key).update(`${taskId}.${timestamp}`).digest('base64');
		return { headers: { 'x-webhook-timestamp': timestamp, 'x-webhook-signature': signature }, rawBody: JSON.stringify(callbackBody), body: callbackBody };
	};

	test('readCallback: the task id (taskId, or task_id as the verification guide reads it), ended at success or fail', () => {
		expect(kie.readCallback(signed())).toEqual({ taskId: ID, ended: true });
		expect(kie.readCallback({ headers: {}, rawBody: '', body: { code: 501, msg: 'Generation failed', data: recordData({ state: 'fail' }) } })).toEqual({ taskId: ID, ended: true });
		expect(kie.readCallback({ headers: {}, rawBody: '', body: { code: 200, data: { task_id: ID } } })).toEqual({ taskId: ID, ended: true });
		expect(kie.readCallback({ headers: {}, rawBody: '', body: { code: 200, data: recordData({ state: 'generating' }) } })).toEqual({ taskId: ID, ended: false });
		expect(kie.readCallback({ headers: {}, rawBody: '', body: { hello: 1 } })).toBeUndefined();
	});

	test('without a Webhook HMAC Key in the credential nothing is checked (the status check is the proof)', async () => {
		const { connection, requests } = await drive(kie, []);
		expect(await kie.verifyCallback(connection, { headers: {}, rawBody: '{}', body: {} }, NOW)).toBeUndefined();
		expect(requests).toHaveLength(0);
	});

	test.each([
		['a good signature', () => signed(), undefined],
		['a signature made hours ago (no window is documented)', () => signed({ timestamp: String(NOW / 1000 - 7200) }), undefined],
		['another task id in the body than the one signed', () => signed({ callbackBody: { ...body, data: { ...body.data, taskId: `${ID}0` } } }), 'bad signature'],
		['another key', () => signed({ key: 'another-key' }), 'bad signature'],
		['no signature headers', () => ({ ...signed(), headers: {} }), expect.stringMatching(/not signed/)],
	])('with the key in the credential: %s', async (_, callback, problem) => {
		const { connection, requests } = await drive(kie, [], { credentials: { webhookSecret: hmacKey } });
		expect(await kie.verifyCallback(connection, callback(), NOW)).toEqual(problem);
		expect(requests).toHaveLength(0);
	});
});

describe('Kie.ai catalog rows', () => {
	test('2.3 at 768P or 1080P (10 s at 768P only) without an optimizer; 02 image to video, standard and pro, also takes a last frame', () => {
		const byId = Object.fromEntries(kie.models.map((m) => [m.value, m]));
		expect(byId['hailuo/2-3-image-to-video-standard'].modes.imageToVideo).toEqual({ formats: { '768P': [6, 10], '1080P': [6] }, features: ['cameraMovements'] });
		expect(Object.keys(byId['hailuo/02-image-to-video-standard'].modes)).toEqual(['imageToVideo', 'firstLastFrame']);
		// Kie's Hailuo 02 playground (kie.ai/hailuo-api) gives the pro form a last frame too; 1080P, 6 s, as its image to video.
		expect(byId['hailuo/02-image-to-video-pro'].modes.firstLastFrame).toEqual({ formats: { '1080P': [6] }, features: ['promptOptimizer', 'cameraMovements'] });
		expect(byId['hailuo/02-image-to-video-standard'].modes.imageToVideo.formats).toEqual({ '512P': [6, 10], '768P': [6, 10] });
		expect(byId['hailuo/02-text-to-video-pro'].modes.textToVideo.formats).toEqual({ '1080P': [6] });
		expect(kie.limits.videoUrlLifetimeMs).toBe(24 * 3_600_000);
	});
});

describe('Kie.ai Hailuo 3: create bodies', () => {
	test.each([
		[
			'text to video: duration an integer, every format field, aspect_ratio',
			{ model: 'minimax-h3/text-to-video', mode: 'textToVideo', prompt: 'A paper boat in the rain', duration: 4, resolution: '768P', aspectRatio: '3:4' },
			{ model: 'minimax-h3/text-to-video', input: { prompt: 'A paper boat in the rain', duration: 4, resolution: '768P', aspect_ratio: '3:4' } },
		],
		[
			'image to video: first_frame_url only, no ratio field',
			{ model: 'minimax-h3/image-to-video', mode: 'imageToVideo', prompt: 'The cat yawns', firstFrameImage: 'https://img.test/cat.png', duration: 15, resolution: '2K' },
			{ model: 'minimax-h3/image-to-video', input: { prompt: 'The cat yawns', duration: 15, resolution: '2K', first_frame_url: 'https://img.test/cat.png' } },
		],
		[
			'first and last frame, with callBackUrl',
			{
				model: 'minimax-h3/image-to-video',
				mode: 'firstLastFrame',
				prompt: 'Winter turns to spring',
				firstFrameImage: 'https://img.test/winter.png',
				lastFrameImage: 'https://img.test/spring.png',
				duration: 8,
				resolution: '768P',
				callbackUrl: 'https://n8n.test/webhook/x',
			},
			{
				model: 'minimax-h3/image-to-video',
				callBackUrl: 'https://n8n.test/webhook/x',
				input: { prompt: 'Winter turns to spring', duration: 8, resolution: '768P', first_frame_url: 'https://img.test/winter.png', last_frame_url: 'https://img.test/spring.png' },
			},
		],
		[
			'references: the lists that have files, aspect_ratio adaptive as chosen',
			{
				model: 'minimax-h3/reference-to-video',
				mode: 'references',
				prompt: 'Image 1 walks through Video 1',
				references: { image: ['https://img.test/a.png', 'https://img.test/b.png'], video: ['https://media.test/walk.mp4'], audio: [] },
				duration: 10,
				resolution: '2K',
				aspectRatio: 'adaptive',
			},
			{
				model: 'minimax-h3/reference-to-video',
				input: {
					prompt: 'Image 1 walks through Video 1',
					duration: 10,
					resolution: '2K',
					aspect_ratio: 'adaptive',
					reference_image_urls: ['https://img.test/a.png', 'https://img.test/b.png'],
					reference_video_urls: ['https://media.test/walk.mp4'],
				},
			},
		],
	])('%s', async (_, request, body) => {
		const driven = await drive(kie, [created()]);
		await expect(driven.connection.createTask(request)).resolves.toEqual({ taskId: ID });
		expectOneJsonPost(driven, kie, CREATE, body);
	});

	test('a refusal of an H3 create (code 422 in an HTTP 200) is reported with Kie\'s words and not sent again', async () => {
		const { connection, requests } = await drive(kie, [kieError(422, 'input.aspect_ratio is required')]);
		const request = { model: 'minimax-h3/text-to-video', mode: 'textToVideo', prompt: 'x', duration: 5, resolution: '768P', aspectRatio: '16:9' };
		expectReported(await caught(connection.createTask(request)), kie, { code: '422', kind: 'invalidRequest', message: 'input.aspect_ratio is required' });
		expect(requests).toHaveLength(1);
	});

	test('a reference audio clip is uploaded like an image, under a name of its own', async () => {
		const clip = { kind: 'audio', data: Buffer.alloc(64, 3), mimeType: 'audio/mpeg', fileName: 'voice.mp3', seconds: 5 };
		const { connection, requests } = await drive(kie, [ok({ success: true, code: 200, data: { downloadUrl: 'https://tempfile.redpandaai.co/x/voice.mp3' } })]);
		await expect(connection.uploadFile(clip)).resolves.toBe('https://tempfile.redpandaai.co/x/voice.mp3');
		expect(requests[0].body.form).toEqual({ file: { fileName: 'voice.mp3', type: 'audio/mpeg', size: 64 }, uploadPath: 'n8n-hailuo', fileName: expect.stringMatching(/^[0-9a-f]{16}-voice\.mp3$/) });
	});
});

describe('Kie.ai Hailuo 3 against the emulator', () => {
	let emu;
	beforeAll(async () => {
		emu = await startEmulator({ port: 0, taskDurationMs: 0 });
	});
	afterAll(async () => {
		await emu.close();
	});

	test.each([
		['text to video', { model: 'minimax-h3/text-to-video', mode: 'textToVideo', prompt: 'Tide', duration: 4, resolution: '2K', aspectRatio: '21:9' }],
		['image to video', { model: 'minimax-h3/image-to-video', mode: 'imageToVideo', prompt: 'Blink', firstFrameImage: 'https://img.test/a.png', duration: 6, resolution: '768P' }],
		['first and last frame', { model: 'minimax-h3/image-to-video', mode: 'firstLastFrame', prompt: 'Bloom', firstFrameImage: 'https://img.test/a.png', lastFrameImage: 'https://img.test/b.png', duration: 15, resolution: '2K' }],
		['references', { model: 'minimax-h3/reference-to-video', mode: 'references', prompt: 'Video 1 with Audio 1', references: { image: [], video: ['https://media.test/v.mp4'], audio: ['https://media.test/a.mp3'] }, duration: 9, resolution: '768P', aspectRatio: '1:1' }],
	])('%s: created, then read as succeeded with its video', async (_, request) => {
		const { connection } = await driveEmulator(kie, emu);
		const { taskId } = await connection.createTask(request);
		expect(await connection.getTask(taskRef(taskId))).toEqual({ state: 'succeeded', providerStatus: 'success', videoUrl: `${emu.url}/files/kie/${taskId}.mp4` });
	});

	test.each([
		['text to video without a ratio', { model: 'minimax-h3/text-to-video', mode: 'textToVideo', prompt: 'x', duration: 5, resolution: '768P' }, 'input.aspect_ratio is required'],
		['480P', { model: 'minimax-h3/text-to-video', mode: 'textToVideo', prompt: 'x', duration: 5, resolution: '480P', aspectRatio: '16:9' }, 'input.resolution must be one of 768P, 2K'],
		['references with audio alone', { model: 'minimax-h3/reference-to-video', mode: 'references', prompt: 'x', references: { image: [], video: [], audio: ['https://media.test/a.mp3'] }, duration: 5, resolution: '768P' }, 'audio never alone'],
		['image to video with a ratio', { model: 'minimax-h3/image-to-video', mode: 'imageToVideo', prompt: 'x', firstFrameImage: 'https://img.test/a.png', duration: 5, resolution: '768P', aspectRatio: 'adaptive' }, 'input.aspect_ratio is not a parameter of this model'],
	])('the emulator refuses %s (code 422)', async (_, request, problem) => {
		const { connection } = await driveEmulator(kie, emu);
		expectReported(await caught(connection.createTask(request)), kie, { code: '422', kind: 'invalidRequest', message: problem });
	});

	test('a failed H3 task is read as failed with failCode and failMsg', async () => {
		const { connection } = await driveEmulator(kie, emu);
		const { taskId } = await connection.createTask({ model: 'minimax-h3/text-to-video', mode: 'textToVideo', prompt: 'x @fail:501', duration: 5, resolution: '768P', aspectRatio: '16:9' });
		expect(await connection.getTask(taskRef(taskId))).toEqual({ state: 'failed', providerStatus: 'fail', failure: { code: '501', message: 'Generation failed (501)', kind: 'unknown' } });
	});

	test('an H3 task with a callback URL gets the terminal post, read as ended', async () => {
		const { connection } = await driveEmulator(kie, emu);
		const { taskId } = await connection.createTask({ model: 'minimax-h3/text-to-video', mode: 'textToVideo', prompt: 'Calls back', duration: 5, resolution: '768P', aspectRatio: '16:9', callbackUrl: `${emu.url}/hooks/kie` });
		for (let wait = 0; wait < 100 && !emu.callbacks.some((c) => c.taskId === taskId); wait++) await new Promise((resolve) => setTimeout(resolve, 20));
		const callback = emu.callbacks.find((c) => c.taskId === taskId);
		expect(kie.readCallback({ headers: callback.headers, rawBody: JSON.stringify(callback.body), body: callback.body })).toEqual({ taskId, ended: true });
	});

	test('a video clip uploads to the File Upload API and its URL serves the bytes back', async () => {
		const { connection } = await driveEmulator(kie, emu);
		const url = await connection.uploadFile({ kind: 'video', data: Buffer.from('mp4 bytes'), mimeType: 'video/mp4', fileName: 'clip.mp4', seconds: 3 });
		expect(Buffer.from(await (await fetch(url)).arrayBuffer()).toString()).toBe('mp4 bytes');
	});
});

describe('Kie.ai Hailuo 3 rows and prices', () => {
	const byId = Object.fromEntries(kie.models.map((m) => [m.value, m]));
	const H3_FORMATS = { '768P': [4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15], '2K': [4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15] };

	test('768P or 2K, 4–15 s, sound, no options; image to video without a ratio field and no last-frame-only mode', () => {
		expect(byId['minimax-h3/text-to-video']).toMatchObject({
			modes: { textToVideo: { formats: H3_FORMATS, features: [] } },
			aspectRatios: ['21:9', '16:9', '4:3', '1:1', '3:4', '9:16'],
			promptMaxLength: 7000,
			sound: true,
		});
		expect(Object.keys(byId['minimax-h3/image-to-video'].modes)).toEqual(['imageToVideo', 'firstLastFrame']);
		expect(byId['minimax-h3/image-to-video'].aspectRatios).toBeUndefined();
		expect(byId['minimax-h3/reference-to-video'].modes.references).toMatchObject({ formats: H3_FORMATS, references: { images: 9, videos: 3, audios: 3, total: 12 } });
		expect(byId['minimax-h3/reference-to-video'].aspectRatios).toContain('adaptive');
		expect(kie.models.some((m) => m.modes.lastFrame)).toBe(false);
		expect(kie.capabilities.referenceFiles).toBe('upload');
	});

	test('render times as MiniMax\'s rows: 150 s for 5 s at 768P, 185 s at 2K', () => {
		expect(byId['minimax-h3/image-to-video'].renderSeconds).toMatchObject({ '768P': { 5: 150 }, '2K': { 5: 185 } });
	});

	test('8 and 13 credits a second in USD, five images free, reference video at the output rate; the source says it is a transcription', () => {
		for (const id of ['minimax-h3/text-to-video', 'minimax-h3/image-to-video', 'minimax-h3/reference-to-video']) {
			expect(byId[id].price).toEqual({
				perSecond: { '768P': 0.04, '2K': 0.065 },
				extras: { freeImages: 5, referenceVideoPerSecond: 'outputRate' },
				currency: 'USD',
				asOf: '2026-09-11',
				source: `https://docs.kie.ai/market/${id} (its price field as a client transcribed it; the page itself not read)`,
			});
		}
		expect(byId['hailuo/2-3-image-to-video-standard'].price).toBeUndefined();
	});
});
