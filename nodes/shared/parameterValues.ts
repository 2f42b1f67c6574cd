/**
 * Reading node parameters at run time: the values as the user meant them, and a setting that is not
 * a usable value refused before any network call, naming the field. The descriptions of these
 * parameters are in properties.ts (node descriptions only, so run-time code does not load them).
 */
import { NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions } from 'n8n-workflow';

import type { WaitSettings } from './waiting';

/**
 * A text parameter as the user meant it: an expression that resolved to nothing gives "", never the
 * text "undefined" (which a provider would happily bill for as a prompt).
 */
export function textParameter(ctx: IExecuteFunctions, name: string, itemIndex: number, fallback = ''): string {
	const value = ctx.getNodeParameter(name, itemIndex, fallback) as unknown;
	return value === undefined || value === null ? '' : String(value).trim();
}

/**
 * A multi-value parameter as entries, whatever an expression gave: a list as is, a text holding a JSON
 * list, or a text split at `separator` (an AI Agent's `$fromAI` and most expressions give text).
 */
export function listParameter(ctx: IExecuteFunctions, name: string, itemIndex: number, separator: RegExp): string[] {
	const value = ctx.getNodeParameter(name, itemIndex, []) as unknown;
	const entries = Array.isArray(value) ? value : jsonList(value) ?? String(value ?? '').split(separator);
	return entries.map((entry) => String(entry ?? '').trim()).filter(Boolean);
}

function jsonList(value: unknown): unknown[] | undefined {
	if (typeof value !== 'string' || !value.trim().startsWith('[')) return undefined;
	try {
		const parsed = JSON.parse(value) as unknown;
		return Array.isArray(parsed) ? parsed : undefined;
	} catch {
		return undefined;
	}
}

/** A number of seconds (above 0, or 0 and more) from a node parameter, in ms; anything else is refused before any call. */
function secondsParameter(ctx: IExecuteFunctions, name: string, label: string, fallback: number, { zeroAllowed = false } = {}): number {
	const raw = ctx.getNodeParameter(name, 0, fallback) as unknown;
	const seconds = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
	if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < 0 || (seconds === 0 && !zeroAllowed)) {
		const allowed = zeroAllowed ? '0 or more' : 'above 0';
		throw new NodeOperationError(ctx.getNode(), `${label} must be a number of seconds ${allowed}, got ${JSON.stringify(raw ?? null)}`, {
			description: 'If it is an expression, check that it gives a number for the first item.',
		});
	}
	return seconds * 1000;
}

/** Timeout (Seconds): every node's time budget (properties.ts, timeoutProperty). */
export function readTimeoutMs(ctx: IExecuteFunctions): number {
	return secondsParameter(ctx, 'timeout', 'Timeout', 900);
}

/**
 * n8n's Wait node saves an execution to its database (holding nothing, surviving a restart) only for
 * waits of 65 s or more; shorter ones keep it running in memory. The default leaves a margin for the
 * nodes between Wait for Result and the Wait node.
 */
export const DURABLE_WAIT_SECONDS = 70;

/** Minimum Wait (Seconds) of Check Once mode (properties.ts, minimumWaitProperty). */
export function readMinimumWaitMs(ctx: IExecuteFunctions): number {
	return secondsParameter(ctx, 'minimumWait', 'Minimum Wait', DURABLE_WAIT_SECONDS, { zeroAllowed: true });
}

/** Polling, download and Cancel on Timeout (properties.ts, waitProperties), and the Timeout. */
export function readWaitSettings(ctx: IExecuteFunctions): WaitSettings {
	const download = ctx.getNodeParameter('downloadVideo', 0, false) as boolean;
	const fixed = ctx.getNodeParameter('polling', 0, 'automatic') === 'fixed';
	return {
		polling: fixed ? { mode: 'fixed', intervalMs: secondsParameter(ctx, 'pollInterval', 'Check Every', 10) } : { mode: 'automatic' },
		cancelOnTimeout: ctx.getNodeParameter('cancelOnTimeout', 0, false) as boolean,
		timeoutMs: readTimeoutMs(ctx),
		binaryProperty: download ? textParameter(ctx, 'binaryPropertyName', 0, 'data') : undefined,
	};
}
