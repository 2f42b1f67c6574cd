import { NodeConnectionTypes } from 'n8n-workflow';
import type { INodeType, INodeTypeDescription, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { callbackProviderProperty, downloadProperties, providerCredential, providerSubtitle } from '../shared/properties';
import { credentialTest } from '../shared/credentialTests';
import { receiveCallback } from './trigger';

export class HailuoTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Hailuo Trigger',
		name: 'hailuoTrigger',
		icon: { light: 'file:../../icons/hailuo.svg', dark: 'file:../../icons/hailuo.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: providerSubtitle('"when a video is ready"'),
		description: 'Starts the workflow when a Hailuo video is ready, from the provider\'s callback',
		defaults: { name: 'Hailuo Trigger' },
		inputs: [],
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
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'hailuo' }],
		properties: [
			{
				displayName:
					'Paste this node\'s Production URL into Hailuo Generate\'s "Send Results To: A Hailuo Trigger" (same provider and credential), then Publish this workflow (n8n 1.x: switch it to Active)',
				name: 'setupNotice',
				type: 'notice',
				default: '',
			},
			callbackProviderProperty,
			...downloadProperties(),
		],
	};

	methods = { credentialTest };

	// Nothing is registered at the provider: Hailuo Generate sends this URL with each task.
	webhookMethods = {
		default: {
			checkExists: async (): Promise<boolean> => true,
			create: async (): Promise<boolean> => true,
			delete: async (): Promise<boolean> => true,
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receiveCallback.call(this);
	}
}
