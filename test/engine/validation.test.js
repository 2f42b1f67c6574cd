// Bad input is refused with a clear message before any request reaches a provider.
'use strict';

const { useEmulator, run, generate, upload, imageItem } = require('../helpers');

const ref = useEmulator();

const imageUrl = 'https://example.com/photo.jpg';

async function expectRejected(nodes, items, message, description) {
	const result = await run(ref.emulator, nodes, { items });
	expect(result.status).toBe('error');
	const error = result.nodeError(nodes[0].name);
	expect(error.message).toMatch(message);
	if (description) expect(error.description).toMatch(description);
	expect(ref.emulator.providerRequests()).toHaveLength(0);
	return error;
}

describe('Generate refuses before any network call', () => {
	test('a duration the model cannot render at that resolution, naming the allowed combinations', async () => {
		await expectRejected(
			[generate({ provider: 'minimax', mode: 'imageToVideo', model: 'MiniMax-Hailuo-2.3', prompt: 'x', firstFrameUrl: imageUrl, duration: 10, resolution: '1080P' })],
			undefined,
			/Hailuo 2.3 \(MiniMax-Hailuo-2.3\) cannot render 10 s at 1080P/,
			/768P: 6 or 10 s; 1080P: 6 s/,
		);
	});

	test('a resolution the model does not offer (Atlas standard tier is 768P)', async () => {
		await expectRejected(
			[generate({ provider: 'atlasCloud', mode: 'imageToVideo', model: 'minimax/hailuo-2.3/i2v-standard', prompt: 'x', firstFrameUrl: imageUrl, resolution: '1080P' })],
			undefined,
			/cannot render 6 s at 1080P/,
			/768P: 6 or 10 s/,
		);
	});

	test('512P only for Hailuo 02 image to video', async () => {
		await expectRejected(
			[generate({ provider: 'minimax', mode: 'textToVideo', model: 'MiniMax-Hailuo-02', prompt: 'x', resolution: '512P' })],
			undefined,
			/cannot render 6 s at 512P for Text to Video/,
		);
	});

	test('a model the provider does not offer for the mode, listing the allowed ones', async () => {
		await expectRejected(
			[generate({ provider: 'minimax', mode: 'textToVideo', model: 'MiniMax-Hailuo-2.3-Fast', prompt: 'x' })],
			undefined,
			/Model "MiniMax-Hailuo-2.3-Fast" is not available for Text to Video on MiniMax/,
			/MiniMax-Hailuo-2.3 \(Hailuo 2.3\)/,
		);
	});

	test('a mode the provider does not offer', async () => {
		await expectRejected(
			[generate({ provider: 'apiInOne', mode: 'textToVideo', model: 'hailuo/2-3-image-to-video-standard', prompt: 'x' })],
			undefined,
			/Mode "Text to Video" is not offered by API in One/,
			/Image to Video/,
		);
	});

	test('a prompt over 2000 characters', async () => {
		await expectRejected(
			[generate({ provider: 'minimax', mode: 'textToVideo', model: 'MiniMax-Hailuo-2.3', prompt: 'a'.repeat(2001) })],
			undefined,
			/Prompt is 2001 characters long; the limit is 2000/,
		);
	});

	test('camera movements count towards the prompt length', async () => {
		await expectRejected(
			[generate({ provider: 'minimax', mode: 'textToVideo', model: 'MiniMax-Hailuo-2.3', prompt: 'a'.repeat(1995), cameraMovements: ['panLeft'] })],
			undefined,
			/the limit is 2000/,
			/includes the camera movements/,
		);
	});

	test('an empty prompt for text to video', async () => {
		await expectRejected(
			[generate({ provider: 'seaArt', mode: 'textToVideo', model: 'minimax_hailuo_23_t2v', prompt: '  ' })],
			undefined,
			/Prompt is required for Text to Video on SeaArt/,
		);
	});

	test('more than three camera movements, and a model without camera control (given by an expression: the panel hides the list for it)', async () => {
		await expectRejected(
			[generate({ provider: 'minimax', mode: 'textToVideo', model: 'MiniMax-Hailuo-2.3', prompt: 'x', cameraMovements: ['panLeft', 'zoomIn', 'shake', 'tiltUp'] })],
			undefined,
			/at most 3 can be combined, 4 are selected/,
		);
		await expectRejected(
			[generate({ provider: 'minimax', mode: 'textToVideo', model: '={{ "T2V-01" }}', prompt: 'x', cameraMovements: ['panLeft'] })],
			undefined,
			/Camera Movements is not supported by Hailuo 01 \(T2V-01\)/,
		);
	});

	test('a camera movement by an expression that is not one, listing the allowed values', async () => {
		await expectRejected(
			[generate({ provider: 'minimax', mode: 'textToVideo', model: 'MiniMax-Hailuo-2.3', prompt: 'x', cameraMovements: '={{ "panLeft, spin" }}' })],
			undefined,
			/Camera Movements: "spin" is not a camera movement/,
			/truckLeft, truckRight, panLeft/,
		);
	});

	test('an option the model does not take', async () => {
		await expectRejected(
			[generate({ provider: 'minimax', mode: 'firstLastFrame', model: 'MiniMax-Hailuo-02', prompt: 'x', firstFrameUrl: imageUrl, lastFrameUrl: imageUrl, options: { fastPretreatment: true } })],
			undefined,
			/Fast Pretreatment is not supported by Hailuo 02/,
		);
		await expectRejected(
			[generate({ provider: 'apiInOne', mode: 'imageToVideo', model: 'hailuo/2-3-image-to-video-pro', prompt: 'x', firstFrameUrl: imageUrl, options: { promptOptimizer: false } })],
			undefined,
			/Prompt Optimizer is not supported/,
		);
	});


	test('an image URL that is not http(s) or an image data URL', async () => {
		await expectRejected(
			[generate({ provider: 'minimax', mode: 'imageToVideo', model: 'MiniMax-Hailuo-2.3', firstFrameUrl: 'ftp://example.com/a.jpg' })],
			undefined,
			/First Frame Image must be an http\(s\) URL or an image data URL/,
		);
		await expectRejected(
			[generate({ provider: 'minimax', mode: 'imageToVideo', model: 'MiniMax-Hailuo-2.3', firstFrameUrl: 'data:image/gif;base64,R0lGOD' })],
			undefined,
			/data URL of a type Hailuo does not take/,
		);
	});

	test.each([
		['too-small.png', /short side must be over 300 px/],
		['too-wide.png', /aspect ratio must be between 2:5 and 5:2/],
		['not-an-image.gif', /is a GIF image; Hailuo takes JPG\/JPEG, PNG or WebP/],
	])('a binary image %s', async (file, message) => {
		await expectRejected(
			[generate({ provider: 'minimax', mode: 'imageToVideo', model: 'MiniMax-Hailuo-2.3', firstFrameSource: 'binary', firstFrameBinaryProperty: 'data' })],
			[imageItem(file)],
			message,
		);
	});

	test.each([
		['atlasCloud', 'minimax/hailuo-2.3/i2v-standard', 'JPG/JPEG or PNG'],
		['waveSpeed', 'minimax/hailuo-2.3/i2v-standard', 'JPG/JPEG or PNG'],
		['fal', 'fal-ai/minimax/hailuo-2.3/standard/image-to-video', 'JPG/JPEG, PNG or WebP'],
	])("a GIF at %s names the formats that provider takes", async (provider, model, formats) => {
		await expectRejected(
			[generate({ provider, mode: 'imageToVideo', model, prompt: 'Waves', firstFrameSource: 'binary', firstFrameBinaryProperty: 'data' })],
			[imageItem('not-an-image.gif')],
			new RegExp(`is a GIF image; Hailuo takes ${formats.replace(/\//g, '\\/')}$`),
		);
	});

	test('a missing binary field, naming the fields the item has', async () => {
		await expectRejected(
			[generate({ provider: 'minimax', mode: 'imageToVideo', model: 'MiniMax-Hailuo-2.3', firstFrameSource: 'binary', firstFrameBinaryProperty: 'photo' })],
			[imageItem('sample.jpg', {}, 'image')],
			/First Frame Image: the input item has no binary field "photo"/,
			/Binary fields on this item: image/,
		);
	});

	test('one bad item in a batch stops the batch before any item is submitted', async () => {
		const result = await run(ref.emulator, [
			generate({ provider: 'minimax', mode: 'textToVideo', model: 'MiniMax-Hailuo-2.3', prompt: '={{ $json.prompt }}' }),
		], { items: [{ json: { prompt: 'fine' } }, { json: { prompt: 'also fine' } }, { json: { prompt: '' } }] });
		expect(result.status).toBe('error');
		expect(result.nodeError('Generate').message).toMatch(/Prompt is required/);
		expect(ref.emulator.providerRequests()).toHaveLength(0);
	});
});

describe('Upload refuses before any network call', () => {
	test('an image that breaks a limit', async () => {
		await expectRejected([upload({ provider: 'atlasCloud' })], [imageItem('too-small.png')], /Image \(binary field "data"\) is 200×200 px/);
	});
});

describe('provider image formats', () => {
	test('Atlas Cloud takes no WebP: refused before upload or create', async () => {
		const { generate: gen } = require('../helpers');
		await expectRejected(
			[gen({ provider: 'atlasCloud', mode: 'imageToVideo', model: 'minimax/hailuo-2.3/i2v-standard', prompt: 'x', firstFrameSource: 'binary', firstFrameBinaryProperty: 'data' })],
			[imageItem('sample.webp')],
			/is WEBP; Atlas Cloud takes JPG\/JPEG, PNG/,
		);
	});

	test('MiniMax takes WebP', async () => {
		const result = await run(ref.emulator, [
			generate({ provider: 'minimax', mode: 'imageToVideo', model: 'MiniMax-Hailuo-2.3', prompt: 'x', firstFrameSource: 'binary', firstFrameBinaryProperty: 'data' }),
		], { items: [imageItem('sample.webp')] });
		expect(result.status).toBe('success');
	});
});

describe('expressions that give nothing', () => {
	test('a prompt expression resolving to nothing is an empty prompt, not the text "undefined"', async () => {
		const { generate: gen } = require('../helpers');
		await expectRejected(
			[gen({ provider: 'apiInOne', mode: 'imageToVideo', model: 'hailuo/2-3-image-to-video-standard', prompt: '={{ $json.missing }}', firstFrameUrl: imageUrl })],
			[{ json: {} }],
			/Prompt is required for Image to Video on API in One/,
		);
	});

	test('an image URL expression resolving to nothing says so', async () => {
		const { generate: gen } = require('../helpers');
		await expectRejected(
			[gen({ provider: 'minimax', mode: 'imageToVideo', model: 'MiniMax-Hailuo-2.3', firstFrameUrl: '={{ $json.body.imageUrl }}' })],
			[{ json: { body: {} } }],
			/First Frame Image URL is empty \(if it is an expression, it gave nothing for this item\)/,
		);
	});
});

describe('Custom Model ID (a model a host added after this node was released)', () => {
	const custom = (extra = {}) =>
		generate({ provider: 'replicate', mode: 'imageToVideo', model: '__customModelId', customModelId: 'minimax/hailuo-2.5', prompt: 'Waves', firstFrameSource: 'url', firstFrameUrl: `${ref.emulator.url}/assets/sample.jpg`, duration: 10, resolution: '1080P', ...extra });

	test('is sent as given, any duration at any resolution: only the universal checks', async () => {
		const result = await run(ref.emulator, [custom()]);
		// The emulator knows no such model: what matters is what was sent, and what the item says.
		const [create] = ref.emulator.providerRequests('replicate').filter((r) => r.method === 'POST');
		expect(create.path).toBe('/replicate/v1/models/minimax/hailuo-2.5/predictions');
		expect(create.body.input).toEqual(expect.objectContaining({ prompt: 'Waves', duration: 10, resolution: '1080p' }));
		expect(result.status).toBe('error'); // the emulator answers 404 for a model it does not serve
	});

	test('the task item carries the notice and an unknown price', async () => {
		const result = await run(ref.emulator, [custom({ customModelId: 'minimax/hailuo-02', duration: 6, resolution: '768P' })]);
		expect(result.status).toBe('success');
		expect(result.output('Generate')[0].json).toEqual(
			expect.objectContaining({
				model: 'minimax/hailuo-02',
				notice: 'Custom model minimax/hailuo-02: sent as given; its modes, durations, resolutions, options and price were not checked by this node',
				estimatedCost: expect.objectContaining({ amount: null }),
			}),
		);
	});

	test('an empty Custom Model ID is refused, naming the field', async () => {
		await expectRejected([custom({ customModelId: '' })], undefined, /^Custom Model ID is empty$/, /Replicate's documentation/);
	});

	test('the prompt and images are still checked', async () => {
		await expectRejected([custom({ prompt: 'x'.repeat(2001) })], undefined, /Prompt is 2001 characters long/);
		await expectRejected([custom({ firstFrameSource: 'binary', firstFrameBinaryProperty: 'data' })], [imageItem('too-small.png')], /First Frame Image/);
	});
});
