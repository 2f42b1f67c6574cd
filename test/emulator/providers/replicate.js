// Replicate. Real base: https://api.replicate.com/v1
// Docs: https://replicate.com/docs/reference/http , https://replicate.com/docs/topics/webhooks ,
// https://replicate.com/docs/topics/webhooks/verify-webhook , https://replicate.com/minimax/hailuo-02/api ,
// https://replicate.com/minimax/hailuo-2.3/api , https://replicate.com/minimax/h3 (Hailuo 3: first and last
// frame, reference lists, duration 4–15, resolution 768P | 2K, ratio)
//
// A prediction per create (201), read back by id; status starting → processing → succeeded | failed |
// canceled; `output` is one URI. Errors are RFC 7807 problems `{ title, detail, status }`. Webhooks:
// the prediction object, signed HMAC-SHA256 over "{webhook-id}.{webhook-timestamp}.{body}" with the
// account's `whsec_` secret (base64 after the prefix), header `webhook-signature: v1,<base64>`.
'use strict';

const crypto = require('node:crypto');

const API_KEY = 'r8_emu-replicate-token';
// Fixed, so tests in another process can sign webhooks too.
const WEBHOOK_SECRET = `whsec_${crypto.createHash('sha256').update('hailuo emulator: Replicate webhooks').digest('base64')}`;

// `resolutions`: accepted values with their durations; `lastFrame`: takes last_frame_image.
const HAILUO = { '768p': [6, 10], '1080p': [6] };
const MODELS = {
	'minimax/hailuo-2.3': { resolutions: HAILUO, defaultResolution: '768p' },
	'minimax/hailuo-02': { resolutions: { '512p': [6, 10], ...HAILUO }, defaultResolution: '1080p', lastFrame: true },
	'minimax/h3': { hailuo3: true },
};

// Hailuo 3's inputs (MiniMax's limits: 9 images, 3 videos, 3 audio clips, 12 in all; audio never alone).
const H3_INPUTS = ['prompt', 'first_frame_image', 'last_frame_image', 'reference_image_urls', 'reference_video_urls', 'reference_audio_urls', 'duration', 'resolution', 'ratio'];
const H3_RATIOS = ['adaptive', '16:9', '9:16', '1:1', '4:3', '3:4', '21:9'];
const H3_REFERENCES = { reference_image_urls: 9, reference_video_urls: 3, reference_audio_urls: 3 };
const WORDS = { queued: 'starting', running: 'processing', succeeded: 'succeeded', failed: 'failed', cancelled: 'canceled' };

const newId = () => crypto.randomBytes(13).toString('base64url').toLowerCase().replace(/[^a-z0-9]/g, 'x').slice(0, 26);
const problem = (status, title, detail) => ({ status, json: { title, detail: detail ?? title, status } });
const TITLES = { 400: 'Bad request', 401: 'Unauthenticated', 402: 'Insufficient credit', 404: 'Not found', 422: 'Input validation failed', 429: 'Request was throttled.', 500: 'Internal server error' };

function keyOf(call) {
	return /^Bearer\s+(\S+)/i.exec(call.headers.authorization ?? '')?.[1];
}

function authenticate(call) {
	return keyOf(call) === API_KEY ? null : problem(401, 'Unauthenticated', 'You did not pass a valid authentication token');
}

function errorReply(fault) {
	const status = fault.httpStatus ?? (typeof fault.code === 'number' && fault.code >= 400 ? fault.code : fault.code ? 400 : 500);
	return problem(status, TITLES[status] ?? 'Error', typeof fault.code === 'string' ? fault.code : undefined);
}

function rateLimitReply({ retryAfterSeconds } = {}) {
	const reply = problem(429, TITLES[429], `Request was throttled. Expected available in ${retryAfterSeconds ?? 1} second.`);
	if (retryAfterSeconds) reply.headers = { 'retry-after': String(retryAfterSeconds) };
	return reply;
}

// ----- predictions -----

/** A Hailuo 3 input as its schema (and MiniMax behind it) takes it; the problem in Replicate's words, or null. */
function hailuo3Problem(input, emu) {
	const extra = Object.keys(input).find((field) => !H3_INPUTS.includes(field));
	if (extra) return `${extra}: Additional property ${extra} is not allowed`;
	if (input.duration !== undefined && !(Number.isInteger(input.duration) && input.duration >= 4 && input.duration <= 15)) return 'duration: must be an integer from 4 to 15';
	if (input.resolution !== undefined && !['768P', '2K'].includes(input.resolution)) return 'resolution: resolution must be one of the following: "768P", "2K"';
	if (input.ratio !== undefined && !H3_RATIOS.includes(input.ratio)) return `ratio: ratio must be one of the following: ${H3_RATIOS.map((r) => `"${r}"`).join(', ')}`;
	for (const [field, max] of Object.entries(H3_REFERENCES)) {
		const list = input[field] ?? [];
		if (!Array.isArray(list) || list.some((url) => typeof url !== 'string' || !url)) return `${field}: must be an array of URIs`;
		if (list.length > max) return `${field}: at most ${max} items`;
	}
	const count = (field) => (input[field] ?? []).length;
	const references = count('reference_image_urls') + count('reference_video_urls') + count('reference_audio_urls');
	const frames = input.first_frame_image !== undefined || input.last_frame_image !== undefined;
	if (frames && references) return 'E006: frames cannot be combined with reference media';
	if (references > 12) return 'reference_image_urls: at most 12 reference files in all';
	if (count('reference_audio_urls') && !count('reference_image_urls') && !count('reference_video_urls')) return 'reference_audio_urls: reference audio needs a reference image or video';
	if (!frames && !references && (input.ratio ?? 'adaptive') === 'adaptive') return 'ratio: text to video needs a concrete ratio';
	for (const field of ['first_frame_image', 'last_frame_image']) {
		if (input[field] === undefined) continue;
		const found = emu.imageProblem(input[field], { allowDataUrl: true });
		if (found) return `${field}: ${found}`;
	}
	for (const url of input.reference_image_urls ?? []) {
		const found = emu.imageProblem(url, { allowDataUrl: true });
		if (found) return `reference_image_urls: ${found}`;
	}
	return null;
}

function inputProblem(model, input, emu) {
	if (!input || typeof input !== 'object' || Array.isArray(input)) return 'input is required';
	if (typeof input.prompt !== 'string' || !input.prompt) return 'prompt is required';
	if (model.hailuo3) return hailuo3Problem(input, emu);
	if (input.last_frame_image !== undefined && !model.lastFrame) return 'last_frame_image: Additional property last_frame_image is not allowed';
	for (const field of ['first_frame_image', 'last_frame_image']) {
		if (input[field] === undefined) continue;
		const found = emu.imageProblem(input[field], { allowDataUrl: true });
		if (found) return `${field}: ${found}`;
	}
	const resolution = input.resolution ?? model.defaultResolution;
	const durations = model.resolutions[resolution];
	if (!durations) return `resolution: resolution must be one of the following: ${Object.keys(model.resolutions).map((r) => `"${r}"`).join(', ')}`;
	if (resolution === '512p' && !input.first_frame_image) return 'resolution: 512p needs first_frame_image';
	const duration = input.duration ?? 6;
	if (!durations.includes(duration)) return `duration: ${duration} is not available at ${resolution} (${durations.join(', ')})`;
	return null;
}

function predictionOf(task, emu, baseUrl) {
	const { phase } = emu.phaseOf(task);
	const body = {
		id: task.id,
		model: task.model,
		version: 'hailuo',
		input: task.input,
		logs: '',
		output: phase === 'succeeded' ? emu.videoUrl(task) : null,
		error: phase === 'failed' ? (task.failure.message ?? `Prediction failed${task.failure.code === undefined ? '' : ` (${task.failure.code})`}`) : null,
		status: task.runningWord && phase === 'running' ? task.runningWord : WORDS[phase],
		created_at: new Date(task.createdAt).toISOString(),
		urls: { get: `${baseUrl}/v1/predictions/${task.id}`, cancel: `${baseUrl}/v1/predictions/${task.id}/cancel` },
	};
	if (phase === 'succeeded' || phase === 'failed' || phase === 'cancelled') body.completed_at = new Date().toISOString();
	return body;
}

function create(call) {
	const modelId = `${call.params.owner}/${call.params.name}`;
	const model = MODELS[modelId];
	if (!model) return problem(404, 'Not found', `Model ${modelId} not found`);
	if (call.bodyError) return problem(400, 'Bad request', call.bodyError);
	const { input, webhook, webhook_events_filter: filter } = call.body ?? {};
	const found = inputProblem(model, input, call.emu);
	if (found) return problem(422, 'Input validation failed', found);
	if (webhook !== undefined && !/^https?:\/\/\S+$/i.test(String(webhook))) return problem(422, 'Invalid webhook', 'webhook must be an https URL');
	const task = call.emu.createTask(provider, {
		model: modelId,
		prompt: input.prompt,
		input,
		callbackUrl: webhook,
		webhookEvents: filter ?? ['start', 'output', 'logs', 'completed'],
	});
	return { status: 201, json: predictionOf(task, call.emu, call.baseUrl.replace(/\/v1$/, '')) };
}

function get(call) {
	const task = call.emu.getTask('replicate', call.params.id);
	if (!task) return problem(404, 'Not found', 'Prediction not found');
	return { json: predictionOf(task, call.emu, call.baseUrl.replace(/\/v1$/, '')) };
}

function cancel(call) {
	const task = call.emu.getTask('replicate', call.params.id);
	if (!task) return problem(404, 'Not found', 'Prediction not found');
	const { phase } = call.emu.phaseOf(task);
	if (phase === 'queued' || phase === 'running') call.emu.cancelTask(provider, task);
	return { json: predictionOf(task, call.emu, call.baseUrl.replace(/\/v1$/, '')) };
}

// ----- files, account, webhook secret -----

const files = new Map();

function fileBody(id, call) {
	const { name, contentType, size } = files.get(id);
	return { id, name, content_type: contentType, size, urls: { get: `${call.baseUrl}/files/${id}` } };
}

function uploadFile(call) {
	const file = call.multipart?.files?.find((f) => f.name === 'content');
	if (!file) return problem(400, 'Bad request', 'content is required');
	const id = crypto.randomBytes(8).toString('hex');
	files.set(id, { name: file.filename, contentType: file.contentType, size: file.data.length });
	return { status: 201, json: fileBody(id, call) };
}

/** A file's metadata (with a token); models read its content themselves. */
function getFile(call) {
	return files.has(call.params.id) ? { json: fileBody(call.params.id, call) } : problem(404, 'Not found', 'File not found');
}

const account = () => ({ json: { type: 'user', username: 'emu', name: 'Emulator', github_url: null } });
const secret = () => ({ json: { key: WEBHOOK_SECRET } });

// ----- webhooks -----

/** The Standard Webhooks headers Replicate sends with a body. */
function webhookHeaders(body, timestamp = String(Math.floor(Date.now() / 1000)), id = `msg_${crypto.randomBytes(12).toString('hex')}`) {
	const key = Buffer.from(WEBHOOK_SECRET.slice('whsec_'.length), 'base64');
	const signature = crypto.createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64');
	return { 'webhook-id': id, 'webhook-timestamp': timestamp, 'webhook-signature': `v1,${signature}` };
}

function onTaskEvent(event, task, emu) {
	if (!task.callbackUrl) return;
	const kind = { created: 'start', succeeded: 'completed', failed: 'completed', cancelled: 'completed' }[event];
	if (!kind || !task.webhookEvents.includes(kind)) return;
	const body = JSON.stringify(predictionOf(task, emu, emu.baseUrl('replicate').replace(/\/v1$/, '')));
	emu.postCallback(task, task.callbackUrl, body, webhookHeaders(body));
}

const provider = {
	id: 'replicate',
	prefix: '/replicate',
	baseUrlSuffix: '/v1',
	apiKey: API_KEY,
	variants: {},
	newTaskId: newId,
	webhookHeaders,
	keyOf,
	authenticate,
	errorReply,
	rateLimitReply,
	onTaskEvent,
	unknownPath: () => problem(404, 'Not found'),
	routes: [
		{ method: 'POST', path: '/v1/models/:owner/:name/predictions', faults: ['create'], handle: create },
		{ method: 'GET', path: '/v1/predictions/:id', faults: ['status'], handle: get },
		{ method: 'POST', path: '/v1/predictions/:id/cancel', handle: cancel },
		{ method: 'POST', path: '/v1/files', faults: ['upload'], handle: uploadFile },
		{ method: 'GET', path: '/v1/files/:id', handle: getFile },
		{ method: 'GET', path: '/v1/account', handle: account },
		{ method: 'GET', path: '/v1/webhooks/default/secret', handle: secret },
	],
};

module.exports = provider;
