// Retries that never pay twice, every documented response variant and status word, polling.
'use strict';

const { useEmulator, run, wait, binaryBuffer, imageToVideo } = require('../helpers');

const ref = useEmulator();
const i2v = imageToVideo(ref);
const createCalls = (provider) =>
	ref.emulator.providerRequests(provider).filter((r) => r.method === 'POST' && !/upload/i.test(r.path));

describe('create calls are retried only when certainly refused', () => {
	test('HTTP 429 with Retry-After: retried after the given delay, one task created', async () => {
		ref.emulator.configure({ failNext: { create: { httpStatus: 429, retryAfter: 1 } } });
		const started = Date.now();
		const result = await run(ref.emulator, [i2v('atlasCloud')]);
		expect(result.status).toBe('success');
		expect(createCalls('atlasCloud')).toHaveLength(2);
		expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
	});

	test('MiniMax 1002 (rate limit in an HTTP 200 body) is retried', async () => {
		ref.emulator.configure({ failNext: { create: { code: 1002 } } });
		const result = await run(ref.emulator, [i2v('minimax')]);
		expect(result.status).toBe('success');
		expect(createCalls('minimax')).toHaveLength(2);
	});

	test('HTTP 500 on create is not retried: the task may exist', async () => {
		ref.emulator.configure({ failNext: { create: { httpStatus: 500 } } });
		const result = await run(ref.emulator, [i2v('seaArt')]);
		expect(result.status).toBe('error');
		expect(createCalls('seaArt')).toHaveLength(1);
		expect(result.nodeError('Generate').description).toMatch(/was not sent again/);
	});

	test('an unreadable create answer is not retried', async () => {
		ref.emulator.configure({ failNext: { create: { malformed: true } } });
		const result = await run(ref.emulator, [i2v('minimax')]);
		expect(result.status).toBe('error');
		expect(createCalls('minimax')).toHaveLength(1);
	});

	test('a connection dropped after sending is not retried', async () => {
		ref.emulator.configure({ failNext: { create: { drop: true } } });
		const result = await run(ref.emulator, [i2v('apiInOne')]);
		expect(result.status).toBe('error');
		expect(createCalls('apiInOne')).toHaveLength(1);
		expect(result.nodeError('Generate').message).toMatch(/API in One: Could not reach the provider \(connection closed/);
	});
});

describe('status checks and downloads are retried', () => {
	test.each([
		['HTTP 503', { httpStatus: 503 }],
		['HTTP 429 with Retry-After', { httpStatus: 429, retryAfter: 1 }],
		['malformed JSON', { malformed: true }],
		['a dropped connection', { drop: true }],
	])('status check: %s', async (_name, fault) => {
		ref.emulator.configure({ failNext: { status: { ...fault, count: 2 } } });
		const result = await run(ref.emulator, [i2v('minimax'), wait({ provider: 'minimax' })]);
		expect(result.status).toBe('success');
		expect(result.output('Wait')[0].json.status).toBe('succeeded');
	});

	test('slow provider answers (latency on every call) still complete', async () => {
		ref.emulator.configure({ latencyMs: 700 });
		const result = await run(ref.emulator, [i2v('apiInOne'), wait({ provider: 'apiInOne', downloadVideo: true })]);
		expect(result.status).toBe('success');
		expect(binaryBuffer(result.output('Wait')[0]).equals(ref.emulator.videoBytes)).toBe(true);
	});

	test('download: HTTP 429 with Retry-After, then the whole MP4', async () => {
		ref.emulator.configure({ failNext: { download: { httpStatus: 429, retryAfter: 1 } } });
		const result = await run(ref.emulator, [i2v('atlasCloud'), wait({ provider: 'atlasCloud', downloadVideo: true })]);
		expect(result.status).toBe('success');
		expect(binaryBuffer(result.output('Wait')[0]).equals(ref.emulator.videoBytes)).toBe(true);
	});
});

describe('documented response variants and status words', () => {
	test.each([
		['Fail', 'failed'],
		['Failed', 'failed'],
		['failed', 'failed'],
	])('MiniMax failure word %s', async (failWord) => {
		ref.emulator.configure({ variants: { minimax: { failWord } } });
		const result = await run(ref.emulator, [i2v('minimax', 'x @fail:1026'), wait({ provider: 'minimax' }, 'Wait', { onError: 'continueRegularOutput' })]);
		expect(result.output('Wait')[0].json).toEqual(expect.objectContaining({ status: 'failed', providerStatus: failWord }));
	});

	test('MiniMax success word in lower case and file_id as a number in files/retrieve', async () => {
		ref.emulator.configure({ variants: { minimax: { successWord: 'success', fileIdInRetrieve: 'number' } } });
		const result = await run(ref.emulator, [i2v('minimax'), wait({ provider: 'minimax' })]);
		const [item] = result.output('Wait');
		expect(item.json).toEqual(expect.objectContaining({ status: 'succeeded', providerStatus: 'success', width: expect.any(Number), height: expect.any(Number) }));
	});

	test.each([
		[{ envelope: 'bare' }],
		[{ envelope: 'data', successWord: 'succeeded' }],
		[{ envelope: 'bare', outputField: 'output' }],
		[{ idField: 'prediction_id' }],
	])('Atlas Cloud %j', async (variant) => {
		ref.emulator.configure({ variants: { atlasCloud: variant } });
		const result = await run(ref.emulator, [i2v('atlasCloud'), wait({ provider: 'atlasCloud' })]);
		expect(result.status).toBe('success');
		expect(result.output('Wait')[0].json.videoUrl).toMatch(/^http/);
	});

	test('Atlas Cloud upload answered with a top-level url', async () => {
		ref.emulator.configure({ variants: { atlasCloud: { uploadShape: 'url' } } });
		const { upload, imageItem } = require('../helpers');
		const result = await run(ref.emulator, [upload({ provider: 'atlasCloud' })], { items: [imageItem()] });
		expect(result.output('Upload')[0].json.url).toMatch(/^http/);
	});

	test.each([['docs'], ['wrapped']])('API in One task shape %s', async (shape) => {
		ref.emulator.configure({ variants: { apiInOne: { shape } } });
		const result = await run(ref.emulator, [i2v('apiInOne'), wait({ provider: 'apiInOne' })]);
		expect(result.status).toBe('success');
		expect(result.output('Wait')[0].json.videoUrl).toMatch(/^http/);
	});

	test('fal.ai: the URLs of the submit answer travel with the task and are used (built ones are not found)', async () => {
		ref.emulator.configure({ variants: { fal: { requestUrls: 'elsewhere' } } });
		const result = await run(ref.emulator, [i2v('fal'), wait({ provider: 'fal' })]);
		expect(result.status).toBe('success');
		const given = (what) => expect.stringMatching(new RegExp(`/fal/queue-elsewhere/requests/[^/]+${what}$`));
		expect(result.output('Generate')[0].json.taskUrls).toEqual({ status: given('/status'), result: given(''), cancel: given('/cancel') });
		expect(result.output('Wait')[0].json).toEqual(expect.objectContaining({ status: 'succeeded', videoUrl: expect.stringMatching(/^http/) }));
		expect(ref.emulator.providerRequests('fal').filter((r) => r.method === 'GET').map((r) => r.route)).toEqual([
			expect.stringMatching(/^\/queue-elsewhere\/requests\/[^/]+\/status$/),
			expect.stringMatching(/^\/queue-elsewhere\/requests\/[^/]+$/),
		]);
	});

	test('fal.ai: a cancel at the timeout goes to the cancel URL of the submit answer', async () => {
		ref.emulator.configure({ variants: { fal: { requestUrls: 'elsewhere' } } });
		const result = await run(ref.emulator, [i2v('fal', 'x @never'), wait({ provider: 'fal', timeout: 2, cancelOnTimeout: true })]);
		const taskId = result.output('Generate')[0].json.taskId;
		expect(ref.emulator.task('fal', taskId).cancelledAt).toEqual(expect.any(Number));
	});

	test('fal.ai: an item whose task URLs name another host is refused without sending the key there', async () => {
		const item = { json: { provider: 'fal', model: 'fal-ai/minimax/hailuo-2.3/standard/image-to-video', taskId: 'abc', taskUrls: { status: 'https://collector.example/steal' } } };
		const result = await run(ref.emulator, [wait({ provider: 'fal' }, 'Wait', { onError: 'continueRegularOutput' })], { items: [item] });
		expect(result.output('Wait')[0].json.error).toMatch(/named a URL on another host for this task; the key is not sent there/);
		expect(ref.emulator.providerRequests('fal')).toHaveLength(0);
	});

	test('an unknown status word keeps the task polling until it finishes', async () => {
		ref.emulator.configure({ taskDurationMs: 1500 });
		const result = await run(ref.emulator, [i2v('atlasCloud', 'x @status:warming_up'), wait({ provider: 'atlasCloud', pollInterval: 1 })]);
		expect(result.status).toBe('success');
		expect(result.output('Wait')[0].json.status).toBe('succeeded');
	});
});

describe('one polling loop for many tasks', () => {
	test('six tasks of 2 s each finish together, not one after another', async () => {
		ref.emulator.configure({ taskDurationMs: 2000 });
		const items = Array.from({ length: 6 }, (_, n) => ({ json: { n } }));
		const started = Date.now();
		const result = await run(ref.emulator, [i2v('seaArt'), wait({ provider: 'seaArt', pollInterval: 1 })], { items });
		const seconds = (Date.now() - started) / 1000;
		expect(result.status).toBe('success');
		expect(result.output('Wait').map((i) => i.json.n)).toEqual([0, 1, 2, 3, 4, 5]);
		// Sequential waiting would take 6 × 2 s or more.
		expect(seconds).toBeLessThan(8);
	});

	test('Generate with "Wait for Completion" waits and downloads in the same node', async () => {
		ref.emulator.configure({ taskDurationMs: 1000 });
		const result = await run(ref.emulator, [i2v('minimax', 'x', { waitForCompletion: true, polling: 'fixed', pollInterval: 1, downloadVideo: true })]);
		const [item] = result.output('Generate');
		expect(item.json.status).toBe('succeeded');
		expect(binaryBuffer(item).equals(ref.emulator.videoBytes)).toBe(true);
	});
});

describe('Wait for Result task sources', () => {
	test('Define Below: a task ID from an expression', async () => {
		const generated = await run(ref.emulator, [i2v('seaArt')]);
		const { taskId, model } = generated.output('Generate')[0].json;
		const result = await run(ref.emulator, [wait({ provider: 'seaArt', taskSource: 'manual', taskId: '={{ $json.id }}', model })], {
			items: [{ json: { id: taskId } }],
		});
		expect(result.output('Wait')[0].json).toEqual(expect.objectContaining({ taskId, status: 'succeeded' }));
	});

	test('an item from another provider is refused with a clear message', async () => {
		const result = await run(ref.emulator, [wait({ provider: 'minimax' })], {
			items: [{ json: { provider: 'atlasCloud', taskId: 'abc', model: 'minimax/hailuo-2.3/fast' } }],
		});
		expect(result.nodeError('Wait').message).toMatch(/created with Atlas Cloud, but this node is set to MiniMax/);
	});

	test('an item that is no task says how to fix it', async () => {
		const result = await run(ref.emulator, [wait({ provider: 'minimax' })], { items: [{ json: { hello: 1 } }] });
		expect(result.nodeError('Wait').message).toMatch(/The input item is not a Hailuo task/);
		expect(result.nodeError('Wait').description).toMatch(/Connect this node after Hailuo Generate/);
	});
});
