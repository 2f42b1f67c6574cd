// MiniMax official API, V1 video generation. Real base: https://api.minimax.io
// Docs: https://platform.minimax.io/docs/api-reference/video-generation-t2v (-i2v, -fl2v, -s2v, -query,
// -download), https://platform.minimax.io/docs/api-reference/errorcode
//
// Business errors are HTTP 200 with a non-zero base_resp.status_code, including auth failures.
'use strict';

const API_KEY = 'emu-minimax-key';

const MESSAGES = {
	0: 'success',
	1000: 'unknown error',
	1001: 'request timeout',
	1002: 'rate limit exceeded, please retry later',
	1004: 'authorized failed',
	1008: 'insufficient balance',
	1013: 'internal service error',
	1024: 'internal error',
	1026: 'input content is sensitive',
	1027: 'output video content is sensitive',
	1033: 'system error',
	1039: 'token limit exceeded',
	1041: 'connection limit exceeded',
	1042: 'illegal characters in input',
	2013: 'invalid params',
	2045: 'rate growth limit exceeded',
	2049: 'invalid api key',
	2056: 'usage limit exceeded',
};

// V1 HTTP status codes are undocumented; a fault given only an HTTP status gets the matching code.
const CODE_OF_HTTP = {
	400: 2013,
	401: 1004,
	402: 1008,
	413: 2013,
	429: 1002,
	500: 1000,
	502: 1000,
	503: 1000,
	504: 1001,
};

// The create pages' model matrix: durations per resolution; `modes` narrows a resolution (512P is Hailuo-02 I2V only).
const HAILUO = { '768P': { durations: [6, 10] }, '1080P': { durations: [6] } };
const MODELS = {
	'MiniMax-Hailuo-2.3': { modes: ['t2v', 'i2v'], defaultResolution: '768P', resolutions: HAILUO },
	'MiniMax-Hailuo-2.3-Fast': { modes: ['i2v'], defaultResolution: '768P', resolutions: HAILUO },
	'MiniMax-Hailuo-02': {
		modes: ['t2v', 'i2v', 'fl2v'],
		defaultResolution: '768P',
		resolutions: { '512P': { durations: [6, 10], modes: ['i2v'] }, ...HAILUO },
	},
	'T2V-01': { modes: ['t2v'], defaultResolution: '720P', resolutions: { '720P': { durations: [6] } } },
	'T2V-01-Director': { modes: ['t2v'], defaultResolution: '720P', resolutions: { '720P': { durations: [6] } } },
	'I2V-01': { modes: ['i2v'], defaultResolution: '720P', resolutions: { '720P': { durations: [6] } } },
	'I2V-01-Director': { modes: ['i2v'], defaultResolution: '720P', resolutions: { '720P': { durations: [6] } } },
	'I2V-01-live': { modes: ['i2v'], defaultResolution: '720P', resolutions: { '720P': { durations: [6] } } },
	'S2V-01': { modes: ['s2v'], defaultResolution: '720P', resolutions: { '720P': { durations: [6] } } },
};
const MODE_NAMES = { t2v: 'text-to-video', i2v: 'image-to-video', fl2v: 'first-last-frame', s2v: 'subject-reference' };

/** Landscape output size per resolution; a portrait first frame swaps them (output follows the image). */
const VIDEO_SIZES = { '512P': [912, 512], '720P': [1280, 720], '768P': [1366, 768], '1080P': [1920, 1080] };

let lastId = 0;
/** 15-digit numeric ids like the documented "106916112212032", strictly increasing. */
function newNumericId() {
	lastId = Math.max(lastId + 1, Date.now() * 100);
	return String(lastId);
}

const baseResp = (code, message) => ({ status_code: code, status_msg: message ?? MESSAGES[code] ?? 'error' });
const business = (code, message) => ({ status: 200, json: { base_resp: baseResp(code, message) } });
const invalid = (detail) => business(2013, `invalid params, ${detail}`);

/** The presented API key (Bearer), for auth and for the emulator's per-credential rate windows. */
function keyOf(call) {
	return /^Bearer\s+(\S+)/i.exec(call.headers.authorization ?? '')?.[1];
}

function authenticate(call) {
	const key = keyOf(call);
	if (key === API_KEY) return null;
	// Rule of the emulator: no key, or a key shaped like a MiniMax one (sk-…, emu-…) that is not ours
	// → 1004 (e.g. another region's key); anything else → 2049.
	if (!key || /^(sk-|emu-)/.test(key)) return business(1004, 'authorized failed');
	return business(2049, 'invalid api key');
}

/** failNext / @reject: a code → HTTP 200 + base_resp (HTTP overridable); only an HTTP status → that status. */
function errorReply(fault) {
	const code = typeof fault.code === 'number' ? fault.code : (CODE_OF_HTTP[fault.httpStatus] ?? 1000);
	const status = fault.httpStatus ?? (fault.code !== undefined ? 200 : 500);
	return { status, json: { base_resp: baseResp(code) } };
}

/**
 * Over a `rateLimits` window: like the real API, HTTP 200 with base_resp 1002 and no Retry-After (the
 * rate-limit and error-code pages document none), so `retryAfterSeconds` is ignored.
 */
function rateLimitReply() {
	return business(1002);
}

// ----- create -----

function modeOf(body) {
	if (body.subject_reference !== undefined) return 's2v';
	if (body.last_frame_image !== undefined) return 'fl2v';
	if (body.first_frame_image !== undefined) return 'i2v';
	return 't2v';
}

/** Validates a create body against the create pages (fields, model matrix, images); returns { error } or the effective settings. */
function validateCreate(body, emu) {
	if (!body || typeof body !== 'object' || Array.isArray(body)) return { error: 'request body must be a JSON object' };
	if (typeof body.model !== 'string' || !body.model) return { error: 'model is required' };
	const model = MODELS[body.model];
	if (!model) return { error: `unknown model ${body.model}` };
	const mode = modeOf(body);
	if (!model.modes.includes(mode)) {
		const hint = mode === 'fl2v' ? ' (last_frame_image is only supported by MiniMax-Hailuo-02)' : '';
		return { error: `model ${body.model} does not support ${MODE_NAMES[mode]}${hint}` };
	}

	if (body.prompt !== undefined && typeof body.prompt !== 'string') return { error: 'prompt must be a string' };
	if ((mode === 't2v' || mode === 's2v') && !body.prompt) return { error: 'prompt is required' };
	if (body.prompt && [...body.prompt].length > 2000) return { error: 'prompt must be at most 2000 characters' };

	for (const flag of ['prompt_optimizer', 'fast_pretreatment', 'aigc_watermark']) {
		if (body[flag] !== undefined && typeof body[flag] !== 'boolean') return { error: `${flag} must be a boolean` };
	}
	if (body.callback_url !== undefined && !/^https?:\/\/\S+$/i.test(String(body.callback_url))) {
		return { error: 'callback_url must be an http(s) URL' };
	}

	let firstFrame = null;
	for (const field of ['first_frame_image', 'last_frame_image']) {
		if (body[field] === undefined) continue;
		const problem = emu.imageProblem(body[field]);
		if (problem) return { error: `${field} ${problem}` };
		if (field === 'first_frame_image') firstFrame = emu.inspectImage(body[field]);
	}
	if (mode === 's2v') {
		const refs = body.subject_reference;
		const ok =
			Array.isArray(refs) &&
			refs.length === 1 &&
			refs[0]?.type === 'character' &&
			Array.isArray(refs[0].image) &&
			refs[0].image.length === 1;
		if (!ok) return { error: 'subject_reference must be [{"type":"character","image":["<one image>"]}]' };
		const problem = emu.imageProblem(refs[0].image[0]);
		if (problem) return { error: `subject_reference image ${problem}` };
		return { mode, resolution: '720P', duration: 6 };
	}

	const duration = body.duration ?? 6;
	if (!Number.isInteger(duration)) return { error: 'duration must be an integer' };
	const resolution = body.resolution ?? model.defaultResolution;
	const allowed = model.resolutions[resolution];
	if (!allowed || (allowed.modes && !allowed.modes.includes(mode))) {
		return { error: `resolution ${resolution} is not supported by ${body.model} for ${MODE_NAMES[mode]}` };
	}
	if (!allowed.durations.includes(duration)) {
		return {
			error: `duration ${duration} is not supported by ${body.model} at ${resolution} (allowed: ${allowed.durations.join(', ')})`,
		};
	}
	return { mode, resolution, duration, portrait: firstFrame?.height > firstFrame?.width };
}

function createVideo(call) {
	if (call.bodyError) return invalid(call.bodyError);
	if (!/application\/json/i.test(call.headers['content-type'] ?? ''))
		return invalid('Content-Type must be application/json');
	const settings = validateCreate(call.body, call.emu);
	if (settings.error) return invalid(settings.error);

	const [width, height] = VIDEO_SIZES[settings.resolution];
	const id = newNumericId();
	const fileId = newNumericId();
	const task = call.emu.createTask(provider, {
		id,
		model: call.body.model,
		prompt: call.body.prompt,
		mode: settings.mode,
		resolution: settings.resolution,
		duration: settings.duration,
		width: settings.portrait ? height : width,
		height: settings.portrait ? width : height,
		fileId,
		// 19 digits: above 2^53, for the `bigFileIds` variant (precision loss test).
		bigFileId: `9${fileId.padStart(18, '0')}`,
		callbackUrl: call.body.callback_url,
	});
	return { json: { task_id: task.id, base_resp: baseResp(0) } };
}

// ----- query and files -----

function fileIdOf(task, variants) {
	return variants.bigFileIds ? task.bigFileId : task.fileId;
}

function queryBody(task, emu, variants) {
	const { phase, progress } = emu.phaseOf(task);
	const body = { task_id: task.id, status: '' };
	if (phase === 'queued') body.status = progress < 0.5 ? 'Preparing' : 'Queueing';
	else if (phase === 'running') body.status = task.runningWord ?? 'Processing';
	else if (phase === 'succeeded') {
		Object.assign(body, {
			status: variants.successWord,
			file_id: fileIdOf(task, variants),
			video_width: task.width,
			video_height: task.height,
		});
	} else body.status = variants.failWord;
	body.base_resp = baseResp(phase === 'failed' ? failureCode(task) : 0);
	return body;
}

const failureCode = (task) => (typeof task.failure.code === 'number' ? task.failure.code : 1000);

function queryVideo(call) {
	const id = call.query.task_id;
	if (!id) return invalid('task_id is required');
	const task = call.emu.getTask('minimax', id);
	if (!task) return invalid(`task ${id} not found`);
	return { json: queryBody(task, call.emu, call.variants) };
}

/** The succeeded task behind a file id (either id form), or an error reply. */
function taskOfFile(call) {
	const id = call.query.file_id;
	if (!id) return { error: invalid('file_id is required') };
	const task = call.emu.tasksOf('minimax').find((t) => t.fileId === id || t.bigFileId === id);
	if (!task || call.emu.phaseOf(task).phase !== 'succeeded') return { error: invalid(`file ${id} not found`) };
	return { task };
}

function retrieveFile(call) {
	const { task, error } = taskOfFile(call);
	if (error) return error;
	const id = fileIdOf(task, call.variants);
	return {
		json: {
			file: {
				// Documented as int64 here although the query response has a string.
				file_id: call.variants.fileIdInRetrieve === 'number' ? call.emu.rawNumber(id) : id,
				bytes: call.variants.retrieveBytes === 'zero' ? 0 : call.emu.videoSize(),
				created_at: Math.floor(task.createdAt / 1000),
				filename: 'output_aigc.mp4',
				purpose: 'video_generation',
				download_url: call.emu.videoUrl(task),
			},
			base_resp: baseResp(0),
		},
	};
}

function retrieveContent(call) {
	const { task, error } = taskOfFile(call);
	return error ?? call.emu.videoReply(call.headers, task);
}

function listFiles() {
	return { json: { files: [], base_resp: baseResp(0) } };
}

// ----- callbacks (callback_url on the create pages): challenge echo first, then a post per status change -----

const CALLBACK_STATUS = { running: 'processing', succeeded: 'success', failed: 'failed' };

async function onTaskEvent(event, task, emu) {
	if (!task.callbackUrl) return;
	if (event === 'created') {
		const challenge = `emu-challenge-${task.id}`;
		const entry = await emu.postCallback(task, task.callbackUrl, JSON.stringify({ challenge }), {}, { handshake: true });
		let echoed;
		try {
			echoed = JSON.parse(entry.response ?? '').challenge;
		} catch {
			echoed = undefined;
		}
		task.callbackVerified = entry.status === 200 && echoed === challenge;
		return;
	}
	const status = CALLBACK_STATUS[event];
	if (!status) return;
	// Later posts wait for the handshake (they are chained behind it) and are skipped if it failed.
	await task.callbackChain;
	if (!task.callbackVerified) return;
	const body = { task_id: task.id, status, base_resp: baseResp(event === 'failed' ? failureCode(task) : 0) };
	if (event === 'succeeded') body.file_id = task.fileId;
	emu.postCallback(task, task.callbackUrl, JSON.stringify(body));
}

const provider = {
	id: 'minimax',
	prefix: '/minimax',
	apiKey: API_KEY,
	variants: {
		failWord: { default: 'Fail', values: ['Fail', 'Failed', 'failed'] },
		successWord: { default: 'Success', values: ['Success', 'success'] },
		fileIdInRetrieve: { default: 'number', values: ['number', 'string'] },
		bigFileIds: { default: false, values: [false, true] },
		retrieveBytes: { default: 'size', values: ['size', 'zero'] },
	},
	newTaskId: newNumericId,
	keyOf,
	authenticate,
	errorReply,
	rateLimitReply,
	// `readFaults` kind `business`: the retrieve page's HTTP-200 codes for unknown error, timeout, internal error.
	readFaultCodes: [1000, 1001, 1013],
	onTaskEvent,
	unknownPath: () => ({ status: 404, json: { base_resp: baseResp(1000, 'not found') } }),
	routes: [
		{ method: 'POST', path: '/v1/video_generation', faults: ['create'], handle: createVideo },
		{ method: 'GET', path: '/v1/query/video_generation', faults: ['status'], handle: queryVideo },
		{ method: 'GET', path: '/v1/files/retrieve', faults: ['result', 'status'], handle: retrieveFile },
		{ method: 'GET', path: '/v1/files/retrieve_content', faults: ['download'], handle: retrieveContent },
		{ method: 'GET', path: '/v1/files/list', handle: listFiles },
	],
};

module.exports = provider;
