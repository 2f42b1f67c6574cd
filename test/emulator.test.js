// Smoke test of the provider emulator: each provider's happy path over real HTTP, plus a few knobs.
'use strict';

const crypto = require('node:crypto');
const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');

const { startEmulator } = require('./emulator');

const fixture = (name) => fs.readFileSync(path.join(__dirname, 'fixtures', name));
const dataUrl = (name, mime) => `data:${mime};base64,${fixture(name).toString('base64')}`;

let emu;

beforeAll(async () => {
	emu = await startEmulator({ port: 0, host: '127.0.0.1', taskDurationMs: 150 });
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());

async function call(url, { method = 'GET', key, scheme = 'Bearer', body, headers = {} } = {}) {
	const init = { method, headers: { ...headers } };
	if (key) init.headers.authorization = `${scheme} ${key}`;
	if (body instanceof FormData) init.body = body;
	else if (body !== undefined) {
		init.headers['content-type'] = 'application/json';
		init.body = JSON.stringify(body);
	}
	const response = await fetch(url, init);
	const text = await response.text();
	let json;
	try {
		json = JSON.parse(text);
	} catch {
		json = undefined;
	}
	return { status: response.status, headers: response.headers, text, json };
}

/** Polls `fn` until `done(result)`; returns the last result and every status word seen. */
async function poll(fn, done, wordOf, timeoutMs = 3000) {
	const words = [];
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const result = await fn();
		const word = wordOf(result);
		if (words[words.length - 1] !== word) words.push(word);
		if (done(result)) return { result, words };
		if (Date.now() > deadline) throw new Error(`timed out; statuses seen: ${words.join(', ')}`);
		await new Promise((r) => setTimeout(r, 20));
	}
}

async function expectVideo(url) {
	const response = await fetch(url);
	expect(response.status).toBe(200);
	expect(response.headers.get('content-type')).toBe('video/mp4');
	expect(Number(response.headers.get('content-length'))).toBe(emu.videoBytes.length);
	expect(Buffer.from(await response.arrayBuffer()).equals(emu.videoBytes)).toBe(true);
}

describe('MiniMax', () => {
	const base = () => emu.baseUrls.minimax;
	const key = () => emu.apiKeys.minimax;

	test('credential test and auth errors', async () => {
		const ok = await call(`${base()}/v1/files/list?purpose=video_generation`, { key: key() });
		expect(ok.json).toEqual({ files: [], base_resp: { status_code: 0, status_msg: 'success' } });
		const wrong = await call(`${base()}/v1/files/list`, { key: 'sk-api-other' });
		expect([wrong.status, wrong.json.base_resp.status_code]).toEqual([200, 1004]);
		const foreign = await call(`${base()}/v1/files/list`, { key: 'garbage' });
		expect(foreign.json.base_resp.status_code).toBe(2049);
	});

	test('image-to-video happy path: query, retrieve (int64 file_id), download', async () => {
		const created = await call(`${base()}/v1/video_generation`, {
			method: 'POST',
			key: key(),
			body: {
				model: 'MiniMax-Hailuo-2.3',
				first_frame_image: dataUrl('sample.png', 'image/png'),
				prompt: 'a cat [Pan left]',
			},
		});
		expect(created.json.base_resp.status_code).toBe(0);
		const taskId = created.json.task_id;
		expect(taskId).toMatch(/^\d{15}$/);

		const { result, words } = await poll(
			() => call(`${base()}/v1/query/video_generation?task_id=${taskId}`, { key: key() }),
			(r) => r.json.status === 'Success',
			(r) => r.json.status,
		);
		expect(words).toContain('Processing');
		expect(result.json).toMatchObject({ video_width: 1366, video_height: 768 });
		expect(typeof result.json.file_id).toBe('string');

		const retrieved = await call(`${base()}/v1/files/retrieve?file_id=${result.json.file_id}`, { key: key() });
		expect(retrieved.text).toMatch(new RegExp(`"file_id":${result.json.file_id}[,}]`));
		await expectVideo(retrieved.json.file.download_url);
		expect(emu.providerRequests('minimax').map((r) => r.route)).toContain('/v1/files/retrieve');
	});

	test('validation and markers', async () => {
		const create = (body) => call(`${base()}/v1/video_generation`, { method: 'POST', key: key(), body });
		const tenAt1080 = await create({ model: 'MiniMax-Hailuo-2.3', prompt: 'x', duration: 10, resolution: '1080P' });
		expect(tenAt1080.json.base_resp).toMatchObject({ status_code: 2013 });
		const lastFrame = await create({
			model: 'MiniMax-Hailuo-2.3',
			first_frame_image: 'https://x/a.png',
			last_frame_image: 'https://x/b.png',
		});
		expect(lastFrame.json.base_resp.status_code).toBe(2013);
		const small = await create({ model: 'MiniMax-Hailuo-02', first_frame_image: `${emu.url}/assets/too-small.png` });
		expect(small.json.base_resp.status_msg).toMatch(/short side/);
		const rejected = await create({ model: 'MiniMax-Hailuo-2.3', prompt: 'x @reject:1008' });
		expect(rejected.json.base_resp.status_code).toBe(1008);

		emu.configure({ variants: { minimax: { failWord: 'Failed' } } });
		const failing = await create({
			model: 'MiniMax-Hailuo-02',
			prompt: 'x @fail:1027 @duration:30',
			resolution: '1080P',
		});
		await new Promise((r) => setTimeout(r, 60));
		const query = await call(`${base()}/v1/query/video_generation?task_id=${failing.json.task_id}`, { key: key() });
		expect(query.json).toMatchObject({ status: 'Failed', base_resp: { status_code: 1027 } });
	});

	test('callback: challenge echo, then status posts', async () => {
		const received = [];
		const receiver = http.createServer((req, res) => {
			let body = '';
			req.on('data', (c) => (body += c));
			req.on('end', () => {
				const json = JSON.parse(body);
				received.push(json);
				res.setHeader('content-type', 'application/json');
				res.end(JSON.stringify(json.challenge ? { challenge: json.challenge } : { ok: true }));
			});
		});
		await new Promise((r) => receiver.listen(0, '127.0.0.1', r));
		try {
			const callbackUrl = `http://127.0.0.1:${receiver.address().port}/hook`;
			await call(`${base()}/v1/video_generation`, {
				method: 'POST',
				key: key(),
				body: { model: 'MiniMax-Hailuo-2.3', prompt: 'x', callback_url: callbackUrl },
			});
			await poll(
				async () => received.length,
				(n) => n >= 3,
				String,
			);
			expect(received[0]).toHaveProperty('challenge');
			expect(received.slice(1).map((b) => b.status)).toEqual(['processing', 'success']);
		} finally {
			receiver.close();
		}
	});
});

describe('Atlas Cloud', () => {
	const base = () => emu.baseUrls.atlasCloud;
	const key = () => emu.apiKeys.atlasCloud;

	test('upload, generate, poll, download', async () => {
		expect((await call(`${base()}/v1/models`, { key: key() })).status).toBe(200);
		expect((await call(`${base()}/v1/models`, { key: 'bad' })).status).toBe(401);

		const form = new FormData();
		form.append('file', new Blob([fixture('sample.jpg')], { type: 'image/jpeg' }), 'sample.jpg');
		const upload = await call(`${base()}/api/v1/model/uploadMedia`, { method: 'POST', key: key(), body: form });
		const imageUrl = upload.json.data.download_url;
		const served = await fetch(imageUrl);
		expect(served.headers.get('content-type')).toBe('image/jpeg');
		expect(Buffer.from(await served.arrayBuffer()).equals(fixture('sample.jpg'))).toBe(true);
		expect(emu.requests.find((r) => r.route === '/api/v1/model/uploadMedia').body.multipart.files[0]).toMatchObject({
			name: 'file',
			filename: 'sample.jpg',
			size: fixture('sample.jpg').length,
		});

		const created = await call(`${base()}/api/v1/model/generateVideo`, {
			method: 'POST',
			key: key(),
			body: {
				model: 'minimax/hailuo-2.3/i2v-standard',
				image: imageUrl,
				prompt: 'p',
				duration: 10,
				enable_prompt_expansion: false,
			},
		});
		expect(created.json).toMatchObject({ code: 200, data: { status: 'created' } });
		const { result, words } = await poll(
			() => call(`${base()}/api/v1/model/prediction/${created.json.data.id}`, { key: key() }),
			(r) => r.json.data.status === 'completed',
			(r) => r.json.data.status,
		);
		expect(words).toEqual(['created', 'processing', 'completed']);
		await expectVideo(result.json.data.outputs[0]);
	});

	test('variants and errors', async () => {
		emu.configure({
			variants: {
				atlasCloud: { envelope: 'bare', idField: 'prediction_id', successWord: 'succeeded', outputField: 'output' },
			},
		});
		const created = await call(`${base()}/api/v1/model/generateVideo`, {
			method: 'POST',
			key: key(),
			body: { model: 'minimax/hailuo-02/t2v-pro', prompt: 'p @duration:0' },
		});
		const done = await call(`${base()}/api/v1/model/prediction/${created.json.prediction_id}`, { key: key() });
		expect(done.json).toMatchObject({ status: 'succeeded', output: expect.stringMatching(/\.mp4$/) });

		emu.configure({ failNext: { create: { code: 402 } } });
		const broke = await call(`${base()}/api/v1/model/generateVideo`, { method: 'POST', key: key(), body: {} });
		expect([broke.status, broke.json.code, broke.json.data]).toEqual([402, 402, null]);
		const webp = await call(`${base()}/api/v1/model/generateVideo`, {
			method: 'POST',
			key: key(),
			body: { model: 'minimax/hailuo-2.3/fast', image: dataUrl('sample.webp', 'image/webp') },
		});
		expect(webp.status).toBe(400);
		expect((await call(`${base()}/api/v1/wrong/path`, { key: key() })).status).toBe(401);
	});

	test('signed webhook at the terminal state', async () => {
		const received = [];
		const receiver = http.createServer((req, res) => {
			let body = '';
			req.on('data', (c) => (body += c));
			req.on('end', () => {
				received.push({ headers: req.headers, body });
				res.end('ok');
			});
		});
		await new Promise((r) => receiver.listen(0, '127.0.0.1', r));
		try {
			await call(`${base()}/api/v1/model/generateVideo`, {
				method: 'POST',
				key: key(),
				body: {
					model: 'minimax/hailuo-2.3/t2v-standard',
					prompt: 'p @duration:20',
					webhook_url: `http://127.0.0.1:${receiver.address().port}/`,
				},
			});
			await poll(
				async () => received.length,
				(n) => n >= 1,
				String,
			);
			const [{ headers, body }] = received;
			const jwks = await call(`${base()}/api/v1/webhooks/jwks.json`);
			const publicKey = crypto.createPublicKey({ key: jwks.json.keys[0], format: 'jwk' });
			const signed = Buffer.from(`${headers['x-atlascloud-webhook-timestamp']}.${body}`);
			const signature = Buffer.from(headers['x-atlascloud-webhook-signature-ed25519'], 'base64url');
			expect(crypto.verify(null, signed, publicKey, signature)).toBe(true);
			expect(JSON.parse(body)).toMatchObject({ status: 'OK', payload: { status: 'completed' } });
		} finally {
			receiver.close();
		}
	});
});

describe('SeaArt', () => {
	const base = () => emu.baseUrls.seaArt;
	const key = () => emu.apiKeys.seaArt;
	const queue = (model) => `${base()}/model/v1/queue/${model}`;

	test('credential check: 401 with a bad key, 404 for an unknown request with a good one', async () => {
		const url = `${queue('minimax_hailuo_23_i2v')}/requests/n8n-credential-check/status`;
		const bad = await call(url, { key: 'nope', scheme: 'Key' });
		expect([bad.status, bad.json.error.code]).toEqual([401, 'UNAUTHORIZED']);
		expect((await call(url, { key: key(), scheme: 'Key' })).status).toBe(404);
	});

	test('submit, status, 202 response while running, result', async () => {
		const submitted = await call(queue('minimax_hailuo_02_i2v'), {
			method: 'POST',
			key: key(),
			scheme: 'Key',
			body: {
				first_frame_image: `${emu.url}/assets/sample.jpg`,
				prompt: '猫 [左移]',
				duration: 10,
				resolution: '512P',
			},
		});
		expect(submitted.json).toMatchObject({ request_id: expect.stringMatching(/^mmsu_/), queue_position: 0 });
		const early = await call(submitted.json.response_url, { key: key() });
		expect(early.status).toBe(202);
		const { words } = await poll(
			() => call(submitted.json.status_url, { key: key() }),
			(r) => r.json.status === 'COMPLETED',
			(r) => r.json.status,
		);
		expect(words).toEqual(['IN_QUEUE', 'IN_PROGRESS', 'COMPLETED']);
		const result = await call(submitted.json.response_url, { key: key() });
		expect(result.json.outputs[0]).toMatchObject({ type: 'video', content_type: 'video/mp4', duration: 10 });
		await expectVideo(result.json.outputs[0].url);
	});

	test('failures: @fail marker, invalid input, unknown app, cancel', async () => {
		const submit = (model, body) => call(queue(model), { method: 'POST', key: key(), body });
		const blocked = await submit('minimax_hailuo_23_t2v', { prompt: 'x @fail:CONTENT_BLOCKED @duration:0' });
		const status = await call(blocked.json.status_url, { key: key() });
		expect(status.json).toMatchObject({ status: 'COMPLETED', error_type: 'CONTENT_BLOCKED' });

		emu.configure({ variants: { seaArt: { acceptDataUrl: false } } });
		const invalid = await submit('minimax_hailuo_23_i2v', { first_frame_image: dataUrl('sample.png', 'image/png') });
		expect((await call(invalid.json.status_url, { key: key() })).json.error_type).toBe('REQUEST_INVALID');

		expect((await submit('minimax_hailuo_99', { prompt: 'x' })).json.detail).toMatch(/App not found/);

		const endless = await submit('minimax_hailuo_23_t2v', { prompt: 'x @never' });
		expect((await call(endless.json.cancel_url, { method: 'PUT', key: key() })).status).toBe(202);
		expect((await call(endless.json.status_url, { key: key() })).json.error_type).toBe('CANCELED');
	});
});

describe('API in One', () => {
	const base = () => emu.baseUrls.apiInOne;
	const key = () => emu.apiKeys.apiInOne;
	const body = { model: 'hailuo/2-3-image-to-video-standard', prompt: 'p', duration: '10', resolution: '768P' };

	test('create, poll, download; 401 vs 404', async () => {
		expect((await call(`${base()}/tasks/n8n-credential-check`, { key: 'bad' })).status).toBe(401);
		expect((await call(`${base()}/tasks/n8n-credential-check`, { key: key() })).status).toBe(404);

		const created = await call(`${base()}/videos/generations`, {
			method: 'POST',
			key: key(),
			body: { ...body, image: `${emu.url}/assets/sample.png` },
		});
		expect(created.json).toMatchObject({ status: 'pending' });
		const { result, words } = await poll(
			() => call(`${base()}/tasks/${created.json.id}`, { key: key() }),
			(r) => r.json.status === 'completed',
			(r) => r.json.status,
		);
		expect(words).toEqual(['pending', 'processing', 'completed']);
		await expectVideo(result.json.output.video_url);

		const numeric = await call(`${base()}/videos/generations`, {
			method: 'POST',
			key: key(),
			body: { ...body, image: 'https://x/a.png', duration: 6 },
		});
		expect(numeric.status).toBe(400);
	});

	test('wrapped shape', async () => {
		emu.configure({ variants: { apiInOne: { shape: 'wrapped' } } });
		const created = await call(`${base()}/videos/generations`, {
			method: 'POST',
			key: key(),
			body: { ...body, image: 'https://x/a.png', prompt: 'p @duration:0' },
		});
		const task = await call(`${base()}/tasks/${created.json.data.task_id}`, { key: key() });
		expect(task.json).toMatchObject({
			code: 200,
			data: { status: 'completed', output: { video_url: expect.any(String) } },
		});
	});
});

describe('knobs and control endpoints', () => {
	test('failNext: retry-after, malformed, drop; consumed once', async () => {
		const url = `${emu.baseUrls.apiInOne}/tasks/x`;
		const key = emu.apiKeys.apiInOne;
		await call(`${emu.url}/__emulator/config`, {
			method: 'POST',
			body: { failNext: { status: { httpStatus: 429, retryAfter: 3 } } },
		});
		const limited = await call(url, { key });
		expect([limited.status, limited.headers.get('retry-after')]).toEqual([429, '3']);
		expect((await call(url, { key })).status).toBe(404);

		emu.configure({ failNext: { status: { malformed: true } } });
		const malformed = await call(url, { key });
		expect([malformed.status, malformed.json]).toEqual([200, undefined]);

		emu.configure({ failNext: { status: { drop: true } } });
		await expect(fetch(url, { headers: { authorization: `Bearer ${key}` } })).rejects.toThrow();
	});

	test('MiniMax business-code fault and videoSizeBytes padding', async () => {
		emu.configure({ failNext: { create: { code: 1002 } }, videoSizeBytes: 3_000_000 });
		const base = emu.baseUrls.minimax;
		const limited = await call(`${base}/v1/video_generation`, { method: 'POST', key: emu.apiKeys.minimax, body: {} });
		expect([limited.status, limited.json.base_resp.status_code]).toEqual([200, 1002]);

		const created = await call(`${base}/v1/video_generation`, {
			method: 'POST',
			key: emu.apiKeys.minimax,
			body: { model: 'MiniMax-Hailuo-02', prompt: 'x @duration:0', resolution: '1080P' },
		});
		const response = await fetch(`${emu.url}/files/minimax/${created.json.task_id}.mp4`);
		const bytes = Buffer.from(await response.arrayBuffer());
		expect(bytes.length).toBe(3_000_000);
		expect(bytes.subarray(0, emu.videoBytes.length).equals(emu.videoBytes)).toBe(true);
		expect(bytes.toString('latin1', emu.videoBytes.length + 4, emu.videoBytes.length + 8)).toBe('free');
	});

	test('health, requests, reset, assets, publish', async () => {
		expect((await call(`${emu.url}/__emulator/health`)).json).toMatchObject({ ok: true, baseUrls: emu.baseUrls });
		const png = await fetch(`${emu.url}/assets/sample.png`);
		expect(png.headers.get('content-type')).toBe('image/png');

		const form = new FormData();
		form.append('caption', 'hello');
		form.append('video', new Blob([emu.videoBytes], { type: 'video/mp4' }), 'video.mp4');
		const published = await call(`${emu.url}/publish`, { method: 'POST', body: form });
		expect(published.json).toMatchObject({ bytes: emu.videoBytes.length, caption: 'hello' });

		const log = (await call(`${emu.url}/__emulator/requests?kind=publish`)).json;
		expect(log).toHaveLength(1);
		await call(`${emu.url}/__emulator/reset`, { method: 'POST' });
		expect(emu.requests.filter((r) => r.kind !== 'control')).toHaveLength(0);
		expect((await call(`${emu.url}/__emulator/config`, { method: 'POST', body: { nope: 1 } })).status).toBe(400);
	});
});
