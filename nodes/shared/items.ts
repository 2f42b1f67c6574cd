/** Output items: one per input item, success or error, always paired with its input. */
import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, NodeApiError } from 'n8n-workflow';

type NodeError = NodeApiError | NodeOperationError;

/** Attaches the item index to an error so n8n shows which item failed. */
export function itemError(ctx: IExecuteFunctions, error: unknown, itemIndex: number): NodeError {
	if (error instanceof NodeOperationError || (error as NodeApiError)?.name === 'NodeApiError') {
		const nodeError = error as NodeError;
		nodeError.context.itemIndex = itemIndex;
		return nodeError;
	}
	return new NodeOperationError(ctx.getNode(), error as Error, { itemIndex });
}

/**
 * The item "continue on fail" gets: the input's fields, what we know of the task, and the error.
 * n8n routes an item to a node's error output only when its fields are just error/message/details
 * (it then adds the input item's fields itself), and replaces the fields of any item that carries
 * an `error` object; so the task goes into `details` there, and at the top level otherwise.
 */
export function errorItem(
	ctx: IExecuteFunctions,
	error: unknown,
	itemIndex: number,
	input: IDataObject,
	task: IDataObject = {},
): INodeExecutionData {
	const nodeError = itemError(ctx, error, itemIndex);
	const description = nodeError.description ?? undefined;
	const json: IDataObject =
		ctx.getNode().onError === 'continueErrorOutput'
			? { error: nodeError.message, details: { ...task, ...(description ? { description } : {}) } }
			: { ...input, ...task, error: nodeError.message, ...(description ? { errorDetails: description } : {}) };
	return { json, pairedItem: { item: itemIndex } };
}
