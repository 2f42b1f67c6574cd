/** Provider-neutral vocabulary shared by the catalog, the provider modules and the nodes. */
import type { GenerationOption, GenerationOptionValues } from './generationOptions';

export type GenerationMode = 'textToVideo' | 'imageToVideo' | 'firstLastFrame' | 'subjectReference';

export type Resolution = '512P' | '720P' | '768P' | '1080P';

export type Duration = 6 | 10;

/** Request options a model may or may not take: the Generate options (generationOptions.ts) and camera movements. */
export type ModelFeature = GenerationOption | 'cameraMovements';

/** The common status set every provider's status words are mapped onto. */
export type TaskState = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';

/** A validated, provider-neutral generation request: what a provider module turns into its wire format. */
export interface GenerationRequest extends GenerationOptionValues {
	model: string;
	mode: GenerationMode;
	/** Final prompt, camera commands already written in. */
	prompt: string;
	/** Public URL or data URL. */
	firstFrameImage?: string;
	lastFrameImage?: string;
	/** A face image whose person the video shows (subject reference). */
	subjectImage?: string;
	duration: Duration;
	resolution: Resolution;
	callbackUrl?: string;
}

/** What a failure means for the user; the shared transport turns it into what to do next. */
export type FailureKind =
	| 'auth'
	| 'balance'
	/** The provider certainly refused for rate, so even a paid create may be sent again. */
	| 'rateLimit'
	| 'invalidRequest'
	| 'moderation'
	| 'notFound'
	| 'transient'
	| 'unknown';

/** A provider's answer that means the call, or the task, did not do what was asked. */
export interface ProviderFailure {
	message: string;
	/** The provider's own error code or word, shown to the user and used in the README's troubleshooting. */
	code?: string;
	kind: FailureKind;
}

/** One status check's answer, in provider-neutral terms. */
export interface TaskSnapshot {
	state: TaskState;
	/** The provider's own status word, shown in the output. */
	providerStatus: string;
	videoUrl?: string;
	width?: number;
	height?: number;
	/** Why the task failed or was cancelled, in the provider's words mapped to a clear message. */
	failure?: ProviderFailure;
}

/** An image ready to send: the bytes and what the header reader found in them. */
export interface ImageFile {
	data: Buffer;
	mimeType: string;
	fileName: string;
	width: number;
	height: number;
}
