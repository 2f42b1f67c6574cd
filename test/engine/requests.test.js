// What each provider receives: its own field names, types and camera syntax.
'use strict';

const { useEmulator, run, generate, PROVIDER_CASES } = require('../helpers');
const { providers } = require('../registry');

const ref = useEmulator();
const imageUrl = 'https://example.com/photo.jpg';
const lastCreate = (provider) =>
	ref.emulator.providerRequests(provider).filter((r) => r.method === 'POST').at(-1);

test('MiniMax: native fields, options and English camera commands in one bracket', async () => {
	const result = await run(ref.emulator, [
		generate({
			provider: 'minimax', mode: 'imageToVideo', model: 'MiniMax-Hailuo-02', prompt: 'A dancer spins',
			firstFrameUrl: imageUrl, duration: 10, resolution: '512P', cameraMovements: ['panLeft', 'pedestalUp'],
			options: { promptOptimizer: false, fastPretreatment: true, watermark: true },
			sendResultsTo: 'url', callbackUrl: 'https://example.com/hook',
		}),
	]);
	expect(result.status).toBe('success');
	const { body, headers } = lastCreate('minimax');
	expect(headers.authorization).toBe(`Bearer ${ref.emulator.apiKeys.minimax}`);
	expect(body).toEqual({
		model: 'MiniMax-Hailuo-02', prompt: 'A dancer spins [Pan left,Pedestal up]', first_frame_image: imageUrl,
		duration: 10, resolution: '512P', prompt_optimizer: false, fast_pretreatment: true, aigc_watermark: true,
		callback_url: 'https://example.com/hook',
	});
});

test('MiniMax first and last frame sends both images', async () => {
	await run(ref.emulator, [
		generate({ provider: 'minimax', mode: 'firstLastFrame', model: 'MiniMax-Hailuo-02', prompt: 'Day turns to night', firstFrameUrl: imageUrl, lastFrameUrl: `${imageUrl}?last` }),
	]);
	expect(lastCreate('minimax').body).toEqual(expect.objectContaining({ first_frame_image: imageUrl, last_frame_image: `${imageUrl}?last`, resolution: '768P' }));
});

test.each([
	['a comma-separated text', '={{ "panLeft, Pedestal up" }}'],
	['a JSON list in text (what $fromAI may give)', '={{ \'["pan_left", "pedestalUp"]\' }}'],
	['a list', '={{ ["panLeft", "pedestalUp"] }}'],
])('Camera Movements from an expression giving %s', async (_, cameraMovements) => {
	const result = await run(ref.emulator, [
		generate({ provider: 'minimax', mode: 'textToVideo', model: 'MiniMax-Hailuo-2.3', prompt: 'A dancer spins', cameraMovements }),
	]);
	expect(result.status).toBe('success');
	expect(lastCreate('minimax').body.prompt).toBe('A dancer spins [Pan left,Pedestal up]');
});

test('Atlas Cloud: image, enable_prompt_expansion, go_fast; pro tiers take no duration', async () => {
	await run(ref.emulator, [
		generate({ provider: 'atlasCloud', mode: 'imageToVideo', model: 'minimax/hailuo-2.3/fast', prompt: 'Rain', firstFrameUrl: imageUrl, duration: 10, options: { promptOptimizer: true, fastPretreatment: true } }),
	]);
	expect(lastCreate('atlasCloud').body).toEqual({ model: 'minimax/hailuo-2.3/fast', prompt: 'Rain', image: imageUrl, duration: 10, enable_prompt_expansion: true, go_fast: true });
	await run(ref.emulator, [
		generate({ provider: 'atlasCloud', mode: 'textToVideo', model: 'minimax/hailuo-02/t2v-pro', prompt: 'Snow', resolution: '1080P' }),
	]);
	expect(lastCreate('atlasCloud').body).toEqual({ model: 'minimax/hailuo-02/t2v-pro', prompt: 'Snow' });
});

test('SeaArt: the model id in the path, Chinese camera commands', async () => {
	await run(ref.emulator, [
		generate({ provider: 'seaArt', mode: 'imageToVideo', model: 'minimax_hailuo_23_fast_i2v', prompt: 'A kite rises', firstFrameUrl: imageUrl, cameraMovements: ['zoomIn'] }),
	]);
	const request = lastCreate('seaArt');
	expect(request.path).toMatch(/\/model\/v1\/queue\/minimax_hailuo_23_fast_i2v$/);
	expect(request.body).toEqual({ prompt: 'A kite rises [变焦推近]', first_frame_image: imageUrl, duration: 6, resolution: '768P' });
});

test('API in One: the duration as a string, the image as `image`', async () => {
	await run(ref.emulator, [
		generate({ provider: 'apiInOne', mode: 'imageToVideo', model: 'hailuo/2-3-image-to-video-pro', prompt: 'Sunrise', firstFrameUrl: imageUrl, duration: 10 }),
	]);
	expect(lastCreate('apiInOne').body).toEqual({ model: 'hailuo/2-3-image-to-video-pro', prompt: 'Sunrise', image: imageUrl, duration: '10', resolution: '768P' });
});

test('MiniMax region picks the host unless a Base URL is set', () => {
	const { minimax } = require('../../dist/nodes/shared/providers/minimax');
	const { baseUrlOf } = require('../../dist/nodes/shared/transport');
	expect(baseUrlOf(minimax, { region: 'china', baseUrl: '' })).toBe('https://api.minimaxi.com');
	expect(baseUrlOf(minimax, { region: 'global' })).toBe('https://api.minimax.io');
	expect(baseUrlOf(minimax, { region: 'china', baseUrl: 'http://proxy.local' })).toBe('http://proxy.local');
});

/** Every value sent under a field name, anywhere in the create's JSON body or query, as text. */
function sentValues(request, field) {
	const found = [];
	const visit = (value) => {
		if (!value || typeof value !== 'object') return;
		for (const [name, inner] of Object.entries(value)) {
			if (name === field && (typeof inner === 'string' || typeof inner === 'number')) found.push(String(inner).toLowerCase());
			else visit(inner);
		}
	};
	visit({ body: request.body, query: request.query });
	return found;
}

describe.each(providers().map((p) => [p.displayName, p.id]))('Custom Model ID at %s', (_, provider) => {
	test('the chosen duration and resolution go out with it (the host would otherwise render and bill its default)', async () => {
		// A model the host added after this release: nothing is known about its fields (the emulator
		// refuses it; what matters is what was sent).
		const customModelId = `${PROVIDER_CASES[provider].i2v}-next`;
		await run(ref.emulator, [
			generate(
				{ provider, mode: 'imageToVideo', model: '__customModelId', customModelId, prompt: 'Waves', firstFrameUrl: imageUrl, duration: 10, resolution: '768P' },
				'Generate',
				{ onError: 'continueRegularOutput' },
			),
		]);
		const create = lastCreate(provider);
		expect(sentValues(create, 'duration')).toEqual(['10']);
		expect(sentValues(create, 'resolution')).toEqual(['768p']);
	});
});
