// The provider credentials the examples reference (ids fixed by examples/*.json), pointing at the
// emulator, and the credential tests n8n's own tester must pass (POST /rest/credentials/test, the
// call the editor makes when a credential modal opens). Both are derived from the registry, so a
// new provider is tested without an edit here; expected messages come from credentials/. Also the
// credentials of n8n's own publishing nodes the examples use (PUBLISHING_CREDENTIALS).
'use strict';

const path = require('node:path');
const { providers, emulatorCredentialData, exampleCredential } = require('../registry');
const telegramBotApi = require('../emulator/telegram');

const ROOT = path.resolve(__dirname, '..', '..');

/** The package's credential types as n8n loads them, from the build. */
function packageCredentialTypes() {
	const pkg = require(path.join(ROOT, 'package.json'));
	return pkg.n8n.credentials.map((file) => {
		const credential = new (Object.values(require(path.join(ROOT, file)))[0])();
		return { name: credential.name, displayName: credential.displayName, testRules: credential.test?.rules ?? [] };
	});
}

// n8n 1.x's credential tester never reaches a `responseCode` rule (the HTTP error it catches has no
// `cause.response`): it reports the host's 401 in n8n's own words. Still an error, as on 2.x.
const N8N1_UNAUTHORIZED = 'Authorization failed - please check your credentials';

/** The answer n8n `major` gives where the credential's `responseCode` rule would say `message`. */
function answerOf(major, type, message) {
	const rules = packageCredentialTypes().find((c) => c.name === type)?.testRules ?? [];
	const byResponseCode = rules.some((rule) => rule.type === 'responseCode' && rule.properties.message === message);
	return major < 2 && byResponseCode ? N8N1_UNAUTHORIZED : message;
}

function providerCredentials(emulatorUrl) {
	const data = emulatorCredentialData(emulatorUrl);
	return providers().map((p) => ({ ...exampleCredential(p), type: p.credentialType, data: data[p.credentialType] }));
}

/**
 * Credentials of n8n's own publishing nodes in the examples (ids fixed by examples/*.json). Telegram's takes a
 * Base URL: it points at the emulator's Bot API stand-in. YouTube (OAuth2, Google's host) and the Facebook
 * Graph API (fixed host) cannot post here: their placeholders only make the examples' references resolve.
 */
const PUBLISHING_CREDENTIALS = {
	telegramApi: { id: 'publishTelegram', name: 'Telegram bot' },
	youTubeOAuth2Api: { id: 'publishYouTube', name: 'YouTube account' },
	facebookGraphApi: { id: 'publishFacebookGraph', name: 'Facebook Graph API account' },
};

/** The data of each publishing credential type, for n8n's import and for the test harness. */
function publishingCredentialData(emulatorUrl) {
	return {
		telegramApi: { accessToken: telegramBotApi.TOKEN, baseUrl: emulatorUrl + telegramBotApi.PREFIX },
		youTubeOAuth2Api: { clientId: 'placeholder.apps.googleusercontent.com', clientSecret: 'placeholder' },
		facebookGraphApi: { accessToken: 'placeholder' },
	};
}

function credentialsFor(emulatorUrl) {
	const data = publishingCredentialData(emulatorUrl);
	const publishing = Object.entries(PUBLISHING_CREDENTIALS).map(([type, reference]) => ({ ...reference, type, data: data[type] }));
	return [...providerCredentials(emulatorUrl), ...publishing, ...otherCredentialsFor(emulatorUrl)];
}

/** n8n's own credentials the examples reference: the OpenAI one (video-agent) at the emulator's scripted chat model. */
function otherCredentialsFor(emulatorUrl) {
	const openAi = require('../emulator/openai');
	return [{ id: 'hailuoOpenAi', name: 'OpenAI account', type: 'openAiApi', data: { apiKey: openAi.apiKey, url: `${emulatorUrl}${openAi.prefix}` } }];
}

const OK = 'Connection successful!';

/** Answers a provider's credential test gives beyond a good and a bad key. */
const EXTRA_CASES = {
	minimax: [['key of the other region (1004)', { apiKey: 'sk-api-wrong' }, 'Error', 'Authentication failed: the API key is wrong or belongs to the other region']],
	seaArt: [['wrong Base URL', { baseUrl: '/wrong' }, 'Error', 'Unexpected answer: check the Base URL (SeaArt may also be unavailable)']],
	apiInOne: [['wrong Base URL', { baseUrl: '/wrong' }, 'Error', 'Unexpected answer: check the Base URL (API in One may also be unavailable)']],
	kie: [['wrong Base URL path (code 404 in an HTTP 200)', { baseUrl: '/kie/wrong' }, 'Error', 'Not found (Kie.ai code 404): check the Base URL']],
};

/** Each case: the stored credential it tests, the data the user typed, and the answer n8n (`major`) must give. */
function credentialTestCases(emulatorUrl, { major = 2 } = {}) {
	const others = otherCredentialsFor(emulatorUrl).map(({ id, name, type, data }) => ({
		label: `${type}: good key (the emulator's chat model)`,
		credential: { id, name, type, data },
		expected: { status: 'OK', message: OK },
	}));
	return [...providerCredentialTestCases(emulatorUrl, major), ...others];
}

function providerCredentialTestCases(emulatorUrl, major) {
	return providerCredentials(emulatorUrl).flatMap((good) => {
		const provider = providers().find((p) => p.credentialType === good.type);
		const variant = ([label, data, status, message]) => ({
			label: `${good.type}: ${label}`,
			credential: {
				id: good.id,
				name: good.name,
				type: good.type,
				data: { ...good.data, ...data, ...(data.baseUrl ? { baseUrl: emulatorUrl + data.baseUrl } : {}) },
			},
			expected: { status, message: answerOf(major, good.type, message) },
		});
		return [
			['good key', {}, 'OK', OK],
			['bad key', { apiKey: 'wrong-key' }, 'Error', 'Invalid API key'],
			...(EXTRA_CASES[provider.id] ?? []),
		].map(variant);
	});
}

module.exports = { credentialsFor, credentialTestCases, packageCredentialTypes, PUBLISHING_CREDENTIALS, publishingCredentialData };
