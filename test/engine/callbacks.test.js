// Hailuo Generate's "Send Results To": a Hailuo Trigger's URL gets a reference signed with a key
// derived from the credential (carried fields, model, mode, time, a nonce), checked before any call;
// after the create, the task is registered with the Trigger under that nonce.
'use strict';

const http = require('node:http');
const { useEmulator, run, generate } = require('../helpers');
const { serveTrigger, emulatorCredentials } = require('../harness');
const { chain, node, TYPES } = require('../harness/workflows');
const { readReference, referenceKey } = require('../../dist/nodes/shared/callbackReference');

const ref = useEmulator();
let trigger;
let TRIGGER_URL;
beforeEach(async () => {
	trigger = await serveTrigger(chain(node(TYPES.trigger, 'Trigger', { provider: 'minimax' })), 'Trigger', { credentials: emulatorCredentials(ref.emulator) });
	TRIGGER_URL = trigger.url;
});
afterEach(async () => trigger.close());
const t2v = (provider, model, extra = {}) => generate({ provider, mode: 'textToVideo', model, prompt: 'A lighthouse at night', ...extra });
const toTrigger = (extra = {}) => ({ sendResultsTo: 'hailuoTrigger', triggerUrl: TRIGGER_URL, carryFields: 'caption, channel', ...extra });
const lastCreate = (provider) => ref.emulator.providerRequests(provider).filter((r) => r.method === 'POST').at(-1);

test.each([
	['minimax', 'MiniMax-Hailuo-2.3', 'callback_url'],
	['atlasCloud', 'minimax/hailuo-2.3/t2v-standard', 'webhook_url'],
])('%s: the Trigger URL carries a reference signed with the credential\'s derived key', async (provider, model, field) => {
	await trigger.close();
	trigger = await serveTrigger(chain(node(TYPES.trigger, 'Trigger', { provider })), 'Trigger', { credentials: emulatorCredentials(ref.emulator) });
	TRIGGER_URL = trigger.url;
	const items = [{ json: { caption: 'Storm season', channel: 'coast', secret: 'not carried' } }];
	const result = await run(ref.emulator, [t2v(provider, model, toTrigger())], { items });
	expect(result.status).toBe('success');
	const url = new URL(lastCreate(provider).body[field]);
	expect(`${url.origin}${url.pathname}`).toBe(TRIGGER_URL);
	const token = url.searchParams.get('hailuo_ref');
	expect(token).not.toContain(ref.emulator.apiKeys[provider]);
	const reference = readReference(token, referenceKey(ref.emulator.apiKeys[provider]));
	expect(reference).toEqual({ provider, model, mode: 'textToVideo', duration: 6, resolution: '768P', submittedAt: expect.any(String), fields: { caption: 'Storm season', channel: 'coast' }, nonce: expect.stringMatching(/^[\w-]{22}$/) });
	// Another account's key (or an altered reference) does not verify.
	expect(readReference(token, referenceKey('another-key'))).toBeUndefined();
	expect(readReference(token.replace(/^./, (c) => (c === 'a' ? 'b' : 'a')), referenceKey(ref.emulator.apiKeys[provider]))).toBeUndefined();
});

test.each([
	['a list', '={{ ["caption", "channel"] }}'],
	['a JSON list in text', '={{ \'["caption", "channel"]\' }}'],
])('Fields to Carry Along from an expression giving %s', async (_, carryFields) => {
	const items = [{ json: { caption: 'Storm season', channel: 'coast', secret: 'not carried' } }];
	const result = await run(ref.emulator, [t2v('minimax', 'MiniMax-Hailuo-2.3', toTrigger({ carryFields }))], { items });
	expect(result.status).toBe('success');
	const token = new URL(lastCreate('minimax').body.callback_url).searchParams.get('hailuo_ref');
	expect(readReference(token, referenceKey(ref.emulator.apiKeys.minimax)).fields).toEqual({ caption: 'Storm season', channel: 'coast' });
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

test('after the create, the task is registered with the Trigger under its reference\'s nonce', async () => {
	const result = await run(ref.emulator, [t2v('minimax', 'MiniMax-Hailuo-2.3', toTrigger())], { items: [{ json: { caption: 'a' } }] });
	const registration = trigger.answers.find((a) => a.requestBody.hailuoRegistration);
	expect(registration).toMatchObject({ status: 200, body: { registered: true }, requestBody: { hailuoRegistration: { taskId: result.output('Generate')[0].json.taskId } } });
	expect(registration.query.hailuo_ref).toBe(new URL(lastCreate('minimax').body.callback_url).searchParams.get('hailuo_ref'));
});

describe('a Trigger that cannot be told about the task (its callback would be refused)', () => {
	/** Answers like n8n for a workflow that is not active. */
	let inactive;
	beforeEach(async () => {
		inactive = http.createServer((req, res) => res.writeHead(404, { 'content-type': 'application/json' }).end('{"code":404,"message":"The requested webhook \\"POST hailuo\\" is not registered."}'));
		await new Promise((resolve) => inactive.listen(0, '127.0.0.1', resolve));
	});
	afterEach(async () => new Promise((resolve) => inactive.close(resolve)));
	const inactiveUrl = () => `http://127.0.0.1:${inactive.address().port}/webhook/hailuo`;

	test('the run stops with an error naming the created task and how to collect it', async () => {
		const items = [{ json: { caption: 'a' } }];
		const result = await run(ref.emulator, [t2v('minimax', 'MiniMax-Hailuo-2.3', toTrigger({ triggerUrl: inactiveUrl() }))], { items });
		expect(result.status).toBe('error');
		const error = result.nodeError('Generate');
		const [created] = ref.emulator.providerRequests('minimax').filter((r) => r.taskId);
		expect(error.message).toBe(`Task ${created.taskId} was created, but the Hailuo Trigger could not be told about it: HTTP 404`);
		expect(error.description).toMatch(new RegExp(`Collect it with Hailuo Wait for Result \\(Task ID ${created.taskId}\\).*${inactiveUrl()} is active`));
		expect(error.description).toContain(`Tasks already created (still billed, do not create them again; use Hailuo Wait for Result with these IDs): item 0: ${created.taskId}`);
		expect(error.description).not.toContain('hailuo_ref');
	});

	test('a batch stops at the first creates: the registrations that must prove the Trigger answers are awaited in their create slots', async () => {
		const items = Array.from({ length: 12 }, (_, n) => ({ json: { caption: `post ${n}` } }));
		const result = await run(ref.emulator, [t2v('minimax', 'MiniMax-Hailuo-2.3', toTrigger({ triggerUrl: inactiveUrl() }))], { items });
		expect(result.status).toBe('error');
		// At most the four creates in flight when the first registration was refused.
		expect(ref.emulator.providerRequests('minimax').filter((r) => r.taskId).length).toBeLessThanOrEqual(4);
	});

	test('once the Trigger answered, registrations run beside the creates: every task registered, each delivered once', async () => {
		const items = Array.from({ length: 12 }, (_, n) => ({ json: { caption: `post ${n}` } }));
		// Renders take minutes; a second is enough for every registration to arrive before its task ends.
		ref.emulator.configure({ taskDurationMs: 1000 });
		const trigger = await serveTrigger(chain(node(TYPES.trigger, 'Trigger', { provider: 'minimax' })), 'Trigger', { credentials: emulatorCredentials(ref.emulator) });
		try {
			const result = await run(ref.emulator, [t2v('minimax', 'MiniMax-Hailuo-2.3', toTrigger({ triggerUrl: trigger.url }))], { items });
			expect(result.status).toBe('success');
			for (const end = Date.now() + 10_000; Date.now() < end && trigger.emitted.length < 12; ) await new Promise((resolve) => setTimeout(resolve, 50));
			expect(trigger.emitted.map((item) => item.json.caption).sort()).toEqual(items.map((item) => item.json.caption).sort());
		} finally {
			await trigger.close();
		}
	});

	test('with "continue on fail", the item is that error with the task, for Wait for Result', async () => {
		const node = generate({ provider: 'minimax', mode: 'textToVideo', model: 'MiniMax-Hailuo-2.3', prompt: 'x', ...toTrigger({ triggerUrl: inactiveUrl() }) }, 'Generate', { onError: 'continueRegularOutput' });
		const result = await run(ref.emulator, [node], { items: [{ json: { caption: 'a' } }] });
		const [item] = result.output('Generate');
		expect(item.json).toMatchObject({ caption: 'a', provider: 'minimax', taskId: expect.any(String), error: expect.stringMatching(/could not be told about it/) });
	});
});
