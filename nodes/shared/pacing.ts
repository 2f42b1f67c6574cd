/**
 * Pacing: one account's requests of one kind (paid creates, or free reads) spaced to what the
 * provider accepts. A refusal for rate is a schedule, not an error: the request waits for the next
 * free slot and is sent again. Where the provider says when (Retry-After), that is the slot; where
 * it does not (MiniMax), the pacer probes with one request at growing intervals, so it finds the
 * account's window whatever its length, and the others wait behind the probe.
 */

import { pause } from './retry';
import type { CallContext, Pacer } from './retry';

const MINUTE_MS = 60_000;
/** First wait after a refusal without Retry-After; doubled per refused probe up to the maximum. */
const FIRST_PROBE_MS = 1000;
/** Short enough to find a freed slot of a one-minute window within a few seconds. */
const MAX_PROBE_MS = 5000;

export class RequestPacer implements Pacer {
	/** Start times of the requests sent in the last minute (for a stated limit). */
	private sent: number[] = [];
	/** No request goes out before this time. */
	private pausedUntil = 0;
	/** While set, one request (the probe) is out and the others wait for its answer. */
	private probing: Promise<void> | undefined;
	private endProbe: (() => void) | undefined;
	private probeDelayMs = FIRST_PROBE_MS;

	/** `perMinute`: a limit the user stated for the account; undefined to learn it from refusals. */
	constructor(private readonly perMinute?: number) {}

	/** Waits until a request may go out; false when that would be after `deadline`. */
	async turn(ctx: CallContext, deadline: number): Promise<boolean> {
		for (;;) {
			if (this.probing) {
				await this.probing;
				continue;
			}
			const now = Date.now();
			this.sent = this.sent.filter((at) => at > now - MINUTE_MS);
			const windowFreeAt = this.perMinute && this.sent.length >= this.perMinute ? this.sent[0] + MINUTE_MS : 0;
			const readyAt = Math.max(this.pausedUntil, windowFreeAt);
			if (readyAt <= now) break;
			if (readyAt > deadline) return false;
			await pause(ctx, readyAt - now);
		}
		this.sent.push(Date.now());
		// After a refusal the first request out is the probe: the rest wait for its answer.
		if (this.pausedUntil > 0) this.probing = new Promise((resolve) => (this.endProbe = resolve));
		return true;
	}

	/** The request went through: the account has room again. */
	accepted(): void {
		this.pausedUntil = 0;
		this.probeDelayMs = FIRST_PROBE_MS;
		this.finishProbe();
	}

	/** The request was refused for rate; `retryAfterMs` when the provider said when to come back. */
	refused(retryAfterMs?: number): void {
		this.sent.pop();
		const delay = retryAfterMs ?? this.probeDelayMs;
		if (retryAfterMs === undefined) this.probeDelayMs = Math.min(this.probeDelayMs * 2, MAX_PROBE_MS);
		this.pausedUntil = Math.max(this.pausedUntil, Date.now() + delay);
		this.finishProbe();
	}

	/** The request failed for another reason: it says nothing about the rate. */
	settled(): void {
		this.finishProbe();
	}

	private finishProbe(): void {
		const end = this.endProbe;
		this.probing = undefined;
		this.endProbe = undefined;
		end?.();
	}
}
