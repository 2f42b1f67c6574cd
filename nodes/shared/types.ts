/** Provider-neutral vocabulary shared by the catalog, the provider modules and the nodes. */
import type { GenerationOption, GenerationOptionValues } from './generationOptions';

/**
 * `lastFrame`: a video ending on the image (Hailuo 3). `references`: a video guided by reference
 * images, videos and audio clips (Hailuo 3). `subjectReference`: the person of a face image (Hailuo 01).
 */
export type GenerationMode = 'textToVideo' | 'imageToVideo' | 'firstLastFrame' | 'lastFrame' | 'references' | 'subjectReference';

/** 2K and 4K are Hailuo 3's; 4K (fal.ai) is the host's upscale of a 768P render. */
export type Resolution = '480P' | '512P' | '720P' | '768P' | '1080P' | '2K' | '4K';

/** Whole seconds: 6 or 10 for Hailuo 2.x and 01, 4–15 (Hailuo 3) or 5–15 (Hailuo 3 Max). */
export type Duration = number;

/** Hailuo 3's frame shapes: `adaptive` follows the input images (text to video needs a concrete one). */
export const ASPECT_RATIOS = ['adaptive', '21:9', '16:9', '4:3', '1:1', '3:4', '9:16'] as const;
export type AspectRatio = (typeof ASPECT_RATIOS)[number];

/** What a reference file is. */
export type MediaKind = 'image' | 'video' | 'audio';

/** Hailuo 3's reference media, each as a URL the host accepts (public, data URL or the host's upload). */
export type ReferenceMedia = Record<MediaKind, string[]>;

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
	/** Where the model takes a frame shape (Hailuo 3): what the user chose, `adaptive` for the frame modes. */
	aspectRatio?: AspectRatio;
	/** References mode only: the media in the order the user gave them (prompts cite them as "Image 1", "Video 1"). */
	references?: ReferenceMedia;
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

/** A file ready to send to a host's upload: an image, or a reference video or audio clip. */
export interface MediaFile {
	kind: MediaKind;
	data: Buffer;
	mimeType: string;
	fileName: string;
	/** Videos and audio clips: their length, read from the file. */
	seconds?: number;
}

/** An image ready to send: the bytes and what the header reader found in them. */
export interface ImageFile extends MediaFile {
	kind: 'image';
	width: number;
	height: number;
}
