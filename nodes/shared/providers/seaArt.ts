/**
 * SeaArt Cloud model API: a fal-style queue per model id (`/model/v1/queue/{model}`).
 *
 * Follows:
 * - https://cloud.seaart.ai/docs/model-api/multimodal/setup (hosts, auth)
 * - https://cloud.seaart.ai/docs/model-api/multimodal/submit , …/poll , …/result , …/cancel , …/errors
 * - https://cloud.seaart.ai/docs/api-reference/model-api/minimax/hailuo-2-3-i2v
 *   (and …/hailuo-2-3-t2v, …/hailuo-2-3-fast-i2v, …/hailuo-2-0-i2v, …/hailuo-2-0-t2v)
 * No price is in the catalog: the model API pages read on 2026-11-23 state none, and
 * https://cloud.seaart.ai/docs/skillhub/pricing defers to "the model detail page" (none shows one).
 * Hailuo 3 is not served here: no H3 id, page or client of SeaArt was found (docs, pages and code searched 2026-12-04).
 */
import { z } from 'zod';

import type { FailureKind, Formats, ProviderFailure, RenderSeconds } from './provider';
import { HAILUO_FIELD_NAMES, TYPICAL_RENDER_SECONDS, defineProvider, kindOfHttpStatus, mapStatus, namedFields } from './provider';
import type { ModelFeature, TaskSnapshot, TaskState } from '../types';

const queue = (model: string) => `/model/v1/queue/${encodeURIComponent(model)}`;
const PATHS = {
	submit: queue,
	status: (model: string, id: string) => `${queue(model)}/requests/${encodeURIComponent(id)}/status`,
	result: (model: string, id: string) => `${queue(model)}/requests/${encodeURIComponent(id)}/response`,
	cancel: (model: string, id: string) => `${queue(model)}/requests/${encodeURIComponent(id)}/cancel`,
};

/** COMPLETED is terminal for success and failure alike: the `error` field tells them apart. */
const STATUS_WORDS: Record<string, TaskState> = {
	in_queue: 'queued',
	in_progress: 'running',
	completed: 'succeeded',
};

const ERROR_TYPES: Record<string, { message: string; kind: FailureKind }> = {
	INFERENCE_FAILURE: { message: 'The generation failed at SeaArt', kind: 'transient' },
	INFERENCE_TIMEOUT: { message: 'The generation timed out at SeaArt', kind: 'transient' },
	REQUEST_INVALID: { message: 'SeaArt rejected the request parameters', kind: 'invalidRequest' },
	CONTENT_BLOCKED: { message: 'The prompt, image or video was blocked by content moderation', kind: 'moderation' },
	CANCELED: { message: 'The task was cancelled', kind: 'unknown' },
	INTERNAL_SERVER_ERROR: { message: 'SeaArt internal error', kind: 'transient' },
};

const GATEWAY_ERRORS: Record<string, { message: string; kind: FailureKind }> = {
	UNAUTHORIZED: { message: 'Authentication failed: check the API key', kind: 'auth' },
	RATE_LIMIT_EXCEEDED: { message: 'Rate limit reached', kind: 'rateLimit' },
};

const statusBody = z.object({
	status: z.string(),
	error: z.union([z.string(), z.record(z.unknown())]).nullish(),
	error_type: z.string().nullish(),
});

const resultBody = z.object({
	outputs: z.array(z.object({ url: z.string().min(1), type: z.string().optional() })).min(1),
});

const errorBody = z.object({
	error: z.object({ code: z.string().optional(), message: z.string().optional() }).optional(),
	detail: z.unknown().optional(),
});

function failureOfTask(body: Partial<z.infer<typeof statusBody>>): ProviderFailure | undefined {
	if (!body.error && !body.error_type) return undefined;
	const type = body.error_type ?? 'INFERENCE_FAILURE';
	const detail = typeof body.error === 'string' ? body.error : body.error ? JSON.stringify(body.error) : '';
	const known = ERROR_TYPES[type];
	return { code: type, message: [known?.message, detail].filter(Boolean).join(': ') || type, kind: known?.kind ?? 'unknown' };
}

/** A COMPLETED task without a video: cancelled (CANCELED) or failed. */
function endedWithout(failure: ProviderFailure, providerStatus: string): TaskSnapshot {
	return { state: failure.code === 'CANCELED' ? 'cancelled' : 'failed', providerStatus, failure };
}

// One id per family and mode; resolution and duration are fields.
const HAILUO: Formats = { '768P': [6, 10], '1080P': [6] };
const ALL_OPTIONS: ModelFeature[] = ['promptOptimizer', 'fastPretreatment', 'watermark', 'cameraMovements'];
const model = (
	value: string,
	name: string,
	mode: 'textToVideo' | 'imageToVideo',
	formats = HAILUO,
	renderSeconds: RenderSeconds = TYPICAL_RENDER_SECONDS.hailuo,
) => ({ value, name, modes: { [mode]: { formats, features: ALL_OPTIONS } }, renderSeconds });

export const seaArt = defineProvider({
	id: 'seaArt',
	displayName: 'SeaArt',
	credentialType: 'seaArtApi',
	baseUrl: 'https://cloud.seaart.ai',
	models: [
		model('minimax_hailuo_23_t2v', 'Hailuo 2.3', 'textToVideo'),
		model('minimax_hailuo_23_i2v', 'Hailuo 2.3', 'imageToVideo'),
		model('minimax_hailuo_23_fast_i2v', 'Hailuo 2.3 Fast', 'imageToVideo', HAILUO, TYPICAL_RENDER_SECONDS.hailuoFast),
		model('minimax_hailuo_02_t2v', 'Hailuo 02', 'textToVideo'),
		model('minimax_hailuo_02_i2v', 'Hailuo 02', 'imageToVideo', { '512P': [6, 10], ...HAILUO }),
	],
	capabilities: {
		// SeaArt's Hailuo pages write camera commands in Chinese, as MiniMax's Chinese docs do.
		cameraSyntax: 'chinese',
		imageFormats: ['jpeg', 'png', 'webp'],
		callbacks: false,
		promptAlwaysRequired: false,
		// Requests live under their model's queue.
		taskLookupNeedsModel: true,
	},
	// No rate limit is published.
	limits: {},

	failureOf(response) {
		if (response.statusCode < 400) return undefined;
		const parsed = errorBody.safeParse(response.body);
		const body = parsed.success ? parsed.data : {};
		const code = body.error?.code ?? String(response.statusCode);
		const detail = body.error?.message ?? (typeof body.detail === 'string' ? body.detail : undefined);
		// The queue of a model id SeaArt does not serve (any more): the model, not the host, is wrong.
		const unknownModel = response.statusCode === 404 && /^App not found/i.test(detail ?? '');
		const known =
			GATEWAY_ERRORS[code] ??
			(unknownModel
				? { message: 'SeaArt does not serve this model', kind: 'invalidRequest' as const }
				: { message: `HTTP ${response.statusCode}`, kind: kindOfHttpStatus(response.statusCode) });
		return { message: detail ? `${known.message} (${detail})` : known.message, code, kind: known.kind };
	},

	async createTask(http, request) {
		// A flat body with MiniMax's field names; the model id goes in the path.
		const body = namedFields(request, HAILUO_FIELD_NAMES);
		const response = await http.call({ purpose: 'create', method: 'POST', path: PATHS.submit(request.model), body });
		const submitted = http.parse(z.object({ request_id: z.string().min(1) }), response, 'create request');
		return { taskId: submitted.request_id };
	},

	async getTask(http, task) {
		const response = await http.call({ purpose: 'status', method: 'GET', path: PATHS.status(task.model, task.taskId) });
		const status = http.parse(statusBody, response, 'status check');
		const state = mapStatus(STATUS_WORDS, status.status);
		if (state !== 'succeeded') return { state, providerStatus: status.status };

		const failure = failureOfTask(status);
		if (failure) return endedWithout(failure, status.status);
		const result = await http.call({ purpose: 'result', method: 'GET', path: PATHS.result(task.model, task.taskId) });
		if (result.statusCode === 202) return { state: 'running', providerStatus: status.status };
		// A failure can also surface only in the result body.
		const resultErrors = statusBody.partial().safeParse(result.body);
		const resultFailure = resultErrors.success ? failureOfTask(resultErrors.data) : undefined;
		if (resultFailure) return endedWithout(resultFailure, status.status);
		const output = http.parse(resultBody, result, 'result');
		return { state, providerStatus: status.status, videoUrl: output.outputs[0].url };
	},

	async cancelTask(http, task) {
		// 202 CANCELLATION_REQUESTED; 400 ALREADY_COMPLETED leaves nothing to stop.
		await http.call({ purpose: 'cancel', method: 'PUT', path: PATHS.cancel(task.model, task.taskId), accept: [400] });
	},
});
