// MiniMax official API: V1 video generation (Hailuo 2.x, 01) and Video Generation V2 (Hailuo 3).
// Real base: https://api.minimax.io
// V1 docs: https://platform.minimax.io/docs/api-reference/video-generation-t2v (-i2v, -fl2v, -s2v, -query,
// -download), https://platform.minimax.io/docs/api-reference/errorcode
// V2 docs: https://platform.minimax.io/docs/api-reference/video-generation-v2-create, the China copy
// https://platform.minimaxi.com/docs/api-reference/video-generation-v2-create (`extra`, `aigc_watermark`),
// …/video-generation-v2-query, …/video-generation-v2-delete, https://platform.minimax.io/docs/guides/video-generation
// (`generate_audio`).
//
// V1 business errors are HTTP 200 with a non-zero base_resp.status_code, including auth failures. V2 errors
// are the real HTTP status with {type:'error', error:{type, message '… (code)', http_code}, request_id}.
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
	if (!task || task.api === 'v2') return invalid(`task ${id} not found`);
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

/** V1 posts on processing, success and failed; V2 on every status change, the task as the query shows it. */
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
	const status = task.api === 'v2' ? V2_STATUS[event] : CALLBACK_STATUS[event];
	if (!status) return;
	// Later posts wait for the handshake (they are chained behind it) and are skipped if it failed.
	await task.callbackChain;
	if (!task.callbackVerified) return;
	if (task.api === 'v2') return emu.postCallback(task, task.callbackUrl, JSON.stringify({ task: v2TaskBody(task, emu) }));
	const body = { task_id: task.id, status, base_resp: baseResp(event === 'failed' ? failureCode(task) : 0) };
	if (event === 'succeeded') body.file_id = task.fileId;
	emu.postCallback(task, task.callbackUrl, JSON.stringify(body));
}

// ----- Video Generation V2 (Hailuo 3) -----

const V2_MODELS = {
	'MiniMax-H3': { resolutions: ['768P', '2K'], minDuration: 4, extra: false },
	'MiniMax-H3-Max': { resolutions: ['480P', '768P'], minDuration: 5, extra: true },
};
const V2_FIELDS = ['model', 'content', 'resolution', 'duration', 'ratio', 'extra', 'callback_url', 'aigc_watermark', 'generate_audio'];
const V2_RATIOS = ['adaptive', '21:9', '16:9', '4:3', '1:1', '3:4', '9:16'];
const V2_ROLES = { image_url: ['first_frame', 'last_frame', 'reference_image'], video_url: ['reference_video'], audio_url: ['reference_audio'] };
const V2_REFERENCE_LIMITS = { reference_image: 9, reference_video: 3, reference_audio: 3 };
const PROMPT_EXPANSION_MODES = ['disabled', 'balanced', 'quality'];
/** The V2 error table: HTTP status, error.type and the code each status carries. */
const V2_ERRORS = {
	400: { type: 'bad_request_error', code: 2013 },
	401: { type: 'authorized_error', code: 1004 },
	402: { type: 'insufficient_balance_error', code: 1008 },
	422: { type: 'unprocessable_entity_error', code: 1026 },
	429: { type: 'rate_limit_error', code: 1002 },
	500: { type: 'server_error', code: 1000 },
	529: { type: 'overloaded_error', code: null },
};
const V2_MESSAGES = {
	1000: 'internal error',
	1002: 'rate limit, please retry later',
	1004: "login fail: Please carry the API secret key in the 'Authorization' field of the request header",
	1008: 'insufficient balance',
	1026: 'video description contains sensitive content',
	1027: 'output video contains sensitive content',
	2013: 'invalid params',
};
/** Output size by resolution and ratio (768P: 768 short edge; 2K 16:9 = 2560×1440, README). */
const V2_SHORT_EDGE = { '480P': 480, '768P': 768, '2K': 1440 };

function v2Error(status, message) {
	const { type } = V2_ERRORS[status] ?? { type: 'server_error' };
	return {
		status,
		json: { type: 'error', error: { type, message, http_code: String(status) }, request_id: `emu${newNumericId()}` },
	};
}
const v2Invalid = (detail) => v2Error(400, `invalid params, ${detail} (2013)`);

/** failNext / @reject on V2 routes: a code → its status; only an HTTP status → the status's code; neither → 500 (1000). */
function v2ErrorReply(fault) {
	const statusOfCode = Object.entries(V2_ERRORS).find(([, e]) => e.code === fault.code)?.[0];
	const status = fault.httpStatus ?? (statusOfCode ? Number(statusOfCode) : fault.code !== undefined ? 400 : 500);
	const code = typeof fault.code === 'number' ? fault.code : (V2_ERRORS[status]?.code ?? (status >= 500 ? 1000 : 2013));
	if (status === 529) return v2Error(529, 'overloaded');
	return v2Error(status, `${V2_MESSAGES[code] ?? MESSAGES[code] ?? 'error'} (${code})`);
}

/** Over `rateLimits` or `tasksInFlight`: HTTP 429 (1002); no Retry-After is documented, so none is sent. */
function v2RateLimitReply() {
	return v2Error(429, 'rate limit, please retry later (1002)');
}

/** V2 and V1 alike: V1 sends the key as Bearer, errors in its shape; V2 answers a bad key 401 (1004). */
function v2Authenticate(call) {
	return authenticate(call) ? v2ErrorReply({ httpStatus: 401 }) : null;
}

/** The text item's prompt (for markers and the request log). */
function v2Prompt(body) {
	const item = Array.isArray(body?.content) ? body.content.find((i) => i?.type === 'text') : undefined;
	return typeof item?.text === 'string' ? item.text : undefined;
}

/** Validates a V2 create body as the create pages document it; returns { error } or the effective settings. */
function validateV2(body, emu) {
	if (!body || typeof body !== 'object' || Array.isArray(body)) return { error: 'request body must be a JSON object' };
	const unknown = Object.keys(body).find((field) => !V2_FIELDS.includes(field));
	if (unknown) return { error: `unknown field ${unknown}` };
	const model = V2_MODELS[body.model];
	if (!model) return { error: `model ${body.model} is not supported by video generation v2 (MiniMax-H3, MiniMax-H3-Max)` };
	if (!Array.isArray(body.content)) return { error: 'content must be an array' };

	const texts = [];
	const media = { first_frame: [], last_frame: [], reference_image: [], reference_video: [], reference_audio: [] };
	const images = body.content.filter((item) => item?.type === 'image_url').length;
	for (const item of body.content) {
		if (!item || typeof item !== 'object') return { error: 'content items must be objects' };
		if (item.type === 'text') {
			texts.push(item.text);
			continue;
		}
		const roles = V2_ROLES[item.type];
		if (!roles) return { error: `unknown content type ${item.type}` };
		const url = item[item.type]?.url;
		if (typeof url !== 'string' || !url) return { error: `${item.type}.url is required` };
		// A single image without a role is the first frame; with several, each needs its role.
		const role = item.role ?? (item.type === 'image_url' && images === 1 ? 'first_frame' : undefined);
		if (!roles.includes(role)) return { error: `role ${item.role} is not allowed for ${item.type} (${roles.join(', ')})` };
		if (item.type === 'image_url') {
			const problem = emu.imageProblem(url, { shortSideAbove: 255 });
			if (problem) return { error: `${role} image ${problem}` };
		}
		media[role].push(url);
	}
	if (texts.length !== 1 || typeof texts[0] !== 'string' || !texts[0].trim())
		return { error: 'content must include a non-empty text item (prompt is required)' };
	if ([...texts[0]].length > 7000) return { error: 'text must be at most 7000 characters' };

	const frames = media.first_frame.length + media.last_frame.length;
	const references = media.reference_image.length + media.reference_video.length + media.reference_audio.length;
	if (media.first_frame.length > 1 || media.last_frame.length > 1) return { error: 'at most one first_frame and one last_frame' };
	if (frames && references) return { error: 'first_frame/last_frame cannot be combined with reference media' };
	for (const [role, limit] of Object.entries(V2_REFERENCE_LIMITS)) {
		if (media[role].length > limit) return { error: `at most ${limit} ${role} items` };
	}
	if (references > 12) return { error: 'at most 12 reference files in total' };
	if (media.reference_audio.length && !media.reference_image.length && !media.reference_video.length)
		return { error: 'reference_audio needs a reference_image or reference_video' };

	if (!model.resolutions.includes(body.resolution))
		return { error: `resolution must be one of ${model.resolutions.join(', ')} for ${body.model}` };
	if (!Number.isInteger(body.duration) || body.duration < model.minDuration || body.duration > 15)
		return { error: `duration must be an integer from ${model.minDuration} to 15 for ${body.model}` };
	if (body.ratio !== undefined && !V2_RATIOS.includes(body.ratio)) return { error: `ratio must be one of ${V2_RATIOS.join(', ')}` };
	const mode = references ? 'references' : frames ? 'frames' : 'text';
	if (mode === 'text' && (body.ratio === undefined || body.ratio === 'adaptive'))
		return { error: 'ratio is required for text-to-video and cannot be adaptive' };

	if (body.extra !== undefined) {
		if (!model.extra) return { error: `extra is not supported by ${body.model}` };
		const keys = body.extra && typeof body.extra === 'object' ? Object.keys(body.extra) : ['(not an object)'];
		if (keys.some((k) => k !== 'prompt_expansion_mode')) return { error: 'extra takes prompt_expansion_mode only' };
		if (!PROMPT_EXPANSION_MODES.includes(body.extra.prompt_expansion_mode))
			return { error: `extra.prompt_expansion_mode must be one of ${PROMPT_EXPANSION_MODES.join(', ')}` };
	}
	for (const flag of ['aigc_watermark', 'generate_audio']) {
		if (body[flag] !== undefined && typeof body[flag] !== 'boolean') return { error: `${flag} must be a boolean` };
	}
	if (body.callback_url !== undefined && !/^https?:\/\/\S+$/i.test(String(body.callback_url)))
		return { error: 'callback_url must be an http(s) URL' };
	// Frames: the ratio is always adaptive (others ignored without error); references: adaptive by default.
	const ratio = mode === 'frames' ? 'adaptive' : (body.ratio ?? 'adaptive');
	return { mode, ratio, imageCount: frames + media.reference_image.length, hasAudio: media.reference_audio.length > 0 };
}

function createV2(call) {
	if (call.bodyError) return v2Invalid(call.bodyError);
	if (!/application\/json/i.test(call.headers['content-type'] ?? '')) return v2Invalid('Content-Type must be application/json');
	const settings = validateV2(call.body, call.emu);
	if (settings.error) return v2Invalid(settings.error);
	const task = call.emu.createTask(provider, {
		id: newNumericId(),
		api: 'v2',
		model: call.body.model,
		prompt: v2Prompt(call.body),
		mode: settings.mode,
		resolution: call.body.resolution,
		duration: call.body.duration,
		ratio: settings.ratio,
		imageCount: settings.imageCount,
		hasAudio: settings.hasAudio,
		callbackUrl: call.body.callback_url,
	});
	return { json: { task_id: task.id } };
}

const REGENERATION_FIELDS = ['model', 'content', 'resolution', 'callback_url', 'aigc_watermark'];

/**
 * Regenerate at 2K (MiniMax-H3 README): MiniMax-H3 only, the original inputs plus exactly one `base_video`,
 * `resolution: "2K"`. The base video's length comes from its task when it is a video of this emulator.
 */
function regenerateV2(call) {
	if (call.bodyError) return v2Invalid(call.bodyError);
	const body = call.body;
	if (!body || typeof body !== 'object' || Array.isArray(body)) return v2Invalid('request body must be a JSON object');
	const unknown = Object.keys(body).find((field) => !REGENERATION_FIELDS.includes(field));
	if (unknown) return v2Invalid(`unknown field ${unknown}`);
	if (body.model !== 'MiniMax-H3') return v2Invalid('regeneration supports MiniMax-H3 only');
	if (body.resolution !== '2K') return v2Invalid('regeneration resolution must be 2K');
	const content = Array.isArray(body.content) ? body.content : [];
	const bases = content.filter((item) => item?.type === 'video_url' && item.role === 'base_video');
	if (bases.length !== 1 || typeof bases[0].video_url?.url !== 'string') return v2Invalid('content must include exactly one base_video');
	// The original inputs are checked as a create's (a concrete ratio is not needed: the base video has its shape).
	const settings = validateV2({ model: body.model, content: content.filter((item) => !bases.includes(item)), resolution: '2K', duration: 15, ratio: '16:9' }, call.emu);
	if (settings.error) return v2Invalid(settings.error);
	const baseId = /\/files\/minimax\/([^/]+)\.mp4$/.exec(bases[0].video_url.url)?.[1];
	const base = baseId && call.emu.getTask('minimax', decodeURIComponent(baseId));
	const task = call.emu.createTask(provider, {
		id: newNumericId(),
		api: 'v2',
		taskType: 'regeneration',
		model: body.model,
		prompt: v2Prompt(body),
		resolution: '2K',
		duration: base?.duration ?? 0,
		ratio: '',
		imageCount: settings.imageCount,
		hasAudio: settings.hasAudio,
		callbackUrl: body.callback_url,
	});
	return { json: { task_id: task.id } };
}

const V2_STATUS = { queued: 'queued', running: 'running', succeeded: 'succeeded', failed: 'failed', cancelled: 'cancelled' };

/** The task object of the query, the list and the callbacks. */
function v2TaskBody(task, emu) {
	const { phase } = emu.phaseOf(task);
	const body = {
		id: task.id,
		model: task.model,
		status: V2_STATUS[phase],
		created_at: Math.floor(task.createdAt / 1000),
		updated_at: Math.floor(Date.now() / 1000),
		resolution: task.resolution,
		duration: task.duration,
		usage: {},
		// "adaptive" follows the input; the emulator's renders are 16:9 (a regeneration's is "").
		ratio: task.ratio === 'adaptive' ? '16:9' : task.ratio,
		task_type: task.taskType ?? 'generation',
		modality: 'video',
	};
	if (phase === 'succeeded') {
		body.content = { url: emu.videoUrl(task) };
		body.usage = {
			total_seconds: task.duration,
			input_seconds: 0,
			output_seconds: task.duration,
			input_image_count: task.imageCount,
			...(task.hasAudio ? { input_audio_seconds: 0 } : {}),
			total_tokens: 0,
			prompt_tokens: 0,
			completion_tokens: 0,
		};
	}
	if (phase === 'failed') {
		const code = failureCode(task);
		body.error = { code: String(code), message: V2_MESSAGES[code] ?? MESSAGES[code] ?? 'video generation failed' };
	}
	return body;
}

/** A V2 task of this emulator (not deleted), or undefined. */
function v2TaskOf(call) {
	const task = call.emu.getTask('minimax', call.params.id);
	return task?.api === 'v2' && !task.deleted ? task : undefined;
}

function queryV2(call) {
	const task = v2TaskOf(call);
	if (!task) return v2Invalid('invalid task_id');
	return { json: { task: v2TaskBody(task, call.emu) } };
}

/** DELETE: queued → cancelled (not billed); succeeded/failed → record deleted; running/cancelled → refused. */
function deleteV2(call) {
	const task = v2TaskOf(call);
	if (!task) return v2Invalid('invalid task_id');
	const { phase } = call.emu.phaseOf(task);
	if (phase === 'queued') {
		call.emu.cancelTask(provider, task);
		return { json: { task_id: task.id, action: 'cancelled', status: 'cancelled' } };
	}
	if (phase === 'succeeded' || phase === 'failed') {
		task.deleted = true;
		return { json: { task_id: task.id, action: 'deleted', status: 'deleted' } };
	}
	return v2Invalid(`task ${task.id} is ${phase} and cannot be cancelled`);
}

const v2Route = (route) => ({ ...route, authenticate: v2Authenticate, errorReply: v2ErrorReply, rateLimitReply: v2RateLimitReply });

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
	promptOf: (body) => (Array.isArray(body?.content) ? v2Prompt(body) : undefined),
	unknownPath: () => ({ status: 404, json: { base_resp: baseResp(1000, 'not found') } }),
	routes: [
		{ method: 'POST', path: '/v1/video_generation', faults: ['create'], handle: createVideo },
		{ method: 'GET', path: '/v1/query/video_generation', faults: ['status'], handle: queryVideo },
		{ method: 'GET', path: '/v1/files/retrieve', faults: ['result', 'status'], handle: retrieveFile },
		{ method: 'GET', path: '/v1/files/retrieve_content', faults: ['download'], handle: retrieveContent },
		{ method: 'GET', path: '/v1/files/list', handle: listFiles },
		// Hailuo 3 tasks count against the account's tasks in flight (`tasksInFlight` knob; MiniMax documents 30).
		v2Route({ method: 'POST', path: '/v2/video_generation', faults: ['create'], inFlightGroup: 'hailuo3', handle: createV2 }),
		v2Route({ method: 'POST', path: '/v2/video_regeneration', faults: ['create'], inFlightGroup: 'hailuo3', handle: regenerateV2 }),
		v2Route({ method: 'GET', path: '/v2/query/video_generation/:id', faults: ['status'], handle: queryV2 }),
		v2Route({ method: 'DELETE', path: '/v2/video_generation/:id', handle: deleteV2 }),
	],
};

module.exports = provider;
