/**
 * Atlas Cloud media generation API (`/api/v1/model/...`).
 *
 * Follows:
 * - https://www.atlascloud.ai/docs/predictions (generateVideo, prediction)
 * - https://www.atlascloud.ai/docs/upload-files (uploadMedia: "upload local files", any media, for a temporary URL)
 * - https://www.atlascloud.ai/docs/errors
 * - https://www.atlascloud.ai/docs/webhooks
 * - https://www.atlascloud.ai/models/minimax/hailuo-2.3/i2v-standard (and the sibling Hailuo model pages)
 * - https://github.com/AtlasCloudAI/atlascloud_comfyui (the Hailuo input fields; the 30 s grace for new predictions)
 * - https://github.com/AtlasCloudAI/n8n-nodes-atlascloud (the id and envelope variants its client accepts)
 * - Hailuo 3: https://www.atlascloud.ai/models/minimax/h3-max/image-to-video (480P, 768P, 5–15 s, $0.048 a
 *   second), https://www.atlascloud.ai/models/minimax-h3-max (H3 Max overview: $0.05 a second), and the H3 nodes
 *   of Atlas's ComfyUI package as forked at https://github.com/farhadzamanivfx-ui/atlascloud_comfyui
 *   (src/atlascloud_comfyui/nodes/video/minimax_h3_{t2v,i2v,r2v,max_t2v,max_i2v}.py: the fields below).
 *
 * Hailuo 3 (uncertain facts, read 2026-12-04; the readings chosen):
 * - `minimax/h3/*` renders 2K only, 5–15 s (the nodes' field ranges). One integration note reports 5–10 s
 *   and 768P refused ("supported resolutions: 2K") in live use; 11–15 s follow the nodes and MiniMax, and a
 *   refusal costs nothing. H3-Max: 480P or 768P, 5–15 s (its model page).
 * - Fields: `image` (first frame), `end_image` (last frame), `refers: [{url, type}]` (references, type
 *   image | video | audio: sent so that an upload URL without an extension is not misread), `ratio` (a
 *   concrete one for text to video; `adaptive` with frames, the only value H3-Max image to video takes).
 *   The image is required: no last-frame-only mode. H3-Max has no reference id here.
 * - H3-Max's `prompt_expansion` is a switch (default off): Prompt Expansion Disabled sends false, Balanced
 *   and Quality send true (Atlas has one expansion level). Left unset, nothing is sent.
 * - No silent-video, watermark or seed field is documented for H3 here; none is offered.
 * - Prompts: MiniMax's 7000 characters (Atlas proxies MiniMax's API and states no other limit for H3).
 *
 * Prices (USD, read 2026-12-04): the Hailuo 2.x pages show one figure "per run": the run the page's form
 * sends by default, i.e. 6 s at the tier's resolution (Atlas's own nodes default to 6 s; the llms.txt copies
 * print the same numbers "per second", which would be ten times MiniMax's price, so read as per run). So
 * each is a price of that format only; 10 s stays unknown. 2.3 i2v-pro and the 02 standard and pro ids
 * state no price here (the $0.23 of `minimax/hailuo-02/standard` is another id). H3-Max image to video:
 * $0.048 a second (its model page); H3-Max text to video: $0.05 a second (the H3 Max overview page, no
 * model page read). `minimax/h3/*`: no price captured (a survey found its units did not reconcile): unknown.
 *
 * Render times: Hailuo 3 as MiniMax's rows (reseller observations, provider.ts HAILUO_3_RENDER);
 * H3-Max per Atlas's page ("a 5 s 768P clip in under 3 seconds; 15 s clips in about 15 seconds") plus
 * about 15 s of queueing and delivery (an assumption; corrected by the tasks each execution sees finish).
 */
import { createPublicKey, verify } from 'crypto';
import type { JsonWebKey, KeyObject } from 'crypto';
import { z } from 'zod';

import type { ProviderHttp } from './provider';
import { HAILUO_3, HAILUO_3_MAX_RENDER, HAILUO_3_RENDER, defineProvider, httpStatusFailure, idSchema, namedFields, publishedPrices, secondsRange, withOptionalEnvelope } from './provider';
import type { KnownFailure } from './predictionHosts';
import {
	FAST,
	HAILUO_3_CONCRETE_RATIOS,
	PRO_1080P,
	STANDARD_512P,
	STANDARD_768P,
	formatFieldsOf,
	hailuo3Rows,
	modelRows,
	outsideSignatureWindow,
	predictionSnapshot,
	taskFailure,
	uploadMultipart,
} from './predictionHosts';
import type { GenerationRequest, MediaKind, TaskState } from '../types';

const PATHS = {
	jwks: '/api/v1/webhooks/jwks.json',
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

const HTTP_ERRORS: Record<number, KnownFailure> = {
	400: { message: 'Invalid parameters', kind: 'invalidRequest' },
	401: { message: 'Authentication failed: check the API key', kind: 'auth' },
	402: { message: 'Insufficient balance on the Atlas Cloud account', kind: 'balance' },
	403: { message: 'Forbidden: this key may not use this model', kind: 'auth' },
	404: { message: 'Not found', kind: 'notFound' },
	413: { message: 'Request too large (over 50 MB); use a smaller image or Hailuo Upload', kind: 'invalidRequest' },
	429: { message: 'Rate limit reached', kind: 'rateLimit' },
	451: { message: 'The content was refused by moderation', kind: 'moderation' },
	500: { message: 'Atlas Cloud internal error', kind: 'transient' },
	503: { message: 'Atlas Cloud is unavailable', kind: 'transient' },
	504: { message: 'Atlas Cloud gateway timeout', kind: 'transient' },
};

const ASYNC_ERROR_CODES: Record<string, KnownFailure> = {
	'1039': { message: 'The content was flagged by moderation', kind: 'moderation' },
};

const createResponse = withOptionalEnvelope(
	z.union([
		z.object({ id: idSchema }).transform((p) => p.id),
		z.object({ prediction_id: idSchema }).transform((p) => p.prediction_id),
		z.object({ data: z.object({ id: idSchema }) }).transform((p) => p.data.id),
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

/** The webhook body (its details partly uncertain; the id is all the Trigger reads, then it asks the API). */
const callbackBody = z.object({ session_id: idSchema });

/** Webhook keys by key id; the JWKS is fetched again for a key id not seen yet (rotation). */
const webhookKeys = new Map<string, KeyObject>();

async function webhookKey(http: ProviderHttp, keyId: string): Promise<KeyObject | undefined> {
	if (!webhookKeys.has(keyId)) {
		const response = await http.call({ purpose: 'status', method: 'GET', path: PATHS.jwks });
		const { keys } = http.parse(jwksBody, response, 'webhook key list');
		for (const jwk of keys) webhookKeys.set(jwk.kid, createPublicKey({ key: jwk as JsonWebKey, format: 'jwk' }));
	}
	return webhookKeys.get(keyId);
}

const jwksBody = z.object({ keys: z.array(z.object({ kid: z.string(), kty: z.string(), crv: z.string().optional(), x: z.string().optional() }).passthrough()) });

const errorBody = z.object({ code: z.coerce.number().optional(), msg: z.string().optional(), message: z.string().optional() });

/** Per-run figures are for 6 s at the tier's resolution; H3-Max is priced per second (see the header). */
const priceOf = publishedPrices(
	{
		'minimax/hailuo-2.3/t2v-standard': { perVideo: { '768P': { 6: 0.28 } } },
		'minimax/hailuo-2.3/t2v-pro': { perVideo: { '1080P': { 6: 0.49 } } },
		'minimax/hailuo-2.3/i2v-standard': { perVideo: { '768P': { 6: 0.28 } } },
		'minimax/hailuo-2.3/fast': { perVideo: { '768P': { 6: 0.19 } } },
		'minimax/hailuo-02/fast': { perVideo: { '512P': { 6: 0.1 } } },
		'minimax/h3-max/text-to-video': { perSecond: { '480P': 0.05, '768P': 0.05 } },
		'minimax/h3-max/image-to-video': { perSecond: { '480P': 0.048, '768P': 0.048 } },
	},
	{
		asOf: '2026-12-04',
		source: (model) =>
			model === 'minimax/h3-max/text-to-video'
				? 'https://www.atlascloud.ai/models/minimax-h3-max (the H3 Max overview page)'
				: `https://www.atlascloud.ai/models/${model}`,
	},
);

// The prompt optimizer is sent as `enable_prompt_expansion`; the fast models add `go_fast`.
const model = modelRows(priceOf);
const hailuo3 = hailuo3Rows(priceOf);

/** Every Hailuo 3 id starts so (`minimax/h3/…`, `minimax/h3-max/…`); they take the H3 body. */
const HAILUO_3_PREFIX = 'minimax/h3';
const H3_DURATIONS = secondsRange(5, 15);
const H3 = { render: { '2K': HAILUO_3_RENDER['2K'] } };
const H3_MAX = {
	features: ['promptExpansion' as const],
	render: HAILUO_3_MAX_RENDER,
};

/** Hailuo 3's create body: every format field sent (never Atlas's defaults), references as `refers`. */
function hailuo3Body(request: GenerationRequest) {
	const kinds: MediaKind[] = ['image', 'video', 'audio'];
	const references = request.references;
	const refers = references && kinds.flatMap((type) => references[type].map((url) => ({ url, type })));
	return {
		model: request.model,
		...namedFields(request, { prompt: 'prompt', firstFrameImage: 'image', lastFrameImage: 'end_image', duration: 'duration', resolution: 'resolution', callbackUrl: 'webhook_url' }),
		...(refers ? { refers } : {}),
		...(request.aspectRatio ? { ratio: request.aspectRatio } : {}),
		...(request.promptExpansion ? { prompt_expansion: request.promptExpansion !== 'disabled' } : {}),
	};
}

export const atlasCloud = defineProvider({
	id: 'atlasCloud',
	displayName: 'Atlas Cloud',
	credentialType: 'atlasCloudApi',
	baseUrl: 'https://api.atlascloud.ai',
	models: [
		model('minimax/hailuo-2.3/t2v-standard', 'Hailuo 2.3 Standard (768P)', ['textToVideo'], STANDARD_768P),
		model('minimax/hailuo-2.3/t2v-pro', 'Hailuo 2.3 Pro (1080P)', ['textToVideo'], PRO_1080P),
		model('minimax/hailuo-2.3/i2v-standard', 'Hailuo 2.3 Standard (768P)', ['imageToVideo'], STANDARD_768P),
		model('minimax/hailuo-2.3/i2v-pro', 'Hailuo 2.3 Pro (1080P)', ['imageToVideo'], PRO_1080P),
		model('minimax/hailuo-2.3/fast', 'Hailuo 2.3 Fast (768P)', ['imageToVideo'], STANDARD_768P, FAST),
		model('minimax/hailuo-02/t2v-standard', 'Hailuo 02 Standard (768P)', ['textToVideo'], STANDARD_768P),
		model('minimax/hailuo-02/t2v-pro', 'Hailuo 02 Pro (1080P)', ['textToVideo'], PRO_1080P),
		model('minimax/hailuo-02/i2v-standard', 'Hailuo 02 Standard (768P)', ['imageToVideo'], STANDARD_768P),
		model('minimax/hailuo-02/i2v-pro', 'Hailuo 02 Pro (1080P)', ['imageToVideo'], PRO_1080P),
		// 512P as on the other hosts of Hailuo 02 Fast; Atlas does not state it.
		model('minimax/hailuo-02/fast', 'Hailuo 02 Fast (512P)', ['imageToVideo'], STANDARD_512P, FAST),
		hailuo3('minimax/h3/text-to-video', 'Hailuo 3', ['textToVideo'], { '2K': H3_DURATIONS }, { ...H3, aspectRatios: HAILUO_3_CONCRETE_RATIOS }),
		hailuo3('minimax/h3/image-to-video', 'Hailuo 3', ['imageToVideo', 'firstLastFrame'], { '2K': H3_DURATIONS }, { ...H3, aspectRatios: ['adaptive'] }),
		hailuo3('minimax/h3/reference-to-video', 'Hailuo 3', ['references'], { '2K': H3_DURATIONS }, { ...H3, aspectRatios: HAILUO_3.aspectRatios }),
		hailuo3('minimax/h3-max/text-to-video', 'Hailuo 3 Max', ['textToVideo'], { '480P': H3_DURATIONS, '768P': H3_DURATIONS }, { ...H3_MAX, aspectRatios: HAILUO_3_CONCRETE_RATIOS }),
		hailuo3('minimax/h3-max/image-to-video', 'Hailuo 3 Max', ['imageToVideo', 'firstLastFrame'], { '480P': H3_DURATIONS, '768P': H3_DURATIONS }, { ...H3_MAX, aspectRatios: ['adaptive'] }),
	],
	capabilities: {
		cameraSyntax: 'english',
		// The image tooltip of the model pages lists JPG/JPEG/PNG only.
		imageFormats: ['jpeg', 'png'],
		callbacks: true,
		promptAlwaysRequired: false,
		taskLookupNeedsModel: false,
		referenceFiles: 'upload',
	},
	optionNotes: {
		fastPretreatment: "the fast models' go_fast switch",
		promptOptimizer: 'sent as enable_prompt_expansion',
		promptExpansion: 'a switch here (prompt_expansion): Disabled turns it off, Balanced and Quality on',
	},
	// No rate limit is published. A new prediction can briefly be unknown; Atlas's own client waits 30 s.
	limits: { newTaskGraceMs: 30_000 },

	failureOf(response, purpose) {
		const parsed = errorBody.safeParse(response.body);
		const body = parsed.success ? parsed.data : {};
		// Errors come as HTTP status, with the same number repeated in the body's `code`.
		const failure = httpStatusFailure(response, HTTP_ERRORS, { code: body.code, detail: body.msg ?? body.message });
		// A prediction just created can briefly answer 400 as well as 404 (Atlas's own clients allow for both).
		return failure?.code === '400' && purpose === 'status' ? { ...failure, kind: 'notFound' } : failure;
	},

	async createTask(http, request) {
		const sends = formatFieldsOf(atlasCloud.models, request);
		const body = request.model.startsWith(HAILUO_3_PREFIX) ? hailuo3Body(request) : {
			model: request.model,
			...namedFields(request, {
				prompt: 'prompt',
				firstFrameImage: 'image',
				...(sends.duration ? { duration: 'duration' } : {}),
				// No Hailuo tier here has two resolutions: only a custom model id is sent one.
				...(sends.resolution ? { resolution: 'resolution' } : {}),
				promptOptimizer: 'enable_prompt_expansion',
				fastPretreatment: 'go_fast',
				callbackUrl: 'webhook_url',
			}),
		};
		const response = await http.call({ purpose: 'create', method: 'POST', path: PATHS.create, body });
		return { taskId: http.parse(createResponse, response, 'create request') };
	},

	readCallback({ body }) {
		const parsed = callbackBody.safeParse(body);
		// One post, at the terminal state (success, failure or timeout).
		return parsed.success ? { taskId: parsed.data.session_id, ended: true } : undefined;
	},

	async verifyCallback(http, { headers, rawBody }, now) {
		const header = (name: string) => String(headers[`x-atlascloud-webhook-${name}`] ?? '');
		const [timestamp, signature, keyId] = [header('timestamp'), header('signature-ed25519'), header('key-id')];
		if (!timestamp || !signature || !keyId) return 'not signed (no Ed25519 signature, timestamp or key id)';
		const late = outsideSignatureWindow(timestamp, now);
		if (late) return late;
		const key = await webhookKey(http, keyId);
		if (!key) return `unknown signing key ${keyId}`;
		const valid = verify(null, Buffer.from(`${timestamp}.${rawBody}`), key, Buffer.from(signature, 'base64url'));
		return valid ? undefined : 'bad signature';
	},

	async getTask(http, task) {
		const response = await http.call({ purpose: 'status', method: 'GET', path: PATHS.prediction(task.taskId) });
		const p = http.parse(prediction, response, 'status check');
		return predictionSnapshot(http, response, {
			status: p.status,
			words: STATUS_WORDS,
			failure: () => taskFailure({ code: p.error_code, detail: p.error }, ASYNC_ERROR_CODES, { code: p.status, message: `Atlas Cloud reported the task as ${p.status}` }),
			videoUrl: () => p.outputs?.[0] ?? (Array.isArray(p.output) ? p.output[0] : p.output),
			noVideo: 'Task completed but Atlas Cloud returned no output URL',
		});
	},

	// Images, and Hailuo 3's reference video and audio clips alike.
	async uploadFile(http, file) {
		return http.parse(uploadResponse, await uploadMultipart(http, file, { path: PATHS.upload }), 'upload');
	},
});
