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

describe('MiniMax Video Generation V2 (Hailuo 3)', () => {
	const base = () => emu.baseUrls.minimax;
	const key = () => emu.apiKeys.minimax;
	const T2V = { model: 'MiniMax-H3', content: [{ type: 'text', text: 'a lighthouse' }], resolution: '768P', duration: 6, ratio: '16:9' };
	const create = (body, options = {}) => call(`${base()}/v2/video_generation`, { method: 'POST', key: key(), body, ...options });
	const query = (id) => call(`${base()}/v2/query/video_generation/${id}`, { key: key() });
	const remove = (id) => call(`${base()}/v2/video_generation/${id}`, { method: 'DELETE', key: key() });
	const invalid = (detail) => ({ status: 400, type: 'bad_request_error', message: expect.stringMatching(new RegExp(`^invalid params, .*${detail}.* \\(2013\\)$`)) });
	const errorOf = (r) => ({ status: r.status, type: r.json.error.type, message: r.json.error.message });

	test('happy path: a string task id, queued → running → succeeded with content.url and usage', async () => {
		const image = { type: 'image_url', image_url: { url: `${emu.url}/assets/sample.png` }, role: 'first_frame' };
		const created = await create({ ...T2V, content: [...T2V.content, image], ratio: 'adaptive' });
		expect(created.json).toEqual({ task_id: expect.stringMatching(/^\d{15}$/) });
		const { result, words } = await poll(() => query(created.json.task_id), (r) => r.json.task.status === 'succeeded', (r) => r.json.task.status);
		expect(words).toEqual(['queued', 'running', 'succeeded']);
		expect(result.json.task).toMatchObject({ id: created.json.task_id, model: 'MiniMax-H3', resolution: '768P', duration: 6, usage: { output_seconds: 6, input_image_count: 1 }, task_type: 'generation' });
		await expectVideo(result.json.task.content.url);
	});

	test.each([
		['no text item', { content: [] }, 'non-empty text'],
		['a V1 field', { prompt: 'x' }, 'unknown field prompt'],
		['text to video without a ratio', { ratio: undefined }, 'ratio is required'],
		['text to video with ratio adaptive', { ratio: 'adaptive' }, 'ratio is required'],
		['2K on H3-Max', { model: 'MiniMax-H3-Max', resolution: '2K' }, 'resolution'],
		['4 s on H3-Max', { model: 'MiniMax-H3-Max', resolution: '480P', duration: 4 }, 'duration'],
		['extra on H3', { extra: { prompt_expansion_mode: 'quality' } }, 'extra'],
		['an unknown prompt expansion mode', { model: 'MiniMax-H3-Max', extra: { prompt_expansion_mode: 'balance' } }, 'prompt_expansion_mode'],
		['a frame with a reference', { ratio: 'adaptive', content: [...T2V.content, { type: 'image_url', image_url: { url: 'https://x/a.png' }, role: 'first_frame' }, { type: 'image_url', image_url: { url: 'https://x/b.png' }, role: 'reference_image' }] }, 'cannot be combined'],
		['audio alone', { content: [...T2V.content, { type: 'audio_url', audio_url: { url: 'https://x/a.mp3' }, role: 'reference_audio' }] }, 'reference_audio needs'],
		['a video with an image role', { content: [...T2V.content, { type: 'video_url', video_url: { url: 'https://x/a.mp4' }, role: 'first_frame' }] }, 'role first_frame'],
	])('refuses %s with 400 (2013)', async (_, patch, detail) => {
		const refused = await create({ ...T2V, ...patch });
		expect(errorOf(refused)).toEqual(invalid(detail));
		expect(refused.json.error.http_code).toBe('400');
	});

	test('errors in the V2 shape: a bad key 401 (1004), an unknown task 400 (2013), @reject codes at their status', async () => {
		expect(errorOf(await create(T2V, { key: 'sk-api-other' }))).toEqual({ status: 401, type: 'authorized_error', message: expect.stringMatching(/\(1004\)$/) });
		expect(errorOf(await query('123'))).toEqual(invalid('invalid task_id'));
		const rejected = await create({ ...T2V, content: [{ type: 'text', text: 'x @reject:1008' }] });
		expect(errorOf(rejected)).toEqual({ status: 402, type: 'insufficient_balance_error', message: 'insufficient balance (1008)' });
		const failing = await create({ ...T2V, content: [{ type: 'text', text: 'x @fail:1026' }] });
		const { result } = await poll(() => query(failing.json.task_id), (r) => r.json.task.status === 'failed', (r) => r.json.task.status);
		expect(result.json.task.error).toEqual({ code: '1026', message: 'video description contains sensitive content' });
	});

	test('DELETE: a queued task is cancelled, a running one refused, a finished one deleted', async () => {
		emu.configure({ taskDurationMs: 600 });
		const queued = (await create(T2V)).json.task_id;
		expect((await remove(queued)).json).toEqual({ task_id: queued, action: 'cancelled', status: 'cancelled' });
		expect((await query(queued)).json.task.status).toBe('cancelled');
		const running = (await create(T2V)).json.task_id;
		await poll(() => query(running), (r) => r.json.task.status === 'running', (r) => r.json.task.status);
		expect(errorOf(await remove(running))).toEqual(invalid('cannot be cancelled'));
		await poll(() => query(running), (r) => r.json.task.status === 'succeeded', (r) => r.json.task.status);
		expect((await remove(running)).json).toMatchObject({ action: 'deleted', status: 'deleted' });
		expect(errorOf(await query(running))).toEqual(invalid('invalid task_id'));
	});

	test('tasksInFlight: a create over the cap is refused 429 (1002) and creates nothing; V1 creates are not counted', async () => {
		emu.configure({ tasksInFlight: { minimax: 1 }, taskDurationMs: 5000 });
		expect((await create(T2V)).status).toBe(200);
		const refused = await create(T2V);
		expect(errorOf(refused)).toEqual({ status: 429, type: 'rate_limit_error', message: 'rate limit, please retry later (1002)' });
		const v1 = await call(`${base()}/v1/video_generation`, { method: 'POST', key: key(), body: { model: 'MiniMax-Hailuo-2.3', prompt: 'x' } });
		expect(v1.json.base_resp.status_code).toBe(0);
		expect(emu.refusals('minimax').map((r) => r.refused)).toEqual(['tasksInFlight']);
		expect(emu.createCounts('minimax')).toEqual({ 'a lighthouse': 1, x: 1 });
		expect(() => emu.configure({ tasksInFlight: { minimax: 0 } })).toThrow(/tasksInFlight.minimax must be an integer >= 1/);
	});

	test('regeneration at 2K: MiniMax-H3 with one base_video, read as a task of type regeneration', async () => {
		const created = await create(T2V);
		const { result } = await poll(() => query(created.json.task_id), (r) => r.json.task.status === 'succeeded', (r) => r.json.task.status);
		const regenerate = (body) => call(`${base()}/v2/video_regeneration`, { method: 'POST', key: key(), body });
		const base_video = { type: 'video_url', video_url: { url: result.json.task.content.url }, role: 'base_video' };
		const again = await regenerate({ model: 'MiniMax-H3', content: [...T2V.content, base_video], resolution: '2K' });
		const { result: done } = await poll(() => query(again.json.task_id), (r) => r.json.task.status === 'succeeded', (r) => r.json.task.status);
		expect(done.json.task).toMatchObject({ task_type: 'regeneration', resolution: '2K', duration: 6, ratio: '' });
		expect(errorOf(await regenerate({ model: 'MiniMax-H3', content: T2V.content, resolution: '2K' }))).toEqual(invalid('exactly one base_video'));
		expect(errorOf(await regenerate({ model: 'MiniMax-H3-Max', content: [...T2V.content, base_video], resolution: '2K' }))).toEqual(invalid('MiniMax-H3 only'));
	});

	test('callbacks: the challenge, then {task} on every status change', async () => {
		const received = [];
		const server = http.createServer((req, res) => {
			let body = '';
			req.on('data', (chunk) => (body += chunk));
			req.on('end', () => {
				const json = JSON.parse(body);
				received.push(json);
				res.setHeader('content-type', 'application/json');
				res.end(JSON.stringify(json.challenge ? { challenge: json.challenge } : { ok: true }));
			});
		});
		await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
		try {
			const created = await create({ ...T2V, callback_url: `http://127.0.0.1:${server.address().port}/hook` });
			await poll(async () => received.length, (n) => n >= 3, String);
			expect(received[0]).toEqual({ challenge: expect.any(String) });
			expect(received.slice(1).map((b) => [b.task.id, b.task.status])).toEqual([
				[created.json.task_id, 'running'],
				[created.json.task_id, 'succeeded'],
			]);
			expect(received[2].task.content.url).toMatch(/\.mp4$/);
		} finally {
			await new Promise((resolve) => server.close(resolve));
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

// ----- knobs for batch pacing: rate limits, render slots, duration ranges, random read faults, short downloads -----

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** A valid create call per provider, and where its status lives. */
const CREATE = {
	minimax: {
		path: '/v1/video_generation',
		body: (prompt) => ({ model: 'MiniMax-Hailuo-2.3', prompt }),
		idOf: (json) => json.task_id,
		statusUrl: (base, id) => `${base}/v1/query/video_generation?task_id=${id}`,
		wordOf: (json) => json.status,
	},
	atlasCloud: {
		path: '/api/v1/model/generateVideo',
		body: (prompt) => ({ model: 'minimax/hailuo-2.3/t2v-standard', prompt }),
		idOf: (json) => json.data.id,
		statusUrl: (base, id) => `${base}/api/v1/model/prediction/${id}`,
		wordOf: (json) => json.data.status,
	},
	seaArt: {
		path: '/model/v1/queue/minimax_hailuo_23_t2v',
		body: (prompt) => ({ prompt }),
		idOf: (json) => json.request_id,
		statusUrl: (base, id) => `${base}/model/v1/queue/minimax_hailuo_23_t2v/requests/${id}/status`,
		wordOf: (json) => json.status,
	},
	apiInOne: {
		path: '/videos/generations',
		body: (prompt) => ({ model: 'hailuo/2-3-image-to-video-standard', prompt, image: 'https://x/a.png' }),
		idOf: (json) => json.id,
		statusUrl: (base, id) => `${base}/tasks/${id}`,
		wordOf: (json) => json.status,
	},
};

const create = (providerId, prompt, { key = emu.apiKeys[providerId], body } = {}) =>
	call(emu.baseUrls[providerId] + CREATE[providerId].path, {
		method: 'POST',
		key,
		body: body ?? CREATE[providerId].body(prompt),
	});
const statusOf = (providerId, id, key = emu.apiKeys[providerId]) =>
	call(CREATE[providerId].statusUrl(emu.baseUrls[providerId], id), { key });
const taskCount = async () => (await call(`${emu.url}/__emulator/health`)).json.tasks;

describe("Telegram Bot API stand-in (publishing with n8n's Telegram node)", () => {
	const { TOKEN } = require('./emulator/telegram');
	const bot = (method, token = TOKEN) => `${emu.url}/telegram/bot${token}/${method}`;
	const videoForm = (fields) => {
		const form = new FormData();
		for (const [name, value] of Object.entries(fields)) form.append(name, value);
		form.append('video', new Blob([emu.videoBytes], { type: 'video/mp4' }), 'clip.mp4');
		return form;
	};

	test('sendVideo answers the sent Message with its Video; getFile and the file URL give back the same bytes', async () => {
		expect((await call(bot('getMe'))).json).toMatchObject({ ok: true, result: { is_bot: true } });
		const sent = await call(bot('sendVideo'), { method: 'POST', body: videoForm({ chat_id: '-1001', caption: 'hi' }) });
		expect(sent.json).toMatchObject({
			ok: true,
			result: { message_id: 1, chat: { id: -1001, type: 'channel' }, caption: 'hi', video: { mime_type: 'video/mp4', file_name: 'clip.mp4', file_size: emu.videoBytes.length, width: 320, height: 180 } },
		});
		const file = await call(`${bot('getFile')}?file_id=${sent.json.result.video.file_id}`);
		const bytes = Buffer.from(await (await fetch(`${emu.url}/telegram/file/bot${TOKEN}/${file.json.result.file_path}`)).arrayBuffer());
		expect(bytes.equals(emu.videoBytes)).toBe(true);
		expect(emu.requests.filter((r) => r.kind === 'telegram')).toHaveLength(4);
		emu.reset();
		expect((await call(`${bot('getFile')}?file_id=${sent.json.result.video.file_id}`)).status).toBe(400); // reset forgets the files
	});

	test('a wrong token, a missing chat or video, an unknown method are refused as Telegram does', async () => {
		expect(await call(bot('getMe', '1:wrong'))).toMatchObject({ status: 401, json: { ok: false, error_code: 401, description: 'Unauthorized' } });
		expect((await call(bot('sendVideo'), { method: 'POST', body: videoForm({}) })).json).toMatchObject({ ok: false, error_code: 400 });
		expect((await call(bot('sendVideo'), { method: 'POST', body: { chat_id: 1 } })).json.description).toMatch(/no video/);
		expect((await call(bot('sendVideo'), { method: 'POST', body: videoForm({ chat_id: '1', caption: 'x'.repeat(1025) }) })).json.description).toMatch(/too long/);
		expect((await call(bot('nope'))).status).toBe(404);
	});
});

describe("rateLimits: per-credential sliding windows with each provider's refusal", () => {
	const REFUSALS = {
		minimax: {
			status: 200,
			json: { base_resp: { status_code: 1002, status_msg: expect.any(String) } },
			retryAfter: null,
		},
		atlasCloud: {
			status: 429,
			json: { code: 429, msg: 'Too Many Requests', request_id: expect.any(String), data: null },
			retryAfter: '2',
		},
		seaArt: {
			status: 429,
			json: { error: { code: 'RATE_LIMIT_EXCEEDED', message: expect.any(String) }, request_id: expect.any(String) },
			retryAfter: '2',
		},
		apiInOne: {
			status: 429,
			json: { error: { code: 429, message: 'Rate limit exceeded', type: 'rate_limit_error' } },
			retryAfter: '2',
		},
	};

	test.each(Object.keys(REFUSALS))('%s: refusal shape, Retry-After, no task created, logged', async (providerId) => {
		emu.configure({ rateWindowMs: 1500, rateLimits: { [providerId]: { createsPerMinute: 2, retryAfter: true } } });
		expect((await create(providerId, 'a')).status).toBe(200);
		expect((await create(providerId, 'b')).status).toBe(200);
		const tasksBefore = await taskCount();
		const refused = await create(providerId, 'c');
		const expected = REFUSALS[providerId];
		expect(refused.status).toBe(expected.status);
		expect(refused.json).toEqual(expected.json);
		// MiniMax documents no Retry-After, so its module never sends one; the others: whole seconds, >= 1.
		expect(refused.headers.get('retry-after')).toBe(expected.retryAfter);
		expect(await taskCount()).toBe(tasksBefore);
		expect(emu.createCounts(providerId)).toEqual({ a: 1, b: 1 });
		expect(emu.refusals(providerId)).toEqual([
			expect.objectContaining({ refused: 'rateLimit', body: expect.objectContaining({ prompt: 'c' }) }),
		]);
		expect(emu.refusals('otherProvider')).toEqual([]);
		// Status checks have their own window (unlimited here).
		const accepted = emu.requests.find((r) => r.taskId).taskId;
		const status = await statusOf(providerId, accepted);
		expect([status.status, CREATE[providerId].wordOf(status.json)]).toEqual([200, expect.any(String)]);
	});

	test('without retryAfter: no Retry-After header', async () => {
		emu.configure({ rateWindowMs: 1500, rateLimits: { atlasCloud: { createsPerMinute: 1 } } });
		await create('atlasCloud', 'a');
		const refused = await create('atlasCloud', 'b');
		expect([refused.status, refused.headers.get('retry-after')]).toEqual([429, null]);
	});

	test('the window slides: a slot frees when the oldest accepted request leaves it', async () => {
		emu.configure({ rateWindowMs: 1000, rateLimits: { apiInOne: { createsPerMinute: 3, retryAfter: true } } });
		const t0 = Date.now();
		expect((await create('apiInOne', 'a')).status).toBe(200);
		await sleep(500);
		expect((await create('apiInOne', 'b')).status).toBe(200);
		expect((await create('apiInOne', 'c')).status).toBe(200);
		const full = await create('apiInOne', 'd');
		expect([full.status, full.headers.get('retry-after')]).toEqual([429, '1']);
		await sleep(t0 + 1030 - Date.now()); // 'a' has left the window; 'b' and 'c' have not
		expect((await create('apiInOne', 'e')).status).toBe(200);
		const again = await create('apiInOne', 'f');
		expect(again.status).toBe(429); // a fixed per-second bucket would have let this through
		expect(emu.createCounts('apiInOne')).toEqual({ a: 1, b: 1, c: 1, e: 1 });
		expect(emu.refusals('apiInOne').map((r) => r.body.prompt)).toEqual(['d', 'f']);
	});

	test('status window: status checks and result lookups count, creates and downloads do not', async () => {
		emu.configure({ rateWindowMs: 1500, rateLimits: { seaArt: { statusPerMinute: 2, retryAfter: true } } });
		const submitted = (await create('seaArt', 'x @duration:0')).json;
		expect((await call(submitted.status_url, { key: emu.apiKeys.seaArt })).status).toBe(200);
		const result = await call(submitted.response_url, { key: emu.apiKeys.seaArt });
		expect(result.status).toBe(200);
		const refused = await call(submitted.status_url, { key: emu.apiKeys.seaArt });
		expect([refused.status, refused.json.error.code]).toEqual([429, 'RATE_LIMIT_EXCEEDED']);
		expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
		expect((await create('seaArt', 'y')).status).toBe(200);
		await expectVideo(result.json.outputs[0].url);
	});

	test('counted per credential: a second accepted key (extraApiKeys) has its own window', async () => {
		const key2 = 'emu-minimax-key-2';
		emu.configure({
			rateWindowMs: 1500,
			rateLimits: { minimax: { createsPerMinute: 1 } },
			extraApiKeys: { minimax: [key2] },
		});
		expect((await create('minimax', 'k1-a')).json.base_resp.status_code).toBe(0);
		expect((await create('minimax', 'k1-b')).json.base_resp.status_code).toBe(1002);
		expect((await create('minimax', 'k2-a', { key: key2 })).json.base_resp.status_code).toBe(0);
		expect((await create('minimax', 'k2-b', { key: key2 })).json.base_resp.status_code).toBe(1002);
		// A wrong key is still refused by auth and never reaches (nor fills) a window.
		expect((await create('minimax', 'bad', { key: 'emu-minimax-other' })).json.base_resp.status_code).toBe(1004);
		expect(emu.createCounts('minimax')).toEqual({ 'k1-a': 1, 'k2-a': 1 });
		// No new log field carries the key (the request headers were already logged as sent).
		for (const { headers, ...entry } of emu.providerRequests('minimax')) {
			expect(JSON.stringify(entry)).not.toContain(key2);
			expect(JSON.stringify(entry)).not.toContain(emu.apiKeys.minimax);
		}
		// The extra key works for every route of that provider, and only while configured.
		emu.configure({ extraApiKeys: { minimax: null } });
		expect((await create('minimax', 'k2-c', { key: key2 })).json.base_resp.status_code).toBe(1004);
	});

	test('createCounts: only creates that made a task, by prompt (flat or input.prompt)', async () => {
		await create('atlasCloud', 'one');
		await create('atlasCloud', undefined, {
			body: { input: { model: 'minimax/hailuo-2.3/t2v-standard', prompt: 'two' } },
		});
		await create('atlasCloud', 'two');
		emu.configure({ failNext: { create: { httpStatus: 500 } } });
		await create('atlasCloud', 'three');
		await create('atlasCloud', 'four @reject:402');
		await create('atlasCloud', undefined, { body: { model: 'nope', prompt: 'five' } });
		expect(emu.createCounts('atlasCloud')).toEqual({ one: 1, two: 2 });
		expect(emu.createCounts()).toEqual({ one: 1, two: 2 });
		expect(emu.requests.find((r) => r.body?.prompt === 'three').fault).toBe('failNext.create');
	});
});

describe("renderCapacity: tasks beyond the account's slots wait, queued", () => {
	// Machine-independent: the queue is read from the emulator's own plan (start times, and the phase at chosen
	// instants of it), and over HTTP only states that last (behind a task that never ends), never a short window.
	test('capacity 1: the second task stays queued until the first is done, then renders its full time', async () => {
		emu.configure({ taskDurationMs: 300, renderCapacity: { atlasCloud: 1 } });
		const a = CREATE.atlasCloud.idOf((await create('atlasCloud', 'a')).json);
		const b = CREATE.atlasCloud.idOf((await create('atlasCloud', 'b')).json);
		const [taskA, taskB] = [emu.task('atlasCloud', a), emu.task('atlasCloud', b)];
		expect(taskA.startAt).toBe(taskA.createdAt);
		expect(taskB.startAt).toBe(taskA.startAt + 300);

		const phasesAt = (offset) => [a, b].map((id) => emu.phaseAt('atlasCloud', id, taskA.startAt + offset)).join('/');
		expect(phasesAt(50)).toBe('queued/queued');
		expect(phasesAt(299)).toBe('running/queued');
		expect(phasesAt(300)).toBe('succeeded/queued'); // A done, B through its own queued third
		expect(phasesAt(399)).toBe('succeeded/queued');
		expect(phasesAt(400)).toBe('succeeded/running');
		expect(phasesAt(599)).toBe('succeeded/running');
		expect(phasesAt(600)).toBe('succeeded/succeeded');

		// Over HTTP, whatever the machine's speed: every pair seen is one of the plan's, in its order.
		const order = ['created/created', 'processing/created', 'completed/created', 'completed/processing', 'completed/completed'];
		const { words } = await poll(
			async () => {
				const [sa, sb] = await Promise.all([statusOf('atlasCloud', a), statusOf('atlasCloud', b)]);
				return `${sa.json.data.status}/${sb.json.data.status}`;
			},
			(pair) => pair.endsWith('/completed'),
			(pair) => pair,
		);
		const positions = words.map((w) => order.indexOf(w));
		expect(positions).not.toContain(-1);
		expect(positions).toEqual([...positions].sort((x, y) => x - y));
		expect(Date.now() - taskA.createdAt).toBeGreaterThanOrEqual(600);
	});

	test('capacity 1 over HTTP: behind a task that never ends, the next one stays queued for good', async () => {
		emu.configure({ taskDurationMs: 300, renderCapacity: { atlasCloud: 1 } });
		const blocker = CREATE.atlasCloud.idOf((await create('atlasCloud', 'x @never')).json);
		const waiting = CREATE.atlasCloud.idOf((await create('atlasCloud', 'y')).json);
		expect(emu.task('atlasCloud', waiting).startAt).toBe(Infinity);
		await poll(
			() => statusOf('atlasCloud', blocker),
			(r) => r.json.data.status === 'processing',
			(r) => r.json.data.status,
		);
		expect((await statusOf('atlasCloud', waiting)).json.data.status).toBe('created');
	});

	test('one number for every provider; per account (another key gets its own slot); unlimited by default', async () => {
		const key2 = 'aio_emu-key-2';
		// Renders of 30 s: B's queued status is read long before A could end, however slow the machine (nothing waits for them).
		emu.configure({ taskDurationMs: 30_000, renderCapacity: 1, extraApiKeys: { apiInOne: [key2] } });
		const a = emu.task('apiInOne', (await create('apiInOne', 'a')).json.id);
		const b = emu.task('apiInOne', (await create('apiInOne', 'b')).json.id);
		const c = emu.task('apiInOne', (await create('apiInOne', 'c', { key: key2 })).json.id);
		expect(b.startAt).toBe(a.startAt + 30_000);
		expect(c.startAt).toBe(c.createdAt);
		const bStatus = await statusOf('apiInOne', b.id);
		expect(bStatus.json.status).toBe('pending');

		emu.reset();
		emu.configure({ taskDurationMs: 300 });
		const d = emu.task('apiInOne', (await create('apiInOne', 'd')).json.id);
		const e = emu.task('apiInOne', (await create('apiInOne', 'e')).json.id);
		expect([d.startAt, e.startAt]).toEqual([d.createdAt, e.createdAt]);
	});

	test('callbacks fire at the shifted times', async () => {
		const received = [];
		const receiver = http.createServer((req, res) => {
			let body = '';
			req.on('data', (c) => (body += c));
			req.on('end', () => {
				received.push({ at: Date.now(), body: JSON.parse(body) });
				res.end('ok');
			});
		});
		await new Promise((r) => receiver.listen(0, '127.0.0.1', r));
		try {
			emu.configure({ taskDurationMs: 200, renderCapacity: { apiInOne: 1 } });
			const callback_url = `http://127.0.0.1:${receiver.address().port}/`;
			const body = (prompt) => ({ ...CREATE.apiInOne.body(prompt), callback_url });
			const started = Date.now();
			await create('apiInOne', null, { body: body('a') });
			await create('apiInOne', null, { body: body('b') });
			await poll(
				async () => received.length,
				(n) => n >= 2,
				String,
			);
			expect(received.map((r) => r.body.status)).toEqual(['completed', 'completed']);
			expect(received[0].at - started).toBeGreaterThanOrEqual(190);
			expect(received[1].at - started).toBeGreaterThanOrEqual(390);
		} finally {
			receiver.close();
		}
	});

	test('a cancel frees the slot: the waiting task starts then', async () => {
		emu.configure({ taskDurationMs: 150, renderCapacity: { seaArt: 1 } });
		const blocker = (await create('seaArt', 'x @never')).json;
		const waiting = (await create('seaArt', 'y')).json;
		await sleep(200);
		// The blocker renders, so the waiting task is next in the queue (position 0) but does not start.
		expect((await statusOf('seaArt', waiting.request_id)).json).toMatchObject({
			status: 'IN_QUEUE',
			queue_position: 0,
		});
		expect(emu.task('seaArt', waiting.request_id).startAt).toBe(Infinity);
		const cancelledAt = Date.now();
		expect((await call(blocker.cancel_url, { method: 'PUT', key: emu.apiKeys.seaArt })).status).toBe(202);
		const task = emu.task('seaArt', waiting.request_id);
		expect(task.startAt).toBeGreaterThanOrEqual(cancelledAt);
		const phaseAfterStart = (ms) => emu.phaseAt('seaArt', waiting.request_id, task.startAt + ms);
		expect([phaseAfterStart(49), phaseAfterStart(50), phaseAfterStart(150)]).toEqual(['queued', 'running', 'succeeded']);
		// Over HTTP a busy machine may miss the 100 ms of IN_PROGRESS: only the order is certain.
		const { words } = await poll(
			() => statusOf('seaArt', waiting.request_id),
			(r) => r.json.status === 'COMPLETED',
			(r) => r.json.status,
		);
		const order = ['IN_QUEUE', 'IN_PROGRESS', 'COMPLETED'];
		const positions = words.map((w) => order.indexOf(w));
		expect(positions).not.toContain(-1);
		expect(positions).toEqual([...positions].sort((x, y) => x - y));
	});
});

describe('taskDurationMs range and seed', () => {
	async function durations(n, between) {
		const out = [];
		for (let i = 0; i < n; i++) {
			const id = (await create('apiInOne', `p${i}`)).json.id;
			out.push(emu.task('apiInOne', id).durationMs);
			if (between) await statusOf('apiInOne', id);
		}
		return out;
	}

	test('each task draws uniformly from [min, max], repeatably per seed; @duration still wins', async () => {
		emu.configure({ taskDurationMs: [100, 5000], seed: 42, readFaults: { rate: 0.5, kinds: ['http503'] } });
		const first = await durations(8, false);
		expect(first.every((d) => Number.isInteger(d) && d >= 100 && d <= 5000)).toBe(true);
		expect(new Set(first).size).toBeGreaterThan(4);

		emu.reset();
		emu.configure({ taskDurationMs: [100, 5000], seed: 42, readFaults: { rate: 0.5, kinds: ['http503'] } });
		// Status checks (and their random faults) in between draw from another stream: same durations.
		expect(await durations(8, true)).toEqual(first);

		emu.reset();
		emu.configure({ taskDurationMs: [100, 5000], seed: 43 });
		expect(await durations(8, false)).not.toEqual(first);

		const marked = (await create('apiInOne', 'q @duration:7')).json.id;
		expect(emu.task('apiInOne', marked).durationMs).toBe(7);
		emu.configure({ seed: 42 }); // re-seeding restarts the stream
		expect(await durations(2, false)).toEqual(first.slice(0, 2));
	});
});

describe('readyToSeen: from the end of a render to the first status answer that said so', () => {
	test('a failed or early check does not count; the first succeeded answer does, later ones change nothing', async () => {
		emu.configure({ taskDurationMs: 150 });
		const seen = CREATE.minimax.idOf((await create('minimax', 'seen')).json);
		const unseen = CREATE.minimax.idOf((await create('minimax', 'never checked')).json);
		const other = (await create('apiInOne', 'another provider')).json.id;
		expect((await statusOf('minimax', seen)).json.status).not.toBe('Success');
		expect(emu.readyToSeen('minimax')).toEqual([]); // nothing has finished yet

		await sleep(250);
		emu.configure({ failNext: { status: { code: 1000 } } });
		expect((await statusOf('minimax', seen)).json.base_resp.status_code).toBe(1000);
		const task = emu.task('minimax', seen);
		const readyAt = task.startAt + task.durationMs;
		expect(emu.readyToSeen('minimax')).toEqual([
			{ provider: 'minimax', taskId: seen, readyAt, seenAt: null, ms: null },
			{ provider: 'minimax', taskId: unseen, readyAt: expect.any(Number), seenAt: null, ms: null },
		]);

		expect((await statusOf('minimax', seen)).json.status).toBe('Success');
		const [row] = emu.readyToSeen('minimax');
		expect(row.seenAt).toBe(task.firstSeenDoneAt);
		expect(row.ms).toBe(row.seenAt - readyAt);
		expect(row.ms).toBeGreaterThanOrEqual(90); // checked about 100 ms after the render ended
		await statusOf('minimax', seen);
		expect(emu.readyToSeen('minimax')[0]).toEqual(row);

		await statusOf('apiInOne', other);
		expect(emu.readyToSeen().map((r) => [r.provider, r.seenAt !== null])).toEqual([
			['minimax', true],
			['minimax', false],
			['apiInOne', true],
		]);
	});
});

describe('readFaults: random, seeded failures of status/result lookups and downloads', () => {
	/** One status check → the fault seen ('ok' when none). */
	async function check(url, key) {
		try {
			const response = await call(url, { key });
			if (response.status !== 200) return `http${response.status}`;
			if (!response.json) return 'malformed';
			if (response.json.base_resp.status_code !== 0) return `code${response.json.base_resp.status_code}`;
			return 'ok';
		} catch {
			return 'drop';
		}
	}

	test('the rate is honoured over 200 MiniMax status checks, with every kind; repeatable per seed', async () => {
		const run = async () => {
			emu.configure({ readFaults: { rate: 0.2, slowMs: 5 }, seed: 7 });
			const id = (await create('minimax', 'x @never')).json.task_id;
			const url = CREATE.minimax.statusUrl(emu.baseUrls.minimax, id);
			const outcomes = [];
			for (let i = 0; i < 200; i++) outcomes.push(await check(url, emu.apiKeys.minimax));
			return outcomes;
		};
		const outcomes = await run();
		const faults = emu
			.providerRequests('minimax')
			.filter((r) => r.fault)
			.map((r) => r.fault);
		const failed = outcomes.filter((o) => o !== 'ok').length;
		const slow = faults.filter((f) => f === 'readFaults.slow').length;
		expect(failed + slow).toBe(faults.length);
		expect(faults.length).toBeGreaterThanOrEqual(24); // 0.2 × 200 = 40 expected
		expect(faults.length).toBeLessThanOrEqual(56);
		const kinds = new Set(faults.map((f) => f.replace(/^readFaults\./, '').replace(/:\d+$/, '')));
		expect([...kinds].sort()).toEqual(['business', 'drop', 'http500', 'http502', 'http503', 'malformed', 'slow']);
		for (const o of outcomes.filter((x) => x.startsWith('code')))
			expect(['code1000', 'code1001', 'code1013']).toContain(o);
		// The create itself never failed; same seed, same sequence.
		expect(emu.createCounts('minimax')).toEqual({ 'x @never': 1 });
		emu.reset();
		expect(await run()).toEqual(outcomes);
	});

	test('kinds narrows the list; never on creates; downloads fail too (object-store error)', async () => {
		emu.configure({ readFaults: { rate: 1, kinds: ['http503'] } });
		for (const p of ['a', 'b', 'c']) expect((await create('atlasCloud', `${p} @duration:0`)).status).toBe(200);
		const id = emu.requests.find((r) => r.taskId).taskId;
		const status = await statusOf('atlasCloud', id);
		expect([status.status, status.json.code]).toEqual([503, 503]);
		const video = await fetch(`${emu.url}/files/atlasCloud/${id}.mp4`);
		expect([video.status, video.headers.get('content-type')]).toEqual([503, 'application/xml']);
		await video.arrayBuffer();
		// `business` only where a provider declares HTTP-200 read codes (MiniMax): elsewhere nothing to draw.
		emu.configure({ readFaults: { rate: 1, kinds: ['business'] } });
		expect((await statusOf('atlasCloud', id)).status).toBe(200);
		emu.configure({ readFaults: null });
		expect((await statusOf('atlasCloud', id)).status).toBe(200);
	});

	test('slow: late but successful', async () => {
		emu.configure({ readFaults: { rate: 1, kinds: ['slow'], slowMs: 300 } });
		const id = (await create('apiInOne', 'x @never')).json.id;
		const started = Date.now();
		expect((await statusOf('apiInOne', id)).json).toMatchObject({ id, status: expect.any(String) });
		expect(Date.now() - started).toBeGreaterThanOrEqual(290);
	});
});

describe('downloads: short (clean end) vs truncate (cut connection)', () => {
	async function videoUrl() {
		const id = (await create('atlasCloud', 'x @duration:0')).json.data.id;
		return `${emu.url}/files/atlasCloud/${id}.mp4`;
	}

	test('a normal video reply carries content-length', async () => {
		const url = await videoUrl();
		const response = await fetch(url);
		expect(response.headers.get('content-length')).toBe(String(emu.videoBytes.length));
		expect(response.headers.get('transfer-encoding')).toBeNull();
		await response.arrayBuffer();
		const head = await fetch(url, { method: 'HEAD' });
		expect(head.headers.get('content-length')).toBe(String(emu.videoBytes.length));
	});

	test('short: chunked, no content-length, a third of the bytes, ends cleanly; then whole again', async () => {
		const url = await videoUrl();
		emu.configure({ failNext: { download: { short: true } } });
		const response = await fetch(url);
		expect(response.status).toBe(200);
		expect(response.headers.get('content-length')).toBeNull();
		expect(response.headers.get('transfer-encoding')).toBe('chunked');
		const bytes = Buffer.from(await response.arrayBuffer()); // resolves: the body ended cleanly
		expect(bytes.length).toBe(Math.floor(emu.videoBytes.length / 3));
		expect(bytes.equals(emu.videoBytes.subarray(0, bytes.length))).toBe(true);
		expect(emu.requests.at(-1).fault).toBe('failNext.download');
		await expectVideo(url);
	});

	test('short with a padded video; truncate still cuts the connection', async () => {
		const url = await videoUrl();
		emu.configure({ videoSizeBytes: 1_500_000, failNext: { download: { short: true } } });
		const short = Buffer.from(await (await fetch(url)).arrayBuffer());
		expect(short.length).toBe(500_000);
		emu.configure({ failNext: { download: { truncate: true } } });
		const cut = await fetch(url);
		expect(cut.headers.get('content-length')).toBe('1500000');
		await expect(cut.arrayBuffer()).rejects.toThrow();
	});
});

describe('knob validation and reset', () => {
	test.each([
		[{ rateLimits: { nope: { createsPerMinute: 1 } } }, /unknown provider "nope" in rateLimits/],
		[{ rateLimits: { minimax: { perMinute: 1 } } }, /unknown field "perMinute"/],
		[{ rateLimits: { minimax: { createsPerMinute: 1.5 } } }, /integer >= 0/],
		[{ rateLimits: { minimax: { retryAfter: 'yes' } } }, /boolean/],
		[{ rateWindowMs: 0 }, /rateWindowMs must be a number > 0/],
		[{ renderCapacity: 0 }, /integer >= 1/],
		[{ renderCapacity: { seaart: 1 } }, /unknown provider "seaart"/],
		[{ taskDurationMs: [500, 100] }, /range/],
		[{ taskDurationMs: [1, 2, 3] }, /range/],
		[{ seed: 'x' }, /seed must be an integer/],
		[{ readFaults: { rate: 1.5 } }, /rate must be a number from 0 to 1/],
		[{ readFaults: { rate: 0.1, kinds: ['http404'] } }, /http404/],
		[{ readFaults: { rate: 0.1, often: true } }, /unknown field "often"/],
		[{ extraApiKeys: { minimax: 'k' } }, /array of non-empty strings/],
		[{ failNext: { download: { shrt: true } } }, /unknown field "shrt" in failNext.download/],
		[{ failNext: { status: { short: true } } }, /downloads only/],
		[{ rateLimit: {} }, /unknown knob "rateLimit"/],
	])('%j is refused loudly', (patch, message) => {
		expect(() => emu.configure(patch)).toThrow(message);
	});

	test('all or nothing; over HTTP a 400; reset restores the start options', async () => {
		expect(() => emu.configure({ latencyMs: 5, seed: 'x' })).toThrow();
		expect(emu.knobs.latencyMs).toBe(0);
		const bad = await call(`${emu.url}/__emulator/config`, { method: 'POST', body: { renderCapacity: -1 } });
		expect([bad.status, bad.json.error]).toEqual([400, expect.stringMatching(/renderCapacity/)]);
		const ok = await call(`${emu.url}/__emulator/config`, {
			method: 'POST',
			body: {
				rateLimits: { seaArt: { createsPerMinute: 3, retryAfter: true } },
				rateWindowMs: 2000,
				renderCapacity: 2,
			},
		});
		expect(ok.json).toMatchObject({
			rateWindowMs: 2000,
			renderCapacity: 2,
			rateLimits: { seaArt: { createsPerMinute: 3 } },
		});
		emu.reset();
		expect(emu.knobs).toMatchObject({
			rateLimits: {},
			rateWindowMs: 60000,
			renderCapacity: null,
			seed: 1,
			readFaults: null,
			extraApiKeys: {},
			taskDurationMs: 150,
		});

		const other = await startEmulator({
			port: 0,
			taskDurationMs: [10, 20],
			rateLimits: { minimax: { createsPerMinute: 5 } },
			readFaults: { rate: 0.1, kinds: ['http500'] },
		});
		try {
			other.configure({ rateLimits: null, taskDurationMs: 5 });
			other.reset();
			expect(other.knobs).toMatchObject({
				taskDurationMs: [10, 20],
				rateLimits: { minimax: { createsPerMinute: 5 } },
				readFaults: { rate: 0.1, kinds: ['http500'], slowMs: 1500 },
			});
		} finally {
			await other.close();
		}
		await expect(startEmulator({ port: 0, renderCapacity: 'x' })).rejects.toThrow(/renderCapacity/);
	});
});
