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
	// MiniMax documents 30 tasks in flight: a batch of 40 (Generate alone, as a scheduled submit would be).
	ref.emulator.configure({ tasksInFlight: { minimax: 30 }, taskDurationMs: 1500 });
	const result = await run(ref.emulator, [h3('={{ $json.prompt }}'), wait({ provider: 'minimax', timeout: 120 })], { items: itemsNamed(40, 'clip') });
	expect(result.status).toBe('success');
	expect(result.output('Generate')).toHaveLength(40);
	expect(result.output('Wait').map((item) => item.json.status)).toEqual(Array(40).fill('succeeded'));
	expect(ref.emulator.createCounts('minimax')).toEqual(Object.fromEntries(itemsNamed(40, 'clip').map(({ json }) => [json.prompt, 1])));
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

test('Regenerate at 2K: the 768P preview kept is rendered again at 2K from the same inputs and its video', async () => {
	const preview = await run(ref.emulator, [h3('A lighthouse in a storm'), wait({ provider: 'minimax' })]);
	expect(preview.status).toBe('success');
	const [kept] = preview.output('Wait');
	const result = await run(ref.emulator, [h3('A lighthouse in a storm', { resolution: '2K', options: { regenerateFrom: '={{ $json.videoUrl }}' } }), wait({ provider: 'minimax' })], { items: [{ json: kept.json }] });
	expect(result.status).toBe('success');
	const [regeneration] = v2Requests().filter((r) => r.route === '/v2/video_regeneration');
	expect(regeneration.body).toEqual({
		model: 'MiniMax-H3',
		content: [
			{ type: 'text', text: 'A lighthouse in a storm' },
			{ type: 'image_url', image_url: { url: `${ref.emulator.url}/assets/sample.jpg` }, role: 'first_frame' },
			{ type: 'video_url', video_url: { url: kept.json.videoUrl }, role: 'base_video' },
		],
		resolution: '2K',
	});
	expect(result.output('Wait')[0].json).toEqual(expect.objectContaining({ status: 'succeeded', resolution: '2K', hasSound: true }));
	// Priced at the regeneration rate ($0.05 a second for the 6 s), not a new 2K video's $0.13.
	const { estimatedCost } = result.output('Generate')[0].json;
	expect(estimatedCost.amount).toBe(0.3);
	expect(estimatedCost.basis).toMatch(/\$0\.05 a second to regenerate at 2K/);
});

test('Regenerate at 2K is refused before any call at another resolution, with a value that is no URL, or on H3-Max', async () => {
	const refused = async (extra, message) => {
		const result = await run(ref.emulator, [h3('A lighthouse', extra)]);
		expect(result.status).toBe('error');
		expect(result.nodeError('Generate').message).toMatch(message);
	};
	await refused({ options: { regenerateFrom: 'https://example.com/preview.mp4' } }, /renders at 2K only: set Resolution to 2K \(it is 768P\)/);
	await refused({ resolution: '2K', options: { regenerateFrom: 'preview.mp4' } }, /must be the URL of a Hailuo 3 768P video/);
	await refused({ model: 'MiniMax-H3-Max', options: { regenerateFrom: 'https://example.com/preview.mp4' } }, /Regenerate at 2K From is not supported by Hailuo 3 Max/);
	expect(ref.emulator.providerRequests('minimax')).toHaveLength(0);
});
