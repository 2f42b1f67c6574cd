/**
 * The toolkit of the prediction-style hosts (Atlas Cloud, WaveSpeed AI, fal.ai, Kie.ai, Replicate): each
 * runs MiniMax's Hailuo models as one model id per tier, takes an image as a multipart upload, reports a
 * failed task with a code and a message, and signs its callbacks with a timestamp. What differs (names,
 * paths, shapes, codes) stays in each host's module; what is the same is here, once.
 */
import { createHmac, timingSafeEqual } from 'crypto';
import type { ZodType, ZodTypeDef } from 'zod';

import type { AspectRatio, GenerationMode, GenerationRequest, MediaFile, MediaKind, ModelFeature, Resolution, TaskSnapshot, TaskState } from '../types';
import { HAILUO_3, TYPICAL_RENDER_SECONDS, hailuo3RenderSeconds, mapStatus } from './provider';
import type { ApiResponse, FailureKind, Formats, IncomingCallback, ModeSpec, ModelSpec, Price, ProviderFailure, ProviderHttp, RenderSeconds } from './provider';

// ---------------------------------------------------------------- tiers and options

// One model id per mode and tier: the tier fixes the resolution, and the pro tier the duration.
export const STANDARD_768P: Formats = { '768P': [6, 10] };
export const PRO_1080P: Formats = { '1080P': [6] };
/** Hailuo 02's low tier (its Fast model, and a second resolution of its standard image-to-video model). */
export const STANDARD_512P: Formats = { '512P': [6, 10] };
/** A model id that takes the resolution as a field: 10 s only at 768P, as MiniMax renders it. */
export const STANDARD_AND_PRO: Formats = { ...STANDARD_768P, ...PRO_1080P };

/** The prompt optimizer (under the host's own name) and camera moves; the fast models add fast pretreatment. */
export const OPTIONS: ModelFeature[] = ['promptOptimizer', 'cameraMovements'];
export const FAST_OPTIONS: ModelFeature[] = ['promptOptimizer', 'fastPretreatment', 'cameraMovements'];

export interface RowOptions {
	features?: ModelFeature[];
	renderSeconds?: RenderSeconds;
}

/**
 * A host's catalog row builder: a model id, its display name, the modes it serves (all with the same
 * formats and options) and its price from the host's table.
 */
export function modelRows(priceOf: (model: string) => Price | undefined = () => undefined) {
	return (value: string, name: string, modes: GenerationMode[], formats: Formats, options: RowOptions = {}): ModelSpec => {
		const { features = OPTIONS, renderSeconds = TYPICAL_RENDER_SECONDS.hailuo } = options;
		const price = priceOf(value);
		return { value, name, modes: Object.fromEntries(modes.map((mode) => [mode, { formats, features }])), renderSeconds, ...(price ? { price } : {}) };
	};
}

/** Row options of the fast models. */
export const FAST: RowOptions = { features: FAST_OPTIONS, renderSeconds: TYPICAL_RENDER_SECONDS.hailuoFast };

// ---------------------------------------------------------------- Hailuo 3

/** Text to video needs a concrete frame shape (`adaptive` follows input images, and there are none). */
export const HAILUO_3_CONCRETE_RATIOS: AspectRatio[] = HAILUO_3.aspectRatios.filter((ratio) => ratio !== 'adaptive');

export interface Hailuo3RowOptions {
	features?: ModelFeature[];
	/** The frame shapes the model id takes; absent where it has no aspect ratio field. */
	aspectRatios?: AspectRatio[];
	upscaled?: Resolution[];
	/** Seconds to render at each resolution: a base plus so much per second of video. */
	render: Partial<Record<Resolution, { base: number; perSecond: number }>>;
}

/**
 * A host's Hailuo 3 row builder: a model id serving `modes` (references mode within MiniMax's limits),
 * with sound, the 7000-character prompt, its render times over the durations of `formats`, and its
 * price from the host's table.
 */
export function hailuo3Rows(priceOf: (model: string) => Price | undefined = () => undefined) {
	return (value: string, name: string, modes: GenerationMode[], formats: Formats, options: Hailuo3RowOptions): ModelSpec => {
		const spec: ModeSpec = { formats, features: options.features ?? [] };
		const durations = [...new Set(Object.values(formats).flat())].sort((a, b) => a - b);
		const price = priceOf(value);
		return {
			value,
			name,
			modes: Object.fromEntries(modes.map((mode) => [mode, mode === 'references' ? { ...spec, references: HAILUO_3.references } : spec])),
			renderSeconds: hailuo3RenderSeconds(options.render, durations),
			...(options.aspectRatios ? { aspectRatios: options.aspectRatios } : {}),
			promptMaxLength: HAILUO_3.promptMaxLength,
			promptRequired: true,
			sound: true,
			...(options.upscaled ? { upscaled: options.upscaled } : {}),
			...(price ? { price } : {}),
		};
	};
}

/** Whether a request is for one of the host's Hailuo 3 rows (those have sound); a custom model id is not. */
export function isHailuo3(models: ModelSpec[], request: GenerationRequest): boolean {
	return models.find((m) => m.value === request.model)?.sound === true;
}

/** The reference media under the host's list names; kinds without files are left out (the hosts default them to none). */
export function referenceLists(request: GenerationRequest, names: Record<MediaKind, string>): Record<string, string[]> {
	const kinds = (Object.keys(names) as MediaKind[]).filter((kind) => request.references?.[kind]?.length);
	return Object.fromEntries(kinds.map((kind) => [names[kind], request.references![kind]]));
}

// ---------------------------------------------------------------- duration and resolution

/**
 * Which of the duration and resolution fields a create carries. A catalog model is sent only those its
 * formats leave a choice in (the hosts' pro tiers take no duration field, single-resolution tiers no
 * resolution field). A custom model id is sent both: the node cannot know its fields, and without them
 * the host renders and bills its own default while the item says what the user chose.
 */
export function formatFieldsOf(models: ModelSpec[], request: GenerationRequest): { duration: boolean; resolution: boolean } {
	const formats = models.find((m) => m.value === request.model)?.modes[request.mode]?.formats;
	if (!formats) return { duration: true, resolution: true };
	return { duration: new Set(Object.values(formats).flat()).size > 1, resolution: Object.keys(formats).length > 1 };
}

// ---------------------------------------------------------------- uploads

/** Sends a file as a multipart form (the file first, then the host's other fields) and returns the answer. */
export async function uploadMultipart(
	http: ProviderHttp,
	image: MediaFile,
	target: { path: string; host?: string; fileField?: string; fields?: Record<string, string> },
): Promise<ApiResponse> {
	const form = new FormData();
	form.append(target.fileField ?? 'file', new Blob([Uint8Array.from(image.data)], { type: image.mimeType }), image.fileName);
	for (const [name, value] of Object.entries(target.fields ?? {})) form.append(name, value);
	return await http.call({ purpose: 'upload', method: 'POST', host: target.host, path: target.path, body: form });
}

// ---------------------------------------------------------------- failed tasks

/** What a provider's own code means, as its error page states it. */
export interface KnownFailure {
	message: string;
	kind: FailureKind;
}

/**
 * A failed task as its host reports it: the host's code (or, without one, `fallback.code`, e.g. the
 * status word) and the known meaning of that code joined with the host's own words.
 */
export function taskFailure(
	reported: { code?: string | number | null; detail?: string | null },
	known: Record<string, KnownFailure>,
	fallback: { code: string; message: string },
): ProviderFailure {
	const code = reported.code == null || reported.code === '' ? undefined : String(reported.code);
	const meaning = code ? known[code] : undefined;
	const message = [meaning?.message, reported.detail].filter(Boolean).join(': ') || fallback.message;
	return { code: code ?? fallback.code, message, kind: meaning?.kind ?? 'unknown' };
}

/**
 * A status answer as a snapshot: the host's status word mapped; a task that ended without a video with
 * its failure; a succeeded one with its video URL (a succeeded task without one is reported: no wait
 * would bring it).
 */
export function predictionSnapshot(
	http: ProviderHttp,
	response: ApiResponse,
	read: { status: string; words: Record<string, TaskState>; failure: () => ProviderFailure; videoUrl: () => string | null | undefined; noVideo: string },
): TaskSnapshot {
	const state = mapStatus(read.words, read.status);
	const snapshot = { state, providerStatus: read.status };
	if (state === 'failed' || state === 'cancelled') return { ...snapshot, failure: read.failure() };
	if (state !== 'succeeded') return snapshot;
	const videoUrl = read.videoUrl();
	if (!videoUrl) throw http.fail({ message: read.noVideo, code: 'NO_OUTPUT', kind: 'unknown' }, response);
	return { ...snapshot, videoUrl };
}

// ---------------------------------------------------------------- signed callbacks

/** The window the hosts' verification guides give a signed callback around its timestamp (5 minutes). */
const SIGNATURE_WINDOW_S = 300;

/** What is wrong with a callback's timestamp (seconds since the epoch), or undefined when it is inside the window. */
export function outsideSignatureWindow(timestamp: string, now: number): string | undefined {
	return Math.abs(now / 1000 - Number(timestamp)) <= SIGNATURE_WINDOW_S ? undefined : `timestamp ${timestamp} outside ${SIGNATURE_WINDOW_S} s`;
}

/**
 * Checks a callback signed the Standard Webhooks way (https://www.standardwebhooks.com/): headers
 * webhook-id, webhook-timestamp and webhook-signature (space-separated "<version>,<signature>"
 * entries), HMAC-SHA256 over "{id}.{timestamp}.{body}" with the account's signing key. The key belongs
 * to the account: read through the credential at `secret.path` (never stored). Resolves with what is
 * wrong, or undefined when the signature holds.
 */
export async function verifyStandardWebhook<Secret>(
	http: ProviderHttp,
	{ headers, rawBody }: IncomingCallback,
	now: number,
	scheme: {
		version: string;
		encoding: 'hex' | 'base64';
		secret: { path: string; schema: ZodType<Secret, ZodTypeDef, unknown>; key: (secret: Secret) => Buffer | string };
	},
): Promise<string | undefined> {
	const header = (name: string) => String(headers[`webhook-${name}`] ?? '');
	const [id, timestamp, signatures] = [header('id'), header('timestamp'), header('signature')];
	if (!id || !timestamp || !signatures) return 'not signed (no webhook-id, webhook-timestamp or webhook-signature)';
	const late = outsideSignatureWindow(timestamp, now);
	if (late) return late;
	const secret = http.parse(scheme.secret.schema, await http.call({ purpose: 'status', method: 'GET', path: scheme.secret.path }), 'webhook secret');
	const expected = createHmac('sha256', scheme.secret.key(secret)).update(`${id}.${timestamp}.${rawBody}`).digest();
	const matches = signatures.split(' ').some((entry) => {
		const [version, signature = ''] = entry.split(',');
		// Node decodes bad hex to fewer bytes rather than failing: only hex digits are read as hex.
		const given = scheme.encoding === 'hex' && !/^[0-9a-f]+$/i.test(signature) ? Buffer.alloc(0) : Buffer.from(signature, scheme.encoding);
		return version === scheme.version && given.length === expected.length && timingSafeEqual(given, expected);
	});
	return matches ? undefined : 'bad signature';
}
