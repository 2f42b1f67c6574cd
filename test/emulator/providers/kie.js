// Kie.ai. Real hosts: https://api.kie.ai (Market API), https://kieai.redpandaai.co (File Upload API).
// Under the emulator they share one mount: the API at its root, the upload host under /upload, as the Kie
// credential's Base URL override maps them.
// Docs: https://docs.kie.ai , https://docs.kie.ai/market/hailuo/2-3-image-to-video-standard (and the sibling
// Hailuo pages), https://docs.kie.ai/market/minimax-h3/text-to-video (also image-to-video, reference-to-video),
// https://docs.kie.ai/market/common/get-task-detail , https://docs.kie.ai/common-api/get-account-credits ,
// https://docs.kie.ai/common-api/webhook-verification , https://docs.kie.ai/file-upload-api/upload-file-stream
//
// One create endpoint for every model (`model` + `input`, `callBackUrl`) answering `{ code, msg, data: { taskId } }`;
// `recordInfo?taskId=` answers the task: state waiting → queuing → generating → success | fail, `resultJson` a
// JSON string with `resultUrls`. Errors are `{ code, msg }` with the code in the body and (variant `errorStatus`)
// HTTP 200 or the same HTTP status. Hailuo 3 (`minimax-h3/*`): `duration` an integer 4–15, `resolution` 768P | 2K,
// `aspect_ratio` (required for text to video), `first_frame_url`/`last_frame_url` (image to video),
// `reference_{image,video,audio}_urls` (reference to video), prompt ≤ 7000. `callBackUrl`: one POST of the query's answer at the end (code 501 when the
// task failed), signed as if the account had enabled it: X-Webhook-Signature = base64 HMAC-SHA256 over
// "{taskId}.{X-Webhook-Timestamp}" with the account's webhookHmacKey.
'use strict';

const crypto = require('node:crypto');

const API_KEY = 'emu-kie-key';
// Fixed, so tests in another process can sign callbacks too.
const WEBHOOK_HMAC_KEY = crypto.createHash('sha256').update('hailuo emulator: Kie.ai callbacks').digest('hex').slice(0, 32);

const HAILUO_23 = { image: 'required', durations: { '768P': ['6', '10'], '1080P': ['6'] }, optimizer: false, promptMax: 5000 };
// `image`: required | absent; `durations` by accepted `resolution` (`fixed`: no resolution field, that one implied;
// no duration field where the list is empty); `endImage`: takes end_image_url; `optimizer`: takes prompt_optimizer.
const MODELS = {
	'hailuo/2-3-image-to-video-standard': HAILUO_23,
	'hailuo/2-3-image-to-video-pro': HAILUO_23,
	'hailuo/02-text-to-video-standard': { image: 'absent', durations: { '768P': ['6', '10'] }, fixed: true, optimizer: true, promptMax: 1500 },
	'hailuo/02-text-to-video-pro': { image: 'absent', durations: { '1080P': [] }, fixed: true, optimizer: true, promptMax: 1500 },
	'hailuo/02-image-to-video-standard': { image: 'required', durations: { '512P': ['6', '10'], '768P': ['6', '10'] }, endImage: true, optimizer: true, promptMax: 1500 },
	// The pro form takes a last frame too (https://kie.ai/hailuo-api).
	'hailuo/02-image-to-video-pro': { image: 'required', durations: { '1080P': [] }, fixed: true, endImage: true, optimizer: true, promptMax: 1500 },
};

// Hailuo 3 ids: `kind` t2v | i2v | r2v and the ratios each takes (none: no aspect_ratio field).
const H3_RATIOS = ['21:9', '16:9', '4:3', '1:1', '3:4', '9:16'];
const H3_MODELS = {
	'minimax-h3/text-to-video': { kind: 't2v', ratios: H3_RATIOS },
	'minimax-h3/image-to-video': { kind: 'i2v' },
	'minimax-h3/reference-to-video': { kind: 'r2v', ratios: ['adaptive', ...H3_RATIOS] },
};
const H3_FIELDS = {
	t2v: ['prompt', 'duration', 'resolution', 'aspect_ratio'],
	i2v: ['prompt', 'duration', 'resolution', 'first_frame_url', 'last_frame_url'],
	r2v: ['prompt', 'duration', 'resolution', 'aspect_ratio', 'reference_image_urls', 'reference_video_urls', 'reference_audio_urls'],
};
// MiniMax's reference limits, as Kie's reference page states them: 9 images, 3 videos, 3 audio clips, 12 in all.
const REFERENCE_LIMITS = { reference_image_urls: 9, reference_video_urls: 3, reference_audio_urls: 3 };

const MESSAGES = {
	400: 'Bad request',
	401: 'You do not have access permissions',
	402: 'Credits insufficient',
	404: 'Not found',
	422: 'Validation error',
	429: 'Rate limited',
	455: 'Service unavailable',
	500: 'Server error',
	501: 'Generation failed',
	505: 'Feature disabled',
};

const newTaskId = () => `task_hailuo_${crypto.randomBytes(8).toString('hex')}`;

function keyOf(call) {
	return /^Bearer\s+(\S+)/i.exec(call.headers.authorization ?? '')?.[1];
}

/** Kie's error answer: the code in the body, and as the HTTP status only in the `http` variant. */
function kieError(code, msg, variants = {}) {
	const status = variants.errorStatus === 'http' && code >= 400 && code <= 599 ? code : 200;
	return { status, json: { code, msg: msg ?? MESSAGES[code] ?? 'Error', data: null } };
}

function authenticate(call) {
	return keyOf(call) === API_KEY ? null : kieError(401, undefined, call.variants);
}

/** failNext / @reject: a Kie code is used as given (in the body); `httpStatus` sets the HTTP status too. */
function errorReply(fault) {
	const code = typeof fault.code === 'number' ? fault.code : fault.httpStatus ?? 500;
	const reply = kieError(code, typeof fault.code === 'string' ? fault.code : undefined);
	if (fault.httpStatus) reply.status = fault.httpStatus;
	return reply;
}

/** Over a `rateLimits` window: code 429 (Retry-After on request). */
function rateLimitReply({ retryAfterSeconds } = {}) {
	const reply = kieError(429);
	if (retryAfterSeconds) reply.headers = { 'retry-after': String(retryAfterSeconds) };
	return reply;
}

// ----- create -----

function hailuo3Problem(input, model, emu, variants) {
	const allowed = new Set(H3_FIELDS[model.kind]);
	const unknown = Object.keys(input).find((field) => !allowed.has(field));
	if (unknown) return `input.${unknown} is not a parameter of this model`;
	if (typeof input.prompt !== 'string' || !input.prompt) return 'input.prompt is required';
	if (input.prompt.length > 7000) return 'input.prompt must be at most 7000 characters';
	if (input.duration !== undefined && !(Number.isInteger(input.duration) && input.duration >= 4 && input.duration <= 15)) return 'input.duration must be an integer from 4 to 15';
	if (input.resolution !== undefined && !['768P', '2K'].includes(input.resolution)) return 'input.resolution must be one of 768P, 2K';
	if (model.kind === 't2v' && input.aspect_ratio === undefined) return 'input.aspect_ratio is required';
	if (input.aspect_ratio !== undefined && !model.ratios.includes(input.aspect_ratio)) return `input.aspect_ratio must be one of ${model.ratios.join(', ')}`;
	const image = (field, url) => {
		const problem = emu.imageProblem(url, { allowDataUrl: variants.acceptDataUrl });
		return problem && `input.${field} ${problem}`;
	};
	if (model.kind === 'i2v') {
		if (!input.first_frame_url) return 'input.first_frame_url is required';
		for (const field of ['first_frame_url', 'last_frame_url']) {
			const problem = input[field] !== undefined && image(field, input[field]);
			if (problem) return problem;
		}
	}
	if (model.kind === 'r2v') {
		let total = 0;
		for (const [field, max] of Object.entries(REFERENCE_LIMITS)) {
			const urls = input[field] ?? [];
			if (!Array.isArray(urls) || urls.some((url) => typeof url !== 'string' || !url)) return `input.${field} must be a list of URLs`;
			if (urls.length > max) return `input.${field} takes at most ${max} URLs`;
			total += urls.length;
		}
		for (const url of input.reference_image_urls ?? []) {
			const problem = image('reference_image_urls', url);
			if (problem) return problem;
		}
		if (total > 12) return 'at most 12 reference files in all';
		if (!input.reference_image_urls?.length && !input.reference_video_urls?.length) return 'a reference image or video is required (audio never alone)';
	}
	return null;
}

function inputProblem(body, emu, variants) {
	if (!body || typeof body !== 'object' || Array.isArray(body)) return 'request body must be a JSON object';
	const h3 = H3_MODELS[body.model];
	const model = MODELS[body.model];
	if (!model && !h3) return `model is not supported: ${JSON.stringify(body.model)}`;
	if (body.callBackUrl !== undefined && !/^https?:\/\/\S+$/i.test(String(body.callBackUrl))) return 'callBackUrl must be an http(s) URL';
	const input = body.input;
	if (!input || typeof input !== 'object') return 'input is required';
	if (h3) return hailuo3Problem(input, h3, emu, variants);
	if (typeof input.prompt !== 'string' || !input.prompt) return 'input.prompt is required';
	if (input.prompt.length > model.promptMax) return `input.prompt must be at most ${model.promptMax} characters`;
	if (model.image === 'required' && !input.image_url) return 'input.image_url is required';
	if (model.image === 'absent' && input.image_url !== undefined) return 'input.image_url is not a parameter of this model';
	if (input.end_image_url !== undefined && !model.endImage) return 'input.end_image_url is not a parameter of this model';
	for (const field of ['image_url', 'end_image_url']) {
		if (input[field] === undefined) continue;
		const problem = emu.imageProblem(input[field], { allowDataUrl: variants.acceptDataUrl });
		if (problem) return `input.${field} ${problem}`;
	}
	const resolutions = Object.keys(model.durations);
	if (model.fixed && input.resolution !== undefined) return 'input.resolution is not a parameter of this model';
	// Unset, the resolution is 768P where the model offers it (Kie's default), else its only one.
	const resolution = input.resolution ?? (resolutions.includes('768P') ? '768P' : resolutions[0]);
	const durations = model.durations[resolution];
	if (!durations) return `input.resolution must be one of ${resolutions.join(', ')}`;
	if (input.duration !== undefined) {
		if (typeof input.duration !== 'string') return 'input.duration must be a string: "6" or "10"';
		if (!durations.length) return 'input.duration is not a parameter of this model';
		if (!durations.includes(input.duration)) return `input.duration must be one of ${durations.map((d) => `"${d}"`).join(', ')} at ${resolution}`;
	}
	if (input.prompt_optimizer !== undefined && (!model.optimizer || typeof input.prompt_optimizer !== 'boolean')) {
		return model.optimizer ? 'input.prompt_optimizer must be a boolean' : 'input.prompt_optimizer is not a parameter of this model';
	}
	return null;
}

function createTask(call) {
	if (call.bodyError) return kieError(422, call.bodyError, call.variants);
	const problem = inputProblem(call.body, call.emu, call.variants);
	if (problem) return kieError(422, problem, call.variants);
	const task = call.emu.createTask(provider, { model: call.body.model, prompt: call.body.input.prompt, input: call.body.input, callbackUrl: call.body.callBackUrl });
	return { json: { code: 200, msg: 'success', data: { taskId: task.id } } };
}

// ----- recordInfo -----

function recordOf(task, emu) {
	const { phase, progress } = emu.phaseOf(task);
	const state =
		phase === 'queued' ? (progress < 0.5 ? 'waiting' : 'queuing') : phase === 'running' ? (task.runningWord ?? 'generating') : phase === 'succeeded' ? 'success' : 'fail';
	const done = phase === 'succeeded' || phase === 'failed';
	return {
		taskId: task.id,
		model: task.model,
		state,
		param: JSON.stringify({ model: task.model, callBackUrl: task.callbackUrl, input: task.input }),
		resultJson: phase === 'succeeded' ? JSON.stringify({ resultUrls: [emu.videoUrl(task)] }) : '',
		failCode: phase === 'failed' ? String(task.failure.code ?? '500') : '',
		failMsg: phase === 'failed' ? `Generation failed${task.failure.code === undefined ? '' : ` (${task.failure.code})`}` : '',
		costTime: done ? task.durationMs : null,
		completeTime: done ? task.startAt + task.durationMs : null,
		createTime: task.createdAt,
		updateTime: Date.now(),
	};
}

function recordInfo(call) {
	const task = call.query.taskId ? call.emu.getTask('kie', call.query.taskId) : undefined;
	if (!task) return kieError(422, 'recordInfo is null', call.variants);
	return { json: { code: 200, msg: 'success', data: recordOf(task, call.emu) } };
}

// ----- upload (the File Upload API's host, under /upload), credits -----

function fileStreamUpload(call) {
	const file = call.multipart?.files.find((f) => f.name === 'file');
	if (!file) return { status: 400, json: { success: false, code: 400, msg: call.bodyError ?? 'file is required' } };
	const fileName = call.multipart.fields.fileName || file.filename;
	const folder = call.multipart.fields.uploadPath ?? '';
	const url = call.emu.storeUpload({ ...file, filename: fileName });
	return {
		json: {
			success: true,
			code: 200,
			msg: 'File uploaded successfully',
			data: { fileName, filePath: `${folder}/${fileName}`, downloadUrl: url, fileSize: file.data.length, mimeType: file.contentType, uploadedAt: new Date().toISOString() },
		},
	};
}

const credit = () => ({ json: { code: 200, msg: 'success', data: 100 } });

// ----- callbacks -----

/** The headers Kie sends with a callback when the account enabled signing. */
function webhookHeaders(taskId, timestamp = String(Math.floor(Date.now() / 1000))) {
	const signature = crypto.createHmac('sha256', WEBHOOK_HMAC_KEY).update(`${taskId}.${timestamp}`).digest('base64');
	return { 'x-webhook-timestamp': timestamp, 'x-webhook-signature': signature };
}

function onTaskEvent(event, task, emu) {
	if (!task.callbackUrl || !['succeeded', 'failed'].includes(event)) return;
	const ok = event === 'succeeded';
	const body = JSON.stringify({ code: ok ? 200 : 501, msg: ok ? 'success' : MESSAGES[501], data: recordOf(task, emu) });
	emu.postCallback(task, task.callbackUrl, body, webhookHeaders(task.id));
}

const provider = {
	id: 'kie',
	prefix: '/kie',
	apiKey: API_KEY,
	webhookHmacKey: WEBHOOK_HMAC_KEY,
	variants: {
		// The docs give no HTTP status for errors: `body` answers 200 with the code in the body, `http` both.
		errorStatus: { default: 'body', values: ['body', 'http'] },
		// `image_url` is documented as a URL; true also takes data URLs.
		acceptDataUrl: { default: true, values: [true, false] },
	},
	newTaskId,
	webhookHeaders,
	keyOf,
	authenticate,
	errorReply,
	rateLimitReply,
	onTaskEvent,
	unknownPath: (call) => kieError(404, undefined, call.variants),
	routes: [
		{ method: 'POST', path: '/api/v1/jobs/createTask', faults: ['create'], handle: createTask },
		{ method: 'GET', path: '/api/v1/jobs/recordInfo', faults: ['status'], handle: recordInfo },
		{ method: 'POST', path: '/upload/api/file-stream-upload', faults: ['upload'], handle: fileStreamUpload },
		{ method: 'GET', path: '/api/v1/chat/credit', faults: ['status'], handle: credit },
	],
};

module.exports = provider;
