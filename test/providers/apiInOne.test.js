// The API in One module against recorded responses shaped as API in One documents them
// (https://apiin.one/docs, https://apiin.one/zh/model/hailuo-2-3 and the other pages the module cites):
// videos/generations, tasks/{id} in two shapes, error bodies.
'use strict';

const { apiInOne } = require('../../dist/nodes/shared/providers/apiInOne');
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

const ID = 'n51xxxx_hailuo';
const VIDEO = 'https://aio-output.test/video.mp4';
/** The two documented task shapes: bare (docs page) and wrapped (model page). */
const bare = (fields) => ok({ id: ID, model: 'hailuo/2-3-image-to-video-standard', created_at: 1731000000, ...fields });
const wrapped = (fields) => ok({ code: 200, message: 'success', data: { task_id: ID, ...fields } });
const apiError = (statusCode, code, message, type = 'invalid_request_error') => answer(statusCode, { error: { code, message, type } });

const I2V = {
	model: 'hailuo/2-3-image-to-video-standard',
	mode: 'imageToVideo',
	prompt: 'The cat turns its head [Push in]',
	firstFrameImage: 'https://img.test/cat.jpg',
	duration: 10,
	resolution: '768P',
	callbackUrl: 'https://hooks.test/aio',
	// No API in One field for these: not sent.
	promptOptimizer: true,
	fastPretreatment: true,
	watermark: true,
};

describe('API in One createTask', () => {
	test.each([
		[
			'standard tier: image, resolution, callback_url and the duration as a string',
			I2V,
			{
				model: 'hailuo/2-3-image-to-video-standard',
				prompt: 'The cat turns its head [Push in]',
				image: 'https://img.test/cat.jpg',
				resolution: '768P',
				callback_url: 'https://hooks.test/aio',
				duration: '10',
			},
		],
		[
			'pro tier at 1080P without callback',
			{ model: 'hailuo/2-3-image-to-video-pro', mode: 'imageToVideo', prompt: 'Waves', firstFrameImage: 'https://img.test/sea.png', duration: 6, resolution: '1080P' },
			{ model: 'hailuo/2-3-image-to-video-pro', prompt: 'Waves', image: 'https://img.test/sea.png', resolution: '1080P', duration: '6' },
		],
	])('%s', async (_, request, body) => {
		const driven = await drive(apiInOne, [wrapped({ status: 'pending' })]);
		await expect(driven.connection.createTask(request)).resolves.toEqual({ taskId: ID });
		expectOneJsonPost(driven, apiInOne, `${BASE_URL}/videos/generations`, body);
	});

	test('an empty Base URL sends to the real host (its /api/v1 included)', async () => {
		const { connection, requests } = await drive(apiInOne, [ok({ task_id: ID })], { credentials: { baseUrl: '' } });
		await connection.createTask(I2V);
		expect(requests[0].url).toBe('https://apiin.one/api/v1/videos/generations');
	});

	test.each([
		['{code, message, data: {task_id, status}} (model page)', { code: 200, message: 'success', data: { task_id: ID, status: 'IN_PROGRESS' } }, ID],
		['{id, status, model, created_at} (docs page)', { id: 'task_abc123', status: 'pending', model: 'hailuo/2-3-image-to-video-standard', created_at: 1731000000 }, 'task_abc123'],
		['a bare {task_id}', { task_id: ID }, ID],
		['{data: {id}}', { data: { id: 'task_abc123' } }, 'task_abc123'],
		['a numeric id', { data: { task_id: 987654321 } }, '987654321'],
	])('reads the task id from %s', async (_, body, taskId) => {
		const { connection } = await drive(apiInOne, [ok(body)]);
		await expect(connection.createTask(I2V)).resolves.toEqual({ taskId });
	});

	test.each([
		['no id', { code: 200, message: 'success', data: { status: 'pending' } }],
		['an empty id', { task_id: '' }],
	])('reports %s as an unexpected answer', async (_, body) => {
		const { connection } = await drive(apiInOne, [ok(body)]);
		expectReported(await caught(connection.createTask(I2V)), apiInOne, {
			code: 'UNEXPECTED_RESPONSE',
			kind: 'unknown',
			message: 'answered the create request in an unexpected format',
		});
	});
});

describe('API in One getTask', () => {
	test.each([
		['pending (bare)', bare({ status: 'pending' }), { state: 'queued', providerStatus: 'pending' }],
		['IN_PROGRESS (wrapped)', wrapped({ status: 'IN_PROGRESS' }), { state: 'running', providerStatus: 'IN_PROGRESS' }],
		['IN_QUEUE (wrapped)', wrapped({ status: 'IN_QUEUE' }), { state: 'queued', providerStatus: 'IN_QUEUE' }],
		['processing (bare)', bare({ status: 'processing' }), { state: 'running', providerStatus: 'processing' }],
		['an unknown word keeps polling', bare({ status: 'generating' }), { state: 'running', providerStatus: 'generating' }],
		['completed → output.video_url (bare)', bare({ status: 'completed', output: { video_url: VIDEO } }), { state: 'succeeded', providerStatus: 'completed', videoUrl: VIDEO }],
		['completed → data.output.video_url (wrapped)', wrapped({ status: 'completed', output: { video_url: VIDEO } }), { state: 'succeeded', providerStatus: 'completed', videoUrl: VIDEO }],
		['COMPLETED → output as a string', wrapped({ status: 'COMPLETED', output: VIDEO }), { state: 'succeeded', providerStatus: 'COMPLETED', videoUrl: VIDEO }],
		['completed → video_url', bare({ status: 'completed', video_url: VIDEO }), { state: 'succeeded', providerStatus: 'completed', videoUrl: VIDEO }],
		['completed → output.url', wrapped({ status: 'completed', output: { url: VIDEO } }), { state: 'succeeded', providerStatus: 'completed', videoUrl: VIDEO }],
		['success → output.video_url', wrapped({ status: 'success', output: { video_url: VIDEO } }), { state: 'succeeded', providerStatus: 'success', videoUrl: VIDEO }],
		[
			'failed with an error text (bare)',
			bare({ status: 'failed', error: 'Image could not be downloaded' }),
			{ state: 'failed', providerStatus: 'failed', failure: { code: 'failed', message: 'Image could not be downloaded', kind: 'unknown' } },
		],
		[
			'failed with an error object (wrapped)',
			wrapped({ status: 'failed', error: { message: 'Content blocked' } }),
			{ state: 'failed', providerStatus: 'failed', failure: { code: 'failed', message: 'Content blocked', kind: 'unknown' } },
		],
		[
			'failed with error_message',
			wrapped({ status: 'failed', error_message: 'Generation timed out' }),
			{ state: 'failed', providerStatus: 'failed', failure: { code: 'failed', message: 'Generation timed out', kind: 'unknown' } },
		],
		[
			'FAIL without a reason',
			wrapped({ status: 'FAIL' }),
			{ state: 'failed', providerStatus: 'FAIL', failure: { code: 'FAIL', message: 'API in One reported the task as failed', kind: 'unknown' } },
		],
	])('%s', async (_, recorded, snapshot) => {
		const { connection, requests } = await drive(apiInOne, [recorded]);
		await expect(connection.getTask(taskRef(ID))).resolves.toEqual(snapshot);
		expect(calls(requests)).toEqual([`GET /tasks/${ID}`]);
	});

	test('failed with an error object (bare shape) is the task\'s outcome', async () => {
		const { connection } = await drive(apiInOne, [bare({ status: 'failed', error: { message: 'Content blocked' } })]);
		await expect(connection.getTask(taskRef(ID))).resolves.toMatchObject({
			state: 'failed',
			failure: { message: 'Content blocked' },
		});
	});

	test('the task id is escaped in the path', async () => {
		const { connection, requests } = await drive(apiInOne, [bare({ status: 'pending' })]);
		await connection.getTask(taskRef('a/b c'));
		expect(requests[0].url).toBe(`${BASE_URL}/tasks/a%2Fb%20c`);
	});

	test.each([
		['completed without a video URL', [wrapped({ status: 'completed', output: {} })], { code: 'NO_OUTPUT', kind: 'unknown', message: 'no video URL' }],
		['a task without status', [wrapped({ output: VIDEO })], { code: 'UNEXPECTED_RESPONSE', kind: 'unknown', message: 'status check' }],
		['HTTP 401 Invalid API key', [apiError(401, 401, 'Invalid API key', 'authentication_error')], { code: '401', kind: 'auth', message: '(Invalid API key)', description: 'Open the API in One credential and check the API key.' }],
		['HTTP 404', [apiError(404, 404, 'Task not found')], { code: '404', kind: 'notFound', description: 'API in One does not know this task' }],
	])('reports %s', async (_, recorded, expected) => {
		await expectStatusCheckFails(apiInOne, recorded, taskRef(ID), expected);
	});

	test('a status check answered HTTP 502 is asked again once, after 250–500 ms', async () => {
		expect(await statusAfterOneRetry(apiInOne, [answer(502, '<html>Bad Gateway</html>'), wrapped({ status: 'IN_PROGRESS' })], taskRef(ID))).toEqual({ state: 'running', providerStatus: 'IN_PROGRESS' });
	});
});

describe('API in One error codes', () => {
	test.each([
		['HTTP 401 with the documented error object', apiError(401, 401, 'Invalid API key', 'authentication_error'), { message: 'Authentication failed: check the API key (Invalid API key)', code: '401', kind: 'auth' }],
		['HTTP 402', apiError(402, 402, 'Insufficient credits'), { message: 'Not enough credits on the API in One account (Insufficient credits)', code: '402', kind: 'balance' }],
		['HTTP 429', apiError(429, 429, 'Too many requests'), { message: 'Rate limit reached (Too many requests)', code: '429', kind: 'rateLimit' }],
		['HTTP 429 without a body', answer(429, ''), { message: 'Rate limit reached', code: '429', kind: 'rateLimit' }],
		['HTTP 400 with a word as error code: the word is the code', apiError(400, 'invalid_request', 'image is required'), { message: 'HTTP 400 (image is required)', code: 'invalid_request', kind: 'invalidRequest' }],
		['HTTP 500 with an HTML page', answer(500, '<html>Internal Server Error</html>'), { message: 'HTTP 500', code: '500', kind: 'transient' }],
		['HTTP 402 as {code, message}', answer(402, { code: 402, message: 'Insufficient credits' }), { message: 'Not enough credits on the API in One account (Insufficient credits)', code: '402', kind: 'balance' }],
		['an error object in an HTTP 200: its code read as an HTTP status', ok({ error: { code: 401, message: 'Invalid API key', type: 'authentication_error' } }), { message: 'Invalid API key', code: '401', kind: 'auth' }],
		['an error object in an HTTP 200 with code 402', ok({ error: { code: 402, message: 'Insufficient credits' } }), { message: 'Insufficient credits', code: '402', kind: 'balance' }],
		['an error object in an HTTP 200 with a word as code', ok({ error: { code: 'content_policy_violation', message: 'Prompt refused' } }), { message: 'Prompt refused', code: 'content_policy_violation', kind: 'unknown' }],
		['an error object in an HTTP 200 without code or message', ok({ error: {} }), { message: 'API in One error', code: undefined, kind: 'unknown' }],
		['{code: 402, message} in an HTTP 200', ok({ code: 402, message: 'Insufficient credits' }), { message: 'Not enough credits on the API in One account (Insufficient credits)', code: '402', kind: 'balance' }],
		['a wrapped success', wrapped({ status: 'completed' }), undefined],
		['a bare success', bare({ status: 'pending' }), undefined],
		['a failed task with an error text (bare)', bare({ status: 'failed', error: 'boom' }), undefined],
	])('%s', (_, recorded, failure) => {
		expect(apiInOne.failureOf(apiResponse(recorded.statusCode, recorded.body), 'create')).toEqual(failure);
	});
});

describe('API in One failures through the connection', () => {
	test.each([
		['401 on create', [apiError(401, 401, 'Invalid API key', 'authentication_error')], { code: '401', kind: 'auth', message: 'API in One: Authentication failed: check the API key (Invalid API key)', description: 'Open the API in One credential and check the API key.', httpCode: '401' }],
		['402 on create', [apiError(402, 402, 'Insufficient credits')], { code: '402', kind: 'balance', description: 'Top up the API in One account' }],
		['an error object in an HTTP 200 on create', [ok({ error: { code: 401, message: 'Invalid API key' } })], { code: '401', kind: 'auth', message: 'API in One: Invalid API key', httpCode: '200' }],
		['HTTP 400 on create', [apiError(400, 'invalid_request', 'image is required')], { code: 'invalid_request', kind: 'invalidRequest', description: 'API in One refused the parameters' }],
		['HTTP 500 on create: not sent again, the task may exist', [answer(500, '')], { code: '500', kind: 'transient', description: CREATE_UNCERTAIN }],
		['an unreadable HTTP 200 on create: not sent again', [ok('Service temporarily unavailable')], { code: 'MALFORMED_RESPONSE', kind: 'transient', description: CREATE_UNCERTAIN }],
		['HTTP 404 on create: the Base URL is wrong', [answer(404, '<html>404</html>')], { code: '404', description: `check the Base URL in the credential (now ${BASE_URL}; the provider's is https://apiin.one/api/v1)` }],
	])('%s', async (_, recorded, expected) => {
		const { connection, requests } = await drive(apiInOne, recorded);
		expectReported(await caught(connection.createTask(I2V)), apiInOne, expected);
		expect(requests).toHaveLength(1);
	});

	test.each([
		['HTTP 429', apiError(429, 429, 'Too many requests')],
		['an error object with code 429 in an HTTP 200', ok({ error: { code: 429, message: 'Too many requests' } })],
	])('a rate refusal on create (%s) is sent again and then succeeds', async (_, limited) => {
		const { connection, requests } = await drive(apiInOne, [limited, ok({ task_id: ID })]);
		const { value, elapsedMs } = await inFakeTime(() => connection.createTask(I2V));
		expect(value).toEqual({ taskId: ID });
		expect(requests).toHaveLength(2);
		expect(requests[1].body).toEqual(requests[0].body);
		expect(elapsedMs).toBeGreaterThanOrEqual(1000);
	});
});

describe('API in One callbacks (the task body; hints, confirmed by a status check)', () => {
	test.each([
		['completed (bare)', { id: ID, status: 'completed', output: { video_url: 'https://x.test/v.mp4' } }, { taskId: ID, ended: true }],
		['failed (wrapped)', { code: 200, data: { task_id: ID, status: 'failed', error: 'blocked' } }, { taskId: ID, ended: true }],
		['processing', { id: ID, status: 'processing' }, { taskId: ID, ended: false }],
	])('reads %s', (_, body, notice) => {
		expect(apiInOne.readCallback({ headers: {}, rawBody: JSON.stringify(body), body })).toEqual(notice);
	});

	test('a body without a task id is not a callback', () => {
		expect(apiInOne.readCallback({ headers: {}, rawBody: '{}', body: {} })).toBeUndefined();
	});
});

describe('API in One catalog rows and price', () => {
	const byId = Object.fromEntries(apiInOne.models.map((m) => [m.value, m]));

	test('30 credits ($0.30) for the page\'s default request only: standard, 6 s, 768P', () => {
		expect(byId['hailuo/2-3-image-to-video-standard'].price).toEqual({
			perVideo: { '768P': { 6: 0.3 } },
			currency: 'USD',
			asOf: '2026-12-04',
			source: 'https://apiin.one/zh/model/hailuo-2-3',
		});
	});

	test('the pro tier\'s credits are a range only: no price; no Hailuo 3 row', () => {
		expect(byId['hailuo/2-3-image-to-video-pro'].price).toBeUndefined();
		expect(apiInOne.models.every((m) => !m.sound && !m.modes.references)).toBe(true);
	});
});
