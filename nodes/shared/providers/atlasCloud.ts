/**
 * Atlas Cloud media generation API (`/api/v1/model/...`).
 *
 * Follows:
 * - https://www.atlascloud.ai/docs/predictions (generateVideo, prediction)
 * - https://www.atlascloud.ai/docs/upload-files (uploadMedia)
 * - https://www.atlascloud.ai/docs/errors
 * - https://www.atlascloud.ai/docs/webhooks
 * - https://www.atlascloud.ai/models/minimax/hailuo-2.3/i2v-standard (and the sibling Hailuo model pages)
 * - https://github.com/AtlasCloudAI/atlascloud_comfyui (the Hailuo input fields; the 30 s grace for new predictions)
 * - https://github.com/AtlasCloudAI/n8n-nodes-atlascloud (the id and envelope variants its client accepts)
 * No price is in the catalog: the model pages show one figure "per run" (e.g. $0.28 for 2.3 i2v-standard, read
 * 2026-11-23) without the duration or resolution it is for, and the Hailuo ids here have two durations or more.
 */
import { createPublicKey, verify } from 'crypto';
import type { JsonWebKey, KeyObject } from 'crypto';
import { z } from 'zod';

import type { ProviderHttp } from './provider';
import { defineProvider, httpStatusFailure, idSchema, namedFields, withOptionalEnvelope } from './provider';
import type { KnownFailure } from './predictionHosts';
import { FAST, PRO_1080P, STANDARD_512P, STANDARD_768P, formatFieldsOf, modelRows, outsideSignatureWindow, predictionSnapshot, taskFailure, uploadMultipart } from './predictionHosts';
import type { TaskState } from '../types';

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

// The prompt optimizer is sent as `enable_prompt_expansion`; the fast models add `go_fast`.
const model = modelRows();

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
	],
	capabilities: {
		cameraSyntax: 'english',
		// The image tooltip of the model pages lists JPG/JPEG/PNG only.
		imageFormats: ['jpeg', 'png'],
		callbacks: true,
		promptAlwaysRequired: false,
		taskLookupNeedsModel: false,
	},
	optionNotes: { fastPretreatment: "the fast models' go_fast switch", promptOptimizer: 'sent as enable_prompt_expansion' },
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
		const body = {
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

	async uploadFile(http, image) {
		return http.parse(uploadResponse, await uploadMultipart(http, image, { path: PATHS.upload }), 'upload');
	},
});
