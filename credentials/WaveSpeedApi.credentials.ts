import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

import { waveSpeed } from '../nodes/shared/providers/waveSpeed';
import { apiKeyProperty, baseUrlProperty, bearerAuthentication, requestsPerMinuteProperty } from './common';

export class WaveSpeedApi implements ICredentialType {
	name = 'waveSpeedApi';

	displayName = 'WaveSpeed AI API';

	icon: Icon = { light: 'file:../icons/wavespeed.svg', dark: 'file:../icons/wavespeed.dark.svg' };

	documentationUrl = 'https://wavespeed.ai/docs';

	properties: INodeProperties[] = [
		apiKeyProperty('From wavespeed.ai → Access Keys'),
		baseUrlProperty(waveSpeed.baseUrl),
		requestsPerMinuteProperty(),
	];

	authenticate: IAuthenticateGeneric = bearerAuthentication;

	// The account's balance: a free read that fails on a bad key (WaveSpeed's own n8n credential checks it too).
	test: ICredentialTestRequest = {
		request: { baseURL: '={{$credentials.baseUrl}}', url: '/api/v3/balance' },
		rules: [{ type: 'responseCode', properties: { value: 401, message: 'Invalid API key' } }],
	};
}
