import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

import { seaArt } from '../nodes/shared/providers/seaArt';
import { apiKeyProperty, baseUrlProperty, bearerAuthentication, requestsPerMinuteProperty } from './common';

export class SeaArtApi implements ICredentialType {
	name = 'seaArtApi';

	displayName = 'SeaArt API';

	icon: Icon = { light: 'file:../icons/seaart.svg', dark: 'file:../icons/seaart.dark.svg' };

	documentationUrl = 'https://cloud.seaart.ai/docs/model-api/multimodal/setup';

	properties: INodeProperties[] = [apiKeyProperty(), baseUrlProperty(seaArt.baseUrl), requestsPerMinuteProperty()];

	authenticate: IAuthenticateGeneric = bearerAuthentication;

	// SeaArt has no account endpoint. Asking for a request that does not exist answers 401 with
	// a bad key and 404 {"detail": ...} with a good one, so the check reads the body, not the status:
	// any answer without that `detail` (a wrong Base URL, an outage page) fails too.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl}}',
			url: '/model/v1/queue/minimax_hailuo_23_i2v/requests/n8n-credential-check/status',
			ignoreHttpStatusErrors: true,
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: { key: 'error.code', value: 'UNAUTHORIZED', message: 'Invalid API key' },
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'detail',
					value: undefined,
					message: 'Unexpected answer: check the Base URL (SeaArt may also be unavailable)',
				},
			},
		],
	};
}
