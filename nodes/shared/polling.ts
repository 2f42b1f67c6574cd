/**
 * When to ask about a task next. Fixed: every N seconds. Automatic: no check before the task can
 * plausibly be ready (70 % of its expected render time), then a check every tenth of that time, so
 * a video is seen within seconds of finishing at about half the calls of a fixed 10 s interval.
 * The expected time is the model table's typical render time, scaled by how long this execution's
 * tasks actually take compared with theirs. The schedule knows no deadline: the TaskWatcher checks
 * every task still waiting at its Timeout, whatever the schedule says.
 */
import { typicalRenderMs } from './catalog';
import type { TaskHandle } from './providers';

export type PollingSettings = { mode: 'automatic' } | { mode: 'fixed'; intervalMs: number };

/** Share of the expected render time before the first check: renders are rarely much faster. */
const FIRST_CHECK_SHARE = 0.7;
/** Share of the expected render time between later checks: a finished video waits at most this long to be seen. */
const CHECK_GAP_SHARE = 0.1;
const MIN_GAP_MS = 2000;
const MAX_GAP_MS = 30_000;
/** A task running past twice its expected time (a busy provider) is checked half as often. */
const OVERDUE_FACTOR = 2;

export class CheckSchedule {
	/** Observed ÷ typical render time of the tasks seen finished. */
	private readonly finishedRatios: number[] = [];
	/** Age ÷ typical render time of the tasks last seen still rendering, by task id. */
	private readonly runningRatios = new Map<string, number>();
	/** The median is recomputed when a task finishes, and at most once a second otherwise (big batches). */
	private median = { ratio: 1, at: -Infinity, finished: 0 };

	constructor(private readonly settings: PollingSettings) {}

	/** When to check a task first: fixed, at once; automatic, at once only when its age is unknown (a task ID typed in). */
	firstCheckAt(task: TaskHandle, now: number): number {
		const submitted = Date.parse(task.submittedAt);
		if (this.settings.mode === 'fixed' || Number.isNaN(submitted)) return now;
		return Math.max(now, submitted + FIRST_CHECK_SHARE * this.expectedMs(task, now));
	}

	/** A check found the task still rendering: when to check it again. */
	stillRendering(task: TaskHandle, now: number): number {
		const age = now - Date.parse(task.submittedAt);
		if (age > 0) this.runningRatios.set(task.taskId, age / typicalRenderMs(task));
		return this.retryAt(task, now);
	}

	/** When to check again a task whose state is not known (its last check failed, or it is still rendering). */
	retryAt(task: TaskHandle, now: number): number {
		if (this.settings.mode === 'fixed') return now + this.settings.intervalMs;
		const age = now - Date.parse(task.submittedAt);
		const expected = this.expectedMs(task, now);
		const overdue = age > OVERDUE_FACTOR * expected ? OVERDUE_FACTOR : 1;
		return now + Math.min(MAX_GAP_MS, Math.max(MIN_GAP_MS, CHECK_GAP_SHARE * expected * overdue));
	}

	/** A check found the task finished: its render time corrects the expectation of the others. */
	finished(task: TaskHandle, now: number): void {
		this.runningRatios.delete(task.taskId);
		const age = now - Date.parse(task.submittedAt);
		if (age > 0) this.finishedRatios.push(age / typicalRenderMs(task));
	}

	private expectedMs(task: TaskHandle, now: number): number {
		const { median } = this;
		if (median.finished !== this.finishedRatios.length || now - median.at >= 1000) {
			this.median = { ratio: this.medianRatio(), at: now, finished: this.finishedRatios.length };
		}
		return typicalRenderMs(task) * this.median.ratio;
	}

	/**
	 * The median of actual ÷ typical render time. Early finishers are seen first, so the tasks still
	 * rendering count too (Kaplan–Meier: each is known to take at least its age); while more than half
	 * are still rendering, the median is at least where half of them are, and never below the table.
	 */
	private medianRatio(): number {
		const running = [...this.runningRatios.values()];
		const observations = [
			...this.finishedRatios.map((ratio) => ({ ratio, finished: true })),
			...running.map((ratio) => ({ ratio, finished: false })),
		].sort((a, b) => a.ratio - b.ratio || Number(b.finished) - Number(a.finished));
		let stillRendering = 1;
		let atRisk = observations.length;
		for (const { ratio, finished } of observations) {
			if (finished) {
				stillRendering *= 1 - 1 / atRisk;
				if (stillRendering <= 0.5) return ratio;
			}
			atRisk--;
		}
		const half = Math.ceil(observations.length / 2) - 1;
		const longest = running.sort((a, b) => b - a);
		return half >= 0 && longest.length > half ? Math.max(1, longest[half]) : 1;
	}
}
