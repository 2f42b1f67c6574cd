// WaveSpeed AI. Real base: https://api.wavespeed.ai
// Docs: https://wavespeed.ai/docs/what-are-predictions , https://wavespeed.ai/docs/get-result ,
// https://wavespeed.ai/docs/error-codes , https://wavespeed.ai/docs/how-to-use-webhooks ,
// https://wavespeed.ai/docs/docs-api/verifying_webhook , https://wavespeed.ai/docs/docs-common-api/media-upload ,
// https://wavespeed.ai/docs-common-api/balance , https://wavespeed.ai/docs/docs-api/minimax/minimax-hailuo-2.3-i2v-standard
// (and the sibling Hailuo model pages), https://wavespeed.ai/models/minimax/h3/text-to-video (and
// image-to-video, reference-to-video: Hailuo 3 as MiniMax runs it), https://www.wavespeed.ai/docs/upload-files-api
//
// One POST per model path (`/api/v3/minimax/hailuo-…`), answered `{ code: 200, message, data: prediction }`;
// the prediction is read back at `/api/v3/predictions/{id}/result`: created → processing → completed |
// failed (with `error` and an error `code`: 1200 moderation, 14xx input, 5xxx WaveSpeed). HTTP errors are
// the envelope with the status as `code` and `data: null`. `?webhook=`: one POST of the bare prediction at
// the end, signed HMAC-SHA256 over "{webhook-id}.{webhook-timestamp}.{body}" with the account's secret
// (`whsec_` removed, not base64-decoded), header `webhook-signature: v3,<hex>`.
'use strict';

const crypto = require('node:crypto');

const API_KEY = 'emu-wavespeed-key';
// Fixed, so tests in another process can sign webhooks too.
const WEBHOOK_SECRET = `whsec_${crypto.createHash('sha256').update('hailuo emulator: WaveSpeed webhooks').digest('hex').slice(0, 32)}`;

const STANDARD = [6, 10];
const PRO = []; // no duration field
// The Hailuo paths: `image` required | absent; accepted `duration` values; `endImage`: takes end_image; `fast`: takes go_fast.
const MODELS = {
	'minimax/hailuo-2.3/t2v-standard': { image: 'absent', durations: STANDARD },
	'minimax/hailuo-2.3/t2v-pro': { image: 'absent', durations: PRO },
	'minimax/hailuo-2.3/i2v-standard': { image: 'required', durations: STANDARD },
	'minimax/hailuo-2.3/i2v-pro': { image: 'required', durations: PRO },
	'minimax/hailuo-2.3/fast': { image: 'required', durations: STANDARD, fast: true },
	'minimax/hailuo-2.3/fast-pro': { image: 'required', durations: PRO, fast: true },
	'minimax/hailuo-02/t2v-standard': { image: 'absent', durations: STANDARD },
	'minimax/hailuo-02/t2v-pro': { image: 'absent', durations: PRO },
	'minimax/hailuo-02/i2v-standard': { image: 'required', durations: STANDARD, endImage: true },
	'minimax/hailuo-02/i2v-pro': { image: 'required', durations: PRO },
	'minimax/hailuo-02/fast': { image: 'required', durations: STANDARD, fast: true },
	'minimax/h3/text-to-video': { hailuo3: 't2v' },
	'minimax/h3/image-to-video': { hailuo3: 'i2v' },
	'minimax/h3/reference-to-video': { hailuo3: 'ref' },
};

// Hailuo 3's fields per route; resolutions in lower case, durations 4–15.
const H3_FIELDS = {
	t2v: ['prompt', 'duration', 'resolution', 'aspect_ratio'],
	i2v: ['prompt', 'duration', 'resolution', 'image', 'last_image'],
	ref: ['prompt', 'duration', 'resolution', 'aspect_ratio', 'reference_images', 'reference_videos', 'reference_audios'],
};
const H3_RATIOS = ['21:9', '16:9', '4:3', '1:1', '3:4', '9:16'];
const H3_REFERENCES = { reference_images: 9, reference_videos: 3, reference_audios: 3 };
// The Hailuo pages take JPG/JPEG and PNG first frames.
const IMAGE_FORMATS = ['jpeg', 'png'];

const MESSAGES = {
	400: 'Bad Request',
	401: 'Unauthorized: invalid authentication, verify your API key',
	402: 'Insufficient balance',
	403: 'Forbidden',
	404: 'Not Found',
	413: 'Request Entity Too Large',
	429: 'Too Many Requests',
	500: 'Internal Server Error',
	503: 'Service Unavailable',
	1200: 'The content contains sensitive information.',
	1401: 'The parameter value is invalid.',
	1402: 'Failed to download image from the provided URL.',
	5000: 'An internal error occurred.',
};

const newId = () => crypto.randomBytes(16).toString('hex');
const envelope = (data) => ({ code: 200, message: 'success', data });
const httpError = (status, message) => ({ status, json: { code: status, message: message ?? MESSAGES[status] ?? 'Error', data: null } });

function keyOf(call) {
	return /^Bearer\s+(\S+)/i.exec(call.headers.authorization ?? '')?.[1];
}

function authenticate(call) {
	return keyOf(call) === API_KEY ? null : httpError(401);
}

/** failNext / @reject: an HTTP-like code is the status; another code rides in a 400. */
function errorReply(fault) {
	const httpLike = typeof fault.code === 'number' && fault.code >= 400 && fault.code <= 599;
	const status = fault.httpStatus ?? (httpLike ? fault.code : fault.code !== undefined ? 400 : 500);
	return httpError(status, typeof fault.code === 'string' ? fault.code : MESSAGES[fault.code]);
}

// ----- submit -----

/** A Hailuo 3 body on its route; the problem in WaveSpeed's words, or null. */
function hailuo3Problem(route, body, emu) {
	const extra = Object.keys(body).find((field) => !H3_FIELDS[route].includes(field));
	if (extra) return `${extra} is not a parameter of this model`;
	// MiniMax needs a text for every Hailuo 3 request.
	if (typeof body.prompt !== 'string' || !body.prompt) return 'prompt is required';
	if (body.resolution !== undefined && !['768p', '2k'].includes(body.resolution)) return 'resolution must be one of 768p, 2k';
	if (body.duration !== undefined && !(Number.isInteger(body.duration) && body.duration >= 4 && body.duration <= 15)) return 'duration must be an integer from 4 to 15';
	const ratios = route === 'ref' ? ['adaptive', ...H3_RATIOS] : H3_RATIOS;
	if (body.aspect_ratio !== undefined && !ratios.includes(body.aspect_ratio)) return `aspect_ratio must be one of ${ratios.join(', ')}`;
	if (route === 'i2v' && !body.image) return 'image is required';
	for (const field of ['image', 'last_image']) {
		if (body[field] === undefined) continue;
		const problem = emu.imageProblem(body[field], { formats: IMAGE_FORMATS });
		if (problem) return `${field} ${problem}`;
	}
	if (route !== 'ref') return null;
	for (const [field, max] of Object.entries(H3_REFERENCES)) {
		const list = body[field] ?? [];
		if (!Array.isArray(list) || list.some((url) => typeof url !== 'string' || !url)) return `${field} must be a list of URLs`;
		if (list.length > max) return `${field} takes at most ${max} files`;
	}
	const count = (field) => (body[field] ?? []).length;
	if (count('reference_images') + count('reference_videos') === 0) return 'reference_images or reference_videos is required (audio needs an image or a video)';
	if (count('reference_images') + count('reference_videos') + count('reference_audios') > 12) return 'at most 12 reference files in all';
	for (const url of body.reference_images ?? []) {
		const problem = emu.imageProblem(url, { formats: IMAGE_FORMATS });
		if (problem) return `reference_images ${problem}`;
	}
	return null;
}

function inputProblem(model, body, emu) {
	if (!body || typeof body !== 'object' || Array.isArray(body)) return 'request body must be a JSON object';
	if (model.hailuo3) return hailuo3Problem(model.hailuo3, body, emu);
	if (body.prompt !== undefined && typeof body.prompt !== 'string') return 'prompt must be a string';
	if (model.image === 'absent' && !body.prompt) return 'prompt is required';
	if (model.image === 'required' && !body.image) return 'image is required';
	if (model.image === 'absent' && body.image !== undefined) return 'image is not a parameter of this model';
	if (body.end_image !== undefined && !model.endImage) return 'end_image is not a parameter of this model';
	for (const field of ['image', 'end_image']) {
		if (body[field] === undefined) continue;
		const problem = emu.imageProblem(body[field], { formats: IMAGE_FORMATS });
		if (problem) return `${field} ${problem}`;
	}
	if (body.duration !== undefined && !model.durations.includes(body.duration)) {
		return model.durations.length ? `duration must be one of ${model.durations.join(', ')} (an integer)` : 'duration is not a parameter of this model';
	}
	if (body.go_fast !== undefined && !model.fast) return 'go_fast is not a parameter of this model';
	for (const flag of ['enable_prompt_expansion', 'go_fast']) {
		if (body[flag] !== undefined && typeof body[flag] !== 'boolean') return `${flag} must be a boolean`;
	}
	return null;
}

function predictionOf(task, emu, baseUrl) {
	const { phase } = emu.phaseOf(task);
	const status = { queued: 'created', running: task.runningWord ?? 'processing', succeeded: 'completed', failed: 'failed', cancelled: 'cancelled' }[phase];
	const body = {
		id: task.id,
		model: task.model,
		outputs: phase === 'succeeded' ? [emu.videoUrl(task)] : [],
		urls: { get: `${baseUrl}/api/v3/predictions/${task.id}/result` },
		has_nsfw_contents: [],
		status,
		created_at: new Date(task.createdAt).toISOString(),
		error: phase === 'failed' ? failureMessage(task) : '',
		timings: phase === 'succeeded' ? { inference: task.durationMs } : {},
	};
	if (phase === 'failed') body.code = failureCode(task);
	return body;
}

const failureCode = (task) => (task.failure.code === undefined ? 5000 : task.failure.code);
const failureMessage = (task) => MESSAGES[failureCode(task)] ?? `Generation failed (${failureCode(task)})`;

function submit(call, modelId) {
	if (call.bodyError) return httpError(400, call.bodyError);
	const problem = inputProblem(MODELS[modelId], call.body, call.emu);
	if (problem) return httpError(400, problem);
	const webhook = call.query.webhook;
	if (webhook !== undefined && !/^https?:\/\/\S+$/i.test(webhook)) return httpError(400, 'webhook must be an http(s) URL');
	const task = call.emu.createTask(provider, { id: newId(), model: modelId, prompt: call.body.prompt, callbackUrl: webhook });
	return { json: envelope(predictionOf(task, call.emu, call.baseUrl)) };
}

// ----- result -----

function getResult(call) {
	const task = call.emu.getTask('waveSpeed', call.params.id);
	if (!task) return httpError(404, 'prediction not found');
	return { json: envelope(predictionOf(task, call.emu, call.baseUrl)) };
}

// ----- upload, balance, webhook secret -----

function uploadBinary(call) {
	const file = call.multipart?.files.find((f) => f.name === 'file');
	if (!file) return httpError(400, call.bodyError ?? 'multipart/form-data with a "file" field is required');
	const url = call.emu.storeUpload(file);
	return { json: envelope({ type: file.contentType.split('/')[0], download_url: url, filename: file.filename, size: file.data.length }) };
}

const balance = () => ({ json: envelope({ balance: 42.5 }) });
const secret = () => ({ json: envelope({ secret: WEBHOOK_SECRET }) });

// ----- webhook: one signed POST at the end -----

/** The headers WaveSpeed sends with a webhook body. */
function webhookHeaders(body, timestamp = String(Math.floor(Date.now() / 1000)), id = crypto.randomBytes(12).toString('hex')) {
	const signature = crypto.createHmac('sha256', WEBHOOK_SECRET.slice('whsec_'.length)).update(`${id}.${timestamp}.${body}`).digest('hex');
	return { 'webhook-id': id, 'webhook-timestamp': timestamp, 'webhook-signature': `v3,${signature}` };
}

function onTaskEvent(event, task, emu) {
	if (!task.callbackUrl || !['succeeded', 'failed'].includes(event)) return;
	const body = JSON.stringify(predictionOf(task, emu, emu.baseUrl('waveSpeed')));
	emu.postCallback(task, task.callbackUrl, body, webhookHeaders(body));
}

const provider = {
	id: 'waveSpeed',
	prefix: '/wavespeed',
	apiKey: API_KEY,
	variants: {},
	newTaskId: newId,
	webhookHeaders,
	keyOf,
	authenticate,
	errorReply,
	onTaskEvent,
	unknownPath: () => httpError(404),
	routes: [
		...Object.keys(MODELS).map((modelId) => ({
			method: 'POST',
			path: `/api/v3/${modelId}`,
			faults: ['create'],
			handle: (call) => submit(call, modelId),
		})),
		{ method: 'GET', path: '/api/v3/predictions/:id/result', faults: ['status'], handle: getResult },
		{ method: 'POST', path: '/api/v3/media/upload/binary', faults: ['upload'], handle: uploadBinary },
		{ method: 'GET', path: '/api/v3/balance', handle: balance },
		{ method: 'GET', path: '/api/v3/webhook/secret', handle: secret },
	],
};

module.exports = provider;
