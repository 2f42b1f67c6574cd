// Task failures, provider error codes, timeouts and "continue on fail" over batches.
'use strict';

const { useEmulator, run, wait, PROVIDER_CASES, imageToVideo } = require('../helpers');

const ref = useEmulator();

const i2v = imageToVideo(ref);

describe('failed tasks', () => {
	test.each([
		['minimax', '@fail:1026', /MiniMax: Task \S+ failed: The prompt or image was flagged as sensitive content.*\[1026\]/],
		['minimax', '@fail:1027', /The generated video was flagged as sensitive content.*\[1027\]/],
		['atlasCloud', '@fail:1039', /Atlas Cloud: Task \S+ failed: The content was flagged by moderation/],
		['seaArt', '@fail:CONTENT_BLOCKED', /SeaArt: Task \S+ failed: The prompt, image or video was blocked by content moderation.*\[CONTENT_BLOCKED\]/],
		['seaArt', '@fail:INFERENCE_TIMEOUT', /The generation timed out at SeaArt/],
		['apiInOne', '@fail:generation_error', /API in One: Task \S+ failed/],
	])('%s %s: Wait for Result fails naming provider, task and reason', async (provider, marker, message) => {
		const result = await run(ref.emulator, [i2v(provider, `A cat ${marker}`), wait({ provider })]);
		expect(result.status).toBe('error');
		const error = result.nodeError('Wait');
		expect(error.message).toMatch(message);
		const taskId = result.output('Generate')[0].json.taskId;
		expect(error.message).toContain(taskId);
	});

	test("fal.ai: a result read that answers fal's request error after COMPLETED fails the task at once, in fal's words", async () => {
		// The status says COMPLETED without an error; only the result read answers 500 { detail, error_type }.
		ref.emulator.configure({ variants: { fal: { failureIn: 'result' } } });
		const result = await run(ref.emulator, [i2v('fal', 'A cat @fail:runner_server_error'), wait({ provider: 'fal', pollInterval: 1, timeout: 20 })]);
		expect(result.status).toBe('error');
		const taskId = result.output('Generate')[0].json.taskId;
		expect(result.nodeError('Wait').message).toMatch(new RegExp(`fal\\.ai: Task ${taskId} failed: Generation failed \\(runner_server_error\\)`));
		const resultReads = ref.emulator.providerRequests('fal').filter((r) => r.method === 'GET' && r.path.endsWith(taskId));
		expect(resultReads).toHaveLength(1);
	});

	test('fal.ai: a result read answered by a bare gateway 5xx is read again, and the task delivered', async () => {
		ref.emulator.configure({ failNext: { result: { httpStatus: 502, count: 2 } } });
		const result = await run(ref.emulator, [i2v('fal'), wait({ provider: 'fal', pollInterval: 1 })]);
		expect(result.status).toBe('success');
		expect(result.output('Wait')[0].json.status).toBe('succeeded');
	});

	test('a cancelled SeaArt task is reported as cancelled', async () => {
		const result = await run(ref.emulator, [i2v('seaArt', 'x @fail:CANCELED'), wait({ provider: 'seaArt' })]);
		expect(result.nodeError('Wait').message).toMatch(/was cancelled: The task was cancelled/);
	});
});

describe.each(Object.keys(PROVIDER_CASES))('continue on fail (%s)', (provider) => {
	test('three items, one fails: every item yields one output, the failed one with its task ID', async () => {
		const items = [{ json: { n: 1, prompt: 'ok one' } }, { json: { n: 2, prompt: 'bad @fail' } }, { json: { n: 3, prompt: 'ok three' } }];
		const result = await run(ref.emulator, [
			i2v(provider, '={{ $json.prompt }}'),
			wait({ provider }, 'Wait', { onError: 'continueRegularOutput' }),
		], { items });
		expect(result.status).toBe('success');
		const out = result.output('Wait');
		expect(out).toHaveLength(3);
		expect(out.map((i) => i.json.n)).toEqual([1, 2, 3]);
		expect(out.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(out[0].json.status).toBe('succeeded');
		expect(out[2].json.status).toBe('succeeded');
		expect(out[1].json).toEqual(expect.objectContaining({ status: 'failed', provider, taskId: result.output('Generate')[1].json.taskId, error: expect.stringMatching(/failed/) }));
	});

	test('a task that never finishes becomes a timeout error with its task ID', async () => {
		const result = await run(ref.emulator, [
			i2v(provider, 'slow @never'),
			wait({ provider, pollInterval: 1, timeout: 2 }, 'Wait', { onError: 'continueRegularOutput' }),
		]);
		const [item] = result.output('Wait');
		expect(item.json.error).toMatch(/Task \S+ is still \S+ after 2 s \[TIMEOUT\]/);
		expect(item.json).toEqual(expect.objectContaining({ status: 'timedOut', provider, taskId: result.output('Generate')[0].json.taskId }));
		expect(item.json.errorDetails).toMatch(/keeps running/);
	});
});

describe('continue on fail, error output and Generate', () => {
	test('with the error output, the failed item goes to the error branch', async () => {
		const items = [{ json: { prompt: 'ok' } }, { json: { prompt: 'bad @fail:1027' } }];
		const result = await run(ref.emulator, [
			i2v('minimax', '={{ $json.prompt }}'),
			wait({ provider: 'minimax' }, 'Wait', { onError: 'continueErrorOutput' }),
		], { items });
		expect(result.status).toBe('success');
		expect(result.output('Wait', 0)).toHaveLength(1);
		const errors = result.output('Wait', 1);
		expect(errors).toHaveLength(1);
		expect(errors[0].json).toEqual(expect.objectContaining({ taskId: expect.any(String), error: expect.stringMatching(/1027/) }));
	});

	test('Generate with the error output: a rejected create goes to the error branch, naming the provider', async () => {
		const items = [{ json: { prompt: 'ok' } }, { json: { prompt: 'no money @reject:1008' } }];
		const result = await run(ref.emulator, [{ ...i2v('minimax', '={{ $json.prompt }}', {}), onError: 'continueErrorOutput' }], { items });
		expect(result.output('Generate', 0)).toHaveLength(1);
		const [failed] = result.output('Generate', 1);
		expect(failed.json).toEqual({ prompt: 'no money @reject:1008', error: expect.stringMatching(/\[1008\]/), message: expect.stringMatching(/^Provider: MiniMax/) });
	});

	test('Generate: a rejected create becomes an error item, the other items are submitted', async () => {
		const items = [{ json: { prompt: 'ok' } }, { json: { prompt: 'no money @reject:1008' } }, { json: { prompt: 'ok too' } }];
		const result = await run(ref.emulator, [
			i2v('minimax', '={{ $json.prompt }}', {}),
		].map((n) => ({ ...n, onError: 'continueRegularOutput' })), { items });
		const out = result.output('Generate');
		expect(out).toHaveLength(3);
		expect(out[0].json.taskId).toEqual(expect.any(String));
		expect(out[1].json.error).toMatch(/MiniMax: Insufficient balance on the MiniMax account.*\[1008\]/);
		expect(out[2].json.taskId).toEqual(expect.any(String));
	});

	test('Generate without continue on fail: the error lists tasks already created', async () => {
		const items = [{ json: { prompt: 'ok' } }, { json: { prompt: 'no money @reject:1008' } }];
		const result = await run(ref.emulator, [i2v('minimax', '={{ $json.prompt }}')], { items });
		expect(result.status).toBe('error');
		const error = result.nodeError('Generate');
		expect(error.message).toMatch(/\[1008\]/);
		expect(error.description).toMatch(/Tasks already created .*item 0: \S+/);
	});
});

describe('provider error codes on create', () => {
	test.each([
		['minimax', '@reject:1004', /Authentication failed.*\[1004\]/],
		['minimax', '@reject:2013', /Invalid parameters.*\[2013\]/],
		['minimax', '@reject:2049', /Invalid API key.*\[2049\]/],
		['atlasCloud', '@reject:402', /Insufficient balance on the Atlas Cloud account.*\[402\]/],
		['atlasCloud', '@reject:451', /refused by moderation.*\[451\]/],
		['apiInOne', '@reject:402', /Not enough credits.*\[402\]/],
	])('%s %s', async (provider, marker, message) => {
		const result = await run(ref.emulator, [i2v(provider, `x ${marker}`)]);
		expect(result.status).toBe('error');
		expect(result.nodeError('Generate').message).toMatch(message);
	});
});

describe('errors say what to do', () => {
	test('API in One without /api/v1 in its Base URL: the create answers 404 and the error points at the Base URL', async () => {
		const { emulatorCredentials } = require('../helpers');
		const credentials = emulatorCredentials(ref.emulator);
		credentials.apiInOneApi = { ...credentials.apiInOneApi, baseUrl: credentials.apiInOneApi.baseUrl.replace(/\/api\/v1$/, '') };
		const result = await run(ref.emulator, [i2v('apiInOne', 'x')], { credentials });
		const error = result.nodeError('Generate');
		expect(error.message).toMatch(/API in One: .*\[404\]/);
		expect(error.description).toMatch(/check the Base URL in the credential \(now http:\/\/127\.0\.0\.1:\d+\/apiinone; the provider's is https:\/\/apiin\.one\/api\/v1\)/);
	});
});
