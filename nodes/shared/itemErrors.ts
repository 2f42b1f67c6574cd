/** Errors of one input item: thrown with its index, or turned into its output item under "continue on fail". */
import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, NodeApiError } from 'n8n-workflow';

import { isProviderId, providerById } from './providers';
import type { TaskHandle } from './providers';

type NodeError = NodeApiError | NodeOperationError;

/**
 * Tasks created before a run stopped still render and are billed: the error names every one with
 * its item (and the other items that failed), so nothing billed goes unnamed and a rerun never pays twice.
 */
export function withTaskList<E extends NodeError>(
	error: E,
	handles: Array<TaskHandle | undefined>,
	otherFailures: string[] = [],
): E {
	const created = handles.flatMap((h, i) => (h ? [`item ${i}: ${h.taskId}`] : []));
	const notes = [
		...(created.length > 0
			? [`Tasks already created (still billed, do not create them again; use Hailuo Wait for Result with these IDs): ${created.join(', ')}.`]
			: []),
		...(otherFailures.length > 0 ? [`Other items that failed: ${otherFailures.join('; ')}.`] : []),
	];
	if (notes.length > 0) error.description = [error.description, ...notes].filter(Boolean).join('\n');
	return error;
}

/** The error as n8n shows it, naming the item that failed. */
export function nodeErrorFor(ctx: IExecuteFunctions, error: unknown, itemIndex: number): NodeError {
	if (error instanceof NodeOperationError || (error as NodeApiError)?.name === 'NodeApiError') {
		const nodeError = error as NodeError;
		nodeError.context.itemIndex = itemIndex;
		return nodeError;
	}
	return new NodeOperationError(ctx.getNode(), error as Error, { itemIndex });
}

/**
 * The output item "continue on fail" gets: the input's fields, what we know of the task, and the error.
 * n8n moves an item to a node's error output only when its fields are just `error` and `message` (1.x:
 * exactly {error} or {error, message}; 2.x: any of error/message/details), and then adds the input
 * item's fields itself. So there the task (provider, ID, how it ended) and the error's details are
 * written into `message`; on the regular output they are fields of their own.
 */
export function failedItemOutput(
	ctx: IExecuteFunctions,
	error: unknown,
	itemIndex: number,
	input: IDataObject,
	task: IDataObject = {},
): INodeExecutionData {
	const nodeError = nodeErrorFor(ctx, error, itemIndex);
	let json: IDataObject;
	if (ctx.getNode().onError === 'continueErrorOutput') {
		const message = [taskSummary(task), nodeError.description].filter(Boolean).join('\n');
		json = { error: nodeError.message, ...(message ? { message } : {}) };
	} else {
		json = failedItemJson(nodeError, input, task);
	}
	return { json, pairedItem: { item: itemIndex } };
}

/** "MiniMax task 123: failed (MiniMax status: Fail)", or the provider alone when no task was created. */
function taskSummary({ provider, taskId, status, providerStatus }: IDataObject): string {
	if (!isProviderId(provider)) return '';
	const name = providerById(provider).displayName;
	if (typeof taskId !== 'string' || !taskId) return `Provider: ${name}`;
	const ended = typeof status === 'string' ? `: ${status}` : '';
	const said = typeof providerStatus === 'string' && providerStatus ? ` (${name} status: ${providerStatus})` : '';
	return `${name} task ${taskId}${ended}${said}`;
}

/** A failed item's fields on a regular output: the input's, the task's, `error` and `errorDetails`. */
export function failedItemJson(error: NodeError, input: IDataObject, task: IDataObject = {}): IDataObject {
	return { ...input, ...task, error: error.message, ...(error.description ? { errorDetails: error.description } : {}) };
}
