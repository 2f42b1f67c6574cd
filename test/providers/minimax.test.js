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

// ---------------------------------------------------------------- Video Generation V2 (Hailuo 3)
// Recorded answers shaped as https://platform.minimax.io/docs/api-reference/video-generation-v2-create,
// the China copy https://platform.minimaxi.com/docs/api-reference/video-generation-v2-create, …-v2-query and
// …-v2-delete document them: task ids as strings, no base_resp, errors as HTTP status + {type:'error', error}.

const V2_TASK = '424010985738629';
const V2_VIDEO = 'https://video-product.cdn.minimax.io/inference_output/rollout/2026-09-01/abc/output.mp4';
const v2Created = (task_id = V2_TASK) => ok({ task_id });
const v2Error = (status, type, message) => answer(status, { type: 'error', error: { type, message, http_code: String(status) }, request_id: '021785229015510a2c883cf675b9804d' });
const v2Task = (fields) =>
	ok({ task: { id: V2_TASK, model: 'MiniMax-H3', created_at: 1785225940, updated_at: 1785226100, resolution: '768P', duration: 8, usage: {}, ratio: '16:9', task_type: 'generation', ...fields } });
const h3 = (fields) => ({ model: 'MiniMax-H3', mode: 'textToVideo', prompt: 'A lighthouse in a storm', duration: 8, resolution: '768P', aspectRatio: '16:9', ...fields });
const text = (t = 'A lighthouse in a storm') => ({ type: 'text', text: t });
const image = (url, role) => ({ type: 'image_url', image_url: { url }, role });

describe('MiniMax Hailuo 3 createTask (V2)', () => {
	test.each([
		['text to video: the prompt as the text item, a concrete ratio', h3({ duration: 15, resolution: '2K', callbackUrl: 'https://hooks.test/minimax' }), { model: 'MiniMax-H3', content: [text()], resolution: '2K', duration: 15, ratio: '16:9', callback_url: 'https://hooks.test/minimax' }],
		[
			'first frame: role first_frame, ratio adaptive sent as the README example does',
			h3({ mode: 'imageToVideo', firstFrameImage: 'https://img.test/first.png', aspectRatio: 'adaptive', duration: 4 }),
			{ model: 'MiniMax-H3', content: [text(), image('https://img.test/first.png', 'first_frame')], resolution: '768P', duration: 4, ratio: 'adaptive' },
		],
		[
			'first and last frame: both roles',
			h3({ mode: 'firstLastFrame', firstFrameImage: 'https://img.test/a.png', lastFrameImage: 'data:image/png;base64,iVBOR', aspectRatio: 'adaptive' }),
			{ model: 'MiniMax-H3', content: [text(), image('https://img.test/a.png', 'first_frame'), image('data:image/png;base64,iVBOR', 'last_frame')], resolution: '768P', duration: 8, ratio: 'adaptive' },
		],
		[
			'last frame only: role last_frame, no first frame',
			h3({ mode: 'lastFrame', lastFrameImage: 'https://img.test/end.png', aspectRatio: 'adaptive' }),
			{ model: 'MiniMax-H3', content: [text(), image('https://img.test/end.png', 'last_frame')], resolution: '768P', duration: 8, ratio: 'adaptive' },
		],
		[
			'references: images, videos and audio clips in the order given, each with its role',
			h3({
				mode: 'references',
				prompt: 'Image 1 dances to reference audio 1 like Video 1',
				aspectRatio: '9:16',
				references: { image: ['https://img.test/1.png', 'mm_file://42'], video: ['https://v.test/1.mp4'], audio: ['https://a.test/1.mp3'] },
			}),
			{
				model: 'MiniMax-H3',
				content: [
					text('Image 1 dances to reference audio 1 like Video 1'),
					image('https://img.test/1.png', 'reference_image'),
					image('mm_file://42', 'reference_image'),
					{ type: 'video_url', video_url: { url: 'https://v.test/1.mp4' }, role: 'reference_video' },
					{ type: 'audio_url', audio_url: { url: 'https://a.test/1.mp3' }, role: 'reference_audio' },
				],
				resolution: '768P',
				duration: 8,
				ratio: '9:16',
			},
		],
		[
			'H3-Max with every option on: extra.prompt_expansion_mode, generate_audio false, aigc_watermark true',
			h3({ model: 'MiniMax-H3-Max', resolution: '480P', duration: 5, promptExpansion: 'quality', silentVideo: true, watermark: true }),
			{ model: 'MiniMax-H3-Max', content: [text()], resolution: '480P', duration: 5, ratio: '16:9', extra: { prompt_expansion_mode: 'quality' }, generate_audio: false, aigc_watermark: true },
		],
		[
			'options off are not sent (sound on and no watermark are the defaults)',
			h3({ model: 'MiniMax-H3-Max', promptExpansion: 'disabled', silentVideo: false, watermark: false }),
			{ model: 'MiniMax-H3-Max', content: [text()], resolution: '768P', duration: 8, ratio: '16:9', extra: { prompt_expansion_mode: 'disabled' } },
		],
	])('%s', async (_, request, body) => {
		const driven = await drive(minimax, [v2Created()]);
		await expect(driven.connection.createTask(request)).resolves.toEqual({ taskId: V2_TASK });
		expectOneJsonPost(driven, minimax, `${BASE_URL}/v2/video_generation`, body);
	});

	test.each([
		['global', 'https://api.minimax.io/v2/video_generation'],
		['china (the older pages and the README)', 'https://api.minimaxi.com/v2/video_generation'],
		['chinaCn (the newer China create page)', 'https://api.minimax.cn/v2/video_generation'],
	])('region %s sends to its host', async (region, url) => {
		const { connection, requests } = await drive(minimax, [v2Created()], { credentials: { baseUrl: '', region: region.split(' ')[0] } });
		await connection.createTask(h3());
		expect(requests[0].url).toBe(url);
	});

	test('a Token Plan key (sk-cp-…) is refused before any call, without showing the key', async () => {
		const key = 'sk-cp-SECRET0123456789';
		const { connection, requests } = await drive(minimax, [], { credentials: { apiKey: key } });
		const error = await caught(connection.createTask(h3()));
		expectReported(error, minimax, { code: 'TOKEN_PLAN_KEY', kind: 'auth', message: 'needs a pay-as-you-go API key' });
		expect(requests).toHaveLength(0);
		expect(JSON.stringify({ message: error.message, description: error.description, context: error.context })).not.toContain('SECRET');
	});

	test('a Token Plan key still creates Hailuo 2.x tasks on V1', async () => {
		const { connection, requests } = await drive(minimax, [ok({ task_id: '1', base_resp: SUCCESS })], { credentials: { apiKey: 'sk-cp-abc' } });
		await connection.createTask(T2V);
		expect(calls(requests)).toEqual(['POST /v1/video_generation']);
	});

	test('an empty prompt is refused before any call (V2 needs a text item in every mode)', async () => {
		const { connection, requests } = await drive(minimax, []);
		const error = await caught(connection.createTask(h3({ mode: 'imageToVideo', prompt: ' ', firstFrameImage: 'https://img.test/a.png', aspectRatio: 'adaptive' })));
		expectReported(error, minimax, { code: 'PROMPT_REQUIRED', kind: 'invalidRequest', message: 'Prompt is required' });
		expect(requests).toHaveLength(0);
	});

	test('a create refused over the tasks in flight (429, 1002) waits and is sent again: nothing was created', async () => {
		const { connection, requests } = await drive(minimax, [v2Error(429, 'rate_limit_error', 'rate limit, please retry later (1002)'), v2Created()]);
		const { value, elapsedMs } = await inFakeTime(() => connection.createTask(h3()));
		expect(value).toEqual({ taskId: V2_TASK });
		expect(requests).toHaveLength(2);
		expect(requests[1].body).toEqual(requests[0].body);
		expect(elapsedMs).toBeGreaterThanOrEqual(1000);
	});

	test('Hailuo 3 creates are paced apart from Hailuo 2.x ones (their own limits group)', async () => {
		const { connection, requests } = await drive(minimax, [ok({ task_id: '1', base_resp: SUCCESS }), v2Created()], { credentials: { requestsPerMinute: 1 } });
		const { elapsedMs } = await inFakeTime(async () => {
			await connection.createTask(T2V);
			await connection.createTask(h3());
		});
		expect(calls(requests)).toEqual(['POST /v1/video_generation', 'POST /v2/video_generation']);
		// A second V1 create would wait a minute for the stated 1 a minute; the H3 one goes at once.
		expect(elapsedMs).toBeLessThan(100);
	});

	test.each([
		['400 invalid params (2013)', v2Error(400, 'bad_request_error', 'invalid params, content must include a non-empty text item (prompt is required) (2013)'), { code: '2013', kind: 'invalidRequest', message: 'Invalid parameters (invalid params, content must include a non-empty text item (prompt is required))' }],
		['401 login fail (1004)', v2Error(401, 'authorized_error', "login fail: Please carry the API secret key in the 'Authorization' field of the request header (1004)"), { code: '1004', kind: 'auth', description: 'Region matches the key' }],
		['402 insufficient balance (1008), also a Token Plan key seen on /v2', v2Error(402, 'insufficient_balance_error', 'insufficient balance (1008)'), { code: '1008', kind: 'balance', message: 'Insufficient balance on the MiniMax account' }],
		['422 sensitive content (1026)', v2Error(422, 'unprocessable_entity_error', 'video description contains sensitive content (1026)'), { code: '1026', kind: 'moderation' }],
		['500 internal error (1000): not sent again', v2Error(500, 'server_error', 'internal error (1000)'), { code: '1000', kind: 'transient', description: CREATE_UNCERTAIN }],
		['529 overloaded: transient, not sent again', v2Error(529, 'overloaded_error', 'overloaded'), { code: 'overloaded_error', kind: 'transient', description: CREATE_UNCERTAIN }],
	])('a create answered %s is reported once', async (_, recorded, expected) => {
		const { connection, requests } = await drive(minimax, [recorded]);
		expectReported(await caught(connection.createTask(h3())), minimax, expected);
		expect(requests).toHaveLength(1);
	});
});

describe('MiniMax Hailuo 3 errors (failureOf, V2 shape)', () => {
	const body = (type, message) => ({ type: 'error', error: { type, message, http_code: '400' }, request_id: 'r' });
	test.each([
		['a code this module does not know: the HTTP status decides', 400, body('bad_request_error', 'something new (2099)'), 'create', { message: 'Invalid parameters (something new)', code: '2099', kind: 'invalidRequest' }],
		['no code in the message', 402, body('insufficient_balance_error', 'insufficient balance'), 'create', { message: 'Insufficient balance on the MiniMax account (insufficient balance)', code: 'insufficient_balance_error', kind: 'balance' }],
		['429 rate limit (1002)', 429, body('rate_limit_error', 'rate limit, please retry later (1002)'), 'create', { message: 'Rate limit reached (requests per minute) (rate limit, please retry later)', code: '1002', kind: 'rateLimit' }],
		['a query of an unknown task id (2013): not found', 400, body('bad_request_error', 'invalid params, invalid task_id (2013)'), 'status', { message: 'Invalid parameters (invalid params, invalid task_id)', code: '2013', kind: 'notFound' }],
		['a query answered 404: not found', 404, body('not_found_error', 'task not found'), 'status', { message: 'HTTP 404 (task not found)', code: 'not_found_error', kind: 'notFound' }],
		['2013 on a create stays invalid parameters', 400, body('bad_request_error', 'invalid params, duration (2013)'), 'create', { message: 'Invalid parameters (invalid params, duration)', code: '2013', kind: 'invalidRequest' }],
	])('%s', (_, status, answerBody, purpose, failure) => {
		expect(minimax.failureOf(apiResponse(status, answerBody), purpose)).toEqual(failure);
	});

	test('a V2 task answer (no base_resp) is no failure', () => {
		expect(minimax.failureOf(apiResponse(200, { task: { id: V2_TASK, status: 'failed', error: { code: '1026', message: 'x' } } }), 'status')).toBeUndefined();
	});
});

describe('MiniMax Hailuo 3 getTask (V2)', () => {
	const ref = (model = 'MiniMax-H3') => taskRef(V2_TASK, model);
	test.each([
		['queued', { status: 'queued' }, { state: 'queued', providerStatus: 'queued' }],
		['running', { status: 'running' }, { state: 'running', providerStatus: 'running' }],
		['succeeded: the video URL is in the task (no files/retrieve)', { status: 'succeeded', content: { url: V2_VIDEO }, usage: { total_seconds: 8, output_seconds: 8, input_image_count: 1 } }, { state: 'succeeded', providerStatus: 'succeeded', videoUrl: V2_VIDEO }],
		[
			'failed with a string error code (1026)',
			{ status: 'failed', error: { code: '1026', message: 'video description contains sensitive content' } },
			{ state: 'failed', providerStatus: 'failed', failure: { message: 'The prompt or image was flagged as sensitive content; change it and try again (video description contains sensitive content)', code: '1026', kind: 'moderation' } },
		],
		['failed without an error', { status: 'failed' }, { state: 'failed', providerStatus: 'failed', failure: { message: 'MiniMax reported the task as failed', kind: 'unknown' } }],
		['cancelled', { status: 'cancelled' }, { state: 'cancelled', providerStatus: 'cancelled' }],
	])('%s', async (_, fields, snapshot) => {
		const { connection, requests } = await drive(minimax, [v2Task(fields)]);
		await expect(connection.getTask(ref())).resolves.toEqual(snapshot);
		expect(calls(requests)).toEqual([`GET /v2/query/video_generation/${V2_TASK}`]);
	});

	test('H3-Max tasks are read on V2 too', async () => {
		const { connection, requests } = await drive(minimax, [v2Task({ status: 'running' })]);
		await connection.getTask(ref('MiniMax-H3-Max'));
		expect(calls(requests)).toEqual([`GET /v2/query/video_generation/${V2_TASK}`]);
	});

	test('succeeded without content.url is reported', async () => {
		await expectStatusCheckFails(minimax, [v2Task({ status: 'succeeded', content: {} })], ref(), { code: 'NO_VIDEO', kind: 'unknown' });
	});

	test('a task V2 does not know (yet) is reported as not found', async () => {
		await expectStatusCheckFails(minimax, [v2Error(400, 'bad_request_error', 'invalid params, invalid task_id (2013)')], ref(), { code: '2013', kind: 'notFound', description: 'MiniMax does not know this task' });
	});

	test('HTTP 500 answering the query is asked again', async () => {
		const snapshot = await statusAfterOneRetry(minimax, [v2Error(500, 'server_error', 'internal error (1000)'), v2Task({ status: 'running' })], ref());
		expect(snapshot.state).toBe('running');
	});
});

describe('MiniMax cancel (V2 only, queued tasks only)', () => {
	const cancelled = (status = 'cancelled', action = 'cancelled') => ok({ task_id: V2_TASK, action, status });

	test('a queued Hailuo 3 task is checked, then cancelled with DELETE', async () => {
		const { connection, requests } = await drive(minimax, [v2Task({ status: 'queued' }), cancelled()]);
		await expect(connection.cancelTask(taskRef(V2_TASK, 'MiniMax-H3'))).resolves.toBe(true);
		expect(calls(requests)).toEqual([`GET /v2/query/video_generation/${V2_TASK}`, `DELETE /v2/video_generation/${V2_TASK}`]);
	});

	test.each([
		['running (MiniMax refuses to cancel it)', 'running'],
		['succeeded (a DELETE would delete its record and video)', 'succeeded'],
		['failed', 'failed'],
		['already cancelled', 'cancelled'],
	])('a %s task is not cancelled, and no DELETE is sent', async (_, status) => {
		const { connection, requests } = await drive(minimax, [v2Task({ status, content: { url: V2_VIDEO } })]);
		await expect(connection.cancelTask(taskRef(V2_TASK, 'MiniMax-H3'))).resolves.toBe(false);
		expect(calls(requests)).toEqual([`GET /v2/query/video_generation/${V2_TASK}`]);
	});

	test('a task that started rendering between the check and the DELETE: refused, reported as not cancelled', async () => {
		const { connection } = await drive(minimax, [v2Task({ status: 'queued' }), v2Error(400, 'bad_request_error', 'invalid params, task is running and cannot be cancelled (2013)')]);
		await expect(connection.cancelTask(taskRef(V2_TASK, 'MiniMax-H3'))).resolves.toBe(false);
	});

	test('a Hailuo 2.x task cannot be cancelled: nothing is sent', async () => {
		const { connection, requests } = await drive(minimax, []);
		await expect(connection.cancelTask(taskRef(TASK, 'MiniMax-Hailuo-2.3'))).resolves.toBe(false);
		expect(requests).toHaveLength(0);
		expect(minimax.canCancel('MiniMax-Hailuo-2.3')).toBe(false);
		expect(minimax.canCancel('MiniMax-H3-Max')).toBe(true);
	});
});

describe('MiniMax Hailuo 3 callbacks (V2 bodies)', () => {
	const task = (status) => ({ task: { id: V2_TASK, model: 'MiniMax-H3', status, created_at: 1785225940, updated_at: 1785226100, resolution: '768P', duration: 8, usage: {}, ratio: '16:9', task_type: 'generation' } });
	test.each([
		['the challenge handshake', { challenge: 'c-v2' }, { challenge: 'c-v2' }],
		['queued', task('queued'), { taskId: V2_TASK, ended: false }],
		['running', task('running'), { taskId: V2_TASK, ended: false }],
		['succeeded', { task: { ...task('succeeded').task, content: { url: V2_VIDEO } } }, { taskId: V2_TASK, ended: true }],
		['failed', { task: { ...task('failed').task, error: { code: '1026', message: 'sensitive' } } }, { taskId: V2_TASK, ended: true }],
		['cancelled', task('cancelled'), { taskId: V2_TASK, ended: true }],
	])('reads %s', (_, body, notice) => {
		expect(minimax.readCallback({ headers: {}, rawBody: JSON.stringify(body), body })).toEqual(notice);
	});

	test('a task without an id is not a callback', () => {
		const body = { task: { status: 'succeeded' } };
		expect(minimax.readCallback({ headers: {}, rawBody: JSON.stringify(body), body })).toBeUndefined();
	});
});

describe('MiniMax prices', () => {
	test.each([
		['MiniMax-Hailuo-2.3', { perVideo: { '768P': { 6: 0.28, 10: 0.56 }, '1080P': { 6: 0.49 } } }],
		['MiniMax-Hailuo-2.3-Fast', { perVideo: { '768P': { 6: 0.19, 10: 0.32 }, '1080P': { 6: 0.33 } } }],
		['MiniMax-Hailuo-02', { perVideo: { '512P': { 6: 0.1, 10: 0.15 }, '768P': { 6: 0.28, 10: 0.56 }, '1080P': { 6: 0.49 } } }],
		['MiniMax-H3', { perSecond: { '768P': 0.08, '2K': 0.13 }, extras: { freeImages: 5, perImage: 0.04, referenceVideoPerSecond: 'outputRate', regenerationPerSecond: 0.05 } }],
		['MiniMax-H3-Max', { perSecond: { '480P': 0.05, '768P': 0.08 }, extras: { freeImages: 2, perImage: 0.074, referenceVideoPerSecond: { '480P': 0.0553, '768P': 0.143 } } }],
	])('%s: the global USD figures, with their page and date', (model, rates) => {
		const row = minimax.models.find((m) => m.value === model);
		expect(row.price).toEqual({ ...rates, currency: 'USD', source: 'https://platform.minimax.io/docs/guides/pricing-paygo; global USD prices, a China Mainland key is billed in CNY', asOf: '2026-09-19' });
	});

	test('every priced resolution and duration is one the row offers', () => {
		for (const row of minimax.models.filter((m) => m.price)) {
			const offered = new Set(Object.values(row.modes).flatMap((spec) => Object.keys(spec.formats)));
			const priced = 'perVideo' in row.price ? row.price.perVideo : row.price.perSecond;
			for (const resolution of Object.keys(priced)) expect([row.value, offered.has(resolution)]).toEqual([row.value, true]);
		}
	});
});

describe('MiniMax Regenerate at 2K (V2 video_regeneration)', () => {
	const { createRegenerationTask } = require('../../dist/nodes/shared/providers/minimax');
	const BASE_VIDEO = 'https://video-product.cdn.minimax.io/inference_output/rollout/2026-09-01/abc/output.mp4';

	test('sends the original inputs again, the base video as base_video, at 2K', async () => {
		const driven = await drive(minimax, [v2Created('424010985738700')]);
		const original = h3({ mode: 'imageToVideo', firstFrameImage: 'https://img.test/first.png', aspectRatio: 'adaptive', watermark: true, callbackUrl: 'https://hooks.test/m' });
		await expect(createRegenerationTask(driven.connection, original, BASE_VIDEO)).resolves.toBe('424010985738700');
		expectOneJsonPost(driven, minimax, `${BASE_URL}/v2/video_regeneration`, {
			model: 'MiniMax-H3',
			content: [text(), image('https://img.test/first.png', 'first_frame'), { type: 'video_url', video_url: { url: BASE_VIDEO }, role: 'base_video' }],
			resolution: '2K',
			callback_url: 'https://hooks.test/m',
			aigc_watermark: true,
		});
	});

	test.each([
		['an H3-Max video (no regeneration there)', h3({ model: 'MiniMax-H3-Max' }), {}, 'NOT_REGENERABLE'],
		['a Token Plan key', h3(), { apiKey: 'sk-cp-x' }, 'TOKEN_PLAN_KEY'],
	])('refuses %s before any call', async (_, original, credentials, code) => {
		const { connection, requests } = await drive(minimax, [], { credentials });
		expectReported(await caught(createRegenerationTask(connection, original, BASE_VIDEO)), minimax, { code });
		expect(requests).toHaveLength(0);
	});
});
