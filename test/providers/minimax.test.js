// The MiniMax module against recorded responses shaped as MiniMax documents them
// (https://platform.minimax.io/docs/api-reference/video-generation-t2v, …/video-generation-query,
// …/video-generation-download, …/errorcode and the other pages the module cites): create, query +
// files/retrieve, base_resp error codes in HTTP 200.
'use strict';

const { minimax } = require('../../dist/nodes/shared/providers/minimax');
const {
	BASE_URL,
	CREATE_UNCERTAIN,
	answer,
	ok,
	networkError,
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

const SUCCESS = { status_code: 0, status_msg: 'success' };
const refused = (status_code, status_msg = '') => ok({ task_id: '', base_resp: { status_code, status_msg } });

const T2V = {
	model: 'MiniMax-Hailuo-2.3',
	mode: 'textToVideo',
	prompt: 'A cat walks on a beach [Pan left]',
	duration: 6,
	resolution: '1080P',
	promptOptimizer: false,
	fastPretreatment: true,
	watermark: false,
	callbackUrl: 'https://hooks.test/minimax',
};
const I2V = {
	model: 'MiniMax-Hailuo-2.3-Fast',
	mode: 'imageToVideo',
	prompt: '',
	firstFrameImage: 'data:image/jpeg;base64,/9j/4AAQ',
	duration: 10,
	resolution: '768P',
};
const FL2V = {
	model: 'MiniMax-Hailuo-02',
	mode: 'firstLastFrame',
	prompt: 'The flower opens',
	firstFrameImage: 'https://img.test/first.png',
	lastFrameImage: 'https://img.test/last.png',
	duration: 6,
	resolution: '768P',
	promptOptimizer: true,
};

const TASK = '176843862716480';
const FILE = '176844028768320';
const VIDEO = 'https://cdn.test/output_aigc.mp4';
const query = (fields) => ok({ task_id: TASK, ...fields });
const retrieved = (download_url = VIDEO) =>
	ok({
		file: { file_id: 176844028768320, bytes: 0, created_at: 1700469398, filename: 'output_aigc.mp4', purpose: 'video_generation', download_url },
		base_resp: SUCCESS,
	});

describe('MiniMax createTask', () => {
	test.each([
		[
			'text to video: every option under its MiniMax name, callback_url included',
			T2V,
			{
				model: 'MiniMax-Hailuo-2.3',
				prompt: 'A cat walks on a beach [Pan left]',
				duration: 6,
				resolution: '1080P',
				prompt_optimizer: false,
				fast_pretreatment: true,
				aigc_watermark: false,
				callback_url: 'https://hooks.test/minimax',
			},
		],
		[
			'image to video: first_frame_image as given (data URL); an empty prompt and unset options are left out',
			I2V,
			{ model: 'MiniMax-Hailuo-2.3-Fast', first_frame_image: 'data:image/jpeg;base64,/9j/4AAQ', duration: 10, resolution: '768P' },
		],
		[
			'first and last frame: both frames sent',
			FL2V,
			{
				model: 'MiniMax-Hailuo-02',
				prompt: 'The flower opens',
				first_frame_image: 'https://img.test/first.png',
				last_frame_image: 'https://img.test/last.png',
				duration: 6,
				resolution: '768P',
				prompt_optimizer: true,
			},
		],
		[
			'subject reference (S2V-01): the face image as subject_reference, no duration or resolution fields',
			{ model: 'S2V-01', mode: 'subjectReference', prompt: 'She waves at the camera', subjectImage: 'https://img.test/face.jpg', duration: 6, resolution: '720P', promptOptimizer: false },
			{ model: 'S2V-01', prompt: 'She waves at the camera', prompt_optimizer: false, subject_reference: [{ type: 'character', image: ['https://img.test/face.jpg'] }] },
		],
	])('%s', async (_, request, body) => {
		const driven = await drive(minimax, [ok({ task_id: '106916112212032', base_resp: SUCCESS })]);
		await expect(driven.connection.createTask(request)).resolves.toEqual({ taskId: '106916112212032' });
		expectOneJsonPost(driven, minimax, `${BASE_URL}/v1/video_generation`, body);
	});

	test('asks n8n for the raw answer: text, full response, HTTP errors not thrown, JSON serialised by the transport', async () => {
		const { connection, requests } = await drive(minimax, [ok({ task_id: '1', base_resp: SUCCESS })]);
		await connection.createTask(T2V);
		expect(requests[0].options).toMatchObject({ encoding: 'text', json: false, returnFullResponse: true, ignoreHttpStatusErrors: true, timeout: 60_000 });
		expect(typeof requests[0].options.body).toBe('string');
	});

	test.each([
		['the credential Base URL (trailing slash dropped)', { baseUrl: 'https://proxy.test/minimax/' }, 'https://proxy.test/minimax/v1/video_generation'],
		['the Global host when neither is set', { baseUrl: '', region: 'global' }, 'https://api.minimax.io/v1/video_generation'],
		['the China host for region china', { baseUrl: '', region: 'china' }, 'https://api.minimaxi.com/v1/video_generation'],
		['the Base URL over the region', { baseUrl: 'https://proxy.test', region: 'china' }, 'https://proxy.test/v1/video_generation'],
	])('sends to %s', async (_, credentials, url) => {
		const { connection, requests } = await drive(minimax, [ok({ task_id: '1', base_resp: SUCCESS })], { credentials });
		await connection.createTask(T2V);
		expect(requests[0].url).toBe(url);
	});

	test.each([
		['the documented answer: a string id and base_resp 0', { task_id: '106916112212032', base_resp: SUCCESS }, '106916112212032'],
		['an answer without base_resp', { task_id: '106916112212032' }, '106916112212032'],
		['an id sent as a JSON number below 2^53', '{"task_id":106916112212032,"base_resp":{"status_code":0,"status_msg":"success"}}', '106916112212032'],
	])('reads the task id from %s, as a string', async (_, body, taskId) => {
		const { connection } = await drive(minimax, [ok(body)]);
		await expect(connection.createTask(T2V)).resolves.toEqual({ taskId });
	});

	test('an id above 2^53 sent as a JSON number is not rounded', async () => {
		expect(JSON.parse('{"task_id":9007199254740993}').task_id).toBe(9007199254740992); // what JSON.parse gives
		const { connection } = await drive(minimax, [ok('{"task_id":9007199254740993,"base_resp":{"status_code":0,"status_msg":"success"}}')]);
		await expect(connection.createTask(T2V)).resolves.toEqual({ taskId: '9007199254740993' });
	});

	test.each([
		['an empty task_id with base_resp 0', { task_id: '', base_resp: SUCCESS }, 'task_id'],
		['no task_id at all', { base_resp: SUCCESS }, 'task_id'],
	])('reports %s as an unexpected answer', async (_, body, field) => {
		const { connection } = await drive(minimax, [ok(body)]);
		const error = await caught(connection.createTask(T2V));
		expectReported(error, minimax, { code: 'UNEXPECTED_RESPONSE', kind: 'unknown', message: 'answered the create request in an unexpected format', description: field });
	});
});

describe('MiniMax getTask', () => {
	test.each([
		['Preparing', { status: 'Preparing', base_resp: SUCCESS }, { state: 'queued', providerStatus: 'Preparing' }],
		['Queueing', { status: 'Queueing', base_resp: SUCCESS }, { state: 'queued', providerStatus: 'Queueing' }],
		['Processing', { status: 'Processing', base_resp: SUCCESS }, { state: 'running', providerStatus: 'Processing' }],
		['processing (callback case)', { status: 'processing' }, { state: 'running', providerStatus: 'processing' }],
		['an unknown word (the CLI\'s Unknown) keeps polling', { status: 'Unknown', base_resp: SUCCESS }, { state: 'running', providerStatus: 'Unknown' }],
		['a word never seen', { status: 'Rendering' }, { state: 'running', providerStatus: 'Rendering' }],
		[
			'Fail (docs) with 1026 input flagged',
			{ status: 'Fail', base_resp: { status_code: 1026, status_msg: 'input new_sensitive' } },
			{
				state: 'failed',
				providerStatus: 'Fail',
				failure: { message: 'The prompt or image was flagged as sensitive content; change it and try again (input new_sensitive)', code: '1026', kind: 'moderation' },
			},
		],
		[
			'Failed (CLI) with 1027 output flagged',
			{ status: 'Failed', base_resp: { status_code: 1027, status_msg: '' } },
			{
				state: 'failed',
				providerStatus: 'Failed',
				failure: { message: 'The generated video was flagged as sensitive content; change the prompt or image', code: '1027', kind: 'moderation' },
			},
		],
		[
			'failed (callback case) with an undocumented code: its message as given',
			{ status: 'failed', base_resp: { status_code: 1234, status_msg: 'video generation failed' } },
			{ state: 'failed', providerStatus: 'failed', failure: { message: 'video generation failed', code: '1234', kind: 'unknown' } },
		],
		[
			'FAIL without base_resp',
			{ status: 'FAIL' },
			{ state: 'failed', providerStatus: 'FAIL', failure: { message: 'MiniMax reported the task as failed', kind: 'unknown' } },
		],
	])('%s', async (_, body, snapshot) => {
		const { connection, requests } = await drive(minimax, [query(body)]);
		await expect(connection.getTask(taskRef(TASK))).resolves.toEqual(snapshot);
		expect(calls(requests)).toEqual(['GET /v1/query/video_generation']);
		expect(requests[0].qs).toEqual({ task_id: TASK });
	});

	test.each([
		['Queueing', { status: 'Queueing', file_id: '', video_width: 0, video_height: 0, base_resp: SUCCESS }, 'queued'],
		['Processing', { status: 'Processing', file_id: '', video_width: 0, video_height: 0, base_resp: SUCCESS }, 'running'],
		['Fail', { status: 'Fail', file_id: '', base_resp: { status_code: 1026, status_msg: '' } }, 'failed'],
	])('%s with an empty file_id reads as its status', async (_, body, state) => {
		const { connection } = await drive(minimax, [query(body)]);
		await expect(connection.getTask(taskRef(TASK))).resolves.toMatchObject({ state });
	});

	test('Success with an empty file_id reports NO_FILE', async () => {
		const { connection } = await drive(minimax, [query({ status: 'Success', file_id: '', base_resp: SUCCESS })]);
		expectReported(await caught(connection.getTask(taskRef(TASK))), minimax, { code: 'NO_FILE' });
	});

	test('Fail with base_resp 0 "success" does not read as a failure saying "success"', async () => {
		const { connection } = await drive(minimax, [query({ status: 'Fail', base_resp: SUCCESS })]);
		const snapshot = await connection.getTask(taskRef(TASK));
		expect(snapshot.state).toBe('failed');
		expect(snapshot.failure.message).toBe('MiniMax reported the task as failed');
	});

	test.each([
		['Success (query) with a string file_id', 'Success', FILE],
		['success (callback case)', 'success', FILE],
		['SUCCESS with a numeric file_id (passed on as a string)', 'SUCCESS', 176844028768320],
	])('%s: the URL comes from files/retrieve → file.download_url', async (_, status, fileId) => {
		const { connection, requests } = await drive(minimax, [
			query({ status, file_id: fileId, video_width: 1920, video_height: 1080, base_resp: SUCCESS }),
			retrieved(),
		]);
		await expect(connection.getTask(taskRef(TASK))).resolves.toEqual({
			state: 'succeeded',
			providerStatus: status,
			width: 1920,
			height: 1080,
			videoUrl: VIDEO,
		});
		expect(calls(requests)).toEqual(['GET /v1/query/video_generation', 'GET /v1/files/retrieve']);
		expect(requests[1].qs).toEqual({ file_id: FILE });
	});

	test.each([
		[
			'Success without file_id',
			[query({ status: 'Success', base_resp: SUCCESS })],
			{ code: 'NO_FILE', kind: 'unknown', message: 'no file_id' },
		],
		[
			'files/retrieve refusing with 1027 (output flagged)',
			[query({ status: 'Success', file_id: FILE }), ok({ file: null, base_resp: { status_code: 1027, status_msg: 'output sensitive' } })],
			{ code: '1027', kind: 'moderation', message: 'The generated video was flagged as sensitive content', description: 'Change the prompt or the image' },
		],
		[
			'files/retrieve without download_url',
			[query({ status: 'Success', file_id: FILE }), ok({ file: { file_id: 1, filename: 'x.mp4' }, base_resp: SUCCESS })],
			{ code: 'UNEXPECTED_RESPONSE', kind: 'unknown', message: 'file lookup', description: 'file.download_url' },
		],
		[
			'a query refused for a bad key (1004)',
			[ok({ base_resp: { status_code: 1004, status_msg: 'login fail' } })],
			{ code: '1004', kind: 'auth', description: 'Open the MiniMax credential and check the API key and that its Region matches the key' },
		],
		[
			'a query for a task MiniMax does not know (2013, invalid parameters) reads as not found',
			[ok({ base_resp: { status_code: 2013, status_msg: 'invalid params' } })],
			{ code: '2013', kind: 'notFound', description: 'MiniMax does not know this task' },
		],
		[
			'a query without status',
			[query({ file_id: FILE, base_resp: SUCCESS })],
			{ code: 'UNEXPECTED_RESPONSE', kind: 'unknown', message: 'status check', description: 'status' },
		],
	])('reports %s', async (_, recorded, expected) => {
		await expectStatusCheckFails(minimax, recorded, taskRef(TASK), expected);
	});

	test.each([
		['HTTP 503 answering the query', [answer(503, 'Service Unavailable'), query({ status: 'Processing', base_resp: SUCCESS })], 'running'],
		['1013 (transient) in an HTTP 200', [ok({ base_resp: { status_code: 1013, status_msg: 'internal error' } }), query({ status: 'Processing' })], 'running'],
		[
			'1000 (unknown error, transient) answering files/retrieve',
			[query({ status: 'Success', file_id: FILE }), ok({ base_resp: { status_code: 1000, status_msg: 'unknown error' } }), retrieved()],
			'succeeded',
		],
	])('%s: the call is asked again once, after 250–500 ms', async (_, recorded, state) => {
		expect((await statusAfterOneRetry(minimax, recorded, taskRef(TASK))).state).toBe(state);
	});

	// The number of quick retries of a read is the transport's choice (and changes): only "some, then reported".
	test('a status check still refused after the transport\'s retries is reported as transient', async () => {
		const refusals = Array.from({ length: 8 }, () => ok({ base_resp: { status_code: 1033, status_msg: 'system error' } }));
		const { connection, requests } = await drive(minimax, refusals);
		const error = await caught(inFakeTime(() => connection.getTask(taskRef(TASK))));
		expectReported(error, minimax, { code: '1033', kind: 'transient', description: 'A temporary problem at MiniMax' });
		expect(requests.length).toBeGreaterThanOrEqual(2);
		expect(requests.length).toBeLessThan(8);
	});

	test('a status check still answered HTTP 502 after the retries reads as transient', async () => {
		const { connection, requests } = await drive(minimax, Array.from({ length: 8 }, () => answer(502, '<html>502 Bad Gateway</html>')));
		const error = await caught(inFakeTime(() => connection.getTask(taskRef(TASK))));
		expect(requests.length).toBeGreaterThanOrEqual(2);
		expectReported(error, minimax, { code: '502', kind: 'transient' });
	});

	test('a refusal carrying an empty status (zero-valued fields) is a failed call, not a running task', async () => {
		const { connection } = await drive(minimax, [ok({ task_id: '', status: '', base_resp: { status_code: 1004, status_msg: 'login fail' } })]);
		const outcome = await connection.getTask(taskRef(TASK)).then((snapshot) => snapshot, (error) => error);
		expect(outcome).not.toMatchObject({ state: 'running' }); // what it gives today
		expectReported(outcome, minimax, { code: '1004', kind: 'auth' });
	});
});

describe('MiniMax error codes (base_resp in an HTTP 200 answer)', () => {
	// Every code of the module's table, with the documented meaning; status_msg left empty.
	test.each([
		[1000, 'transient', 'Unknown error at MiniMax; try again later'],
		[1001, 'transient', 'MiniMax timed out; try again later'],
		[1002, 'rateLimit', 'Rate limit reached (requests per minute)'],
		[1004, 'auth', 'Authentication failed: the API key is wrong, or belongs to the other region (Global vs China)'],
		[1008, 'balance', 'Insufficient balance on the MiniMax account'],
		[1013, 'transient', 'MiniMax internal service error; try again later'],
		[1024, 'transient', 'MiniMax internal error; try again later'],
		[1026, 'moderation', 'The prompt or image was flagged as sensitive content; change it and try again'],
		[1027, 'moderation', 'The generated video was flagged as sensitive content; change the prompt or image'],
		[1028, 'balance', 'Quota exhausted for this plan'],
		[1030, 'balance', 'Quota exhausted for this plan'],
		[1033, 'transient', 'MiniMax system error; try again later'],
		// TPM, connection and rate-growth limits are not read as rate refusals: a create is not sent again.
		[1039, 'unknown', 'Token limit reached (tokens per minute)'],
		[1041, 'rateLimit', 'Connection limit reached'],
		[1042, 'invalidRequest', 'The input contains illegal or invisible characters'],
		[2013, 'invalidRequest', 'Invalid parameters'],
		[2045, 'rateLimit', 'Traffic grew too fast (rate growth limit); slow down'],
		[2049, 'auth', 'Invalid API key'],
		[2056, 'balance', 'Usage limit of the Token Plan exceeded for this 5-hour window'],
		[2061, 'invalidRequest', 'This model is not included in your plan'],
	])('%i → %s', (code, kind, message) => {
		const response = apiResponse(200, { task_id: '', base_resp: { status_code: code, status_msg: '' } });
		expect(minimax.failureOf(response, 'create')).toEqual({ message, code: String(code), kind });
	});

	test.each([
		['success (base_resp 0)', 200, { task_id: '1', base_resp: SUCCESS }, 'create', undefined],
		['no base_resp', 200, { task_id: '1' }, 'create', undefined],
		['an empty body', 200, '', 'create', undefined],
		['an unreadable body in HTTP 200 (left to the transport)', 200, '<html>oops</html>', 'create', undefined],
		['a status_code sent as a string', 200, { base_resp: { status_code: '1008', status_msg: 'insufficient balance' } }, 'create', { message: 'Insufficient balance on the MiniMax account', code: '1008', kind: 'balance' }],
		['a status_msg that adds something is appended', 200, { base_resp: { status_code: 1004, status_msg: 'login fail: Please carry the API secret key' } }, 'create', { message: 'Authentication failed: the API key is wrong, or belongs to the other region (Global vs China) (login fail: Please carry the API secret key)', code: '1004', kind: 'auth' }],
		['a status_msg that repeats the meaning is not', 200, { base_resp: { status_code: 2049, status_msg: 'invalid api key' } }, 'create', { message: 'Invalid API key', code: '2049', kind: 'auth' }],
		['an undocumented code: its status_msg', 200, { base_resp: { status_code: 3001, status_msg: 'something new' } }, 'create', { message: 'something new', code: '3001', kind: 'unknown' }],
		['an undocumented code without status_msg', 200, { base_resp: { status_code: 3001 } }, 'create', { message: 'MiniMax error', code: '3001', kind: 'unknown' }],
		['2013 answering a status check: the task is not known (yet)', 200, { base_resp: { status_code: 2013, status_msg: '' } }, 'status', { message: 'Invalid parameters', code: '2013', kind: 'notFound' }],
		['2013 answering a file lookup stays invalid parameters', 200, { base_resp: { status_code: 2013, status_msg: '' } }, 'result', { message: 'Invalid parameters', code: '2013', kind: 'invalidRequest' }],
		['a failed task\'s reason in a query is the task\'s outcome, not a failed call', 200, { status: 'Fail', base_resp: { status_code: 1026, status_msg: '' } }, 'status', undefined],
		['1002 in a query with a status is still a rate refusal', 200, { status: 'Processing', base_resp: { status_code: 1002, status_msg: 'rate limit' } }, 'status', { message: 'Rate limit reached (requests per minute)', code: '1002', kind: 'rateLimit' }],
		// HTTP statuses are not documented for V1 (a gateway's): the kind follows the status.
		['HTTP 401 without base_resp', 401, 'Unauthorized', 'create', { message: 'HTTP 401', code: '401', kind: 'auth' }],
		['HTTP 500 without base_resp', 500, '', 'status', { message: 'HTTP 500', code: '500', kind: 'transient' }],
		['base_resp wins over the HTTP status', 400, { base_resp: { status_code: 2013, status_msg: '' } }, 'create', { message: 'Invalid parameters', code: '2013', kind: 'invalidRequest' }],
	])('failureOf: %s', (_, status, body, purpose, failure) => {
		expect(minimax.failureOf(apiResponse(status, body), purpose)).toEqual(failure);
	});
});

describe('MiniMax failures through the connection', () => {
	test.each([
		['1004 on create', [refused(1004, 'login fail')], { code: '1004', kind: 'auth', message: 'MiniMax: Authentication failed', description: 'Open the MiniMax credential and check the API key and that its Region matches the key.', httpCode: '200' }],
		['2049 on create', [refused(2049, 'invalid api key')], { code: '2049', kind: 'auth', description: 'check the API key' }],
		['1008 on create', [refused(1008, 'insufficient balance')], { code: '1008', kind: 'balance', description: 'Top up the MiniMax account' }],
		['2056 on create', [refused(2056)], { code: '2056', kind: 'balance', description: 'Top up the MiniMax account' }],
		['1026 on create', [refused(1026, 'input new_sensitive')], { code: '1026', kind: 'moderation', description: 'Change the prompt or the image' }],
		['2013 on create', [refused(2013, 'invalid params, duration')], { code: '2013', kind: 'invalidRequest', message: '(invalid params, duration)', description: 'MiniMax refused the parameters' }],
		['2061 on create', [refused(2061)], { code: '2061', kind: 'invalidRequest', description: 'MiniMax refused the parameters' }],
		['1039 on create', [refused(1039)], { code: '1039', kind: 'unknown', description: 'MiniMax answered HTTP 200' }],
		['1000 on create: not sent again, the task may exist', [refused(1000, 'unknown error')], { code: '1000', kind: 'transient', description: CREATE_UNCERTAIN }],
		['HTTP 500 on create: not sent again, the task may exist', [answer(500, 'Internal Server Error')], { code: '500', description: CREATE_UNCERTAIN, httpCode: '500' }],
		['an unreadable HTTP 200 on create: not sent again', [ok('<html><body>502 Bad Gateway</body></html>')], { code: 'MALFORMED_RESPONSE', kind: 'transient', message: 'Unreadable response (HTTP 200)', description: CREATE_UNCERTAIN }],
		['HTTP 404 on create: the Base URL is wrong', [answer(404, '404 page not found')], { code: '404', description: `check the Base URL in the credential (now ${BASE_URL}; the provider's is https://api.minimax.io)` }],
		['a connection reset on create: not sent again', [networkError('ECONNRESET')], { kind: 'transient', message: 'Could not reach the provider (connection closed before an answer)', description: `Network error ECONNRESET. The create request ${CREATE_UNCERTAIN}` }],
	])('%s', async (_, recorded, expected) => {
		const { connection, requests } = await drive(minimax, recorded);
		const error = await caught(connection.createTask(T2V));
		expectReported(error, minimax, expected);
		expect(requests).toHaveLength(1);
	});

	test('a network error code stays out of the message (n8n would replace the message)', async () => {
		const { connection } = await drive(minimax, [networkError('ECONNRESET')]);
		const error = await caught(connection.createTask(T2V));
		expect(error.message).toBe('MiniMax: Could not reach the provider (connection closed before an answer)');
	});

	test('a rate refusal on create (1002 in an HTTP 200 body) is sent again once the pacer\'s first probe wait (1 s) passed', async () => {
		const { connection, requests } = await drive(minimax, [refused(1002, 'rate limit exceeded(RPM)'), ok({ task_id: '106916112212032', base_resp: SUCCESS })]);
		const { value, elapsedMs } = await inFakeTime(() => connection.createTask(T2V));
		expect(value).toEqual({ taskId: '106916112212032' });
		expect(requests).toHaveLength(2);
		expect(requests[1].body).toEqual(requests[0].body);
		expect(elapsedMs).toBeGreaterThanOrEqual(1000);
		expect(elapsedMs).toBeLessThanOrEqual(1010);
	});

	test('HTTP 429 on create is a rate refusal whatever the body', async () => {
		const { connection, requests } = await drive(minimax, [answer(429, 'Too Many Requests'), ok({ task_id: '7', base_resp: SUCCESS })]);
		const { value } = await inFakeTime(() => connection.createTask(T2V));
		expect(value).toEqual({ taskId: '7' });
		expect(requests).toHaveLength(2);
	});

	test.each([['ECONNREFUSED'], ['ENOTFOUND'], ['EAI_AGAIN']])(
		'a create that never left (%s) is sent again after 250–500 ms and then succeeds',
		async (code) => {
			const { connection, requests } = await drive(minimax, [networkError(code), ok({ task_id: '42', base_resp: SUCCESS })]);
			const { value, elapsedMs } = await inFakeTime(() => connection.createTask(T2V));
			expect(value).toEqual({ taskId: '42' });
			expect(requests).toHaveLength(2);
			expect(elapsedMs).toBeGreaterThanOrEqual(250);
			expect(elapsedMs).toBeLessThanOrEqual(510);
		},
	);
});

describe('MiniMax callbacks (hints, confirmed by a status check)', () => {
	test.each([
		['the challenge handshake', { challenge: 'c-9f2' }, { challenge: 'c-9f2' }],
		['processing (intermediate: acknowledged, ignored)', { task_id: TASK, status: 'processing', base_resp: SUCCESS }, { taskId: TASK, ended: false }],
		['success (lowercase, as documented)', { task_id: TASK, status: 'success', file_id: FILE, base_resp: SUCCESS }, { taskId: TASK, ended: true }],
		['Success (another doc example)', { task_id: TASK, status: 'Success', file_id: FILE }, { taskId: TASK, ended: true }],
		['failed', { task_id: TASK, status: 'failed', base_resp: { status_code: 1026, status_msg: 'sensitive' } }, { taskId: TASK, ended: true }],
		['a numeric task id', { task_id: 106916112212032, status: 'success' }, { taskId: '106916112212032', ended: true }],
	])('reads %s', (_, body, notice) => {
		expect(minimax.readCallback({ headers: {}, rawBody: JSON.stringify(body), body })).toEqual(notice);
	});

	test.each([
		['an empty body', {}],
		['a status without a task id', { status: 'success' }],
		['not an object', 'hello'],
	])('%s is not a MiniMax callback', (_, body) => {
		expect(minimax.readCallback({ headers: {}, rawBody: JSON.stringify(body), body })).toBeUndefined();
	});
});
