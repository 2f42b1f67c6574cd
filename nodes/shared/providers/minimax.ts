/** MiniMax official API (V1 video generation), global and China hosts. */
import { z } from 'zod';

import type { GenerationRequest, TaskState } from '../types';
import { mapStatus } from './provider';
import type { ApiResponse, HailuoProvider, ProviderFailure } from './provider';

export const MINIMAX_HOSTS = {
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
const ERROR_CODES: Record<number, string> = {
	1000: 'Unknown error at MiniMax; try again later',
	1001: 'MiniMax timed out; try again later',
	1002: 'Rate limit reached (requests per minute)',
	1004: 'Authentication failed: the API key is wrong, or belongs to the other region (Global vs China)',
	1008: 'Insufficient balance on the MiniMax account',
	1013: 'MiniMax internal service error; try again later',
	1024: 'MiniMax internal error; try again later',
	1026: 'The prompt or image was flagged as sensitive content; change it and try again',
	1027: 'The generated video was flagged as sensitive content; change the prompt or image',
	1028: 'Quota exhausted for this plan',
	1030: 'Quota exhausted for this plan',
	1033: 'MiniMax system error; try again later',
	1039: 'Token limit reached (tokens per minute)',
	1041: 'Connection limit reached',
	1042: 'The input contains illegal or invisible characters',
	2013: 'Invalid parameters',
	2045: 'Traffic grew too fast (rate growth limit); slow down',
	2049: 'Invalid API key',
	2056: 'Usage limit of the Token Plan exceeded for this 5-hour window',
	2061: 'This model is not included in your plan',
};

const RATE_LIMIT_CODE = 1002;

const baseResp = z
	.object({ status_code: z.coerce.number(), status_msg: z.string().nullish() })
	.partial()
	.nullish();

/** task_id and file_id are strings in the docs; accept numbers but never round them through a JS number. */
const id = z.union([z.string().min(1), z.number()]).transform(String);

const createResponse = z.object({ task_id: id });

const queryResponse = z.object({
	status: z.string(),
	file_id: id.nullish(),
	video_width: z.coerce.number().nullish(),
	video_height: z.coerce.number().nullish(),
	base_resp: baseResp,
});

const retrieveResponse = z.object({ file: z.object({ download_url: z.string().url() }) });

function codeOf(body: unknown): { code: number; message: string } | undefined {
	const parsed = z.object({ base_resp: baseResp }).safeParse(body);
	const resp = parsed.success ? parsed.data.base_resp : undefined;
	if (!resp?.status_code) return undefined;
	return { code: resp.status_code, message: resp.status_msg ?? '' };
}

function describe(code: number, statusMessage: string): ProviderFailure {
	const known = ERROR_CODES[code];
	const message = known
		? statusMessage && !known.toLowerCase().includes(statusMessage.toLowerCase())
			? `${known} (${statusMessage})`
			: known
		: statusMessage || 'MiniMax error';
	return { message, code: String(code), rateLimited: code === RATE_LIMIT_CODE };
}

/** MiniMax's own names for the generation fields (other hosts of the model reuse them). */
export function minimaxVideoFields(request: GenerationRequest): Record<string, string | number | boolean> {
	const fields: Record<string, string | number | boolean> = {
		duration: request.duration,
		resolution: request.resolution,
	};
	if (request.prompt) fields.prompt = request.prompt;
	if (request.firstFrameImage) fields.first_frame_image = request.firstFrameImage;
	if (request.lastFrameImage) fields.last_frame_image = request.lastFrameImage;
	if (request.promptOptimizer !== undefined) fields.prompt_optimizer = request.promptOptimizer;
	if (request.fastPretreatment !== undefined) fields.fast_pretreatment = request.fastPretreatment;
	if (request.watermark !== undefined) fields.aigc_watermark = request.watermark;
	return fields;
}

export const minimax: HailuoProvider = {
	id: 'minimax',
	displayName: 'MiniMax',
	credentialType: 'miniMaxApi',
	cameraSyntax: 'english',
	imageFormats: ['jpeg', 'png', 'webp'],
	acceptsCallbackUrl: true,

	baseUrl(credentials) {
		const override = String(credentials.baseUrl ?? '').trim();
		if (override) return override;
		return credentials.region === 'china' ? MINIMAX_HOSTS.china : MINIMAX_HOSTS.global;
	},

	failureOf(response: ApiResponse) {
		const business = codeOf(response.body);
		if (business) {
			// A query that reports a task status carries the failed task's reason in base_resp:
			// that is the task's outcome, read by getTask, not a failed call.
			const isTaskOutcome =
				business.code !== RATE_LIMIT_CODE && typeof (response.body as { status?: unknown }).status === 'string';
			return isTaskOutcome ? undefined : describe(business.code, business.message);
		}
		if (response.statusCode >= 400) return { message: `HTTP ${response.statusCode}`, code: String(response.statusCode) };
		return undefined;
	},

	async createTask(api, request: GenerationRequest) {
		const body = {
			model: request.model,
			...minimaxVideoFields(request),
			...(request.callbackUrl ? { callback_url: request.callbackUrl } : {}),
		};

		const response = await api.call({ method: 'POST', path: PATHS.create, body }, 'create');
		return { taskId: api.parse(createResponse, response, 'create request').task_id };
	},

	async getTask(api, task) {
		const response = await api.call(
			{ method: 'GET', path: PATHS.query, qs: { task_id: task.taskId } },
			'read',
		);
		const query = api.parse(queryResponse, response, 'status check');
		const state = mapStatus(STATUS_WORDS, query.status);
		const snapshot = {
			state,
			providerStatus: query.status,
			width: query.video_width ?? undefined,
			height: query.video_height ?? undefined,
		};
		if (state === 'failed') {
			const reason = query.base_resp?.status_code
				? describe(query.base_resp.status_code, query.base_resp.status_msg ?? '')
				: { message: query.base_resp?.status_msg || 'MiniMax reported the task as failed' };
			return { ...snapshot, failure: { code: reason.code, message: reason.message } };
		}
		if (state !== 'succeeded') return snapshot;
		if (!query.file_id) {
			throw api.error({ message: 'Task succeeded but MiniMax returned no file_id', code: 'NO_FILE' }, response);
		}
		// The query gives a file id only; the download URL (valid about an hour) comes from files/retrieve.
		const file = await api.call(
			{ method: 'GET', path: PATHS.retrieve, qs: { file_id: query.file_id } },
			'read',
		);
		return { ...snapshot, videoUrl: api.parse(retrieveResponse, file, 'file lookup').file.download_url };
	},
};
