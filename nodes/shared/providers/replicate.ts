/**
 * Replicate predictions API (`api.replicate.com/v1`), with its Files API for image uploads and
 * webhooks signed in the Standard Webhooks style.
 *
 * Follows:
 * - https://replicate.com/docs/reference/http (models.predictions.create, predictions.get,
 *   predictions.cancel, files.create, account.get, webhooks.default.secret.get; error bodies)
 * - https://replicate.com/docs/topics/webhooks (webhook, webhook_events_filter) and
 *   https://replicate.com/docs/topics/webhooks/verify-webhook (HMAC-SHA256 over
 *   "{webhook-id}.{webhook-timestamp}.{body}" with the account's `whsec_` secret, "v1,<base64>")
 * - https://replicate.com/docs/topics/predictions/data-retention (inputs and outputs of API
 *   predictions are deleted after an hour)
 * - https://replicate.com/minimax/hailuo-02/api and https://replicate.com/minimax/hailuo-2.3/api
 *   (inputs: prompt, first_frame_image, last_frame_image (02), duration, resolution in lower case,
 *   prompt_optimizer; output: one URI)
 * - https://replicate.com/minimax/h3 (MiniMax's official, versionless Hailuo 3; its page was not read
 *   here: its input schema and prices as two third-party clients quoted them on 2026-09-12 and 2026-09-19):
 *   prompt, first_frame_image, last_frame_image, reference_{image,video,audio}_urls, integer duration
 *   4–15, resolution 768P or 2K (upper case, unlike the Hailuo 2.x models), ratio (`adaptive` with a first
 *   frame, a concrete one for text to video); $0.08 a second at 768P, $0.13 at 2K.
 * Readings: a last frame alone is taken (both frame inputs are optional, and MiniMax's own API makes a
 * video ending on it); the output is one URI as for the Hailuo 2.x models (accepted as a list too). No
 * Hailuo 3 Max here (minimax/h3-max answered 404 on 2026-09-19), no silent, watermark or prompt
 * expansion input, and no price for extra reference images or reference video seconds is established.
 * The Hailuo 2.x models show no price: the copies of their pages read on 2026-11-23 (API tabs) show none.
 */
import { z } from 'zod';

import type { ModelSpec } from './provider';
import { HAILUO_3, HAILUO_3_RENDER, TYPICAL_RENDER_SECONDS, defineProvider, httpStatusFailure, idSchema, mapStatus, namedFields, publishedPrices } from './provider';
import type { KnownFailure } from './predictionHosts';
import {
	OPTIONS,
	STANDARD_512P,
	STANDARD_AND_PRO,
	formatFieldsOf,
	hailuo3Rows,
	isHailuo3,
	predictionSnapshot,
	referenceLists,
	taskFailure,
	uploadMultipart,
	verifyStandardWebhook,
} from './predictionHosts';
import type { GenerationRequest, TaskState } from '../types';

const PATHS = {
	create: (model: string) => `/models/${model}/predictions`,
	prediction: (id: string) => `/predictions/${encodeURIComponent(id)}`,
	cancel: (id: string) => `/predictions/${encodeURIComponent(id)}/cancel`,
	files: '/files',
	webhookSigning: '/webhooks/default/secret',
};

const STATUS_WORDS: Record<string, TaskState> = {
	starting: 'queued',
	processing: 'running',
	succeeded: 'succeeded',
	failed: 'failed',
	canceled: 'cancelled',
	cancelled: 'cancelled',
	aborted: 'failed',
};

const HTTP_ERRORS: Record<number, KnownFailure> = {
	401: { message: 'Authentication failed: check the API token', kind: 'auth' },
	402: { message: 'Not enough credit on the Replicate account', kind: 'balance' },
	404: { message: 'Not found', kind: 'notFound' },
	422: { message: 'Replicate rejected the input', kind: 'invalidRequest' },
	429: { message: 'Rate limit reached', kind: 'rateLimit' },
};

const prediction = z.object({
	id: idSchema,
	status: z.string(),
	output: z.union([z.string(), z.array(z.string())]).nullish(),
	error: z.unknown().optional(),
});

const uploadedFile = z.object({ urls: z.object({ get: z.string().min(1) }) });
const webhookSecret = z.object({ key: z.string().startsWith('whsec_') });
/** RFC 7807 problem bodies: `{ title, detail, status }`. */
const errorBody = z.object({ title: z.string().optional(), detail: z.string().optional() });

/** Only the end of a prediction is posted: the Trigger has no use for progress. */
const WEBHOOK_EVENTS = ['completed'];

const errorText = (error: unknown): string | undefined =>
	typeof error === 'string' ? error : error && typeof error === 'object' ? JSON.stringify(error) : undefined;

// 10 s only at 768p (and 512p); 1080p is 6 s, as the model pages say.
const HAILUO_23 = STANDARD_AND_PRO;
// Hailuo 02's 512p is image to video only, as on MiniMax.
const HAILUO_02_IMAGE = { ...STANDARD_512P, ...HAILUO_23 };

const priceOf = publishedPrices(
	{ 'minimax/h3': { perSecond: { '768P': 0.08, '2K': 0.13 } } },
	{ asOf: '2026-12-04', source: (model) => `https://replicate.com/${model} (figures as quoted from it by third-party notes of 2026-09-12 and 2026-09-19)` },
);
const hailuo3 = hailuo3Rows(priceOf);

// One model id covers text and image to video: the first frame decides.
const MODELS: ModelSpec[] = [
	{
		value: 'minimax/hailuo-2.3',
		name: 'Hailuo 2.3',
		modes: { textToVideo: { formats: HAILUO_23, features: OPTIONS }, imageToVideo: { formats: HAILUO_23, features: OPTIONS } },
		renderSeconds: TYPICAL_RENDER_SECONDS.hailuo,
	},
	{
		value: 'minimax/hailuo-02',
		name: 'Hailuo 02',
		modes: {
			textToVideo: { formats: HAILUO_23, features: OPTIONS },
			imageToVideo: { formats: HAILUO_02_IMAGE, features: OPTIONS },
			firstLastFrame: { formats: HAILUO_23, features: OPTIONS },
		},
		renderSeconds: TYPICAL_RENDER_SECONDS.hailuo,
	},
	// Every Hailuo 3 mode: the inputs given decide. Replicate passes requests on to MiniMax.
	hailuo3(
		'minimax/h3',
		'Hailuo 3',
		['textToVideo', 'imageToVideo', 'firstLastFrame', 'lastFrame', 'references'],
		{ '768P': HAILUO_3.durations, '2K': HAILUO_3.durations },
		{ render: HAILUO_3_RENDER, aspectRatios: HAILUO_3.aspectRatios },
	),
];

/** A Hailuo 3 input: every field as chosen, the resolution as the schema writes it (768P, 2K). */
function hailuo3Input(request: GenerationRequest) {
	return {
		...namedFields(request, {
			prompt: 'prompt',
			firstFrameImage: 'first_frame_image',
			lastFrameImage: 'last_frame_image',
			duration: 'duration',
			resolution: 'resolution',
			aspectRatio: 'ratio',
		}),
		...referenceLists(request, { image: 'reference_image_urls', video: 'reference_video_urls', audio: 'reference_audio_urls' }),
	};
}

/** A Hailuo 2.x input: the resolution in lower case. */
function hailuo2Input(request: GenerationRequest) {
	// Both model ids leave a choice of duration and resolution, so both always go out.
	const sends = formatFieldsOf(MODELS, request);
	return {
		...namedFields(request, {
			prompt: 'prompt',
			firstFrameImage: 'first_frame_image',
			lastFrameImage: 'last_frame_image',
			...(sends.duration ? { duration: 'duration' } : {}),
			promptOptimizer: 'prompt_optimizer',
		}),
		// The model pages write resolutions in lower case: 768p.
		...(sends.resolution ? { resolution: request.resolution.toLowerCase() } : {}),
	};
}

export const replicate = defineProvider({
	id: 'replicate',
	displayName: 'Replicate',
	credentialType: 'replicateApi',
	baseUrl: 'https://api.replicate.com/v1',
	models: MODELS,
	capabilities: {
		cameraSyntax: 'english',
		imageFormats: ['jpeg', 'png', 'webp'],
		callbacks: true,
		promptAlwaysRequired: true,
		taskLookupNeedsModel: false,
		// The Files API takes any file; its URL is an input for the account that uploaded it.
		referenceFiles: 'upload',
	},
	optionNotes: { callbackUrl: 'sent as the prediction\'s webhook, for its "completed" event' },
	// 600 prediction creates a minute (the HTTP reference's rate limits); outputs are deleted after an hour.
	limits: { createsPerMinute: 600, videoUrlLifetimeMs: 3_600_000 },

	failureOf(response) {
		if (response.statusCode < 400) return undefined;
		const parsed = errorBody.safeParse(response.body);
		const body = parsed.success ? parsed.data : {};
		return httpStatusFailure(response, HTTP_ERRORS, { detail: body.detail ?? body.title });
	},

	async createTask(http, request) {
		const input = isHailuo3(MODELS, request) ? hailuo3Input(request) : hailuo2Input(request);
		const webhook = request.callbackUrl ? { webhook: request.callbackUrl, webhook_events_filter: WEBHOOK_EVENTS } : {};
		const response = await http.call({ purpose: 'create', method: 'POST', path: PATHS.create(request.model), body: { input, ...webhook } });
		return { taskId: http.parse(prediction, response, 'create request').id };
	},

	async getTask(http, task) {
		const response = await http.call({ purpose: 'status', method: 'GET', path: PATHS.prediction(task.taskId) });
		const p = http.parse(prediction, response, 'status check');
		const cancelled = mapStatus(STATUS_WORDS, p.status) === 'cancelled';
		const fallback = cancelled ? 'The prediction was cancelled' : `Replicate reported the prediction as ${p.status}`;
		return predictionSnapshot(http, response, {
			status: p.status,
			words: STATUS_WORDS,
			failure: () => taskFailure({ detail: errorText(p.error) }, {}, { code: p.status, message: fallback }),
			videoUrl: () => (Array.isArray(p.output) ? p.output[0] : p.output),
			noVideo: 'The prediction succeeded but Replicate returned no output URL',
		});
	},

	async cancelTask(http, task) {
		await http.call({ purpose: 'cancel', method: 'POST', path: PATHS.cancel(task.taskId) });
	},

	async uploadFile(http, file) {
		const response = await uploadMultipart(http, file, { path: PATHS.files, fileField: 'content' });
		// A file's API URL is taken as a model input by the account that uploaded it.
		return http.parse(uploadedFile, response, 'upload').urls.get;
	},

	readCallback({ body }) {
		const parsed = prediction.safeParse(body);
		if (!parsed.success) return undefined;
		const state = mapStatus(STATUS_WORDS, parsed.data.status);
		return { taskId: parsed.data.id, ended: state !== 'queued' && state !== 'running' };
	},

	async verifyCallback(http, callback, now) {
		return await verifyStandardWebhook(http, callback, now, {
			version: 'v1',
			encoding: 'base64',
			secret: { path: PATHS.webhookSigning, schema: webhookSecret, key: ({ key }) => Buffer.from(key.slice('whsec_'.length), 'base64') },
		});
	},
});
