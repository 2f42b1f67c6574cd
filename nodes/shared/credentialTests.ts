/**
 * Credential tests n8n runs through the nodes (a node's credential entry names one with `testedBy`, the
 * node serves it in `methods.credentialTest`): for hosts whose verdict a declarative `test` cannot read.
 * Its rules can only fail on a body value equal to a given one, never "fail unless the value is X".
 */
import type { ICredentialsDecrypted, ICredentialTestFunctions, IDataObject, INodeCredentialTestResult } from 'n8n-workflow';

import { KIE_CODES, kie } from './providers/kie';

const CONNECTION_SUCCESSFUL = 'Connection successful!'; // what n8n's tester says for a passed declarative test
const UNEXPECTED_KIE_ANSWER = 'check the Base URL (Kie.ai may also be unavailable)';

/**
 * Kie.ai: the account's remaining credits, a free read. Kie writes its verdict in the body's `code` (the
 * HTTP status may be 200 either way) and documents 200 as the only success
 * (https://docs.kie.ai/common-api/get-account-credits): every other code fails, documented or not, and
 * so does an answer without one (a wrong Base URL, an outage page).
 */
async function kieApiTest(this: ICredentialTestFunctions, credential: ICredentialsDecrypted): Promise<INodeCredentialTestResult> {
	const data = credential.data ?? {};
	const baseUrl = (typeof data.baseUrl === 'string' && data.baseUrl ? data.baseUrl : kie.baseUrl).replace(/\/+$/, '');
	// A function test gets only n8n's legacy `request` helper (n8n 1.x and 2.x): it applies n8n's proxy
	// and SSRF settings as the nodes' requests do. `simple: false` returns the body of any HTTP status.
	const { request } = this.helpers;
	let body: unknown;
	try {
		body = await request({
			method: 'GET',
			uri: `${baseUrl}/api/v1/chat/credit`,
			headers: { Authorization: `Bearer ${String(data.apiKey ?? '')}` },
			json: true,
			simple: false,
			timeout: 30_000,
		});
	} catch (error) {
		return { status: 'Error', message: `Kie.ai did not answer (${(error as Error).message}): ${UNEXPECTED_KIE_ANSWER}` };
	}
	const fields = typeof body === 'object' && body !== null ? (body as IDataObject) : {};
	const code = fields.code === undefined || fields.code === null || fields.code === '' ? NaN : Number(fields.code);
	if (code === 200) return { status: 'OK', message: CONNECTION_SUCCESSFUL };
	if (code === 401) return { status: 'Error', message: 'Invalid API key' };
	const known = KIE_CODES[code];
	if (known) return { status: 'Error', message: `${known.message} (Kie.ai code ${code})${code === 404 ? ': check the Base URL' : ''}` };
	if (Number.isFinite(code)) return { status: 'Error', message: `Unexpected answer (Kie.ai code ${code}): ${UNEXPECTED_KIE_ANSWER}` };
	return { status: 'Error', message: `Unexpected answer: ${UNEXPECTED_KIE_ANSWER}` };
}

/**
 * Every node's `methods.credentialTest`. Each node's credentials list names these by string literal
 * (`testedBy: 'kieApiTest'`): n8n's lint reads that entry there to accept a credential without `test`.
 */
export const credentialTest = { kieApiTest };
