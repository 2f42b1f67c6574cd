/**
 * The reference Hailuo Generate adds to the callback URL of a Hailuo Trigger: which model and mode
 * the task was created with, when, the input fields the user chose to carry along, and a random
 * nonce, signed with a key derived from the provider credential's API key (never the key itself), so
 * that the Trigger, holding the same credential, can tell its own workflow's callbacks from injected ones.
 *
 * The reference is minted before the create, so it cannot name its task; and a callback's body names
 * a task the URL does not (MiniMax signs nothing; Atlas Cloud, fal.ai and Replicate sign the body, not
 * the URL). So right after the create Generate posts a registration to the same URL: the task id, signed
 * with the same key over the nonce. The Trigger keeps nonce → task and emits a callback only when the
 * body names the task its URL's nonce is bound to; a task named at another task's URL starts nothing and
 * is not marked delivered. A callback arriving before its registration is answered 503 (providers retry).
 * Why a registration and not, say, a check with the provider: no host's status API tells which URL a
 * task's callback goes to. The Trigger stores the bindings in its static data (see trigger.ts).
 */
import { createHmac, randomBytes, timingSafeEqual } from 'crypto';
import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { retryAfterMs, withRetries } from './retry';

import type { TaskUrls } from './providers/provider';
import type { Duration, GenerationMode, Resolution } from './types';

export interface CallbackReference {
	provider: string;
	model: string;
	mode: GenerationMode;
	duration: Duration;
	resolution: Resolution;
	submittedAt: string;
	/** The carried input fields, by name. */
	fields: IDataObject;
	/** Whether the video has sound (Hailuo 3 unless silent); absent on references of earlier versions (no sound then). */
	hasSound?: boolean;
	/**
	 * Random, one per item: the Trigger binds it to the task Generate registers. References minted by
	 * earlier versions have none and are refused (they could be paired with any task).
	 */
	nonce?: string;
}

/** The query parameter the reference travels in. */
export const REFERENCE_PARAMETER = 'hailuo_ref';
/** Providers store callback URLs of a few kilobytes at most; the reference stays well inside that. */
export const REFERENCE_MAX_LENGTH = 1500;
/** Bound to this package and version, so the derived key signs nothing else. */
const DERIVATION_CONTEXT = 'n8n-nodes-hailuo/callback-reference/v1';

/** The signing key of a credential: an HMAC of the API key, never the key itself. */
export function referenceKey(apiKey: string): Buffer {
	return createHmac('sha256', apiKey).update(DERIVATION_CONTEXT).digest();
}

const signatureOf = (payload: string, key: Buffer) => createHmac('sha256', key).update(payload).digest('base64url');

/** `payload.signature`, both base64url. */
export function signReference(reference: CallbackReference, key: Buffer): string {
	const payload = Buffer.from(JSON.stringify(reference)).toString('base64url');
	return `${payload}.${signatureOf(payload, key)}`;
}

/** The reference if `token` was signed with `key`; undefined for anything forged, altered or malformed. */
export function readReference(token: string, key: Buffer): CallbackReference | undefined {
	const [payload, signature, ...rest] = token.split('.');
	if (!payload || !signature || rest.length > 0) return undefined;
	const expected = Buffer.from(signatureOf(payload, key));
	const given = Buffer.from(signature);
	if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
	try {
		return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as CallbackReference;
	} catch {
		return undefined;
	}
}

/** The URL with the reference added to its query. */
export function withReference(url: string, token: string): string {
	const parsed = new URL(url);
	parsed.searchParams.set(REFERENCE_PARAMETER, token);
	return parsed.toString();
}

/** A random nonce for a new reference (128 bits, base64url). */
export const newNonce = (): string => randomBytes(16).toString('base64url');

/** The body field a registration travels in (callbacks of every provider lack it). */
export const REGISTRATION_FIELD = 'hailuoRegistration';

export interface Registration {
	taskId: string;
	/** The task's URLs where the provider returned them at create (fal.ai): the Trigger confirms the task there. */
	taskUrls?: TaskUrls;
	signature: string;
}

/** The signature of a registration: the nonce, the task id and its URLs (where given), with the reference's key. */
export const signRegistration = (nonce: string, taskId: string, key: Buffer, taskUrls?: TaskUrls): string =>
	signatureOf(`registration:${nonce}:${taskId}${taskUrls ? `:${JSON.stringify(taskUrls)}` : ''}`, key);

/** The registration in a request body, if it is one. */
export function registrationIn(body: IDataObject): Registration | undefined {
	const registration = body?.[REGISTRATION_FIELD] as IDataObject | undefined;
	if (typeof registration?.taskId !== 'string' || typeof registration.signature !== 'string') return undefined;
	const urls = registration.taskUrls as IDataObject | undefined;
	const taskUrls = urls && typeof urls === 'object' ? (Object.fromEntries(Object.entries(urls).filter(([, url]) => typeof url === 'string')) as TaskUrls) : undefined;
	return { taskId: registration.taskId, ...(taskUrls ? { taskUrls } : {}), signature: registration.signature };
}

/** Whether `registration` binds the reference's nonce to its task, signed with `key`. */
export function registrationIsSigned(registration: Registration, nonce: string, key: Buffer): boolean {
	const expected = Buffer.from(signRegistration(nonce, registration.taskId, key, registration.taskUrls));
	const given = Buffer.from(registration.signature);
	return given.length === expected.length && timingSafeEqual(given, expected);
}

/** How long one registration post may take. */
const REGISTRATION_TIMEOUT_MS = 15_000;

/**
 * Tells the Hailuo Trigger at `callbackUrl` (which carries the reference with `nonce`) which task the
 * reference belongs to. A free call, retried on network errors, 429 and 5xx; throws an error naming the
 * task and how to collect it when the Trigger cannot be told (its callback would then be refused).
 */
export async function registerWithTrigger(
	ctx: IExecuteFunctions,
	callbackUrl: string,
	nonce: string,
	{ taskId, taskUrls }: { taskId: string; taskUrls?: TaskUrls },
	key: Buffer,
): Promise<void> {
	const where = new URL(callbackUrl);
	const shownUrl = `${where.origin}${where.pathname}`;
	const fail = (reason: string) =>
		new NodeOperationError(ctx.getNode(), `Task ${taskId} was created, but the Hailuo Trigger could not be told about it: ${reason}`, {
			description:
				`The Trigger refuses callbacks of tasks it was not told about, so it will not deliver this video. ` +
				`Collect it with Hailuo Wait for Result (Task ID ${taskId}). Check that the workflow of the Trigger at ${shownUrl} is active (published) ` +
				'and uses the same provider and credential.',
		});
	await withRetries(ctx, async () => {
		let response: { statusCode: number; headers: IDataObject; body: unknown };
		try {
			response = await ctx.helpers.httpRequest({
				method: 'POST',
				url: callbackUrl,
				body: { [REGISTRATION_FIELD]: { taskId, ...(taskUrls ? { taskUrls } : {}), signature: signRegistration(nonce, taskId, key, taskUrls) } },
				json: true,
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
				timeout: REGISTRATION_TIMEOUT_MS,
			});
		} catch (error) {
			return { retry: 'Hailuo Trigger unreachable', lastError: () => fail(`network error (${(error as Error).message})`) };
		}
		if (response.statusCode < 300) return { value: undefined };
		const said = (response.body as IDataObject | undefined)?.error;
		const failure = () => fail(`HTTP ${response.statusCode}${said ? ` (${String(said)})` : ''}`);
		if (response.statusCode === 429 || response.statusCode >= 500) {
			return { retry: `Hailuo Trigger answered HTTP ${response.statusCode}`, delayMs: retryAfterMs(response.headers), lastError: failure };
		}
		throw failure();
	});
}
