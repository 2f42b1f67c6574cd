/** SeaArt Cloud model API: a fal-style queue per model id (`/model/v1/queue/{model}`). */
import { z } from 'zod';

import type { TaskSnapshot, TaskState } from '../types';
import { minimaxVideoFields } from './minimax';
import { mapStatus } from './provider';
import type { ApiResponse, HailuoProvider } from './provider';

export const SEAART_HOST = 'https://cloud.seaart.ai';

const queue = (model: string) => `/model/v1/queue/${encodeURIComponent(model)}`;
const PATHS = {
	submit: queue,
	status: (model: string, id: string) => `${queue(model)}/requests/${encodeURIComponent(id)}/status`,
	result: (model: string, id: string) => `${queue(model)}/requests/${encodeURIComponent(id)}/response`,
};

/** COMPLETED is terminal for success and failure alike: the `error` field tells them apart. */
const STATUS_WORDS: Record<string, TaskState> = {
	in_queue: 'queued',
	in_progress: 'running',
	completed: 'succeeded',
};

const ERROR_TYPES: Record<string, string> = {
	INFERENCE_FAILURE: 'The generation failed at SeaArt',
	INFERENCE_TIMEOUT: 'The generation timed out at SeaArt',
	REQUEST_INVALID: 'SeaArt rejected the request parameters',
	CONTENT_BLOCKED: 'The prompt, image or video was blocked by content moderation',
	CANCELED: 'The task was cancelled',
	INTERNAL_SERVER_ERROR: 'SeaArt internal error',
};

const GATEWAY_ERRORS: Record<string, string> = {
	UNAUTHORIZED: 'Authentication failed: check the API key',
	RATE_LIMIT_EXCEEDED: 'Rate limit reached',
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

function failureOfTask(body: Partial<z.infer<typeof statusBody>>): TaskSnapshot['failure'] | undefined {
	if (!body.error && !body.error_type) return undefined;
	const type = body.error_type ?? 'INFERENCE_FAILURE';
	const detail = typeof body.error === 'string' ? body.error : JSON.stringify(body.error ?? '');
	const known = ERROR_TYPES[type];
	return { code: type, message: [known, detail].filter(Boolean).join(': ') || type };
}

export const seaArt: HailuoProvider = {
	id: 'seaArt',
	displayName: 'SeaArt',
	credentialType: 'seaArtApi',
	// SeaArt's Hailuo pages write camera commands in Chinese, as MiniMax's Chinese docs do.
	cameraSyntax: 'chinese',
	imageFormats: ['jpeg', 'png', 'webp'],
	acceptsCallbackUrl: false,

	baseUrl(credentials) {
		return String(credentials.baseUrl ?? '').trim() || SEAART_HOST;
	},

	failureOf(response: ApiResponse) {
		if (response.statusCode < 400) return undefined;
		const parsed = errorBody.safeParse(response.body);
		const body = parsed.success ? parsed.data : {};
		const code = body.error?.code ?? String(response.statusCode);
		const detail = body.error?.message ?? (typeof body.detail === 'string' ? body.detail : undefined);
		const known = GATEWAY_ERRORS[code] ?? `HTTP ${response.statusCode}`;
		return {
			message: detail ? `${known} (${detail})` : known,
			code,
			rateLimited: code === 'RATE_LIMIT_EXCEEDED',
		};
	},

	async createTask(api, request) {
		// SeaArt's body is flat with MiniMax's field names; the model id goes in the path.
		const body = minimaxVideoFields(request);
		const response = await api.call({ method: 'POST', path: PATHS.submit(request.model), body }, 'create');
		const submitted = api.parse(z.object({ request_id: z.string().min(1) }), response, 'create request');
		return { taskId: submitted.request_id };
	},

	async getTask(api, task) {
		const response = await api.call({ method: 'GET', path: PATHS.status(task.model, task.taskId) }, 'read');
		const status = api.parse(statusBody, response, 'status check');
		const state = mapStatus(STATUS_WORDS, status.status);
		if (state !== 'succeeded') return { state, providerStatus: status.status };

		const failure = failureOfTask(status);
		if (failure) {
			const cancelled = failure.code === 'CANCELED';
			return { state: cancelled ? 'cancelled' : 'failed', providerStatus: status.status, failure };
		}
		const result = await api.call({ method: 'GET', path: PATHS.result(task.model, task.taskId) }, 'read');
		if (result.statusCode === 202) return { state: 'running', providerStatus: status.status };
		// A failure can also surface only in the result body.
		const resultErrors = statusBody.partial().safeParse(result.body);
		const resultFailure = resultErrors.success ? failureOfTask(resultErrors.data) : undefined;
		if (resultFailure) return { state: 'failed', providerStatus: status.status, failure: resultFailure };
		const output = api.parse(resultBody, result, 'result');
		return { state, providerStatus: status.status, videoUrl: output.outputs[0].url };
	},
};
