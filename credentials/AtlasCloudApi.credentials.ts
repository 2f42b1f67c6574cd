import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

import { atlasCloud } from '../nodes/shared/providers/atlasCloud';
import { apiKeyProperty, baseUrlProperty, bearerAuthentication, requestsPerMinuteProperty } from './common';

export class AtlasCloudApi implements ICredentialType {
	name = 'atlasCloudApi';

	displayName = 'Atlas Cloud API';

	icon: Icon = { light: 'file:../icons/atlascloud.svg', dark: 'file:../icons/atlascloud.dark.svg' };

	documentationUrl = 'https://www.atlascloud.ai/docs/predictions';

	properties: INodeProperties[] = [apiKeyProperty(), baseUrlProperty(atlasCloud.baseUrl), requestsPerMinuteProperty()];

	authenticate: IAuthenticateGeneric = bearerAuthentication;

	// The model list needs a valid key (Atlas's own n8n credential checks the same endpoint).
	test: ICredentialTestRequest = {
		request: { baseURL: '={{$credentials.baseUrl}}', url: '/v1/models' },
		rules: [{ type: 'responseCode', properties: { value: 401, message: 'Invalid API key' } }],
	};
}
