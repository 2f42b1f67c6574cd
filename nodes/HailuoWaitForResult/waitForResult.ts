/**
 * Hailuo Wait for Result: read each item's task, wait for all of them in one loop, output videos.
 * The node's own parameters are described here, beside the code that reads them.
 */
import { NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { MODE_NAMES, RESOLUTION_ORDER, providerRanges } from '../shared/catalog';
import { failedItemOutput, nodeErrorFor } from '../shared/itemErrors';
import { readMinimumWaitMs, readWaitSettings, textParameter } from '../shared/parameterValues';
import { providerNames, providersWhere } from '../shared/properties';
import { PROVIDER_IDS, providerById } from '../shared/providers';
import type { ProviderId, RegisteredProvider, TaskHandle } from '../shared/providers';
import { ProviderConnection } from '../shared/transport';
import { checkOnceForAgent, checkOnceIntoOutputs, waitIntoItems } from '../shared/waitOutputs';
import type { CheckOnceOutputs, ItemTask } from '../shared/waitOutputs';
import type { GenerationMode, Resolution } from '../shared/types';
import { asTool, choosableByAgent, outsideAgent, runsAsTool, toolDescriptionProperties } from '../shared/toolMode';
import { TaskWatcher } from '../shared/waiting';

/** What Hailuo Generate outputs; older or hand-made items may lack the descriptive fields. */
const handleFromInput = z.object({
	provider: z.enum(PROVIDER_IDS as [ProviderId, ...ProviderId[]]),
	taskId: z.union([z.string().min(1), z.number()]).transform(String),
	model: z.string().default(''),
	mode: z.enum(Object.keys(MODE_NAMES) as [GenerationMode, ...GenerationMode[]]).default('imageToVideo'),
	// Whole seconds: 6 or 10 for Hailuo 2.x, 4–15 for Hailuo 3.
	duration: z.number().int().positive().default(6),
	resolution: z.enum(RESOLUTION_ORDER as [Resolution, ...Resolution[]]).default('768P'),
	submittedAt: z.string().default(''),
	taskUrls: z.object({ status: z.string().optional(), result: z.string().optional(), cancel: z.string().optional() }).optional(),
});

/** Mode, read first by waitForResult: everything after it depends on it. */
export const waitModeProperty: INodeProperties = {
	displayName: 'Mode',
	name: 'waitMode',
	type: 'options',
	noDataExpression: true,
	options: [
		{
			name: 'Wait Until Done',
			value: 'untilDone',
			description: 'Check until every task has ended, then output them all (this execution waits meanwhile)',
		},
		{
			name: 'Check Once',
			value: 'checkOnce',
			description:
				'Check each task once and route it to Ready, Still Rendering or Failed. Loop Still Rendering through a Wait node ("At Specified Time", at the items\' resumeAt) back here: nothing runs while the videos render.',
		},
	],
	default: 'untilDone',
};

export async function waitForResult(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const provider = providerById(this.getNodeParameter('provider', 0) as ProviderId);
	const checkOnce = this.getNodeParameter('waitMode', 0, 'untilDone') === 'checkOnce';
	const output: INodeExecutionData[] = new Array(items.length);
	const checkOnceOutputs: CheckOnceOutputs = [[], [], []];
	// Settings first: a bad Timeout or Check Every is refused before any call.
	const settings = readWaitSettings(this);
	const minimumWaitMs = checkOnce ? readMinimumWaitMs(this) : 0;

	const tasks: ItemTask[] = [];
	for (let i = 0; i < items.length; i++) {
		try {
			tasks.push({ handle: readHandle(this, provider, i), index: i, json: items[i].json });
		} catch (error) {
			if (!this.continueOnFail()) throw nodeErrorFor(this, error, i);
			if (checkOnce) checkOnceOutputs[2].push(failedItemOutput(this, error, i, items[i].json));
			else output[i] = failedItemOutput(this, error, i, items[i].json);
		}
	}
	if (checkOnce) {
		if (tasks.length > 0) {
			const connection = await ProviderConnection.open(this, provider);
			await checkOnceIntoOutputs(this, connection, tasks, settings, minimumWaitMs, checkOnceOutputs);
		}
		return runsAsTool(this) ? checkOnceForAgent(checkOnceOutputs) : checkOnceOutputs;
	}
	if (tasks.length > 0) {
		const connection = await ProviderConnection.open(this, provider);
		const watcher = new TaskWatcher(this, connection, settings, Date.now() + settings.timeoutMs);
		for (const task of tasks) watcher.watch(task.handle, task.index);
		await waitIntoItems(this, connection, watcher, tasks, settings, output);
	}
	return [output];
}

/** Where each item's task comes from, read by readHandle below; as a tool, the task the LLM names. */
const taskSourceProperty: INodeProperties = {
	displayName: 'Task Source',
	name: 'taskSource',
	type: 'options',
	noDataExpression: true,
	options: [
		{
			name: 'From Hailuo Generate',
			value: 'input',
			description: 'Each input item is a task output by Hailuo Generate',
		},
		{ name: 'Define Below', value: 'manual', description: 'Give the task ID (e.g. from an expression)' },
	],
	default: 'input',
};

const taskIdProperty: INodeProperties = {
	displayName: 'Task ID',
	name: 'taskId',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. 106916112212032',
	displayOptions: { show: { taskSource: ['manual'] } },
};

const taskModelProperty: INodeProperties = {
	displayName: 'Model',
	name: 'model',
	type: 'string',
	default: '',
	placeholder: 'e.g. MiniMax-Hailuo-2.3',
	description: `The model ID the task was created with. Needed for ${providerNames(providersWhere((c) => c.taskLookupNeedsModel === true))}, and for Hailuo 3 tasks on ${providerNames(providersWhere((c) => c.taskLookupNeedsModel === 'hailuo3'))}; shown in the output otherwise.`,
	displayOptions: { show: { taskSource: ['manual'] } },
};

/** What the LLM is told Hailuo Wait for Result does and returns. */
export const waitToolDescriptions = toolDescriptionProperties(PROVIDER_IDS, (id) => {
	const provider = providerById(id as ProviderId);
	return (
		`Gets a Hailuo video already created on ${provider.displayName}: give the taskId and model that Hailuo Generate returned. ` +
		`Waits until it is ready and returns its videoUrl (renders take typically ${providerRanges(provider.id).renderMinutes} min); ` +
		'in Check Once mode it checks once and answers ready (with videoUrl), still rendering (with when to ask again) or failed (with why). ' +
		'Checking is free and never creates or bills a video.'
	);
});

export const taskSourceProperties: INodeProperties[] = [
	outsideAgent(taskSourceProperty),
	asTool(taskSourceProperty, { default: 'manual' }),
	...choosableByAgent(taskIdProperty, 'taskId', 'The taskId Hailuo Generate returned for the video'),
	...choosableByAgent(taskModelProperty, 'model', 'The model id Hailuo Generate returned with the taskId (its "model" field), exactly as given'),
];

function readHandle(ctx: IExecuteFunctions, provider: RegisteredProvider, itemIndex: number): TaskHandle {
	const node = ctx.getNode();
	if (ctx.getNodeParameter('taskSource', itemIndex) === 'manual') {
		const taskId = textParameter(ctx, 'taskId', itemIndex);
		if (!taskId) {
			throw new NodeOperationError(node, 'Task ID is empty (if it is an expression, it gave nothing for this item)', { itemIndex });
		}
		const model = textParameter(ctx, 'model', itemIndex);
		if (!model && provider.capabilities.taskLookupNeedsModel === true) {
			throw new NodeOperationError(node, `Model is required for ${provider.displayName} tasks`, {
				itemIndex,
				description: `${provider.displayName} finds a task under its model id, e.g. ${provider.models[0].value}.`,
			});
		}
		return handleFromInput.parse({ provider: provider.id, taskId, model });
	}

	const json = ctx.getInputData()[itemIndex].json;
	const parsed = handleFromInput.safeParse(json);
	if (!parsed.success && typeof json.error === 'string') {
		// An item an upstream node (Generate with "Continue") output as failed: the same error goes on.
		throw new NodeOperationError(node, json.error, {
			itemIndex,
			description: typeof json.errorDetails === 'string' ? json.errorDetails : undefined,
		});
	}
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
			`This item's task was created with ${providerById(parsed.data.provider).displayName}, but this node is set to ${provider.displayName}`,
			{ itemIndex, description: `Set Provider to ${providerById(parsed.data.provider).displayName} (and its credential).` },
		);
	}
	return parsed.data;
}
