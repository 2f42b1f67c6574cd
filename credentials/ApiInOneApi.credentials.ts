import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

import { apiInOne } from '../nodes/shared/providers/apiInOne';
import { apiKeyProperty, baseUrlProperty, bearerAuthentication, requestsPerMinuteProperty } from './common';

export class ApiInOneApi implements ICredentialType {
	name = 'apiInOneApi';

	displayName = 'API in One API';

	icon: Icon = { light: 'file:../icons/apiinone.svg', dark: 'file:../icons/apiinone.dark.svg' };

	documentationUrl = 'https://apiin.one/docs';

	properties: INodeProperties[] = [
		apiKeyProperty('Starts with aio_'),
		baseUrlProperty(apiInOne.baseUrl), requestsPerMinuteProperty(),
	];

	authenticate: IAuthenticateGeneric = bearerAuthentication;

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
