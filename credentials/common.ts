import type { IAuthenticateGeneric, INodeProperties } from 'n8n-workflow';

// What every provider credential has in common: a Bearer API key and a Base URL that can point
// at a proxy or a test server (the emulator).

export function apiKeyProperty(description?: string): INodeProperties {
	return {
		displayName: 'API Key',
		name: 'apiKey',
		type: 'string',
		typeOptions: { password: true },
		required: true,
		default: '',
		...(description ? { description } : {}),
	};
}

export function baseUrlProperty(defaultUrl: string): INodeProperties {
	return {
		displayName: 'Base URL',
		name: 'baseUrl',
		type: 'string',
		default: defaultUrl,
		description: 'Change it only to go through a proxy or to a test server',
	};
}

/** A known account limit for the pacer; 0 lets the nodes learn it from the provider's refusals. */
export function requestsPerMinuteProperty(documented?: number): INodeProperties {
	return {
		displayName: 'Video Requests per Minute',
		name: 'requestsPerMinute',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 0,
		description:
			'How many video create requests per minute the account allows. 0: learn it from the provider\'s refusals.' +
			(documented ? ` The documented limit is ${documented}; plans may allow more.` : ''),
	};
}

export const bearerAuthentication: IAuthenticateGeneric = {
	type: 'generic',
	properties: { headers: { Authorization: '=Bearer {{$credentials.apiKey}}' } },
};
