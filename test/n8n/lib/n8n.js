// Driving a real n8n: its CLI (import, publish, execute), `n8n start` (or another server command such as
// `n8n worker`), and the REST calls the editor makes (owner setup, login, credential test). With the
// default SQLite database only one n8n process at a time: the CLI commands and the server share the
// database in the user folder (the queue-mode test gives each process Postgres through `env`).
// Where n8n 1.x and 2.x differ (1.x activates where 2.x publishes; 1.x's manual run wants the workflow in
// the request), the functions here take the version and do what each needs.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { runCommand, runChecked, startProcess } = require('./processes');
const { runtime, n8nVersion } = require('./setup');

const PORT = 5678; // the single-process test's; the queue-mode test passes its own
const BASE_URL = `http://localhost:${PORT}`;
const OWNER = { email: 'owner@example.com', firstName: 'Test', lastName: 'Owner', password: 'Passw0rd!Test' };

/** n8n's environment: a private user folder, and nothing that phones home or asks questions; `extra` wins. */
function n8nEnv(userFolder, { port = PORT, extra = {}, version } = {}) {
	return {
		...runtime(version).env,
		N8N_USER_FOLDER: userFolder,
		N8N_PORT: String(port),
		N8N_ENCRYPTION_KEY: 'n8n-nodes-hailuo-real-n8n-test',
		N8N_SECURE_COOKIE: 'false', // the editor is served over plain http
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_WHATS_NEW_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_DYNAMIC_BANNERS_ENABLED: 'false',
		N8N_AI_ENABLED: 'false',
		N8N_LICENSE_AUTO_RENEW_ENABLED: 'false',
		N8N_PYTHON_ENABLED: 'false', // no Python runner here; it would only log a warning
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		GENERIC_TIMEZONE: 'UTC',
		N8N_LOG_LEVEL: 'info',
		...extra,
	};
}

/**
 * One n8n installation to drive: its user folder (`<runDir>/<name>`), CLI and server. Options (all
 * optional; the defaults are the single-process test's): `name` (user folder and log names), `port`
 * (N8N_PORT and the base URL), `env` (more environment, e.g. queue mode and Postgres), `version` (of the
 * installed n8n to run, default the pinned 2.x).
 */
function createN8n(runDir, { name = 'user', port = PORT, env: extraEnv = {}, version } = {}) {
	const userFolder = path.join(runDir, name);
	const env = n8nEnv(userFolder, { port, extra: extraEnv, version });
	const baseUrl = `http://localhost:${port}`;
	const logFile = path.join(runDir, name === 'user' ? 'n8n-cli.log' : `n8n-${name}-cli.log`);
	const { nodeBin, n8nBin } = runtime(version);
	const { major } = n8nVersion(version);

	const cli = (args, options = {}) => runCommand(`n8n ${args[0]}`, nodeBin, [n8nBin, ...args], { env, cwd: runDir, logFile, ...options });
	const cliChecked = (args, options = {}) => runChecked(`n8n ${args[0]}`, nodeBin, [n8nBin, ...args], { env, cwd: runDir, logFile, ...options });

	return {
		name,
		version: n8nVersion(version).version,
		major,
		runDir,
		userFolder,
		nodesDir: path.join(userFolder, '.n8n', 'nodes'),
		baseUrl,
		env,
		logFile,

		importCredentials: (file) => cliChecked(['import:credentials', `--input=${file}`]),
		importWorkflows: (dir) => cliChecked(['import:workflow', '--separate', `--input=${dir}`]),
		/** Publishes (2.x) or activates (1.x, which has no publish) a workflow; its triggers listen from the next `n8n start`. */
		publishWorkflow: (id) => cliChecked(major >= 2 ? ['publish:workflow', `--id=${id}`] : ['update:workflow', `--id=${id}`, '--active=true']),

		/** `n8n execute --id <id> --rawOutput`: the run object (log lines around the JSON are skipped). */
		async execute(id) {
			const result = await cli(['execute', `--id=${id}`, '--rawOutput'], { timeoutMs: 5 * 60_000 });
			const run = firstJsonObject(result.stdout);
			if (!run) {
				const tail = `${result.stdout}\n${result.stderr}`.trim().split('\n').slice(-15).join('\n');
				throw new Error(`n8n execute printed no run JSON (exit ${result.code}):\n${tail}`);
			}
			return { run, exitCode: result.code };
		},

		/**
		 * Deletes the copy of n8n's editor assets that `n8n start` writes into the user folder (.cache/n8n/public):
		 * `n8n-node lint` lints every folder of the project, .cache included, and cannot parse them.
		 */
		removeEditorAssets: () => fs.rmSync(path.join(userFolder, '.cache'), { recursive: true, force: true }),

		/** The file behind a binary-data id of filesystem mode ("filesystem-v2:workflows/<id>/executions/…"). */
		readBinary(id) {
			const [mode, relative] = id.split(/:(.*)/s);
			if (!mode.startsWith('filesystem') || !relative) throw new Error(`binary id ${id} is not a filesystem reference`);
			return fs.readFileSync(path.join(userFolder, '.n8n', 'storage', relative));
		},

		/**
		 * `n8n start` (or `command` with `args`, e.g. 'worker', ['--concurrency=5']), resolved when
		 * `readyUrl` (default: this port's /healthz/readiness) answers; its output goes to `logFile`.
		 */
		async start({ command = 'start', args = [], readyUrl = `${baseUrl}/healthz/readiness`, logFile: serverLog = path.join(runDir, 'n8n-start.log'), timeoutMs = 120_000 } = {}) {
			await assertPortFree(Number(new URL(readyUrl).port));
			const server = startProcess(`n8n ${command}${name === 'user' ? '' : ` (${name})`}`, nodeBin, [n8nBin, command, ...args], { env, cwd: runDir, logFile: serverLog });
			await waitUntilReady(server, readyUrl, timeoutMs);
			// n8n 1.x answers its readiness check before its REST API is mounted (a 404 until then).
			if (command === 'start') await waitUntilReady(server, `${baseUrl}/rest/login`, timeoutMs, (status) => status !== 404);
			return server;
		},
	};
}

/** The first top-level JSON object in text that also holds log lines (string-aware brace matching). */
function firstJsonObject(text) {
	for (let start = text.search(/^\{/m); start >= 0; start = nextStart(text, start)) {
		const end = matchingBrace(text, start);
		if (end < 0) return null;
		try {
			return JSON.parse(text.slice(start, end + 1));
		} catch {
			// a log line that starts with "{": try the next candidate
		}
	}
	return null;
}

function nextStart(text, from) {
	const rest = text.slice(from + 1).search(/^\{/m);
	return rest < 0 ? -1 : from + 1 + rest;
}

function matchingBrace(text, start) {
	let depth = 0;
	let inString = false;
	for (let i = start; i < text.length; i++) {
		const c = text[i];
		if (inString) {
			if (c === '\\') i++;
			else if (c === '"') inString = false;
		} else if (c === '"') inString = true;
		else if (c === '{') depth++;
		else if (c === '}' && --depth === 0) return i;
	}
	return -1;
}

async function assertPortFree(port) {
	const inUse = await fetch(`http://127.0.0.1:${port}/`).then(
		() => true,
		() => false,
	);
	if (inUse) throw new Error(`port ${port} is already in use (another n8n?); stop it first`);
}

/** Polls url until its answer's status is `ready` (default: 2xx); fails early with the log's end if the process exits. */
async function waitUntilReady(proc, url, timeoutMs, ready = (status) => status >= 200 && status < 300) {
	const deadline = Date.now() + timeoutMs;
	let exited = false;
	proc.exited.then(() => (exited = true));
	while (Date.now() < deadline) {
		if (exited) throw new Error(`${proc.name} exited before it was ready:\n${logTail(proc.logFile)}`);
		const ok = await fetch(url).then(
			(r) => ready(r.status),
			() => false,
		);
		if (ok) return;
		await new Promise((resolve) => setTimeout(resolve, 300));
	}
	throw new Error(`${proc.name} was not ready after ${timeoutMs / 1000} s:\n${logTail(proc.logFile)}`);
}

function logTail(file, lines = 20) {
	try {
		return fs.readFileSync(file, 'utf8').trim().split('\n').slice(-lines).join('\n');
	} catch {
		return '(no log)';
	}
}

/**
 * A REST session of the owner: setup (first start of a fresh user folder), login, JSON calls with the
 * cookie. `version`: of the n8n behind `baseUrl` (default the pinned 2.x).
 */
async function ownerSession(baseUrl = BASE_URL, { setup = true, version } = {}) {
	const { major, appDir } = n8nVersion(version);
	if (setup) {
		const answer = await fetch(`${baseUrl}/rest/owner/setup`, jsonRequest('POST', OWNER));
		if (!answer.ok) throw new Error(`owner setup answered ${answer.status}: ${await answer.text()}`);
	}
	const login = await fetch(`${baseUrl}/rest/login`, jsonRequest('POST', { emailOrLdapLoginId: OWNER.email, password: OWNER.password }));
	if (!login.ok) throw new Error(`login answered ${login.status}: ${await login.text()}`);
	const cookie = login.headers
		.getSetCookie()
		.map((c) => c.split(';')[0])
		.join('; ');
	return {
		cookie,
		async call(method, route, body) {
			const response = await fetch(`${baseUrl}${route}`, { ...jsonRequest(method, body), headers: { 'content-type': 'application/json', cookie } });
			const text = await response.text();
			let json = null;
			try {
				json = JSON.parse(text);
			} catch {
				// not JSON: keep the text
			}
			return { status: response.status, json, text };
		},

		/** Starts a workflow from one of its triggers, as the editor's "Execute workflow" does; resolves with the execution id. */
		async runManually(workflowId, triggerName) {
			const request = { triggerToStartFrom: { name: triggerName } };
			// n8n 1.x runs the workflow the editor sends (2.x reads the saved one).
			if (major < 2) request.workflowData = (await this.call('GET', `/rest/workflows/${workflowId}`)).json?.data;
			const response = await this.call('POST', `/rest/workflows/${workflowId}/run`, request);
			const id = response.json?.data?.executionId;
			if (!id) throw new Error(`running ${workflowId} from "${triggerName}" answered ${response.status}: ${response.text.slice(0, 300)}`);
			return String(id);
		},

		/** The executions n8n lists (newest first, at most 100: running and waiting ones, then finished ones), optionally filtered. */
		async executions(filter = {}) {
			const query = new URLSearchParams({ filter: JSON.stringify(filter), limit: '100' });
			const response = await this.call('GET', `/rest/executions?${query}`);
			if (response.status !== 200) throw new Error(`listing executions answered ${response.status}: ${response.text.slice(0, 300)}`);
			return response.json.data.results;
		},

		/** One execution with its run data (n8n sends the data flatted). */
		async execution(id) {
			const response = await this.call('GET', `/rest/executions/${id}`);
			const execution = response.json?.data;
			if (!execution) throw new Error(`execution ${id} answered ${response.status}: ${response.text.slice(0, 300)}`);
			if (typeof execution.data === 'string') execution.data = require(path.join(appDir, 'node_modules', 'flatted')).parse(execution.data);
			return execution;
		},
	};
}

const UNFINISHED = ['new', 'running', 'waiting'];

/**
 * Follows an execution until it ends: resolves with it (and its run data) and the statuses n8n showed on
 * the way. `whileWaiting()`, called once when n8n first lists it as waiting, may restart n8n and resolve
 * with the new session.
 */
async function followExecution(session, workflowId, id, timeoutMs, { whileWaiting } = {}) {
	const statusesSeen = [];
	for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 500))) {
		const listed = (await session.executions({ workflowId })).find((e) => String(e.id) === id);
		if (listed && statusesSeen.at(-1) !== listed.status) statusesSeen.push(listed.status);
		if (listed?.status === 'waiting' && whileWaiting) {
			session = await whileWaiting();
			statusesSeen.push('(n8n restarted)');
			whileWaiting = undefined;
		}
		if (listed && !UNFINISHED.includes(listed.status)) return { execution: await session.execution(id), statusesSeen };
	}
	throw new Error(`execution ${id} did not end within ${timeoutMs / 1000} s (statuses seen: ${statusesSeen.join(' → ')})`);
}

function jsonRequest(method, body) {
	return { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) };
}

module.exports = { createN8n, ownerSession, waitUntilReady, followExecution, UNFINISHED, OWNER };
