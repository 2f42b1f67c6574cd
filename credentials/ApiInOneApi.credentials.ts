import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

import { API_IN_ONE_BASE } from '../nodes/shared/providers/apiInOne';

export class ApiInOneApi implements ICredentialType {
	name = 'apiInOneApi';

	displayName = 'API in One API';

	icon: Icon = { light: 'file:../icons/apiinone.svg', dark: 'file:../icons/apiinone.dark.svg' };

	documentationUrl = 'https://apiin.one/docs';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description: 'Starts with aio_',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: API_IN_ONE_BASE,
			description: 'Change it only to go through a proxy or to a test server',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: { headers: { Authorization: '=Bearer {{$credentials.apiKey}}' } },
	};

	// No account endpoint is documented. A task that does not exist answers 401 with a bad key
	// and 404 with a good one, both with an `error` object, so the check reads the body, not the
	// status: any answer without `error.code` (a wrong Base URL, an outage page) fails too.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl}}',
			url: '/tasks/n8n-credential-check',
			ignoreHttpStatusErrors: true,
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: { key: 'error.code', value: 401, message: 'Invalid API key' },
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'error.code',
					value: undefined,
					message: 'Unexpected answer: check the Base URL (API in One may also be unavailable)',
				},
			},
		],
	};
}
