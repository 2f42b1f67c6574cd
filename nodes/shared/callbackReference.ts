/**
 * The reference Hailuo Generate adds to the callback URL of a Hailuo Trigger: which model and mode
 * the task was created with, when, and the input fields the user chose to carry along, signed with a
 * key derived from the provider credential's API key (never the key itself), so that the Trigger,
 * holding the same credential, can tell its own workflow's callbacks from injected ones.
 */
import { createHmac, timingSafeEqual } from 'crypto';
import type { IDataObject } from 'n8n-workflow';

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
