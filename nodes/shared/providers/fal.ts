/**
 * fal.ai queue API (`queue.fal.run`), with fal storage for image uploads and signed webhooks.
 *
 * Follows:
 * - https://docs.fal.ai/model-apis/model-endpoints/queue (submit, status, result, cancel; the request
 *   paths use the app id, `owner/alias`, not the model's full endpoint path)
 * - https://fal.ai/docs/api-reference/inference-api/openapi/queue.json (status words, cancel answers)
 * - https://docs.fal.ai/model-apis/model-endpoints/webhooks (`fal_webhook`, the body, 10 retries over
 *   2 h, Ed25519 over "request_id\nuser_id\ntimestamp\nsha256(body)" with keys from rest.fal.ai's JWKS)
 * - https://github.com/fal-ai/fal-js/blob/main/libs/client/src/storage.ts (upload: initiate on
 *   rest.fal.ai, then PUT the bytes to the signed URL it returns)
 * - https://docs.fal.ai/platform-apis/v1/models/pricing (read with the key: the credential test)
 * - https://fal.ai/models/fal-ai/minimax/hailuo-2.3/standard/image-to-video/llms.txt and the sibling
 *   Hailuo 2.3, 2.3 Fast and 02 model pages (fields, durations, resolutions)
 * - Hailuo 3: https://fal.ai/api/openapi/queue/openapi.json?endpoint_id=minimax/h3/image-to-video (and
 *   `=minimax/h3/reference-to-video`): integer `duration` 5–15, `resolution` 480P/768P (native) and 2K/4K
 *   ("upscale a 768P base result"), `prompt_expansion_mode`, `image_url` and `end_image_url` both optional
 *   (`end_image_url` alone makes a video ending on it; neither makes text to video, 16:9), the reference
 *   lists and `aspect_ratio` on the reference endpoint; result `{ video: { url } }`. No field turns the
 *   sound off or adds a watermark, so Silent Video and AI Watermark are not offered here.
 * - Hailuo 3 Max: https://fal.ai/models/minimax/h3-max/text-to-video/llms.txt (and `image-to-video`,
 *   `reference-to-video`): 5–15 s at 480P or 768P, the same fields as Hailuo 3.
 * Readings of what fal does not state:
 * - Durations start at 5 s (MiniMax's own Hailuo 3 takes 4 s): fal's schemas set `minimum: 5`.
 * - The text-to-video endpoints take `aspect_ratio` (the six concrete shapes, 16:9 by default): fal's
 *   schema of them was not read; Hailuo 3 Max's page and clients of `minimax/h3/text-to-video` send it,
 *   and the image-to-video schema names 16:9 as text to video's default shape. The image-to-video
 *   endpoints have no such field (the video follows the image), so none is sent there.
 * - `prompt_expansion_mode` takes `disabled` as well as the listed examples (clients send it to both
 *   models; the output schema speaks of expansion "disabled").
 * - Prompts are held to MiniMax's 7000 characters although fal's schema allows 50,000.
 * - Left out: Hailuo 3 Max's 1080P (a refinement of a 768P render seen only on resellers' pages) and
 *   H3 Max Turbo (`minimax/h3-max-turbo/*`: its fields and price are known only from third parties).
 * - Hailuo 2.x requests live in the `fal-ai/minimax` app's queue, Hailuo 3's in `minimax/h3` and
 *   `minimax/h3-max`: a task carries its model and the URLs fal gave; one typed in without a model is
 *   looked up in the Hailuo 2.x queue.
 */
import { createHash, createPublicKey, verify } from 'crypto';
import type { JsonWebKey, KeyObject } from 'crypto';
import { z } from 'zod';

import type { ApiRequestTarget, ApiResponse, CallPurpose, Formats, ModelSpec, ProviderFailure, ProviderHttp, TaskRef, TaskUrls } from './provider';
import { HAILUO_3, HAILUO_3_MAX_RENDER, defineProvider, httpStatusFailure, idSchema, mapStatus, namedFields, publishedPrices } from './provider';
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
	outsideSignatureWindow,
	referenceLists,
} from './predictionHosts';
import type { GenerationRequest, ModelFeature, Resolution, TaskState } from '../types';

/** Every Hailuo endpoint belongs to the `fal-ai/minimax` app, whose queue holds their requests. */
const HAILUO_APP = 'fal-ai/minimax';
const request = (model: string, id: string) => `/${appOf(model)}/requests/${encodeURIComponent(id)}`;
const PATHS = {
	submit: (model: string) => `/${model}`,
	status: (model: string, id: string) => `${request(model, id)}/status`,
	result: request,
	cancel: (model: string, id: string) => `${request(model, id)}/cancel`,
	jwks: '/.well-known/jwks.json',
	uploadInitiate: '/storage/upload/initiate',
};

/** The app id of an endpoint id: its first two segments. */
function appOf(model: string): string {
	const segments = model.split('/').filter(Boolean);
	return segments.length >= 2 ? segments.slice(0, 2).join('/') : HAILUO_APP;
}

/** COMPLETED is terminal for success and failure alike: the `error` field tells them apart. */
const STATUS_WORDS: Record<string, TaskState> = {
	in_queue: 'queued',
	in_progress: 'running',
	completed: 'succeeded',
	failed: 'failed',
	canceled: 'cancelled',
	cancelled: 'cancelled',
	cancellation_requested: 'cancelled',
};

const HTTP_ERRORS: Record<number, KnownFailure> = {
	400: { message: 'Invalid request', kind: 'invalidRequest' },
	401: { message: 'Authentication failed: check the API key', kind: 'auth' },
	403: { message: 'Forbidden: the key may not use this model, or the account has no balance left', kind: 'auth' },
	404: { message: 'Not found', kind: 'notFound' },
	422: { message: 'fal rejected the input', kind: 'invalidRequest' },
	429: { message: 'Rate limit reached', kind: 'rateLimit' },
	500: { message: 'fal internal error', kind: 'transient' },
	503: { message: 'fal is unavailable', kind: 'transient' },
};

/** A URL of the submit answer; one that is not a URL is left out rather than failing a paid create. */
const givenUrl = z.string().url().optional().catch(undefined);

/** The submit answer: the request id, and the URLs fal says to use for it instead of building them. */
const submitResponse = z.object({ request_id: idSchema, status_url: givenUrl, response_url: givenUrl, cancel_url: givenUrl });

const statusBody = z.object({
	status: z.string(),
	error: z.union([z.string(), z.record(z.unknown())]).nullish(),
	error_type: z.string().nullish(),
});

const resultBody = z.object({
	video: z.object({ url: z.string().min(1) }),
});

/**
 * fal's error bodies: `{ detail }` (a message, or FastAPI's list of field problems) or `{ error }`; a
 * request error adds its category, `error_type` (also in the X-Fal-Error-Type header).
 */
const errorBody = z.object({
	detail: z.unknown().optional(),
	error: z.unknown().optional(),
	message: z.string().optional(),
	error_type: z.string().optional(),
});

const uploadInitiated = z.object({ upload_url: z.string().min(1), file_url: z.string().min(1) });

/** The webhook body; the request id is all the Trigger reads, then it asks the queue. */
const callbackBody = z.object({ request_id: idSchema, status: z.string() });

const jwksBody = z.object({ keys: z.array(z.object({ kty: z.string(), crv: z.string().optional(), x: z.string().optional() }).passthrough()) });

/** fal's guide allows caching its keys for a day; a signature no cached key verifies refreshes them sooner. */
const KEYS_MAX_AGE_MS = 24 * 3_600_000;
const KEYS_MIN_AGE_MS = 5 * 60_000;
let webhookKeys: { keys: KeyObject[]; fetchedAt: number } | undefined;

async function fetchWebhookKeys(http: ProviderHttp, now: number): Promise<KeyObject[]> {
	const response = await http.call({ purpose: 'status', method: 'GET', host: 'rest', path: PATHS.jwks });
	const { keys } = http.parse(jwksBody, response, 'webhook key list');
	const ed25519 = keys.filter((jwk) => jwk.kty === 'OKP' && jwk.crv === 'Ed25519');
	webhookKeys = { keys: ed25519.map((jwk) => createPublicKey({ key: jwk as JsonWebKey, format: 'jwk' })), fetchedAt: now };
	return webhookKeys.keys;
}

function messageText(value: unknown): string | undefined {
	if (typeof value === 'string') return value;
	if (Array.isArray(value)) {
		// FastAPI's validation list: [{ loc: ['body', 'duration'], msg }]
		const problems = value.map((v) => {
			const item = v as { loc?: unknown[]; msg?: string };
			return [item.loc?.filter((part) => part !== 'body').join('.'), item.msg].filter(Boolean).join(': ');
		});
		return problems.filter(Boolean).join('; ') || undefined;
	}
	return value && typeof value === 'object' ? JSON.stringify(value) : undefined;
}

/** Prices on the model pages (`…/llms.txt`); Hailuo 02 Standard text to video and the 02 Pro tiers state none. */
const hailuo2PriceOf = publishedPrices(
	{
		'fal-ai/minimax/hailuo-2.3/standard/text-to-video': { perVideo: { '768P': { 6: 0.28, 10: 0.56 } } },
		'fal-ai/minimax/hailuo-2.3/standard/image-to-video': { perVideo: { '768P': { 6: 0.28, 10: 0.56 } } },
		'fal-ai/minimax/hailuo-2.3/pro/text-to-video': { perVideo: { '1080P': { 6: 0.49 } } },
		'fal-ai/minimax/hailuo-2.3/pro/image-to-video': { perVideo: { '1080P': { 6: 0.49 } } },
		'fal-ai/minimax/hailuo-2.3-fast/standard/image-to-video': { perVideo: { '768P': { 6: 0.19, 10: 0.32 } } },
		'fal-ai/minimax/hailuo-2.3-fast/pro/image-to-video': { perVideo: { '1080P': { 6: 0.33 } } },
		'fal-ai/minimax/hailuo-02/standard/image-to-video': { perSecond: { '768P': 0.045, '512P': 0.017 } },
	},
	{ asOf: '2026-11-23', source: (model) => `https://fal.ai/models/${model}/llms.txt` },
);

const H3_RATES = { '480P': 0.05, '768P': 0.06, '2K': 0.13, '4K': 0.16 };
const H3_MAX_RATES = { '480P': 0.05, '768P': 0.08 };

/**
 * Hailuo 3: per second by resolution, reference images after the first 5 at $0.08 each. fal's Hailuo 3
 * pages were not read here: the figures are those a third-party survey of 2026-09-05 quoted from them.
 */
const hailuo3PriceOf = publishedPrices(
	{
		'minimax/h3/text-to-video': { perSecond: H3_RATES },
		'minimax/h3/image-to-video': { perSecond: H3_RATES },
		'minimax/h3/reference-to-video': { perSecond: H3_RATES, extras: { freeImages: 5, perImage: 0.08 } },
	},
	{ asOf: '2026-12-04', source: (model) => `https://fal.ai/models/${model} (figures as quoted from it by a third-party survey of 2026-09-05)` },
);

/**
 * Hailuo 3 Max: the list prices fal's pages give for after the launch offer ended on 1 September. The
 * reference endpoint adds $0.02 per 1000 reference tokens beyond 4096, which no estimate here can
 * count, so it has no price.
 */
const hailuo3MaxPriceOf = publishedPrices(
	{
		'minimax/h3-max/text-to-video': { perSecond: H3_MAX_RATES },
		'minimax/h3-max/image-to-video': { perSecond: H3_MAX_RATES },
	},
	{ asOf: '2026-12-04', source: (model) => `https://fal.ai/models/${model}/llms.txt` },
);

const priceOf = (model: string) => hailuo2PriceOf(model) ?? hailuo3PriceOf(model) ?? hailuo3MaxPriceOf(model);

// Standard tiers are 768P (Hailuo 02 also 512P) at 6 or 10 s; pro tiers 1080P with no duration field (6 s).
// No Hailuo model here has fast pretreatment.
const model = modelRows(priceOf);
const FAST_RENDER = { renderSeconds: FAST.renderSeconds };

const hailuo3 = hailuo3Rows(priceOf);
const H3_FORMATS: Formats = { '480P': HAILUO_3.maxDurations, '768P': HAILUO_3.maxDurations, '2K': HAILUO_3.maxDurations, '4K': HAILUO_3.maxDurations };
const H3_MAX_FORMATS: Formats = { '480P': HAILUO_3.maxDurations, '768P': HAILUO_3.maxDurations };
// 2K and 4K are the same 768P render upscaled, so they take a little longer than 768P. Resellers report
// 5 s at 768P in 140–160 s and at 2K in 160–190 s (provider.ts hailuo3RenderSeconds); 4K is assumed.
const H3_RENDER = {
	render: {
		'480P': { base: 90, perSecond: 6 },
		'768P': { base: 110, perSecond: 8 },
		'2K': { base: 125, perSecond: 12 },
		'4K': { base: 140, perSecond: 14 },
	},
	upscaled: ['2K', '4K'] as Resolution[],
};
// Hailuo 3 Max is tuned for speed (provider.ts HAILUO_3_MAX_RENDER).
const H3_MAX_RENDER = { render: HAILUO_3_MAX_RENDER };
const EXPANSION = ['promptExpansion'] as ModelFeature[];

const MODELS: ModelSpec[] = [
	model('fal-ai/minimax/hailuo-2.3/standard/text-to-video', 'Hailuo 2.3 Standard (768P)', ['textToVideo'], STANDARD_768P),
	model('fal-ai/minimax/hailuo-2.3/pro/text-to-video', 'Hailuo 2.3 Pro (1080P)', ['textToVideo'], PRO_1080P),
	model('fal-ai/minimax/hailuo-2.3/standard/image-to-video', 'Hailuo 2.3 Standard (768P)', ['imageToVideo'], STANDARD_768P),
	model('fal-ai/minimax/hailuo-2.3/pro/image-to-video', 'Hailuo 2.3 Pro (1080P)', ['imageToVideo'], PRO_1080P),
	model('fal-ai/minimax/hailuo-2.3-fast/standard/image-to-video', 'Hailuo 2.3 Fast Standard (768P)', ['imageToVideo'], STANDARD_768P, FAST_RENDER),
	model('fal-ai/minimax/hailuo-2.3-fast/pro/image-to-video', 'Hailuo 2.3 Fast Pro (1080P)', ['imageToVideo'], PRO_1080P, FAST_RENDER),
	model('fal-ai/minimax/hailuo-02/standard/text-to-video', 'Hailuo 02 Standard (768P)', ['textToVideo'], STANDARD_768P),
	model('fal-ai/minimax/hailuo-02/pro/text-to-video', 'Hailuo 02 Pro (1080P)', ['textToVideo'], PRO_1080P),
	// `end_image_url` makes the standard image-to-video endpoint a first-and-last-frame one.
	model('fal-ai/minimax/hailuo-02/standard/image-to-video', 'Hailuo 02 Standard (512P, 768P)', ['imageToVideo', 'firstLastFrame'], { ...STANDARD_512P, ...STANDARD_768P }),
	model('fal-ai/minimax/hailuo-02/pro/image-to-video', 'Hailuo 02 Pro (1080P)', ['imageToVideo'], PRO_1080P),
	// One endpoint per mode; `end_image_url` with or without `image_url` makes the frame modes.
	hailuo3('minimax/h3/text-to-video', 'Hailuo 3', ['textToVideo'], H3_FORMATS, { ...H3_RENDER, features: EXPANSION, aspectRatios: HAILUO_3_CONCRETE_RATIOS }),
	hailuo3('minimax/h3/image-to-video', 'Hailuo 3', ['imageToVideo', 'firstLastFrame', 'lastFrame'], H3_FORMATS, { ...H3_RENDER, features: EXPANSION }),
	hailuo3('minimax/h3/reference-to-video', 'Hailuo 3', ['references'], H3_FORMATS, { ...H3_RENDER, features: EXPANSION, aspectRatios: HAILUO_3.aspectRatios }),
	hailuo3('minimax/h3-max/text-to-video', 'Hailuo 3 Max', ['textToVideo'], H3_MAX_FORMATS, { ...H3_MAX_RENDER, features: EXPANSION, aspectRatios: HAILUO_3_CONCRETE_RATIOS }),
	hailuo3('minimax/h3-max/image-to-video', 'Hailuo 3 Max', ['imageToVideo', 'firstLastFrame', 'lastFrame'], H3_MAX_FORMATS, { ...H3_MAX_RENDER, features: EXPANSION }),
	hailuo3('minimax/h3-max/reference-to-video', 'Hailuo 3 Max', ['references'], H3_MAX_FORMATS, { ...H3_MAX_RENDER, features: EXPANSION, aspectRatios: HAILUO_3.aspectRatios }),
];

/** A Hailuo 3 input: every field sent as chosen (the fields fal would otherwise default: duration 5, 2K). */
function hailuo3Input(generation: GenerationRequest) {
	return {
		...namedFields(generation, {
			prompt: 'prompt',
			firstFrameImage: 'image_url',
			lastFrameImage: 'end_image_url',
			duration: 'duration',
			resolution: 'resolution',
			// Set only for the endpoints that take it (text to video, references).
			aspectRatio: 'aspect_ratio',
			promptExpansion: 'prompt_expansion_mode',
		}),
		...referenceLists(generation, { image: 'reference_image_urls', video: 'reference_video_urls', audio: 'reference_audio_urls' }),
	};
}

/** A Hailuo 2.x input: the duration as a string, and only the fields the tier leaves a choice in. */
function hailuo2Input(generation: GenerationRequest) {
	const sends = formatFieldsOf(MODELS, generation);
	const fields = namedFields(generation, {
		prompt: 'prompt',
		firstFrameImage: 'image_url',
		lastFrameImage: 'end_image_url',
		promptOptimizer: 'prompt_optimizer',
		// Only Hailuo 02 Standard has two resolutions to choose from.
		...(sends.resolution ? { resolution: 'resolution' } : {}),
	});
	return { ...fields, ...(sends.duration ? { duration: String(generation.duration) } : {}) };
}

/** Result reads answered with an error status: 400/422 for a request that failed on its input, 5xx for one that failed at fal. */
const RESULT_ERROR_STATUSES = [400, 422, 500, 502, 503, 504];

/**
 * An error answer in fal's conventions; undefined for a success. A result read is made only after the
 * status said COMPLETED: fal has then stopped retrying the request (up to 10 times, see
 * https://docs.fal.ai/model-apis/model-endpoints/reliability), so an error carrying fal's request-error
 * body, `{ detail, error_type }` (https://docs.fal.ai/documentation/model-apis/request-errors), is the
 * request's own failure, whatever its status. A 5xx without it (a gateway's page, a bare `{ detail }`)
 * is no answer about the request: read again.
 */
function failureOf(response: ApiResponse, purpose: CallPurpose): ProviderFailure | undefined {
	if (response.statusCode < 400) return undefined;
	const parsed = errorBody.safeParse(response.body);
	const body = parsed.success ? parsed.data : {};
	const detail = messageText(body.detail) ?? messageText(body.error) ?? body.message;
	const errorType = body.error_type ?? (response.headers['x-fal-error-type'] as string | undefined);
	if (purpose === 'result' && errorType && response.statusCode >= 500) {
		return { message: detail ?? `fal reported the request as ${errorType}`, code: errorType, kind: 'unknown' };
	}
	return httpStatusFailure(response, HTTP_ERRORS, { detail });
}

/** A request's URL as the submit answer gave it, else as fal's docs lay it out (items from before, task ids typed by hand). */
function requestUrl(task: TaskRef, which: keyof TaskUrls): ApiRequestTarget {
	const given = task.taskUrls?.[which];
	return given ? { url: given } : { path: PATHS[which](task.model, task.taskId) };
}

export const fal = defineProvider({
	id: 'fal',
	displayName: 'fal.ai',
	credentialType: 'falApi',
	baseUrl: 'https://queue.fal.run',
	// rest.fal.ai: storage and webhook keys; api.fal.ai: the platform API (the credential test).
	hosts: { rest: 'https://rest.fal.ai', api: 'https://api.fal.ai' },
	models: MODELS,
	capabilities: {
		cameraSyntax: 'english',
		// The model pages' examples are JPEG and PNG; fal fetches any image URL.
		imageFormats: ['jpeg', 'png', 'webp'],
		callbacks: true,
		promptAlwaysRequired: true,
		// Hailuo 2.x requests live in the one `fal-ai/minimax` queue (see the header for Hailuo 3's).
		// Hailuo 3 tasks are read at another API (V2; fal's minimax/h3 queues), named by the model.
		taskLookupNeedsModel: 'hailuo3',
		referenceFiles: 'upload',
	},
	optionNotes: { callbackUrl: 'sent as the fal_webhook query parameter', promptExpansion: 'sent as prompt_expansion_mode' },
	// No rate limit is published (fal queues requests instead of refusing them).
	limits: {},

	failureOf,

	async createTask(http, generation) {
		const body = isHailuo3(MODELS, generation) ? hailuo3Input(generation) : hailuo2Input(generation);
		const qs = generation.callbackUrl ? { fal_webhook: generation.callbackUrl } : undefined;
		const response = await http.call({ purpose: 'create', method: 'POST', path: PATHS.submit(generation.model), qs, body });
		const submitted = http.parse(submitResponse, response, 'create request');
		// fal's docs: use the URLs the submit answer gives rather than building them (queue docs, "Submit a request").
		const given = Object.entries({ status: submitted.status_url, result: submitted.response_url, cancel: submitted.cancel_url }).filter(([, url]) => url);
		return { taskId: submitted.request_id, ...(given.length ? { taskUrls: Object.fromEntries(given) as TaskUrls } : {}) };
	},

	async getTask(http, task) {
		const response = await http.call({ purpose: 'status', method: 'GET', ...requestUrl(task, 'status') });
		const status = http.parse(statusBody, response, 'status check');
		const state = mapStatus(STATUS_WORDS, status.status);
		const providerStatus = status.status;
		const detail = messageText(status.error);
		if (state === 'cancelled') return { state, providerStatus, failure: { code: status.status, message: 'The request was cancelled', kind: 'unknown' } };
		if (state === 'failed' || (state === 'succeeded' && (detail || status.error_type))) {
			const code = status.error_type ?? 'FAILED';
			return { state: 'failed', providerStatus, failure: { code, message: detail ?? `fal reported the request as ${code}`, kind: 'unknown' } };
		}
		if (state !== 'succeeded') return { state, providerStatus };

		// The result of a failed run answers with an error status: that is the task's failure, not the call's.
		const result = await http.call({ purpose: 'result', method: 'GET', ...requestUrl(task, 'result'), accept: RESULT_ERROR_STATUSES });
		if (result.statusCode >= 400) {
			const failure = failureOf(result, 'result')!;
			return { state: 'failed', providerStatus, failure: { ...failure, kind: failure.kind === 'invalidRequest' ? 'invalidRequest' : 'unknown' } };
		}
		return { state, providerStatus, videoUrl: http.parse(resultBody, result, 'result').video.url };
	},

	async cancelTask(http, task) {
		// 202 CANCELLATION_REQUESTED; 400 ALREADY_COMPLETED leaves nothing to stop.
		await http.call({ purpose: 'cancel', method: 'PUT', ...requestUrl(task, 'cancel'), accept: [400] });
	},

	async uploadFile(http, file) {
		// Images, reference videos and audio clips alike: the content type and name travel with the bytes.
		const initiate = await http.call({
			purpose: 'upload',
			method: 'POST',
			host: 'rest',
			path: PATHS.uploadInitiate,
			qs: { storage_type: 'fal-cdn-v3' },
			body: { content_type: file.mimeType, file_name: file.fileName },
		});
		const { upload_url: uploadUrl, file_url: fileUrl } = http.parse(uploadInitiated, initiate, 'upload request');
		// The upload URL is signed: the key is not sent there.
		await http.call({ purpose: 'upload', method: 'PUT', url: uploadUrl, body: file.data, contentType: file.mimeType, authenticated: false });
		return fileUrl;
	},

	readCallback({ body }) {
		const parsed = callbackBody.safeParse(body);
		// One post, when the request has ended (status OK or ERROR).
		return parsed.success ? { taskId: parsed.data.request_id, ended: true } : undefined;
	},

	async verifyCallback(http, { headers, rawBody }, now) {
		const header = (name: string) => String(headers[`x-fal-webhook-${name}`] ?? '');
		const [requestId, userId, timestamp, signature] = [header('request-id'), header('user-id'), header('timestamp'), header('signature')];
		if (!requestId || !userId || !timestamp || !/^[0-9a-f]+$/i.test(signature)) return 'not signed (no request id, user id, timestamp or hex signature)';
		const late = outsideSignatureWindow(timestamp, now);
		if (late) return late;
		const message = Buffer.from(`${requestId}\n${userId}\n${timestamp}\n${createHash('sha256').update(rawBody).digest('hex')}`);
		const signed = (keys: KeyObject[]) => keys.some((key) => verify(null, message, key, Buffer.from(signature, 'hex')));
		const cached = webhookKeys && now - webhookKeys.fetchedAt < KEYS_MAX_AGE_MS ? webhookKeys : undefined;
		if (cached && signed(cached.keys)) return undefined;
		if (cached && now - cached.fetchedAt < KEYS_MIN_AGE_MS) return 'bad signature';
		return signed(await fetchWebhookKeys(http, now)) ? undefined : 'bad signature';
	},
});
