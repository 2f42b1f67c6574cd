import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

import { ATLAS_CLOUD_HOST } from '../nodes/shared/providers/atlasCloud';

export class AtlasCloudApi implements ICredentialType {
	name = 'atlasCloudApi';

	displayName = 'Atlas Cloud API';

	icon: Icon = { light: 'file:../icons/atlascloud.svg', dark: 'file:../icons/atlascloud.dark.svg' };

	documentationUrl = 'https://www.atlascloud.ai/docs/predictions';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: ATLAS_CLOUD_HOST,
			description: 'Change it only to go through a proxy or to a test server',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: { headers: { Authorization: '=Bearer {{$credentials.apiKey}}' } },
	};

	// The model list needs a valid key (Atlas's own n8n credential checks the same endpoint).
	test: ICredentialTestRequest = {
		request: { baseURL: '={{$credentials.baseUrl}}', url: '/v1/models' },
		rules: [{ type: 'responseCode', properties: { value: 401, message: 'Invalid API key' } }],
	};
}
