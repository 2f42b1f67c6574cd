// The providers as the tests see them, derived from the built registry (dist/) and the emulator's
// provider modules, so that a new provider joins every per-provider test without a list to edit.
// dist/ is read lazily: the real-n8n test loads this file before it builds.
'use strict';

const path = require('node:path');
const { PROVIDERS: emulatorModules, mountPath } = require('./emulator');

const DIST = path.resolve(__dirname, '..', 'dist', 'nodes', 'shared');
const registry = () => require(path.join(DIST, 'providers'));
const catalog = () => require(path.join(DIST, 'catalog'));

/** The registered provider modules, in the registry's order. */
const providers = () => registry().PROVIDERS;

const providerById = (id) => registry().providerById(id);

/** The emulator module standing in for a provider, or undefined. */
const emulatorModuleOf = (id) => emulatorModules.find((m) => m.id === id);

/** Models the generic tests use: each provider's first text-to-video and image-to-video model. */
function providerCases() {
	const { modelsFor } = catalog();
	return Object.fromEntries(
		providers().map((p) => [
			p.id,
			{
				t2v: modelsFor(p.id, 'textToVideo')[0]?.value,
				i2v: modelsFor(p.id, 'imageToVideo')[0]?.value,
				credential: p.credentialType,
			},
		]),
	);
}

/** Credential data for every provider, pointing at an emulator listening at `emulatorUrl`. */
function emulatorCredentialData(emulatorUrl) {
	return Object.fromEntries(
		providers().map((p) => {
			const module = emulatorModuleOf(p.id);
			return [p.credentialType, { apiKey: module.apiKey, baseUrl: emulatorUrl + mountPath(module) }];
		}),
	);
}

/** The stored credential the example workflows reference for a provider, e.g. `hailuoMiniMax`, "MiniMax account". */
function exampleCredential(provider) {
	const stem = provider.credentialType.replace(/Api$/, '');
	return { id: `hailuo${stem[0].toUpperCase()}${stem.slice(1)}`, name: `${provider.displayName} account` };
}

module.exports = { providers, providerById, emulatorModuleOf, providerCases, emulatorCredentialData, exampleCredential };
