// What each example workflow must produce when it runs in a real n8n (and in the test harness:
// test/examples.test.js runs these same checks on the harness's runs).
//
// run 'execute': check(runData, ctx) gets `data.resultData.runData` of `n8n execute --id <id> --rawOutput`.
// run 'webhook': the workflow is activated, `request` is sent to /webhook/<path>, check(response, ctx)
// gets { status, body }.
// run 'chat': each of `chats` is sent to its own published copy of a Chat Trigger workflow, check(reply, ctx,
// chat) gets { status, body, seconds } (test/n8n/run.js); not run in the harness, which has no AI nodes.
// ctx = { emulatorUrl, video, videoBytes, emulatorRequests: async () => [...], resetEmulator: async () => {} },
// plus storedBinary(id) in a real n8n: the file behind a filesystem binary reference.
//
// Binary data in a real n8n's output is a reference (filesystem mode: id, fileSize like "25 kB", maybe
// bytes), inline base64 in the harness: sizes are checked through `bytes` when present, else through what
// the emulator received (publish log) or, failing both, the rounded `fileSize`.
'use strict';

const assert = require('node:assert/strict');

/** Items of a node's output (default: first) from its last run. */
function output(runData, nodeName, outputIndex = 0) {
	const runs = runData[nodeName];
	assert.ok(runs && runs.length > 0, `node "${nodeName}" did not run (ran: ${Object.keys(runData).join(', ')})`);
	const run = runs[runs.length - 1];
	assert.ok(!run.error, `node "${nodeName}" failed: ${run.error?.message}`);
	return run.data?.main?.[outputIndex] ?? [];
}

/** Items of a node's output (default: first) over all its runs (a node in a loop runs several times). */
function outputOfAllRuns(runData, nodeName, outputIndex = 0) {
	const runs = runData[nodeName];
	assert.ok(runs && runs.length > 0, `node "${nodeName}" did not run (ran: ${Object.keys(runData).join(', ')})`);
	for (const run of runs) assert.ok(!run.error, `node "${nodeName}" failed: ${run.error?.message}`);
	return runs.flatMap((run) => run.data?.main?.[outputIndex] ?? []);
}

function assertNotRun(runData, nodeName) {
	assert.ok(!runData[nodeName], `node "${nodeName}" should not have run`);
}

/** "25.3 kB" → bytes (n8n writes sizes with pretty-bytes: powers of 1000, about 3 significant digits). */
function parsePrettySize(text) {
	const match = /^([\d.]+)\s*(B|kB|KB|MB|GB)$/.exec(String(text).trim());
	if (!match) return undefined;
	const factor = { B: 1, kB: 1e3, KB: 1e3, MB: 1e6, GB: 1e9 }[match[2]];
	return Number(match[1]) * factor;
}

/** The binary is the emulator's MP4: exact size through `bytes` or base64 data, else the rounded fileSize. */
function assertVideoBinary(item, ctx, label) {
	const binary = item.binary?.data;
	assert.ok(binary, `${label}: no binary "data"`);
	assert.equal(binary.mimeType, 'video/mp4', `${label}: mimeType`);
	assert.match(String(binary.fileName), /\.mp4$/, `${label}: fileName`);
	if (binary.id && ctx.storedBinary) {
		const stored = ctx.storedBinary(binary.id);
		assert.equal(stored.length, ctx.videoBytes, `${label}: size of the file n8n stored`);
		assert.ok(stored.equals(ctx.video), `${label}: the file n8n stored is the emulator's MP4`);
	}
	if (typeof binary.bytes === 'number') {
		assert.equal(binary.bytes, ctx.videoBytes, `${label}: binary bytes`);
	} else if (typeof binary.data === 'string' && !binary.id && binary.data !== 'filesystem-v2') {
		assert.equal(Buffer.from(binary.data, 'base64').length, ctx.videoBytes, `${label}: binary data length`);
	} else {
		const size = parsePrettySize(binary.fileSize);
		assert.ok(size !== undefined, `${label}: no bytes and an unreadable fileSize ${JSON.stringify(binary.fileSize)}`);
		assert.ok(Math.abs(size - ctx.videoBytes) <= ctx.videoBytes * 0.01 + 1, `${label}: fileSize ${binary.fileSize} vs ${ctx.videoBytes} bytes`);
	}
}

/** A finished task as Wait for Result outputs it. */
function assertSucceeded(json, { provider, model, label }) {
	assert.equal(json.status, 'succeeded', `${label}: status (error: ${json.error})`);
	assert.equal(json.provider, provider, `${label}: provider`);
	if (model) assert.equal(json.model, model, `${label}: model`);
	assert.equal(typeof json.taskId, 'string', `${label}: taskId`);
	assert.ok(json.taskId.length > 0, `${label}: taskId`);
	assert.equal(typeof json.videoUrl, 'string', `${label}: videoUrl`);
	assert.ok(json.videoUrl.endsWith('.mp4') || json.videoUrl.includes('file_id='), `${label}: videoUrl ${json.videoUrl}`);
	assert.equal(typeof json.timings?.completedAt, 'string', `${label}: timings.completedAt`);
}

/** The last `count` requests of a kind in the emulator log (the log may hold earlier runs). */
async function lastRequests(ctx, predicate, count) {
	const found = (await ctx.emulatorRequests()).filter(predicate);
	assert.ok(found.length >= count, `expected ${count} such emulator requests, found ${found.length}`);
	return found.slice(found.length - count);
}

/**
 * Callbacks that must start nothing, sent to the Trigger URLs the providers were given: no reference,
 * another account's reference, a stale reference, an unknown task, an Atlas Cloud body altered after
 * signing, Atlas Cloud and fal.ai signatures 10 minutes old, a Replicate body altered after signing,
 * a replay of each provider's delivered callbacks, and on every provider a task's genuine callback
 * posted to another task's URL.
 */
async function assertForgedCallbacksRefused(ctx) {
	const { readReference, referenceKey, signReference } = require('../../dist/nodes/shared/callbackReference');
	const emulatorModule = (provider) => require(`../emulator/providers/${provider}`);
	const ended = {
		minimax: (body) => body.status === 'success',
		atlasCloud: (body) => body.status === 'OK',
		apiInOne: (body) => body.status === 'completed',
		fal: (body) => body.status === 'OK',
		replicate: (body) => body.status === 'succeeded',
	};
	const callbacks = await ctx.emulatorCallbacks();
	const delivered = callbacks.filter((c) => c.status === 200 && ended[c.provider]?.(c.body));
	const first = (provider) => {
		const callback = delivered.find((c) => c.provider === provider);
		const answers = callbacks.filter((c) => c.provider === provider).map((c) => `${c.body.status}: ${c.status ?? c.error}`);
		assert.ok(callback, `a delivered callback of a finished ${provider} task (answers: ${answers.join(', ')})`);
		return callback;
	};
	const send = async (url, body, headers = {}) =>
		(await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) })).status;
	const withReference = (url, token) => {
		const next = new URL(url);
		if (token === undefined) next.searchParams.delete('hailuo_ref');
		else next.searchParams.set('hailuo_ref', token);
		return next;
	};
	const published = async () => (await ctx.emulatorRequests()).filter((r) => r.kind === 'publish').length;
	const publishedBefore = await published();

	const minimax = first('minimax');
	const minimaxKey = referenceKey(emulatorModule('minimax').apiKey);
	const reference = readReference(new URL(minimax.url).searchParams.get('hailuo_ref'), minimaxKey);
	assert.equal(await send(withReference(minimax.url), minimax.body), 401, 'MiniMax: no reference');
	assert.equal(await send(withReference(minimax.url, signReference(reference, referenceKey('another account'))), minimax.body), 401, 'MiniMax: another account\'s reference');
	assert.equal(await send(withReference(minimax.url, signReference({ ...reference, submittedAt: '2026-01-01T00:00:00.000Z' }, minimaxKey)), minimax.body), 401, 'MiniMax: stale reference');
	assert.equal(await send(minimax.url, { ...minimax.body, task_id: '999999999999999' }), 403, 'MiniMax: a task other than the URL\'s');

	const atlas = first('atlasCloud');
	const atlasBody = JSON.stringify(atlas.body);
	assert.equal(await send(atlas.url, { ...atlas.body, status: 'ERROR' }, atlas.headers), 401, 'Atlas Cloud: body altered after signing');
	const tenMinutesAgo = String(Math.floor(Date.now() / 1000) - 600);
	assert.equal(await send(atlas.url, atlasBody, emulatorModule('atlasCloud').webhookHeaders(atlasBody, tenMinutesAgo)), 401, 'Atlas Cloud: signature 10 minutes old');

	const fal = first('fal');
	const falBody = JSON.stringify(fal.body);
	assert.equal(await send(fal.url, falBody, emulatorModule('fal').webhookHeaders(fal.body.request_id, falBody, tenMinutesAgo)), 401, 'fal.ai: signature 10 minutes old');
	const replicate = first('replicate');
	assert.equal(await send(replicate.url, { ...replicate.body, output: 'https://forged.test/video.mp4' }, replicate.headers), 401, 'Replicate: body altered after signing');

	for (const callback of [minimax, atlas, first('apiInOne'), fal, replicate]) {
		assert.equal(await send(callback.url, callback.body, callback.headers), 409, `${callback.provider}: replay of a delivered callback`);
	}
	// A task's genuine callback (signed where the provider signs) posted to another task's Trigger URL.
	const { providerById } = require('../registry');
	for (const { provider } of CALLBACK_PROVIDERS) {
		const ends = callbacks.filter(
			(c) => c.provider === provider && c.status === 200 && providerById(provider).readCallback({ headers: c.headers, rawBody: JSON.stringify(c.body), body: c.body })?.ended,
		);
		const [atA, ofB] = [ends[0], ends.find((c) => c?.taskId !== ends[0]?.taskId)];
		assert.ok(atA && ofB, `${provider}: delivered ends of two tasks`);
		assert.equal(await send(atA.url, ofB.body, ofB.headers), 403, `${provider}: task ${ofB.taskId}'s callback at task ${atA.taskId}'s URL`);
	}
	await new Promise((resolve) => setTimeout(resolve, 1000));
	assert.equal(await published(), publishedBefore, 'nothing published by forged, stale, unknown or replayed callbacks');
}

/** What the Telegram Bot API stand-in received: the file behind a sent video's file_id, read back as a bot does. */
async function telegramFile(ctx, fileId) {
	const { TOKEN, PREFIX } = require('../emulator/telegram');
	const api = `${ctx.emulatorUrl}${PREFIX}`;
	const file = await (await fetch(`${api}/bot${TOKEN}/getFile?file_id=${encodeURIComponent(fileId)}`)).json();
	assert.ok(file.ok, `Telegram getFile: ${JSON.stringify(file)}`);
	return Buffer.from(await (await fetch(`${api}/file/bot${TOKEN}/${file.result.file_path}`)).arrayBuffer());
}

/** Every node of a 'validate' run is known to that n8n, without parameter issues, its credentials stored. */
function assertJudgedClean(nodes) {
	for (const node of nodes) {
		assert.ok(node.known, `${node.name}: n8n has no ${node.type} version ${node.typeVersion}`);
		assert.equal(node.issues, null, `${node.name}: n8n reports ${JSON.stringify(node.issues)}`);
		for (const credential of node.credentials) {
			assert.ok(credential.known, `${node.name}: credential type ${credential.type} unknown to n8n or to the node`);
			assert.ok(credential.stored, `${node.name}: no stored ${credential.type} credential with the example's id`);
		}
	}
}

/** The Hailuo part of a publishing example: Hailuo 3 text to video at 9:16, 768P. */
function assertVerticalHailuo3(nodesByName, { provider, model }) {
	const generate = nodesByName['Hailuo Generate'].parameters;
	assert.deepEqual([generate.provider, generate.mode, generate.model, generate.aspectRatio, generate.resolution], [provider, 'textToVideo', model, '9:16', '768P'], 'Hailuo Generate: Hailuo 3, text to video, 9:16');
}

const byName = (nodes) => Object.fromEntries(nodes.map((n) => [n.name, n]));

const isCreate = (provider) => (r) => r.kind === 'api' && r.provider === provider && r.method === 'POST';

const SOCIAL_CAPTIONS = ['Storm season at the lighthouse #coast', 'Quiet morning in the harbour #travel'];
const SOCIAL_FAILING_CAPTION = 'This post fails on purpose (see the note)';
// 28 posts over the seven providers that call back (20 over MiniMax, Atlas Cloud and API in One), image to
// video: Hailuo 2.3, and Hailuo 3 on fal.ai and Kie.ai (the Hailuo 3 Trigger pair).
const CALLBACK_PROVIDERS = [
	{ provider: 'minimax', model: 'MiniMax-Hailuo-2.3', count: 7 },
	{ provider: 'atlasCloud', model: 'minimax/hailuo-2.3/i2v-standard', count: 7 },
	{ provider: 'apiInOne', model: 'hailuo/2-3-image-to-video-standard', count: 6 },
	{ provider: 'fal', model: 'minimax/h3/image-to-video', count: 2 },
	{ provider: 'replicate', model: 'minimax/hailuo-2.3', count: 2 },
	{ provider: 'waveSpeed', model: 'minimax/hailuo-2.3/i2v-standard', count: 2 },
	{ provider: 'kie', model: 'minimax-h3/image-to-video', count: 2 },
].map(({ provider, model, count }) => ({
	provider,
	model,
	posts: Array.from({ length: count }, (_, n) => ({
		imageUrl: `http://127.0.0.1:4010/assets/sample.${n % 2 ? 'png' : 'jpg'}`, // every provider reads JPEG and PNG
		prompt: `Post ${n}: the harbour at dawn, slow push-in`,
		caption: `Harbour at dawn, ${provider} #${n}`,
		channel: ['instagram', 'tiktok', 'youtube'][n % 3],
	})),
}));

// video-agent: the chats, each on its own copy of the workflow. The Agent as shipped (3.1; n8n 1.x's newest
// is 3) and as v2.2; the emulator's chat model (test/emulator/openai.js) acts on the message.
const AGENT = '@n8n/n8n-nodes-langchain.agent';
const withAgent = (version) => (workflow, { major }) => {
	const agent = workflow.nodes.find((n) => n.type === AGENT);
	agent.typeVersion = version === 'shipped' ? (major < 2 ? 3 : agent.typeVersion) : version;
};
/** Generate gives up after 5 s while the video renders for 12 s (the `@duration:` marker reaches the emulator in the prompt). */
const withShortTimeout = (workflow) => {
	workflow.nodes.find((n) => n.name === 'Hailuo Generate').parameters.timeout = 5;
};
const VIDEO_AGENT_CHATS = ['shipped', 2.2].flatMap((version) => {
	const agent = version === 'shipped' ? 'Agent 3.x' : `Agent ${version}`;
	return [
		{ label: `${agent}: a 7 s video (not offered), retried at an allowed duration`, kind: 'badDuration', edit: withAgent(version), message: 'Make a 7 s video at 768P of a lighthouse at dusk, slow push-in' },
		{
			label: `${agent}: Generate times out, the task is picked up by Wait for Result`,
			kind: 'timeout',
			edit: (workflow, n8n) => (withAgent(version)(workflow, n8n), withShortTimeout(workflow)),
			message: 'Make a 6 s video at 768P of a storm over the harbour @duration:12000',
		},
	];
});

/** What the emulator's chat model was sent: each request's tools and messages. */
async function llmRequests(ctx) {
	return (await ctx.emulatorRequests()).filter((r) => r.provider === 'openai' && r.path.endsWith('/chat/completions')).map((r) => r.body);
}

/** The tool results the Agent passed back to the model, in order: { name, args, content }. */
function toolResults(requests) {
	const last = requests.at(-1);
	const calls = new Map(last.messages.flatMap((m) => m.tool_calls ?? []).map((c) => [c.id, c.function]));
	return last.messages
		.filter((m) => m.role === 'tool')
		.map((m) => ({ name: calls.get(m.tool_call_id)?.name, args: JSON.parse(calls.get(m.tool_call_id)?.arguments ?? '{}'), content: String(m.content) }));
}

module.exports = [
	{
		file: 'examples/image-to-video.json',
		run: 'execute',
		async check(runData, ctx) {
			const [upload] = output(runData, 'Hailuo Upload');
			assert.equal(upload.json.method, 'upload', 'Hailuo Upload: method');
			assert.match(upload.json.url, /\/uploads\//, 'Hailuo Upload: url');
			const items = output(runData, 'Hailuo Wait for Result');
			assert.equal(items.length, 1, 'Hailuo Wait for Result: one item');
			const [item] = items;
			assertSucceeded(item.json, { provider: 'atlasCloud', model: 'minimax/hailuo-2.3/i2v-standard', label: 'Hailuo Wait for Result' });
			assert.equal(item.json.taskId, output(runData, 'Hailuo Generate')[0].json.taskId, 'task ID from Generate');
			assertVideoBinary(item, ctx, 'Hailuo Wait for Result');
			const [create] = await lastRequests(ctx, isCreate('atlasCloud'), 1);
			assert.equal(create.body.image, upload.json.url, 'Atlas Cloud received the uploaded image URL');
			assert.match(create.body.prompt, /\[Push in\]$/, 'camera movement appended to the prompt');
		},
		// The same workflow on every other provider (onProvider, with its first image-to-video model).
		everyProvider: true,
		async checkOnProvider(runData, ctx, provider) {
			const { providerById } = require('../registry');
			const [upload] = output(runData, 'Hailuo Upload');
			assert.equal(upload.json.method, providerById(provider).uploadFile ? 'upload' : 'dataUrl', `${provider}: Hailuo Upload method`);
			const [item] = output(runData, 'Hailuo Wait for Result');
			assertSucceeded(item.json, { provider, label: `${provider}: Hailuo Wait for Result` });
			assertVideoBinary(item, ctx, `${provider}: Hailuo Wait for Result`);
			const creates = (await ctx.emulatorRequests()).filter((r) => isCreate(provider)(r) && r.taskId);
			assert.deepEqual(creates.map((c) => c.taskId), [item.json.taskId], `${provider}: one task, created once`);
			assert.ok(JSON.stringify(creates[0]).includes(upload.json.url.slice(0, 60)), `${provider}: the create carried the uploaded image`);
		},
	},
	{
		file: 'examples/social-pipeline.json',
		run: 'execute',
		// A batch larger than the account's create limit: the third post waits for a free slot.
		emulator: { rateLimits: { minimax: { createsPerMinute: 2 } }, rateWindowMs: 3000 },
		async check(runData, ctx) {
			const created = output(runData, 'Hailuo Generate');
			assert.equal(created.length, 3, 'Hailuo Generate: one task per post');
			for (const task of created) assert.equal(typeof task.json.taskId, 'string', 'Generate: taskId');

			// n8n 1.x moves an item to the error output only when its fields are exactly {error} or
			// {error, message} (2.x: any of error/message/details): the failed item must leave there on both.
			const videos = output(runData, 'Hailuo Wait for Result', 0);
			assert.deepEqual(videos.map((i) => i.json.caption), SOCIAL_CAPTIONS, 'Wait for Result: the two good posts, in order');
			videos.forEach((item, i) => {
				assertSucceeded(item.json, { provider: 'minimax', model: 'MiniMax-Hailuo-2.3', label: `video ${i}` });
				assert.equal(item.json.taskId, created[i].json.taskId, `video ${i}: task ID`);
				assertVideoBinary(item, ctx, `video ${i}`);
			});

			const failed = output(runData, 'Hailuo Wait for Result', 1);
			assert.equal(failed.length, 1, 'Wait for Result error output: the failing post');
			assert.equal(failed[0].json.taskId, created[2].json.taskId, 'error output: task ID of the failing post');
			assert.match(String(failed[0].json.error), /1026/, 'error output: MiniMax code 1026');
			assert.ok(String(failed[0].json.message).startsWith(`MiniMax task ${created[2].json.taskId}: failed`), 'error output: message names the task');

			const logged = output(runData, 'Log Failed Video');
			assert.equal(logged.length, 1, 'Log Failed Video: one item');
			assert.equal(logged[0].json.taskId, created[2].json.taskId, 'Log Failed Video: taskId');
			assert.equal(logged[0].json.caption, SOCIAL_FAILING_CAPTION, 'Log Failed Video: caption');
			assert.match(logged[0].json.error, /Task \S+ failed: .*sensitive.*\[1026\]/, 'Log Failed Video: error');

			const published = output(runData, 'Publish Video');
			assert.equal(published.length, 2, 'Publish Video: two posts');
			published.forEach((item, i) => {
				assert.match(String(item.json.id), /^post_/, `publish ${i}: post id`);
				assert.equal(item.json.bytes, ctx.videoBytes, `publish ${i}: the endpoint received the whole MP4`);
				assert.equal(item.json.caption, SOCIAL_CAPTIONS[i], `publish ${i}: caption`);
			});

			const posts = await lastRequests(ctx, (r) => r.kind === 'publish', 2);
			assert.deepEqual(posts.map((p) => p.body.multipart.fields.caption).sort(), [...SOCIAL_CAPTIONS].sort(), 'publish log: captions');
			for (const post of posts) {
				const [file] = post.body.multipart.files;
				assert.equal(post.body.multipart.files.length, 1, 'publish log: one file');
				assert.equal(file.name, 'video', 'publish log: form field name');
				assert.equal(file.contentType, 'video/mp4', 'publish log: content type');
				assert.equal(file.size, ctx.videoBytes, 'publish log: MP4 size');
			}
			const refused = (await ctx.emulatorRequests()).filter((r) => isCreate('minimax')(r) && r.refused === 'rateLimit');
			assert.ok(refused.length >= 1, 'MiniMax: the batch went over the create limit (refused creates were paced)');
			const creates = (await ctx.emulatorRequests()).filter((r) => isCreate('minimax')(r) && r.taskId);
			assert.deepEqual(
				creates.map((c) => c.body.model),
				['MiniMax-Hailuo-2.3', 'MiniMax-Hailuo-2.3', 'MiniMax-Hailuo-2.3'],
				'MiniMax: three tasks created, each once',
			);
		},
	},
	{
		file: 'examples/durable-loop.json',
		run: 'manual',
		trigger: 'Test Run',
		// Renders outlast the first check, so the items go round the loop at least once.
		emulator: { taskDurationMs: 2500 },
		// In a real n8n as shipped (automatic checks, Minimum Wait 70 s) with renders over 65 s: the Wait node
		// saves the execution as waiting; n8n is restarted meanwhile, and its wait tracker resumes it.
		realN8n: { asShipped: true, emulator: { taskDurationMs: 66_000 }, restartWhileWaiting: true },
		async check(runData, ctx) {
			if (ctx.statusesSeen) {
				const shown = ctx.statusesSeen.join(' → ');
				assert.ok(/waiting → \(n8n restarted\)/.test(shown), `n8n saved the execution as waiting and was restarted meanwhile (it showed ${shown})`);
			}
			const created = output(runData, 'Hailuo Generate');
			assert.equal(created.length, 2, 'Hailuo Generate: one task per post');
			assert.ok(runData['Hailuo Wait for Result'].length >= 2, 'Wait for Result ran again after Until Next Check');
			const rendering = outputOfAllRuns(runData, 'Hailuo Wait for Result', 1);
			assert.ok(rendering.length >= 1, 'some items went round the loop');
			for (const item of rendering) assert.ok(!Number.isNaN(Date.parse(item.json.resumeAt)), 'Still Rendering: resumeAt');
			const ready = outputOfAllRuns(runData, 'Hailuo Wait for Result', 0);
			assert.deepEqual(ready.map((i) => i.json.caption).sort(), [...SOCIAL_CAPTIONS].sort(), 'Ready: both posts, once each');
			ready.forEach((item, i) => {
				assertSucceeded(item.json, { provider: 'minimax', model: 'MiniMax-Hailuo-2.3', label: `ready ${i}` });
				assertVideoBinary(item, ctx, `ready ${i}`);
			});
			assert.equal(outputOfAllRuns(runData, 'Hailuo Wait for Result', 2).length, 0, 'Failed: none');
			const published = outputOfAllRuns(runData, 'Publish Video');
			assert.deepEqual(published.map((i) => i.json.caption).sort(), [...SOCIAL_CAPTIONS].sort(), 'Publish Video: both posts');
			const creates = (await ctx.emulatorRequests()).filter((r) => isCreate('minimax')(r) && r.taskId);
			assert.equal(creates.length, 2, 'MiniMax: two tasks created, each once');
		},
	},
	{
		// The pair runs together: the receiver is active, the submitter runs from its trigger once per provider
		// (copies of both switched to each provider), and the providers' callbacks start the receiver's runs.
		file: 'examples/scheduled-submit.json',
		run: 'callbacks',
		receiver: 'examples/publish-when-ready.json',
		trigger: 'Every Morning',
		providers: CALLBACK_PROVIDERS,
		// Renders long enough to look at n8n while they last, after all seven submissions ended: on a busy
		// machine n8n 1.x took over 8 s to finish them, and the first callback came before the first look.
		emulator: { taskDurationMs: 20_000 },
		/**
		 * ctx adds: submissions [{ provider, status }] (the submit runs, finished), receiverRuns() →
		 * [{ status }] of the receiver's runs so far, emulatorCallbacks(), and in a real n8n
		 * runningWhileRendering: how many executions n8n listed as running at each look between the
		 * submissions' end and the first video's end.
		 */
		async check(ctx) {
			const posts = CALLBACK_PROVIDERS.flatMap((p) => p.posts);
			assert.deepEqual(ctx.submissions.map((s) => `${s.provider}: ${s.status}${s.error ? ` (${s.error})` : ''}`), CALLBACK_PROVIDERS.map((p) => `${p.provider}: success`), 'submit runs ended successfully');
			if (ctx.runningWhileRendering) {
				assert.ok(ctx.runningWhileRendering.length >= 3, `looked at n8n's executions while the videos rendered (${ctx.runningWhileRendering.length} times)`);
				assert.deepEqual([...new Set(ctx.runningWhileRendering)], [0], 'no execution running while the videos render');
			}
			const published = async () => (await ctx.emulatorRequests()).filter((r) => r.kind === 'publish');
			for (let waited = 0; (await published()).length < posts.length && waited < 60_000; waited += 250) {
				await new Promise((resolve) => setTimeout(resolve, 250));
			}
			const received = (await published()).map((p) => p.body.multipart);
			assert.deepEqual(
				received.map((form) => `${form.fields.caption} | ${form.fields.channel}`).sort(),
				posts.map((post) => `${post.caption} | ${post.channel}`).sort(),
				'published: every post once, with its carried caption and channel',
			);
			for (const form of received) assert.equal(form.files[0].size, ctx.videoBytes, 'published: the whole MP4');
			for (const { provider, posts: sent } of CALLBACK_PROVIDERS) {
				const creates = (await ctx.emulatorRequests()).filter((r) => isCreate(provider)(r) && r.taskId);
				assert.equal(new Set(creates.map((c) => c.taskId)).size, sent.length, `${provider}: each post created once`);
				const callbackUrl = (c) => c.body.callback_url ?? c.body.webhook_url ?? c.body.webhook ?? c.body.callBackUrl ?? c.query?.fal_webhook ?? c.query?.webhook;
				for (const create of creates) assert.match(callbackUrl(create), /\/hailuo\?hailuo_ref=/, `${provider} create: the Trigger URL with its signed reference`);
			}
			for (let waited = 0; (await ctx.receiverRuns()).filter((r) => !['new', 'running'].includes(r.status)).length < posts.length && waited < 20_000; waited += 250) {
				await new Promise((resolve) => setTimeout(resolve, 250));
			}
			const runs = await ctx.receiverRuns();
			assert.deepEqual(runs.map((r) => r.status), posts.map(() => 'success'), 'Publish when ready: one successful run per video');
			await assertForgedCallbacksRefused(ctx);
			assert.equal((await ctx.receiverRuns()).length, posts.length, 'no run started by forged, stale, unknown or replayed callbacks');
		},
	},
	{
		file: 'examples/webhook-to-video.json',
		run: 'webhook',
		request: {
			method: 'POST',
			path: 'hailuo-video',
			body: {
				imageUrl: 'http://127.0.0.1:4010/assets/sample.jpg',
				prompt: 'The lighthouse beam sweeps across the sea at night, slow push-in',
			},
		},
		async check(response, ctx) {
			assert.equal(response.status, 200, `status (body: ${JSON.stringify(response.body)})`);
			const body = typeof response.body === 'string' ? JSON.parse(response.body) : response.body;
			assert.deepEqual(Object.keys(body).sort(), ['taskId', 'videoUrl'], 'response fields');
			assert.equal(typeof body.taskId, 'string', 'taskId');
			assert.ok(body.taskId.length > 0, 'taskId');
			assert.equal(body.videoUrl, `${ctx.emulatorUrl}/files/apiInOne/${body.taskId}.mp4`, 'videoUrl');
			const [create] = await lastRequests(ctx, isCreate('apiInOne'), 1);
			assert.equal(create.body.model, 'hailuo/2-3-image-to-video-standard', 'API in One: model');
			assert.match(create.body.image, /\/assets\/sample\.jpg$/, 'API in One: the image URL from the webhook body');
			assert.equal(create.body.prompt, 'The lighthouse beam sweeps across the sea at night, slow push-in', 'API in One: prompt');
		},
	},
	{
		file: 'examples/first-last-frame.json',
		run: 'execute',
		async check(runData, ctx) {
			const [task] = output(runData, 'Hailuo Generate');
			assert.equal(task.json.mode, 'firstLastFrame', 'Generate: mode');
			const items = output(runData, 'Hailuo Wait for Result');
			assert.equal(items.length, 1, 'Hailuo Wait for Result: one item');
			const [item] = items;
			assertSucceeded(item.json, { provider: 'minimax', model: 'MiniMax-Hailuo-02', label: 'Hailuo Wait for Result' });
			assert.equal(item.json.taskId, task.json.taskId, 'task ID from Generate');
			assert.equal(item.json.resolution, '768P', 'resolution');
			assert.equal(item.json.width, 1366, 'width follows the landscape first frame');
			assert.equal(item.json.height, 768, 'height');
			assertVideoBinary(item, ctx, 'Hailuo Wait for Result');
			const [create] = await lastRequests(ctx, isCreate('minimax'), 1);
			assert.equal(create.body.model, 'MiniMax-Hailuo-02', 'MiniMax: model');
			assert.match(create.body.first_frame_image, /\/assets\/sample\.png$/, 'MiniMax: first frame');
			assert.match(create.body.last_frame_image, /\/assets\/sample\.webp$/, 'MiniMax: last frame');
		},
	},
	{
		file: 'examples/hailuo3-scheduled-post.json',
		run: 'execute',
		async check(runData, ctx) {
			const [task] = output(runData, 'Hailuo Generate');
			assert.equal(task.json.mode, 'references', 'Generate: mode');
			assert.equal(task.json.hasSound, true, 'Generate: the video has sound');
			assert.equal(task.json.aspectRatio, '9:16', 'Generate: aspect ratio');
			assert.equal(task.json.duration, 8, 'Generate: 8 s');
			assert.equal(task.json.estimatedCost.amount, 0.64, 'Generate: 8 s at $0.08 a second, the one image free');
			const [item] = output(runData, 'Hailuo Wait for Result');
			assertSucceeded(item.json, { provider: 'minimax', model: 'MiniMax-H3', label: 'Hailuo Wait for Result' });
			assert.equal(item.json.hasSound, true, 'Wait for Result: hasSound');
			assertVideoBinary(item, ctx, 'Hailuo Wait for Result');
			const [published] = output(runData, 'Publish Video');
			assert.equal(published.json.caption, 'Golden hour at the lighthouse #coast', 'Publish Video: caption');
			assert.equal(published.json.bytes, ctx.videoBytes, 'Publish Video: the whole MP4');
			const [create] = await lastRequests(ctx, isCreate('minimax'), 1);
			assert.equal(create.route, '/v2/video_generation', 'MiniMax: Video Generation V2');
			assert.deepEqual(
				create.body.content.map((part) => [part.type, part.role ?? null]),
				[['text', null], ['image_url', 'reference_image']],
				'MiniMax: the prompt, then the reference image',
			);
			assert.deepEqual([create.body.duration, create.body.resolution, create.body.ratio], [8, '768P', '9:16'], 'MiniMax: duration, resolution and ratio chosen');
		},
		// The same post made on a reseller: Replicate's minimax/h3.
		alsoOn: [{ provider: 'replicate', model: 'minimax/h3' }],
		async checkOnProvider(runData, ctx, provider) {
			const [item] = output(runData, 'Hailuo Wait for Result');
			assertSucceeded(item.json, { provider, model: 'minimax/h3', label: `${provider}: Hailuo Wait for Result` });
			assertVideoBinary(item, ctx, `${provider}: Hailuo Wait for Result`);
			const creates = (await ctx.emulatorRequests()).filter((r) => isCreate(provider)(r) && r.taskId);
			assert.deepEqual(creates.map((c) => c.taskId), [item.json.taskId], `${provider}: one task, created once`);
			const { input } = creates[0].body;
			assert.deepEqual([input.duration, input.ratio, input.reference_image_urls.length], [8, '9:16', 1], `${provider}: duration, ratio, the reference image`);
			assert.equal(output(runData, 'Publish Video').length, 1, `${provider}: published`);
		},
	},
	{
		file: 'examples/publish-to-telegram.json',
		run: 'execute',
		// n8n's Telegram node posts the downloaded MP4 to the emulator's Bot API stand-in (the credential's Base URL).
		async check(runData, ctx) {
			const [task] = output(runData, 'Hailuo Generate');
			assert.deepEqual([task.json.mode, task.json.aspectRatio, task.json.hasSound], ['textToVideo', '9:16', true], 'Generate: Hailuo 3 text to video, 9:16, with sound');
			const [item] = output(runData, 'Hailuo Wait for Result');
			assertSucceeded(item.json, { provider: 'replicate', model: 'minimax/h3', label: 'Hailuo Wait for Result' });
			assertVideoBinary(item, ctx, 'Hailuo Wait for Result');
			const [sent] = output(runData, 'Send to Telegram');
			assert.equal(sent.json.ok, true, `Telegram answered ${JSON.stringify(sent.json)}`);
			const { video, caption, chat } = sent.json.result;
			assert.equal(caption, 'Rainy evening, made with Hailuo 3 #rain', 'Telegram: caption');
			assert.equal(chat.id, '@your_channel', 'Telegram: chat');
			assert.deepEqual([video.mime_type, video.file_size], ['video/mp4', ctx.videoBytes], 'Telegram: an MP4 of the whole size');
			const received = await telegramFile(ctx, video.file_id);
			assert.ok(received.equals(ctx.video), 'Telegram received exactly the MP4 Hailuo rendered (byte for byte)');
			const [upload] = await lastRequests(ctx, (r) => r.kind === 'telegram' && r.route.endsWith('/sendVideo'), 1);
			assert.deepEqual(upload.body.multipart.files.map((f) => [f.name, f.contentType, f.size]), [['video', 'video/mp4', ctx.videoBytes]], 'sendVideo: one multipart file "video"');
			const [create] = await lastRequests(ctx, isCreate('replicate'), 1);
			assert.deepEqual([create.body.input.duration, create.body.input.ratio], [6, '9:16'], 'Replicate: 6 s at 9:16');
		},
	},
	{
		file: 'examples/publish-to-youtube-shorts.json',
		run: 'validate', // YouTube takes OAuth2 and Google's host: judged by n8n, not posted
		check(nodes) {
			assertJudgedClean(nodes);
			const named = byName(nodes);
			assertVerticalHailuo3(named, { provider: 'minimax', model: 'MiniMax-H3' });
			assert.equal(named['Hailuo Wait for Result'].parameters.downloadVideo, true, 'Wait for Result downloads the MP4');
			const upload = named['Upload to YouTube'];
			assert.deepEqual([upload.type, upload.parameters.resource, upload.parameters.operation, upload.parameters.binaryProperty], ['n8n-nodes-base.youTube', 'video', 'upload', 'data'], 'YouTube: Video → Upload from the binary "data"');
		},
	},
	{
		file: 'examples/publish-to-instagram-reels.json',
		run: 'validate', // the Graph API node's host is fixed (graph.facebook.com): judged by n8n, not posted
		check(nodes) {
			assertJudgedClean(nodes);
			const named = byName(nodes);
			assertVerticalHailuo3(named, { provider: 'waveSpeed', model: 'minimax/h3/text-to-video' });
			const query = (name) => Object.fromEntries(named[name].parameters.options.queryParameters.parameter.map((q) => [q.name, q.value]));
			const container = named['Create Reels Container'];
			assert.deepEqual([container.parameters.httpRequestMethod, container.parameters.edge], ['POST', 'media'], 'container: POST /{ig-user-id}/media');
			assert.deepEqual(query('Create Reels Container'), { media_type: 'REELS', video_url: '={{ $json.videoUrl }}', caption: '={{ $json.caption }}' }, 'container: a Reel from the video URL');
			assert.deepEqual(named['Check Container'].parameters.options.fields.field.map((f) => f.name), ['status_code', 'status'], 'status check: status_code');
			assert.deepEqual([named['Publish Reel'].parameters.edge, query('Publish Reel')], ['media_publish', { creation_id: '={{ $json.id }}' }], 'publish: media_publish with the container');
		},
	},
	{
		file: 'examples/video-agent.json',
		run: 'chat',
		chats: VIDEO_AGENT_CHATS,
		async check(reply, ctx, chat) {
			assert.equal(reply.status, 200, `chat reply status (body: ${JSON.stringify(reply.body)})`);
			const requests = await llmRequests(ctx);
			assert.ok(requests.length >= 2, `the chat model was asked at least twice (${requests.length})`);

			// Offered: Generate with the fields to choose, each naming the allowed values; Wait for Result.
			const offered = Object.fromEntries(requests[0].tools.map((t) => [t.function.name, t.function]));
			assert.deepEqual(Object.keys(offered).sort(), ['Hailuo_Generate', 'Hailuo_Wait_for_Result'], 'tools offered');
			const { properties } = offered.Hailuo_Generate.parameters;
			assert.match(properties.model.description, /one of: MiniMax-Hailuo-2\.3 \(Hailuo 2\.3: 768P: 6 or 10 s; 1080P: 6 s/, 'Generate: model lists the models with their durations and resolutions');
			assert.match(properties.duration.description, /duration the chosen model lists/, 'Generate: duration');
			assert.match(properties.resolution.description, /One of .*768P.*1080P/, 'Generate: resolution lists the resolutions');
			assert.match(offered.Hailuo_Generate.description, /billed/, 'Generate: its description says each call is billed');

			const results = toolResults(requests);
			const creates = (await ctx.emulatorRequests()).filter((r) => isCreate('minimax')(r) && r.taskId);
			assert.equal(creates.length, 1, `exactly one task created (tool calls: ${results.map((r) => `${r.name}(${JSON.stringify(r.args)}) → ${r.content.slice(0, 200)}`).join(' | ')})`);
			const [create] = creates;
			const text = typeof reply.body === 'string' ? reply.body : reply.body?.output;
			const ready = JSON.parse(results.at(-1).content)[0];
			assert.equal(ready.taskId, create.taskId, 'the last tool result is the created task');
			const { videoUrl } = ready;
			assert.ok(videoUrl.startsWith(ctx.emulatorUrl), `the last tool result has the videoUrl (${videoUrl})`);

			if (chat.kind === 'badDuration') {
				assert.deepEqual(results.map((r) => [r.name, r.args.duration]), [['Hailuo_Generate', 7], ['Hailuo_Generate', 6]], 'Generate at 7 s, then at 6 s');
				assert.match(results[0].content, /768P: 6 or 10 s/, 'the refusal reached the model naming the allowed durations');
				assert.deepEqual([create.body.duration, create.body.resolution], [6, '768P'], 'MiniMax: the retry was created at 6 s, 768P');
			} else {
				assert.deepEqual(results.map((r) => r.name), ['Hailuo_Generate', 'Hailuo_Wait_for_Result'], 'Generate, then Wait for Result (Generate not called again)');
				assert.match(results[0].content, new RegExp(`Task ${create.taskId} is still \\w+ after 5 s`), 'the timeout names the task');
				assert.match(results[0].content, /billed.*do not create it again/, 'the timeout says the task is billed and must not be created again');
				assert.equal(results[1].args.taskId, create.taskId, 'Wait for Result got the task id');
			}
			assert.ok(String(text).includes(videoUrl), `the chat reply holds the video URL ${videoUrl}: ${JSON.stringify(reply.body)}`);
			// What a turn costs in model input: the tool schemas are sent with every call.
			const sent = requests.map((r) => JSON.stringify(r).length);
			return `${requests.length} model calls, ${sent.reduce((a, b) => a + b, 0)} characters sent to the model (the tools: ${JSON.stringify(requests[0].tools).length})`;
		},
	},
];

module.exports.helpers = { output, assertNotRun, assertVideoBinary, parsePrettySize };
