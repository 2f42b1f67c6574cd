/**
 * Waits for many tasks at once: one loop checks each unfinished task when the polling schedule says
 * it may be ready (a few at a time), and downloads each video as soon as its task succeeds, so N
 * items take about as long as the slowest one plus one download, not the sum of all. Tasks can join
 * while the loop runs (Generate watches each task from its create on). Only the provider's final
 * word ends a task; a failed status check, a throttled one or a task not visible yet keeps it waiting.
 * The engine only: waitOutputs.ts turns its results into the nodes' output items.
 */
import type { IBinaryData, IExecuteFunctions } from 'n8n-workflow';

import { Limiter, forEachConcurrently } from './concurrency';
import { downloadVideo } from './download';
import { nodeErrorFor, withTaskList } from './itemErrors';
import { CheckSchedule } from './polling';
import type { PollingSettings } from './polling';
import type { FailureKind } from './providers/provider';
import { pause, throwIfCancelled } from './retry';
import { endedWithoutVideo } from './taskOutcome';
import { failureKindOf } from './transport';
import type { ProviderConnection } from './transport';
import type { TaskHandle } from './providers';
import type { TaskSnapshot } from './types';

export interface WaitSettings {
	polling: PollingSettings;
	timeoutMs: number;
	/** Set to download each video into this binary property. */
	binaryProperty?: string;
	/** Cancel a task at the provider when the timeout gives up on it (where the provider can cancel). */
	cancelOnTimeout: boolean;
}

export type WaitResult =
	| { handle: TaskHandle; snapshot: TaskSnapshot; completedAt: string; binary?: IBinaryData }
	| { handle: TaskHandle; error: Error; outcome: FailedOutcome; snapshot?: TaskSnapshot };

/** How a task ended without a video: as the provider said, out of our time, or unreachable. */
export type FailedOutcome = 'failed' | 'cancelled' | 'timedOut' | 'error';

/** Status checks in flight at once: enough for large batches, gentle on rate limits. */
const STATUS_CONCURRENCY = 8;
/** Videos downloaded at once: each is a stream into binary storage. */
const DOWNLOAD_CONCURRENCY = 2;
/** How long any provider may not know a task it has just accepted, unless it declares longer. */
const DEFAULT_NEW_TASK_GRACE_MS = 30_000;
/** The loop looks for joining tasks (and a cancelled execution) at least this often. */
const IDLE_MS = 1000;

/** Failures that say nothing final about the task: it keeps waiting until the timeout. */
const PASSING_FAILURES = new Set<FailureKind | undefined>(['transient', 'rateLimit']);

/** A task a single check found still rendering (or could not read): when to look again. */
export interface StillRendering {
	slot: number;
	nextCheckAt: number;
	snapshot?: TaskSnapshot;
}

interface WatchedTask {
	handle: TaskHandle;
	/** The caller's slot for the task's result (the input item's index). */
	slot: number;
	nextCheckAt: number;
	last?: TaskSnapshot;
	/** The last failure of a status check that left the task waiting, for the timeout's message. */
	lastProblem?: Error;
}

export class TaskWatcher {
	private readonly results: WaitResult[] = [];
	private watched: WatchedTask[] = [];
	private readonly schedule: CheckSchedule;
	private readonly downloads = new Limiter(DOWNLOAD_CONCURRENCY);
	private readonly graceMs: number;
	private closed = false;
	private abandoned = false;
	/** The checking loop, started by the first task watched. */
	private loop?: Promise<void>;

	/** Every task must be ready by `deadline`. */
	constructor(
		private readonly ctx: IExecuteFunctions,
		private readonly connection: ProviderConnection,
		private readonly settings: WaitSettings,
		private readonly deadline: number,
	) {
		this.schedule = new CheckSchedule(settings.polling);
		this.graceMs = Math.max(connection.provider.limits.newTaskGraceMs ?? 0, DEFAULT_NEW_TASK_GRACE_MS);
	}

	watch(handle: TaskHandle, slot: number): void {
		// The first check is never later than the deadline, however long the model's typical render.
		this.watched.push({ handle, slot, nextCheckAt: Math.min(this.schedule.firstCheckAt(handle, Date.now()), this.deadline) });
		if (!this.loop) {
			this.loop = this.run();
			// Failures (a cancelled execution) are read by finish(); until then they are not "unhandled".
			this.loop.catch(() => undefined);
		}
	}

	/**
	 * Checks each task once (Check Once mode, no loop): the results of the tasks that ended (a task
	 * older than the timeout ends as timed out), and when to check each of the others again.
	 */
	async checkOnce(tasks: Array<{ handle: TaskHandle; slot: number }>): Promise<{ results: WaitResult[]; pending: StillRendering[] }> {
		const checked: WatchedTask[] = tasks.map(({ handle, slot }) => ({ handle, slot, nextCheckAt: 0 }));
		await forEachConcurrently(checked, STATUS_CONCURRENCY, async (task) => {
			await this.check(task);
			const deadline = Date.parse(task.handle.submittedAt) + this.settings.timeoutMs;
			if (!this.results[task.slot] && Date.now() > deadline) await this.timeOut(task);
			// Due again by the deadline at the latest, so that the check timing it out is a last look
			// (a task of unknown age, typed in by hand, has no deadline).
			else if (deadline < task.nextCheckAt) task.nextCheckAt = deadline;
		});
		await this.downloads.idle();
		const pending = checked
			.filter((task) => !this.results[task.slot])
			.map(({ slot, nextCheckAt, last }) => ({ slot, nextCheckAt, snapshot: last }));
		return { results: this.results, pending };
	}

	/** No more tasks will join: resolves with every task's result, by slot, once all have ended. */
	async finish(): Promise<WaitResult[]> {
		this.closed = true;
		if (this.loop) await this.loop;
		await this.downloads.idle();
		return this.results;
	}

	/** Stops checking (the run ends for another reason); the tasks still rendering are returned. */
	abandon(): TaskHandle[] {
		this.abandoned = true;
		return this.unfinished();
	}

	/** Tasks with no result yet. */
	unfinished(): TaskHandle[] {
		return this.watched.filter((task) => !this.results[task.slot]).map((task) => task.handle);
	}

	private async run(): Promise<void> {
		for (;;) {
			if (this.abandoned) return;
			// At the deadline every task still waiting gets a last look: only one still unfinished times out.
			const lastLook = Date.now() >= this.deadline;
			const due = lastLook ? this.watched : this.watched.filter((task) => task.nextCheckAt <= Date.now());
			await forEachConcurrently(due, STATUS_CONCURRENCY, async (task) => await this.check(task));
			this.watched = this.watched.filter((task) => !this.results[task.slot]);
			if (this.closed && this.watched.length === 0) return;
			if (lastLook) {
				await forEachConcurrently(this.watched, STATUS_CONCURRENCY, async (task) => await this.timeOut(task));
				this.watched = [];
				if (this.closed) return;
			}
			let next = this.deadline;
			for (const task of this.watched) next = Math.min(next, task.nextCheckAt);
			await pause(this.ctx, Math.max(0, Math.min(IDLE_MS, next - Date.now())));
		}
	}

	private async check(task: WatchedTask): Promise<void> {
		try {
			task.last = await this.connection.getTask(task.handle);
		} catch (error) {
			throwIfCancelled(this.ctx);
			const kind = failureKindOf(error);
			const age = Date.now() - Date.parse(task.handle.submittedAt);
			if (PASSING_FAILURES.has(kind) || (kind === 'notFound' && !(age > this.graceMs))) {
				task.lastProblem = error as Error;
				task.nextCheckAt = this.schedule.retryAt(task.handle, Date.now());
				this.ctx.logger.debug(`Hailuo: task ${task.handle.taskId} keeps waiting after: ${(error as Error).message}`);
				return;
			}
			this.results[task.slot] = { handle: task.handle, error: error as Error, outcome: 'error' };
			return;
		}
		const snapshot = task.last;
		task.lastProblem = undefined;
		if (snapshot.state === 'queued' || snapshot.state === 'running') {
			task.nextCheckAt = this.schedule.stillRendering(task.handle, Date.now());
			return;
		}
		this.schedule.finished(task.handle, Date.now());
		if (snapshot.state === 'succeeded') {
			this.deliver(task, snapshot);
			return;
		}
		this.results[task.slot] = { handle: task.handle, snapshot, outcome: snapshot.state, error: endedWithoutVideo(this.connection, task.handle, snapshot) };
	}

	/** Each video is fetched as soon as its task succeeds, while the others are still checked. */
	private deliver(task: WatchedTask, snapshot: TaskSnapshot): void {
		const done = { handle: task.handle, snapshot, completedAt: new Date().toISOString() };
		this.results[task.slot] = done;
		if (this.settings.binaryProperty === undefined || !snapshot.videoUrl) return;
		this.downloads.run(async () => {
			try {
				this.results[task.slot] = { ...done, binary: await this.download(task.handle, snapshot.videoUrl!) };
			} catch (error) {
				this.results[task.slot] = { handle: task.handle, snapshot, error: error as Error, outcome: 'error' };
			}
		});
	}

	/** Downloads the video; a URL that stopped working (expired, e.g. MiniMax's after an hour) is looked up again once. */
	private async download(handle: TaskHandle, url: string): Promise<IBinaryData> {
		return await downloadVideo(this.ctx, url, `hailuo-${handle.taskId}.mp4`, async () => (await this.connection.getTask(handle)).videoUrl);
	}

	private async timeOut(task: WatchedTask): Promise<void> {
		const { handle } = task;
		const status = task.last?.providerStatus ?? 'not started';
		const problem = task.lastProblem ? ` The last status check failed: ${task.lastProblem.message}.` : '';
		const cancelled = this.settings.cancelOnTimeout && (await cancelAtProvider(this.ctx, this.connection, handle));
		const next = cancelled
			? `It was cancelled at ${this.connection.provider.displayName} (Cancel on Timeout). Raise the Timeout to let such tasks finish.`
			: 'The task keeps running (and is billed) at the provider: do not create it again. Raise the Timeout, or run Hailuo Wait for Result later with this task ID.';
		this.results[task.slot] = {
			handle,
			snapshot: task.last,
			outcome: 'timedOut',
			error: this.connection.error(
				{
					message: `Task ${handle.taskId} is still ${status} after ${Math.round(this.settings.timeoutMs / 1000)} s`,
					code: 'TIMEOUT',
					kind: 'unknown',
				},
				undefined,
				next + problem,
			),
		};
	}
}

/** Asks the provider to stop a task; false where it cannot, or the request failed (logged). */
async function cancelAtProvider(ctx: IExecuteFunctions, connection: ProviderConnection, handle: TaskHandle): Promise<boolean> {
	try {
		return await connection.cancelTask(handle);
	} catch (error) {
		ctx.logger.warn(`Hailuo: could not cancel task ${handle.taskId}: ${(error as Error).message}`);
		return false;
	}
}

/**
 * The execution was cancelled while tasks render: they are cancelled at the provider where it can
 * cancel, and every one is named (in n8n's log, and in the error for wherever n8n keeps it), so a
 * rerun need not pay for them again.
 */
export async function stopCancelledRun(
	ctx: IExecuteFunctions,
	connection: ProviderConnection,
	error: unknown,
	created: Array<TaskHandle | undefined>,
	unfinished: TaskHandle[],
): Promise<never> {
	const cancelled = await Promise.all(unfinished.map(async (handle) => await cancelAtProvider(ctx, connection, handle)));
	const stopped = unfinished.filter((_, n) => cancelled[n]).map((handle) => handle.taskId);
	const nodeError = withTaskList(nodeErrorFor(ctx, error, 0), created);
	if (stopped.length > 0) {
		nodeError.description += `\nCancelled at ${connection.provider.displayName}: ${stopped.join(', ')}.`;
	}
	ctx.logger.warn(`Hailuo: execution cancelled. ${nodeError.description ?? ''}`);
	throw nodeError;
}
