/**
 * Waits for many tasks at once: one polling loop checks every unfinished task each round (a few
 * at a time) and downloads each video as soon as it is ready, so N items take about as long as the
 * slowest one plus one download, not the sum of all. Only the provider's final word ends a task;
 * a failed status check, a throttled one or a task not visible yet keeps it waiting until the timeout.
 */
import type { IBinaryData, IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { Limiter, forEachConcurrently } from './concurrency';
import { downloadVideo } from './download';
import { failedItemOutput, nodeErrorFor, withTaskList } from './itemErrors';
import type { FailureKind } from './providers/provider';
import { pause } from './retry';
import { failureKindOf } from './transport';
import type { ProviderConnection } from './transport';
import type { TaskHandle, TaskSnapshot } from './types';

export interface WaitSettings {
	pollIntervalMs: number;
	timeoutMs: number;
	/** Set to download each video into this binary property. */
	binaryProperty?: string;
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

/** Failures that say nothing final about the task: it keeps waiting until the timeout. */
const PASSING_FAILURES = new Set<FailureKind | undefined>(['transient', 'rateLimit']);

interface PendingTask {
	handle: TaskHandle;
	index: number;
	last?: TaskSnapshot;
	/** The last failure of a status check that left the task waiting, for the timeout's message. */
	lastProblem?: Error;
}

export async function waitForTasks(
	ctx: IExecuteFunctions,
	connection: ProviderConnection,
	handles: TaskHandle[],
	settings: WaitSettings,
): Promise<WaitResult[]> {
	const results: WaitResult[] = new Array(handles.length);
	const deadline = Date.now() + settings.timeoutMs;
	connection.deadline = deadline;
	const graceMs = Math.max(connection.provider.limits.newTaskGraceMs ?? 0, DEFAULT_NEW_TASK_GRACE_MS);
	const downloads = new Limiter(DOWNLOAD_CONCURRENCY);
	let pending: PendingTask[] = handles.map((handle, index) => ({ handle, index }));

	/** Each video is fetched as soon as its task succeeds, while the others are still checked. */
	const deliver = (task: PendingTask, snapshot: TaskSnapshot) => {
		const done = { handle: task.handle, snapshot, completedAt: new Date().toISOString() };
		results[task.index] = done;
		if (settings.binaryProperty === undefined || !snapshot.videoUrl) return;
		downloads.run(async () => {
			try {
				results[task.index] = { ...done, binary: await downloadFresh(ctx, connection, task.handle, snapshot) };
			} catch (error) {
				results[task.index] = { handle: task.handle, snapshot, error: error as Error, outcome: 'error' };
			}
		});
	};

	const check = async (task: PendingTask) => {
		try {
			task.last = await connection.getTask(task.handle);
		} catch (error) {
			const kind = failureKindOf(error);
			const age = Date.now() - Date.parse(task.handle.submittedAt);
			if (PASSING_FAILURES.has(kind) || (kind === 'notFound' && !(age > graceMs))) {
				task.lastProblem = error as Error;
				ctx.logger.debug(`Hailuo: task ${task.handle.taskId} keeps waiting after: ${(error as Error).message}`);
				return;
			}
			results[task.index] = { handle: task.handle, error: error as Error, outcome: 'error' };
			return;
		}
		const snapshot = task.last;
		task.lastProblem = undefined;
		if (snapshot.state === 'succeeded') deliver(task, snapshot);
		else if (snapshot.state === 'failed' || snapshot.state === 'cancelled') {
			const reason = snapshot.failure ?? { message: `the provider reported ${snapshot.providerStatus}`, kind: 'unknown' as const };
			results[task.index] = {
				handle: task.handle,
				snapshot,
				outcome: snapshot.state,
				error: connection.error({
					...reason,
					message: `Task ${task.handle.taskId} ${snapshot.state === 'failed' ? 'failed' : 'was cancelled'}: ${reason.message}`,
				}),
			};
		}
	};

	while (pending.length > 0) {
		await forEachConcurrently(pending, STATUS_CONCURRENCY, check);
		pending = pending.filter((task) => !results[task.index]);
		if (pending.length === 0) break;

		if (Date.now() >= deadline) {
			for (const task of pending) results[task.index] = timedOut(connection, task, settings.timeoutMs);
			break;
		}
		await pause(ctx, Math.min(settings.pollIntervalMs, Math.max(0, deadline - Date.now())));
	}
	await downloads.idle();
	return results;
}

function timedOut(connection: ProviderConnection, task: PendingTask, timeoutMs: number): WaitResult {
	const status = task.last?.providerStatus ?? 'not started';
	const problem = task.lastProblem ? ` The last status check failed: ${task.lastProblem.message}.` : '';
	return {
		handle: task.handle,
		snapshot: task.last,
		outcome: 'timedOut',
		error: connection.error(
			{
				message: `Task ${task.handle.taskId} is still ${status} after ${Math.round(timeoutMs / 1000)} s`,
				code: 'TIMEOUT',
				kind: 'unknown',
			},
			undefined,
			'The task keeps running (and is billed) at the provider. Raise the Timeout, or run Hailuo Wait for Result later with this task ID.' +
				problem,
		),
	};
}

/** Downloads the video; a URL that stopped working (expired, e.g. MiniMax's after an hour) is looked up again once. */
async function downloadFresh(
	ctx: IExecuteFunctions,
	connection: ProviderConnection,
	handle: TaskHandle,
	snapshot: TaskSnapshot,
): Promise<IBinaryData> {
	return await downloadVideo(ctx, snapshot.videoUrl!, `hailuo-${handle.taskId}.mp4`, async () => (await connection.getTask(handle)).videoUrl);
}

/** The output fields of a finished task (merged into the item's own fields by the node). */
export function successJson(handle: TaskHandle, snapshot: TaskSnapshot, completedAt: string): IDataObject {
	const submitted = Date.parse(handle.submittedAt);
	return {
		...handle,
		status: snapshot.state,
		providerStatus: snapshot.providerStatus,
		videoUrl: snapshot.videoUrl ?? null,
		width: snapshot.width ?? null,
		height: snapshot.height ?? null,
		timings: {
			submittedAt: handle.submittedAt,
			completedAt,
			elapsedSeconds: Number.isNaN(submitted)
				? null
				: Math.round((Date.parse(completedAt) - submitted) / 100) / 10,
		},
	};
}

/** A task to wait for, with the input item it belongs to. */
export interface ItemTask {
	handle: TaskHandle;
	index: number;
	json: IDataObject;
}

/**
 * Waits for the tasks and writes each one's output item into `output` at its input's index.
 * Without "continue on fail" the first failed item (in input order) ends the run.
 */
export async function waitIntoItems(
	ctx: IExecuteFunctions,
	connection: ProviderConnection,
	tasks: ItemTask[],
	settings: WaitSettings,
	output: INodeExecutionData[],
): Promise<void> {
	const results = await waitForTasks(ctx, connection, tasks.map((t) => t.handle), settings);
	const continueOnFail = ctx.continueOnFail();
	results.forEach((result, n) => {
		const { index, json } = tasks[n];
		if ('error' in result) {
			if (!continueOnFail) {
				const error = nodeErrorFor(ctx, result.error, index);
				if (tasks.length > 1) {
					error.description = [error.description, OTHER_ITEMS_HINT].filter(Boolean).join('\n');
					const handles: Array<TaskHandle | undefined> = [];
					for (const task of tasks) handles[task.index] = task.handle;
					withTaskList(error, handles);
				}
				throw error;
			}
			output[index] = failedItemOutput(ctx, result.error, index, json, {
				...result.handle,
				status: result.outcome,
				providerStatus: result.snapshot?.providerStatus ?? null,
			});
			return;
		}
		output[index] = {
			json: { ...json, ...successJson(result.handle, result.snapshot, result.completedAt) },
			...(result.binary && settings.binaryProperty ? { binary: { [settings.binaryProperty]: result.binary } } : {}),
			pairedItem: { item: index },
		};
	});
}

const OTHER_ITEMS_HINT =
	'To keep the other items\' results when one fails, set Settings → On Error to "Continue" or "Continue (using error output)".';
