/** Atlas Cloud media generation API (`/api/v1/model/...`). */
import { z } from 'zod';

import { findModel, takesField } from '../catalog';
import type { TaskState } from '../types';
import { mapStatus, withOptionalEnvelope } from './provider';
import type { ApiResponse, HailuoProvider } from './provider';

export const ATLAS_CLOUD_HOST = 'https://api.atlascloud.ai';

const PATHS = {
	create: '/api/v1/model/generateVideo',
	prediction: (id: string) => `/api/v1/model/prediction/${encodeURIComponent(id)}`,
	upload: '/api/v1/model/uploadMedia',
};

const STATUS_WORDS: Record<string, TaskState> = {
	created: 'queued',
	pending: 'queued',
	processing: 'running',
	running: 'running',
	completed: 'succeeded',
	succeeded: 'succeeded',
	failed: 'failed',
	timeout: 'failed',
	cancelled: 'cancelled',
	canceled: 'cancelled',
};

const HTTP_ERRORS: Record<number, string> = {
	400: 'Invalid parameters',
	401: 'Authentication failed: check the API key',
	402: 'Insufficient balance on the Atlas Cloud account',
	403: 'Forbidden: this key may not use this model',
	404: 'Not found',
	413: 'Request too large (over 50 MB); use a smaller image or Hailuo Upload',
	429: 'Rate limit reached',
	451: 'The content was refused by moderation',
	500: 'Atlas Cloud internal error',
	503: 'Atlas Cloud is unavailable',
	504: 'Atlas Cloud gateway timeout',
};

const ASYNC_ERROR_CODES: Record<string, string> = {
	'1039': 'The content was flagged by moderation',
};

/** Right after creation a prediction can briefly be unknown (404/400); Atlas's own client waits this long. */
const NEW_TASK_GRACE_MS = 30_000;

const id = z.union([z.string().min(1), z.number()]).transform(String);


const createResponse = withOptionalEnvelope(
	z.union([
		z.object({ id }).transform((p) => p.id),
		z.object({ prediction_id: id }).transform((p) => p.prediction_id),
		z.object({ data: z.object({ id }) }).transform((p) => p.data.id),
	]),
);

const prediction = withOptionalEnvelope(
	z.object({
		status: z.string(),
		outputs: z.array(z.string()).nullish(),
		output: z.union([z.string(), z.array(z.string())]).nullish(),
		error: z.string().nullish(),
		error_code: z.union([z.string(), z.number()]).nullish(),
	}),
);

const uploadResponse = z.union([
	z.object({ data: z.object({ download_url: z.string().min(1) }) }).transform((b) => b.data.download_url),
	z.object({ url: z.string().min(1) }).transform((b) => b.url),
]);

const errorBody = z.object({ code: z.coerce.number().optional(), msg: z.string().optional(), message: z.string().optional() });

export const atlasCloud: HailuoProvider = {
	id: 'atlasCloud',
	displayName: 'Atlas Cloud',
	credentialType: 'atlasCloudApi',
	cameraSyntax: 'english',
	// Atlas's image tooltip lists JPG/JPEG/PNG only.
	imageFormats: ['jpeg', 'png'],
	acceptsCallbackUrl: true,

	baseUrl(credentials) {
		return String(credentials.baseUrl ?? '').trim() || ATLAS_CLOUD_HOST;
	},

	failureOf(response: ApiResponse) {
		const parsed = errorBody.safeParse(response.body);
		const body = parsed.success ? parsed.data : {};
		// Errors come as HTTP status, with the same number repeated in the body's `code`.
		const status = response.statusCode >= 400 ? response.statusCode : (body.code ?? 200) >= 400 ? body.code! : 0;
		if (!status) return undefined;
		const detail = body.msg ?? body.message;
		const known = HTTP_ERRORS[status] ?? `HTTP ${status}`;
		return {
			message: detail && detail !== known ? `${known} (${detail})` : known,
			code: String(status),
			rateLimited: status === 429,
		};
	},

	async createTask(api, request) {
		const model = findModel('atlasCloud', request.model)!;
		const body: Record<string, string | number | boolean> = { model: request.model };
		if (request.prompt) body.prompt = request.prompt;
		if (request.firstFrameImage) body.image = request.firstFrameImage;
		if (takesField(model, 'duration')) body.duration = request.duration;
		if (request.promptOptimizer !== undefined) body.enable_prompt_expansion = request.promptOptimizer;
		if (request.fastPretreatment !== undefined) body.go_fast = request.fastPretreatment;
		if (request.callbackUrl) body.webhook_url = request.callbackUrl;

		const response = await api.call({ method: 'POST', path: PATHS.create, body }, 'create');
		return { taskId: api.parse(createResponse, response, 'create request') };
	},

	async getTask(api, task) {
		const response = await api.call(
			{ method: 'GET', path: PATHS.prediction(task.taskId), accept: [400, 404] },
			'read',
		);
		if (response.statusCode === 400 || response.statusCode === 404) {
			const age = task.submittedAt ? Date.now() - Date.parse(task.submittedAt) : Infinity;
			if (age < NEW_TASK_GRACE_MS) return { state: 'queued', providerStatus: `HTTP ${response.statusCode}` };
			throw api.error(atlasCloud.failureOf(response)!, response);
		}
		const p = api.parse(prediction, response, 'status check');
		const state = mapStatus(STATUS_WORDS, p.status);
		const snapshot = { state, providerStatus: p.status };
		if (state === 'failed' || state === 'cancelled') {
			const code = p.error_code == null ? undefined : String(p.error_code);
			const known = code ? ASYNC_ERROR_CODES[code] : undefined;
			const message = [known, p.error].filter(Boolean).join(': ') || `Atlas Cloud reported the task as ${p.status}`;
			return { ...snapshot, failure: { code: code ?? p.status, message } };
		}
		if (state !== 'succeeded') return snapshot;
		const videoUrl = p.outputs?.[0] ?? (Array.isArray(p.output) ? p.output[0] : p.output) ?? undefined;
		if (!videoUrl) {
			throw api.error({ message: 'Task completed but Atlas Cloud returned no output URL', code: 'NO_OUTPUT' }, response);
		}
		return { ...snapshot, videoUrl };
	},

	async uploadImage(api, image) {
		const form = new FormData();
		form.append('file', new Blob([Uint8Array.from(image.data)], { type: image.mimeType }), image.fileName);
		const response = await api.call({ method: 'POST', path: PATHS.upload, body: form }, 'read');
		return api.parse(uploadResponse, response, 'upload');
	},
};
