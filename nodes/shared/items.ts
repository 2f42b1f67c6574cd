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
 * `error` on the item routes it to the error output when the node uses one.
 */
export function errorItem(
	ctx: IExecuteFunctions,
	error: unknown,
	itemIndex: number,
	fields: IDataObject,
): INodeExecutionData {
	const nodeError = itemError(ctx, error, itemIndex);
	return {
		json: {
			...fields,
			error: nodeError.message,
			...(nodeError.description ? { errorDetails: nodeError.description } : {}),
		},
		error: nodeError,
		pairedItem: { item: itemIndex },
	};
}
