// The credential tests whose verdict is in the answer's body, against the emulator: the credential's own
// rules applied as n8n's credential tester applies them (a rule fails the test when the body's value at
// `key` equals `value`, in order; no rule matching is success), see
// https://github.com/n8n-io/n8n/blob/master/packages/cli/src/services/credentials-tester.service.ts
// The real-n8n test (test/n8n) runs the same credentials through n8n's own tester.
'use strict';

const { KieApi } = require('../../dist/credentials/KieApi.credentials');
const { useEmulator } = require('../helpers');

const ref = useEmulator();

/** Reads `a.b.c` in a body as lodash's `get` does for plain paths. */
const valueAt = (body, key) => key.split('.').reduce((node, part) => (node !== null && typeof node === 'object' ? node[part] : undefined), body);

async function credentialTest(credential, { baseUrl, apiKey }) {
	const { request, rules } = credential.test;
	const response = await fetch(`${baseUrl}${request.url}`, { headers: { authorization: `Bearer ${apiKey}` } });
	const body = await response.json().catch(() => ({}));
	const failed = rules.find((rule) => rule.type === 'responseSuccessBody' && valueAt(body, rule.properties.key) === rule.properties.value);
	return failed ? { status: 'Error', message: failed.properties.message } : { status: 'OK' };
}

describe("Kie.ai's credential test succeeds only on Kie's success code, 200", () => {
	const kie = () => ({ baseUrl: ref.emulator.baseUrls.kie, apiKey: ref.emulator.apiKeys.kie });

	test('a good key: OK', async () => {
		expect(await credentialTest(new KieApi(), kie())).toEqual({ status: 'OK' });
	});

	test('a bad key (code 401): Invalid API key', async () => {
		expect(await credentialTest(new KieApi(), { ...kie(), apiKey: 'wrong-key' })).toEqual({ status: 'Error', message: 'Invalid API key' });
	});

	test('a wrong Base URL path answered { code: 404 }: fails, pointing at the Base URL', async () => {
		const result = await credentialTest(new KieApi(), { ...kie(), baseUrl: `${kie().baseUrl}/wrong` });
		expect(result).toEqual({ status: 'Error', message: 'Not found (Kie.ai code 404): check the Base URL' });
	});

	test.each([
		[455, /under maintenance/],
		[500, /internal error/],
		[505, /disabled/],
	])('code %s in an HTTP 200: fails with its meaning', async (code, meaning) => {
		ref.emulator.configure({ failNext: { status: { code } } });
		const result = await credentialTest(new KieApi(), kie());
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(meaning);
		expect(result.message).toContain(`code ${code}`);
	});
});
