/** Cancel-aware waiting and the retry loop shared by provider calls and video downloads. */
import { NodeOperationError, sleep } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, IWebhookFunctions } from 'n8n-workflow';

export const RETRY = {
	/** Tries after the first one. */
	maxRetries: 5,
	firstDelayMs: 500,
	maxDelayMs: 30_000,
	/** A provider asking for a longer pause than this is not waited for within one item. */
	maxRetryAfterMs: 120_000,
};

/** Sleep slices short enough that a cancelled execution stops within about a second. */
const CANCEL_CHECK_MS = 1000;

/** Where provider calls run: a node's execution, or a trigger's webhook (which cannot be cancelled). */
export type CallContext = IExecuteFunctions | IWebhookFunctions;

export function isCancelled(ctx: CallContext): boolean {
	return 'getExecutionCancelSignal' in ctx && ctx.getExecutionCancelSignal()?.aborted === true;
}

export function throwIfCancelled(ctx: CallContext): void {
	if (isCancelled(ctx)) {
		throw new NodeOperationError(ctx.getNode(), 'The execution was cancelled');
	}
}

/** Waits `ms`, waking early (and throwing) when the execution is cancelled. */
export async function pause(ctx: CallContext, ms: number): Promise<void> {
	const until = Date.now() + ms;
	for (let left = ms; left > 0; left = until - Date.now()) {
		throwIfCancelled(ctx);
		await sleep(Math.min(left, CANCEL_CHECK_MS));
	}
	throwIfCancelled(ctx);
}

/** Retry-After in milliseconds: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(headers: IDataObject | undefined): number | undefined {
	const raw = headers?.['retry-after'];
	if (raw === undefined || raw === null || raw === '') return undefined;
	const seconds = Number(raw);
	if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
	const date = Date.parse(String(raw));
	return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/** Exponential backoff with jitter, unless the server said how long to wait. */
export function retryDelayMs(retry: number, serverDelayMs?: number): number {
	if (serverDelayMs !== undefined) return Math.min(serverDelayMs, RETRY.maxRetryAfterMs);
	const base = Math.min(RETRY.firstDelayMs * 2 ** retry, RETRY.maxDelayMs);
	return base / 2 + Math.random() * (base / 2);
}

/**
 * One attempt's verdict: a value, or a reason to try again (after the server's delay, if it gave
 * one); `rateLimited` when the server refused for rate, which paced calls wait out instead of counting.
 */
export type Attempt<T> =
	| { value: T }
	| { retry: string; delayMs?: number; rateLimited?: boolean; lastError: () => Error };

/**
 * What a paced call needs from its pacer (pacing.ts's RequestPacer). Declared here, implemented there,
 * so that retry.ts does not depend on pacing.ts, which waits with this module's `pause`.
 */
export interface Pacer {
	/** Waits until a request may go out; false when that would be after `deadline`. */
	turn(ctx: CallContext, deadline: number): Promise<boolean>;
	/** The request went through. */
	accepted(): void;
	/** The request was refused for rate; `retryAfterMs` when the provider said when to come back. */
	refused(retryAfterMs?: number): void;
	/** The request failed for another reason. */
	settled(): void;
}

/** The pacer a call waits its turn at, and what it may wait for. */
export interface Pacing {
	pacer: Pacer;
	deadline: number;
	/** The error when no turn comes before the deadline. */
	late: () => Error;
	/** Retries of other failures (default RETRY.maxRetries). */
	maxRetries?: number;
}

/**
 * Runs `attempt` until it yields a value; after the last retry, throws the attempt's own error.
 * With pacing, rate refusals are not retries: the call waits for the pacer's next turn, until the deadline.
 */
export async function withRetries<T>(
	ctx: CallContext,
	attempt: () => Promise<Attempt<T>>,
	pacing?: Pacing,
): Promise<T> {
	for (let retry = 0; ; ) {
		if (pacing && !(await pacing.pacer.turn(ctx, pacing.deadline))) throw pacing.late();
		let outcome: Attempt<T> | undefined;
		try {
			outcome = await attempt();
		} finally {
			if (!outcome) pacing?.pacer.settled();
		}
		if ('value' in outcome) {
			pacing?.pacer.accepted();
			return outcome.value;
		}
		if (pacing && outcome.rateLimited) {
			pacing.pacer.refused(outcome.delayMs);
			ctx.logger.debug(`Hailuo: ${outcome.retry}; waiting for the account's next free slot`);
			continue;
		}
		pacing?.pacer.settled();
		if (retry >= (pacing?.maxRetries ?? RETRY.maxRetries)) throw outcome.lastError();
		const delay = retryDelayMs(retry++, outcome.delayMs);
		ctx.logger.debug(`Hailuo: ${outcome.retry}; retrying in ${Math.round(delay)} ms`);
		await pause(ctx, delay);
	}
}
