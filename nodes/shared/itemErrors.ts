/** Errors of one input item: thrown with its index, or turned into its output item under "continue on fail". */
import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, NodeApiError } from 'n8n-workflow';

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
			? [`Tasks already created (still billed; use Hailuo Wait for Result with these IDs): ${created.join(', ')}.`]
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
 * n8n routes an item to a node's error output only when its fields are just error/message/details
 * (it then adds the input item's fields itself), and replaces the fields of any item that carries
 * an `error` object; so the task goes into `details` there, and at the top level otherwise.
 */
export function failedItemOutput(
	ctx: IExecuteFunctions,
	error: unknown,
	itemIndex: number,
	input: IDataObject,
	task: IDataObject = {},
): INodeExecutionData {
	const nodeError = nodeErrorFor(ctx, error, itemIndex);
	const description = nodeError.description ?? undefined;
	const json: IDataObject =
		ctx.getNode().onError === 'continueErrorOutput'
			? { error: nodeError.message, details: { ...task, ...(description ? { description } : {}) } }
			: failedItemJson(nodeError, input, task);
	return { json, pairedItem: { item: itemIndex } };
}

/** A failed item's fields on a regular output: the input's, the task's, `error` and `errorDetails`. */
export function failedItemJson(error: NodeError, input: IDataObject, task: IDataObject = {}): IDataObject {
	return { ...input, ...task, error: error.message, ...(error.description ? { errorDetails: error.description } : {}) };
}
