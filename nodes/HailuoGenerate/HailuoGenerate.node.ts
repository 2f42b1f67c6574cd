import { NodeConnectionTypes } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import {
	aspectRatioProperties,
	cameraMovementsProperty,
	durationProperties,
	frameProperties,
	generationOptionsProperty,
	MODEL_SUBTITLE,
	modeAndModelProperties,
	promptProperties,
	providerCredential,
	providerProperty,
	providerSubtitle,
	resolutionProperties,
	sendResultsToProperties,
	timeoutProperty,
	waitProperties,
} from '../shared/properties';
import { credentialTest } from '../shared/credentialTests';
import { failureAsToolAnswer } from '../shared/toolMode';
import { referenceProperties } from '../shared/referenceInput';
import { generate, generateToolDescriptions, maxCostPerRunProperty, waitForCompletionProperties } from './generate';

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
		// One literal entry per provider: n8n's lint reads Kie.ai's `testedBy` (its test is a function, see
		// shared/credentialTests.ts) only from a literal entry, and fails on entries that are not objects.
		credentials: [
			{ ...providerCredential('minimax') },
			{ ...providerCredential('atlasCloud') },
			{ ...providerCredential('seaArt') },
			{ ...providerCredential('apiInOne') },
			{ ...providerCredential('fal') },
			{ ...providerCredential('replicate') },
			{ ...providerCredential('waveSpeed') },
			{ ...providerCredential('kie'), name: 'kieApi', testedBy: 'kieApiTest' },
		],
		properties: [
			providerProperty,
			...generateToolDescriptions,
			...modeAndModelProperties(),
			...promptProperties,
			...frameProperties('firstFrame', 'First Frame', ['imageToVideo', 'firstLastFrame']),
			...frameProperties('lastFrame', 'Last Frame', ['firstLastFrame', 'lastFrame']),
			...frameProperties('subject', 'Subject Image', ['subjectReference']),
			...referenceProperties(),
			cameraMovementsProperty,
			...durationProperties,
			...aspectRatioProperties(),
			...resolutionProperties,
			generationOptionsProperty,
			...sendResultsToProperties(),
			...waitForCompletionProperties,
			...waitProperties({ waitForCompletion: [true] }),
			timeoutProperty(
				'How long this node may take: creates the provider refuses for rate wait for the account\'s next free slot until then, and with Wait for Completion the videos must be ready by then (a task still running then becomes an error; it keeps running at the provider).',
			),
			maxCostPerRunProperty,
		],
	};

	methods = { credentialTest };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		try {
			return await generate.call(this);
		} catch (error) {
			return failureAsToolAnswer(this, error);
		}
	}
}
