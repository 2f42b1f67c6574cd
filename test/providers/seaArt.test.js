// The SeaArt module against recorded responses shaped as SeaArt documents them
// (https://cloud.seaart.ai/docs/model-api/multimodal/submit and the other pages the module cites): a
// fal-style queue per model, status + response, gateway errors.
'use strict';

const { seaArt } = require('../../dist/nodes/shared/providers/seaArt');
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

const MODEL = 'minimax_hailuo_23_i2v';
const ID = 'mmsu_01JX4T7Q';
const QUEUE = `/model/v1/queue/${MODEL}/requests/${ID}`;
const VIDEO = 'https://seaart-output.test/video.mp4';

const submitted = (request_id = ID) =>
	ok({
		request_id,
		response_url: `${BASE_URL}${QUEUE}/response`,
		status_url: `${BASE_URL}${QUEUE}/status`,
		cancel_url: `${BASE_URL}${QUEUE}/cancel`,
		queue_position: 0,
	});
const status = (fields) => ok({ request_id: ID, ...fields });
const result = (url = VIDEO) =>
	ok({
		request_id: ID,
		outputs: [{ type: 'video', url, content_type: 'video/mp4', file_name: 'video.mp4', file_size: 123, duration: 6 }],
		metadata: {},
	});
const gateway = (statusCode, code, message) => answer(statusCode, { error: { code, message }, request_id: 'req_1' });
const detail = (statusCode, text) => answer(statusCode, { detail: text });

const I2V = {
	model: MODEL,
	mode: 'imageToVideo',
	prompt: '猫转头 [推进]',
	firstFrameImage: 'https://img.test/cat.jpg',
	duration: 10,
	resolution: '768P',
	promptOptimizer: false,
	fastPretreatment: true,
	watermark: true,
	callbackUrl: 'https://hooks.test/seaart',
};

describe('SeaArt createTask', () => {
	test.each([
		[
			'image to video: a flat body with MiniMax names, the model in the path, no callback (not supported)',
			I2V,
			`/model/v1/queue/${MODEL}`,
			{
				prompt: '猫转头 [推进]',
				first_frame_image: 'https://img.test/cat.jpg',
				duration: 10,
				resolution: '768P',
				prompt_optimizer: false,
				fast_pretreatment: true,
				aigc_watermark: true,
			},
		],
		[
			'text to video at 1080P',
			{ model: 'minimax_hailuo_02_t2v', mode: 'textToVideo', prompt: 'A city at night', duration: 6, resolution: '1080P' },
			'/model/v1/queue/minimax_hailuo_02_t2v',
			{ prompt: 'A city at night', duration: 6, resolution: '1080P' },
		],
	])('%s', async (_, request, path, body) => {
		const driven = await drive(seaArt, [submitted()]);
		await expect(driven.connection.createTask(request)).resolves.toEqual({ taskId: ID });
		expectOneJsonPost(driven, seaArt, `${BASE_URL}${path}`, body);
	});

	test('an empty Base URL sends to the real host', async () => {
		const { connection, requests } = await drive(seaArt, [submitted()], { credentials: { baseUrl: '' } });
		await connection.createTask(I2V);
		expect(requests[0].url).toBe(`https://cloud.seaart.ai/model/v1/queue/${MODEL}`);
	});

	test.each([
		['an empty request_id', { request_id: '' }],
		['no request_id', { status_url: 'x' }],
		['a numeric request_id (documented as a string)', { request_id: 12345 }],
	])('reports %s as an unexpected answer', async (_, body) => {
		const { connection, requests } = await drive(seaArt, [ok(body)]);
		expectReported(await caught(connection.createTask(I2V)), seaArt, {
			code: 'UNEXPECTED_RESPONSE',
			kind: 'unknown',
			message: 'answered the create request in an unexpected format',
			description: 'request_id',
		});
		expect(requests).toHaveLength(1);
	});
});

describe('SeaArt getTask', () => {
	test.each([
		['IN_QUEUE', { status: 'IN_QUEUE', queue_position: 3 }, { state: 'queued', providerStatus: 'IN_QUEUE' }],
		['IN_PROGRESS', { status: 'IN_PROGRESS', logs: [] }, { state: 'running', providerStatus: 'IN_PROGRESS' }],
		['in_progress (case)', { status: 'in_progress' }, { state: 'running', providerStatus: 'in_progress' }],
		['an unknown word keeps polling', { status: 'WARMING_UP' }, { state: 'running', providerStatus: 'WARMING_UP' }],
		// After a cancel request the queue answers CANCELLATION_REQUESTED; not final until COMPLETED.
		['CANCELLATION_REQUESTED', { status: 'CANCELLATION_REQUESTED' }, { state: 'running', providerStatus: 'CANCELLATION_REQUESTED' }],
		// Not a documented SeaArt status word (fal.ai's queue has it): read as an unknown word.
		['a bare CANCELED status', { status: 'CANCELED' }, { state: 'running', providerStatus: 'CANCELED' }],
		['IN_PROGRESS with an error field is not final yet', { status: 'IN_PROGRESS', error: 'retrying', error_type: 'INFERENCE_FAILURE' }, { state: 'running', providerStatus: 'IN_PROGRESS' }],
	])('%s: one status request', async (_, body, snapshot) => {
		const { connection, requests } = await drive(seaArt, [status(body)]);
		await expect(connection.getTask(taskRef(ID, MODEL))).resolves.toEqual(snapshot);
		expect(calls(requests)).toEqual([`GET ${QUEUE}/status`]);
	});

	test.each([
		['INFERENCE_FAILURE', 'Runtime execution failed', 'The generation failed at SeaArt: Runtime execution failed', 'transient'],
		['INFERENCE_TIMEOUT', 'timed out after 600 s', 'The generation timed out at SeaArt: timed out after 600 s', 'transient'],
		['REQUEST_INVALID', 'resolution 1080P does not support duration 10', 'SeaArt rejected the request parameters: resolution 1080P does not support duration 10', 'invalidRequest'],
		['CONTENT_BLOCKED', 'image flagged', 'The prompt, image or video was blocked by content moderation: image flagged', 'moderation'],
		['INTERNAL_SERVER_ERROR', 'oops', 'SeaArt internal error: oops', 'transient'],
		['SOMETHING_NEW', 'new failure', 'new failure', 'unknown'],
	])('COMPLETED with error_type %s: failed, no result request', async (type, error, message, kind) => {
		const { connection, requests } = await drive(seaArt, [status({ status: 'COMPLETED', error, error_type: type })]);
		await expect(connection.getTask(taskRef(ID, MODEL))).resolves.toEqual({
			state: 'failed',
			providerStatus: 'COMPLETED',
			failure: { code: type, message, kind },
		});
		expect(requests).toHaveLength(1);
	});

	test.each([
		[
			'COMPLETED with error_type CANCELED: cancelled',
			{ status: 'COMPLETED', error: 'Request was cancelled', error_type: 'CANCELED' },
			{ state: 'cancelled', providerStatus: 'COMPLETED', failure: { code: 'CANCELED', message: 'The task was cancelled: Request was cancelled', kind: 'unknown' } },
		],
		[
			'COMPLETED with an error but no error_type: an inference failure',
			{ status: 'COMPLETED', error: 'Runtime execution failed' },
			{ state: 'failed', providerStatus: 'COMPLETED', failure: { code: 'INFERENCE_FAILURE', message: 'The generation failed at SeaArt: Runtime execution failed', kind: 'transient' } },
		],
		[
			'COMPLETED with an error object',
			{ status: 'COMPLETED', error: { message: 'bad image' }, error_type: 'REQUEST_INVALID' },
			{ state: 'failed', providerStatus: 'COMPLETED', failure: { code: 'REQUEST_INVALID', message: 'SeaArt rejected the request parameters: {"message":"bad image"}', kind: 'invalidRequest' } },
		],
	])('%s', async (_, body, snapshot) => {
		const { connection, requests } = await drive(seaArt, [status(body)]);
		await expect(connection.getTask(taskRef(ID, MODEL))).resolves.toEqual(snapshot);
		expect(requests).toHaveLength(1);
	});

	test.each([
		['CANCELED', null, 'The task was cancelled'],
		['CONTENT_BLOCKED', undefined, 'The prompt, image or video was blocked by content moderation'],
	])('COMPLETED with error_type %s and no error text: the type\'s message alone', async (type, error, message) => {
		const { connection } = await drive(seaArt, [status({ status: 'COMPLETED', error, error_type: type })]);
		const snapshot = await connection.getTask(taskRef(ID, MODEL));
		expect(snapshot.failure).toEqual(expect.objectContaining({ code: type, message }));
	});

	test.each([
		['COMPLETED with metrics', { status: 'COMPLETED', metrics: { inference_time: 61.2 } }],
		['COMPLETED with an empty error and null error_type', { status: 'COMPLETED', error: '', error_type: null }],
		['completed (case)', { status: 'completed' }],
	])('%s: the URL is outputs[0].url of the response', async (_, body) => {
		const { connection, requests } = await drive(seaArt, [status(body), result()]);
		await expect(connection.getTask(taskRef(ID, MODEL))).resolves.toEqual({ state: 'succeeded', providerStatus: body.status, videoUrl: VIDEO });
		expect(calls(requests)).toEqual([`GET ${QUEUE}/status`, `GET ${QUEUE}/response`]);
	});

	test('a response answering 202 (not finished yet) keeps the task running', async () => {
		const { connection, requests } = await drive(seaArt, [status({ status: 'COMPLETED' }), answer(202, { status: 'IN_PROGRESS', request_id: ID })]);
		await expect(connection.getTask(taskRef(ID, MODEL))).resolves.toEqual({ state: 'running', providerStatus: 'COMPLETED' });
		expect(requests).toHaveLength(2);
	});

	test('a failure found only in the response body fails the task', async () => {
		const { connection } = await drive(seaArt, [
			status({ status: 'COMPLETED' }),
			ok({ request_id: ID, status: 'COMPLETED', error: 'image flagged', error_type: 'CONTENT_BLOCKED' }),
		]);
		await expect(connection.getTask(taskRef(ID, MODEL))).resolves.toEqual({
			state: 'failed',
			providerStatus: 'COMPLETED',
			failure: { code: 'CONTENT_BLOCKED', message: 'The prompt, image or video was blocked by content moderation: image flagged', kind: 'moderation' },
		});
	});

	test('a CANCELED error_type found only in the response body reads as cancelled', async () => {
		const { connection } = await drive(seaArt, [
			status({ status: 'COMPLETED' }),
			ok({ request_id: ID, status: 'COMPLETED', error: 'Request was cancelled', error_type: 'CANCELED' }),
		]);
		await expect(connection.getTask(taskRef(ID, MODEL))).resolves.toMatchObject({ state: 'cancelled' });
	});

	test('the model and request id are escaped in the paths', async () => {
		const { connection, requests } = await drive(seaArt, [status({ status: 'COMPLETED' }), result()]);
		await connection.getTask(taskRef('a/b c', 'x/y'));
		expect(requests.map((r) => r.url)).toEqual([
			`${BASE_URL}/model/v1/queue/x%2Fy/requests/a%2Fb%20c/status`,
			`${BASE_URL}/model/v1/queue/x%2Fy/requests/a%2Fb%20c/response`,
		]);
	});

	test.each([
		['a response with no outputs', [status({ status: 'COMPLETED' }), ok({ request_id: ID, outputs: [] })], { code: 'UNEXPECTED_RESPONSE', kind: 'unknown', message: 'answered the result in an unexpected format', description: 'outputs' }],
		['a status without status', [status({ queue_position: 0 })], { code: 'UNEXPECTED_RESPONSE', kind: 'unknown', message: 'status check', description: 'status' }],
		['HTTP 404 for an unknown request', [detail(404, 'Request not found')], { code: '404', kind: 'notFound', message: 'HTTP 404 (Request not found)', description: 'SeaArt does not know this task' }],
		['HTTP 401 UNAUTHORIZED', [gateway(401, 'UNAUTHORIZED', 'Invalid API key')], { code: 'UNAUTHORIZED', kind: 'auth', description: 'Open the SeaArt credential and check the API key.' }],
	])('reports %s', async (_, recorded, expected) => {
		await expectStatusCheckFails(seaArt, recorded, taskRef(ID, MODEL), expected);
	});

	test('a status check answered HTTP 500 is asked again once, after 250–500 ms', async () => {
		expect(await statusAfterOneRetry(seaArt, [detail(500, 'Runtime execution failed'), status({ status: 'IN_QUEUE' })], taskRef(ID, MODEL))).toEqual({ state: 'queued', providerStatus: 'IN_QUEUE' });
	});
});

describe('SeaArt error codes (gateway {error: {code, message}} and app {detail})', () => {
	test.each([
		['gateway UNAUTHORIZED', gateway(401, 'UNAUTHORIZED', 'Invalid API key'), { message: 'Authentication failed: check the API key (Invalid API key)', code: 'UNAUTHORIZED', kind: 'auth' }],
		['gateway RATE_LIMIT_EXCEEDED', gateway(429, 'RATE_LIMIT_EXCEEDED', 'Too many requests'), { message: 'Rate limit reached (Too many requests)', code: 'RATE_LIMIT_EXCEEDED', kind: 'rateLimit' }],
		['gateway RATE_LIMIT_EXCEEDED under another status: the code decides', gateway(403, 'RATE_LIMIT_EXCEEDED', 'slow down'), { message: 'Rate limit reached (slow down)', code: 'RATE_LIMIT_EXCEEDED', kind: 'rateLimit' }],
		['a gateway code without message', gateway(401, 'UNAUTHORIZED'), { message: 'Authentication failed: check the API key', code: 'UNAUTHORIZED', kind: 'auth' }],
		['an undocumented gateway code', gateway(403, 'FORBIDDEN', 'no access'), { message: 'HTTP 403 (no access)', code: 'FORBIDDEN', kind: 'auth' }],
		['detail: App not found (a model id SeaArt does not serve)', detail(404, 'App not found'), { message: 'SeaArt does not serve this model (App not found)', code: '404', kind: 'invalidRequest' }],
		['detail: Not Found (another path)', detail(404, 'Not Found'), { message: 'HTTP 404 (Not Found)', code: '404', kind: 'notFound' }],
		['detail: Model not allowed for this user', detail(403, 'Model not allowed for this user'), { message: 'HTTP 403 (Model not allowed for this user)', code: '403', kind: 'auth' }],
		['detail: Runtime execution failed', detail(500, 'Runtime execution failed'), { message: 'HTTP 500 (Runtime execution failed)', code: '500', kind: 'transient' }],
		['detail: webhook not supported', detail(400, 'webhook not supported'), { message: 'HTTP 400 (webhook not supported)', code: '400', kind: 'invalidRequest' }],
		['a validation detail list (not text) is left out', answer(422, { detail: [{ loc: ['body', 'prompt'], msg: 'field required' }] }), { message: 'HTTP 422', code: '422', kind: 'invalidRequest' }],
		['HTTP 402 without a body', answer(402, ''), { message: 'HTTP 402', code: '402', kind: 'balance' }],
		['an HTML 502', answer(502, '<html>Bad Gateway</html>'), { message: 'HTTP 502', code: '502', kind: 'transient' }],
		['any HTTP 200 (errors of a task are read by getTask)', ok({ status: 'COMPLETED', error: 'x', error_type: 'CONTENT_BLOCKED' }), undefined],
		['HTTP 202', answer(202, { status: 'IN_PROGRESS' }), undefined],
	])('%s', (_, recorded, failure) => {
		expect(seaArt.failureOf(apiResponse(recorded.statusCode, recorded.body), 'create')).toEqual(failure);
	});
});

describe('SeaArt failures through the connection', () => {
	test.each([
		['UNAUTHORIZED on create', [gateway(401, 'UNAUTHORIZED', 'Invalid API key')], { code: 'UNAUTHORIZED', kind: 'auth', message: 'SeaArt: Authentication failed: check the API key (Invalid API key)', description: 'Open the SeaArt credential and check the API key.', httpCode: '401' }],
		['Model not allowed on create', [detail(403, 'Model not allowed for this user')], { code: '403', kind: 'auth' }],
		['webhook not supported on create', [detail(400, 'webhook not supported')], { code: '400', kind: 'invalidRequest', description: 'SeaArt refused the parameters' }],
		['HTTP 500 on create: not sent again, the task may exist', [detail(500, 'Runtime execution failed')], { code: '500', kind: 'transient', description: CREATE_UNCERTAIN }],
		['an unreadable HTTP 200 on create: not sent again', [ok('<!doctype html><title>maintenance</title>')], { code: 'MALFORMED_RESPONSE', kind: 'transient', description: CREATE_UNCERTAIN }],
		['App not found (HTTP 404) on create: the model is not served', [detail(404, 'App not found')], { code: '404', kind: 'invalidRequest', description: 'SeaArt refused the parameters' }],
		['Not Found (HTTP 404) on create: the Base URL is wrong', [detail(404, 'Not Found')], { code: '404', description: `check the Base URL in the credential (now ${BASE_URL}; the provider's is https://cloud.seaart.ai)` }],
	])('%s', async (_, recorded, expected) => {
		const { connection, requests } = await drive(seaArt, recorded);
		expectReported(await caught(connection.createTask(I2V)), seaArt, expected);
		expect(requests).toHaveLength(1);
	});

	test.each([
		['HTTP 429, no Retry-After: after the pacer\'s first probe wait', 429, {}, 1000],
		['HTTP 429 with Retry-After: 3: after 3 s', 429, { 'retry-after': '3' }, 3000],
		['under another HTTP status (the code decides)', 403, {}, 1000],
	])('RATE_LIMIT_EXCEEDED on create (%s) is sent again, then succeeds', async (_, statusCode, headers, waitMs) => {
		const limited = { ...gateway(statusCode, 'RATE_LIMIT_EXCEEDED', 'Too many requests'), headers };
		const { connection, requests } = await drive(seaArt, [limited, submitted()]);
		const { value, elapsedMs } = await inFakeTime(() => connection.createTask(I2V));
		expect(value).toEqual({ taskId: ID });
		expect(requests).toHaveLength(2);
		expect(requests[1].body).toEqual(requests[0].body);
		expect(elapsedMs).toBeGreaterThanOrEqual(waitMs);
		expect(elapsedMs).toBeLessThanOrEqual(waitMs + 10);
	});
});
