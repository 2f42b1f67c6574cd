/**
 * What a provider module declares, and the helpers provider modules share. A provider module is the
 * single owner of every fact about one host: identity, credential, hosts, models, quirks, limits and
 * wire behaviour. The registry (`index.ts`) lists the modules; everything else is derived from it.
 */
import { z } from 'zod';
import type { ZodType, ZodTypeDef } from 'zod';
import type { IDataObject, IHttpRequestMethods } from 'n8n-workflow';

import type { CameraSyntax } from '../camera';
import type { GenerationOption } from '../generationOptions';
import type { ImageFormat } from '../image';
import type {
	AspectRatio,
	Duration,
	FailureKind,
	GenerationMode,
	GenerationRequest,
	MediaFile,
	ModelFeature,
	ProviderFailure,
	Resolution,
	TaskSnapshot,
	TaskState,
} from '../types';

// What a failure means is part of the provider-neutral vocabulary (types.ts); provider modules read it here.
export type { FailureKind, ProviderFailure };

// ---------------------------------------------------------------- models (the catalog rows)

/** Which durations each resolution allows. */
export type Formats = Partial<Record<Resolution, Duration[]>>;

export interface ModeSpec {
	formats: Formats;
	features: ModelFeature[];
	/** References mode (Hailuo 3): how many files of each kind the host takes. */
	references?: ReferenceLimits;
}

/**
 * Hailuo 3's reference limits (MiniMax: https://platform.minimax.io/docs/api-reference/video-generation-v2-create):
 * at most `images`/`videos`/`audios` files of each kind and `total` in all; clips `clipSeconds` long
 * each and `totalSeconds` together per kind; audio never alone (it needs an image or a video).
 */
export interface ReferenceLimits {
	images: number;
	videos: number;
	audios: number;
	total: number;
	clipSeconds: { min: number; max: number };
	totalSeconds: number;
}

/** A model's own pacing, where it differs from the provider's (MiniMax's Hailuo 3 has its own limits). */
export interface ModelLimits {
	/** Models sharing a group share the account's pace; the provider's other models form the default group. */
	group: string;
	createsPerMinute?: number;
	/** Tasks an account may have unfinished at once; a create beyond it waits for one to end. */
	tasksInFlight?: number;
}

/** Typical seconds from create to a finished video, by resolution and duration. */
export type RenderSeconds = Partial<Record<Resolution, Partial<Record<Duration, number>>>>;

export interface ModelSpec {
	/** The id sent to the provider. */
	value: string;
	name: string;
	modes: Partial<Record<GenerationMode, ModeSpec>>;
	/** Where automatic polling makes its first check; corrected by the tasks each execution sees finish. */
	renderSeconds: RenderSeconds;
	/** The host's published price, where known. */
	price?: Price;
	/** The frame shapes the model takes (Hailuo 3); absent where the model has no aspect ratio field. */
	aspectRatios?: AspectRatio[];
	/** The longest prompt the model takes, where it is not the Hailuo 2.x limit (catalog.ts PROMPT_MAX_LENGTH). */
	promptMaxLength?: number;
	/** Whether every mode needs a prompt (Hailuo 3: MiniMax refuses a request without text). */
	promptRequired?: boolean;
	/** Whether the video has a sound track (Hailuo 3: native stereo sound, unless Silent Video is set). */
	sound?: boolean;
	/** Resolutions the host makes by upscaling a lower render (fal.ai's 4K), said in the Model list. */
	upscaled?: Resolution[];
	limits?: ModelLimits;
}

/** What a host charges for one model: per video by resolution and duration, or per second by resolution. */
export type PriceRates = (
	| { perVideo: Partial<Record<Resolution, Partial<Record<Duration, number>>>> }
	| { perSecond: Partial<Record<Resolution, number>> }
) & { extras?: PriceExtras };

/**
 * Hailuo 3's charges beyond the output seconds: input images (first, last and reference) after the
 * first `freeImages`, and reference video seconds (at the output's per-second rate where `outputRate`).
 */
export interface PriceExtras {
	freeImages?: number;
	perImage?: number;
	/** One rate, the output's rate, or a rate by output resolution (MiniMax's H3-Max). */
	referenceVideoPerSecond?: number | 'outputRate' | Partial<Record<Resolution, number>>;
	/** What rendering a finished video again at 2K costs a second, instead of the output rate (MiniMax's H3). */
	regenerationPerSecond?: number;
}

/** A host's published price of a model, with the page it was read from and when. */
export type Price = PriceRates & {
	currency: 'USD';
	source: string;
	asOf: string;
};

/**
 * A provider module's price lookup, built from its table of published figures (model id → rates),
 * the page each model's figures were read on and the date they were read. Models left out of the
 * table have no known price, so their estimates stay unknown rather than guessed.
 */
export function publishedPrices(
	table: Record<string, PriceRates>,
	read: { asOf: string; source: (model: string) => string },
): (model: string) => Price | undefined {
	return (model) => {
		const rates = table[model];
		return rates && { ...rates, currency: 'USD', source: read.source(model), asOf: read.asOf };
	};
}

/**
 * Typical render times of the Hailuo families, shared by the hosts that run them: 1–2 minutes for a
 * 6 s clip at 768P (API in One's model page: "typical generation 60–120 s"; MiniMax's examples poll
 * for about that long), longer for 10 s and 1080P, about 40 % less for the Fast models.
 */
export const TYPICAL_RENDER_SECONDS = {
	hailuo: { '512P': { 6: 60, 10: 100 }, '768P': { 6: 90, 10: 150 }, '1080P': { 6: 150, 10: 240 } },
	hailuoFast: { '512P': { 6: 40, 10: 60 }, '768P': { 6: 55, 10: 90 }, '1080P': { 6: 90, 10: 150 } },
	series01: { '720P': { 6: 120 } },
} satisfies Record<string, RenderSeconds>;

// ---------------------------------------------------------------- Hailuo 3 (MiniMax H3, H3-Max)

/** Whole seconds from `min` to `max`: Hailuo 3's durations. */
export function secondsRange(min: number, max: number): Duration[] {
	return Array.from({ length: max - min + 1 }, (_, i) => min + i);
}

/**
 * The facts every host of Hailuo 3 repeats from MiniMax's Video Generation V2
 * (https://platform.minimax.io/docs/api-reference/video-generation-v2-create): 4–15 s (H3-Max 5–15 s),
 * six aspect ratios plus `adaptive`, at most 9 reference images, 3 video and 3 audio clips (12 in all),
 * each clip 2–15 s and each kind 15 s in all, prompts up to 7000 characters.
 */
export const HAILUO_3 = {
	durations: secondsRange(4, 15),
	maxDurations: secondsRange(5, 15),
	aspectRatios: ['adaptive', '21:9', '16:9', '4:3', '1:1', '3:4', '9:16'] as AspectRatio[],
	references: { images: 9, videos: 3, audios: 3, total: 12, clipSeconds: { min: 2, max: 15 }, totalSeconds: 15 } as ReferenceLimits,
	promptMaxLength: 7000,
};

/**
 * Hailuo 3 as MiniMax renders it (on its own API and where a host passes the request on to it):
 * seconds to render at each resolution, a base plus so much per second of video (see hailuo3RenderSeconds).
 */
export const HAILUO_3_RENDER = {
	'480P': { base: 90, perSecond: 6 },
	'768P': { base: 110, perSecond: 8 },
	'2K': { base: 125, perSecond: 12 },
};

/**
 * Hailuo 3 Max is tuned for speed: "a 5-second 768P video renders in under 3 seconds, a 15-second clip in
 * roughly 15" (https://www.atlascloud.ai/models/minimax/h3-max/text-to-video), "~3 s per 5 s clip"
 * (https://inference.sh/apps/falai/minimax-h3-max); queueing and prompt expansion ("quality" adds up to
 * about 30 s) come on top.
 */
export const HAILUO_3_MAX_RENDER = { '480P': { base: 12, perSecond: 1 }, '768P': { base: 15, perSecond: 1 } };

/**
 * Typical render times of Hailuo 3 (a first automatic check at 70 % of them): through resellers a 5 s
 * clip took 140–160 s at 768P and 160–190 s at 2K (observations of 2026-09, quoted in MiniMax H3
 * client notes); longer clips are assumed to grow by about 8 s (768P) and 12 s (2K) per second of video.
 */
export function hailuo3RenderSeconds(resolutions: Partial<Record<Resolution, { base: number; perSecond: number }>>, durations: Duration[]): RenderSeconds {
	return Object.fromEntries(
		Object.entries(resolutions).map(([resolution, { base, perSecond }]) => [
			resolution,
			Object.fromEntries(durations.map((d) => [d, Math.round(base + perSecond * d)])),
		]),
	) as RenderSeconds;
}

// ---------------------------------------------------------------- calls

/** Why a call is made: creates cost money, the rest are free to repeat. */
export type CallPurpose = 'create' | 'status' | 'result' | 'upload' | 'cancel';

export interface ApiRequest {
	purpose: CallPurpose;
	method: IHttpRequestMethods;
	/** Path under the credential's base URL (or under one of the provider's other `hosts`)... */
	path?: string;
	/** ...or an absolute URL the provider handed back earlier. */
	url?: string;
	/** One of the provider's other `hosts` the path is on. */
	host?: string;
	qs?: IDataObject;
	/** JSON, a multipart form, or raw bytes (sent with `contentType`). */
	body?: IDataObject | FormData | Buffer;
	contentType?: string;
	/** False for a URL that carries its own authorisation (a signed upload URL): the key is not sent there. */
	authenticated?: boolean;
	/**
	 * HTTP statuses the caller reads itself instead of failing (e.g. a task not visible yet), a 5xx too
	 * unless the provider's `failureOf` calls that answer transient (then it is read again).
	 */
	accept?: number[];
}

/** Where a request goes: a path under one of the provider's hosts, or a URL the provider handed back. */
export type ApiRequestTarget = Pick<ApiRequest, 'path' | 'url'>;

export interface ApiResponse {
	statusCode: number;
	headers: IDataObject;
	/** Parsed JSON; undefined when the body was empty or not JSON (see `text`). */
	body: unknown;
	text: string;
}

/** What a provider module calls to reach its API: authenticated, retried, errors reported. */
export interface ProviderHttp {
	/** A `create` is retried only when the provider certainly refused it; other calls on any transient failure. */
	call(request: ApiRequest): Promise<ApiResponse>;
	/** Validates a response body against a schema, reporting an unknown shape as the provider's error. */
	parse<T>(schema: ZodType<T, ZodTypeDef, unknown>, response: ApiResponse, what: string): T;
	/** Reports a failure the provider module found in an otherwise successful answer. */
	fail(failure: ProviderFailure, response?: ApiResponse): Error;
	/** A field of the credential other than the key (e.g. a signing key copied from the host's console); '' when empty. */
	credentialField(name: string): string;
	/** Whether the credential's key is of a kind named by its prefix (MiniMax's Token Plan keys), without handing out the key. */
	apiKeyStartsWith(prefix: string): boolean;
}

/**
 * URLs a provider returned at create for reading, fetching the result of or cancelling the task (where
 * its docs say to use them rather than build them); they travel with the task like its id.
 */
export type TaskUrls = Partial<Record<'status' | 'result' | 'cancel', string>>;

/** What a provider's create answers: the task id, and the task's URLs where the provider gives them. */
export interface CreatedTask {
	taskId: string;
	taskUrls?: TaskUrls;
}

/** What a status check needs to find a task again. */
export interface TaskRef {
	taskId: string;
	model: string;
	submittedAt: string;
	/** Absent on items from before they were kept, and on task ids typed by hand. */
	taskUrls?: TaskUrls;
}

// ---------------------------------------------------------------- callbacks

/** A POST a provider sent to the URL given at create. */
export interface IncomingCallback {
	headers: IDataObject;
	/** The body exactly as received (signatures cover these bytes). */
	rawBody: string;
	body: unknown;
}

/** What a callback says. It is a hint: the task's state is confirmed with a status check before anything is emitted. */
export type CallbackNotice =
	/** A handshake (MiniMax): answer with the challenge, start nothing. */
	| { challenge: string }
	/** `ended`: the callback reports a final state; intermediate ones are acknowledged and ignored. */
	| { taskId: string; ended: boolean };

// ---------------------------------------------------------------- the provider

/** Quirks, named so that shared code asks for a capability, never for a provider. */
export interface ProviderCapabilities {
	/** How camera commands are written into the prompt. */
	cameraSyntax: CameraSyntax;
	/** Image formats taken as a first or last frame. */
	imageFormats: ImageFormat[];
	/** Whether a create may carry a callback URL. */
	callbacks: boolean;
	/** Whether every mode needs a prompt (text to video always does). */
	promptAlwaysRequired: boolean;
	/**
	 * Whether a status check needs the model id as well as the task id: always, or for Hailuo 3 tasks
	 * only (read at another API than the Hailuo 2.x ones).
	 */
	taskLookupNeedsModel: boolean | 'hailuo3';
	/** Where a Hailuo 3 reference video or audio clip (or image) from binary data goes: the host's upload, or a data URL. */
	referenceFiles?: 'upload' | 'dataUrl';
}

/** Documented limits (undefined where the provider publishes none). */
export interface ProviderLimits {
	/** Create requests per minute an account may send. */
	createsPerMinute?: number;
	/** How long a task just created may be unknown to the status endpoint. */
	newTaskGraceMs?: number;
	/** How long a finished video's URL stays valid. */
	videoUrlLifetimeMs?: number;
}

/** The Generate options a provider may explain in the node's help texts. */
export type OptionName = ModelFeature | 'callbackUrl' | 'cancelOnTimeout';

export interface Provider {
	id: string;
	displayName: string;
	/** The n8n credential type holding the key (and a Base URL override). */
	credentialType: string;
	/** The real host, used when the credential's Base URL is empty. */
	baseUrl: string;
	/** Hosts by the credential's `region` value, where keys are bound to a region. */
	regionBaseUrls?: Record<string, string>;
	/**
	 * Other hosts of the provider by name (e.g. its storage API). With a Base URL override in the
	 * credential (a proxy or test server), each is served under it at `/<name>`.
	 */
	hosts?: Record<string, string>;
	/** The catalog rows: every Hailuo model the provider offers, in the order the Model list shows them. */
	models: ModelSpec[];
	capabilities: ProviderCapabilities;
	/** What users should know about an option on this provider, shown in the option's help text. */
	optionNotes?: Partial<Record<OptionName, string>>;
	limits: ProviderLimits;
	/** Reads the provider's error convention from any response (of a call made for `purpose`); undefined when it succeeded. */
	failureOf(response: ApiResponse, purpose: CallPurpose): ProviderFailure | undefined;
	createTask(http: ProviderHttp, request: GenerationRequest): Promise<CreatedTask>;
	getTask(http: ProviderHttp, task: TaskRef): Promise<TaskSnapshot>;
	/**
	 * Turns a file (an image, or a Hailuo 3 reference video or audio clip) into a URL the provider
	 * accepts; absent where the provider takes data URLs only.
	 */
	uploadFile?(http: ProviderHttp, file: MediaFile): Promise<string>;
	/** Reads a callback of this provider; undefined when the body is not one. Present where `capabilities.callbacks`. */
	readCallback?(callback: IncomingCallback): CallbackNotice | undefined;
	/**
	 * Checks a signed callback's signature and timestamp (where the provider signs); resolves with what
	 * is wrong, or undefined when it holds. Unsigned providers' callbacks are proven by the status check alone.
	 */
	verifyCallback?(http: ProviderHttp, callback: IncomingCallback, now: number): Promise<string | undefined>;
	/**
	 * Asks the provider to stop a task (and its billing); absent where the provider cannot cancel.
	 * Resolves false where the provider would not stop this task (e.g. already rendering).
	 */
	cancelTask?(http: ProviderHttp, task: TaskRef): Promise<boolean | void>;
	/** Where only some models' tasks can be cancelled (MiniMax: Hailuo 3 only): whether this model's can. */
	canCancel?(model: string): boolean;
}

/** Keeps a module's literal `id`, so the registry can derive the provider id type from its list. */
export function defineProvider<const Id extends string>(provider: Provider & { id: Id }): Provider & { id: Id } {
	return provider;
}

// ---------------------------------------------------------------- helpers for provider modules

/**
 * Maps a provider's status word onto the common set, case-insensitively (providers disagree with
 * their own docs on case and spelling). An unknown word means "still running": keep polling.
 */
export function mapStatus(words: Record<string, TaskState>, word: string): TaskState {
	return words[word.trim().toLowerCase()] ?? 'running';
}

/** Accepts a body either bare or wrapped as `{ ..., data: <body> }` (providers' docs show both). */
export function withOptionalEnvelope<T extends z.ZodTypeAny>(inner: T): ZodType<z.output<T>, ZodTypeDef, unknown> {
	return z.union([z.object({ data: inner }).transform((body) => body.data as z.output<T>), inner]);
}

/** A task or file id: documented as strings, sometimes sent as numbers; never rounded through a JS number. */
export const idSchema = z.union([z.string().min(1), z.number()]).transform(String);

/** The request fields a provider names its own way; fields it does not name are not sent. */
export type FieldNames = Partial<Record<
	'prompt' | 'firstFrameImage' | 'lastFrameImage' | 'duration' | 'resolution' | 'aspectRatio' | GenerationOption | 'callbackUrl',
	string
>>;

/** MiniMax's own names for the generation fields; hosts that mirror its API (SeaArt) reuse them. */
export const HAILUO_FIELD_NAMES = {
	prompt: 'prompt',
	firstFrameImage: 'first_frame_image',
	lastFrameImage: 'last_frame_image',
	duration: 'duration',
	resolution: 'resolution',
	promptOptimizer: 'prompt_optimizer',
	fastPretreatment: 'fast_pretreatment',
	watermark: 'aigc_watermark',
} satisfies FieldNames;

/** The body fields of a request under the provider's names, leaving out what the request does not set. */
export function namedFields(request: GenerationRequest, names: FieldNames): Record<string, string | number | boolean> {
	const fields: Record<string, string | number | boolean> = {};
	for (const [field, wireName] of Object.entries(names) as Array<[keyof FieldNames, string]>) {
		const value = request[field];
		if (value !== undefined && value !== '') fields[wireName] = value;
	}
	return fields;
}

/**
 * The HTTP-status convention several hosts share: an error status (repeated as `code` in the body,
 * sometimes only there) with a message; `messages` gives each status the provider documents its meaning.
 */
export function httpStatusFailure(
	response: ApiResponse,
	messages: Record<number, { message: string; kind: FailureKind }>,
	body: { code?: number; detail?: string },
): ProviderFailure | undefined {
	const status = response.statusCode >= 400 ? response.statusCode : (body.code ?? 0) >= 400 ? body.code! : 0;
	if (!status) return undefined;
	const known = messages[status] ?? { message: `HTTP ${status}`, kind: kindOfHttpStatus(status) };
	const detail = body.detail && body.detail !== known.message ? ` (${body.detail})` : '';
	return { message: `${known.message}${detail}`, code: String(status), kind: known.kind };
}

/** What an HTTP status means where the provider says nothing more. */
export function kindOfHttpStatus(status: number): FailureKind {
	if (status === 401 || status === 403) return 'auth';
	if (status === 402) return 'balance';
	if (status === 404) return 'notFound';
	if (status === 429) return 'rateLimit';
	if (status >= 500) return 'transient';
	if (status >= 400) return 'invalidRequest';
	return 'unknown';
}
