import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

import { minimax } from '../nodes/shared/providers/minimax';
import { apiKeyProperty, bearerAuthentication, requestsPerMinuteProperty } from './common';

export class MiniMaxApi implements ICredentialType {
	name = 'miniMaxApi';

	displayName = 'MiniMax API';

	icon: Icon = { light: 'file:../icons/minimax.svg', dark: 'file:../icons/minimax.dark.svg' };

	documentationUrl = 'https://platform.minimax.io/docs/api-reference/video-generation-i2v';

	properties: INodeProperties[] = [
		apiKeyProperty(
			'Pay-as-you-go keys start with sk-api-, Token Plan keys with sk-cp-. Hailuo 3 (H3, H3 Max) needs a pay-as-you-go key; Token Plan keys work for Hailuo 2.x only.',
		),
		{
			displayName: 'Region',
			name: 'region',
			type: 'options',
			options: [
				{ name: 'Global (api.minimax.io)', value: 'global' },
				{ name: 'China Mainland (api.minimaxi.com)', value: 'china' },
				// MiniMax's newer China pages name this host; its older pages and README the one above.
				{ name: 'China Mainland (api.minimax.cn)', value: 'chinaCn' },
			],
			default: 'global',
			description: 'The platform the key was created on: keys work only on their own region. MiniMax documents both China hosts.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: minimax.baseUrl,
			description:
				'Leave empty to use the region\'s host. Set it to go through a proxy or to a test server.',
		},
		requestsPerMinuteProperty(minimax.limits.createsPerMinute),
	];

	authenticate: IAuthenticateGeneric = bearerAuthentication;

	// MiniMax answers HTTP 200 with base_resp.status_code for a bad key, so the body decides.
	test: ICredentialTestRequest = {
		request: {
			baseURL: `={{$credentials.baseUrl || (${JSON.stringify(minimax.regionBaseUrls)}[$credentials.region] ?? '${minimax.baseUrl}')}}`,
			url: '/v1/files/list',
			qs: { purpose: 'video_generation' },
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'base_resp.status_code',
					value: 1004,
					message: 'Authentication failed: the API key is wrong or belongs to the other region',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: { key: 'base_resp.status_code', value: 2049, message: 'Invalid API key' },
			},
		],
	};
}
