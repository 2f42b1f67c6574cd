/** API in One: a credit-based gateway (`/videos/generations`, `/tasks/{id}`); Hailuo 2.3 image-to-video. */
import { z } from 'zod';

import type { TaskState } from '../types';
import { mapStatus, withOptionalEnvelope } from './provider';
import type { ApiResponse, HailuoProvider } from './provider';

export const API_IN_ONE_BASE = 'https://apiin.one/api/v1';

const PATHS = {
	create: '/videos/generations',
	task: (id: string) => `/tasks/${encodeURIComponent(id)}`,
};

const STATUS_WORDS: Record<string, TaskState> = {
	pending: 'queued',
	in_queue: 'queued',
	processing: 'running',
	in_progress: 'running',
	completed: 'succeeded',
	success: 'succeeded',
	failed: 'failed',
	fail: 'failed',
};

const HTTP_ERRORS: Record<number, string> = {
	401: 'Authentication failed: check the API key',
	402: 'Not enough credits on the API in One account',
	429: 'Rate limit reached',
};

const id = z.union([z.string().min(1), z.number()]).transform(String);


const createResponse = withOptionalEnvelope(
	z.union([
		z.object({ task_id: id }).transform((t) => t.task_id),
		z.object({ id }).transform((t) => t.id),
	]),
);

const videoUrlIn = z
	.union([
		z.string(),
		z.object({ video_url: z.string().optional(), url: z.string().optional() }).transform((o) => o.video_url ?? o.url),
	])
	.nullish();

const taskBody = withOptionalEnvelope(
	z.object({
		status: z.string(),
		output: videoUrlIn,
		video_url: z.string().nullish(),
		error: z.union([z.string(), z.object({ message: z.string().optional() }).transform((e) => e.message)]).nullish(),
		error_message: z.string().nullish(),
	}),
);

const errorBody = z.object({
	code: z.coerce.number().optional(),
	message: z.string().optional(),
	error: z.object({ code: z.union([z.number(), z.string()]).optional(), message: z.string().optional() }).optional(),
});

export const apiInOne: HailuoProvider = {
	id: 'apiInOne',
	displayName: 'API in One',
	credentialType: 'apiInOneApi',
	cameraSyntax: 'english',
	imageFormats: ['jpeg', 'png', 'webp'],
	acceptsCallbackUrl: true,

	baseUrl(credentials) {
		return String(credentials.baseUrl ?? '').trim() || API_IN_ONE_BASE;
	},

	failureOf(response: ApiResponse) {
		const parsed = errorBody.safeParse(response.body);
		const body = parsed.success ? parsed.data : {};
		const status = response.statusCode >= 400 ? response.statusCode : (body.code ?? 200) >= 400 ? body.code! : 0;
		if (!status && !body.error) return undefined;
		const code = String(body.error?.code ?? status);
		const detail = body.error?.message ?? body.message;
		const known = HTTP_ERRORS[status] ?? (status ? `HTTP ${status}` : 'API in One error');
		return {
			message: detail && detail !== known ? `${known} (${detail})` : known,
			code,
			rateLimited: status === 429,
		};
	},

	async createTask(api, request) {
		const body: Record<string, string> = {
			model: request.model,
			prompt: request.prompt,
			// API in One takes the duration as a string.
			duration: String(request.duration),
			resolution: request.resolution,
		};
		if (request.firstFrameImage) body.image = request.firstFrameImage;
		if (request.callbackUrl) body.callback_url = request.callbackUrl;

		const response = await api.call({ method: 'POST', path: PATHS.create, body }, 'create');
		return { taskId: api.parse(createResponse, response, 'create request') };
	},

	async getTask(api, task) {
		const response = await api.call({ method: 'GET', path: PATHS.task(task.taskId) }, 'read');
		const t = api.parse(taskBody, response, 'status check');
		const state = mapStatus(STATUS_WORDS, t.status);
		const snapshot = { state, providerStatus: t.status };
		if (state === 'failed') {
			const message = t.error ?? t.error_message ?? 'API in One reported the task as failed';
			return { ...snapshot, failure: { code: t.status, message } };
		}
		if (state !== 'succeeded') return snapshot;
		const videoUrl = t.output ?? t.video_url;
		if (!videoUrl) {
			throw api.error({ message: 'Task completed but API in One returned no video URL', code: 'NO_OUTPUT' }, response);
		}
		return { ...snapshot, videoUrl };
	},
};
