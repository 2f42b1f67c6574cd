// The emulator's scripted chat model (test/emulator/openai.js) over real HTTP: what it calls and answers at
// each step of a conversation, streaming, the credential test's model list, its request log.
'use strict';

const { startEmulator } = require('./emulator');
const openAi = require('./emulator/openai');

let emu;
beforeAll(async () => {
	emu = await startEmulator({ port: 0 });
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());

// As n8n offers the Hailuo tools (the model description as toolMode.ts writes it).
const TOOLS = [
	{
		type: 'function',
		function: {
			name: 'Hailuo_Generate',
			description: 'Makes one short video',
			parameters: {
				type: 'object',
				properties: {
					model: { type: 'string', description: 'The model id, one of: MiniMax-Hailuo-2.3 (Hailuo 2.3: 768P: 6 or 10 s; 1080P: 6 s, $0.28–$0.56 a video); MiniMax-H3 (Hailuo 3: 768P: 4–15 s; 2K: 4–15 s, with sound)' },
					prompt: { type: 'string', description: 'What should happen' },
					duration: { type: 'number', description: 'The video length in whole seconds' },
					resolution: { type: 'string', description: 'One of 768P, 1080P, 2K, or "default"' },
				},
			},
		},
	},
	{ type: 'function', function: { name: 'Hailuo_Wait_for_Result', description: 'Gets a video', parameters: { type: 'object', properties: { taskId: { type: 'string' }, model: { type: 'string' } } } } },
];

async function ask(messages, { stream = false, key = openAi.apiKey } = {}) {
	const response = await fetch(`${emu.url}/openai/v1/chat/completions`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
		body: JSON.stringify({ model: 'gpt-4.1-mini', messages, tools: TOOLS, stream, ...(stream ? { stream_options: { include_usage: true } } : {}) }),
	});
	return stream ? { status: response.status, text: await response.text() } : { status: response.status, json: await response.json() };
}

/** The conversation so far plus the model's tool call answered with `result`. */
function answered(messages, reply, result) {
	const { message } = reply.json.choices[0];
	return [...messages, message, { role: 'tool', tool_call_id: message.tool_calls[0].id, content: result }];
}

const call = (reply) => {
	const { name, arguments: args } = reply.json.choices[0].message.tool_calls[0].function;
	return { name, args: JSON.parse(args) };
};

test('a refused duration is retried at the nearest allowed one; the video URL is the answer', async () => {
	const start = [{ role: 'system', content: 'You make videos.' }, { role: 'user', content: 'A 7 s video at 768P of a lighthouse @duration:0' }];
	const first = await ask(start);
	expect(call(first)).toEqual({ name: 'Hailuo_Generate', args: { model: 'MiniMax-Hailuo-2.3', prompt: 'A 7 s video at 768P of a lighthouse @duration:0', duration: 7, resolution: '768P' } });
	const refused = JSON.stringify({ error: 'Hailuo 2.3 cannot render 7 s at 768P\n\nDetails: Allowed duration × resolution: 768P: 6 or 10 s; 1080P: 6 s.' });
	const second = await ask(answered(start, first, refused));
	expect(call(second).args).toEqual(expect.objectContaining({ duration: 6, resolution: '768P' }));
	const ready = JSON.stringify([{ taskId: 't1', model: 'MiniMax-Hailuo-2.3', videoUrl: 'http://x/t1.mp4' }]);
	const last = await ask(answered(answered(start, first, refused), second, ready));
	expect(last.json.choices[0]).toMatchObject({ finish_reason: 'stop', message: { content: expect.stringContaining('http://x/t1.mp4') } });
	expect(emu.requests.filter((r) => r.provider === 'openai' && r.kind === 'llm')).toHaveLength(3);
});

test('a timeout that says the task is billed goes to Wait for Result, never to Generate again', async () => {
	const start = [{ role: 'user', content: 'A 6 s video of a storm' }];
	const first = await ask(start);
	const timeout = 'Task 42 is still Processing after 5 s\n\nDetails: The task keeps running (and is billed) at the provider: do not create it again.';
	const second = await ask(answered(start, first, timeout));
	expect(call(second)).toEqual({ name: 'Hailuo_Wait_for_Result', args: { taskId: '42', model: 'MiniMax-Hailuo-2.3' } });
	const third = await ask(answered(answered(start, first, timeout), second, 'Task 42 is still Processing after 900 s'));
	expect(third.json.choices[0].message.content).toMatch(/task 42\) is still rendering and is billed/);
});

test('an error without that warning (or an empty result) is retried once, as a naive model would', async () => {
	const start = [{ role: 'user', content: 'A 6 s video of a storm' }];
	const first = await ask(start);
	const second = await ask(answered(start, first, ''));
	expect(call(second)).toEqual(call(first));
	const third = await ask(answered(answered(start, first, ''), second, ''));
	expect(third.json.choices[0].message.content).toMatch(/could not be made/);
});

test('streaming: the same answer as chunks, with usage, ending in [DONE]; a wrong key gets 401; the model list', async () => {
	const { status, text } = await ask([{ role: 'user', content: 'A video' }], { stream: true });
	expect(status).toBe(200);
	const events = text.trim().split('\n\n').map((e) => e.replace(/^data: /, ''));
	expect(events.at(-1)).toBe('[DONE]');
	const chunks = events.slice(0, -1).map((e) => JSON.parse(e));
	expect(chunks.flatMap((c) => c.choices.map((choice) => choice.delta.tool_calls?.[0]?.function.name)).filter(Boolean)).toEqual(['Hailuo_Generate']);
	expect(chunks.at(-1).usage.total_tokens).toBeGreaterThan(0);
	expect((await ask([{ role: 'user', content: 'A video' }], { key: 'wrong' })).status).toBe(401);
	const models = await (await fetch(`${emu.url}/openai/v1/models`, { headers: { authorization: `Bearer ${openAi.apiKey}` } })).json();
	expect(models.data.map((m) => m.id)).toEqual([openAi.model]);
});
