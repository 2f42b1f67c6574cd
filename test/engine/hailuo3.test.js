// Hailuo 3 on every host that serves it, through n8n's engine against the emulator: each mode each H3
// row serves, references from URLs and from binary fields, sound, the duration and ratio chosen, cost.
// Hosts join as their provider modules list Hailuo 3 rows (rows with sound).
'use strict';

const { useEmulator, run, generate, wait, imageItem, fixture } = require('../helpers');
const { binary, chain, node, TYPES } = require('../harness/workflows');
const { serveTrigger, emulatorCredentials } = require('../harness');
const { mp4, wav } = require('../mediaFiles');
const { providers, providerById } = require('../registry');

const ref = useEmulator();

const catalog = () => require('../../dist/nodes/shared/catalog');

/** Every (host, H3 row, mode) the catalog lists. */
function hailuo3Cases() {
	return providers().flatMap((provider) =>
		provider.models.filter((model) => model.sound).flatMap((model) => Object.keys(model.modes).map((mode) => [provider.id, model.value, mode])),
	);
}

/** A duration of the row that is not 6 or 10, and the highest resolution it renders. */
function formatOf(model, mode) {
	const formats = model.modes[mode].formats;
	const resolution = Object.keys(formats).at(-1);
	const duration = formats[resolution].find((d) => d !== 6 && d !== 10) ?? formats[resolution][0];
	return { resolution, duration };
}

function parametersFor(provider, model, mode) {
	const image = `${ref.emulator.url}/assets/sample.jpg`;
	const { resolution, duration } = formatOf(model, mode);
	const common = { provider, mode, model: model.value, prompt: 'A red fox trots through snow, Image 1 as the fox', durationSeconds: duration, resolution };
	switch (mode) {
		case 'textToVideo':
			return { ...common, aspectRatio: '9:16' };
		case 'imageToVideo':
			return { ...common, firstFrameUrl: image };
		case 'firstLastFrame':
			return { ...common, firstFrameUrl: image, lastFrameUrl: image };
		case 'lastFrame':
			return { ...common, lastFrameUrl: image };
		default:
			return { ...common, referenceSource: 'url', referenceImageUrls: `${image}, ${ref.emulator.url}/assets/sample.png` };
	}
}

/** Success, or the failing node's message as the test's failure. */
function expectSuccess(result) {
	if (result.status === 'success') return;
	const error = result.nodeError('Generate') ?? result.nodeError('Wait');
	throw new Error(`run failed: ${error?.message} ${error?.description ?? ''}`);
}

const creates = (provider) => ref.emulator.providerRequests(provider).filter((r) => r.method === 'POST' && r.taskId);

describe.each(hailuo3Cases())('%s %s %s', (provider, value, mode) => {
	test('created once, delivered with sound, at the duration and resolution chosen, with its estimate', async () => {
		const model = catalog().findModel(provider, value);
		const parameters = parametersFor(provider, model, mode);
		const result = await run(ref.emulator, [generate(parameters), wait({ provider })]);
		expectSuccess(result);
		expect(creates(provider)).toHaveLength(1);
		const [item] = result.output('Wait');
		expect(item.json).toEqual(
			expect.objectContaining({
				provider,
				model: value,
				mode,
				status: 'succeeded',
				videoUrl: expect.stringMatching(/^http/),
				duration: parameters.durationSeconds,
				resolution: parameters.resolution,
				hasSound: true,
			}),
		);
		if (mode === 'textToVideo') expect(item.json.aspectRatio).toBe('9:16');
		const images = { imageToVideo: 1, firstLastFrame: 2, lastFrame: 1, references: 2 }[mode] ?? 0;
		const estimate = catalog().estimateCost(provider, value, parameters.durationSeconds, parameters.resolution, { images, referenceVideoSeconds: 0 });
		expect(item.json.estimatedCost).toEqual(estimate);
		// What the user chose goes out, not the host's default.
		const sent = JSON.stringify(creates(provider)[0].body);
		expect(sent).toMatch(new RegExp(`"duration":"?${parameters.durationSeconds}"?[,}]`));
	});
});

const referenceHosts = [...new Set(hailuo3Cases().filter(([, , mode]) => mode === 'references').map(([provider, value]) => `${provider} ${value}`))];

describe.each(referenceHosts.map((key) => key.split(' ')))('%s %s references from binary fields', (provider, value) => {
	test('an image, a video and an audio clip: uploaded where the host has an upload, inlined otherwise; the estimate counts them', async () => {
		const model = catalog().findModel(provider, value);
		const { resolution, duration } = formatOf(model, 'references');
		const item = imageItem('sample.png');
		item.binary.clip = binary(mp4(5), 'video/mp4', 'clip.mp4');
		item.binary.voice = binary(wav(3), 'audio/wav', 'voice.wav');
		const result = await run(
			ref.emulator,
			[
				generate({
					provider,
					mode: 'references',
					model: value,
					prompt: 'Image 1 walks while Video 1 plays, reference audio 1 as the sound',
					durationSeconds: duration,
					resolution,
					referenceSource: 'binary',
					referenceImageFields: 'data',
					referenceVideoFields: 'clip',
					referenceAudioFields: 'voice',
				}),
			],
			{ items: [item] },
		);
		expectSuccess(result);
		const [task] = result.output('Generate');
		expect(task.json.estimatedCost).toEqual(catalog().estimateCost(provider, value, duration, resolution, { images: 1, referenceVideoSeconds: 5 }));
		const sent = JSON.stringify(creates(provider)[0].body);
		const host = providerById(provider);
		if (host.uploadFile && host.capabilities.referenceFiles !== 'dataUrl') {
			const uploaded = ref.emulator.providerRequests(provider).flatMap((r) => [...(r.body?.multipart?.files ?? []), ...(r.body?.raw ? [r.body.raw] : [])]);
			expect(uploaded.map((file) => file.contentType).sort()).toEqual(['audio/wav', 'image/png', 'video/mp4']);
			expect(sent).not.toContain('data:');
		} else {
			expect(sent).toContain(`data:image/png;base64,${fixture('sample.png').toString('base64')}`);
			expect(sent).toContain(`data:video/mp4;base64,${mp4(5).toString('base64')}`);
			expect(sent).toContain(`data:audio/wav;base64,`);
		}
	});
});

/** Per host with Hailuo 3: its first H3 row taking a first frame, and that row's format. */
function imageRowOf(provider) {
	const row = providerById(provider).models.find((model) => model.sound && model.modes.imageToVideo);
	return row && { value: row.value, ...formatOf(row, 'imageToVideo') };
}
const h3Hosts = [...new Set(hailuo3Cases().map(([provider]) => provider))].filter((provider) => imageRowOf(provider));
const i2vOf = (provider, extra = {}) => {
	const { value, resolution, duration } = imageRowOf(provider);
	return generate({ provider, mode: 'imageToVideo', model: value, prompt: '={{ $json.prompt }}', firstFrameUrl: `${ref.emulator.url}/assets/sample.jpg`, durationSeconds: duration, resolution, ...extra });
};

describe.each(h3Hosts.filter((provider) => providerById(provider).capabilities.callbacks))('%s: Hailuo 3 results through the Hailuo Trigger', (provider) => {
	let trigger;
	afterEach(async () => trigger?.close());

	test('each finished video starts one run with its carried fields and says it has sound', async () => {
		ref.emulator.configure({ taskDurationMs: 300 });
		trigger = await serveTrigger(chain(node(TYPES.trigger, 'Trigger', { provider })), 'Trigger', { credentials: emulatorCredentials(ref.emulator) });
		const items = [0, 1].map((n) => ({ json: { prompt: `clip ${n}`, caption: `post ${n}` } }));
		const submitted = await run(ref.emulator, [i2vOf(provider, { sendResultsTo: 'hailuoTrigger', triggerUrl: trigger.url, carryFields: 'caption' })], { items });
		expectSuccess(submitted);
		for (const end = Date.now() + 8000; Date.now() < end && trigger.emitted.length < 2; ) await new Promise((resolve) => setTimeout(resolve, 50));
		const tasks = submitted.output('Generate').map((item) => item.json.taskId);
		expect(trigger.emitted.map((item) => [item.json.caption, item.json.taskId, item.json.status, item.json.hasSound]).sort()).toEqual([
			['post 0', tasks[0], 'succeeded', true],
			['post 1', tasks[1], 'succeeded', true],
		]);
	});
});

describe.each(h3Hosts)('%s: Hailuo 3 in Check Once mode', (provider) => {
	test('a task still rendering goes to Still Rendering, then to Ready once done', async () => {
		ref.emulator.configure({ taskDurationMs: 1500 });
		const first = await run(ref.emulator, [i2vOf(provider), wait({ provider, waitMode: 'checkOnce', minimumWait: 0 })], { items: [{ json: { prompt: 'A lighthouse' } }] });
		expectSuccess(first);
		expect(first.output('Wait', 0)).toHaveLength(0);
		const [rendering] = first.output('Wait', 1);
		expect(rendering.json).toEqual(expect.objectContaining({ provider, status: expect.stringMatching(/queued|running/), hasSound: true }));
		await new Promise((resolve) => setTimeout(resolve, 1600));
		const again = await run(ref.emulator, [wait({ provider, waitMode: 'checkOnce', minimumWait: 0 })], { items: [{ json: rendering.json }] });
		expectSuccess(again);
		expect(again.output('Wait', 0)[0].json).toEqual(expect.objectContaining({ taskId: rendering.json.taskId, status: 'succeeded', videoUrl: expect.stringMatching(/^http/) }));
	});
});
