/**
 * The one interface the nodes use to talk to a video provider. Each provider module implements it
 * and keeps every fact about its provider (hosts, paths, field names, status words, error codes)
 * to itself; the shared transport does authentication, retries and error reporting for all.
 */
import { z } from 'zod';
import type { ZodType, ZodTypeDef } from 'zod';
import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestMethods } from 'n8n-workflow';

import type { CameraSyntax } from '../camera';
import type { ImageFormat } from '../image';
import type {
	GenerationRequest,
	ImageFile,
	ProviderId,
	TaskHandle,
	TaskSnapshot,
	TaskState,
} from '../types';

export interface ApiRequest {
	method: IHttpRequestMethods;
	/** Path under the credential's base URL... */
	path?: string;
	/** ...or an absolute URL the provider handed back earlier. */
	url?: string;
	qs?: IDataObject;
	body?: IDataObject | FormData;
	/** HTTP statuses the caller reads itself instead of failing (e.g. a task not visible yet). */
	accept?: number[];
}

export interface ApiResponse {
	statusCode: number;
	headers: IDataObject;
	/** Parsed JSON; undefined when the body was empty or not JSON (see `text`). */
	body: unknown;
	text: string;
}

/** A provider's answer that means the call did not do what was asked. */
export interface ProviderFailure {
	message: string;
	/** The provider's own error code or word, shown to the user and used in the README's troubleshooting. */
	code?: string;
	/**
	 * True when the provider certainly refused the request for rate (e.g. MiniMax 1002), so even a
	 * paid create call may be sent again. HTTP 429 counts as this without the provider saying so.
	 */
	rateLimited?: boolean;
}

/** What a provider module calls to reach its API: authenticated, retried, errors reported. */
export interface ProviderApi {
	/**
	 * `create` calls cost money and are retried only when the provider certainly refused them;
	 * `read` calls (status, result, upload of an input) are retried on any transient failure.
	 */
	call(request: ApiRequest, kind: 'create' | 'read'): Promise<ApiResponse>;
	/** Validates a response body against a schema, reporting an unknown shape as the provider's error. */
	parse<T>(schema: ZodType<T, ZodTypeDef, unknown>, response: ApiResponse, what: string): T;
	/** Reports a failure the provider module found in an otherwise successful answer. */
	error(failure: ProviderFailure, response?: ApiResponse): Error;
}

export interface CreatedTask {
	taskId: string;
}

export interface HailuoProvider {
	id: ProviderId;
	displayName: string;
	credentialType: string;
	/** The host to call, from the credential (region, or a Base URL override). */
	baseUrl(credentials: ICredentialDataDecryptedObject): string;
	cameraSyntax: CameraSyntax;
	/** Image formats the provider takes as a first or last frame. */
	imageFormats: ImageFormat[];
	/** Whether the provider takes a callback URL on create. */
	acceptsCallbackUrl: boolean;
	/** Reads the provider's error convention from any response; undefined when it succeeded. */
	failureOf(response: ApiResponse): ProviderFailure | undefined;
	createTask(api: ProviderApi, request: GenerationRequest): Promise<CreatedTask>;
	getTask(api: ProviderApi, task: Pick<TaskHandle, 'taskId' | 'model' | 'submittedAt'>): Promise<TaskSnapshot>;
	/** Turns an image into a URL the provider accepts; absent where the provider takes data URLs only. */
	uploadImage?(api: ProviderApi, image: ImageFile): Promise<string>;
}

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
