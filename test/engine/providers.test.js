// The main flows for every provider, through n8n's engine against the emulator.
'use strict';

const { PROVIDER_CASES, useEmulator, run, generate, wait, upload, imageItem, fixture, binaryBuffer } = require('../helpers');
const { providerById } = require('../registry');

const ref = useEmulator();

describe.each(Object.entries(PROVIDER_CASES))('%s', (provider, models) => {
	const creates = () => ref.emulator.providerRequests(provider).filter((r) => r.method === 'POST' && !/upload/i.test(r.path) && r.taskId);

	test('image to video from a URL, then Wait for Result returns the video URL', async () => {
		const imageUrl = `${ref.emulator.url}/assets/sample.jpg`;
		const result = await run(ref.emulator, [
			generate({ provider, mode: 'imageToVideo', model: models.i2v, prompt: 'The boat drifts', firstFrameSource: 'url', firstFrameUrl: imageUrl }),
			wait({ provider }),
		]);
		expect(result.status).toBe('success');
		const [item] = result.output('Wait');
		expect(item.json).toEqual(expect.objectContaining({ provider, model: models.i2v, status: 'succeeded', videoUrl: expect.stringMatching(/^http/) }));
		expect(item.json.timings).toEqual(expect.objectContaining({ submittedAt: expect.any(String), completedAt: expect.any(String), elapsedSeconds: expect.any(Number) }));
		const body = creates()[0].body;
		expect(JSON.stringify(body)).toContain(imageUrl);
	});

	test('image to video from a binary: sent as a data URL or uploaded first', async () => {
		const result = await run(ref.emulator, [
			generate({ provider, mode: 'imageToVideo', model: models.i2v, prompt: 'Waves roll in', firstFrameSource: 'binary', firstFrameBinaryProperty: 'data' }),
		], { items: [imageItem('sample.png')] });
		expect(result.status).toBe('success');
		const sent = JSON.stringify(creates()[0].body);
		if (providerById(provider).uploadFile) {
			// One request to the provider carried the image's bytes (a multipart file or a raw body).
			const image = { contentType: 'image/png', size: fixture('sample.png').length };
			const carriesImage = (r) => [...(r.body?.multipart?.files ?? []), r.body?.raw].some((part) => part?.contentType === image.contentType && part.size === image.size);
			expect(ref.emulator.providerRequests(provider).filter(carriesImage)).toHaveLength(1);
			expect(sent).not.toContain('data:image');
		} else {
			expect(sent).toContain(`data:image/png;base64,${fixture('sample.png').toString('base64')}`);
		}
	});

	test('Upload → Generate → Wait with download gives the MP4 as binary', async () => {
		const result = await run(ref.emulator, [
			upload({ provider, binaryPropertyName: 'data' }),
			generate({ provider, mode: 'imageToVideo', model: models.i2v, prompt: 'Leaves fall', firstFrameSource: 'url', firstFrameUrl: '={{ $json.url }}' }),
			wait({ provider, downloadVideo: true, binaryPropertyName: 'video' }),
		], { items: [imageItem('sample.jpg')] });
		expect(result.status).toBe('success');
		const [uploaded] = result.output('Upload');
		expect(uploaded.json).toEqual(expect.objectContaining({ provider, mimeType: 'image/jpeg', fileSize: fixture('sample.jpg').length, method: providerById(provider).uploadFile ? 'upload' : 'dataUrl' }));
		const [item] = result.output('Wait');
		expect(item.binary.video).toEqual(expect.objectContaining({ mimeType: 'video/mp4', fileName: `hailuo-${item.json.taskId}.mp4` }));
		expect(binaryBuffer(item, 'video').equals(ref.emulator.videoBytes)).toBe(true);
	});

	test('a bad API key fails with the provider named, and the key is not in the error', async () => {
		const { emulatorCredentials } = require('../helpers');
		const credentials = emulatorCredentials(ref.emulator);
		credentials[models.credential] = { ...credentials[models.credential], apiKey: 'sk-wrong-secret-key-123' };
		const result = await run(ref.emulator, [
			generate({ provider, mode: 'imageToVideo', model: models.i2v, prompt: 'x', firstFrameSource: 'url', firstFrameUrl: `${ref.emulator.url}/assets/sample.jpg` }),
		], { credentials });
		expect(result.status).toBe('error');
		const error = result.nodeError('Generate');
		expect(error.message).toMatch(new RegExp(providerById(provider).displayName));
		// The description says what to do and does not repeat the message.
		expect(error.description).toMatch(new RegExp(`Open the ${providerById(provider).displayName} credential and check the API key`));
		expect(error.description).not.toContain(error.message.replace(/^[^:]+: /, '').replace(/ \[.*\]$/, ''));
		expect(JSON.stringify(error)).not.toContain('sk-wrong-secret-key-123');
		expect(JSON.stringify(result.run)).not.toContain('sk-wrong-secret-key-123');
	});
});

// API in One offers image to video only.
describe.each(Object.entries(PROVIDER_CASES).filter(([, models]) => models.t2v))('%s', (provider, models) => {
	const creates = () => ref.emulator.providerRequests(provider).filter((r) => r.method === 'POST');

	test('text to video: Generate outputs a task handle that keeps the input fields', async () => {
		const result = await run(ref.emulator, [
			generate({ provider, mode: 'textToVideo', model: models.t2v, prompt: 'A red fox runs through snow', duration: 6 }),
		], { items: [{ json: { caption: 'Fox!' } }] });
		expect(result.status).toBe('success');
		const [item] = result.output('Generate');
		expect(item.json).toEqual(
			expect.objectContaining({ caption: 'Fox!', provider, model: models.t2v, mode: 'textToVideo', duration: 6, resolution: expect.any(String) }),
		);
		expect(item.json.taskId).toEqual(expect.any(String));
		expect(Date.parse(item.json.submittedAt)).not.toBeNaN();
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(creates()).toHaveLength(1);
		// Nothing waits for the task in this workflow: the output pane says how to get the video.
		const hints = result.run.data.resultData.runData.Generate[0].hints;
		expect(hints).toEqual([expect.objectContaining({ message: expect.stringMatching(/connect Hailuo Wait for Result/) })]);
	});
});

test('MiniMax subject reference: a face image (binary) and a prompt make an S2V-01 video', async () => {
	const result = await run(ref.emulator, [
		generate({ provider: 'minimax', mode: 'subjectReference', model: 'S2V-01', prompt: 'The person smiles and waves', subjectSource: 'binary', subjectBinaryProperty: 'data', duration: 6 }),
		wait({ provider: 'minimax' }),
	], { items: [imageItem('sample.jpg')] });
	expect(result.status).toBe('success');
	expect(result.output('Wait')[0].json).toEqual(expect.objectContaining({ mode: 'subjectReference', model: 'S2V-01', status: 'succeeded' }));
	const [create] = ref.emulator.providerRequests('minimax').filter((r) => r.taskId);
	expect(create.body.subject_reference[0].image[0]).toMatch(/^data:image\/jpeg;base64,/);
	expect(create.body).not.toHaveProperty('duration');
});

test('MiniMax subject reference without a prompt is refused before any call', async () => {
	const result = await run(ref.emulator, [generate({ provider: 'minimax', mode: 'subjectReference', model: 'S2V-01', prompt: '', subjectUrl: `${ref.emulator.url}/assets/sample.jpg`, duration: 6 })]);
	expect(result.nodeError('Generate').message).toBe('Prompt is required for Subject Reference on MiniMax');
	expect(ref.emulator.providerRequests('minimax')).toHaveLength(0);
});
