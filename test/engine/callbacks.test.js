// Hailuo Generate's "Send Results To": a Hailuo Trigger's URL gets a reference signed with a key
// derived from the credential (carried fields, model, mode, time), checked before any call.
'use strict';

const { useEmulator, run, generate } = require('../helpers');
const { readReference, referenceKey } = require('../../dist/nodes/shared/callbackReference');

const ref = useEmulator();
const TRIGGER_URL = 'https://n8n.example.com/webhook/5d2c-hailuo';
const t2v = (provider, model, extra = {}) => generate({ provider, mode: 'textToVideo', model, prompt: 'A lighthouse at night', ...extra });
const toTrigger = (extra = {}) => ({ sendResultsTo: 'hailuoTrigger', triggerUrl: TRIGGER_URL, carryFields: 'caption, channel', ...extra });
const lastCreate = (provider) => ref.emulator.providerRequests(provider).filter((r) => r.method === 'POST').at(-1);

test.each([
	['minimax', 'MiniMax-Hailuo-2.3', 'callback_url'],
	['atlasCloud', 'minimax/hailuo-2.3/t2v-standard', 'webhook_url'],
])('%s: the Trigger URL carries a reference signed with the credential\'s derived key', async (provider, model, field) => {
	const items = [{ json: { caption: 'Storm season', channel: 'coast', secret: 'not carried' } }];
	const result = await run(ref.emulator, [t2v(provider, model, toTrigger())], { items });
	expect(result.status).toBe('success');
	const url = new URL(lastCreate(provider).body[field]);
	expect(`${url.origin}${url.pathname}`).toBe(TRIGGER_URL);
	const token = url.searchParams.get('hailuo_ref');
	expect(token).not.toContain(ref.emulator.apiKeys[provider]);
	const reference = readReference(token, referenceKey(ref.emulator.apiKeys[provider]));
	expect(reference).toEqual({ provider, model, mode: 'textToVideo', duration: 6, resolution: '768P', submittedAt: expect.any(String), fields: { caption: 'Storm season', channel: 'coast' } });
	// Another account's key (or an altered reference) does not verify.
	expect(readReference(token, referenceKey('another-key'))).toBeUndefined();
	expect(readReference(token.replace(/^./, (c) => (c === 'a' ? 'b' : 'a')), referenceKey(ref.emulator.apiKeys[provider]))).toBeUndefined();
});

test('carried fields too large for a URL are refused before any call, naming their sizes', async () => {
	const items = [{ json: { caption: 'x'.repeat(2000), channel: 'coast' } }];
	const result = await run(ref.emulator, [t2v('minimax', 'MiniMax-Hailuo-2.3', toTrigger())], { items });
	expect(result.status).toBe('error');
	const error = result.nodeError('Generate');
	expect(error.message).toMatch(/Fields to Carry Along are too large for a callback URL: \d+ characters signed, at most 1500/);
	expect(error.description).toMatch(/caption: 2002, channel: 7/);
	expect(ref.emulator.providerRequests('minimax')).toHaveLength(0);
});

test('a Trigger URL that is not a URL is refused before any call', async () => {
	const result = await run(ref.emulator, [t2v('minimax', 'MiniMax-Hailuo-2.3', toTrigger({ triggerUrl: 'my trigger' }))]);
	expect(result.nodeError('Generate').message).toBe('Hailuo Trigger URL must be a URL starting with http:// or https://, got "my trigger"');
	expect(ref.emulator.providerRequests('minimax')).toHaveLength(0);
});

test('SeaArt, which sends no callbacks, does not offer Send Results To: a workflow still carrying it sends none', async () => {
	const result = await run(ref.emulator, [
		generate({ provider: 'seaArt', mode: 'textToVideo', model: 'minimax_hailuo_23_t2v', prompt: 'x', sendResultsTo: 'url', callbackUrl: 'https://example.com/hook' }),
	]);
	expect(result.status).toBe('success');
	expect(JSON.stringify(lastCreate('seaArt').body)).not.toContain('example.com');
});
