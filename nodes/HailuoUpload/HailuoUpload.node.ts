import { NodeConnectionTypes } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import {
	binaryImageText,
	imageRulesText,
	providerCredential,
	providerProperty,
	providerSubtitle,
} from '../shared/properties';
import { credentialTest } from '../shared/credentialTests';
import { upload } from './upload';

export class HailuoUpload implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Hailuo Upload',
		name: 'hailuoUpload',
		icon: { light: 'file:../../icons/hailuo.svg', dark: 'file:../../icons/hailuo.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: providerSubtitle('"image to URL"'),
		description: 'Turn an image file into a URL a Hailuo provider accepts',
		defaults: { name: 'Hailuo Upload' },
		// Not offered as an AI Agent tool: it reads an input binary, and a tool receives JSON only. n8n offers a
		// node as a tool when this is truthy; its lint asks every node to state it.
		usableAsTool: undefined,
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
			{
				...providerProperty,
				description: `The provider that will use the image. ${binaryImageText()}.`,
			},
			{
				displayName: 'Input Binary Field',
				name: 'binaryPropertyName',
				type: 'string',
				default: 'data',
				required: true,
				hint: 'The name of the input binary field holding the image',
				description: imageRulesText(),
			},
		],
	};

	methods = { credentialTest };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await upload.call(this);
	}
}
