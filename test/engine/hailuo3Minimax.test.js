// MiniMax Hailuo 3 (Video Generation V2) through n8n's engine against the emulator: creates beyond the
// account's tasks in flight wait for a free slot (MiniMax refuses them with 429 (1002), nothing created),
// videos come from the task's own URL, and only queued Hailuo 3 tasks can be cancelled.
'use strict';

const { useEmulator, run, wait, imageToVideo } = require('../helpers');

const ref = useEmulator();
const i2v = imageToVideo(ref);
const h3 = (prompt, extra = {}) => i2v('minimax', prompt, { model: 'MiniMax-H3', duration: 6, resolution: '768P', ...extra });
const itemsNamed = (count, prefix) => Array.from({ length: count }, (_, n) => ({ json: { prompt: `${prefix} ${n}` } }));
const v2Requests = () => ref.emulator.providerRequests('minimax').filter((r) => r.route.startsWith('/v2/'));
const deletes = () => ref.emulator.providerRequests('minimax').filter((r) => r.method === 'DELETE');

test('a batch beyond the tasks in flight: each create over the cap waits for a task to end, every item is created once, none fails', async () => {
	// MiniMax documents 30 tasks in flight; a cap of 3 with 8 items keeps the test short.
	ref.emulator.configure({ tasksInFlight: { minimax: 3 }, taskDurationMs: 400 });
	const result = await run(ref.emulator, [h3('={{ $json.prompt }}'), wait({ provider: 'minimax', timeout: 60 })], { items: itemsNamed(8, 'clip') });
	expect(result.status).toBe('success');
	expect(result.output('Generate')).toHaveLength(8);
	expect(result.output('Wait').map((item) => item.json.status)).toEqual(Array(8).fill('succeeded'));
	expect(ref.emulator.createCounts('minimax')).toEqual(Object.fromEntries(itemsNamed(8, 'clip').map(({ json }) => [json.prompt, 1])));
	const refused = ref.emulator.refusals('minimax');
	expect(refused.length).toBeGreaterThan(0);
	expect(refused.every((r) => r.refused === 'tasksInFlight' && r.route === '/v2/video_generation')).toBe(true);
});

test('a Hailuo 3 video is downloaded from the URL in the task (V2 only: no files/retrieve)', async () => {
	const result = await run(ref.emulator, [h3('A lighthouse in a storm'), wait({ provider: 'minimax', downloadVideo: true })]);
	expect(result.status).toBe('success');
	const [item] = result.output('Wait');
	expect(Buffer.from(item.binary.data.data, 'base64')).toEqual(ref.emulator.videoBytes);
	const routes = ref.emulator.providerRequests('minimax').map((r) => `${r.method} ${r.route}`);
	expect(routes.every((route) => route.includes(' /v2/'))).toBe(true);
	const [create] = v2Requests();
	expect(create.body).toEqual({
		model: 'MiniMax-H3',
		content: [
			{ type: 'text', text: 'A lighthouse in a storm' },
			{ type: 'image_url', image_url: { url: `${ref.emulator.url}/assets/sample.jpg` }, role: 'first_frame' },
		],
		resolution: '768P',
		duration: 6,
		ratio: 'adaptive',
	});
});

test('Cancel on Timeout cancels a queued Hailuo 3 task and leaves a rendering one running, saying which', async () => {
	// One render slot: the first task renders forever, the second waits queued behind it.
	ref.emulator.configure({ renderCapacity: { minimax: 1 } });
	const result = await run(ref.emulator, [h3('={{ $json.prompt }}'), wait({ provider: 'minimax', timeout: 2, cancelOnTimeout: true }, 'Wait', { onError: 'continueErrorOutput' })], {
		items: itemsNamed(2, 'forever @never'),
	});
	expect(result.status).toBe('success');
	const [rendering, queued] = result.output('Generate').map((item) => item.json.taskId);
	const errors = result.output('Wait', 1);
	const errorOf = (taskId) => errors.find((item) => item.json.details?.taskId === taskId || JSON.stringify(item.json).includes(taskId)).json;
	expect(JSON.stringify(errorOf(queued))).toMatch(/cancelled at MiniMax \(Cancel on Timeout\)/);
	expect(JSON.stringify(errorOf(rendering))).toMatch(/keeps running \(and is billed\)/);
	expect(deletes().map((r) => r.path)).toEqual([expect.stringMatching(new RegExp(`/v2/video_generation/${queued}$`))]);
	expect(ref.emulator.task('minimax', queued).cancelledAt).toEqual(expect.any(Number));
	expect(ref.emulator.task('minimax', rendering).cancelledAt).toBeNull();
});

test('a Hailuo 2.x task is never cancelled (V1 has no cancel): nothing is sent', async () => {
	const result = await run(ref.emulator, [i2v('minimax', 'x @never'), wait({ provider: 'minimax', timeout: 2, cancelOnTimeout: true })]);
	expect(result.status).toBe('error');
	expect(result.nodeError('Wait').description).toMatch(/keeps running \(and is billed\)/);
	expect(deletes()).toHaveLength(0);
	expect(v2Requests()).toHaveLength(0);
});
