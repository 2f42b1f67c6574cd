import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

import { KIE_CODES, kie } from '../nodes/shared/providers/kie';
import { apiKeyProperty, bearerAuthentication, requestsPerMinuteProperty } from './common';

export class KieApi implements ICredentialType {
	name = 'kieApi';

	displayName = 'Kie.ai API';

	icon: Icon = { light: 'file:../icons/kie.svg', dark: 'file:../icons/kie.dark.svg' };

	documentationUrl = 'https://docs.kie.ai';

	properties: INodeProperties[] = [
		apiKeyProperty('From kie.ai/api-key'),
		{
			displayName: 'Webhook HMAC Key',
			name: 'webhookSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Optional. The webhookHmacKey of your Kie.ai settings page, once you enabled signed callbacks there: the Hailuo Trigger then refuses callbacks without a valid X-Webhook-Signature.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: kie.baseUrl,
			description:
				"Leave empty to use Kie.ai's hosts. A proxy or test server set here serves both: the API at this URL, the File Upload API (kieai.redpandaai.co) under /upload.",
		},
		requestsPerMinuteProperty(),
	];

	authenticate: IAuthenticateGeneric = bearerAuthentication;

	// The account's remaining credits: a free read. Kie writes its verdict in the body's `code` (the HTTP
	// status may be 200 either way), and only 200 is success
	// (https://docs.kie.ai/common-api/get-account-credits). n8n's rules can only name answers that fail
	// (a body value equal to a given one), so every other code Kie documents gets a rule, and so does an
	// answer without a code (a wrong Base URL, an outage page).
	test: ICredentialTestRequest = {
		request: {
			baseURL: `={{$credentials.baseUrl ? $credentials.baseUrl.replace(/\\/+$/, '') : '${kie.baseUrl}'}}`,
			url: '/api/v1/chat/credit',
			ignoreHttpStatusErrors: true,
		},
		rules: [
			{ type: 'responseSuccessBody', properties: { key: 'code', value: 401, message: 'Invalid API key' } },
			...Object.entries(KIE_CODES)
				.filter(([code]) => code !== '401')
				.map(([code, { message }]) => ({
					type: 'responseSuccessBody' as const,
					properties: { key: 'code', value: Number(code), message: `${message} (Kie.ai code ${code})${code === '404' ? ': check the Base URL' : ''}` },
				})),
			{
				type: 'responseSuccessBody',
				properties: { key: 'code', value: undefined, message: 'Unexpected answer: check the Base URL (Kie.ai may also be unavailable)' },
			},
		],
	};
}
