// SeaArt Cloud model API. Real base: https://cloud.seaart.ai
// Docs: https://cloud.seaart.ai/docs/model-api/multimodal/setup (submit, poll, result, cancel, errors) and
// https://cloud.seaart.ai/docs/api-reference/model-api/minimax/hailuo-2-3-i2v (and the other Hailuo pages)
//
// A fal-style queue per model id. COMPLETED is terminal for success and failure alike: a failure
// carries `error` + `error_type`. Invalid input is accepted at submit and fails as REQUEST_INVALID.
'use strict';

const crypto = require('node:crypto');

const API_KEY = 'emu-seaart-key';

// The Hailuo pages' ids and matrix: 10 s only at 768P (and 512P, which only 02 i2v has).
const BASE_RESOLUTIONS = { '768P': [6, 10], '1080P': [6] };
const MODELS = {
	minimax_hailuo_23_i2v: { mode: 'i2v', resolutions: BASE_RESOLUTIONS },
	minimax_hailuo_23_t2v: { mode: 't2v', resolutions: BASE_RESOLUTIONS },
	minimax_hailuo_23_fast_i2v: { mode: 'i2v', resolutions: BASE_RESOLUTIONS },
	minimax_hailuo_02_i2v: { mode: 'i2v', resolutions: { '512P': [6, 10], ...BASE_RESOLUTIONS }, lastFrame: true },
	minimax_hailuo_02_t2v: { mode: 't2v', resolutions: BASE_RESOLUTIONS },
};

const ERROR_MESSAGES = {
	INFERENCE_FAILURE: 'Inference failed',
	INFERENCE_TIMEOUT: 'Inference timed out',
	REQUEST_INVALID: 'Request is invalid',
	CONTENT_BLOCKED: 'Content blocked by moderation',
	CANCELED: 'Request was canceled',
	INTERNAL_SERVER_ERROR: 'Internal server error',
};
const GATEWAY = {
	UNAUTHORIZED: { status: 401, message: 'Invalid or missing API key' },
	RATE_LIMIT_EXCEEDED: { status: 429, message: 'Rate limit exceeded' },
};
// App-layer errors (errors page) for HTTP statuses without a gateway code.
const DETAILS = { 403: 'Model not allowed for this user', 404: 'App not found' };

const newRequestId = () => `mmsu_${crypto.randomBytes(12).toString('hex')}`;

function gatewayError(code, message) {
	const { status, message: text } = GATEWAY[code];
	return { status, json: { error: { code, message: message ?? text }, request_id: crypto.randomUUID() } };
}
const detail = (status, text) => ({ status, json: { detail: text } });

/** The presented API key: both `Key <k>` (overview page) and `Bearer <k>` (model pages) are documented. */
function keyOf(call) {
	return /^(?:Key|Bearer)\s+(\S+)/i.exec(call.headers.authorization ?? '')?.[1];
}

function authenticate(call) {
	return keyOf(call) === API_KEY ? null : gatewayError('UNAUTHORIZED');
}

/** failNext / @reject: gateway codes or 401/429 → gateway body; other statuses → app-layer `detail`. */
function errorReply(fault) {
	const byStatus = { 401: 'UNAUTHORIZED', 429: 'RATE_LIMIT_EXCEEDED' };
	const gatewayCode = GATEWAY[fault.code] ? fault.code : byStatus[fault.httpStatus ?? fault.code];
	if (gatewayCode) {
		const reply = gatewayError(gatewayCode);
		return fault.httpStatus ? { ...reply, status: fault.httpStatus } : reply;
	}
	const status =
		fault.httpStatus ?? (typeof fault.code === 'number' && fault.code >= 400 ? fault.code : fault.code ? 400 : 500);
	return detail(status, typeof fault.code === 'string' ? fault.code : (DETAILS[status] ?? 'Runtime execution failed'));
}

// ----- submit -----

/** Problems SeaArt reports asynchronously as REQUEST_INVALID; returns a message or null. */
function inputProblem(model, body, call) {
	if (!body || typeof body !== 'object' || Array.isArray(body)) return 'request body must be a JSON object';
	if (body.prompt !== undefined && typeof body.prompt !== 'string') return 'prompt must be a string';
	if (model.mode === 't2v' && !body.prompt) return 'prompt is required';
	if (body.prompt && [...body.prompt].length > 2000) return 'prompt must be at most 2000 characters';
	if (model.mode === 'i2v' && !body.first_frame_image) return 'first_frame_image is required';
	if (model.mode === 't2v' && body.first_frame_image !== undefined)
		return 'first_frame_image is not accepted by a t2v model';
	if (body.last_frame_image !== undefined && !model.lastFrame)
		return 'last_frame_image is only accepted by minimax_hailuo_02_i2v';
	for (const field of ['first_frame_image', 'last_frame_image']) {
		if (body[field] === undefined) continue;
		const problem = call.emu.imageProblem(body[field], { allowDataUrl: call.variants.acceptDataUrl });
		if (problem) return `${field} ${problem}`;
	}
	const duration = body.duration ?? 6;
	const resolution = body.resolution ?? '768P';
	const durations = model.resolutions[resolution];
	if (!durations) return `resolution must be one of ${Object.keys(model.resolutions).join(', ')}`;
	if (!Number.isInteger(duration) || !durations.includes(duration))
		return `duration must be one of ${durations.join(', ')} at ${resolution}`;
	for (const flag of ['prompt_optimizer', 'fast_pretreatment', 'aigc_watermark']) {
		if (body[flag] !== undefined && typeof body[flag] !== 'boolean') return `${flag} must be a boolean`;
	}
	return null;
}

const requestUrls = (call, model, id) => {
	const base = `${call.baseUrl}/model/v1/queue/${model}/requests/${id}`;
	return { response_url: `${base}/response`, status_url: `${base}/status`, cancel_url: `${base}/cancel` };
};

function submit(call) {
	const modelId = call.params.model;
	const model = MODELS[modelId];
	if (!model) return detail(404, `App not found: ${modelId}`);
	if (call.bodyError) return detail(422, call.bodyError);
	const body = call.body ?? {};
	if (call.query.fal_webhook || call.query.webhook || body.webhook_url || body.callback_url)
		return detail(400, 'webhook not supported');

	const problem = inputProblem(model, body, call);
	const id = newRequestId();
	call.emu.createTask(provider, {
		id,
		model: modelId,
		prompt: body.prompt,
		duration: body.duration ?? 6,
		failure: problem ? { code: 'REQUEST_INVALID', message: problem } : undefined,
	});
	return { json: { request_id: id, ...requestUrls(call, modelId, id), queue_position: queuePosition(call, id) } };
}

/** Tasks of the same model still queued ahead of this one. */
function queuePosition(call, id) {
	const queued = call.emu.tasksOf('seaArt').filter((t) => call.emu.phaseOf(t).phase === 'queued' && t.id !== id);
	const task = call.emu.getTask('seaArt', id);
	return queued.filter((t) => t.model === task.model && t.createdAt <= task.createdAt).length;
}

// ----- status, response, cancel -----

function findRequest(call) {
	if (!MODELS[call.params.model]) return { error: detail(404, `App not found: ${call.params.model}`) };
	const task = call.emu.getTask('seaArt', call.params.requestId);
	if (!task || task.model !== call.params.model) return { error: detail(404, 'Request not found') };
	return { task };
}

function failureOf(task, phase) {
	if (phase === 'cancelled') return { error_type: 'CANCELED', error: ERROR_MESSAGES.CANCELED };
	const type = typeof task.failure.code === 'string' ? task.failure.code : 'INFERENCE_FAILURE';
	return { error_type: type, error: task.failure.message ?? ERROR_MESSAGES[type] ?? type };
}

function statusBody(task, call) {
	const { phase } = call.emu.phaseOf(task);
	const body = { status: 'COMPLETED', request_id: task.id, ...requestUrls(call, task.model, task.id), logs: null };
	if (phase === 'queued') Object.assign(body, { status: 'IN_QUEUE', queue_position: queuePosition(call, task.id) });
	else if (phase === 'running') body.status = task.runningWord ?? 'IN_PROGRESS';
	else if (phase === 'succeeded') body.metrics = { inference_time: task.durationMs / 1000 };
	else Object.assign(body, failureOf(task, phase));
	return { phase, body };
}

function getStatus(call) {
	const { task, error } = findRequest(call);
	return error ?? { json: statusBody(task, call).body };
}

function getResponse(call) {
	const { task, error } = findRequest(call);
	if (error) return error;
	const { phase, body } = statusBody(task, call);
	if (phase === 'queued' || phase === 'running') return { status: 202, json: body };
	// Failure: the result body repeats the terminal status with its error (shape not documented).
	if (phase !== 'succeeded')
		return { json: { request_id: task.id, status: 'COMPLETED', error: body.error, error_type: body.error_type } };
	const output = {
		type: 'video',
		url: call.emu.videoUrl(task),
		content_type: 'video/mp4',
		file_name: `${task.id}.mp4`,
		file_size: call.emu.videoSize(),
		duration: task.duration,
	};
	return { json: { request_id: task.id, outputs: [output], metadata: {} } };
}

function cancel(call) {
	const { task, error } = findRequest(call);
	if (error) return MODELS[call.params.model] ? { status: 404, json: { status: 'NOT_FOUND' } } : error;
	const { phase } = call.emu.phaseOf(task);
	if (phase !== 'queued' && phase !== 'running') return { status: 400, json: { status: 'ALREADY_COMPLETED' } };
	call.emu.cancelTask(provider, task);
	return { status: 202, json: { status: 'CANCELLATION_REQUESTED' } };
}

const provider = {
	id: 'seaArt',
	prefix: '/seaart',
	apiKey: API_KEY,
	variants: {
		// first_frame_image is documented as a URL: data URLs fail as REQUEST_INVALID unless true.
		acceptDataUrl: { default: true, values: [true, false] },
	},
	newTaskId: newRequestId,
	keyOf,
	authenticate,
	errorReply,
	unknownPath: () => detail(404, 'Not Found'),
	routes: [
		{ method: 'POST', path: '/model/v1/queue/:model', faults: ['create'], handle: submit },
		{ method: 'GET', path: '/model/v1/queue/:model/requests/:requestId/status', faults: ['status'], handle: getStatus },
		{
			method: 'GET',
			path: '/model/v1/queue/:model/requests/:requestId/response',
			faults: ['result', 'status'],
			handle: getResponse,
		},
		{ method: 'PUT', path: '/model/v1/queue/:model/requests/:requestId/cancel', handle: cancel },
	],
};

module.exports = provider;
