// Unit tests of the model capability table.
'use strict';

const {
	MODEL_CATALOG,
	modelsFor,
	modesOf,
	findModel,
	defaultResolution,
	describeFormats,
} = require('../dist/nodes/shared/catalog');
const { PROVIDER_IDS } = require('../dist/nodes/shared/providers');

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

	test('only Hailuo 02 offers first and last frame (MiniMax, Replicate, the standard image-to-video of fal.ai and WaveSpeed AI, both image-to-video tiers of Kie.ai)', () => {
		const fl = MODEL_CATALOG.filter((m) => m.modes.firstLastFrame).map((m) => `${m.provider}:${m.value}`);
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

	test('Atlas Cloud tiers fix the resolution and pro tiers the duration', () => {
		for (const model of modelsFor('atlasCloud')) {
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
