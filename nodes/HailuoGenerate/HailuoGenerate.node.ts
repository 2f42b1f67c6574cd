import { NodeConnectionTypes } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import {
	cameraMovementsProperty,
	durationProperty,
	frameProperties,
	generationOptionsProperty,
	MODEL_SUBTITLE,
	modeAndModelProperties,
	promptProperty,
	providerCredentials,
	providerProperty,
	providerSubtitle,
	resolutionProperty,
	sendResultsToProperties,
	timeoutProperty,
	waitProperties,
} from '../shared/properties';
import { generate } from './generate';

export class HailuoGenerate implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Hailuo Generate',
		name: 'hailuoGenerate',
		icon: { light: 'file:../../icons/hailuo.svg', dark: 'file:../../icons/hailuo.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: providerSubtitle(MODEL_SUBTITLE),
		description: 'Start a MiniMax Hailuo video from a prompt or an image',
		defaults: { name: 'Hailuo Generate' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: providerCredentials,
		properties: [
			providerProperty,
			...modeAndModelProperties(),
			promptProperty,
			...frameProperties('firstFrame', 'First Frame', ['imageToVideo', 'firstLastFrame']),
			...frameProperties('lastFrame', 'Last Frame', ['firstLastFrame']),
			...frameProperties('subject', 'Subject Image', ['subjectReference']),
			cameraMovementsProperty,
			durationProperty,
			resolutionProperty,
			generationOptionsProperty,
			...sendResultsToProperties(),
			{
				displayName: 'Wait for Completion',
				name: 'waitForCompletion',
				type: 'boolean',
				default: false,
				description:
					'Whether to wait here until the videos are ready. Off: output the task at once and use Hailuo Wait for Result.',
			},
			...waitProperties({ waitForCompletion: [true] }),
			timeoutProperty(
				'How long this node may take: creates the provider refuses for rate wait for the account\'s next free slot until then, and with Wait for Completion the videos must be ready by then (a task still running then becomes an error; it keeps running at the provider).',
			),
			{
				displayName: 'Max Cost per Run (USD)',
				name: 'maxCostPerRun',
				type: 'number',
				typeOptions: { minValue: 0, numberPrecision: 2 },
				default: 0,
				description:
					'Refuse the whole batch, before anything is paid for, when the estimated cost of its tasks (from the providers\' published prices; see estimatedCost in the output) is above this. Tasks without a known price count as unknown, and a batch with any is refused too. 0: no limit.',
			},
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await generate.call(this);
	}
}
