// Hailuo 3: every combination rule of MiniMax's Video Generation V2 (https://platform.minimax.io/docs/api-reference/video-generation-v2-create)
// is refused before any request reaches a provider, naming the field and what it takes.
'use strict';

const { useEmulator, run, generate } = require('../helpers');
const { binary } = require('../harness/workflows');
const { mp4, wav } = require('../mediaFiles');

const ref = useEmulator();

const imageUrl = 'https://example.com/photo.jpg';
const h3 = (parameters) => generate({ provider: 'minimax', model: 'MiniMax-H3', prompt: 'A fox runs', durationSeconds: 6, ...parameters });
const max = (parameters) => h3({ model: 'MiniMax-H3-Max', ...parameters });
const refs = (parameters) => h3({ mode: 'references', referenceSource: 'url', ...parameters });
const urls = (kind, count) => Array.from({ length: count }, (_, i) => `https://example.com/${kind}-${i + 1}`).join(', ');

async function expectRejected(node, message, { description, items } = {}) {
	const result = await run(ref.emulator, [node], { items });
	expect(result.status).toBe('error');
	const error = result.nodeError(node.name);
	expect(error.message).toMatch(message);
	if (description) expect(error.description).toMatch(description);
	expect(ref.emulator.providerRequests()).toHaveLength(0);
}

describe('Hailuo 3 durations, resolutions and ratios', () => {
	test.each([
		['H3 below 4 s', h3({ mode: 'imageToVideo', firstFrameUrl: imageUrl, durationSeconds: 3 }), /cannot render 3 s at 768P/, /768P: 4–15 s; 2K: 4–15 s/],
		['H3 over 15 s', h3({ mode: 'imageToVideo', firstFrameUrl: imageUrl, durationSeconds: 16 }), /cannot render 16 s at 768P/, /4–15 s/],
		['H3-Max at 4 s', max({ mode: 'imageToVideo', firstFrameUrl: imageUrl, durationSeconds: 4 }), /Hailuo 3 Max \(MiniMax-H3-Max\) cannot render 4 s/, /480P: 5–15 s; 768P: 5–15 s/],
		['2K on H3-Max', max({ mode: 'imageToVideo', firstFrameUrl: imageUrl, resolution: '2K' }), /cannot render 6 s at 2K/, /480P: 5–15 s/],
		['480P on H3', h3({ mode: 'imageToVideo', firstFrameUrl: imageUrl, resolution: '480P' }), /cannot render 6 s at 480P/, /768P: 4–15 s; 2K/],
	])('%s', async (_, node, message, description) => {
		await expectRejected(node, message, { description });
	});

	test('a duration that is not whole seconds', async () => {
		await expectRejected(h3({ mode: 'imageToVideo', firstFrameUrl: imageUrl, durationSeconds: 6.5 }), /Duration \(Seconds\) must be a whole number of seconds \(4–15 for Hailuo 3\), got 6.5/);
	});

	test('text to video needs a concrete aspect ratio', async () => {
		await expectRejected(h3({ mode: 'textToVideo', aspectRatio: 'adaptive' }), /Aspect Ratio "adaptive" is not taken by Hailuo 3 for Text to Video/, {
			description: /Allowed: 21:9, 16:9, 4:3, 1:1, 3:4, 9:16\. Text to video has no image to adapt to/,
		});
	});

	test('an aspect ratio that is not one of the six', async () => {
		await expectRejected(refs({ referenceImageUrls: imageUrl, aspectRatio: '2:1' }), /Aspect Ratio "2:1" is not taken by Hailuo 3 for References/, { description: /Allowed: adaptive, 21:9/ });
	});
});

describe('Hailuo 3 prompts and options', () => {
	test('every mode needs a prompt (MiniMax refuses a request without text)', async () => {
		await expectRejected(h3({ mode: 'imageToVideo', firstFrameUrl: imageUrl, prompt: '' }), /Prompt is required for Image to Video on MiniMax with Hailuo 3/);
	});

	test('a prompt over 7000 characters', async () => {
		await expectRejected(h3({ mode: 'textToVideo', prompt: 'a'.repeat(7001) }), /Prompt is 7001 characters long; the limit is 7000 for Hailuo 3/);
	});

	test('Prompt Expansion is H3-Max only', async () => {
		await expectRejected(h3({ mode: 'textToVideo', options: { promptExpansion: 'quality' } }), /Prompt Expansion is not supported by Hailuo 3 \(MiniMax-H3\) on MiniMax/);
	});

	test('Silent Video is not taken by Hailuo 2.3', async () => {
		await expectRejected(h3({ model: 'MiniMax-Hailuo-2.3', mode: 'textToVideo', duration: 6, options: { silentVideo: true } }), /Silent Video is not supported by Hailuo 2.3/);
	});

});

describe('Hailuo 3 references', () => {
	test('at least one image or video', async () => {
		await expectRejected(refs({}), /References mode needs at least one reference image or video/);
	});

	test('audio never alone', async () => {
		await expectRejected(refs({ referenceAudioUrls: urls('audio', 1) }), /Reference Audio cannot be used alone/, { description: /Add a reference image or video/ });
	});

	test.each([
		['images', { referenceImageUrls: urls('image', 10) }, /Reference Images: 10 given; MiniMax takes at most 9/],
		['videos', { referenceVideoUrls: urls('video', 4) }, /Reference Videos: 4 given; MiniMax takes at most 3/],
		['audio clips', { referenceImageUrls: imageUrl, referenceAudioUrls: urls('audio', 4) }, /Reference Audio: 4 given; MiniMax takes at most 3/],
	])('at most the documented number of %s', async (_, parameters, message) => {
		await expectRejected(refs(parameters), message);
	});

	test('at most 12 files in all', async () => {
		await expectRejected(refs({ referenceImageUrls: urls('image', 9), referenceVideoUrls: urls('video', 3), referenceAudioUrls: urls('audio', 1) }), /References: 13 files given; at most 12 in all/);
	});

	test('a reference that is not a URL, or a data URL of another kind', async () => {
		await expectRejected(refs({ referenceImageUrls: 'photo.jpg' }), /Reference Images URL 1 must be an http\(s\) URL or a data URL, got "photo.jpg"/);
		await expectRejected(refs({ referenceVideoUrls: 'data:image/png;base64,AAAA' }), /Reference Videos URL 1 is not a base64 data URL of a video file/);
	});

	test('data URLs hold commas: a list splits only before a URL scheme', async () => {
		// Ten entries, one of them a data URL with a comma inside: counted as ten, not eleven.
		await expectRejected(refs({ referenceImageUrls: `data:image/png;base64,AAAA, ${urls('image', 9)}` }), /Reference Images: 10 given/);
	});

	test('binary clips: the format, each clip 2–15 s, each kind 15 s together', async () => {
		const item = (files) => [{ json: {}, binary: Object.fromEntries(Object.entries(files).map(([name, [data, mime]]) => [name, binary(data, mime, name)])) }];
		const binaryRefs = (parameters) => refs({ referenceSource: 'binary', ...parameters });
		await expectRejected(binaryRefs({ referenceVideoFields: 'clip' }), /Reference Videos binary field 1 \(binary field "clip"\) is not an MP4 or MOV file/, {
			items: item({ clip: [wav(3), 'video/mp4'] }),
		});
		await expectRejected(binaryRefs({ referenceVideoFields: 'clip' }), /Reference Videos binary field 1 runs 1.5 s; each clip must run 2–15 s/, { items: item({ clip: [mp4(1.5), 'video/mp4'] }) });
		await expectRejected(binaryRefs({ referenceVideoFields: 'a, b' }), /Reference Videos run 16.0 s together; at most 15 s/, {
			items: item({ a: [mp4(8), 'video/mp4'], b: [mp4(8), 'video/mp4'] }),
		});
		await expectRejected(binaryRefs({ referenceVideoFields: 'a', referenceAudioFields: 'x, y' }), /Reference Audio run 16.0 s together; at most 15 s/, {
			items: item({ a: [mp4(5), 'video/mp4'], x: [wav(8), 'audio/wav'], y: [wav(8), 'audio/wav'] }),
		});
		await expectRejected(binaryRefs({ referenceVideoFields: 'missing' }), /Reference Videos binary field 1: the input item has no binary field "missing"/, { items: item({ a: [mp4(5), 'video/mp4'] }) });
	});
});
