/**
 * WaveSpeed AI v3 API (`api.wavespeed.ai/api/v3`): one POST per model path, one result endpoint for all.
 *
 * Follows:
 * - https://wavespeed.ai/docs/what-are-predictions and https://wavespeed.ai/docs/get-result (submit,
 *   `GET /api/v3/predictions/{id}/result`, the `{ code, message, data }` envelope, status words;
 *   predictions and their outputs are kept 7 days)
 * - https://wavespeed.ai/docs/shared/submit-response (the prediction's fields)
 * - https://wavespeed.ai/docs/error-codes (a failed prediction's `code`: 1200, 1400–1405, 5000–5004)
 * - https://wavespeed.ai/docs/how-to-use-webhooks (the `webhook` query parameter; one POST of the
 *   prediction when it completes or fails)
 * - https://wavespeed.ai/docs/docs-api/verifying_webhook (HMAC-SHA256 over "{webhook-id}.{webhook-timestamp}.{body}"
 *   with the account's secret from `GET /api/v3/webhook/secret`, `whsec_` removed and not base64-decoded;
 *   `webhook-signature: v3,<hex>`; 5 minutes)
 * - https://wavespeed.ai/docs/docs-common-api/media-upload (`POST /api/v3/media/upload/binary`, field `file`)
 * - https://wavespeed.ai/docs-common-api/balance (`GET /api/v3/balance`: the credential test)
 * - https://wavespeed.ai/docs/account-levels (video creates a minute by account level: 2 to 5,000)
 * - https://wavespeed.ai/docs/docs-api/minimax/minimax-hailuo-2.3-i2v-standard and the sibling Hailuo 2.3
 *   pages (t2v-standard, t2v-pro, i2v-pro, fast, fast-pro), https://wavespeed.ai/docs/docs-api/minimax-hailuo-02-i2v-standard
 *   (`end_image`) and https://wavespeed.ai/docs/docs-api/minimax-hailuo-02-fast (fields, durations, prices)
 * - Hailuo 3 as MiniMax runs it (https://wavespeed.ai/models/minimax/h3/text-to-video, `/image-to-video`,
 *   `/reference-to-video`; their fields as two clients of them agree): `resolution` in lower case (768p,
 *   2k), integer `duration` 4–15; text to video `aspect_ratio` (six concrete shapes); image to video
 *   `image` (required) and `last_image`, no aspect ratio; references `reference_images`, `reference_videos`,
 *   `reference_audios` and `aspect_ratio`. Not WaveSpeed's own open-weights `wavespeed-ai/minimax-h3/*`,
 *   another model.
 * - https://www.wavespeed.ai/docs/upload-files-api: the media upload takes images, videos (MP4, MOV, …)
 *   and audio (MP3, WAV, …), so reference files from binary data are uploaded there like first frames.
 * Readings of what is not stated: no video ends on a last frame alone (`image` is required); the
 * reference route takes `adaptive` as MiniMax does; no silent, watermark or prompt expansion field.
 * Hailuo 3 prices: $0.10 a second at 768p, $0.14 at 2k, images after the first 5 at $0.05 each (a survey of
 * 2026-09-05 quoting the model pages; a user's bill of $0.84 for 6 s at 2k agrees; the image charge is
 * that survey's alone).
 */
import { z } from 'zod';

import type { ApiResponse, Formats, ModelSpec, ProviderFailure } from './provider';
import { HAILUO_3, HAILUO_3_RENDER, defineProvider, httpStatusFailure, idSchema, mapStatus, namedFields, publishedPrices, withOptionalEnvelope } from './provider';
import type { KnownFailure } from './predictionHosts';
import {
	FAST,
	HAILUO_3_CONCRETE_RATIOS,
	PRO_1080P,
	STANDARD_512P,
	STANDARD_768P,
	formatFieldsOf,
	hailuo3Rows,
	isHailuo3,
	modelRows,
	predictionSnapshot,
	referenceLists,
	taskFailure,
	uploadMultipart,
	verifyStandardWebhook,
} from './predictionHosts';
import type { GenerationRequest, TaskState } from '../types';

const PATHS = {
	create: (model: string) => `/api/v3/${model.replace(/^\/+/, '')}`,
	result: (id: string) => `/api/v3/predictions/${encodeURIComponent(id)}/result`,
	upload: '/api/v3/media/upload/binary',
	webhookSigning: '/api/v3/webhook/secret',
};

// `cancelled` and `timeout` are terminal in WaveSpeed's own clients, though the docs list only four words.
const STATUS_WORDS: Record<string, TaskState> = {
	created: 'queued',
	processing: 'running',
	completed: 'succeeded',
	failed: 'failed',
	timeout: 'failed',
	cancelled: 'cancelled',
	canceled: 'cancelled',
};

const HTTP_ERRORS: Record<number, KnownFailure> = {
	400: { message: 'Invalid request', kind: 'invalidRequest' },
	401: { message: 'Authentication failed: check the API key', kind: 'auth' },
	402: { message: 'Insufficient balance on the WaveSpeed AI account', kind: 'balance' },
	403: { message: 'Forbidden: this key may not use this model', kind: 'auth' },
	404: { message: 'Not found', kind: 'notFound' },
	413: { message: 'Request too large; use a smaller image or Hailuo Upload', kind: 'invalidRequest' },
	429: { message: 'Rate limit reached (the account level sets the video creates a minute)', kind: 'rateLimit' },
	500: { message: 'WaveSpeed AI internal error', kind: 'transient' },
	503: { message: 'WaveSpeed AI is unavailable', kind: 'transient' },
};

/** A failed prediction's `code` (the error codes page). */
const TASK_ERROR_CODES: Record<string, KnownFailure> = {
	'1200': { message: 'The content was refused by moderation', kind: 'moderation' },
	'1400': { message: 'A required parameter is missing', kind: 'invalidRequest' },
	'1401': { message: 'A parameter is invalid', kind: 'invalidRequest' },
	'1402': { message: 'WaveSpeed AI could not fetch the image URL', kind: 'invalidRequest' },
	'1403': { message: 'The task could not be completed', kind: 'unknown' },
	'1405': { message: 'The task failed', kind: 'unknown' },
	'5000': { message: 'WaveSpeed AI internal error', kind: 'unknown' },
	'5003': { message: 'WaveSpeed AI was unavailable', kind: 'unknown' },
	'5004': { message: 'The task timed out at WaveSpeed AI', kind: 'unknown' },
};

const createResponse = withOptionalEnvelope(z.object({ id: idSchema }));

/** A prediction, as the result endpoint wraps it and as the webhook posts it bare. */
const predictionFields = z.object({
	id: idSchema.optional(),
	status: z.string(),
	outputs: z.array(z.string()).nullish(),
	error: z.string().nullish(),
	code: z.union([z.string(), z.number()]).nullish(),
});
const prediction = withOptionalEnvelope(predictionFields);
const callbackBody = withOptionalEnvelope(predictionFields.extend({ id: idSchema }));

const uploadResponse = z.union([
	z.object({ data: z.object({ download_url: z.string().min(1) }) }).transform((b) => b.data.download_url),
	z.object({ data: z.object({ url: z.string().min(1) }) }).transform((b) => b.data.url),
]);

const webhookSecret = withOptionalEnvelope(z.object({ secret: z.string().startsWith('whsec_') }));

/** Error bodies: the envelope with the HTTP status repeated as `code` and a `message`. */
const errorBody = z.object({
	code: z.coerce.number().optional(),
	message: z.string().optional(),
	msg: z.string().optional(),
	error: z.string().optional(),
});

/** Prices per video as the model pages state them; the other pages state none clearly. */
const hailuo2PriceOf = publishedPrices(
	{
		'minimax/hailuo-2.3/t2v-standard': { perVideo: { '768P': { 6: 0.23, 10: 0.56 } } },
		'minimax/hailuo-2.3/i2v-standard': { perVideo: { '768P': { 6: 0.28, 10: 0.56 } } },
		'minimax/hailuo-2.3/i2v-pro': { perVideo: { '1080P': { 6: 0.49 } } },
		'minimax/hailuo-2.3/fast': { perVideo: { '768P': { 6: 0.19, 10: 0.32 } } },
		'minimax/hailuo-02/i2v-standard': { perVideo: { '768P': { 6: 0.23, 10: 0.56 } } },
	},
	// minimax/hailuo-2.3/fast → …/docs-api/minimax/minimax-hailuo-2.3-fast
	{ asOf: '2026-11-23', source: (model) => `https://wavespeed.ai/docs/docs-api/minimax/${model.replace(/\//g, '-')}` },
);

const H3_RATES = { '768P': 0.1, '2K': 0.14 };
const hailuo3PriceOf = publishedPrices(
	{
		'minimax/h3/text-to-video': { perSecond: H3_RATES },
		'minimax/h3/image-to-video': { perSecond: H3_RATES },
		'minimax/h3/reference-to-video': { perSecond: H3_RATES, extras: { freeImages: 5, perImage: 0.05 } },
	},
	{ asOf: '2026-12-04', source: (model) => `https://wavespeed.ai/models/${model} (figures as quoted from it by a third-party survey of 2026-09-05)` },
);

const priceOf = (model: string) => hailuo2PriceOf(model) ?? hailuo3PriceOf(model);

// `enable_prompt_expansion` stands for the prompt optimizer; the fast paths add `go_fast`.
const model = modelRows(priceOf);
const hailuo3 = hailuo3Rows(priceOf);
const H3_FORMATS: Formats = { '768P': HAILUO_3.durations, '2K': HAILUO_3.durations };

// The ids and names Atlas Cloud gives the same paths (one name per id across hosts). The pro pages say
// "5 seconds" while MiniMax renders its 1080P tier 6 s; no duration is sent either way.
const MODELS: ModelSpec[] = [
	model('minimax/hailuo-2.3/t2v-standard', 'Hailuo 2.3 Standard (768P)', ['textToVideo'], STANDARD_768P),
	model('minimax/hailuo-2.3/t2v-pro', 'Hailuo 2.3 Pro (1080P)', ['textToVideo'], PRO_1080P),
	model('minimax/hailuo-2.3/i2v-standard', 'Hailuo 2.3 Standard (768P)', ['imageToVideo'], STANDARD_768P),
	model('minimax/hailuo-2.3/i2v-pro', 'Hailuo 2.3 Pro (1080P)', ['imageToVideo'], PRO_1080P),
	model('minimax/hailuo-2.3/fast', 'Hailuo 2.3 Fast (768P)', ['imageToVideo'], STANDARD_768P, FAST),
	model('minimax/hailuo-2.3/fast-pro', 'Hailuo 2.3 Fast Pro (1080P)', ['imageToVideo'], PRO_1080P, FAST),
	model('minimax/hailuo-02/t2v-standard', 'Hailuo 02 Standard (768P)', ['textToVideo'], STANDARD_768P),
	model('minimax/hailuo-02/t2v-pro', 'Hailuo 02 Pro (1080P)', ['textToVideo'], PRO_1080P),
	// `end_image` makes the standard image-to-video path a first-and-last-frame one.
	model('minimax/hailuo-02/i2v-standard', 'Hailuo 02 Standard (768P)', ['imageToVideo', 'firstLastFrame'], STANDARD_768P),
	model('minimax/hailuo-02/i2v-pro', 'Hailuo 02 Pro (1080P)', ['imageToVideo'], PRO_1080P),
	model('minimax/hailuo-02/fast', 'Hailuo 02 Fast (512P)', ['imageToVideo'], STANDARD_512P, FAST),
	// One route per mode; WaveSpeed passes the requests on to MiniMax.
	hailuo3('minimax/h3/text-to-video', 'Hailuo 3', ['textToVideo'], H3_FORMATS, { render: HAILUO_3_RENDER, aspectRatios: HAILUO_3_CONCRETE_RATIOS }),
	hailuo3('minimax/h3/image-to-video', 'Hailuo 3', ['imageToVideo', 'firstLastFrame'], H3_FORMATS, { render: HAILUO_3_RENDER }),
	hailuo3('minimax/h3/reference-to-video', 'Hailuo 3', ['references'], H3_FORMATS, { render: HAILUO_3_RENDER, aspectRatios: HAILUO_3.aspectRatios }),
];

/** A Hailuo 3 body: every field as chosen, the resolution in lower case (768p, 2k). */
function hailuo3Body(request: GenerationRequest) {
	return {
		...namedFields(request, {
			prompt: 'prompt',
			firstFrameImage: 'image',
			lastFrameImage: 'last_image',
			duration: 'duration',
			aspectRatio: 'aspect_ratio',
		}),
		resolution: request.resolution.toLowerCase(),
		...referenceLists(request, { image: 'reference_images', video: 'reference_videos', audio: 'reference_audios' }),
	};
}

/** A Hailuo 2.x body: only the fields the tier leaves a choice in. */
function hailuo2Body(request: GenerationRequest) {
	const sends = formatFieldsOf(MODELS, request);
	return namedFields(request, {
		prompt: 'prompt',
		firstFrameImage: 'image',
		lastFrameImage: 'end_image',
		promptOptimizer: 'enable_prompt_expansion',
		fastPretreatment: 'go_fast',
		...(sends.duration ? { duration: 'duration' } : {}),
		// No Hailuo 2.x path here has two resolutions: only a custom model id is sent one.
		...(sends.resolution ? { resolution: 'resolution' } : {}),
	});
}

/** An error answer: an HTTP error status, or the envelope's `code` saying so in an HTTP 200. */
function failureOf(response: ApiResponse): ProviderFailure | undefined {
	const parsed = errorBody.safeParse(response.body);
	const body = parsed.success ? parsed.data : {};
	// 1xxx and 5xxx codes belong to a failed prediction (read by getTask), not to the call.
	const code = body.code !== undefined && body.code >= 400 && body.code < 600 ? body.code : undefined;
	return httpStatusFailure(response, HTTP_ERRORS, { code, detail: body.message ?? body.msg ?? body.error });
}

export const waveSpeed = defineProvider({
	id: 'waveSpeed',
	displayName: 'WaveSpeed AI',
	credentialType: 'waveSpeedApi',
	baseUrl: 'https://api.wavespeed.ai',
	models: MODELS,
	capabilities: {
		cameraSyntax: 'english',
		// The Hailuo pages take JPG/JPEG and PNG first frames.
		imageFormats: ['jpeg', 'png'],
		callbacks: true,
		// The image-to-video pages mark the prompt optional.
		promptAlwaysRequired: false,
		taskLookupNeedsModel: false,
		referenceFiles: 'upload',
	},
	optionNotes: {
		promptOptimizer: 'sent as enable_prompt_expansion',
		fastPretreatment: "the fast models' go_fast switch",
		callbackUrl: 'sent as the webhook query parameter',
	},
	// The creates a minute depend on the account level (Bronze 2, Silver 500, …), so none is assumed.
	limits: { videoUrlLifetimeMs: 7 * 24 * 3_600_000 },

	failureOf,

	async createTask(http, request) {
		const body = isHailuo3(MODELS, request) ? hailuo3Body(request) : hailuo2Body(request);
		const qs = request.callbackUrl ? { webhook: request.callbackUrl } : undefined;
		const response = await http.call({ purpose: 'create', method: 'POST', path: PATHS.create(request.model), qs, body });
		return { taskId: http.parse(createResponse, response, 'create request').id };
	},

	async getTask(http, task) {
		const response = await http.call({ purpose: 'status', method: 'GET', path: PATHS.result(task.taskId) });
		const p = http.parse(prediction, response, 'status check');
		// Code 0 is the envelope's "no error".
		const code = String(p.code) === '0' ? undefined : p.code;
		return predictionSnapshot(http, response, {
			status: p.status,
			words: STATUS_WORDS,
			failure: () => taskFailure({ code, detail: p.error }, TASK_ERROR_CODES, { code: p.status, message: `WaveSpeed AI reported the prediction as ${p.status}` }),
			videoUrl: () => p.outputs?.[0],
			noVideo: 'The prediction completed but WaveSpeed AI returned no output URL',
		});
	},

	async uploadFile(http, file) {
		// The upload page answers `download_url`; an older page shows `url`.
		return http.parse(uploadResponse, await uploadMultipart(http, file, { path: PATHS.upload }), 'upload');
	},

	readCallback({ body }) {
		const parsed = callbackBody.safeParse(body);
		if (!parsed.success) return undefined;
		const state = mapStatus(STATUS_WORDS, parsed.data.status);
		return { taskId: parsed.data.id, ended: state !== 'queued' && state !== 'running' };
	},

	async verifyCallback(http, callback, now) {
		return await verifyStandardWebhook(http, callback, now, {
			version: 'v3',
			encoding: 'hex',
			// The secret's text after `whsec_` is the key, not base64-decoded.
			secret: { path: PATHS.webhookSigning, schema: webhookSecret, key: ({ secret }) => secret.slice('whsec_'.length) },
		});
	},
});
