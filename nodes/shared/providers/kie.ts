/**
 * Kie.ai Market API (`api.kie.ai/api/v1/jobs`): one create endpoint for every model, one task query,
 * its File Upload API on a second host, and callbacks optionally signed with the account's HMAC key.
 *
 * Follows:
 * - https://docs.kie.ai (Bearer auth, `{"code":401,"msg":…}`, asynchronous tasks, callbacks)
 * - https://docs.kie.ai/market/hailuo/2-3-image-to-video-standard , …/02-image-to-video-standard and
 *   …/02-text-to-video-pro (and the sibling Hailuo pages): `POST /api/v1/jobs/createTask` with `model`,
 *   `callBackUrl` and `input` (prompt, image_url, end_image_url (02 image to video), duration "6"|"10" as a
 *   string, resolution, prompt_optimizer (02 only)) → `{ code: 200, msg, data: { taskId } }`
 * - https://docs.kie.ai/market/common/get-task-detail (`GET /api/v1/jobs/recordInfo?taskId=`: state
 *   waiting | queuing | generating | success | fail, `resultJson` a JSON string with `resultUrls`,
 *   failCode, failMsg; result URLs "typically expire after 24 hours")
 * - https://docs.kie.ai/common-api/get-account-credits (`GET /api/v1/chat/credit`: the credential test; the
 *   codes 200, 401, 402, 404, 422, 429, 433, 455, 500, 501, 505 of every Kie answer)
 * - https://docs.kie.ai/common-api/webhook-verification (opt-in: base64 HMAC-SHA256 over "{taskId}.{timestamp}"
 *   with the webhookHmacKey of the account's settings page, headers X-Webhook-Timestamp, X-Webhook-Signature)
 * - https://docs.kie.ai/file-upload-api/upload-file-stream (`POST https://kieai.redpandaai.co/api/file-stream-upload`,
 *   multipart `file`, `uploadPath`, `fileName` → `data.downloadUrl`; files kept 3 days; a repeated name overwrites)
 * - https://kie.ai/hailuo-api (Kie's Hailuo 02 playground, read 2026-11-23: the image-to-video pro form, the one
 *   without duration or resolution, has "Optional URL of the image to use as the last frame of the video" as the
 *   standard form does: `end_image_url`)
 * A prompt goes with every model (each page's example has one). A copy of Kie's 02 pages (felores/kie-ai-mcp-server,
 * docs/kie/hailuo_02-*.md) gives the 02 prompts "Max Length: 1500 characters"; the Kie pages read here do not show
 * it, so the node keeps its 2000 and Kie refuses a longer 02 prompt with 422 (uncertain).
 * - Hailuo 3: https://docs.kie.ai/market/minimax-h3/text-to-video (also …/image-to-video, …/reference-to-video),
 *   as named and used by several clients (read 2026-12-04; the pages themselves were not read): `model`
 *   `minimax-h3/{text-to-video,image-to-video,reference-to-video}`, `input` with prompt (≤ 7000), duration an
 *   integer 4–15, resolution 768P | 2K, aspect_ratio, first_frame_url, last_frame_url, reference_image_urls (≤ 9),
 *   reference_video_urls (≤ 3), reference_audio_urls (≤ 3).
 *
 * Hailuo 3 readings:
 * - snake_case field names (`aspect_ratio`, `reference_image_urls`), as three clients send them and as every Kie
 *   Market model takes its input; one report lists camelCase (`aspectRatio`, `referenceImageUrls`), which no
 *   client was seen sending and no other Kie model uses.
 * - aspect_ratio: required (concrete) for text to video; for references the user's choice, `adaptive` included
 *   (its default there, MiniMax's word; one client sends `auto`, which MiniMax's vocabulary lacks). Image to
 *   video has no ratio field (the frames set it).
 * - No last-frame-only mode (no page or client sends last_frame_url without first_frame_url), no audio switch,
 *   no watermark field: none offered. Format fields are always sent, never Kie's defaults.
 *
 * Prices (USD; Kie bills credits at 1 credit = $0.005): Hailuo 3 costs 8 credits a second at 768P ($0.04) and
 * 13 at 2K ($0.065), the first five input images free, reference video seconds at the output rate, as a client
 * transcribed each H3 page's price field on 2026-09-11 (and a second client agrees). Another report
 * (2026-09-05) gives 16 and 26 credits and 8 credits an image: exactly MiniMax's own list prices, so read as a
 * copy of those. Images beyond the fifth: no Kie figure known. The Hailuo 2.x credits conflict between
 * sources and have no price here (https://kie.ai/pricing was not readable).
 *
 * Render times of Hailuo 3: reseller observations (provider.ts HAILUO_3_RENDER), as MiniMax's rows.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'crypto';
import { z } from 'zod';

import type { ApiResponse, CallPurpose, ModelSpec, PriceRates, ProviderFailure } from './provider';
import { HAILUO_3, HAILUO_3_RENDER, defineProvider, httpStatusFailure, idSchema, mapStatus, publishedPrices, withOptionalEnvelope } from './provider';
import type { KnownFailure } from './predictionHosts';
import {
	PRO_1080P,
	STANDARD_512P,
	STANDARD_768P,
	STANDARD_AND_PRO,
	formatFieldsOf,
	hailuo3Rows,
	referenceLists,
	modelRows,
	predictionSnapshot,
	taskFailure,
	uploadMultipart,
} from './predictionHosts';
import type { GenerationRequest, ModelFeature, TaskState } from '../types';

const PATHS = {
	create: '/api/v1/jobs/createTask',
	record: '/api/v1/jobs/recordInfo',
	upload: '/api/file-stream-upload',
};

/** Where uploads go under the account's upload space (files are deleted after 3 days). */
const UPLOAD_FOLDER = 'n8n-hailuo';

// `wait` and `queueing` are the words of Kie's older per-model APIs; tolerated here.
const STATUS_WORDS: Record<string, TaskState> = {
	waiting: 'queued',
	wait: 'queued',
	queuing: 'queued',
	queueing: 'queued',
	generating: 'running',
	success: 'succeeded',
	fail: 'failed',
	failed: 'failed',
};

/** Kie's codes, in the body's `code` (the HTTP status may say 200) or as the HTTP status. */
export const KIE_CODES: Record<number, KnownFailure> = {
	400: { message: 'Invalid request', kind: 'invalidRequest' },
	401: { message: 'Authentication failed: check the API key', kind: 'auth' },
	402: { message: 'Not enough credits on the Kie.ai account', kind: 'balance' },
	404: { message: 'Not found', kind: 'notFound' },
	422: { message: 'Kie.ai rejected the parameters', kind: 'invalidRequest' },
	429: { message: 'Rate limit reached', kind: 'rateLimit' },
	433: { message: 'The key\'s usage limit (set in the Kie.ai console) is reached', kind: 'balance' },
	455: { message: 'Kie.ai is under maintenance', kind: 'transient' },
	500: { message: 'Kie.ai internal error', kind: 'transient' },
	501: { message: 'The generation failed', kind: 'unknown' },
	505: { message: 'This feature is disabled at Kie.ai', kind: 'invalidRequest' },
};

const envelopeBody = z.object({
	code: z.coerce.number().optional(),
	msg: z.string().nullish(),
	message: z.string().nullish(),
});

const createResponse = withOptionalEnvelope(z.object({ taskId: idSchema }));

/** `resultJson` is a JSON string on the docs' page; an object is read too. */
const resultUrls = z
	.union([z.string(), z.record(z.unknown())])
	.nullish()
	.transform((value) => {
		let result: unknown = value;
		if (typeof value === 'string') {
			try {
				result = JSON.parse(value);
			} catch {
				return [];
			}
		}
		const urls = (result as { resultUrls?: unknown } | null | undefined)?.resultUrls;
		return Array.isArray(urls) ? urls.filter((url): url is string => typeof url === 'string' && url !== '') : [];
	});

const record = withOptionalEnvelope(
	z.object({
		state: z.string(),
		resultJson: resultUrls,
		failCode: z.union([z.string(), z.number()]).nullish(),
		failMsg: z.string().nullish(),
	}),
);

/** The callback posts the query's answer; the verification guide's example reads `data.task_id`. */
const callbackBody = withOptionalEnvelope(
	z.union([
		z.object({ taskId: idSchema, state: z.string().optional() }).transform((t) => ({ taskId: t.taskId, state: t.state })),
		z.object({ task_id: idSchema, state: z.string().optional() }).transform((t) => ({ taskId: t.task_id, state: t.state })),
	]),
);

const uploaded = withOptionalEnvelope(z.object({ downloadUrl: z.string().min(1) }));

// 2.3 takes 768P or 1080P as its `resolution` (10 s at 768P only); 02 standard 512P or 768P; 02 pro is 1080P, 6 s, no fields.
// The 2.3 models have no prompt_optimizer field on Kie.
const OPTIONS_23: { features: ModelFeature[] } = { features: ['cameraMovements'] };
const model = modelRows();

/** Hailuo 3's credits in USD (see the header): the same for its three ids. */
const HAILUO_3_PRICE: PriceRates = { perSecond: { '768P': 0.04, '2K': 0.065 }, extras: { freeImages: 5, referenceVideoPerSecond: 'outputRate' } };
const priceOf = publishedPrices(
	{ 'minimax-h3/text-to-video': HAILUO_3_PRICE, 'minimax-h3/image-to-video': HAILUO_3_PRICE, 'minimax-h3/reference-to-video': HAILUO_3_PRICE },
	{ asOf: '2026-09-11', source: (id) => `https://docs.kie.ai/market/${id} (its price field as a client transcribed it; the page itself not read)` },
);
const hailuo3 = hailuo3Rows(priceOf);

/** Every Hailuo 3 id starts so; they take the H3 input. */
const HAILUO_3_PREFIX = 'minimax-h3/';
const H3_FORMATS = { '768P': HAILUO_3.durations, '2K': HAILUO_3.durations };
const H3 = { render: { '768P': HAILUO_3_RENDER['768P'], '2K': HAILUO_3_RENDER['2K'] } };

/** Hailuo 3's input: duration an integer, every format field sent, references only where given. */
function hailuo3Input(request: GenerationRequest) {
	return {
		prompt: request.prompt,
		duration: request.duration,
		resolution: request.resolution,
		...(request.aspectRatio ? { aspect_ratio: request.aspectRatio } : {}),
		...(request.firstFrameImage ? { first_frame_url: request.firstFrameImage } : {}),
		...(request.lastFrameImage ? { last_frame_url: request.lastFrameImage } : {}),
		...referenceLists(request, { image: 'reference_image_urls', video: 'reference_video_urls', audio: 'reference_audio_urls' }),
	};
}

// Names as API in One gives the same 2.3 ids (one name per id across hosts).
const MODELS: ModelSpec[] = [
	model('hailuo/2-3-image-to-video-standard', 'Hailuo 2.3 Standard', ['imageToVideo'], STANDARD_AND_PRO, OPTIONS_23),
	model('hailuo/2-3-image-to-video-pro', 'Hailuo 2.3 Pro', ['imageToVideo'], STANDARD_AND_PRO, OPTIONS_23),
	model('hailuo/02-text-to-video-standard', 'Hailuo 02 Standard (768P)', ['textToVideo'], STANDARD_768P),
	model('hailuo/02-text-to-video-pro', 'Hailuo 02 Pro (1080P)', ['textToVideo'], PRO_1080P),
	// `end_image_url` makes the standard image-to-video model a first-and-last-frame one (the page's example).
	model('hailuo/02-image-to-video-standard', 'Hailuo 02 Standard (512P, 768P)', ['imageToVideo', 'firstLastFrame'], { ...STANDARD_512P, ...STANDARD_768P }),
	// The pro form takes `end_image_url` too (Kie's Hailuo 02 playground).
	model('hailuo/02-image-to-video-pro', 'Hailuo 02 Pro (1080P)', ['imageToVideo', 'firstLastFrame'], PRO_1080P),
	hailuo3('minimax-h3/text-to-video', 'Hailuo 3', ['textToVideo'], H3_FORMATS, { ...H3, aspectRatios: HAILUO_3.aspectRatios.filter((ratio) => ratio !== 'adaptive') }),
	hailuo3('minimax-h3/image-to-video', 'Hailuo 3', ['imageToVideo', 'firstLastFrame'], H3_FORMATS, H3),
	hailuo3('minimax-h3/reference-to-video', 'Hailuo 3', ['references'], H3_FORMATS, { ...H3, aspectRatios: HAILUO_3.aspectRatios }),
];

function failureOf(response: ApiResponse, purpose: CallPurpose): ProviderFailure | undefined {
	const parsed = envelopeBody.safeParse(response.body);
	const body = parsed.success ? parsed.data : {};
	const failure = httpStatusFailure(response, KIE_CODES, { code: body.code, detail: body.msg ?? body.message ?? undefined });
	// The query's only parameter is the task id: "record is null" (422) is a task it does not know (yet).
	return failure?.code === '422' && purpose === 'status' ? { ...failure, kind: 'notFound' } : failure;
}

export const kie = defineProvider({
	id: 'kie',
	displayName: 'Kie.ai',
	credentialType: 'kieApi',
	baseUrl: 'https://api.kie.ai',
	// The File Upload API's host.
	hosts: { upload: 'https://kieai.redpandaai.co' },
	models: MODELS,
	capabilities: {
		cameraSyntax: 'english',
		// The 2.3 page's example first frame is a WebP, the 02 page's a PNG.
		imageFormats: ['jpeg', 'png', 'webp'],
		callbacks: true,
		promptAlwaysRequired: true,
		taskLookupNeedsModel: false,
		referenceFiles: 'upload',
	},
	optionNotes: { callbackUrl: 'sent as callBackUrl' },
	// Rate limits are set per key in the Kie.ai console, so none is assumed. Result URLs "typically expire after 24 hours".
	limits: { videoUrlLifetimeMs: 24 * 3_600_000 },

	failureOf,

	async createTask(http, request) {
		const sends = formatFieldsOf(MODELS, request);
		const input = request.model.startsWith(HAILUO_3_PREFIX) ? hailuo3Input(request) : {
			prompt: request.prompt,
			...(request.firstFrameImage ? { image_url: request.firstFrameImage } : {}),
			...(request.lastFrameImage ? { end_image_url: request.lastFrameImage } : {}),
			// Kie takes the duration as a string.
			...(sends.duration ? { duration: String(request.duration) } : {}),
			...(sends.resolution ? { resolution: request.resolution } : {}),
			...(request.promptOptimizer !== undefined ? { prompt_optimizer: request.promptOptimizer } : {}),
		};
		const body = { model: request.model, ...(request.callbackUrl ? { callBackUrl: request.callbackUrl } : {}), input };
		const response = await http.call({ purpose: 'create', method: 'POST', path: PATHS.create, body });
		return { taskId: http.parse(createResponse, response, 'create request').taskId };
	},

	async getTask(http, task) {
		const response = await http.call({ purpose: 'status', method: 'GET', path: PATHS.record, qs: { taskId: task.taskId } });
		const r = http.parse(record, response, 'status check');
		return predictionSnapshot(http, response, {
			status: r.state,
			words: STATUS_WORDS,
			failure: () => taskFailure({ code: r.failCode, detail: r.failMsg }, {}, { code: r.state, message: `Kie.ai reported the task as ${r.state}` }),
			videoUrl: () => r.resultJson[0],
			noVideo: 'The task succeeded but Kie.ai returned no result URL',
		});
	},

	// Images, and Hailuo 3's reference video and audio clips alike ("multiple formats: images, videos, documents, etc.").
	async uploadFile(http, file) {
		// A repeated name overwrites the earlier file (and may be served from cache): every upload gets its own.
		const fields = { uploadPath: UPLOAD_FOLDER, fileName: `${randomBytes(8).toString('hex')}-${file.fileName}` };
		const response = await uploadMultipart(http, file, { host: 'upload', path: PATHS.upload, fields });
		return http.parse(uploaded, response, 'upload').downloadUrl;
	},

	readCallback({ body }) {
		const parsed = callbackBody.safeParse(body);
		if (!parsed.success) return undefined;
		// Posted "when generation completes"; a state word, where sent, says so.
		const state = parsed.data.state === undefined ? 'succeeded' : mapStatus(STATUS_WORDS, parsed.data.state);
		return { taskId: parsed.data.taskId, ended: state !== 'queued' && state !== 'running' };
	},

	// Signing is opt-in at Kie and its key is shown only in the account's settings: verified when the
	// credential holds it. It covers the task id and timestamp, not the body (the status check is the proof
	// of the task's state); no time window is documented, so none is imposed (the Trigger refuses replays).
	async verifyCallback(http, { headers, body }) {
		const hmacKey = http.credentialField('webhookSecret');
		if (!hmacKey) return undefined;
		const timestamp = String(headers['x-webhook-timestamp'] ?? '');
		const signature = String(headers['x-webhook-signature'] ?? '');
		const parsed = callbackBody.safeParse(body);
		if (!timestamp || !signature || !parsed.success) return 'not signed (no X-Webhook-Timestamp, X-Webhook-Signature or task id)';
		const expected = createHmac('sha256', hmacKey).update(`${parsed.data.taskId}.${timestamp}`).digest();
		const given = Buffer.from(signature, 'base64');
		return given.length === expected.length && timingSafeEqual(given, expected) ? undefined : 'bad signature';
	},
});
