/** Hailuo Wait for Result: read each item's task, wait for all of them in one loop, output videos. */
import { NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { z } from 'zod';

import { errorItem, itemError } from '../shared/items';
import { readWaitSettings, textParameter } from '../shared/properties';
import { PROVIDERS, PROVIDER_IDS } from '../shared/providers';
import type { HailuoProvider } from '../shared/providers/provider';
import { ProviderClient } from '../shared/transport';
import type { ProviderId, TaskHandle } from '../shared/types';
import { waitIntoItems } from '../shared/waiting';
import type { ItemTask } from '../shared/waiting';

/** What Hailuo Generate outputs; older or hand-made items may lack the descriptive fields. */
const handleFromInput = z.object({
	provider: z.enum(PROVIDER_IDS as [ProviderId, ...ProviderId[]]),
	taskId: z.union([z.string().min(1), z.number()]).transform(String),
	model: z.string().default(''),
	mode: z.enum(['textToVideo', 'imageToVideo', 'firstLastFrame']).default('imageToVideo'),
	duration: z.union([z.literal(6), z.literal(10)]).default(6),
	resolution: z.enum(['512P', '720P', '768P', '1080P']).default('768P'),
	submittedAt: z.string().default(''),
});

export async function waitForResult(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const provider = PROVIDERS[this.getNodeParameter('provider', 0) as ProviderId];
	const output: INodeExecutionData[] = new Array(items.length);

	const tasks: ItemTask[] = [];
	for (let i = 0; i < items.length; i++) {
		try {
			tasks.push({ handle: readHandle(this, provider, i), index: i, json: items[i].json });
		} catch (error) {
			if (!this.continueOnFail()) throw itemError(this, error, i);
			output[i] = errorItem(this, error, i, items[i].json);
		}
	}
	if (tasks.length > 0) {
		const client = await ProviderClient.connect(this, provider);
		await waitIntoItems(this, client, tasks, readWaitSettings(this), output);
	}
	return [output];
}

function readHandle(ctx: IExecuteFunctions, provider: HailuoProvider, itemIndex: number): TaskHandle {
	const node = ctx.getNode();
	if (ctx.getNodeParameter('taskSource', itemIndex) === 'manual') {
		const taskId = textParameter(ctx, 'taskId', itemIndex);
		if (!taskId) {
			throw new NodeOperationError(node, 'Task ID is empty (if it is an expression, it gave nothing for this item)', { itemIndex });
		}
		const model = textParameter(ctx, 'model', itemIndex);
		if (!model && provider.id === 'seaArt') {
			throw new NodeOperationError(node, 'Model is required for SeaArt tasks', {
				itemIndex,
				description: 'SeaArt finds a task under its model id, e.g. minimax_hailuo_23_i2v.',
			});
		}
		return { ...handleFromInput.parse({ provider: provider.id, taskId, model }), status: 'queued' };
	}

	const parsed = handleFromInput.safeParse(ctx.getInputData()[itemIndex].json);
	if (!parsed.success) {
		const issue = parsed.error.issues[0];
		throw new NodeOperationError(node, `The input item is not a Hailuo task: "${issue.path.join('.')}" ${issue.message.toLowerCase()}`, {
			itemIndex,
			description:
				'Connect this node after Hailuo Generate, or set Task Source to "Define Below" and give the task ID.',
		});
	}
	if (parsed.data.provider !== provider.id) {
		throw new NodeOperationError(
			node,
			`This item's task was created with ${PROVIDERS[parsed.data.provider].displayName}, but this node is set to ${provider.displayName}`,
			{ itemIndex, description: `Set Provider to ${PROVIDERS[parsed.data.provider].displayName} (and its credential).` },
		);
	}
	return { ...parsed.data, status: 'queued' };
}
