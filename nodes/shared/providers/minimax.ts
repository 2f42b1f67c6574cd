/**
 * MiniMax official API, global and China hosts: Video Generation V1 for Hailuo 2.x and 01, Video
 * Generation V2 for Hailuo 3 (models MiniMax-H3 and MiniMax-H3-Max, routed by the `MiniMax-H3` prefix).
 *
 * Follows:
 * - V1: https://platform.minimax.io/docs/api-reference/video-generation-t2v (also -i2v, -fl2v, -s2v),
 *   …/video-generation-query, …/video-generation-download (files/retrieve), …/errorcode
 * - V2: https://platform.minimax.io/docs/api-reference/video-generation-v2-create and the newer China copy
 *   https://platform.minimaxi.com/docs/api-reference/video-generation-v2-create (`extra`, `aigc_watermark`),
 *   …/video-generation-v2-query, …/video-generation-v2-delete, https://github.com/MiniMax-AI/MiniMax-H3 (README)
 * - https://platform.minimax.io/docs/guides/video-generation (`generate_audio`, pay-as-you-go keys for H3)
 * - https://platform.minimax.io/docs/guides/rate-limits (V1 video 5 RPM; MiniMax-H3 300 RPM, 30 tasks in flight)
 * - https://platform.minimax.io/docs/guides/pricing-paygo (the prices below)
 * - China: the same paths under https://platform.minimaxi.com/docs/
 * - https://github.com/MiniMax-AI/cli (src/types/api.ts: the "Failed" status word and plan error codes)
 *
 * Readings of uncertain or conflicting facts:
 * - China host: the newer V2 page names https://api.minimax.cn, the older pages and the official README
 *   https://api.minimaxi.com; both are selectable in the credential (the existing `china` value keeps api.minimaxi.com).
 * - `ratio` is sent whenever the request has an aspect ratio, `adaptive` in the frame modes too: the official
 *   README's image-to-video example sends it, and we never rely on a host default.
 * - `generate_audio: false` is sent only for Silent Video: the guide documents it (default true), the older API
 *   reference copies do not; a request with sound sends nothing new, and a refusal would come before any charge.
 * - `aigc_watermark: true` is sent only when asked (documented on the China create page only).
 * - HTTP 529 (overloaded, listed without a meaning) is transient, not a refusal: a create is not sent again.
 * - Token Plan keys (sk-cp-…) are refused for Hailuo 3 before any call: MiniMax's guide says H3 needs a
 *   pay-as-you-go key, and such a key was seen answered 402 "insufficient balance" on /v2.
 * - A task typed by hand without a model is looked up on V1, as before: Hailuo 3 tasks need their model.
 * Prices are MiniMax's global USD figures (the pricing page read on 2026-09-19 by several third-party notes that
 * agree). China accounts are billed in CNY at other rates (https://platform.minimax.cn/docs/guides/pricing-paygo),
 * and the credential's region is not known where estimates are made: estimates use the global USD figures.
 * Hailuo 01 has no price on that page. Render times: no source gives better figures than the shared Hailuo 3 ones.
 */
import { z } from 'zod';

import type { FailureKind, Formats, ModeSpec, ModelSpec, PriceRates, ProviderFailure, ProviderHttp, TaskRef } from './provider';
import {
	HAILUO_3,
	HAILUO_3_MAX_RENDER,
	HAILUO_3_RENDER,
	HAILUO_FIELD_NAMES,
	TYPICAL_RENDER_SECONDS,
	defineProvider,
	hailuo3RenderSeconds,
	idSchema,
	kindOfHttpStatus,
	mapStatus,
	namedFields,
	publishedPrices,
} from './provider';
import type { GenerationMode, GenerationRequest, ModelFeature, TaskSnapshot, TaskState } from '../types';

const HOSTS = {
	global: 'https://api.minimax.io',
	china: 'https://api.minimaxi.com',
	chinaCn: 'https://api.minimax.cn',
};

const PATHS = {
	create: '/v1/video_generation',
	query: '/v1/query/video_generation',
	retrieve: '/v1/files/retrieve',
};

/** Video Generation V2 (Hailuo 3): one path per task for its query and its cancel. */
const V2_PATHS = {
	create: '/v2/video_generation',
	regenerate: '/v2/video_regeneration',
	query: (taskId: string) => `/v2/query/video_generation/${encodeURIComponent(taskId)}`,
	cancel: (taskId: string) => `/v2/video_generation/${encodeURIComponent(taskId)}`,
};

/** V2 takes only MiniMax-H3 and MiniMax-H3-Max (exact case); V1 takes every other model. */
const isHailuo3 = (model: string): boolean => model.startsWith('MiniMax-H3');

/** Token Plan keys; MiniMax's guide: Hailuo 3 needs a pay-as-you-go key (sk-api-…). */
const TOKEN_PLAN_KEY_PREFIX = 'sk-cp-';

/**
 * V1: docs say Fail, the official CLI Failed, callbacks lowercase. V2: queued, running, succeeded,
 * failed, cancelled. The words do not clash, so one table serves both; all compared lowercased.
 */
const STATUS_WORDS: Record<string, TaskState> = {
	preparing: 'queued',
	queueing: 'queued',
	processing: 'running',
	success: 'succeeded',
	fail: 'failed',
	failed: 'failed',
	queued: 'queued',
	running: 'running',
	succeeded: 'succeeded',
	cancelled: 'cancelled',
};

/** base_resp.status_code meanings (MiniMax error-code page, plus codes only its CLI knows); V2 puts the same codes in its messages. */
const ERROR_CODES: Record<number, { message: string; kind: FailureKind }> = {
	1000: { message: 'Unknown error at MiniMax; try again later', kind: 'transient' },
	1001: { message: 'MiniMax timed out; try again later', kind: 'transient' },
	1002: { message: 'Rate limit reached (requests per minute)', kind: 'rateLimit' },
	1004: {
		message: 'Authentication failed: the API key is wrong, or belongs to the other region (Global vs China)',
		kind: 'auth',
	},
	1008: { message: 'Insufficient balance on the MiniMax account', kind: 'balance' },
	1013: { message: 'MiniMax internal service error; try again later', kind: 'transient' },
	1024: { message: 'MiniMax internal error; try again later', kind: 'transient' },
	1026: { message: 'The prompt or image was flagged as sensitive content; change it and try again', kind: 'moderation' },
	1027: { message: 'The generated video was flagged as sensitive content; change the prompt or image', kind: 'moderation' },
	1028: { message: 'Quota exhausted for this plan', kind: 'balance' },
	1030: { message: 'Quota exhausted for this plan', kind: 'balance' },
	1033: { message: 'MiniMax system error; try again later', kind: 'transient' },
	1039: { message: 'Token limit reached (tokens per minute)', kind: 'unknown' },
	// Refusals for load, like 1002: nothing was created, so the request waits for a free slot.
	1041: { message: 'Connection limit reached', kind: 'rateLimit' },
	1042: { message: 'The input contains illegal or invisible characters', kind: 'invalidRequest' },
	2013: { message: 'Invalid parameters', kind: 'invalidRequest' },
	2045: { message: 'Traffic grew too fast (rate growth limit); slow down', kind: 'rateLimit' },
	2049: { message: 'Invalid API key', kind: 'auth' },
	2056: { message: 'Usage limit of the Token Plan exceeded for this 5-hour window', kind: 'balance' },
	2061: { message: 'This model is not included in your plan', kind: 'invalidRequest' },
};

/**
 * V2's HTTP statuses (the V2 create page's error table), for an answer whose message carries no
 * code this module knows. A create over the 30 tasks in flight is refused with 429 (1002): nothing
 * was created, so it waits and is sent again.
 */
const V2_HTTP_STATUSES: Record<number, { message: string; kind: FailureKind }> = {
	400: { message: 'Invalid parameters', kind: 'invalidRequest' },
	401: ERROR_CODES[1004],
	402: ERROR_CODES[1008],
	422: { message: 'The input was refused as sensitive content; change it and try again', kind: 'moderation' },
	429: { message: 'Rate limit reached (requests per minute or tasks in flight)', kind: 'rateLimit' },
	500: ERROR_CODES[1000],
	529: { message: 'MiniMax is overloaded; try again later', kind: 'transient' },
};

const INVALID_PARAMETERS = 2013;

const baseResp = z
	.object({ status_code: z.coerce.number(), status_msg: z.string().nullish() })
	.partial()
	.nullish();

/** V1 and V2 alike (V2 sends no base_resp). */
const createResponse = z.object({ task_id: idSchema });

const queryResponse = z.object({
	status: z.string(),
	// Sent as "" (like every field of a task not done yet) until the task succeeds.
	file_id: z.union([z.literal(''), idSchema]).nullish(),
	video_width: z.coerce.number().nullish(),
	video_height: z.coerce.number().nullish(),
	base_resp: baseResp,
});

/** A V2 task, as the query, the list and the callbacks carry it (the error code is a string). */
const v2Task = z.object({
	id: idSchema,
	status: z.string(),
	error: z.object({ code: z.coerce.string().nullish(), message: z.string().nullish() }).nullish(),
	content: z.object({ url: z.string().url().nullish() }).nullish(),
});

const v2QueryResponse = z.object({ task: v2Task });

/** V2 errors: the real HTTP status and `{type:'error', error:{type, message '… (code)', http_code}}`, no base_resp. */
const v2ErrorBody = z.object({
	type: z.literal('error'),
	error: z.object({ type: z.string().nullish(), message: z.string().nullish() }),
});

/** V2 cancel (DELETE): a queued task is cancelled; a running or cancelled one is refused; a finished one deleted. */
const v2CancelResponse = z.object({ status: z.string() });

/**
 * The challenge first, then posts: V1 shaped like its query (statuses lowercase: processing, success,
 * failed), V2 like its query, `{task: {id, status, …}}` (queued, running, succeeded, failed, cancelled).
 */
const callbackBody = z.union([
	z.object({ task: z.object({ id: idSchema, status: z.string() }) }).transform(({ task }) => ({ task_id: task.id, status: task.status })),
	z.object({ challenge: z.string() }),
	z.object({ task_id: idSchema, status: z.string() }),
]);

const retrieveResponse = z.object({ file: z.object({ download_url: z.string().url() }) });

function codeOf(body: unknown): { code: number; message: string } | undefined {
	const parsed = z.object({ base_resp: baseResp }).safeParse(body);
	const resp = parsed.success ? parsed.data.base_resp : undefined;
	if (!resp?.status_code) return undefined;
	return { code: resp.status_code, message: resp.status_msg ?? '' };
}

function describe(code: number, statusMessage: string): ProviderFailure {
	const known = ERROR_CODES[code];
	if (!known) return { message: statusMessage || 'MiniMax error', code: String(code), kind: 'unknown' };
	const repeats = !statusMessage || known.message.toLowerCase().includes(statusMessage.toLowerCase());
	return { message: repeats ? known.message : `${known.message} (${statusMessage})`, code: String(code), kind: known.kind };
}

/** A V2 error answer: the code in the message's trailing parentheses where this module knows it, else the HTTP status. */
function v2Failure(statusCode: number, error: z.infer<typeof v2ErrorBody>['error']): ProviderFailure {
	const text = error.message?.trim() ?? '';
	const suffix = /\s*\((\d+)\)$/.exec(text);
	const detail = suffix ? text.slice(0, suffix.index) : text;
	if (suffix && ERROR_CODES[Number(suffix[1])]) return describe(Number(suffix[1]), detail);
	const known = V2_HTTP_STATUSES[statusCode] ?? { message: `HTTP ${statusCode}`, kind: kindOfHttpStatus(statusCode) };
	const code = suffix?.[1] ?? error.type ?? String(statusCode);
	return { message: detail && detail !== known.message ? `${known.message} (${detail})` : known.message, code, kind: known.kind };
}

// ---------------------------------------------------------------- V2 (Hailuo 3)

/** The request as V2's `content` list: the prompt, then every image, video and audio clip with its role. */
function v2Content(request: GenerationRequest): object[] {
	const item = (type: 'image_url' | 'video_url' | 'audio_url', role: string) => (url: string) => ({ type, [type]: { url }, role });
	const references = request.references ?? { image: [], video: [], audio: [] };
	return [
		{ type: 'text', text: request.prompt },
		...(request.firstFrameImage ? [item('image_url', 'first_frame')(request.firstFrameImage)] : []),
		...(request.lastFrameImage ? [item('image_url', 'last_frame')(request.lastFrameImage)] : []),
		...references.image.map(item('image_url', 'reference_image')),
		...references.video.map(item('video_url', 'reference_video')),
		...references.audio.map(item('audio_url', 'reference_audio')),
	];
}

/** What V2 refuses for any Hailuo 3 request, found before a paid call. */
function refuseBeforeCreate(http: ProviderHttp, request: GenerationRequest): void {
	if (http.apiKeyStartsWith(TOKEN_PLAN_KEY_PREFIX)) {
		throw http.fail({
			message: 'Hailuo 3 needs a pay-as-you-go API key (sk-api-…): the credential holds a Token Plan key (sk-cp-…), which MiniMax does not accept for Hailuo 3',
			code: 'TOKEN_PLAN_KEY',
			kind: 'auth',
		});
	}
	// V2 refuses a content list without a non-empty text item, in every mode.
	if (!request.prompt.trim()) {
		throw http.fail({ message: 'Prompt is required for Hailuo 3, in every mode', code: 'PROMPT_REQUIRED', kind: 'invalidRequest' });
	}
}

async function createV2Task(http: ProviderHttp, request: GenerationRequest): Promise<string> {
	refuseBeforeCreate(http, request);
	const body = {
		model: request.model,
		content: v2Content(request),
		resolution: request.resolution,
		duration: request.duration,
		...(request.aspectRatio ? { ratio: request.aspectRatio } : {}),
		...(request.callbackUrl ? { callback_url: request.callbackUrl } : {}),
		...(request.promptExpansion ? { extra: { prompt_expansion_mode: request.promptExpansion } } : {}),
		...(request.silentVideo ? { generate_audio: false } : {}),
		...(request.watermark ? { aigc_watermark: true } : {}),
	};
	const response = await http.call({ purpose: 'create', method: 'POST', path: V2_PATHS.create, body });
	return http.parse(createResponse, response, 'create request').task_id;
}

/**
 * Regenerate at 2K (https://github.com/MiniMax-AI/MiniMax-H3, README): a MiniMax-H3 768P video rendered again
 * at 2K from the same inputs. `original` is the request the base video was made from (its prompt, frames and
 * references are sent again), `baseVideoUrl` that video (its task's URL, or `mm_file://`). H3-Max has no
 * regeneration. The new task is read like any Hailuo 3 task (its `task_type` is `regeneration`).
 */
export async function createRegenerationTask(http: ProviderHttp, original: GenerationRequest, baseVideoUrl: string): Promise<string> {
	if (original.model !== 'MiniMax-H3') {
		throw http.fail({ message: `Regenerate at 2K takes MiniMax-H3 videos only (not ${original.model})`, code: 'NOT_REGENERABLE', kind: 'invalidRequest' });
	}
	refuseBeforeCreate(http, original);
	const body = {
		model: original.model,
		content: [...v2Content(original), { type: 'video_url', video_url: { url: baseVideoUrl }, role: 'base_video' }],
		resolution: '2K',
		...(original.callbackUrl ? { callback_url: original.callbackUrl } : {}),
		...(original.watermark ? { aigc_watermark: true } : {}),
	};
	const response = await http.call({ purpose: 'create', method: 'POST', path: V2_PATHS.regenerate, body });
	return http.parse(createResponse, response, 'regeneration request').task_id;
}

/** V2 hands the video URL back in the task itself (no files/retrieve); it expires, and a new query gives a fresh one. */
async function getV2Task(http: ProviderHttp, task: TaskRef): Promise<TaskSnapshot> {
	const response = await http.call({ purpose: 'status', method: 'GET', path: V2_PATHS.query(task.taskId) });
	const { task: found } = http.parse(v2QueryResponse, response, 'status check');
	const state = mapStatus(STATUS_WORDS, found.status);
	const snapshot = { state, providerStatus: found.status };
	if (state === 'failed') {
		const message = found.error?.message?.trim() ?? '';
		const code = Number(found.error?.code);
		const failure: ProviderFailure = Number.isInteger(code) && code > 0
			? describe(code, message)
			: { message: message || 'MiniMax reported the task as failed', kind: 'unknown' };
		return { ...snapshot, failure };
	}
	if (state !== 'succeeded') return snapshot;
	if (!found.content?.url) {
		throw http.fail({ message: 'Task succeeded but MiniMax returned no video URL', code: 'NO_VIDEO', kind: 'unknown' }, response);
	}
	return { ...snapshot, videoUrl: found.content.url };
}

// ---------------------------------------------------------------- models

// Matrix of the create pages: 10 s only at 768P (and 512P for 02 image to video), 1080P is 6 s only.
const HAILUO: Formats = { '768P': [6, 10], '1080P': [6] };
const HAILUO_WITH_512P: Formats = { '512P': [6, 10], ...HAILUO };
const SERIES_01: Formats = { '720P': [6] };

const ALL_OPTIONS: ModelFeature[] = ['promptOptimizer', 'fastPretreatment', 'watermark', 'cameraMovements'];
// fast_pretreatment is documented for Hailuo 2.3, 2.3 Fast and 02 only, and not for first+last frame.
const NO_FAST_PRETREATMENT: ModelFeature[] = ['promptOptimizer', 'watermark', 'cameraMovements'];
// Camera commands work on Hailuo 2.3, 2.3 Fast, 02 and the Director models.
const PLAIN_01: ModelFeature[] = ['promptOptimizer', 'watermark'];

/**
 * The pricing page's figures (global, USD): Hailuo 2.x per video, Hailuo 3 per output second plus input images
 * after the free ones and reference video seconds; H3's 768P → 2K regeneration per second. H3-Max's reference video rates (by resolution) come from one
 * read of the page only.
 */
const PRICES: Record<string, PriceRates> = {
	'MiniMax-Hailuo-2.3': { perVideo: { '768P': { 6: 0.28, 10: 0.56 }, '1080P': { 6: 0.49 } } },
	'MiniMax-Hailuo-2.3-Fast': { perVideo: { '768P': { 6: 0.19, 10: 0.32 }, '1080P': { 6: 0.33 } } },
	'MiniMax-Hailuo-02': { perVideo: { '512P': { 6: 0.1, 10: 0.15 }, '768P': { 6: 0.28, 10: 0.56 }, '1080P': { 6: 0.49 } } },
	'MiniMax-H3': {
		perSecond: { '768P': 0.08, '2K': 0.13 },
		extras: { freeImages: 5, perImage: 0.04, referenceVideoPerSecond: 'outputRate', regenerationPerSecond: 0.05 },
	},
	'MiniMax-H3-Max': {
		perSecond: { '480P': 0.05, '768P': 0.08 },
		extras: { freeImages: 2, perImage: 0.074, referenceVideoPerSecond: { '480P': 0.0553, '768P': 0.143 } },
	},
};
// Global prices in USD; a China Mainland key is billed in CNY (https://platform.minimaxi.com/docs/guides/pricing-paygo),
// and the estimate, made where the credential's region is not read, says so.
const priceOf = publishedPrices(PRICES, {
	asOf: '2026-09-19',
	source: () => 'https://platform.minimax.io/docs/guides/pricing-paygo; global USD prices, a China Mainland key is billed in CNY',
});

const mode = (formats: Formats, features: ModelFeature[]): ModeSpec => ({ formats, features });
const series01 = (value: string, name: string, only: GenerationMode, features: ModelFeature[]): ModelSpec => ({
	value,
	name,
	modes: { [only]: mode(SERIES_01, features) },
	renderSeconds: TYPICAL_RENDER_SECONDS.series01,
});
/** A Hailuo 2.x row with its published price. */
const hailuo = (value: string, name: string, modes: ModelSpec['modes'], renderSeconds: ModelSpec['renderSeconds']): ModelSpec => ({
	value,
	name,
	modes,
	renderSeconds,
	price: priceOf(value),
});

/** A Hailuo 3 row (Video Generation V2): every mode, references within the V2 limits, sound, its own limits. */
function hailuo3(value: string, name: string, formats: Formats, features: ModelFeature[], render: Parameters<typeof hailuo3RenderSeconds>[0] = HAILUO_3_RENDER): ModelSpec {
	const spec = mode(formats, features);
	return {
		value,
		name,
		modes: { textToVideo: spec, imageToVideo: spec, firstLastFrame: spec, lastFrame: spec, references: { ...spec, references: HAILUO_3.references } },
		renderSeconds: hailuo3RenderSeconds(render, HAILUO_3.durations),
		price: priceOf(value),
		aspectRatios: HAILUO_3.aspectRatios,
		promptMaxLength: HAILUO_3.promptMaxLength,
		promptRequired: true,
		sound: true,
		// https://platform.minimax.io/docs/guides/rate-limits: MiniMax-H3 300 requests a minute, 30 tasks in flight
		// (H3-Max has no row there: assumed to share them).
		limits: { group: 'hailuo3', createsPerMinute: 300, tasksInFlight: 30 },
	};
}

export const minimax = defineProvider({
	id: 'minimax',
	displayName: 'MiniMax',
	credentialType: 'miniMaxApi',
	baseUrl: HOSTS.global,
	// Keys are bound to the platform they were created on.
	regionBaseUrls: HOSTS,
	// One model id for every mode; resolution and duration are fields.
	models: [
		hailuo('MiniMax-Hailuo-2.3', 'Hailuo 2.3', { textToVideo: mode(HAILUO, ALL_OPTIONS), imageToVideo: mode(HAILUO, ALL_OPTIONS) }, TYPICAL_RENDER_SECONDS.hailuo),
		hailuo('MiniMax-Hailuo-2.3-Fast', 'Hailuo 2.3 Fast', { imageToVideo: mode(HAILUO, ALL_OPTIONS) }, TYPICAL_RENDER_SECONDS.hailuoFast),
		hailuo(
			'MiniMax-Hailuo-02',
			'Hailuo 02',
			{
				textToVideo: mode(HAILUO, ALL_OPTIONS),
				imageToVideo: mode(HAILUO_WITH_512P, ALL_OPTIONS),
				firstLastFrame: mode(HAILUO, NO_FAST_PRETREATMENT),
			},
			TYPICAL_RENDER_SECONDS.hailuo,
		),
		series01('T2V-01-Director', 'Hailuo 01 Director', 'textToVideo', NO_FAST_PRETREATMENT),
		series01('T2V-01', 'Hailuo 01', 'textToVideo', PLAIN_01),
		series01('I2V-01-Director', 'Hailuo 01 Director', 'imageToVideo', NO_FAST_PRETREATMENT),
		series01('I2V-01-live', 'Hailuo 01 Live', 'imageToVideo', PLAIN_01),
		series01('I2V-01', 'Hailuo 01', 'imageToVideo', PLAIN_01),
		// Subject reference: one face image; the create page has no duration or resolution fields (720P, 6 s).
		series01('S2V-01', 'Hailuo 01 Subject', 'subjectReference', ['promptOptimizer']),
		hailuo3('MiniMax-H3', 'Hailuo 3', { '768P': HAILUO_3.durations, '2K': HAILUO_3.durations }, ['silentVideo', 'watermark', 'regenerateFrom']),
		hailuo3('MiniMax-H3-Max', 'Hailuo 3 Max', { '480P': HAILUO_3.maxDurations, '768P': HAILUO_3.maxDurations }, ['silentVideo', 'watermark', 'promptExpansion'], HAILUO_3_MAX_RENDER),
	],
	capabilities: {
		cameraSyntax: 'english',
		imageFormats: ['jpeg', 'png', 'webp'],
		callbacks: true,
		promptAlwaysRequired: false,
		// Hailuo 3 tasks are read at another API (V2; fal's minimax/h3 queues), named by the model.
		taskLookupNeedsModel: 'hailuo3',
	},
	optionNotes: {
		callbackUrl: 'a challenge is posted first and must be echoed within 3 seconds',
		cancelOnTimeout: 'Hailuo 3 tasks only, while still queued (a rendering task cannot be stopped)',
	},
	limits: {
		// The global rate-limit page: 5 requests per minute for the V1 video models (China: 20 on paid plans).
		createsPerMinute: 5,
		// download_url is valid for an hour (China docs; another page says 9 hours). V2 states no lifetime.
		videoUrlLifetimeMs: 60 * 60_000,
	},

	failureOf(response, purpose) {
		const v2Error = v2ErrorBody.safeParse(response.body);
		if (v2Error.success) {
			const failure = v2Failure(response.statusCode, v2Error.data.error);
			// A query for a task V2 does not know (yet, or after its 7 days) is refused as invalid.
			const unknownTask = purpose === 'status' && (failure.code === String(INVALID_PARAMETERS) || response.statusCode === 404);
			return unknownTask ? { ...failure, kind: 'notFound' } : failure;
		}
		const business = codeOf(response.body);
		if (business) {
			const failure = describe(business.code, business.message);
			// A query that reports a task status carries the failed task's reason in base_resp: that
			// is the task's outcome, read by getTask, not a failed call. A refusal's zero-valued
			// fields may include `status: ""`, which is no status.
			const status = (response.body as { status?: unknown }).status;
			const isTaskOutcome = failure.kind !== 'rateLimit' && typeof status === 'string' && status.trim() !== '';
			if (isTaskOutcome) return undefined;
			// A query for a task id MiniMax does not know (yet) is refused as invalid parameters.
			return purpose === 'status' && business.code === INVALID_PARAMETERS ? { ...failure, kind: 'notFound' } : failure;
		}
		if (response.statusCode >= 400) {
			// A gateway's answer (MiniMax V1 itself answers HTTP 200 with a code).
			return { message: `HTTP ${response.statusCode}`, code: String(response.statusCode), kind: kindOfHttpStatus(response.statusCode) };
		}
		return undefined;
	},

	async createTask(http, request) {
		if (request.regenerateFrom) return { taskId: await createRegenerationTask(http, request, request.regenerateFrom) };
		if (isHailuo3(request.model)) return { taskId: await createV2Task(http, request) };
		const subject = request.mode === 'subjectReference';
		// S2V-01 takes a prompt, the optimizer and the subject only.
		const fields = subject ? { prompt: HAILUO_FIELD_NAMES.prompt, promptOptimizer: HAILUO_FIELD_NAMES.promptOptimizer } : HAILUO_FIELD_NAMES;
		const body = {
			model: request.model,
			...namedFields(request, { ...fields, callbackUrl: 'callback_url' }),
			...(subject ? { subject_reference: [{ type: 'character', image: [request.subjectImage] }] } : {}),
		};
		const response = await http.call({ purpose: 'create', method: 'POST', path: PATHS.create, body });
		return { taskId: http.parse(createResponse, response, 'create request').task_id };
	},

	readCallback({ body }) {
		const parsed = callbackBody.safeParse(body);
		if (!parsed.success) return undefined;
		if ('challenge' in parsed.data) return { challenge: parsed.data.challenge };
		const state = mapStatus(STATUS_WORDS, parsed.data.status);
		return { taskId: parsed.data.task_id, ended: state === 'succeeded' || state === 'failed' || state === 'cancelled' };
	},

	async getTask(http, task) {
		if (isHailuo3(task.model)) return await getV2Task(http, task);
		const response = await http.call({ purpose: 'status', method: 'GET', path: PATHS.query, qs: { task_id: task.taskId } });
		const query = http.parse(queryResponse, response, 'status check');
		const state = mapStatus(STATUS_WORDS, query.status);
		const snapshot = {
			state,
			providerStatus: query.status,
			width: query.video_width ?? undefined,
			height: query.video_height ?? undefined,
		};
		if (state === 'failed') {
			const statusMessage = query.base_resp?.status_msg?.trim() ?? '';
			// base_resp 0 "success" says the query worked, nothing about why the task failed.
			const failure: ProviderFailure = query.base_resp?.status_code
				? describe(query.base_resp.status_code, statusMessage)
				: { message: /^(success)?$/i.test(statusMessage) ? 'MiniMax reported the task as failed' : statusMessage, kind: 'unknown' };
			return { ...snapshot, failure };
		}
		if (state !== 'succeeded') return snapshot;
		if (!query.file_id) {
			throw http.fail({ message: 'Task succeeded but MiniMax returned no file_id', code: 'NO_FILE', kind: 'unknown' }, response);
		}
		// The query gives a file id only; the download URL (valid about an hour) comes from files/retrieve.
		const file = await http.call({ purpose: 'result', method: 'GET', path: PATHS.retrieve, qs: { file_id: query.file_id } });
		return { ...snapshot, videoUrl: http.parse(retrieveResponse, file, 'file lookup').file.download_url };
	},

	// Only V2 cancels, and only a queued task; V1 has no cancel.
	canCancel: isHailuo3,

	async cancelTask(http, task) {
		// The same DELETE removes a finished task's record (its video with it): it is sent for a queued task only.
		if ((await getV2Task(http, task)).state !== 'queued') return false;
		// A task that started rendering since is refused (an error answer): it was not cancelled, nothing failed.
		const response = await http.call({ purpose: 'cancel', method: 'DELETE', path: V2_PATHS.cancel(task.taskId), accept: [400, 409, 422] });
		if (response.statusCode >= 400) return false;
		return mapStatus(STATUS_WORDS, http.parse(v2CancelResponse, response, 'cancel request').status) === 'cancelled';
	},
});
