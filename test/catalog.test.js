// Unit tests of the model capability table.
'use strict';

const {
	MODEL_CATALOG,
	modelsFor,
	modesOf,
	findModel,
	defaultResolution,
	describeDurations,
	describeFormats,
	estimateCost,
} = require('../dist/nodes/shared/catalog');
const { PROVIDER_IDS, providerById } = require('../dist/nodes/shared/providers');
const { publishedPrices } = require('../dist/nodes/shared/providers/provider');

describe('model catalog', () => {
	test('every provider offers image-to-video, and each model value is unique per provider', () => {
		for (const provider of PROVIDER_IDS) {
			expect(modesOf(provider)).toContain('imageToVideo');
			const values = modelsFor(provider).map((m) => m.value);
			expect(new Set(values).size).toBe(values.length);
		}
	});

	test('a model id has one name on every provider (the Generate subtitle looks names up by id)', () => {
		const names = new Map();
		for (const model of MODEL_CATALOG) {
			expect(names.get(model.value) ?? model.name).toBe(model.name);
			names.set(model.value, model.name);
		}
	});

	test('follows the documented MiniMax matrix', () => {
		const h23 = findModel('minimax', 'MiniMax-Hailuo-2.3');
		expect(Object.keys(h23.modes)).toEqual(['textToVideo', 'imageToVideo']);
		expect(h23.modes.imageToVideo.formats).toEqual({ '768P': [6, 10], '1080P': [6] });
		expect(Object.keys(findModel('minimax', 'MiniMax-Hailuo-2.3-Fast').modes)).toEqual(['imageToVideo']);
		const h02 = findModel('minimax', 'MiniMax-Hailuo-02');
		expect(h02.modes.imageToVideo.formats['512P']).toEqual([6, 10]);
		expect(h02.modes.textToVideo.formats['512P']).toBeUndefined();
		expect(h02.modes.firstLastFrame.formats).toEqual({ '768P': [6, 10], '1080P': [6] });
		expect(h02.modes.firstLastFrame.features).not.toContain('fastPretreatment');
		expect(findModel('minimax', 'T2V-01').modes.textToVideo.formats).toEqual({ '720P': [6] });
	});

	test('of the Hailuo 2.x and 01 models, only Hailuo 02 offers first and last frame (MiniMax, Replicate, the standard image-to-video of fal.ai and WaveSpeed AI, both image-to-video tiers of Kie.ai)', () => {
		// Hailuo 3 (the models with sound) takes first and last frames on every host.
		const fl = MODEL_CATALOG.filter((m) => m.modes.firstLastFrame && !m.sound).map((m) => `${m.provider}:${m.value}`);
		expect(fl).toEqual([
			'minimax:MiniMax-Hailuo-02',
			'fal:fal-ai/minimax/hailuo-02/standard/image-to-video',
			'replicate:minimax/hailuo-02',
			'waveSpeed:minimax/hailuo-02/i2v-standard',
			'kie:hailuo/02-image-to-video-standard',
			'kie:hailuo/02-image-to-video-pro',
		]);
	});

	test('API in One is Hailuo 2.3 image-to-video only; SeaArt has no 2.3 Fast text-to-video', () => {
		expect(modesOf('apiInOne')).toEqual(['imageToVideo']);
		expect(modelsFor('seaArt', 'textToVideo').map((m) => m.value)).toEqual(['minimax_hailuo_23_t2v', 'minimax_hailuo_02_t2v']);
	});

	test('Atlas Cloud tiers fix the resolution and pro tiers the duration (Hailuo 2.x)', () => {
		for (const model of modelsFor('atlasCloud').filter((m) => !m.value.startsWith('minimax/h3'))) {
			const [mode, ...others] = Object.values(model.modes);
			expect(others).toEqual([]);
			expect(Object.keys(mode.formats)).toHaveLength(1);
			if (model.value.endsWith('-pro')) expect(mode.formats).toEqual({ '1080P': [6] });
		}
	});

	test('the default resolution is 768P where offered, else the only one', () => {
		expect(defaultResolution(findModel('minimax', 'MiniMax-Hailuo-02').modes.imageToVideo)).toBe('768P');
		expect(defaultResolution(findModel('minimax', 'I2V-01').modes.imageToVideo)).toBe('720P');
		expect(defaultResolution(findModel('atlasCloud', 'minimax/hailuo-2.3/i2v-pro').modes.imageToVideo)).toBe('1080P');
	});

	test('describes formats for error messages', () => {
		expect(describeFormats({ '768P': [6, 10], '1080P': [6] })).toBe('768P: 6 or 10 s; 1080P: 6 s');
	});
});

describe('published prices and cost estimates', () => {
	const DATE = '2026-11-23';
	const escape = (text) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
	/** The basis names the host, the date, the rate and the page it was read on. */
	const basis = (host, rate, page) => new RegExp(`^${escape(`${host} price of ${DATE}: ${rate} (${page})`)}$`);

	test.each([
		[
			'fal.ai, per video',
			['fal', 'fal-ai/minimax/hailuo-2.3/standard/image-to-video', 10, '768P'],
			0.56,
			basis('fal.ai', '$0.56 per 10 s video at 768P', 'https://fal.ai/models/fal-ai/minimax/hailuo-2.3/standard/image-to-video/llms.txt'),
		],
		[
			'fal.ai, per second (Hailuo 02 Standard at 768P: $0.045 × 6)',
			['fal', 'fal-ai/minimax/hailuo-02/standard/image-to-video', 6, '768P'],
			0.27,
			basis('fal.ai', '$0.045 a second at 768P, 6 s', 'https://fal.ai/models/fal-ai/minimax/hailuo-02/standard/image-to-video/llms.txt'),
		],
		[
			'WaveSpeed AI, per video',
			['waveSpeed', 'minimax/hailuo-02/i2v-standard', 10, '768P'],
			0.56,
			basis('WaveSpeed AI', '$0.56 per 10 s video at 768P', 'https://wavespeed.ai/docs/docs-api/minimax/minimax-hailuo-02-i2v-standard'),
		],
		[
			'WaveSpeed AI, a pro tier (1080P, 6 s only)',
			['waveSpeed', 'minimax/hailuo-2.3/i2v-pro', 6, '1080P'],
			0.49,
			basis('WaveSpeed AI', '$0.49 per 6 s video at 1080P', 'https://wavespeed.ai/docs/docs-api/minimax/minimax-hailuo-2.3-i2v-pro'),
		],
	])('%s: amount, currency, and a basis naming the date and the page', (_, [provider, model, duration, resolution], amount, expectedBasis) => {
		expect(estimateCost(provider, model, duration, resolution)).toEqual({ amount, currency: 'USD', basis: expect.stringMatching(expectedBasis) });
	});

	test.each([
		['Atlas Cloud, per run (6 s at the tier\'s resolution)', ['atlasCloud', 'minimax/hailuo-2.3/i2v-standard', 6, '768P'], 0.28, 'Atlas Cloud price of 2026-12-04: $0.28 per 6 s video at 768P (https://www.atlascloud.ai/models/minimax/hailuo-2.3/i2v-standard)'],
		['Atlas Cloud Hailuo 3 Max, per second', ['atlasCloud', 'minimax/h3-max/image-to-video', 10, '480P'], 0.48, 'Atlas Cloud price of 2026-12-04: $0.048 a second at 480P, 10 s (https://www.atlascloud.ai/models/minimax/h3-max/image-to-video)'],
		['Kie.ai Hailuo 3 at 2K (13 credits a second)', ['kie', 'minimax-h3/text-to-video', 10, '2K'], 0.65, expect.stringContaining('Kie.ai price of 2026-09-11: $0.065 a second at 2K, 10 s')],
		['API in One, the default request', ['apiInOne', 'hailuo/2-3-image-to-video-standard', 6, '768P'], 0.3, 'API in One price of 2026-12-04: $0.3 per 6 s video at 768P (https://apiin.one/zh/model/hailuo-2-3)'],
	])('%s', (_, [provider, model, duration, resolution], amount, basisText) => {
		expect(estimateCost(provider, model, duration, resolution)).toEqual({ amount, currency: 'USD', basis: basisText });
	});

	test.each([
		['a per-run price at another duration', 'atlasCloud', 'minimax/hailuo-2.3/i2v-standard', 10, '768P'],
		['Atlas Cloud Hailuo 3 (no price captured)', 'atlasCloud', 'minimax/h3/text-to-video', 5, '2K'],
		['API in One at 10 s', 'apiInOne', 'hailuo/2-3-image-to-video-standard', 10, '768P'],
		['a priced model at a resolution its price does not cover', 'fal', 'fal-ai/minimax/hailuo-2.3/standard/image-to-video', 6, '1080P'],
		['a model whose page states no price', 'fal', 'fal-ai/minimax/hailuo-02/pro/image-to-video', 6, '1080P'],
		['a WaveSpeed AI path without a clear price', 'waveSpeed', 'minimax/hailuo-2.3/t2v-pro', 6, '1080P'],
		['a custom model id', 'waveSpeed', 'minimax/hailuo-2.5/i2v-standard', 6, '768P'],
	])('unknown: %s', (_, provider, model, duration, resolution) => {
		expect(estimateCost(provider, model, duration, resolution)).toEqual({
			amount: null,
			currency: null,
			basis: `No published ${providerById(provider).displayName} price is known for ${model} at ${resolution}, ${duration} s`,
		});
	});

	test.each(['seaArt'])('%s publishes no usable price yet: every format is unknown', (provider) => {
		for (const model of modelsFor(provider)) {
			expect(model.price).toBeUndefined();
			for (const spec of Object.values(model.modes)) {
				for (const [resolution, durations] of Object.entries(spec.formats)) {
					for (const duration of durations) expect(estimateCost(provider, model.value, duration, resolution).amount).toBeNull();
				}
			}
		}
	});

	test('every published figure is in USD, dated, from a page, and for a format its model renders', () => {
		const priced = MODEL_CATALOG.filter((row) => row.price);
		expect(new Set(priced.map((row) => row.provider))).toEqual(new Set(['minimax', 'fal', 'waveSpeed', 'atlasCloud', 'kie', 'apiInOne', 'replicate']));
		const unrendered = [];
		for (const { provider, value, modes, price } of priced) {
			expect(price).toMatchObject({ currency: 'USD', asOf: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), source: expect.stringMatching(/^https:\/\//) });
			const offered = (resolution) => Object.values(modes).flatMap((spec) => spec.formats[resolution] ?? []);
			const figures = price.perVideo
				? Object.entries(price.perVideo).flatMap(([resolution, byDuration]) => Object.keys(byDuration).map((d) => [resolution, Number(d)]))
				: Object.keys(price.perSecond).map((resolution) => [resolution, undefined]);
			for (const [resolution, duration] of figures) {
				const durations = offered(resolution);
				if (duration === undefined ? durations.length === 0 : !durations.includes(duration)) unrendered.push(`${provider}:${value} ${resolution} ${duration ?? ''}`);
			}
		}
		expect(unrendered).toEqual([]);
	});

	test('the shared builder dates every listed model with its page, and knows nothing of the others', () => {
		const priceOf = publishedPrices(
			{ 'a/per-video': { perVideo: { '768P': { 6: 0.2 } } }, 'a/per-second': { perSecond: { '512P': 0.01 } } },
			{ asOf: DATE, source: (model) => `https://host.test/models/${model}` },
		);
		expect(priceOf('a/per-video')).toEqual({ perVideo: { '768P': { 6: 0.2 } }, currency: 'USD', source: 'https://host.test/models/a/per-video', asOf: DATE });
		expect(priceOf('a/per-second')).toEqual({ perSecond: { '512P': 0.01 }, currency: 'USD', source: 'https://host.test/models/a/per-second', asOf: DATE });
		expect(priceOf('a/unlisted')).toBeUndefined();
	});
});

describe('Hailuo 3 in the model table and the Generate panel', () => {
	const { HailuoGenerate } = require('../dist/nodes/HailuoGenerate/HailuoGenerate.node.js');
	const properties = new HailuoGenerate().description.properties;
	// The panel outside an agent (the tool's variants are tested in engine/tools.test.js).
	const named = (name) => properties.filter((p) => p.name === name && p.displayOptions?.show?.['@tool']?.[0] !== true);

	test('durations read as ranges', () => {
		expect(describeDurations([4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15])).toBe('4–15');
		expect(describeDurations([10, 6])).toBe('6 or 10');
		expect(describeDurations([5, 6, 9])).toBe('5, 6 or 9');
		expect(describeFormats({ '768P': [4, 5, 6, 7], '2K': [4, 5, 6, 7] })).toBe('768P: 4–7 s; 2K: 4–7 s');
	});

	test('a Hailuo 3 model is asked a number of seconds; the others keep the 6/10 list their workflows were saved with', () => {
		const [list] = named('duration');
		const [seconds] = named('durationSeconds');
		expect(list.displayOptions.hide.model).toEqual(expect.arrayContaining(['MiniMax-H3', 'MiniMax-H3-Max']));
		expect(list.displayOptions.hide.model).not.toContain('MiniMax-Hailuo-2.3');
		expect(seconds.displayOptions.show.model).toEqual(list.displayOptions.hide.model);
		expect(seconds.typeOptions).toEqual(expect.objectContaining({ minValue: 4, maxValue: 15 }));
		expect(seconds.description).toMatch(/Hailuo 3: 4–15 s; Hailuo 3 Max: 5–15 s/);
	});

	test('Aspect Ratio for text to video (concrete only) and references (adaptive too), not for frames', () => {
		const ratios = named('aspectRatio');
		expect(ratios.map((p) => [p.displayOptions.show.mode, p.default, p.options.length])).toEqual([
			[['textToVideo'], '16:9', 6],
			[['references'], 'adaptive', 7],
		]);
		expect(ratios[0].displayOptions.show.model).toContain('MiniMax-H3');
		expect(ratios[0].displayOptions.show.model).not.toContain('MiniMax-Hailuo-2.3');
	});

	test('camera movements hidden for the models without camera control; last frame shown for the last-frame mode; references as URLs or binary fields', () => {
		expect(named('cameraMovements')[0].displayOptions.hide.model).toEqual(expect.arrayContaining(['MiniMax-H3', 'T2V-01', 'I2V-01']));
		expect(named('cameraMovements')[0].displayOptions.hide.model).not.toContain('I2V-01-Director');
		expect(named('lastFrameSource')[0].displayOptions.show.mode).toEqual(['firstLastFrame', 'lastFrame']);
		expect(named('referenceSource')[0].displayOptions.show.mode).toEqual(['references']);
		expect(properties.filter((p) => p.name.startsWith('reference') && p.displayOptions?.show?.['@tool']?.[0] !== true).map((p) => p.name)).toEqual([
			'referenceSource',
			'referenceImageUrls',
			'referenceVideoUrls',
			'referenceAudioUrls',
			'referenceImageFields',
			'referenceVideoFields',
			'referenceAudioFields',
		]);
	});

	test('MiniMax lists the Hailuo 3 modes', () => {
		expect(modesOf('minimax')).toEqual(['textToVideo', 'imageToVideo', 'firstLastFrame', 'lastFrame', 'references', 'subjectReference']);
		expect(modelsFor('minimax', 'references').map((m) => m.value)).toEqual(['MiniMax-H3', 'MiniMax-H3-Max']);
	});
});
