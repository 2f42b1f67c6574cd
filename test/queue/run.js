#!/usr/bin/env node
// The queue-mode test: the packed n8n-nodes-hailuo in a real n8n 2.40.7 scaled out the way n8n documents
// it — Postgres, Redis, `n8n start` (main, EXECUTIONS_MODE=queue), two `n8n worker`s and one
// `n8n webhook` processor — against the provider emulator, proving that nothing is lost:
//   1. scheduled pipeline: 10 executions of 10 items at once (Generate → Wait for Result → publish),
//      spread over both workers; every video delivered, stored in n8n's database byte for byte, each
//      item created once;
//   2. callback pipeline: scheduled-submit + publish-when-ready with 50 items, the callbacks served by
//      the webhook processor; all published, none twice;
//   3. durable loop: renders over 65 s; the main instance's wait tracker resumes the waiting execution
//      on a worker;
//   4. fault: a worker is killed (SIGKILL) while its executions wait in-node for renders; what n8n does
//      with them is measured and every item must end delivered or in an execution n8n reports failed,
//      none created twice by n8n.
// Node 24 and n8n are shared with the real-n8n test (.cache/n8n-real); Postgres and Redis are Debian's
// (apt-get install when missing); each run's cluster, logs and user folders live in .cache/queue/run.
// Ports are its own (the single-process test uses 4010, 5678 and 5679): emulator 4110, main 5700,
// webhook processor 5701, worker health checks 5702/5703, task-runner brokers 5720-5723, Postgres 5710,
// Redis 5711. Exit code 0 only when every check passed.
//
//   node test/queue/run.js
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const assert = require('node:assert/strict');
const { stopProcess, killProcess, stopAll, runAsScript } = require('../n8n/lib/processes');
const { ensureN8n } = require('../n8n/lib/setup');
const { buildAndPack, installLikeN8n } = require('../n8n/lib/package');
const { createN8n, ownerSession, followExecution, UNFINISHED } = require('../n8n/lib/n8n');
const { createReport } = require('../n8n/lib/report');
const { startEmulator, configureEmulator, emulatorContext } = require('../n8n/lib/emulator');
const { PROJECT_DIR, CACHE_DIR, APP_DIR, EXAMPLES_DIR } = require('../n8n/lib/paths');
const { credentialsFor } = require('../n8n/credentials');
const { withQuickPolling, withPosts, withUrls } = require('../harness/workflows');
const { ensureServices, startPostgres, startRedis } = require('./lib/services');

const QUEUE_DIR = path.join(PROJECT_DIR, '.cache', 'queue');
const RUN_DIR = path.join(QUEUE_DIR, 'run'); // fresh for every run, kept afterwards for the logs
const PORTS = { emulator: 4110, main: 5700, webhook: 5701, workers: [5702, 5703], postgres: 5710, redis: 5711, runnerBrokers: [5720, 5721, 5722, 5723] };
const EMULATOR_URL = `http://127.0.0.1:${PORTS.emulator}`;
const WEBHOOK_PROCESSOR_URL = `http://localhost:${PORTS.webhook}`;
const WORKER_CONCURRENCY = 5; // 10 executions at once need both workers

const SCHEDULED = { executions: 10, items: 10, renderMs: 3000 };
// MiniMax posts a challenge to the callback URL at each create and sends the task's callbacks only if it
// was echoed within 3 s; n8n takes about 0.1 s of CPU per webhook call here (2 cores), so one webhook
// processor echoes a limited burst in time. Paced: creates at MiniMax's documented paid limit of 20 a
// minute, time-compressed 2× (20 per 30 s window; 20 per 15 s lost challenges on a busy 2-core machine);
// burst: as fast as Generate sends them (4 at once).
const CALLBACK = { items: 50, renderMs: 3000, pacedKnobs: { rateLimits: { minimax: { createsPerMinute: 20 } }, rateWindowMs: 30_000 } };
const DURABLE = { renderMs: 66_000 }; // over n8n's 65 s: the Wait node saves the execution to the database
const FAULT = { executions: 6, items: 5, renderMs: 20_000 };

const { phase, check, record, printSummary, exitCode } = createReport();
const figures = []; // printed at the end for CONTRIBUTING.md's "Tested in queue mode"
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

function log(message) {
	console.log(`  ${message}`);
}

function figure(name, value) {
	figures.push({ name, value });
	log(`${name}: ${value}`);
}

// ---------------------------------------------------------------- workflows

function example(file) {
	return JSON.parse(fs.readFileSync(path.join(EXAMPLES_DIR, file), 'utf8'));
}

/** A copy of an example with its own id and name (n8n imports by id). */
function copyOf(workflow, id, name) {
	return { ...structuredClone(workflow), id, name: `${workflow.name} — ${name}` };
}

const posts = (count, tag) =>
	Array.from({ length: count }, (_, i) => ({
		imageUrl: `${EMULATOR_URL}/assets/sample.${i % 2 ? 'png' : 'jpg'}`,
		prompt: `Item ${tag}-${i}: the harbour at dawn, slow push-in`,
		caption: `${tag}-${i}`,
		channel: ['instagram', 'tiktok', 'youtube'][i % 3],
	}));

/** The item tag a create carried in its prompt ("Item s3-7: …" → "s3-7"). */
const itemOfCreate = (create) => /Item (\S+):/.exec(create.body?.prompt ?? '')?.[1];

function workflows() {
	const social = withQuickPolling(withUrls(example('social-pipeline.json'), { emulatorUrl: EMULATOR_URL }));
	const scheduled = Array.from({ length: SCHEDULED.executions }, (_, r) => withPosts(copyOf(social, `queueScheduled${String(r).padStart(2, '0')}`, `scheduled ${r}`), posts(SCHEDULED.items, `s${r}`)));
	const fault = Array.from({ length: FAULT.executions }, (_, r) => withPosts(copyOf(social, `queueFault${String(r).padStart(2, '0')}`, `fault ${r}`), posts(FAULT.items, `f${r}`)));
	const urls = { emulatorUrl: EMULATOR_URL, n8nUrl: WEBHOOK_PROCESSOR_URL };
	const submit = withUrls(example('scheduled-submit.json'), urls);
	const submitPaced = withPosts(copyOf(submit, 'queueSubmitPaced', 'paced'), posts(CALLBACK.items, 'c'));
	const submitBurst = withPosts(copyOf(submit, 'queueSubmitBurst', 'burst'), posts(CALLBACK.items, 'b'));
	const receiver = withUrls(example('publish-when-ready.json'), urls);
	const durable = withUrls(example('durable-loop.json'), { emulatorUrl: EMULATOR_URL }); // as shipped: Minimum Wait 70 s
	return { scheduled, fault, submitPaced, submitBurst, receiver, durable, all: [...scheduled, ...fault, submitPaced, submitBurst, receiver, durable] };
}

// ---------------------------------------------------------------- the cluster

/** What every n8n process of the cluster shares: queue mode, Postgres, Redis, binary data in the database. */
function queueEnv(postgres, redis) {
	return {
		EXECUTIONS_MODE: 'queue',
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: postgres.host,
		DB_POSTGRESDB_PORT: String(postgres.port),
		DB_POSTGRESDB_DATABASE: postgres.database,
		DB_POSTGRESDB_USER: postgres.user,
		DB_POSTGRESDB_PASSWORD: postgres.password,
		QUEUE_BULL_REDIS_HOST: redis.host,
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true', // runs started from the REST API go to the workers too
		N8N_DEFAULT_BINARY_DATA_MODE: 'database', // queue mode's default, said explicitly
		// Production webhook URLs point at the webhook processor (WEBHOOK_URL is 2.40's deprecated name of it).
		N8N_WEBHOOK_URL: `${WEBHOOK_PROCESSOR_URL}/`,
	};
}

/** The four n8n processes, each with its own user folder (N8N_ENCRYPTION_KEY is the same for all). */
function defineCluster(env) {
	const [mainBroker, webhookBroker, ...workerBrokers] = PORTS.runnerBrokers;
	const main = createN8n(RUN_DIR, { name: 'main', port: PORTS.main, env: { ...env, N8N_RUNNERS_BROKER_PORT: String(mainBroker) } });
	const webhook = createN8n(RUN_DIR, { name: 'webhook', port: PORTS.webhook, env: { ...env, N8N_RUNNERS_BROKER_PORT: String(webhookBroker) } });
	const workers = PORTS.workers.map((port, i) =>
		createN8n(RUN_DIR, {
			name: `worker-${i + 1}`,
			port, // a worker serves no editor: N8N_PORT is only kept distinct
			env: { ...env, QUEUE_HEALTH_CHECK_ACTIVE: 'true', QUEUE_HEALTH_CHECK_PORT: String(port), N8N_RUNNERS_BROKER_PORT: String(workerBrokers[i]) },
		}),
	);
	return { main, webhook, workers };
}

const serverLog = (name) => path.join(RUN_DIR, `${name}.log`);

async function startCluster(cluster) {
	const started = Date.now();
	const procs = { main: await cluster.main.start({ logFile: serverLog('main') }) };
	figure('main ready after', seconds(Date.now() - started));
	// The main ran the migrations; the others start together.
	const [webhook, ...workers] = await Promise.all([
		cluster.webhook.start({ command: 'webhook', logFile: serverLog('webhook') }),
		...cluster.workers.map((worker, i) =>
			worker.start({ command: 'worker', args: [`--concurrency=${WORKER_CONCURRENCY}`], readyUrl: `http://127.0.0.1:${PORTS.workers[i]}/healthz/readiness`, logFile: serverLog(worker.name) }),
		),
	]);
	figure('cluster ready after', seconds(Date.now() - started));
	return { ...procs, webhook, workers };
}

// ---------------------------------------------------------------- what n8n did (logs, database)

const WORKER_NAMES = PORTS.workers.map((_, i) => `worker-${i + 1}`);

function readLog(name) {
	try {
		return fs.readFileSync(serverLog(name), 'utf8');
	} catch {
		return '';
	}
}

/** executionId → [worker names, one per start] from the workers' "Worker started execution" lines. */
function workerStarts() {
	const starts = new Map();
	for (const name of WORKER_NAMES) {
		for (const [, id] of readLog(name).matchAll(/Worker started execution (\d+) \(job \d+\)/g)) {
			if (!starts.has(id)) starts.set(id, []);
			starts.get(id).push(name);
		}
	}
	return starts;
}

/** How many times the main enqueued an execution ("Enqueued execution <id> (job <n>)"). */
function mainEnqueues(id) {
	return [...readLog('main').matchAll(new RegExp(`Enqueued execution ${id} \\(job \\d+\\)`, 'g'))].length;
}

function perWorker(ids) {
	const starts = workerStarts();
	const counts = Object.fromEntries(WORKER_NAMES.map((n) => [n, 0]));
	for (const id of ids) for (const name of starts.get(String(id)) ?? []) counts[name]++;
	return counts;
}

/** Reads binaries n8n stored in database mode (table binary_data) with n8n's own `pg`. */
function binaryStore(connection) {
	const { Client } = require(path.join(APP_DIR, 'node_modules', 'pg'));
	return {
		async read(binaryId) {
			const fileId = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i.exec(binaryId)?.[0];
			if (!binaryId.startsWith('database') || !fileId) throw new Error(`binary id ${binaryId} is not a database-mode reference`);
			const client = new Client(connection);
			await client.connect();
			try {
				const { rows } = await client.query('SELECT data FROM binary_data WHERE "fileId" = $1', [fileId]);
				if (rows.length !== 1) throw new Error(`no row in binary_data for ${binaryId}`);
				return rows[0].data;
			} finally {
				await client.end();
			}
		},
	};
}

// ---------------------------------------------------------------- emulator log helpers

const isMiniMaxCreate = (r) => r.kind === 'api' && r.provider === 'minimax' && r.method === 'POST' && r.taskId;

/** item tag → number of tasks created for it. */
async function createsByItem(ctx, prefix) {
	const counts = {};
	for (const create of (await ctx.emulatorRequests()).filter(isMiniMaxCreate)) {
		const item = itemOfCreate(create);
		if (item?.startsWith(prefix)) counts[item] = (counts[item] ?? 0) + 1;
	}
	return counts;
}

/** caption → the publish requests that carried it. */
async function publishedByCaption(ctx, prefix) {
	const byCaption = {};
	for (const post of (await ctx.emulatorRequests()).filter((r) => r.kind === 'publish')) {
		const caption = post.body?.multipart?.fields?.caption;
		if (caption?.startsWith(prefix)) (byCaption[caption] ??= []).push(post);
	}
	return byCaption;
}

async function waitFor(description, predicate, timeoutMs, intervalMs = 500) {
	for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await sleep(intervalMs)) {
		if (await predicate()) return;
	}
	throw new Error(`${description}: not within ${timeoutMs / 1000} s`);
}

function assertEachOnce(counts, expectedKeys, what) {
	const missing = expectedKeys.filter((k) => !counts[k]);
	const twice = Object.entries(counts).filter(([, n]) => n > 1).map(([k, n]) => `${k} ×${n}`);
	assert.deepEqual(missing, [], `${what}: never for ${missing.join(', ')}`);
	assert.deepEqual(twice, [], `${what}: more than once for ${twice.join(', ')}`);
}

const tags = (count, tag) => posts(count, tag).map((p) => p.caption);

// ---------------------------------------------------------------- phases

async function runScheduledPipeline(session, wf, store) {
	const ctx = emulatorContext(EMULATOR_URL);
	await ctx.resetEmulator();
	await configureEmulator(EMULATOR_URL, { taskDurationMs: SCHEDULED.renderMs });
	const started = Date.now();
	const ids = await Promise.all(wf.scheduled.map((w) => session.runManually(w.id, 'Every Morning')));
	const ended = await Promise.all(ids.map((id, i) => followExecution(session, wf.scheduled[i].id, id, 5 * 60_000)));
	figure(`scheduled pipeline: ${SCHEDULED.executions} executions × ${SCHEDULED.items} items`, seconds(Date.now() - started));

	await check('every execution ended successfully', () => {
		const statuses = ended.map(({ execution }) => `${execution.id}: ${execution.status}${execution.data?.resultData?.error ? ` (${execution.data.resultData.error.message})` : ''}`);
		assert.deepEqual(statuses.filter((s) => !s.endsWith(': success')), [], 'executions that did not succeed');
		return `${ids.length} executions: success`;
	});
	await check('both workers ran executions, each execution once', () => {
		const starts = workerStarts();
		const counts = perWorker(ids);
		const notOnce = ids.filter((id) => (starts.get(id) ?? []).length !== 1);
		assert.deepEqual(notOnce, [], 'executions not started exactly once on a worker');
		for (const name of WORKER_NAMES) assert.ok(counts[name] > 0, `${name} ran none (${JSON.stringify(counts)})`);
		figure('scheduled pipeline: executions per worker', WORKER_NAMES.map((n) => `${n} ${counts[n]}`).join(', '));
		return JSON.stringify(counts);
	});
	await check(`each of the ${SCHEDULED.executions * SCHEDULED.items} items created exactly once at the emulator`, async () => {
		const all = wf.scheduled.flatMap((_, r) => tags(SCHEDULED.items, `s${r}`));
		const counts = await createsByItem(ctx, 's');
		assertEachOnce(counts, all, 'task created');
		figure('scheduled pipeline: creates per item', `${Math.min(...Object.values(counts))}–${Math.max(...Object.values(counts))} (${Object.keys(counts).length} items)`);
		return `${all.length} items, one task each`;
	});
	await check(`all ${SCHEDULED.executions * SCHEDULED.items} videos delivered (published once, whole MP4)`, async () => {
		const all = wf.scheduled.flatMap((_, r) => tags(SCHEDULED.items, `s${r}`));
		const published = await publishedByCaption(ctx, 's');
		assertEachOnce(Object.fromEntries(Object.entries(published).map(([k, v]) => [k, v.length])), all, 'published');
		for (const [caption, [post]] of Object.entries(published)) assert.equal(post.body.multipart.files[0].size, ctx.videoBytes, `${caption}: size of the published MP4`);
		return `${all.length} posts`;
	});
	await check('every video stored in n8n\'s database (binary data mode "database"), byte-identical to the emulator\'s', async () => {
		let stored = 0;
		for (const { execution } of ended) {
			const runs = execution.data.resultData.runData['Hailuo Wait for Result'];
			const items = runs.at(-1).data.main[0];
			assert.equal(items.length, SCHEDULED.items, `execution ${execution.id}: Wait for Result items`);
			for (const item of items) {
				const binary = item.binary?.data;
				assert.ok(binary?.id, `execution ${execution.id}, ${item.json.caption}: no stored binary (${JSON.stringify(binary)?.slice(0, 200)})`);
				const bytes = await store.read(binary.id);
				assert.ok(Buffer.from(bytes).equals(ctx.video), `execution ${execution.id}, ${item.json.caption}: ${bytes.length} bytes in the database, not the emulator's ${ctx.videoBytes}-byte MP4`);
				stored++;
			}
		}
		return `${stored} binaries, e.g. ${ended[0].execution.data.resultData.runData['Hailuo Wait for Result'].at(-1).data.main[0][0].binary.data.id}`;
	});
}

/** The receiver's executions so far (at most 100 are listed: enough for one batch). */
const receiverRuns = (session, wf) => session.executions({ workflowId: wf.receiver.id });

/**
 * Paced creates: all 50 items published once through the webhook processor, one receiver execution each.
 * The receiver's executions from earlier runs are told apart by their ids (`seenRuns`).
 */
async function runCallbackPipeline(session, wf, seenRuns) {
	const ctx = emulatorContext(EMULATOR_URL);
	await ctx.resetEmulator();
	await configureEmulator(EMULATOR_URL, { taskDurationMs: CALLBACK.renderMs, ...CALLBACK.pacedKnobs });
	const all = tags(CALLBACK.items, 'c');
	const started = Date.now();
	const id = await session.runManually(wf.submitPaced.id, 'Every Morning');
	const { execution } = await followExecution(session, wf.submitPaced.id, id, 3 * 60_000);
	const submitted = Date.now();
	await check('the submit execution ended successfully', () => {
		assert.equal(execution.status, 'success', `status (${execution.data?.resultData?.error?.message ?? ''})`);
		const refused = ctx.emulatorRequests().then((log) => log.filter((r) => r.kind === 'api' && r.method === 'POST' && r.refused === 'rateLimit').length);
		return refused.then((n) => `${seconds(submitted - started)} (creates paced; ${n} refused for rate and sent again)`);
	});
	await check(`all ${CALLBACK.items} videos published, none twice`, async () => {
		// Published ones arrive within seconds of their render; a task whose challenge failed never does.
		await waitFor(`${CALLBACK.items} posts published (${Object.keys(await publishedByCaption(ctx, 'c')).length} were when the submit ended)`, async () => Object.keys(await publishedByCaption(ctx, 'c')).length >= CALLBACK.items, 60_000);
		await sleep(2000); // a late duplicate would arrive now
		const published = await publishedByCaption(ctx, 'c');
		assertEachOnce(Object.fromEntries(Object.entries(published).map(([k, v]) => [k, v.length])), all, 'published');
		for (const [caption, [post]] of Object.entries(published)) assert.equal(post.body.multipart.files[0].size, ctx.videoBytes, `${caption}: size of the published MP4`);
		figure(`callback pipeline (paced): ${CALLBACK.items} items submitted → all published`, `${seconds(submitted - started)} submit, ${seconds(Date.now() - started)} in all`);
		return `${all.length} posts`;
	});
	await check('each item created exactly once', async () => {
		assertEachOnce(await createsByItem(ctx, 'c'), all, 'task created');
		return `${all.length} tasks`;
	});
	await check('the callbacks went to the webhook processor, which answered every one in time', async () => {
		const callbacks = await ctx.emulatorCallbacks();
		const elsewhere = callbacks.filter((c) => !c.url.startsWith(`${WEBHOOK_PROCESSOR_URL}/webhook/`));
		assert.deepEqual(elsewhere.map((c) => c.url), [], 'callbacks sent elsewhere');
		const unanswered = callbacks.filter((c) => c.status !== 200);
		const slowest = (kind) => Math.max(0, ...callbacks.filter(kind).map((c) => c.answeredInMs ?? 0));
		figure('callback pipeline (paced): callbacks answered by the webhook processor', `${callbacks.length - unanswered.length} of ${callbacks.length}; slowest challenge answer ${seconds(slowest((c) => c.body?.challenge))}, slowest result ${seconds(slowest((c) => !c.body?.challenge))}`);
		const counted = {};
		for (const c of unanswered) counted[`${c.body?.challenge ? 'challenge' : c.body?.status}: ${c.status ?? c.error}`] = (counted[`${c.body?.challenge ? 'challenge' : c.body?.status}: ${c.status ?? c.error}`] ?? 0) + 1;
		const firstAt = Math.min(...callbacks.map((c) => Date.parse(c.at)));
		const when = unanswered.map((c) => `+${seconds(Date.parse(c.at) - firstAt)}`).join(' ');
		assert.deepEqual(counted, {}, `callbacks not answered 200 (sent at ${when} after the first callback)`);
		return `${callbacks.length} callbacks to ${WEBHOOK_PROCESSOR_URL}`;
	});
	await check(`one successful receiver execution per video (${CALLBACK.items}), run by the workers`, async () => {
		const fresh = async () => (await receiverRuns(session, wf)).filter((e) => !seenRuns.has(String(e.id)));
		await waitFor('receiver executions ended', async () => (await fresh()).filter((e) => !UNFINISHED.includes(e.status)).length >= CALLBACK.items, 60_000);
		const runs = await fresh();
		assert.equal(runs.length, CALLBACK.items, 'receiver executions');
		assert.deepEqual([...new Set(runs.map((r) => r.status))], ['success'], 'receiver statuses');
		const counts = perWorker(runs.map((r) => r.id));
		figure('callback pipeline (paced): receiver executions per worker', WORKER_NAMES.map((n) => `${n} ${counts[n]}`).join(', '));
		assert.equal(Object.values(counts).reduce((a, b) => a + b, 0), CALLBACK.items, `receiver executions started on workers (${JSON.stringify(counts)})`);
		// The webhook processor, not the main, turned each callback into a queued execution.
		const byWebhook = runs.filter((r) => new RegExp(`Enqueued execution ${r.id} \\(job \\d+\\)`).test(readLog('webhook')));
		assert.equal(byWebhook.length, CALLBACK.items, 'receiver executions the webhook processor enqueued');
		return `${JSON.stringify(counts)}, all ${byWebhook.length} enqueued by the webhook processor`;
	});
}

/**
 * Unpaced creates: how many of MiniMax's challenges one webhook processor echoes within 3 s when 50
 * creates arrive in about a second. A task whose challenge went unanswered gets no callbacks (MiniMax's
 * rule): the assertion is that exactly the items with an answered challenge are published, once, each
 * by one successful receiver execution (`seenRuns`: the receiver's earlier executions).
 */
async function measureCallbackBurst(session, wf, seenRuns) {
	const ctx = emulatorContext(EMULATOR_URL);
	await ctx.resetEmulator();
	await configureEmulator(EMULATOR_URL, { taskDurationMs: CALLBACK.renderMs });
	const all = tags(CALLBACK.items, 'b');
	const id = await session.runManually(wf.submitBurst.id, 'Every Morning');
	const { execution } = await followExecution(session, wf.submitBurst.id, id, 3 * 60_000);
	await check(`burst of ${CALLBACK.items} creates: exactly the items whose challenge was answered in time are published, once`, async () => {
		assert.equal(execution.status, 'success', `submit status (${execution.data?.resultData?.error?.message ?? ''})`);
		const taskItem = new Map((await ctx.emulatorRequests()).filter(isMiniMaxCreate).map((c) => [String(c.taskId), itemOfCreate(c)]));
		const settled = (c) => c.status !== undefined || c.error !== undefined;
		await waitFor('every challenge answered or timed out', async () => {
			const sent = (await ctx.emulatorCallbacks()).filter((c) => c.body?.challenge);
			return sent.length === all.length && sent.every(settled);
		}, 60_000);
		const challenges = (await ctx.emulatorCallbacks()).filter((c) => c.body?.challenge);
		const answered = challenges.filter((c) => c.status === 200).map((c) => taskItem.get(String(c.taskId)));
		await waitFor('the answered items published', async () => Object.keys(await publishedByCaption(ctx, 'b')).length >= answered.length, 2 * 60_000);
		await sleep(CALLBACK.renderMs + 3000); // the unanswered tasks finish meanwhile: nothing may publish them
		const published = await publishedByCaption(ctx, 'b');
		assertEachOnce(await createsByItem(ctx, 'b'), all, 'task created');
		assert.deepEqual(Object.keys(published).sort(), [...answered].sort(), 'published items = items whose challenge was answered');
		assert.deepEqual(Object.entries(published).filter(([, v]) => v.length > 1).map(([k]) => k), [], 'published twice');
		const runs = (await receiverRuns(session, wf)).filter((e) => !seenRuns.has(String(e.id)));
		await waitFor('burst receiver executions ended', async () => (await receiverRuns(session, wf)).filter((e) => !seenRuns.has(String(e.id))).every((e) => !UNFINISHED.includes(e.status)), 60_000);
		const ended = (await receiverRuns(session, wf)).filter((e) => !seenRuns.has(String(e.id)));
		assert.equal(ended.length, answered.length, `receiver executions (${runs.length} seen before they ended)`);
		assert.deepEqual([...new Set(ended.map((e) => e.status))].filter((st) => st !== 'success'), [], 'receiver executions that did not succeed');
		const times = challenges.filter((c) => c.status === 200).map((c) => c.answeredInMs).sort((a, b) => a - b);
		figure(`callback burst: ${all.length} creates in ${seconds(Math.max(...challenges.map((c) => Date.parse(c.at ?? c.sentAt ?? 0))) - Math.min(...challenges.map((c) => Date.parse(c.at ?? c.sentAt ?? 0))))}`, `${answered.length} challenges echoed within 3 s by one webhook processor (median ${seconds(times[Math.floor(times.length / 2)] ?? 0)}, slowest ${seconds(times.at(-1) ?? 0)}); ${all.length - answered.length} tasks got no callbacks and rendered unpublished`);
		return `${answered.length}/${all.length} answered in time and published; ${all.length - answered.length} without callbacks`;
	});
	// Drain: every callback delivered and every receiver execution ended before the next phase.
	await waitFor('burst callbacks and receiver executions done', async () => {
		const callbacks = await ctx.emulatorCallbacks();
		const runs = await receiverRuns(session, wf);
		return callbacks.every((c) => c.status !== undefined || c.error !== undefined) && runs.every((e) => !UNFINISHED.includes(e.status));
	}, 2 * 60_000);
}

async function runDurableLoop(session, wf) {
	const ctx = emulatorContext(EMULATOR_URL);
	await ctx.resetEmulator();
	await configureEmulator(EMULATOR_URL, { taskDurationMs: DURABLE.renderMs });
	const started = Date.now();
	const id = await session.runManually(wf.durable.id, 'Test Run');
	const { execution, statusesSeen } = await followExecution(session, wf.durable.id, id, 5 * 60_000);
	figure(`durable loop: renders of ${seconds(DURABLE.renderMs)}, as shipped (Minimum Wait 70 s)`, `${seconds(Date.now() - started)}, n8n showed ${statusesSeen.join(' → ')}`);
	await check('the execution waited in the database and ended successfully', () => {
		assert.ok(statusesSeen.includes('waiting'), `n8n never listed it as waiting (${statusesSeen.join(' → ')})`);
		assert.equal(execution.status, 'success', `status (${execution.data?.resultData?.error?.message ?? ''})`);
		return statusesSeen.join(' → ');
	});
	await check("the main instance's wait tracker resumed it on a worker", () => {
		const starts = workerStarts().get(id) ?? [];
		const enqueued = mainEnqueues(id);
		assert.ok(starts.length >= 2, `started on workers ${starts.length} time(s): ${starts.join(', ')}`);
		assert.ok(enqueued >= 2, `the main enqueued it ${enqueued} time(s)`);
		figure('durable loop: runs of the execution', `enqueued by the main ${enqueued}×, run by ${starts.join(' then ')}`);
		return `enqueued ${enqueued}× by the main, started by ${starts.join(' → ')}`;
	});
	await check('both videos published, each created once', async () => {
		const captions = JSON.parse(wf.durable.nodes.find((n) => n.name === 'Posts to Publish').parameters.jsonOutput).posts.map((p) => p.caption);
		const published = (await ctx.emulatorRequests()).filter((r) => r.kind === 'publish').map((p) => p.body.multipart.fields.caption);
		assert.deepEqual(published.sort(), [...captions].sort(), 'published');
		assert.equal((await ctx.emulatorRequests()).filter(isMiniMaxCreate).length, 2, 'tasks created');
		return published.join(' | ');
	});
}

/**
 * Kills a worker while its executions wait for renders inside Wait for Result, then watches what n8n
 * does with them. The assertions are the measured behaviour of n8n 2.40.7 (Bull's maxStalledCount 0: a
 * stalled job is never retried, main marks the execution failed) and the rule that nothing is lost
 * silently: every item is delivered or belongs to an execution n8n lists as failed, and none is created
 * twice. Then one failed execution is retried as a user would (n8n's Retry), and what that creates is
 * measured.
 */
async function runWorkerKill(session, wf, cluster, procs) {
	const ctx = emulatorContext(EMULATOR_URL);
	await ctx.resetEmulator();
	await configureEmulator(EMULATOR_URL, { taskDurationMs: FAULT.renderMs });
	const all = wf.fault.flatMap((_, r) => tags(FAULT.items, `f${r}`));
	const ids = await Promise.all(wf.fault.map((w) => session.runManually(w.id, 'Every Morning')));
	const workflowOf = new Map(ids.map((id, i) => [id, wf.fault[i]]));
	// Kill once every task is created (the executions then only wait in Wait for Result).
	await waitFor('all fault executions started and every task created', async () => {
		const starts = workerStarts();
		return ids.every((id) => starts.has(id)) && Object.keys(await createsByItem(ctx, 'f')).length === all.length;
	}, 90_000, 250);
	const starts = workerStarts();
	const onWorker = (name) => ids.filter((id) => starts.get(id)?.includes(name));
	const victim = [...WORKER_NAMES].reverse().find((name) => onWorker(name).length > 0);
	const killed = onWorker(victim);
	const survived = ids.filter((id) => !killed.includes(id));
	const victimIndex = WORKER_NAMES.indexOf(victim);
	killProcess(procs.workers[victimIndex], 'SIGKILL');
	const killedAt = Date.now();
	figure('fault: killed', `${victim} (SIGKILL) holding executions ${killed.join(', ')}; ${survived.length} others on ${WORKER_NAMES.filter((n) => n !== victim).join(', ')}`);

	// When each execution ends, as n8n lists it.
	const endedAt = new Map();
	const listed = new Map();
	await waitFor('every fault execution ended', async () => {
		for (const id of ids) {
			if (endedAt.has(id)) continue;
			const found = (await session.executions({ workflowId: workflowOf.get(id).id })).find((e) => String(e.id) === id);
			if (found && !UNFINISHED.includes(found.status)) {
				endedAt.set(id, Date.now());
				listed.set(id, found);
			}
		}
		return endedAt.size === ids.length;
	}, 5 * 60_000, 1000);
	const executions = new Map(await Promise.all(ids.map(async (id) => [id, await session.execution(id)])));
	const describe = (id) => {
		const e = executions.get(id);
		const error = e.data?.resultData?.error;
		return { id, status: e.status, error: error?.message, after: seconds(endedAt.get(id) - killedAt), nodesRun: Object.keys(e.data?.resultData?.runData ?? {}) };
	};
	for (const id of killed) {
		const d = describe(id);
		figure(`fault: killed worker's execution ${id}`, `${d.status} ${d.after} after the kill — "${d.error}"; run data kept: ${d.nodesRun.length ? d.nodesRun.join(', ') : 'none'}`);
	}
	const bullRetries = killed.filter((id) => (workerStarts().get(id) ?? []).length > 1);
	figure('fault: stalled jobs run again by n8n', bullRetries.length ? bullRetries.join(', ') : 'none');

	await check("the killed worker's executions: not retried, marked failed by n8n", () => {
		assert.deepEqual(bullRetries, [], 'executions n8n ran a second time');
		for (const id of killed) {
			const d = describe(id);
			assert.notEqual(d.status, 'success', `execution ${id} claims success`);
			assert.ok(['error', 'crashed'].includes(d.status), `execution ${id}: ${d.status}`);
		}
		return killed.map((id) => `${id}: ${describe(id).status} after ${describe(id).after}`).join('; ');
	});
	await check("the other worker's executions ended successfully", () => {
		const bad = survived.map(describe).filter((d) => d.status !== 'success');
		assert.deepEqual(bad, [], 'surviving executions that did not succeed');
		return `${survived.length} executions: success`;
	});

	const killedItems = killed.flatMap((id) => tags(FAULT.items, `f${wf.fault.indexOf(workflowOf.get(id))}`));
	await check("nothing lost silently: every item delivered, or in an execution n8n lists as failed with its task named in the dead worker's log; none created twice", async () => {
		// The killed executions' tasks finished rendering long ago (the stall takes over a minute to notice).
		const creates = await createsByItem(ctx, 'f');
		assertEachOnce(creates, all, 'task created');
		const published = await publishedByCaption(ctx, 'f');
		const publishedTwice = Object.entries(published).filter(([, v]) => v.length > 1).map(([k]) => k);
		assert.deepEqual(publishedTwice, [], 'published twice');
		const unaccounted = all.filter((item) => !published[item] && !killedItems.includes(item));
		assert.deepEqual(unaccounted, [], 'items neither delivered nor in a failed execution');
		const deliveredFromKilled = killedItems.filter((item) => published[item]);
		// Hailuo Generate names each task in the log as it creates it: the dead worker's log still has them.
		const taskOf = new Map((await ctx.emulatorRequests()).filter(isMiniMaxCreate).map((c) => [itemOfCreate(c), String(c.taskId)]));
		const victimLog = readLog(victim);
		const unnamed = killedItems.filter((item) => !victimLog.includes(`Hailuo Generate: created MiniMax task ${taskOf.get(item)} for item`));
		assert.deepEqual(unnamed, [], `items of the killed executions whose task ${victim}'s log does not name`);
		figure('fault: items', `${all.length} created once each; ${Object.keys(published).length} delivered; ${killedItems.length} in the killed executions (tasks created and rendered at the provider, not delivered${deliveredFromKilled.length ? `, ${deliveredFromKilled.length} of them published before the kill` : ''})`);
		return `${Object.keys(published).length} delivered, ${killedItems.length - deliveredFromKilled.length} in failed executions ${killed.join(', ')}, each task named in ${victim}'s log`;
	});

	// What a user's Retry of a failed execution does (the one way n8n runs such an execution again).
	const retried = killed[0];
	await check(`n8n's Retry of failed execution ${retried}: measured`, async () => {
		const before = await createsByItem(ctx, 'f');
		const response = await session.call('POST', `/rest/executions/${retried}/retry`, { loadWorkflow: false });
		const retryId = response.json?.data?.id ?? response.json?.data?.executionId ?? response.json?.data;
		if (response.status !== 200) {
			figure(`fault: Retry of ${retried}`, `refused: HTTP ${response.status} ${response.text.slice(0, 200)}`);
			return `refused (HTTP ${response.status})`;
		}
		// The retry's execution: the newest of that workflow.
		await sleep(1000);
		const newest = (await session.executions({ workflowId: workflowOf.get(retried).id })).find((e) => String(e.id) !== retried);
		const retryExecution = newest ? (await followExecution(session, workflowOf.get(retried).id, String(newest.id), 3 * 60_000)).execution : null;
		const after = await createsByItem(ctx, 'f');
		const items = tags(FAULT.items, `f${wf.fault.indexOf(workflowOf.get(retried))}`);
		const again = items.filter((item) => (after[item] ?? 0) > (before[item] ?? 0));
		const retryError = retryExecution?.data?.resultData?.error?.message;
		const retryNodes = Object.keys(retryExecution?.data?.resultData?.runData ?? {});
		figure(`fault: n8n's Retry of ${retried}`, `execution ${newest?.id ?? retryId} ${retryExecution?.status ?? 'not found'}${retryError ? ` ("${retryError}")` : ''}, nodes run: ${retryNodes.join(', ') || 'none'}; tasks created again for ${again.length} of its ${items.length} items`);
		return `${again.length}/${items.length} items created a second time`;
	});
	return { victimIndex };
}

// ---------------------------------------------------------------- main

async function main() {
	const started = Date.now();
	const wf = workflows();
	let cluster = null;
	let procs = null;
	try {
		const services = await phase('setup (cache, apt)', async () => {
			const installLog = path.join(CACHE_DIR, 'install.log');
			const { reused } = await ensureN8n(installLog, log);
			log(reused ? 'n8n and Node 24 reused from .cache/n8n-real' : 'n8n and Node 24 installed into .cache/n8n-real');
			fs.mkdirSync(QUEUE_DIR, { recursive: true });
			const found = await ensureServices(path.join(QUEUE_DIR, 'install.log'), log);
			log(`Postgres from ${found.postgresBinDir}, ${found.redisServer}`);
			return found;
		});

		fs.rmSync(RUN_DIR, { recursive: true, force: true });
		fs.mkdirSync(RUN_DIR, { recursive: true });

		const { postgres } = await phase('Postgres, Redis, emulator', async () => {
			const pg = await startPostgres({ binDir: services.postgresBinDir, dataDir: path.join(RUN_DIR, 'postgres'), port: PORTS.postgres, logFile: serverLog('postgres') });
			const redis = await startRedis({ redisServer: services.redisServer, dir: path.join(RUN_DIR, 'redis'), port: PORTS.redis, logFile: serverLog('redis') });
			await startEmulator(PORTS.emulator, RUN_DIR);
			cluster = defineCluster(queueEnv(pg.connection, redis.connection));
			log(`Postgres on ${PORTS.postgres} (cluster in ${pg.dataDir.startsWith(PROJECT_DIR) ? path.relative(PROJECT_DIR, pg.dataDir) : pg.dataDir}), Redis on ${PORTS.redis}, emulator on ${PORTS.emulator}`);
			return { postgres: pg.connection };
		});

		await phase('build, pack, install (×4)', async () => {
			const logFile = path.join(RUN_DIR, 'package.log');
			const packed = await buildAndPack(RUN_DIR, logFile);
			for (const n8n of [cluster.main, cluster.webhook, ...cluster.workers]) await installLikeN8n(packed, n8n.nodesDir, logFile);
			log(`${path.basename(packed.tarball)} (${packed.files} files) installed into the user folders of main, webhook, worker-1, worker-2`);
		});

		await phase('import', async () => {
			const credentialsFile = path.join(RUN_DIR, 'credentials.json');
			fs.writeFileSync(credentialsFile, JSON.stringify(credentialsFor(EMULATOR_URL), null, 2));
			await cluster.main.importCredentials(credentialsFile);
			const workflowsDir = path.join(RUN_DIR, 'workflows');
			fs.mkdirSync(workflowsDir, { recursive: true });
			for (const workflow of wf.all) fs.writeFileSync(path.join(workflowsDir, `${workflow.id}.json`), JSON.stringify(workflow, null, 2));
			await cluster.main.importWorkflows(workflowsDir);
			await cluster.main.publishWorkflow(wf.receiver.id);
			log(`${wf.all.length} workflows imported into Postgres; ${wf.receiver.name} published`);
		});

		procs = await phase('start main, webhook, workers', () => startCluster(cluster));
		const session = await phase('owner setup, login', () => ownerSession(cluster.main.baseUrl));
		const store = binaryStore(postgres);

		await phase('scheduled pipeline', () => runScheduledPipeline(session, wf, store));
		await phase('callback pipeline', () => runCallbackPipeline(session, wf, new Set()));
		const receiverRunsSoFar = new Set((await receiverRuns(session, wf)).map((e) => String(e.id)));
		await phase('callback burst (measured)', () => measureCallbackBurst(session, wf, receiverRunsSoFar));
		await phase('durable loop', () => runDurableLoop(session, wf));
		await phase('fault: a worker killed', () => runWorkerKill(session, wf, cluster, procs));
	} catch (error) {
		if (!error.fatal) record('unexpected error', false, error.stack);
	} finally {
		if (procs) await Promise.all([procs.webhook, ...procs.workers, procs.main].map((p) => stopProcess(p)));
		await stopAll();
		// As the real-n8n test does: the editor assets n8n copies into a user folder break a later `n8n-node lint`.
		if (cluster) for (const n8n of [cluster.main, cluster.webhook, ...cluster.workers]) n8n.removeEditorAssets();
	}
	console.log('\n== Figures (for CONTRIBUTING.md\'s "Tested in queue mode")');
	for (const f of figures) console.log(`  ${f.name}: ${f.value}`);
	printSummary((Date.now() - started) / 1000, RUN_DIR);
	return exitCode();
}

runAsScript(main);
