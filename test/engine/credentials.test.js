// The credential tests whose verdict is in the answer's body, against the emulator. Kie.ai's is a function
// served by the nodes: it is found and called as n8n's credential tester does (the credential type has no
// `test`, so the first node listing the credential with a `testedBy` serves `methods.credentialTest[testedBy]`,
// called on n8n-core's own CredentialTestContext), see
// https://github.com/n8n-io/n8n/blob/master/packages/cli/src/services/credentials-tester.service.ts
// The real-n8n test (test/n8n) runs the same credentials through n8n's own tester.
'use strict';

require('../harness'); // n8n-core's settings folder, before n8n-core loads
const { CredentialTestContext } = require('n8n-core');
const { KieApi } = require('../../dist/credentials/KieApi.credentials');
const { useEmulator } = require('../helpers');
const { providers } = require('../registry');

const PACKAGE = require('../../package.json');
const nodeTypes = () => PACKAGE.n8n.nodes.map((file) => new (Object.values(require(`../../${file}`))[0])());

const ref = useEmulator();

/** The test function n8n's tester picks for `credentialType`. */
function testFunctionOf(credentialType) {
	for (const nodeType of nodeTypes()) {
		const entry = nodeType.description.credentials?.find((c) => c.name === credentialType && c.testedBy);
		if (entry) return nodeType.methods.credentialTest[entry.testedBy];
	}
	return undefined;
}

async function kieCredentialTest({ baseUrl, apiKey }) {
	const data = { apiKey, baseUrl, webhookSecret: '', requestsPerMinute: 0 };
	return await testFunctionOf('kieApi').call(new CredentialTestContext(), { id: '1', name: 'Kie.ai', type: 'kieApi', data });
}

describe("Kie.ai's credential test succeeds only on Kie's success code, 200", () => {
	const kie = () => ({ baseUrl: ref.emulator.baseUrls.kie, apiKey: ref.emulator.apiKeys.kie });

	test('n8n finds it: the credential has no declarative test, every node lists it with a testedBy it serves', () => {
		expect(new KieApi().test).toBeUndefined();
		for (const nodeType of nodeTypes()) {
			const entry = nodeType.description.credentials.find((c) => c.name === 'kieApi');
			expect(typeof nodeType.methods.credentialTest[entry.testedBy]).toBe('function');
		}
	});

	test("every node lists every provider's credential, shown for its provider", () => {
		const expected = providers().map((p) => ({ name: p.credentialType, provider: p.id }));
		for (const nodeType of nodeTypes()) {
			const listed = nodeType.description.credentials.map((c) => ({ name: c.name, provider: c.displayOptions.show.provider[0] }));
			expect(listed).toEqual(expected);
		}
	});

	test('a good key (code 200): OK', async () => {
		expect(await kieCredentialTest(kie())).toEqual({ status: 'OK', message: 'Connection successful!' });
	});

	test('a bad key (code 401): Invalid API key', async () => {
		expect(await kieCredentialTest({ ...kie(), apiKey: 'wrong-key' })).toEqual({ status: 'Error', message: 'Invalid API key' });
	});

	test('a wrong Base URL path answered { code: 404 }: fails, pointing at the Base URL', async () => {
		const result = await kieCredentialTest({ ...kie(), baseUrl: `${kie().baseUrl}/wrong` });
		expect(result).toEqual({ status: 'Error', message: 'Not found (Kie.ai code 404): check the Base URL' });
	});

	test.each([
		[404, /Not found/],
		[455, /under maintenance/],
		[500, /internal error/],
		[505, /disabled/],
		[999, /Unexpected answer.*check the Base URL/],
	])('code %s in an HTTP 200: fails with its meaning', async (code, meaning) => {
		ref.emulator.configure({ failNext: { status: { code, httpStatus: 200 } } });
		const result = await kieCredentialTest(kie());
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(meaning);
		expect(result.message).toContain(`code ${code}`);
	});

	test('code 500 as the HTTP status too: fails with its meaning', async () => {
		ref.emulator.configure({ failNext: { status: { code: 500, httpStatus: 500 } } });
		expect(await kieCredentialTest(kie())).toEqual({ status: 'Error', message: 'Kie.ai internal error (Kie.ai code 500)' });
	});

	test('an answer without a code (not JSON): fails, pointing at the Base URL', async () => {
		ref.emulator.configure({ failNext: { status: { malformed: true } } });
		expect(await kieCredentialTest(kie())).toEqual({ status: 'Error', message: 'Unexpected answer: check the Base URL (Kie.ai may also be unavailable)' });
	});

	test('a JSON answer without a code (another host): fails, pointing at the Base URL', async () => {
		const result = await kieCredentialTest({ ...kie(), baseUrl: ref.emulator.baseUrls.minimax });
		expect(result).toEqual({ status: 'Error', message: 'Unexpected answer: check the Base URL (Kie.ai may also be unavailable)' });
	});

	test('no server at the Base URL: fails, the key never in the message', async () => {
		const result = await kieCredentialTest({ ...kie(), baseUrl: 'http://127.0.0.1:9' });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/did not answer.*check the Base URL/);
		expect(result.message).not.toContain(kie().apiKey);
	});
});
