// Atlas Cloud. Real base: https://api.atlascloud.ai
// Docs: https://www.atlascloud.ai/docs/predictions , /docs/upload-files , /docs/webhooks , /docs/errors
//
// Hailuo 3: https://www.atlascloud.ai/models/minimax/h3-max/image-to-video and Atlas's ComfyUI H3 nodes
// (https://github.com/farhadzamanivfx-ui/atlascloud_comfyui, nodes/video/minimax_h3_*.py).
//
// Errors are real HTTP statuses with {code, msg, request_id, data:null}; an async failure is HTTP 200
// with data.status "failed". Hailuo 2.x: resolution is implied by the model id (standard ≈ 768P, pro ≈ 1080P).
// Hailuo 3 takes `resolution` (H3 2K only; H3-Max 480P | 768P), `duration` 5–15, `ratio`, `image`/`end_image`
// (image to video), `refers: [{url, type?}]` (reference to video) and, on H3-Max, `prompt_expansion`.
'use strict';

const crypto = require('node:crypto');

const API_KEY = 'emu-atlas-key';

const MESSAGES = {
	400: 'Bad Request',
	401: 'Unauthorized: invalid or missing API key',
	402: 'Insufficient balance',
	403: 'Forbidden',
	404: 'Not Found',
	413: 'Request Entity Too Large: body exceeds 50 MB',
	429: 'Too Many Requests',
	451: 'Content refused by moderation',
	500: 'Internal Server Error',
	503: 'Service Unavailable',
	504: 'Gateway Timeout',
	1039: 'Content flagged by moderation',
	5000: 'Video generation failed',
};

// The Hailuo model pages (https://www.atlascloud.ai/models/minimax/...). `image`: required | optional | absent; `durations`: accepted `duration` values.
const STANDARD = [6, 10];
const PRO = [6];
const MODELS = {
	'minimax/hailuo-2.3/t2v-standard': { image: 'absent', durations: STANDARD },
	'minimax/hailuo-2.3/t2v-pro': { image: 'absent', durations: PRO },
	'minimax/hailuo-2.3/i2v-standard': { image: 'required', durations: STANDARD },
	'minimax/hailuo-2.3/i2v-pro': { image: 'required', durations: PRO },
	'minimax/hailuo-2.3/fast': { image: 'required', durations: STANDARD },
	'minimax/hailuo-02/t2v-standard': { image: 'absent', durations: STANDARD },
	'minimax/hailuo-02/t2v-pro': { image: 'absent', durations: PRO },
	'minimax/hailuo-02/standard': { image: 'optional', durations: STANDARD },
	'minimax/hailuo-02/i2v-standard': { image: 'required', durations: STANDARD, endImage: true },
	'minimax/hailuo-02/i2v-pro': { image: 'required', durations: PRO },
	'minimax/hailuo-02/pro': { image: 'optional', durations: PRO },
	'minimax/hailuo-02/fast': { image: 'required', durations: STANDARD },
};
// Hailuo 3 ids: `kind` t2v | i2v | r2v, the resolutions (the first is the default) and ratios each takes.
const H3_RATIOS = ['21:9', '16:9', '4:3', '1:1', '3:4', '9:16'];
const H3_MODELS = {
	'minimax/h3/text-to-video': { kind: 't2v', resolutions: ['2K'], ratios: H3_RATIOS },
	'minimax/h3/image-to-video': { kind: 'i2v', resolutions: ['2K'], ratios: ['adaptive', ...H3_RATIOS] },
	'minimax/h3/reference-to-video': { kind: 'r2v', resolutions: ['2K'], ratios: ['adaptive', ...H3_RATIOS] },
	'minimax/h3-max/text-to-video': { kind: 't2v', resolutions: ['768P', '480P'], ratios: H3_RATIOS, promptExpansion: true },
	'minimax/h3-max/image-to-video': { kind: 'i2v', resolutions: ['768P', '480P'], ratios: ['adaptive'], promptExpansion: true },
};
const H3_FIELDS = {
	t2v: ['prompt', 'resolution', 'duration', 'ratio'],
	i2v: ['prompt', 'image', 'end_image', 'resolution', 'duration', 'ratio'],
	r2v: ['prompt', 'refers', 'resolution', 'duration', 'ratio'],
};
// MiniMax's reference limits (Atlas proxies its API): 9 images, 3 videos, 3 audio clips, 12 in all, audio never alone.
const REFERENCE_LIMITS = { image: 9, video: 3, audio: 3 };
const MAX_REFERENCES = 12;
// The Atlas tooltip lists JPG/JPEG/PNG only (no WebP, unlike MiniMax).
const IMAGE_FORMATS = ['jpeg', 'png'];

const newId = () => crypto.randomBytes(16).toString('hex');

function errorBody(code, status, message) {
	return { code, msg: message ?? MESSAGES[code] ?? MESSAGES[status] ?? 'Error', request_id: newId(), data: null };
}
const httpError = (status, message) => ({ status, json: errorBody(status, status, message) });

/** The presented API key (Bearer), for auth and for the emulator's per-credential rate windows. */
function keyOf(call) {
	return /^Bearer\s+(\S+)/i.exec(call.headers.authorization ?? '')?.[1];
}

function authenticate(call) {
	return keyOf(call) === API_KEY ? null : httpError(401);
}

/** failNext / @reject: an HTTP-like code is used as the status; another code rides in a 400 (or httpStatus). */
function errorReply(fault) {
	const httpLike = typeof fault.code === 'number' && fault.code >= 400 && fault.code <= 599;
	const status = fault.httpStatus ?? (httpLike ? fault.code : fault.code !== undefined ? 400 : 500);
	return { status, json: errorBody(fault.code ?? status, status) };
}

// ----- create -----

const isHttpUrl = (value) => typeof value === 'string' && /^https?:\/\/\S+$/i.test(value);

/** A reference's kind: its `type`, else guessed from the URL's extension as Atlas would have to. */
function referenceKind(refer) {
	if (refer.type !== undefined) return refer.type;
	if (/\.(mp4|mov)(\?|$)/i.test(refer.url)) return 'video';
	if (/\.(mp3|wav)(\?|$)/i.test(refer.url)) return 'audio';
	return 'image';
}

function refersProblem(refers, emu) {
	if (!Array.isArray(refers) || refers.length === 0) return 'refers is required (at least one image or video)';
	if (refers.length > MAX_REFERENCES) return `refers takes at most ${MAX_REFERENCES} files`;
	const counts = { image: 0, video: 0, audio: 0 };
	for (const refer of refers) {
		if (!refer || typeof refer !== 'object' || typeof refer.url !== 'string' || !refer.url) return 'each refers item must be {"url": "...", "type"?: "image"|"video"|"audio"}';
		const kind = referenceKind(refer);
		if (!(kind in counts)) return `refers type must be image, video or audio (got ${JSON.stringify(refer.type)})`;
		counts[kind] += 1;
		if (kind === 'image') {
			const problem = emu.imageProblem(refer.url, { formats: IMAGE_FORMATS });
			if (problem) return `refers image ${problem}`;
		} else if (!isHttpUrl(refer.url)) return `refers ${kind} must be an http(s) URL`;
	}
	for (const [kind, max] of Object.entries(REFERENCE_LIMITS)) if (counts[kind] > max) return `refers takes at most ${max} ${kind} files`;
	if (counts.audio && !counts.image && !counts.video) return 'refers audio needs an image or a video reference';
	return null;
}

function hailuo3Problem(body, model, emu) {
	const allowed = new Set(['model', 'webhook_url', ...H3_FIELDS[model.kind], ...(model.promptExpansion ? ['prompt_expansion'] : [])]);
	const unknown = Object.keys(body).find((field) => body[field] !== undefined && !allowed.has(field));
	if (unknown) return `${unknown} is not a parameter of ${body.model}`;
	if (typeof body.prompt !== 'string' || !body.prompt.trim()) return 'prompt is required';
	if (body.prompt.length > 7000) return 'prompt must be at most 7000 characters';
	if (body.resolution !== undefined && !model.resolutions.includes(body.resolution)) return `supported resolutions: ${model.resolutions.join(', ')}`;
	if (body.duration !== undefined && !(Number.isInteger(body.duration) && body.duration >= 5 && body.duration <= 15)) return 'duration must be an integer from 5 to 15';
	if (body.ratio !== undefined && !model.ratios.includes(body.ratio)) return `ratio must be one of ${model.ratios.join(', ')}`;
	if (body.prompt_expansion !== undefined && typeof body.prompt_expansion !== 'boolean') return 'prompt_expansion must be a boolean';
	if (model.kind === 'i2v') {
		if (!body.image) return 'image is required';
		for (const field of ['image', 'end_image']) {
			if (body[field] === undefined) continue;
			const problem = emu.imageProblem(body[field], { formats: IMAGE_FORMATS });
			if (problem) return `${field} ${problem}`;
		}
	}
	if (model.kind === 'r2v') return refersProblem(body.refers, emu);
	return null;
}

function validateCreate(body, emu) {
	if (!body || typeof body !== 'object' || Array.isArray(body)) return 'request body must be a JSON object';
	if (body.webhook_url !== undefined && !isHttpUrl(body.webhook_url)) return 'webhook_url must be an http(s) URL';
	if (H3_MODELS[body.model]) return hailuo3Problem(body, H3_MODELS[body.model], emu);
	const model = MODELS[body.model];
	if (!model) return `model must be one of the Hailuo ids (got ${JSON.stringify(body.model)})`;
	if (body.prompt !== undefined && typeof body.prompt !== 'string') return 'prompt must be a string';
	if (model.image === 'required' && !body.image) return 'image is required';
	if (model.image === 'absent' && body.image !== undefined) return `${body.model} does not take an image`;
	if (!body.prompt && model.image !== 'required' && !body.image) return 'prompt is required';
	for (const field of ['image', ...(model.endImage ? ['end_image'] : [])]) {
		if (body[field] === undefined) continue;
		const problem = emu.imageProblem(body[field], { formats: IMAGE_FORMATS });
		if (problem) return `${field} ${problem}`;
	}
	if (body.duration !== undefined && !model.durations.includes(body.duration)) {
		return `duration must be one of ${model.durations.join(', ')} (integer) for ${body.model}`;
	}
	for (const flag of ['enable_prompt_expansion', 'go_fast']) {
		if (body[flag] !== undefined && typeof body[flag] !== 'boolean') return `${flag} must be a boolean`;
	}
	return null;
}

function generateVideo(call) {
	if (call.bodyError) return httpError(400, call.bodyError);
	// One docs example wraps the parameters in "input"; the main form is flat. Accept both.
	const body =
		call.body?.input && typeof call.body.input === 'object'
			? { ...call.body.input, ...call.body, input: undefined }
			: call.body;
	const problem = validateCreate(body, call.emu);
	if (problem) return httpError(400, problem);
	const task = call.emu.createTask(provider, {
		id: newId(),
		model: body.model,
		prompt: body.prompt,
		// Hailuo 3's default is 8 s (the H3 nodes), Hailuo 2.x's 6 s.
		duration: body.duration ?? (H3_MODELS[body.model] ? 8 : 6),
		callbackUrl: body.webhook_url,
	});
	return { json: envelope(prediction(task, call), call.variants) };
}

// ----- prediction -----

const STATUS_WORDS = { queued: 'created', running: 'processing', failed: 'failed' };

function prediction(task, call) {
	const { phase } = call.emu.phaseOf(task);
	const v = call.variants;
	const status =
		phase === 'succeeded'
			? v.successWord
			: phase === 'running'
				? (task.runningWord ?? 'processing')
				: STATUS_WORDS[phase];
	const done = phase === 'succeeded';
	const body = {
		[v.idField]: task.id,
		model: task.model,
		status,
		[v.outputField]: done
			? v.outputField === 'output'
				? call.emu.videoUrl(task)
				: [call.emu.videoUrl(task)]
			: v.outputField === 'output'
				? null
				: [],
		urls: { get: `${call.baseUrl}/api/v1/model/prediction/${task.id}` },
		error: phase === 'failed' ? failureMessage(task) : '',
		error_code: phase === 'failed' ? failureCode(task) : null,
		created_at: new Date(task.createdAt).toISOString(),
		metrics: done ? { predict_time: task.durationMs / 1000 } : {},
	};
	return body;
}

const failureCode = (task) => (task.failure.code === undefined ? 5000 : task.failure.code);
const failureMessage = (task) => MESSAGES[failureCode(task)] ?? `Video generation failed (${failureCode(task)})`;

/** Default {code:200, message, data:{…}}; the "bare" variant answers the prediction object itself. */
function envelope(data, variants) {
	return variants.envelope === 'bare' ? data : { code: 200, message: 'success', data };
}

function getPrediction(call) {
	const task = call.emu.getTask('atlasCloud', call.params.id);
	// Right after creation the real endpoint may briefly not know the id (as Atlas's own clients allow for): `notFoundForMs`.
	const tooEarly = task && Date.now() - task.createdAt < call.variants.notFoundForMs;
	if (!task || tooEarly) return httpError(404, 'prediction not found');
	return { json: envelope(prediction(task, call), call.variants) };
}

// ----- upload -----

function uploadMedia(call) {
	const file = call.multipart?.files.find((f) => f.name === 'file');
	if (!file) return httpError(400, call.bodyError ?? 'multipart/form-data with a "file" field is required');
	const url = call.emu.storeUpload(file);
	if (call.variants.uploadShape === 'url') return { json: { url } };
	return {
		json: {
			code: 200,
			message: 'success',
			data: { type: file.contentType, download_url: url, filename: file.filename, size: file.data.length },
		},
	};
}

// ----- model lists -----

function listModels() {
	// OpenAI-compatible list at /v1/models (what Atlas's own n8n credential tests against).
	return {
		json: { object: 'list', data: [...Object.keys(MODELS), ...Object.keys(H3_MODELS)].map((id) => ({ id, object: 'model', owned_by: 'minimax' })) },
	};
}

function listMediaModels(call) {
	const data = [...Object.keys(MODELS), ...Object.keys(H3_MODELS)].map((model) => ({
		model,
		type: 'Video',
		schema: `${call.baseUrl}/api/v1/models/${model}/schema`,
	}));
	return { json: { code: 200, message: 'success', data } };
}

// ----- webhook: one signed POST at the terminal state -----

// A fixed key (from a published seed, as a test fixture), so tests in another process can sign webhooks too.
const WEBHOOK_PRIVATE_KEY = crypto.createPrivateKey({
	key: Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), crypto.createHash('sha256').update('hailuo emulator: Atlas Cloud webhooks').digest()]),
	format: 'der',
	type: 'pkcs8',
});
const WEBHOOK_KEYS = { privateKey: WEBHOOK_PRIVATE_KEY, publicKey: crypto.createPublicKey(WEBHOOK_PRIVATE_KEY) };
const WEBHOOK_KEY_ID = 'emu-webhook-key-1';

/** The headers Atlas Cloud sends with a webhook body: Ed25519 over "{timestamp}.{body}". */
function webhookHeaders(body, timestamp = String(Math.floor(Date.now() / 1000))) {
	return {
		'x-atlascloud-webhook-event': 'video.task.terminal',
		'x-atlascloud-webhook-id': newId(),
		'x-atlascloud-webhook-timestamp': timestamp,
		'x-atlascloud-webhook-signature-ed25519': crypto.sign(null, Buffer.from(`${timestamp}.${body}`), WEBHOOK_KEYS.privateKey).toString('base64url'),
		'x-atlascloud-webhook-key-id': WEBHOOK_KEY_ID,
	};
}

function jwks() {
	return {
		json: {
			keys: [{ ...WEBHOOK_KEYS.publicKey.export({ format: 'jwk' }), kid: WEBHOOK_KEY_ID, use: 'sig', alg: 'EdDSA' }],
		},
	};
}

function onTaskEvent(event, task, emu) {
	if (!task.callbackUrl || !['succeeded', 'failed'].includes(event)) return;
	const ok = event === 'succeeded';
	const body = JSON.stringify({
		session_id: task.id,
		status: ok ? 'OK' : 'ERROR',
		event_type: 'video.task.terminal',
		payload: { status: ok ? 'completed' : 'failed', outputs: ok ? [emu.videoUrl(task)] : [] },
		error: ok ? null : failureMessage(task),
	});
	emu.postCallback(task, task.callbackUrl, body, webhookHeaders(body));
}

const provider = {
	id: 'atlasCloud',
	prefix: '/atlascloud',
	apiKey: API_KEY,
	variants: {
		envelope: { default: 'data', values: ['data', 'bare'] },
		idField: { default: 'id', values: ['id', 'prediction_id'] },
		successWord: { default: 'completed', values: ['completed', 'succeeded'] },
		outputField: { default: 'outputs', values: ['outputs', 'output'] },
		uploadShape: { default: 'data.download_url', values: ['data.download_url', 'url'] },
		notFoundForMs: { default: 0 },
	},
	newTaskId: newId,
	webhookHeaders,
	keyOf,
	authenticate,
	errorReply,
	onTaskEvent,
	// Atlas answers 401 for wrong paths too (errors page).
	unknownPath: () => httpError(401),
	routes: [
		{ method: 'POST', path: '/api/v1/model/generateVideo', faults: ['create'], handle: generateVideo },
		{ method: 'GET', path: '/api/v1/model/prediction/:id', faults: ['status'], handle: getPrediction },
		{ method: 'POST', path: '/api/v1/model/uploadMedia', faults: ['upload'], handle: uploadMedia },
		{ method: 'GET', path: '/v1/models', handle: listModels },
		{ method: 'GET', path: '/api/v1/models', auth: false, handle: listMediaModels },
		{ method: 'GET', path: '/api/v1/webhooks/jwks.json', auth: false, handle: jwks },
	],
};

module.exports = provider;
