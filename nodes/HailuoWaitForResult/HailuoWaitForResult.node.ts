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
	minimumWaitProperty,
	waitProperties,
} from '../shared/properties';
import { waitForResult } from './waitForResult';

const CHECK_ONCE_OUTPUTS = [
	{ type: NodeConnectionTypes.Main, displayName: 'Ready' },
	{ type: NodeConnectionTypes.Main, displayName: 'Still Rendering' },
	{ type: NodeConnectionTypes.Main, displayName: 'Failed' },
];

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
		// Check Once routes each task to Ready, Still Rendering or Failed.
		outputs: `={{ $parameter["waitMode"] === "checkOnce" ? ${JSON.stringify(CHECK_ONCE_OUTPUTS)} : ["main"] }}`,
		credentials: providerCredentials,
		hints: expiringUrlHint(),
		properties: [
			{
				...providerProperty,
				description: 'The provider the tasks were created with (Hailuo Generate sets the same on each item)',
			},
			{
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
			minimumWaitProperty,
			timeoutProperty(
				'How long to wait for all tasks (in Check Once mode: how long a task may take from its creation). A task still running then becomes an error; it keeps running at the provider.',
			),
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await waitForResult.call(this);
	}
}
