import { NodeConnectionTypes } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import {
	aspectRatioProperties,
	cameraMovementsProperty,
	durationProperty,
	durationSecondsProperty,
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
import { referenceProperties } from '../shared/referenceInput';
import { generate, maxCostPerRunProperty, waitForCompletionProperty } from './generate';

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
			...frameProperties('lastFrame', 'Last Frame', ['firstLastFrame', 'lastFrame']),
			...frameProperties('subject', 'Subject Image', ['subjectReference']),
			...referenceProperties(),
			cameraMovementsProperty,
			durationProperty,
			durationSecondsProperty,
			...aspectRatioProperties(),
			resolutionProperty,
			generationOptionsProperty,
			...sendResultsToProperties(),
			waitForCompletionProperty,
			...waitProperties({ waitForCompletion: [true] }),
			timeoutProperty(
				'How long this node may take: creates the provider refuses for rate wait for the account\'s next free slot until then, and with Wait for Completion the videos must be ready by then (a task still running then becomes an error; it keeps running at the provider).',
			),
			maxCostPerRunProperty,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await generate.call(this);
	}
}
