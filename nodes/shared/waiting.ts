/**
 * Waits for many tasks at once: one polling loop checks every unfinished task each round (a few
 * at a time), so N items take about as long as the slowest one, not the sum of all.
 */
import type { IBinaryData, IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { forEachConcurrently } from './concurrency';
import { downloadVideo } from './download';
import { failedItemOutput, nodeErrorFor } from './itemErrors';
import { pause } from './retry';
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

export async function waitForTasks(
	ctx: IExecuteFunctions,
	connection: ProviderConnection,
	handles: TaskHandle[],
	settings: WaitSettings,
): Promise<WaitResult[]> {
	const results: WaitResult[] = new Array(handles.length);
	const deadline = Date.now() + settings.timeoutMs;
	let pending = handles.map((handle, index) => ({ handle, index, last: undefined as TaskSnapshot | undefined }));

	while (pending.length > 0) {
		await forEachConcurrently(pending, STATUS_CONCURRENCY, async (task) => {
			try {
				task.last = await connection.getTask(task.handle);
			} catch (error) {
				results[task.index] = { handle: task.handle, error: error as Error, outcome: 'error' };
				return;
			}
			const snapshot = task.last;
			if (snapshot.state === 'succeeded') {
				results[task.index] = { handle: task.handle, snapshot, completedAt: new Date().toISOString() };
			} else if (snapshot.state === 'failed' || snapshot.state === 'cancelled') {
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
		});
		pending = pending.filter((task) => !results[task.index]);
		if (pending.length === 0) break;

		if (Date.now() >= deadline) {
			for (const task of pending) {
				const status = task.last?.providerStatus ?? 'not started';
				results[task.index] = {
					handle: task.handle,
					snapshot: task.last,
					outcome: 'timedOut',
					error: connection.error(
						{
							message: `Task ${task.handle.taskId} is still ${status} after ${Math.round(settings.timeoutMs / 1000)} s`,
							code: 'TIMEOUT',
							kind: 'unknown',
						},
						undefined,
						'The task keeps running (and is billed) at the provider. Raise the Timeout, or run Hailuo Wait for Result later with this task ID.',
					),
				};
			}
			break;
		}
		await pause(ctx, Math.min(settings.pollIntervalMs, Math.max(0, deadline - Date.now())));
	}

	if (settings.binaryProperty !== undefined) await downloadAll(ctx, results);
	return results;
}

async function downloadAll(ctx: IExecuteFunctions, results: WaitResult[]): Promise<void> {
	const done = results
		.map((result, index) => ({ result, index }))
		.filter(({ result }) => !('error' in result) && result.snapshot.videoUrl);
	await forEachConcurrently(done, DOWNLOAD_CONCURRENCY, async ({ result, index }) => {
		if ('error' in result) return;
		try {
			const binary = await downloadVideo(ctx, result.snapshot.videoUrl!, `hailuo-${result.handle.taskId}.mp4`);
			results[index] = { ...result, binary };
		} catch (error) {
			results[index] = { handle: result.handle, snapshot: result.snapshot, error: error as Error, outcome: 'error' };
		}
	});
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
