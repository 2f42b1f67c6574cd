// "API in One" gateway. Real base: https://apiin.one/api/v1
// Docs: https://apiin.one/docs , https://apiin.one/zh/model/hailuo-2-3 (es, ja, ru pages alike)
//
// Hailuo 2.3 image-to-video only; `duration` is a string. Two documented response shapes exist
// (docs page: bare {id,status,…}; model page: {code:200,message,data:{task_id,status}}): `shape`.
'use strict';

const crypto = require('node:crypto');

const API_KEY = 'aio_emu-key';

const MODELS = ['hailuo/2-3-image-to-video-standard', 'hailuo/2-3-image-to-video-pro'];
// 10 s only at 768P, as in every Hailuo doc (API in One itself does not say).
const DURATIONS = { '768P': ['6', '10'], '1080P': ['6'] };

const ERROR_TYPES = {
	400: 'invalid_request_error',
	401: 'authentication_error',
	402: 'insufficient_credits',
	403: 'permission_error',
	404: 'not_found_error',
	413: 'invalid_request_error',
	429: 'rate_limit_error',
};
const MESSAGES = {
	400: 'Bad request',
	401: 'Invalid API key',
	402: 'Insufficient credits',
	403: 'Forbidden',
	404: 'Not found',
	413: 'Request body too large',
	429: 'Rate limit exceeded',
	500: 'Internal server error',
	503: 'Service unavailable',
};

const newTaskId = () => `task_${crypto.randomBytes(10).toString('hex')}`;

function errorReply(fault) {
	const httpLike = typeof fault.code === 'number' && fault.code >= 400 && fault.code <= 599;
	const status = fault.httpStatus ?? (httpLike ? fault.code : fault.code !== undefined ? 400 : 500);
	return httpError(status, undefined, fault.code ?? status);
}

function httpError(status, message, code = status) {
	return {
		status,
		json: {
			error: { code, message: message ?? MESSAGES[status] ?? 'Error', type: ERROR_TYPES[status] ?? 'api_error' },
		},
	};
}

/** The presented API key (Bearer), for auth and for the emulator's per-credential rate windows. */
function keyOf(call) {
	return /^Bearer\s+(\S+)/i.exec(call.headers.authorization ?? '')?.[1];
}

function authenticate(call) {
	return keyOf(call) === API_KEY ? null : httpError(401);
}

// ----- create -----

function validateCreate(body, emu, variants) {
	if (!body || typeof body !== 'object' || Array.isArray(body)) return 'request body must be a JSON object';
	if (!MODELS.includes(body.model)) return `model must be one of ${MODELS.join(', ')}`;
	if (typeof body.prompt !== 'string' || !body.prompt) return 'prompt is required';
	if (!body.image) return 'image is required (Hailuo 2.3 is image-to-video only)';
	const problem = emu.imageProblem(body.image, { allowDataUrl: variants.acceptDataUrl });
	if (problem) return `image ${problem}`;
	const resolution = body.resolution ?? '768P';
	if (!DURATIONS[resolution]) return 'resolution must be "768P" or "1080P"';
	const duration = body.duration ?? '6';
	if (typeof duration !== 'string') return 'duration must be a string: "6" or "10"';
	if (!DURATIONS[resolution].includes(duration))
		return `duration must be one of ${DURATIONS[resolution].map((d) => `"${d}"`).join(', ')} at ${resolution}`;
	if (body.callback_url !== undefined && !/^https?:\/\/\S+$/i.test(String(body.callback_url)))
		return 'callback_url must be an http(s) URL';
	return null;
}

function createVideo(call) {
	if (call.bodyError) return httpError(400, call.bodyError);
	const problem = validateCreate(call.body, call.emu, call.variants);
	if (problem) return httpError(400, problem);
	const task = call.emu.createTask(provider, {
		model: call.body.model,
		prompt: call.body.prompt,
		callbackUrl: call.body.callback_url,
	});
	const { status } = taskView(task, call.emu, call.variants);
	if (call.variants.shape === 'wrapped')
		return { json: { code: 200, message: 'success', data: { task_id: task.id, status } } };
	return { json: { id: task.id, status, model: task.model, created_at: Math.floor(task.createdAt / 1000) } };
}

// ----- task -----

function taskView(task, emu, variants) {
	const { phase } = emu.phaseOf(task);
	const words = {
		queued: 'pending',
		running: task.runningWord ?? variants.runningWord,
		succeeded: 'completed',
		failed: 'failed',
	};
	const view = { status: words[phase] };
	if (phase === 'succeeded') view.output = { video_url: emu.videoUrl(task) };
	if (phase === 'failed') {
		view.error = `Video generation failed${task.failure.code === undefined ? '' : ` (${task.failure.code})`}`;
		view.error_code = task.failure.code ?? 'generation_failed';
	}
	return view;
}

function taskBody(task, emu, variants) {
	const view = taskView(task, emu, variants);
	if (variants.shape === 'wrapped') return { code: 200, message: 'success', data: { task_id: task.id, ...view } };
	return { id: task.id, model: task.model, created_at: Math.floor(task.createdAt / 1000), ...view };
}

function getTask(call) {
	const task = call.emu.getTask('apiInOne', call.params.taskId);
	if (!task) return httpError(404, 'Task not found');
	return { json: taskBody(task, call.emu, call.variants) };
}

// Callback payload is undocumented: the emulator posts the poll body once, at the terminal state.
function onTaskEvent(event, task, emu) {
	if (!task.callbackUrl || !['succeeded', 'failed'].includes(event)) return;
	emu.postCallback(task, task.callbackUrl, JSON.stringify(taskBody(task, emu, emu.variantsOf('apiInOne'))));
}

const provider = {
	id: 'apiInOne',
	prefix: '/apiinone',
	baseUrlSuffix: '/api/v1',
	apiKey: API_KEY,
	variants: {
		shape: { default: 'docs', values: ['docs', 'wrapped'] },
		// The model page's example shows IN_PROGRESS; the docs page says processing.
		runningWord: { default: 'processing', values: ['processing', 'IN_PROGRESS'] },
		// `image` is documented as a public URL; true also takes data URLs.
		acceptDataUrl: { default: true, values: [true, false] },
	},
	newTaskId,
	keyOf,
	authenticate,
	errorReply,
	onTaskEvent,
	unknownPath: () => httpError(404),
	routes: [
		{ method: 'POST', path: '/api/v1/videos/generations', faults: ['create'], handle: createVideo },
		{ method: 'GET', path: '/api/v1/tasks/:taskId', faults: ['status'], handle: getTask },
	],
};

module.exports = provider;
