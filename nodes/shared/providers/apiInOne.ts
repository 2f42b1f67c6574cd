/**
 * API in One: a credit-based gateway (`/videos/generations`, `/tasks/{id}`); Hailuo 2.3 image-to-video.
 *
 * Follows:
 * - https://apiin.one/docs (auth, task polling, error body)
 * - https://apiin.one/zh/model/hailuo-2-3 (and the es, ja, ru pages: model ids, fields, task shapes)
 * - https://apiin-one.pages.dev/model/hailuo-2-3 (mirror with the wrapped task shape)
 * Hailuo 3 is not served here: no H3 id, page or client of API in One was found (docs, pages and code searched
 * 2026-12-04); the model list has `hailuo-2-3` only.
 * Price (1 credit = $0.01: the page's "基础价格 $0.30 / 积分 30"): 30 credits for the page's default request,
 * standard, `duration` "6", 768P (read 2026-12-04). The other settings fall in ranges only (standard 30–45,
 * pro 45–85 credits, "30–85 credits per video"), without saying which gives which: unknown.
 */
import { z } from 'zod';

import type { FailureKind, Formats } from './provider';
import { TYPICAL_RENDER_SECONDS, defineProvider, httpStatusFailure, idSchema, kindOfHttpStatus, mapStatus, namedFields, publishedPrices, withOptionalEnvelope } from './provider';
import type { TaskState } from '../types';

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

const HTTP_ERRORS: Record<number, { message: string; kind: FailureKind }> = {
	401: { message: 'Authentication failed: check the API key', kind: 'auth' },
	402: { message: 'Not enough credits on the API in One account', kind: 'balance' },
	429: { message: 'Rate limit reached', kind: 'rateLimit' },
};

const createResponse = withOptionalEnvelope(
	z.union([
		z.object({ task_id: idSchema }).transform((t) => t.task_id),
		z.object({ id: idSchema }).transform((t) => t.id),
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

const callbackBody = withOptionalEnvelope(
	z.union([
		z.object({ task_id: idSchema, status: z.string() }).transform((t) => ({ taskId: t.task_id, status: t.status })),
		z.object({ id: idSchema, status: z.string() }).transform((t) => ({ taskId: t.id, status: t.status })),
	]),
);

const errorBody = z.object({
	code: z.coerce.number().optional(),
	message: z.string().optional(),
	error: z.object({ code: z.union([z.number(), z.string()]).optional(), message: z.string().optional() }).optional(),
});

const HAILUO: Formats = { '768P': [6, 10], '1080P': [6] };

/** The one format whose credits the page states (see the header). */
const priceOf = publishedPrices(
	{ 'hailuo/2-3-image-to-video-standard': { perVideo: { '768P': { 6: 0.3 } } } },
	{ asOf: '2026-12-04', source: () => 'https://apiin.one/zh/model/hailuo-2-3' },
);

export const apiInOne = defineProvider({
	id: 'apiInOne',
	displayName: 'API in One',
	credentialType: 'apiInOneApi',
	baseUrl: 'https://apiin.one/api/v1',
	// Hailuo 2.3 image to video only, in two price tiers; no optimizer switch.
	models: [
		{
			value: 'hailuo/2-3-image-to-video-standard',
			name: 'Hailuo 2.3 Standard',
			modes: { imageToVideo: { formats: HAILUO, features: ['cameraMovements'] } },
			renderSeconds: TYPICAL_RENDER_SECONDS.hailuo,
			price: priceOf('hailuo/2-3-image-to-video-standard'),
		},
		{
			value: 'hailuo/2-3-image-to-video-pro',
			name: 'Hailuo 2.3 Pro',
			modes: { imageToVideo: { formats: HAILUO, features: ['cameraMovements'] } },
			renderSeconds: TYPICAL_RENDER_SECONDS.hailuo,
		},
	],
	capabilities: {
		cameraSyntax: 'english',
		imageFormats: ['jpeg', 'png', 'webp'],
		callbacks: true,
		// The create page marks `prompt` required for image to video too.
		promptAlwaysRequired: true,
		taskLookupNeedsModel: false,
	},
	// No rate limit is published.
	limits: {},

	failureOf(response) {
		const parsed = errorBody.safeParse(response.body);
		const body = parsed.success ? parsed.data : {};
		const detail = body.error?.message ?? body.message;
		const failure = httpStatusFailure(response, HTTP_ERRORS, { code: body.code, detail });
		if (failure) return body.error?.code === undefined ? failure : { ...failure, code: String(body.error.code) };
		// An error object in an HTTP 200 answer; beside a task status it is the task's outcome (read by getTask).
		if (!body.error || typeof (response.body as { status?: unknown }).status === 'string') return undefined;
		const code = Number(body.error.code);
		return {
			message: detail ?? 'API in One error',
			code: body.error.code === undefined ? undefined : String(body.error.code),
			kind: Number.isFinite(code) ? kindOfHttpStatus(code) : 'unknown',
		};
	},

	async createTask(http, request) {
		const body = {
			model: request.model,
			...namedFields(request, { prompt: 'prompt', firstFrameImage: 'image', resolution: 'resolution', callbackUrl: 'callback_url' }),
			// API in One takes the duration as a string.
			duration: String(request.duration),
		};
		const response = await http.call({ purpose: 'create', method: 'POST', path: PATHS.create, body });
		return { taskId: http.parse(createResponse, response, 'create request') };
	},

	// The payload is undocumented; taken to be the task body of a status check.
	readCallback({ body }) {
		const parsed = callbackBody.safeParse(body);
		if (!parsed.success) return undefined;
		const state = mapStatus(STATUS_WORDS, parsed.data.status);
		return { taskId: parsed.data.taskId, ended: state === 'succeeded' || state === 'failed' };
	},

	async getTask(http, task) {
		const response = await http.call({ purpose: 'status', method: 'GET', path: PATHS.task(task.taskId) });
		const t = http.parse(taskBody, response, 'status check');
		const state = mapStatus(STATUS_WORDS, t.status);
		const snapshot = { state, providerStatus: t.status };
		if (state === 'failed') {
			const message = t.error ?? t.error_message ?? 'API in One reported the task as failed';
			return { ...snapshot, failure: { code: t.status, message, kind: 'unknown' as const } };
		}
		if (state !== 'succeeded') return snapshot;
		const videoUrl = t.output ?? t.video_url;
		if (!videoUrl) {
			throw http.fail({ message: 'Task completed but API in One returned no video URL', code: 'NO_OUTPUT', kind: 'unknown' }, response);
		}
		return { ...snapshot, videoUrl };
	},
});
