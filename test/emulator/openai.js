// A scripted stand-in for an OpenAI-compatible chat model, for AI Agent workflows run against the emulator
// (n8n's OpenAI Chat Model with its credential's Base URL at `{emulator}/openai/v1`). It speaks the Chat
// Completions wire format (https://platform.openai.com/docs/api-reference/chat/create, streaming as
// server-sent `chat.completion.chunk` events) and `GET /models` (the credential test).
//
// Its answers follow from the conversation alone, so a test says what should happen in the chat message:
// the last user message is the request ("a 7 s video at 768P of …"); it calls the Hailuo Generate tool (the
// offered tool whose name holds "generate") with arguments filled from that text and the tool's schema, then
// reads the tool results, as a careful model would:
// - a result with a videoUrl → the final answer quotes it (and the task id);
// - an error naming the allowed durations → Generate again with the allowed duration nearest the asked one;
// - an error saying the task is billed and must not be created again → Hailuo Wait for Result with its task
//   id (when offered), never Generate again;
// - any other error or an empty result → one plain retry of the same call (what a naive model does, so a
//   test sees a second create when a message lacks the warning), then an answer saying it failed.
// Every request is in the emulator's request log (`provider: 'openai'`, kind 'llm'): the tools offered,
// the messages.
'use strict';

const crypto = require('node:crypto');

const API_KEY = 'sk-emulator-openai';
const MODEL = 'gpt-4.1-mini';
/** Generate calls in one turn at most (the first, a corrected one, a retry). */
const MAX_GENERATE_CALLS = 3;

const textOf = (content) =>
	Array.isArray(content) ? content.map((part) => part?.text ?? '').join('') : String(content ?? '');

function openAiError(status, message, type, code = null) {
	return { status, json: { error: { message, type, param: null, code } } };
}

/** The last user message and the tool exchange after it (this turn). */
function turnOf(messages) {
	const lastUser = messages.map((m) => m.role).lastIndexOf('user');
	const calls = new Map();
	const steps = [];
	for (const message of messages.slice(lastUser + 1)) {
		for (const call of message.tool_calls ?? []) calls.set(call.id, call);
		if (message.role === 'tool') {
			const call = calls.get(message.tool_call_id);
			steps.push({ name: call?.function?.name, args: parseJson(call?.function?.arguments) ?? {}, result: textOf(message.content) });
		}
	}
	return { request: lastUser >= 0 ? textOf(messages[lastUser].content) : '', steps };
}

function parseJson(text) {
	try {
		return JSON.parse(text);
	} catch {
		return undefined;
	}
}

/** Model ids a Generate `model` description lists ("one of: A (…); B (…)"). */
function modelIds(description = '') {
	const list = /one of: (.*)/s.exec(description)?.[1] ?? '';
	return list.split(/;\s*/).map((entry) => /^[\w./:-]+/.exec(entry.trim())?.[0]).filter(Boolean);
}

/** "768P: 6 or 10 s; 1080P: 6 s" or "768P: 4–15 s" → { '768P': [6, 10], … } (ranges as every second). */
function allowedDurations(text) {
	const table = {};
	for (const [, resolution, values] of text.matchAll(/(\w+): ([\d, or–-]+?) s\b/g)) {
		const range = /^(\d+)[–-](\d+)$/.exec(values.trim());
		if (range) {
			const [from, to] = [Number(range[1]), Number(range[2])];
			table[resolution] = Array.from({ length: to - from + 1 }, (_, i) => from + i);
		} else table[resolution] = values.split(/,|\bor\b/).map((v) => Number(v.trim())).filter(Number.isFinite);
	}
	return table;
}

/** Generate's arguments from the user's request and the tool's JSON schema. */
function generateArguments(tool, request) {
	const properties = tool.function.parameters?.properties ?? {};
	const ids = modelIds(properties.model?.description);
	const model = ids.find((id) => request.includes(id)) ?? ids[0];
	const resolution = /\b(\d{3,4}P|2K|4K)\b/i.exec(request)?.[1]?.toUpperCase();
	const modelEntry = (properties.model?.description ?? '').split(/;\s*/).find((e) => e.includes(`${model} (`)) ?? '';
	const listed = allowedDurations(modelEntry);
	const seconds = /(?<![@:\w])(\d{1,2})\s*(?:s|sec|secs|seconds?)\b/i.exec(request)?.[1];
	const url = /https?:\/\/\S+/.exec(request)?.[0];
	const args = {};
	for (const [name, schema] of Object.entries(properties)) {
		if (name === 'prompt') args.prompt = request;
		else if (name === 'model') args.model = model;
		else if (name === 'resolution') args.resolution = resolution ?? (/"default"/.test(schema.description) ? 'default' : Object.keys(listed)[0]);
		else if (name === 'duration') args.duration = Number(seconds ?? Object.values(listed)[0]?.[0] ?? 6);
		else if (name === 'aspectRatio') args.aspectRatio = /\b(21:9|16:9|4:3|1:1|3:4|9:16)\b/.exec(request)?.[1] ?? '16:9';
		else if (/Urls?$/.test(name) && url) args[name] = url;
	}
	return args;
}

/** What the scripted model says next: `{ toolCall: { name, args } }` or `{ content }`. */
function decide(body) {
	const tools = (body.tools ?? []).filter((t) => t.type === 'function');
	const generate = tools.find((t) => /generate/i.test(t.function.name));
	const wait = tools.find((t) => /wait/i.test(t.function.name));
	const { request, steps } = turnOf(body.messages ?? []);
	if (!generate) return { content: 'No Hailuo Generate tool is connected, so I cannot make a video.' };
	if (steps.length === 0) return { toolCall: { name: generate.function.name, args: generateArguments(generate, request) } };

	const last = steps[steps.length - 1];
	const items = parseJson(last.result);
	const done = Array.isArray(items) ? items.find((item) => item?.videoUrl) : undefined;
	if (done) return { content: `Your video is ready: ${done.videoUrl} (task ${done.taskId}, ${done.model}).` };
	const error = typeof items?.error === 'string' ? items.error : last.result;
	const generateCalls = steps.filter((s) => s.name === generate.function.name).length;
	// A task some answer said is billed and must not be created again: only ever looked up from then on.
	const billed = steps.find((s) => /do not create it again/i.test(s.result) && /Task \S+ is still/.test(s.result));
	if (billed) {
		const taskId = /Task (\S+) is still/.exec(billed.result)[1];
		const waited = steps.some((s) => s.name === wait?.function.name);
		if (wait && !waited) return { toolCall: { name: wait.function.name, args: { taskId, model: lastGenerate(steps, generate).model } } };
		return { content: `The video (task ${taskId}) is still rendering and is billed, so I did not create it again: ${error}` };
	}
	if (last.name === generate.function.name && /Allowed duration × resolution/.test(error) && generateCalls < MAX_GENERATE_CALLS) {
		const args = lastGenerate(steps, generate);
		const table = allowedDurations(error.split('Allowed duration × resolution:')[1]);
		const options = table[args.resolution] ?? Object.values(table)[0] ?? [];
		const nearest = [...options].sort((a, b) => Math.abs(a - args.duration) - Math.abs(b - args.duration))[0];
		if (nearest !== undefined) return { toolCall: { name: generate.function.name, args: { ...args, duration: nearest } } };
	}
	if (last.name === generate.function.name && generateCalls < 2) return { toolCall: { name: last.name, args: last.args } };
	return { content: `The video could not be made: ${error || '(the tool returned nothing)'}` };
}

const lastGenerate = (steps, generate) => steps.filter((s) => s.name === generate.function.name).at(-1).args;

function completion(body, decision) {
	const id = `chatcmpl-${crypto.randomBytes(8).toString('hex')}`;
	const toolCalls = decision.toolCall
		? [{ id: `call_${crypto.randomBytes(6).toString('hex')}`, type: 'function', function: { name: decision.toolCall.name, arguments: JSON.stringify(decision.toolCall.args) } }]
		: undefined;
	const message = { role: 'assistant', content: decision.content ?? null, ...(toolCalls ? { tool_calls: toolCalls } : {}), refusal: null };
	const promptTokens = Math.ceil(JSON.stringify(body.messages ?? []).length / 4);
	const completionTokens = Math.ceil(JSON.stringify(message).length / 4);
	return {
		id,
		object: 'chat.completion',
		created: Math.floor(Date.now() / 1000),
		model: body.model ?? MODEL,
		choices: [{ index: 0, message, logprobs: null, finish_reason: toolCalls ? 'tool_calls' : 'stop' }],
		usage: { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens },
	};
}

/** The same completion as server-sent chunks: the role, the text or the tool call, the finish, the usage. */
function streamed(body, answer) {
	const [choice] = answer.choices;
	const chunk = (delta, finishReason = null, extra = {}) => ({
		id: answer.id,
		object: 'chat.completion.chunk',
		created: answer.created,
		model: answer.model,
		choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
		...extra,
	});
	const chunks = [chunk({ role: 'assistant', content: '' })];
	if (choice.message.content) chunks.push(chunk({ content: choice.message.content }));
	for (const [index, call] of (choice.message.tool_calls ?? []).entries()) chunks.push(chunk({ tool_calls: [{ index, ...call }] }));
	chunks.push(chunk({}, choice.finish_reason));
	if (body.stream_options?.include_usage) chunks.push({ ...chunk({}), choices: [], usage: answer.usage });
	const text = `${chunks.map((c) => `data: ${JSON.stringify(c)}\n\n`).join('')}data: [DONE]\n\n`;
	return { headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' }, body: text };
}

function authenticate(call) {
	const key = /^Bearer (.+)$/.exec(call.headers.authorization ?? '')?.[1];
	if (key === API_KEY) return null;
	return openAiError(401, 'Incorrect API key provided. You can find your API key at https://platform.openai.com/account/api-keys.', 'invalid_request_error', 'invalid_api_key');
}

const routes = [
	{
		method: 'GET',
		path: '/models',
		handle: (call) =>
			authenticate(call) ?? { json: { object: 'list', data: [{ id: MODEL, object: 'model', created: 1_700_000_000, owned_by: 'emulator' }] } },
	},
	{
		method: 'POST',
		path: '/chat/completions',
		handle: (call) => {
			const denied = authenticate(call);
			if (denied) return denied;
			if (!Array.isArray(call.body?.messages)) return openAiError(400, "'messages' is required", 'invalid_request_error');
			const answer = completion(call.body, decide(call.body));
			return call.body.stream ? streamed(call.body, answer) : { json: answer };
		},
	},
];

module.exports = { id: 'openai', prefix: '/openai/v1', apiKey: API_KEY, model: MODEL, routes };
