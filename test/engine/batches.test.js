// Batches at the provider's limits: every item created once and delivered, videos fetched as their
// tasks finish, tasks watched from their create on, given up on (and cancelled) at the timeout.
'use strict';

const { PROVIDER_CASES, useEmulator, run, wait, imageToVideo } = require('../helpers');
const { providers } = require('../registry');

const ref = useEmulator();
const i2v = imageToVideo(ref);
const itemsNamed = (count, prefix = 'clip') => Array.from({ length: count }, (_, n) => ({ json: { prompt: `${prefix} ${n}` } }));
const at = (entry) => Date.parse(entry.at);
const statusChecks = (provider) => ref.emulator.providerRequests(provider).filter((r) => r.method === 'GET' && !r.route?.includes('retrieve'));

test('a batch larger than the create limit: every item created exactly once and delivered', async () => {
	ref.emulator.configure({ rateLimits: { minimax: { createsPerMinute: 3 } }, rateWindowMs: 1000, taskDurationMs: 300 });
	const result = await run(ref.emulator, [i2v('minimax', '={{ $json.prompt }}'), wait({ provider: 'minimax' })], { items: itemsNamed(8) });
	expect(result.status).toBe('success');
	expect(result.output('Wait').map((item) => item.json.status)).toEqual(Array(8).fill('succeeded'));
	expect(Object.values(ref.emulator.createCounts('minimax'))).toEqual(Array(8).fill(1));
	expect(ref.emulator.refusals('minimax').length).toBeGreaterThan(0);
});

test('status checks throttled for longer than the retry budget: every video still arrives', async () => {
	ref.emulator.configure({ rateLimits: { minimax: { statusPerMinute: 1 } }, rateWindowMs: 1500, taskDurationMs: 500 });
	const result = await run(ref.emulator, [i2v('minimax', '={{ $json.prompt }}'), wait({ provider: 'minimax', timeout: 60 })], { items: itemsNamed(3) });
	expect(result.status).toBe('success');
	expect(result.output('Wait').map((item) => item.json.status)).toEqual(Array(3).fill('succeeded'));
	// More refusals than one status check's retries: the throttle outlasted the retry budget.
	expect(ref.emulator.refusals('minimax').length).toBeGreaterThan(3);
});

test('each video is downloaded as soon as its task succeeds, before the slowest task is done', async () => {
	const items = [{ json: { prompt: 'quick @duration:200' } }, { json: { prompt: 'slow @duration:4000' } }];
	const result = await run(ref.emulator, [i2v('atlasCloud', '={{ $json.prompt }}'), wait({ provider: 'atlasCloud', downloadVideo: true })], { items });
	expect(result.status).toBe('success');
	const downloads = ref.emulator.requests.filter((r) => r.kind === 'video');
	const [quick, slow] = result.output('Generate').map((item) => item.json.taskId);
	const quickDownload = downloads.find((r) => r.path.includes(quick));
	const slowSeenDone = ref.emulator.requests.find((r) => r.kind === 'video' && r.path.includes(slow));
	expect(at(quickDownload)).toBeLessThan(at(slowSeenDone) - 2000);
});

test('Generate with "Wait for Completion" checks its first tasks while the paced creates go on', async () => {
	ref.emulator.configure({ rateLimits: { minimax: { createsPerMinute: 2 } }, rateWindowMs: 1000, taskDurationMs: 200 });
	const result = await run(ref.emulator, [i2v('minimax', '={{ $json.prompt }}', { waitForCompletion: true, polling: 'fixed', pollInterval: 1 })], {
		items: itemsNamed(6),
	});
	expect(result.status).toBe('success');
	expect(result.output('Generate').map((item) => item.json.status)).toEqual(Array(6).fill('succeeded'));
	const accepted = ref.emulator.providerRequests('minimax').filter((r) => r.taskId);
	const lastCreate = Math.max(...accepted.map(at));
	expect(at(statusChecks('minimax')[0])).toBeLessThan(lastCreate);
});

// Providers that can cancel the tasks of their test model (MiniMax cancels only Hailuo 3: hailuo3Minimax.test.js).
const CANCELLING = providers()
	.filter((p) => p.cancelTask && p.canCancel?.(PROVIDER_CASES[p.id].i2v) !== false)
	.map((p) => [p.id, p.displayName]);

describe.each(CANCELLING)('timeouts and cancelled runs at %s', (provider, displayName) => {
	const cancels = () => ref.emulator.providerRequests(provider).filter((r) => r.path.endsWith('/cancel'));

	test('Cancel on Timeout stops the task at the provider and says so', async () => {
		const result = await run(ref.emulator, [i2v(provider, 'x @never'), wait({ provider, timeout: 2, cancelOnTimeout: true })]);
		expect(result.status).toBe('error');
		const taskId = result.output('Generate')[0].json.taskId;
		const error = result.nodeError('Wait');
		expect(error.message).toMatch(new RegExp(`Task ${taskId} is still .* after 2 s`));
		expect(error.description).toMatch(new RegExp(`cancelled at ${displayName.replace('.', '\\.')} \\(Cancel on Timeout\\)`));
		expect(cancels().map((r) => r.path)).toEqual([expect.stringContaining(taskId)]);
		expect(ref.emulator.task(provider, taskId).cancelledAt).toEqual(expect.any(Number));
	});

	test('without Cancel on Timeout the task is left running and nothing is cancelled', async () => {
		const result = await run(ref.emulator, [i2v(provider, 'x @never'), wait({ provider, timeout: 2 })]);
		expect(result.nodeError('Wait').description).toMatch(/keeps running \(and is billed\)/);
		expect(cancels()).toHaveLength(0);
	});

	test('a cancelled execution cancels its tasks at the provider', async () => {
		const waiting = i2v(provider, '={{ $json.prompt }}', { waitForCompletion: true, polling: 'fixed', pollInterval: 1 });
		const result = await run(ref.emulator, [waiting], {
			items: itemsNamed(2, 'forever @never'),
			onStart: (running) => setTimeout(() => running.cancel(), 1500),
		});
		expect(result.status).toBe('canceled');
		// Cancelling at the provider happens as the node stops, just after n8n reports the run cancelled.
		for (let tries = 0; tries < 20 && cancels().length < 2; tries++) await new Promise((resolve) => setTimeout(resolve, 100));
		const created = ref.emulator.providerRequests(provider).filter((r) => r.taskId).map((r) => r.taskId);
		expect(created).toHaveLength(2);
		expect(cancels().map((r) => created.find((id) => r.path.includes(id)))).toEqual(expect.arrayContaining(created));
	});
});

test('a download that ends cleanly but short is fetched again', async () => {
	ref.emulator.configure({ failNext: { download: { short: true } } });
	const result = await run(ref.emulator, [i2v('minimax', 'x'), wait({ provider: 'minimax', downloadVideo: true })]);
	expect(result.status).toBe('success');
	const [item] = result.output('Wait');
	expect(Buffer.from(item.binary.data.data, 'base64')).toEqual(ref.emulator.videoBytes);
	expect(ref.emulator.requests.filter((r) => r.kind === 'video')).toHaveLength(2);
});

test('on Wait for Result\'s error output, status reads as the task ended, never as Generate\'s "queued"', async () => {
	const result = await run(ref.emulator, [
		i2v('minimax', 'x @fail:1026'),
		wait({ provider: 'minimax' }, 'Wait', { onError: 'continueErrorOutput' }),
	]);
	expect(result.status).toBe('success');
	const [failed] = result.output('Wait', 1);
	expect(failed.json.status).not.toBe('queued');
	const [generated] = result.output('Generate');
	expect(failed.json.message).toContain(`MiniMax task ${generated.json.taskId}: failed`);
	expect(failed.json.error).toMatch(/failed/);
	// n8n 1.x routes only an item of exactly {error} or {error, message}; n8n adds the input's fields after.
	expect(Object.keys(failed.json).filter((key) => !(key in generated.json)).sort()).toEqual(['error', 'message']);
});

test('each created task is named in n8n\'s log as it is created (a worker killed later keeps nothing else)', async () => {
	const path = require('node:path');
	const corePaths = { paths: [path.dirname(require.resolve('n8n-core'))] };
	const { Container } = require(require.resolve('@n8n/di', corePaths));
	const { Logger } = require(require.resolve('@n8n/backend-common', corePaths));
	const info = jest.spyOn(Container.get(Logger), 'info');
	try {
		const result = await run(ref.emulator, [i2v('minimax', '={{ $json.prompt }}')], { items: itemsNamed(3) });
		expect(result.status).toBe('success');
		const logged = info.mock.calls.map(([message]) => message).filter((m) => m.startsWith('Hailuo Generate: created'));
		const tasks = result.output('Generate').map((item) => item.json.taskId);
		expect(logged).toHaveLength(3);
		for (const [index, taskId] of tasks.entries()) expect(logged).toContainEqual(expect.stringMatching(new RegExp(`^Hailuo Generate: created MiniMax task ${taskId} for item ${index} \\(execution \\S+\\)$`)));
	} finally {
		info.mockRestore();
	}
});

test('on n8n 1.x, whose binary data has no byte count, a whole download is accepted at once', async () => {
	// n8n 1.x's BinaryDataService.store sets only the formatted fileSize; `bytes` came with 2.x.
	const path = require('node:path');
	const corePaths = { paths: [path.dirname(require.resolve('n8n-core'))] };
	const { Container } = require(require.resolve('@n8n/di', corePaths));
	const { BinaryDataService } = require('n8n-core');
	class BinaryDataServiceOfN8n1 extends BinaryDataService {
		async store(...args) {
			const stored = await super.store(...args);
			delete stored.bytes;
			return stored;
		}
	}
	const shipped = Container.get(BinaryDataService);
	Container.set(BinaryDataService, new BinaryDataServiceOfN8n1());
	try {
		const result = await run(ref.emulator, [i2v('minimax', 'x'), wait({ provider: 'minimax', downloadVideo: true })]);
		expect(result.status).toBe('success');
		const [item] = result.output('Wait');
		expect(item.binary.data.bytes).toBeUndefined();
		expect(Buffer.from(item.binary.data.data, 'base64')).toEqual(ref.emulator.videoBytes);
		expect(ref.emulator.requests.filter((r) => r.kind === 'video')).toHaveLength(1);
	} finally {
		Container.set(BinaryDataService, shipped);
	}
});
