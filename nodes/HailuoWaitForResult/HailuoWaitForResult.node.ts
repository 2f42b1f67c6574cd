import { NodeConnectionTypes } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { providerCredentials, providerProperty, providerSubtitle, waitProperties } from '../shared/properties';
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
		hints: [
			{
				message:
					'MiniMax video URLs expire after about an hour: turn on Download Video to keep the files, or publish them right away.',
				type: 'info',
				location: 'outputPane',
				whenToDisplay: 'afterExecution',
				displayCondition: '={{ $parameter["provider"] === "minimax" && !$parameter["downloadVideo"] }}',
			},
		],
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
				placeholder: 'e.g. minimax_hailuo_23_i2v',
				description: 'The model ID the task was created with. Needed for SeaArt; shown in the output otherwise.',
				displayOptions: { show: { taskSource: ['manual'] } },
			},
			...waitProperties(),
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await waitForResult.call(this);
	}
}
