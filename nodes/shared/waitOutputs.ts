/**
 * The wait nodes' outputs: the TaskWatcher's results written into n8n items at their inputs' indexes
 * (Wait Until Done, Generate's wait mode), or routed to Ready, Still Rendering and Failed (Check Once).
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { failedItemJson, failedItemOutput, nodeErrorFor, withTaskList } from './itemErrors';
import { isCancelled } from './retry';
import { successJson } from './taskOutcome';
import type { TaskHandle } from './providers';
import type { ProviderConnection } from './transport';
import { TaskWatcher, stopCancelledRun } from './waiting';
import type { WaitResult, WaitSettings } from './waiting';

/** A task being waited for, with the input item it belongs to. */
export interface ItemTask {
	handle: TaskHandle;
	index: number;
	json: IDataObject;
}

/**
 * Waits for the watcher's tasks and writes each one's output item into `output` at its input's
 * index. Without "continue on fail" the first failed item (in input order) ends the run, naming
 * every task; a cancelled execution cancels what the provider can and names every task.
 */
export async function waitIntoItems(
	ctx: IExecuteFunctions,
	connection: ProviderConnection,
	watcher: TaskWatcher,
	tasks: ItemTask[],
	settings: WaitSettings,
	output: INodeExecutionData[],
): Promise<void> {
	const handles: Array<TaskHandle | undefined> = [];
	for (const task of tasks) handles[task.index] = task.handle;
	let results: WaitResult[];
	try {
		results = await watcher.finish();
	} catch (error) {
		if (isCancelled(ctx)) return await stopCancelledRun(ctx, connection, error, handles, watcher.unfinished());
		throw withTaskList(nodeErrorFor(ctx, error, tasks[0]?.index ?? 0), handles);
	}
	const continueOnFail = ctx.continueOnFail();
	for (const { index, json } of tasks) {
		const result = results[index];
		if ('error' in result) {
			if (!continueOnFail) {
				const error = nodeErrorFor(ctx, result.error, index);
				if (tasks.length > 1) {
					error.description = [error.description, OTHER_ITEMS_HINT].filter(Boolean).join('\n');
					withTaskList(error, handles);
				}
				throw error;
			}
			output[index] = failedItemOutput(ctx, result.error, index, json, {
				...result.handle,
				status: result.outcome,
				providerStatus: result.snapshot?.providerStatus ?? null,
			});
			continue;
		}
		output[index] = readyItem(result, json, index, settings);
	}
}

type Delivered = Extract<WaitResult, { completedAt: string }>;

/** The output item of a finished task: the input's fields, the task's, and the video if downloaded. */
function readyItem(result: Delivered, json: IDataObject, index: number, settings: WaitSettings): INodeExecutionData {
	return {
		json: { ...json, ...successJson(result.handle, result.snapshot, result.completedAt) },
		...(result.binary && settings.binaryProperty ? { binary: { [settings.binaryProperty]: result.binary } } : {}),
		pairedItem: { item: index },
	};
}

const OTHER_ITEMS_HINT =
	'To keep the other items\' results when one fails, set Settings → On Error to "Continue" or "Continue (using error output)".';

/** Check Once mode's outputs: Ready, Still Rendering, Failed. */
export type CheckOnceOutputs = [INodeExecutionData[], INodeExecutionData[], INodeExecutionData[]];

/**
 * Check Once: each task is checked once (those whose `nextCheckAt` has not come yet are passed on
 * unchecked) and routed to Ready, Still Rendering or Failed, so that a loop through n8n's Wait node
 * waits between checks without holding an execution. Still Rendering items carry `nextCheckAt` (this
 * task's next check) and `resumeAt` (when the loop should come back: the earliest of them, but no
 * sooner than `minimumWaitMs` from now, so that n8n's Wait node saves the execution rather than holds it).
 */
export async function checkOnceIntoOutputs(
	ctx: IExecuteFunctions,
	connection: ProviderConnection,
	tasks: ItemTask[],
	settings: WaitSettings,
	minimumWaitMs: number,
	outputs: CheckOnceOutputs,
): Promise<void> {
	const [ready, stillRendering, failed] = outputs;
	const now = Date.now();
	const notDue = new Map<number, number>();
	for (const { index, json } of tasks) {
		const dueAt = Date.parse(String(json.nextCheckAt ?? ''));
		if (dueAt > now + NOT_DUE_SLACK_MS) notDue.set(index, dueAt);
	}
	const watcher = new TaskWatcher(ctx, connection, settings, Infinity);
	let checked: Awaited<ReturnType<TaskWatcher['checkOnce']>>;
	try {
		checked = await watcher.checkOnce(tasks.filter((t) => !notDue.has(t.index)).map((t) => ({ handle: t.handle, slot: t.index })));
	} catch (error) {
		const handles: Array<TaskHandle | undefined> = [];
		for (const task of tasks) handles[task.index] = task.handle;
		if (isCancelled(ctx)) return await stopCancelledRun(ctx, connection, error, handles, []);
		throw withTaskList(nodeErrorFor(ctx, error, tasks[0]?.index ?? 0), handles);
	}
	const pending = new Map(checked.pending.map((p) => [p.slot, p]));
	const rendering: Array<{ item: INodeExecutionData; nextCheckAt: number }> = [];
	for (const { index, json, handle } of tasks) {
		const result = checked.results[index];
		const nextCheckAt = notDue.get(index) ?? pending.get(index)?.nextCheckAt;
		if (nextCheckAt !== undefined) {
			const snapshot = pending.get(index)?.snapshot;
			const status = snapshot?.state ?? json.status ?? 'queued';
			const item = { json: { ...json, ...handle, status, providerStatus: snapshot?.providerStatus ?? json.providerStatus ?? null }, pairedItem: { item: index } };
			rendering.push({ item, nextCheckAt });
		} else if ('error' in result) {
			const task = { ...handle, status: result.outcome, providerStatus: result.snapshot?.providerStatus ?? null };
			failed.push({ json: failedItemJson(nodeErrorFor(ctx, result.error, index), json, task), pairedItem: { item: index } });
		} else {
			ready.push(readyItem(result, json, index, settings));
		}
	}
	const resumeAt = Math.max(Math.min(...rendering.map((r) => r.nextCheckAt)), Date.now() + minimumWaitMs);
	for (const { item, nextCheckAt } of rendering) {
		item.json.nextCheckAt = new Date(nextCheckAt).toISOString();
		item.json.resumeAt = new Date(resumeAt).toISOString();
		stillRendering.push(item);
	}
}

/** A task due within this margin is checked now rather than sent round the loop once more. */
const NOT_DUE_SLACK_MS = 1000;

/**
 * Check Once as an AI Agent tool: the agent reads the first output only, so every task is answered
 * there, in item order, with an `answer` saying what it means: ready (its videoUrl), still rendering
 * (when to ask again) or failed (why).
 */
export function checkOnceForAgent([ready, stillRendering, failed]: CheckOnceOutputs): INodeExecutionData[][] {
	const answered = [
		...ready.map((item) => withAnswer(item, `Ready: the video is at videoUrl (${String(item.json.videoUrl ?? '')}).`)),
		...stillRendering.map((item) =>
			withAnswer(item, `Still rendering (${String(item.json.providerStatus ?? item.json.status)}): ask again for this taskId after ${String(item.json.nextCheckAt)}; do not create it again.`),
		),
		...failed.map((item) => withAnswer(item, `Failed: ${[item.json.error, item.json.errorDetails].filter(Boolean).map(String).join('. ')}`)),
	];
	const indexOf = (item: INodeExecutionData) => (item.pairedItem as { item: number }).item;
	return [answered.sort((a, b) => indexOf(a) - indexOf(b))];
}

function withAnswer(item: INodeExecutionData, answer: string): INodeExecutionData {
	return { ...item, json: { answer, ...item.json } };
}
