import { NodeConnectionTypes } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import {
	expiringUrlHint,
	providerCredentials,
	providerNames,
	providerProperty,
	providerSubtitle,
	providersWhere,
	timeoutProperty,
	waitProperties,
} from '../shared/properties';
import { waitForResult } from './waitForResult';

export class HailuoWaitForResult implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Hailuo Wait for Result',
		name: 'hailuoWaitForResult',
		icon: { light: 'file:../../icons/hailuo.svg', dark: 'file:../../icons/hailuo.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: providerSubtitle('($parameter["downloadVideo"] ? "video file" : "video URL")'),
		description: 'Wait for Hailuo videos to finish and get their URLs or files',
		defaults: { name: 'Hailuo Wait for Result' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: providerCredentials,
		hints: expiringUrlHint(),
		properties: [
			{
				...providerProperty,
				description: 'The provider the tasks were created with (Hailuo Generate sets the same on each item)',
			},
			{
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
			},
			{
				displayName: 'Task ID',
				name: 'taskId',
				type: 'string',
				default: '',
				required: true,
				placeholder: 'e.g. 106916112212032',
				displayOptions: { show: { taskSource: ['manual'] } },
			},
			{
				displayName: 'Model',
				name: 'model',
				type: 'string',
				default: '',
				placeholder: 'e.g. MiniMax-Hailuo-2.3',
				description: `The model ID the task was created with. Needed for ${providerNames(providersWhere((c) => c.taskLookupNeedsModel))}; shown in the output otherwise.`,
				displayOptions: { show: { taskSource: ['manual'] } },
			},
			...waitProperties(),
			timeoutProperty(
				'How long to wait for all tasks. A task still running then becomes an error; it keeps running at the provider.',
			),
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await waitForResult.call(this);
	}
}
