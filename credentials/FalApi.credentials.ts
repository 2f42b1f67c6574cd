import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

import { fal } from '../nodes/shared/providers/fal';
import { apiKeyProperty, requestsPerMinuteProperty } from './common';

export class FalApi implements ICredentialType {
	name = 'falApi';

	displayName = 'fal.ai API';

	icon: Icon = { light: 'file:../icons/fal.svg', dark: 'file:../icons/fal.dark.svg' };

	documentationUrl = 'https://docs.fal.ai/model-apis/authentication';

	properties: INodeProperties[] = [
		apiKeyProperty('From fal.ai → Dashboard → Keys (the whole key, "id:secret")'),
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: fal.baseUrl,
			description:
				"Leave empty to use fal's hosts. A proxy or test server set here serves all of them: the queue at this URL, rest.fal.ai under /rest, api.fal.ai under /api.",
		},
		requestsPerMinuteProperty(),
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: { headers: { Authorization: '=Key {{$credentials.apiKey}}' } },
	};

	// The price of a Hailuo endpoint: a free read that needs a valid key, and creates nothing.
	test: ICredentialTestRequest = {
		request: {
			baseURL: `={{$credentials.baseUrl ? $credentials.baseUrl.replace(/\\/+$/, '') + '/api' : '${fal.hosts!.api}'}}`,
			url: '/v1/models/pricing',
			qs: { endpoint_id: fal.models[0].value },
		},
		rules: [
			{ type: 'responseCode', properties: { value: 401, message: 'Invalid API key' } },
			{ type: 'responseCode', properties: { value: 403, message: 'Invalid API key' } },
		],
	};
}
