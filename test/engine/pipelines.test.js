// Batches at the provider's pace: rate refusals are a schedule, transient read failures never end an
// item, every created task is named where a run stops, settings are checked before any call.
'use strict';

const { useEmulator, run, generate, wait, PROVIDER_CASES, imageToVideo } = require('../helpers');

const ref = useEmulator();
const i2v = imageToVideo(ref);
const creates = (provider) =>
	ref.emulator.providerRequests(provider).filter((r) => r.method === 'POST' && !/upload/i.test(r.path));

describe('rate refusals are a schedule', () => {
	test('MiniMax refusing creates with 1002 (no Retry-After): every item is created once and delivered', async () => {
		ref.emulator.configure({ failNext: { create: { code: 1002, count: 3 } } });
		const items = [1, 2, 3, 4].map((n) => ({ json: { prompt: `boat ${n}` } }));
		const result = await run(ref.emulator, [i2v('minimax', '={{ $json.prompt }}'), wait({ provider: 'minimax' })], { items });
		expect(result.status).toBe('success');
		expect(result.output('Wait').map((i) => i.json.status)).toEqual(['succeeded', 'succeeded', 'succeeded', 'succeeded']);
		expect(new Set(result.output('Generate').map((i) => i.json.taskId)).size).toBe(4);
		// Each item created exactly once: 4 accepted creates, and the 3 refused sends are the only repeats.
		expect(creates('minimax')).toHaveLength(7);
	});

	test('a create never admitted before the timeout fails as not created, naming nothing billed', async () => {
		ref.emulator.configure({ failNext: { create: { httpStatus: 429, retryAfter: 30, count: 5 } } });
		const result = await run(ref.emulator, [i2v('atlasCloud', 'x', { timeout: 2 })]);
		expect(result.status).toBe('error');
		const error = result.nodeError('Generate');
		expect(error.message).toMatch(/Rate limit reached, and no free slot came before the timeout/);
		expect(error.description).toMatch(/The task was not created \(nothing billed\)/);
		expect(creates('atlasCloud')).toHaveLength(1);
	});
});

describe('status checks: only the provider\'s final word ends a task', () => {
	test.each([
		['MiniMax 1013 (internal error, HTTP 200)', { code: 1013, count: 5 }],
		['MiniMax 1002 (reads throttled)', { code: 1002, count: 3 }],
		['MiniMax 2013 for a task not visible yet', { code: 2013, count: 4 }],
		['HTTP 503', { httpStatus: 503, count: 5 }],
	])('%s beyond the quick retries: the video is still delivered', async (_name, fault) => {
		ref.emulator.configure({ failNext: { status: fault } });
		const result = await run(ref.emulator, [i2v('minimax', 'x'), wait({ provider: 'minimax', pollInterval: 1 })]);
		expect(result.status).toBe('success');
		expect(result.output('Wait')[0].json.status).toBe('succeeded');
	});

	test('a failure that outlasts the timeout ends as a timeout that names the task and the last failure', async () => {
		ref.emulator.configure({ failNext: { status: { code: 1000, count: 100 } } });
		const result = await run(ref.emulator, [
			i2v('minimax', 'x'),
			wait({ provider: 'minimax', pollInterval: 1, timeout: 2 }, 'Wait', { onError: 'continueRegularOutput' }),
		]);
		const [item] = result.output('Wait');
		expect(item.json.status).toBe('timedOut');
		expect(item.json.error).toContain(result.output('Generate')[0].json.taskId);
		expect(item.json.errorDetails).toMatch(/The last status check failed: MiniMax: Unknown error at MiniMax/);
	});
});

describe('every created task is named where a run stops', () => {
	test('a failed wait without "Continue" lists all tasks of the run with their items', async () => {
		const items = [{ json: { prompt: 'ok' } }, { json: { prompt: 'bad @fail:1027' } }, { json: { prompt: 'ok too' } }];
		const result = await run(ref.emulator, [i2v('minimax', '={{ $json.prompt }}'), wait({ provider: 'minimax' })], { items });
		expect(result.status).toBe('error');
		const ids = result.output('Generate').map((i) => i.json.taskId);
		const { description } = result.nodeError('Wait');
		for (const [n, id] of ids.entries()) expect(description).toContain(`item ${n}: ${id}`);
	});

	test('two creates that fail: the error names both, and the task created', async () => {
		const items = [{ json: { prompt: 'ok' } }, { json: { prompt: 'a @reject:1008' } }, { json: { prompt: 'b @reject:1008' } }];
		const result = await run(ref.emulator, [generate({ provider: 'minimax', mode: 'textToVideo', model: PROVIDER_CASES.minimax.t2v, prompt: '={{ $json.prompt }}' })], { items });
		const error = result.nodeError('Generate');
		expect(error.description).toMatch(/Tasks already created .*item 0: \d+/);
		expect(error.description).toMatch(/Other items that failed: item 2: MiniMax: Insufficient balance/);
	});
});

describe('checked before any call', () => {
	test.each([
		['a Timeout expression that gives nothing', { timeout: '={{ $json.missing }}' }, /Timeout must be a number of seconds above 0/],
		['Check Every of 0', { pollInterval: 0 }, /Check Every must be a number of seconds above 0, got 0/],
		['a negative Timeout', { timeout: -5 }, /Timeout must be a number of seconds above 0, got -5/],
	])('Wait for Result refuses %s', async (_name, parameters, message) => {
		const result = await run(ref.emulator, [wait({ provider: 'minimax', taskSource: 'manual', taskId: '123', ...parameters })]);
		expect(result.nodeError('Wait').message).toMatch(message);
		expect(ref.emulator.providerRequests()).toHaveLength(0);
	});

	test('Generate refuses a Check Every of 0 before any create', async () => {
		const result = await run(ref.emulator, [i2v('minimax', 'x', { waitForCompletion: true, polling: 'fixed', pollInterval: 0 })]);
		expect(result.nodeError('Generate').message).toMatch(/Check Every must be a number of seconds above 0/);
		expect(ref.emulator.providerRequests()).toHaveLength(0);
	});
});

test('an error item from Generate ("Continue") passes through Wait for Result as the same error', async () => {
	const items = [{ json: { prompt: 'ok' } }, { json: { prompt: 'no money @reject:1008' } }];
	const result = await run(ref.emulator, [
		{ ...i2v('minimax', '={{ $json.prompt }}'), onError: 'continueRegularOutput' },
		wait({ provider: 'minimax' }, 'Wait', { onError: 'continueRegularOutput' }),
	], { items });
	expect(result.status).toBe('success');
	const out = result.output('Wait');
	expect(out[0].json.status).toBe('succeeded');
	expect(out[1].json.error).toMatch(/MiniMax: Insufficient balance on the MiniMax account.*\[1008\]/);
	expect(out[1].json.error).not.toMatch(/not a Hailuo task/);
});
