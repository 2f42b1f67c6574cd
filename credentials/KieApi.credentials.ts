import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

import { kie } from '../nodes/shared/providers/kie';
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

	// No `test` here: n8n's declarative rules cannot say "fail unless the body's code is 200", so each node
	// serves a function test for this credential (nodes/shared/credentialTests.ts, `testedBy: 'kieApiTest'`).
}
