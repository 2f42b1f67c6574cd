// A provider is whole only with its module, catalog rows, credential (in package.json, with icons)
// and emulator module: this test fails when one of them is missing, and when a provider fact leaks
// out of its module.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { providers, emulatorModuleOf } = require('./registry');
const { PROVIDERS: emulatorModules } = require('./emulator');

const ROOT = path.resolve(__dirname, '..');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

/** The package's credential classes, by credential type name. */
const credentials = Object.fromEntries(
	pkg.n8n.credentials.map((file) => {
		const credential = new (Object.values(require(path.join(ROOT, file)))[0])();
		return [credential.name, { credential, source: file.replace(/^dist\//, '').replace(/\.js$/, '.ts') }];
	}),
);

const sourceFiles = (dir) =>
	fs.readdirSync(path.join(ROOT, dir), { recursive: true })
		.filter((f) => f.endsWith('.ts'))
		.map((f) => path.join(dir, f));

describe.each(providers().map((p) => [p.id, p]))('%s', (id, provider) => {
	test('has an emulator module with the same id', () => {
		expect(emulatorModuleOf(id)).toEqual(expect.objectContaining({ id, apiKey: expect.any(String), prefix: expect.any(String) }));
	});

	test('declares catalog rows: models with modes, formats and unique ids', () => {
		expect(provider.models.length).toBeGreaterThan(0);
		for (const model of provider.models) {
			expect(Object.keys(model.modes).length).toBeGreaterThan(0);
			for (const mode of Object.values(model.modes)) expect(Object.keys(mode.formats).length).toBeGreaterThan(0);
		}
		const values = provider.models.map((m) => m.value);
		expect(new Set(values).size).toBe(values.length);
	});

	test('has a typical render time for every format of every model (automatic polling starts from it)', () => {
		for (const model of provider.models) {
			for (const { formats } of Object.values(model.modes)) {
				for (const [resolution, durations] of Object.entries(formats)) {
					for (const duration of durations) expect([model.value, resolution, duration, model.renderSeconds[resolution]?.[duration]]).toEqual([model.value, resolution, duration, expect.any(Number)]);
				}
			}
		}
	});

	test('reads its callbacks exactly when it declares callbacks', () => {
		expect(typeof provider.readCallback === 'function').toBe(provider.capabilities.callbacks);
	});

	test('has its credential in package.json, with a documentation URL, the default host and two icon files', () => {
		const entry = credentials[provider.credentialType];
		expect(entry).toBeDefined();
		const { credential, source } = entry;
		expect(credential.documentationUrl).toMatch(/^https:\/\//);
		const baseUrl = credential.properties.find((p) => p.name === 'baseUrl');
		expect([baseUrl.default, baseUrl.placeholder]).toContain(provider.baseUrl);
		const icons = [credential.icon.light, credential.icon.dark].map((icon) =>
			path.resolve(path.dirname(path.join(ROOT, source)), icon.replace(/^file:/, '')),
		);
		for (const icon of icons) expect(fs.existsSync(icon)).toBe(true);
		expect(fs.readFileSync(icons[0]).equals(fs.readFileSync(icons[1]))).toBe(false);
	});

	test('cites the public documentation it follows in its header', () => {
		const source = fs.readFileSync(path.join(ROOT, 'nodes/shared/providers', `${id}.ts`), 'utf8');
		const header = source.slice(0, source.indexOf('*/'));
		expect(header).toMatch(/https:\/\/\S+/);
	});

	test('its id appears in no other source file (no `provider.id ===` outside its module)', () => {
		const own = path.join('nodes/shared/providers', `${id}.ts`);
		// Except the node files' credential lists: n8n's community lint reads a credential tested by a node
		// function (Kie.ai's) only from an array literal of object literals, so each node lists every
		// provider's credential as `{ ...providerCredential('<id>') }` (credentials.test.js checks the lists).
		const withoutCredentialLists = (source) => source.replace(/providerCredential\('\w+'\)/g, '');
		const leaks = [...sourceFiles('nodes'), ...sourceFiles('credentials')]
			.filter((file) => file !== own)
			.filter((file) => new RegExp(`['"\`]${id}['"\`]`).test(withoutCredentialLists(fs.readFileSync(path.join(ROOT, file), 'utf8'))));
		expect(leaks).toEqual([]);
	});

	test('is named in the README', () => {
		expect(fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8')).toContain(provider.displayName);
	});
});

test('every emulator module stands in for a registered provider', () => {
	const registered = providers().map((p) => p.id);
	expect(emulatorModules.map((m) => m.id).filter((id) => !registered.includes(id))).toEqual([]);
});
