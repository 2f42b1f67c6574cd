// The four provider credentials the examples reference (ids fixed by examples/*.json), pointing at
// the emulator, and the credential tests n8n's own tester must pass (POST /rest/credentials/test,
// the call the editor makes when a credential modal opens). Expected messages come from credentials/.
'use strict';

function credentialsFor(emulatorUrl) {
	return [
		{ id: 'hailuoMiniMax', name: 'MiniMax account', type: 'miniMaxApi', data: { apiKey: 'emu-minimax-key', region: 'global', baseUrl: `${emulatorUrl}/minimax` } },
		{ id: 'hailuoAtlasCloud', name: 'Atlas Cloud account', type: 'atlasCloudApi', data: { apiKey: 'emu-atlas-key', baseUrl: `${emulatorUrl}/atlascloud` } },
		{ id: 'hailuoSeaArt', name: 'SeaArt account', type: 'seaArtApi', data: { apiKey: 'emu-seaart-key', baseUrl: `${emulatorUrl}/seaart` } },
		{ id: 'hailuoApiInOne', name: 'API in One account', type: 'apiInOneApi', data: { apiKey: 'aio_emu-key', baseUrl: `${emulatorUrl}/apiinone/api/v1` } },
	];
}

const OK = 'Connection successful!';

/** Each case: the stored credential it tests, the data the user typed, and the answer n8n must give. */
function credentialTestCases(emulatorUrl) {
	const good = Object.fromEntries(credentialsFor(emulatorUrl).map((c) => [c.type, c]));
	const variant = (type, label, data, status, message) => ({
		label: `${type}: ${label}`,
		credential: { id: good[type].id, name: good[type].name, type, data: { ...good[type].data, ...data } },
		expected: { status, message },
	});
	return [
		variant('atlasCloudApi', 'good key', {}, 'OK', OK),
		variant('atlasCloudApi', 'bad key', { apiKey: 'wrong-key' }, 'Error', 'Invalid API key'),
		variant('miniMaxApi', 'good key', {}, 'OK', OK),
		variant('miniMaxApi', 'key of the other region (1004)', { apiKey: 'sk-api-wrong' }, 'Error', 'Authentication failed: the API key is wrong or belongs to the other region'),
		variant('miniMaxApi', 'bad key (2049)', { apiKey: 'wrongkey' }, 'Error', 'Invalid API key'),
		variant('seaArtApi', 'good key', {}, 'OK', OK),
		variant('seaArtApi', 'bad key', { apiKey: 'wrong-key' }, 'Error', 'Invalid API key'),
		variant('seaArtApi', 'wrong Base URL', { baseUrl: `${emulatorUrl}/wrong` }, 'Error', 'Unexpected answer: check the Base URL (SeaArt may also be unavailable)'),
		variant('apiInOneApi', 'good key', {}, 'OK', OK),
		variant('apiInOneApi', 'bad key', { apiKey: 'aio_wrong' }, 'Error', 'Invalid API key'),
		variant('apiInOneApi', 'wrong Base URL', { baseUrl: `${emulatorUrl}/wrong` }, 'Error', 'Unexpected answer: check the Base URL (API in One may also be unavailable)'),
	];
}

module.exports = { credentialsFor, credentialTestCases };
