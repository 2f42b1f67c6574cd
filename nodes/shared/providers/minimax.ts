/**
 * MiniMax official API (V1 video generation), global and China hosts.
 *
 * Follows:
 * - https://platform.minimax.io/docs/api-reference/video-generation-t2v (also -i2v, -fl2v, -s2v)
 * - https://platform.minimax.io/docs/api-reference/video-generation-query
 * - https://platform.minimax.io/docs/api-reference/video-generation-download (files/retrieve)
 * - https://platform.minimax.io/docs/api-reference/errorcode
 * - https://platform.minimax.io/docs/guides/rate-limits
 * - China: the same paths under https://platform.minimaxi.com/docs/
 * - https://github.com/MiniMax-AI/cli (src/types/api.ts: the "Failed" status word and plan error codes)
 * No price is in the catalog yet: the video prices are on https://platform.minimax.io/docs/guides/pricing-paygo
 * (USD; China bills CNY on https://platform.minimaxi.com/docs/guides/pricing-paygo, and the key's region is not
 * known where estimates are made), but the copy of that page read on 2026-11-23 showed its LLM section only.
 */
import { z } from 'zod';

import type { FailureKind, Formats, ModeSpec, ModelSpec, ProviderFailure } from './provider';
import {
	HAILUO_3,
	HAILUO_FIELD_NAMES,
	TYPICAL_RENDER_SECONDS,
	defineProvider,
	hailuo3RenderSeconds,
	idSchema,
	kindOfHttpStatus,
	mapStatus,
	namedFields,
} from './provider';
import type { GenerationMode, ModelFeature, TaskState } from '../types';

const HOSTS = {
	global: 'https://api.minimax.io',
	china: 'https://api.minimaxi.com',
};

const PATHS = {
	create: '/v1/video_generation',
	query: '/v1/query/video_generation',
	retrieve: '/v1/files/retrieve',
};

/** Docs say Fail, the official CLI Failed, callbacks lowercase: all compared lowercased. */
const STATUS_WORDS: Record<string, TaskState> = {
	preparing: 'queued',
	queueing: 'queued',
	processing: 'running',
	success: 'succeeded',
	fail: 'failed',
	failed: 'failed',
};

/** base_resp.status_code meanings (MiniMax error-code page, plus codes only its CLI knows). */
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

const INVALID_PARAMETERS = 2013;

const baseResp = z
	.object({ status_code: z.coerce.number(), status_msg: z.string().nullish() })
	.partial()
	.nullish();

const createResponse = z.object({ task_id: idSchema });

const queryResponse = z.object({
	status: z.string(),
	// Sent as "" (like every field of a task not done yet) until the task succeeds.
	file_id: z.union([z.literal(''), idSchema]).nullish(),
	video_width: z.coerce.number().nullish(),
	video_height: z.coerce.number().nullish(),
	base_resp: baseResp,
});

/** The challenge first, then posts shaped like the query (statuses lowercase: processing, success, failed). */
const callbackBody = z.object({ challenge: z.string().optional(), task_id: idSchema.optional(), status: z.string().optional() });

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

// Matrix of the create pages: 10 s only at 768P (and 512P for 02 image to video), 1080P is 6 s only.
const HAILUO: Formats = { '768P': [6, 10], '1080P': [6] };
const HAILUO_WITH_512P: Formats = { '512P': [6, 10], ...HAILUO };
const SERIES_01: Formats = { '720P': [6] };

const ALL_OPTIONS: ModelFeature[] = ['promptOptimizer', 'fastPretreatment', 'watermark', 'cameraMovements'];
// fast_pretreatment is documented for Hailuo 2.3, 2.3 Fast and 02 only, and not for first+last frame.
const NO_FAST_PRETREATMENT: ModelFeature[] = ['promptOptimizer', 'watermark', 'cameraMovements'];
// Camera commands work on Hailuo 2.3, 2.3 Fast, 02 and the Director models.
const PLAIN_01: ModelFeature[] = ['promptOptimizer', 'watermark'];

const mode = (formats: Formats, features: ModelFeature[]): ModeSpec => ({ formats, features });
const series01 = (value: string, name: string, only: GenerationMode, features: ModelFeature[]): ModelSpec => ({
	value,
	name,
	modes: { [only]: mode(SERIES_01, features) },
	renderSeconds: TYPICAL_RENDER_SECONDS.series01,
});

/** A Hailuo 3 row (Video Generation V2): every mode, references within the V2 limits, sound, its own limits. */
function hailuo3(value: string, name: string, formats: Formats, features: ModelFeature[]): ModelSpec {
	const spec = mode(formats, features);
	return {
		value,
		name,
		modes: { textToVideo: spec, imageToVideo: spec, firstLastFrame: spec, lastFrame: spec, references: { ...spec, references: HAILUO_3.references } },
		renderSeconds: hailuo3RenderSeconds({ '480P': { base: 90, perSecond: 6 }, '768P': { base: 110, perSecond: 8 }, '2K': { base: 125, perSecond: 12 } }, HAILUO_3.durations),
		aspectRatios: HAILUO_3.aspectRatios,
		promptMaxLength: HAILUO_3.promptMaxLength,
		promptRequired: true,
		sound: true,
		// https://platform.minimax.io/docs/guides/rate-limits: MiniMax-H3 300 requests a minute, 30 tasks in flight.
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
		{
			value: 'MiniMax-Hailuo-2.3',
			name: 'Hailuo 2.3',
			modes: { textToVideo: mode(HAILUO, ALL_OPTIONS), imageToVideo: mode(HAILUO, ALL_OPTIONS) },
			renderSeconds: TYPICAL_RENDER_SECONDS.hailuo,
		},
		{
			value: 'MiniMax-Hailuo-2.3-Fast',
			name: 'Hailuo 2.3 Fast',
			modes: { imageToVideo: mode(HAILUO, ALL_OPTIONS) },
			renderSeconds: TYPICAL_RENDER_SECONDS.hailuoFast,
		},
		{
			value: 'MiniMax-Hailuo-02',
			name: 'Hailuo 02',
			modes: {
				textToVideo: mode(HAILUO, ALL_OPTIONS),
				imageToVideo: mode(HAILUO_WITH_512P, ALL_OPTIONS),
				firstLastFrame: mode(HAILUO, NO_FAST_PRETREATMENT),
			},
			renderSeconds: TYPICAL_RENDER_SECONDS.hailuo,
		},
		series01('T2V-01-Director', 'Hailuo 01 Director', 'textToVideo', NO_FAST_PRETREATMENT),
		series01('T2V-01', 'Hailuo 01', 'textToVideo', PLAIN_01),
		series01('I2V-01-Director', 'Hailuo 01 Director', 'imageToVideo', NO_FAST_PRETREATMENT),
		series01('I2V-01-live', 'Hailuo 01 Live', 'imageToVideo', PLAIN_01),
		series01('I2V-01', 'Hailuo 01', 'imageToVideo', PLAIN_01),
		// Subject reference: one face image; the create page has no duration or resolution fields (720P, 6 s).
		series01('S2V-01', 'Hailuo 01 Subject', 'subjectReference', ['promptOptimizer']),
		hailuo3('MiniMax-H3', 'Hailuo 3', { '768P': HAILUO_3.durations, '2K': HAILUO_3.durations }, ['silentVideo', 'watermark']),
		hailuo3('MiniMax-H3-Max', 'Hailuo 3 Max', { '480P': HAILUO_3.maxDurations, '768P': HAILUO_3.maxDurations }, ['silentVideo', 'watermark', 'promptExpansion']),
	],
	capabilities: {
		cameraSyntax: 'english',
		imageFormats: ['jpeg', 'png', 'webp'],
		callbacks: true,
		promptAlwaysRequired: false,
		taskLookupNeedsModel: false,
	},
	optionNotes: { callbackUrl: 'a challenge is posted first and must be echoed within 3 seconds' },
	limits: {
		// The global rate-limit page: 5 requests per minute for the video models (China: 20 on paid plans).
		createsPerMinute: 5,
		// download_url is valid for an hour (China docs; another page says 9 hours).
		videoUrlLifetimeMs: 60 * 60_000,
	},

	failureOf(response, purpose) {
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
			// A gateway's answer (MiniMax itself answers HTTP 200 with a code).
			return { message: `HTTP ${response.statusCode}`, code: String(response.statusCode), kind: kindOfHttpStatus(response.statusCode) };
		}
		return undefined;
	},

	async createTask(http, request) {
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
		const { challenge, task_id: taskId, status } = parsed.data;
		if (challenge !== undefined) return { challenge };
		if (taskId === undefined || status === undefined) return undefined;
		const state = mapStatus(STATUS_WORDS, status);
		return { taskId, ended: state === 'succeeded' || state === 'failed' };
	},

	async getTask(http, task) {
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
});
