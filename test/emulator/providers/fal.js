// fal.ai. Real hosts: https://queue.fal.run (queue), https://rest.fal.ai (storage, webhook keys),
// https://api.fal.ai (platform API). Under the emulator they share one mount: the queue at its root,
// the others under /rest and /api, as the fal credential's Base URL override maps them.
// Docs: https://docs.fal.ai/model-apis/model-endpoints/queue , …/webhooks ,
// https://fal.ai/models/fal-ai/minimax/hailuo-2.3/standard/image-to-video/llms.txt (and sibling Hailuo pages),
// https://fal.ai/api/openapi/queue/openapi.json?endpoint_id=minimax/h3/image-to-video (and reference-to-video),
// https://fal.ai/models/minimax/h3-max/text-to-video/llms.txt ,
// https://github.com/fal-ai/fal-js/blob/main/libs/client/src/storage.ts , https://docs.fal.ai/platform-apis/v1/models/pricing
//
// An endpoint submits into its app's queue (the first two segments of its id: `fal-ai/minimax` for
// Hailuo 2.x, `minimax/h3` and `minimax/h3-max` for Hailuo 3); status, result and cancel use that app
// path. COMPLETED is terminal for success and failure alike (`error` tells). Input fields are
// validated at submit with FastAPI's 422 `{ detail: [{ loc, msg, type }] }`. Webhooks: one signed POST
// when the request ends, Ed25519 over "request_id\nuser_id\ntimestamp\nsha256hex(body)", hex.
'use strict';

const crypto = require('node:crypto');

const API_KEY = 'emu-fal-key:emu-secret';
const USER_ID = 'emu-fal-user';
/** The Hailuo 2.x app: a task id typed without a model is looked for here. */
const APP = 'fal-ai/minimax';

const STANDARD = { '768P': ['6', '10'] };
const PRO = { '1080P': [] }; // no duration field
// The Hailuo 2.x endpoints: `image` required | absent; resolutions with their accepted `duration` values.
const HAILUO_2 = {
	'hailuo-2.3/standard/text-to-video': { image: 'absent', resolutions: STANDARD },
	'hailuo-2.3/pro/text-to-video': { image: 'absent', resolutions: PRO },
	'hailuo-2.3/standard/image-to-video': { image: 'required', resolutions: STANDARD },
	'hailuo-2.3/pro/image-to-video': { image: 'required', resolutions: PRO },
	'hailuo-2.3-fast/standard/image-to-video': { image: 'required', resolutions: STANDARD },
	'hailuo-2.3-fast/pro/image-to-video': { image: 'required', resolutions: PRO },
	'hailuo-02/standard/text-to-video': { image: 'absent', resolutions: STANDARD },
	'hailuo-02/pro/text-to-video': { image: 'absent', resolutions: PRO },
	'hailuo-02/standard/image-to-video': { image: 'required', resolutions: { '512P': ['6', '10'], ...STANDARD }, resolutionField: true, endImage: true },
	'hailuo-02/pro/image-to-video': { image: 'required', resolutions: PRO },
};
const PRICES = { '1080P': 0.49, '768P': 0.28, '512P': 0.1 };

// Hailuo 3: `route` t2v | i2v | ref; the resolutions and prompt expansion modes each model takes.
const RATIOS = ['21:9', '16:9', '4:3', '1:1', '3:4', '9:16'];
const H3 = { resolutions: ['480P', '768P', '2K', '4K'], expansion: ['fast', 'balanced', 'quality', 'disabled'], perSecond: 0.13 };
const H3_MAX = { resolutions: ['480P', '768P'], expansion: ['disabled', 'balanced', 'quality'], perSecond: 0.08 };
const HAILUO_3 = Object.fromEntries(
	[['minimax/h3', H3], ['minimax/h3-max', H3_MAX]].flatMap(([app, spec]) => [
		[`${app}/text-to-video`, { ...spec, route: 't2v' }],
		[`${app}/image-to-video`, { ...spec, route: 'i2v' }],
		[`${app}/reference-to-video`, { ...spec, route: 'ref' }],
	]),
);

/** Every endpoint by its full id. */
const MODELS = { ...Object.fromEntries(Object.entries(HAILUO_2).map(([endpoint, spec]) => [`${APP}/${endpoint}`, spec])), ...HAILUO_3 };

/** The app (queue) of an endpoint id: its first two segments. */
const appOf = (endpointId) => endpointId.split('/').slice(0, 2).join('/');
const APPS = [...new Set(Object.keys(MODELS).map(appOf))];

const newRequestId = () => crypto.randomUUID();
const detail = (status, text) => ({ status, json: { detail: text } });
/** FastAPI's validation answer, as fal's model endpoints give it. */
const invalid = (field, msg) => ({ status: 422, json: { detail: [{ loc: ['body', field], msg, type: 'value_error' }] } });

/** The presented key: `Authorization: Key <id:secret>`. */
function keyOf(call) {
	return /^Key\s+(\S+)/i.exec(call.headers.authorization ?? '')?.[1];
}

function authenticate(call) {
	return keyOf(call) === API_KEY ? null : detail(401, 'Cannot access application: invalid or missing credentials');
}

function errorReply(fault) {
	const status = fault.httpStatus ?? (typeof fault.code === 'number' && fault.code >= 400 ? fault.code : fault.code ? 400 : 500);
	return detail(status, typeof fault.code === 'string' ? fault.code : `Error ${status}`);
}

/** Over a `rateLimits` window: 429 (fal queues rather than refuses; the emulator can still be told to). */
function rateLimitReply({ retryAfterSeconds } = {}) {
	const reply = detail(429, 'Too many requests');
	if (retryAfterSeconds) reply.headers = { 'retry-after': String(retryAfterSeconds) };
	return reply;
}

// ----- submit -----

const H3_FIELDS = {
	common: ['prompt', 'duration', 'resolution', 'seed', 'enable_safety_checker', 'sync_mode', 'prompt_expansion_mode'],
	t2v: ['aspect_ratio'],
	i2v: ['image_url', 'end_image_url'],
	ref: ['aspect_ratio', 'reference_image_urls', 'reference_video_urls', 'reference_audio_urls'],
};
const REFERENCE_LIMITS = { reference_image_urls: 9, reference_video_urls: 3, reference_audio_urls: 3 };

/** A Hailuo 3 input, as the endpoint's OpenAPI schema validates it. */
function hailuo3Problem(model, body, call) {
	const allowed = [...H3_FIELDS.common, ...H3_FIELDS[model.route]];
	const extra = Object.keys(body).find((field) => !allowed.includes(field));
	if (extra) return invalid(extra, 'extra fields not permitted');
	if (typeof body.prompt !== 'string' || !body.prompt || body.prompt.length > 50_000) return invalid('prompt', 'a string of 1 to 50000 characters is required');
	if (body.duration !== undefined && !(Number.isInteger(body.duration) && body.duration >= 5 && body.duration <= 15)) return invalid('duration', 'must be an integer from 5 to 15');
	if (body.resolution !== undefined && !model.resolutions.includes(body.resolution)) return invalid('resolution', `must be one of ${model.resolutions.map((r) => `'${r}'`).join(', ')}`);
	if (body.prompt_expansion_mode != null && !model.expansion.includes(body.prompt_expansion_mode)) return invalid('prompt_expansion_mode', `must be one of ${model.expansion.join(', ')}`);
	const ratios = model.route === 'ref' ? ['adaptive', ...RATIOS] : RATIOS;
	if (body.aspect_ratio !== undefined && !ratios.includes(body.aspect_ratio)) return invalid('aspect_ratio', `must be one of ${ratios.map((r) => `'${r}'`).join(', ')}`);
	for (const field of ['image_url', 'end_image_url']) {
		if (body[field] == null) continue;
		const problem = call.emu.imageProblem(body[field], { allowDataUrl: true });
		if (problem) return invalid(field, problem);
	}
	if (model.route !== 'ref') return null;
	for (const [field, max] of Object.entries(REFERENCE_LIMITS)) {
		const list = body[field] ?? [];
		if (!Array.isArray(list) || list.some((url) => typeof url !== 'string' || !url)) return invalid(field, 'must be a list of URLs');
		if (list.length > max) return invalid(field, `at most ${max} items`);
	}
	const count = (field) => (body[field] ?? []).length;
	if (count('reference_image_urls') + count('reference_video_urls') + count('reference_audio_urls') > 12) return invalid('reference_image_urls', 'reference images, videos and audio clips must add up to at most 12 files');
	if (count('reference_image_urls') + count('reference_video_urls') === 0) return invalid('reference_image_urls', 'provide at least one reference image or video (audio cannot be the only reference input)');
	for (const url of body.reference_image_urls ?? []) {
		const problem = call.emu.imageProblem(url, { allowDataUrl: true });
		if (problem) return invalid('reference_image_urls', problem);
	}
	return null;
}

function inputProblem(model, body, call) {
	if (!body || typeof body !== 'object' || Array.isArray(body)) return invalid('body', 'must be a JSON object');
	if (model.route) return hailuo3Problem(model, body, call);
	if (typeof body.prompt !== 'string' || !body.prompt) return invalid('prompt', 'field required');
	if (model.image === 'required' && !body.image_url) return invalid('image_url', 'field required');
	if (model.image === 'absent' && body.image_url !== undefined) return invalid('image_url', 'extra fields not permitted');
	if (body.end_image_url !== undefined && !model.endImage) return invalid('end_image_url', 'extra fields not permitted');
	for (const field of ['image_url', 'end_image_url']) {
		if (body[field] === undefined) continue;
		const problem = call.emu.imageProblem(body[field], { allowDataUrl: true });
		if (problem) return invalid(field, problem);
	}
	if (body.resolution !== undefined && !model.resolutionField) return invalid('resolution', 'extra fields not permitted');
	const resolution = body.resolution ?? Object.keys(model.resolutions).at(-1);
	const durations = model.resolutions[resolution];
	if (!durations) return invalid('resolution', `must be one of ${Object.keys(model.resolutions).map((r) => `'${r}'`).join(', ')}`);
	if (durations.length === 0 && body.duration !== undefined) return invalid('duration', 'extra fields not permitted');
	if (durations.length > 0 && body.duration !== undefined && !durations.includes(body.duration))
		return invalid('duration', `must be one of ${durations.map((d) => `'${d}'`).join(', ')} (a string)`);
	if (body.prompt_optimizer !== undefined && typeof body.prompt_optimizer !== 'boolean') return invalid('prompt_optimizer', 'must be a boolean');
	return null;
}

/** Where the queue says a request lives: the app path, or (variant `requestUrls: 'elsewhere'`) a path no client can build. */
const OTHER_QUEUE = 'queue-elsewhere';
const requestUrls = (call, task) => {
	const base = `${call.baseUrl}/${call.variants.requestUrls === 'elsewhere' ? OTHER_QUEUE : appOf(task.model)}/requests/${task.id}`;
	return { response_url: base, status_url: `${base}/status`, cancel_url: `${base}/cancel` };
};

/** The resolution a request renders at: the one sent, else the endpoint's default (2K on Hailuo 3, 768P on Max). */
function resolutionOf(model, body) {
	if (body.resolution !== undefined) return body.resolution;
	return model.route ? (model.resolutions.includes('2K') ? '2K' : '768P') : Object.keys(model.resolutions).at(-1);
}

function submit(call) {
	const endpoint = call.params.endpoint;
	const model = MODELS[endpoint];
	if (!model) return detail(404, `Application '${endpoint}' not found`);
	if (call.bodyError) return invalid('body', call.bodyError);
	const problem = inputProblem(model, call.body, call);
	if (problem) return problem;
	const webhook = call.query.fal_webhook;
	if (webhook !== undefined && !/^https?:\/\/\S+$/i.test(webhook)) return detail(400, 'fal_webhook must be an http(s) URL');
	const task = call.emu.createTask(provider, {
		id: newRequestId(),
		model: endpoint,
		prompt: call.body.prompt,
		resolution: resolutionOf(model, call.body),
		callbackUrl: webhook,
	});
	return { json: { request_id: task.id, gateway_request_id: task.id, ...requestUrls(call, task), queue_position: 0 } };
}

// ----- status, result, cancel -----

/** A request is found in its own app's queue only (or, variant `requestUrls: 'elsewhere'`, only there). */
function findRequest(call) {
	const task = call.emu.getTask('fal', call.params.requestId);
	const elsewhere = call.variants.requestUrls === 'elsewhere';
	const underGivenPath = elsewhere ? call.params.queue === OTHER_QUEUE : task && call.params.queue === appOf(task.model);
	return task && underGivenPath ? { task } : { error: detail(404, 'Request not found') };
}

function statusBody(task, call) {
	const { phase } = call.emu.phaseOf(task);
	const body = { status: 'COMPLETED', request_id: task.id, ...requestUrls(call, task), logs: null };
	if (phase === 'queued') Object.assign(body, { status: 'IN_QUEUE', queue_position: 0 });
	else if (phase === 'running') body.status = task.runningWord ?? 'IN_PROGRESS';
	else if (phase === 'succeeded') body.metrics = { inference_time: task.durationMs / 1000 };
	else if (phase === 'cancelled') body.status = 'CANCELED';
	else if (call.variants.failureIn === 'status') Object.assign(body, { error: failureMessage(task), error_type: errorTypeOf(task) });
	return { phase, body };
}

const errorTypeOf = (task) => (typeof task.failure.code === 'string' ? task.failure.code : 'runner_error');

const failureMessage = (task) => task.failure.message ?? `Generation failed${task.failure.code === undefined ? '' : ` (${task.failure.code})`}`;

function getStatus(call) {
	const { task, error } = findRequest(call);
	return error ?? { json: statusBody(task, call).body };
}

function resultOf(task, emu) {
	const video = { url: emu.videoUrl(task), content_type: 'video/mp4', file_name: `${task.id}.mp4`, file_size: emu.videoSize() };
	// Hailuo 3 answers the prompt it rendered too (null when expansion left it unchanged).
	return MODELS[task.model]?.route ? { video, expanded_prompt: null } : { video };
}

function getResult(call) {
	const { task, error } = findRequest(call);
	if (error) return error;
	const { phase } = statusBody(task, call);
	if (phase === 'queued' || phase === 'running') return { status: 400, json: { detail: 'Request is still in progress' } };
	if (phase === 'cancelled') return detail(400, 'Request was cancelled');
	if (phase === 'failed' && call.variants.failureIn === 'result') {
		// A request that failed at fal after its retries: an HTTP error with fal's request-error body and header.
		const errorType = errorTypeOf(task);
		return { status: 500, headers: { 'x-fal-error-type': errorType }, json: { detail: failureMessage(task), error_type: errorType } };
	}
	if (phase === 'failed') return detail(422, failureMessage(task));
	return { json: resultOf(task, call.emu) };
}

function cancel(call) {
	const { task, error } = findRequest(call);
	if (error) return { status: 404, json: { status: 'NOT_FOUND' } };
	const { phase } = call.emu.phaseOf(task);
	if (phase !== 'queued' && phase !== 'running') return { status: 400, json: { status: 'ALREADY_COMPLETED' } };
	call.emu.cancelTask(provider, task);
	return { status: 202, json: { status: 'CANCELLATION_REQUESTED' } };
}

// ----- storage (rest.fal.ai): initiate, then an unauthenticated PUT to the signed URL -----

const pendingUploads = new Map();

function initiateUpload(call) {
	const { content_type: contentType, file_name: fileName } = call.body ?? {};
	if (typeof contentType !== 'string' || typeof fileName !== 'string') return detail(422, 'content_type and file_name are required');
	const token = crypto.randomBytes(12).toString('hex');
	pendingUploads.set(token, { contentType, fileName });
	return { json: { upload_url: `${call.baseUrl}/storage-put/${token}?signature=emu`, file_url: `${call.baseUrl}/storage-files/${token}/${encodeURIComponent(fileName)}` } };
}

/** The signed PUT: no Authorization (a key sent here would leak to the storage host). */
function putUpload(call) {
	const pending = pendingUploads.get(call.params.token);
	if (!pending || call.query.signature !== 'emu') return { status: 403, json: { detail: 'bad signature' } };
	if (call.headers.authorization) return { status: 400, json: { detail: 'signed URLs take no Authorization header' } };
	const url = call.emu.storeUpload({ filename: pending.fileName, contentType: call.headers['content-type'] ?? pending.contentType, data: call.rawBody });
	pending.url = url;
	return { status: 200, json: {} };
}

/** The public file URL redirects to the stored bytes (so the emulator's image checks find them). */
function getUploadedFile(call) {
	const pending = pendingUploads.get(call.params.token);
	if (!pending?.url) return detail(404, 'Not found');
	return { status: 302, headers: { location: pending.url }, json: {} };
}

// ----- webhook keys and signing -----

// A fixed key (from a published seed, as a test fixture), so tests in another process can sign webhooks too.
const WEBHOOK_PRIVATE_KEY = crypto.createPrivateKey({
	key: Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), crypto.createHash('sha256').update('hailuo emulator: fal webhooks').digest()]),
	format: 'der',
	type: 'pkcs8',
});

function jwks() {
	const jwk = crypto.createPublicKey(WEBHOOK_PRIVATE_KEY).export({ format: 'jwk' });
	return { json: { keys: [{ ...jwk, kid: 'emu-fal-1', alg: 'EdDSA', use: 'sig' }] } };
}

/** The headers fal sends with a webhook body. */
function webhookHeaders(requestId, body, timestamp = String(Math.floor(Date.now() / 1000))) {
	const digest = crypto.createHash('sha256').update(body).digest('hex');
	const signature = crypto.sign(null, Buffer.from(`${requestId}\n${USER_ID}\n${timestamp}\n${digest}`), WEBHOOK_PRIVATE_KEY).toString('hex');
	return {
		'x-fal-webhook-request-id': requestId,
		'x-fal-webhook-user-id': USER_ID,
		'x-fal-webhook-timestamp': timestamp,
		'x-fal-webhook-signature': signature,
	};
}

function onTaskEvent(event, task, emu) {
	if (!task.callbackUrl || !['succeeded', 'failed', 'cancelled'].includes(event)) return;
	const ok = event === 'succeeded';
	const body = JSON.stringify({
		request_id: task.id,
		gateway_request_id: task.id,
		status: ok ? 'OK' : 'ERROR',
		payload: ok ? resultOf(task, emu) : { detail: event === 'cancelled' ? 'Request was cancelled' : failureMessage(task) },
		...(ok ? {} : { error: event === 'cancelled' ? 'Request was cancelled' : 'Invalid status code: 422' }),
	});
	emu.postCallback(task, task.callbackUrl, body, webhookHeaders(task.id, body));
}

// ----- platform API (api.fal.ai): the credential test reads a price -----

function pricing(call) {
	const endpoints = String(call.query.endpoint_id ?? '').split(',').filter(Boolean);
	const unknown = endpoints.find((e) => !MODELS[e]);
	if (!endpoints.length || unknown) return detail(404, `Endpoint not found: ${unknown ?? ''}`);
	const prices = endpoints.map((endpointId) => {
		const model = MODELS[endpointId];
		if (model.route) return { endpoint_id: endpointId, unit_price: model.perSecond, unit: 'second', currency: 'USD' };
		const [resolution] = Object.keys(model.resolutions).slice(-1);
		return { endpoint_id: endpointId, unit_price: PRICES[resolution], unit: 'video', currency: 'USD' };
	});
	return { json: { prices, next_cursor: null, has_more: false } };
}

const provider = {
	id: 'fal',
	prefix: '/fal',
	apiKey: API_KEY,
	variants: {
		// Where a failed request says so: in its status (COMPLETED + error), or only when its result is read.
		failureIn: { default: 'status', values: ['status', 'result'] },
		// The URLs the submit answer gives: on the app path (as clients build them) or elsewhere.
		requestUrls: { default: 'app', values: ['app', 'elsewhere'] },
	},
	newTaskId: newRequestId,
	webhookHeaders,
	keyOf,
	authenticate,
	errorReply,
	rateLimitReply,
	onTaskEvent,
	unknownPath: () => detail(404, 'Not Found'),
	routes: [
		...Object.keys(MODELS).map((endpoint) => ({
			method: 'POST',
			path: `/${endpoint}`,
			faults: ['create'],
			handle: (call) => submit({ ...call, params: { ...call.params, endpoint } }),
		})),
		...[...APPS, OTHER_QUEUE].flatMap((queue) => {
			const at = (handle) => (call) => handle({ ...call, params: { ...call.params, queue } });
			return [
				{ method: 'GET', path: `/${queue}/requests/:requestId/status`, faults: ['status'], handle: at(getStatus) },
				{ method: 'GET', path: `/${queue}/requests/:requestId`, faults: ['result', 'status'], handle: at(getResult) },
				{ method: 'PUT', path: `/${queue}/requests/:requestId/cancel`, handle: at(cancel) },
			];
		}),
		{ method: 'POST', path: '/rest/storage/upload/initiate', faults: ['upload'], handle: initiateUpload },
		{ method: 'PUT', path: '/storage-put/:token', auth: false, handle: putUpload },
		{ method: 'GET', path: '/storage-files/:token/:name', auth: false, handle: getUploadedFile },
		{ method: 'GET', path: '/rest/.well-known/jwks.json', auth: false, handle: jwks },
		{ method: 'GET', path: '/api/v1/models/pricing', handle: pricing },
	],
};

module.exports = provider;
