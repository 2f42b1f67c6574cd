import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

import { replicate } from '../nodes/shared/providers/replicate';
import { apiKeyProperty, baseUrlProperty, bearerAuthentication, requestsPerMinuteProperty } from './common';

export class ReplicateApi implements ICredentialType {
	name = 'replicateApi';

	displayName = 'Replicate API';

	icon: Icon = { light: 'file:../icons/replicate.svg', dark: 'file:../icons/replicate.dark.svg' };

	documentationUrl = 'https://replicate.com/docs/reference/http#authentication';

	properties: INodeProperties[] = [
		apiKeyProperty('An API token from replicate.com/account/api-tokens (starts with r8_)'),
		baseUrlProperty(replicate.baseUrl),
		requestsPerMinuteProperty(replicate.limits.createsPerMinute),
	];

	authenticate: IAuthenticateGeneric = bearerAuthentication;

	// The account of the token: a free read that fails on a bad token.
	test: ICredentialTestRequest = {
		request: { baseURL: '={{$credentials.baseUrl}}', url: '/account' },
		rules: [{ type: 'responseCode', properties: { value: 401, message: 'Invalid API key' } }],
	};
}
