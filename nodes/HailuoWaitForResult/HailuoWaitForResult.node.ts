import { NodeConnectionTypes } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import {
	expiringUrlHint,
	providerCredential,
	providerProperty,
	providerSubtitle,
	timeoutProperty,
	minimumWaitProperty,
	waitProperties,
} from '../shared/properties';
import { credentialTest } from '../shared/credentialTests';
import { failureAsToolAnswer } from '../shared/toolMode';
import { taskSourceProperties, waitForResult, waitModeProperty, waitToolDescriptions } from './waitForResult';

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
		hints: expiringUrlHint(),
		properties: [
			{
				...providerProperty,
				description: 'The provider the tasks were created with (Hailuo Generate sets the same on each item)',
			},
			...waitToolDescriptions,
			waitModeProperty,
			...taskSourceProperties,
			...waitProperties(),
			minimumWaitProperty,
			timeoutProperty(
				'How long to wait for all tasks (in Check Once mode: how long a task may take from its creation). A task still running then becomes an error; it keeps running at the provider.',
			),
		],
	};

	methods = { credentialTest };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		try {
			return await waitForResult.call(this);
		} catch (error) {
			return failureAsToolAnswer(this, error);
		}
	}
}
