// The services n8n's queue mode needs besides n8n: Postgres (the shared database) and Redis (the Bull
// queue), both Debian's packages, installed with apt when missing (as root, e.g. on a fresh CI machine).
// Each run gets a throwaway Postgres cluster and a Redis without persistence in its run folder; both
// are started through processes.js, so a failure or Ctrl-C stops them with everything else.
'use strict';

const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { runChecked, startProcess } = require('../../n8n/lib/processes');
const { cleanEnv } = require('../../n8n/lib/setup');

const POSTGRES_ROOT = '/usr/lib/postgresql';
// The Postgres server refuses to run as root: as root, the cluster is owned by and run as this user.
const POSTGRES_OS_USER = 'nobody';
const DB = { user: 'n8n', database: 'n8n' };

const isRoot = () => process.getuid?.() === 0;

/** Runs apt-get install for packages (once per run: apt-get update first). Only as root. */
async function aptInstall(packages, logFile, log) {
	if (!isRoot()) throw new Error(`${packages.join(', ')} missing: apt-get install -y ${packages.join(' ')}`);
	log(`installing Debian ${packages.join(', ')} with apt-get`);
	const options = { env: { ...cleanEnv(), DEBIAN_FRONTEND: 'noninteractive' }, cwd: '/', logFile, timeoutMs: 15 * 60_000 };
	await runChecked('apt-get update', 'apt-get', ['update'], options);
	await runChecked(`apt-get install ${packages.join(' ')}`, 'apt-get', ['install', '-y', '--no-install-recommends', ...packages], options);
}

/** The newest installed Postgres server's bin folder (/usr/lib/postgresql/<major>/bin), or null. */
function postgresBinDir() {
	if (!fs.existsSync(POSTGRES_ROOT)) return null;
	const majors = fs
		.readdirSync(POSTGRES_ROOT)
		.filter((v) => fs.existsSync(path.join(POSTGRES_ROOT, v, 'bin', 'postgres')))
		.sort((a, b) => Number(b) - Number(a));
	return majors.length ? path.join(POSTGRES_ROOT, majors[0], 'bin') : null;
}

function commandExists(name) {
	return (process.env.PATH ?? '').split(path.delimiter).some((dir) => dir && fs.existsSync(path.join(dir, name)));
}

/** Makes sure Debian's Postgres server and redis-server are installed; returns what was found. */
async function ensureServices(logFile, log) {
	const missing = [];
	if (!postgresBinDir()) missing.push('postgresql');
	if (!commandExists('redis-server')) missing.push('redis-server');
	if (missing.length) await aptInstall(missing, logFile, log);
	const binDir = postgresBinDir();
	if (!binDir) throw new Error(`no Postgres server under ${POSTGRES_ROOT} after installing postgresql`);
	return { postgresBinDir: binDir, redisServer: 'redis-server' };
}

/** As root: the command run as POSTGRES_OS_USER (setpriv execs it, so the started process is the server itself). */
function asPostgresUser(command, args) {
	if (!isRoot()) return [command, args];
	return ['setpriv', ['--reuid', POSTGRES_OS_USER, '--regid', 'nogroup', '--clear-groups', '--', command, ...args]];
}

/** Whether the Postgres user can reach dir: every folder above it must be enterable by others. */
function reachableByOthers(dir) {
	fs.mkdirSync(path.dirname(dir), { recursive: true });
	for (let d = path.dirname(dir); d !== path.dirname(d); d = path.dirname(d)) {
		if ((fs.statSync(d).mode & 0o001) === 0) return false;
	}
	return true;
}

/**
 * A fresh Postgres cluster in dataDir (initdb, trust authentication on 127.0.0.1 only, no fsync: it is
 * thrown away), started on port with a database for n8n. As root, where the Postgres user cannot reach
 * dataDir (a checkout under /root), the cluster goes to the system's temporary folder instead.
 * Resolves with { proc, connection, dataDir }.
 */
async function startPostgres({ binDir, dataDir: wantedDir, port, logFile }) {
	const dataDir = !isRoot() || reachableByOthers(wantedDir) ? wantedDir : path.join(os.tmpdir(), `n8n-nodes-hailuo-queue-postgres-${port}`);
	fs.rmSync(dataDir, { recursive: true, force: true });
	fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
	if (isRoot()) {
		await runChecked('chown', 'chown', [`${POSTGRES_OS_USER}:nogroup`, dataDir], { cwd: '/', env: cleanEnv(), logFile });
	}
	const env = cleanEnv({ LC_ALL: 'C.UTF-8', LANG: 'C.UTF-8' });
	const [initdb, initdbArgs] = asPostgresUser(path.join(binDir, 'initdb'), ['-D', dataDir, '-U', DB.user, '--auth=trust', '-E', 'UTF8', '--no-instructions']);
	await runChecked('initdb', initdb, initdbArgs, { cwd: '/', env, logFile });
	const serverArgs = ['-D', dataDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_connections=200'];
	const [postgres, args] = asPostgresUser(path.join(binDir, 'postgres'), serverArgs);
	const proc = startProcess('postgres', postgres, args, { env, cwd: '/', logFile });
	await waitForPort(proc, port, 30_000);
	const client = ['-h', '127.0.0.1', '-p', String(port), '-U', DB.user];
	for (let attempt = 0; ; attempt++) {
		// the port opens a moment before the server accepts connections
		try {
			await runChecked('createdb', path.join(binDir, 'createdb'), [...client, DB.database], { cwd: '/', env, logFile });
			break;
		} catch (error) {
			if (attempt >= 20) throw error;
			await sleep(500);
		}
	}
	return { proc, dataDir, connection: { host: '127.0.0.1', port, user: DB.user, password: '', database: DB.database } };
}

/** redis-server on 127.0.0.1:port without persistence (nothing saved, no append-only file). */
async function startRedis({ redisServer, dir, port, logFile }) {
	fs.mkdirSync(dir, { recursive: true });
	const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--daemonize', 'no'];
	const proc = startProcess('redis', redisServer, args, { env: cleanEnv(), cwd: dir, logFile });
	await waitForPort(proc, port, 20_000);
	const pong = await redisCommand(port, 'PING');
	if (!pong.startsWith('+PONG')) throw new Error(`redis answered PING with ${JSON.stringify(pong)}`);
	return { proc, connection: { host: '127.0.0.1', port } };
}

/** One inline Redis command; resolves with the raw first reply. */
function redisCommand(port, command) {
	return new Promise((resolve, reject) => {
		const socket = net.connect(port, '127.0.0.1');
		socket.setTimeout(5000, () => socket.destroy(new Error('redis timed out')));
		socket.once('connect', () => socket.write(`${command}\r\n`));
		socket.once('data', (data) => (resolve(data.toString('utf8')), socket.end()));
		socket.once('error', reject);
	});
}

async function waitForPort(proc, port, timeoutMs) {
	let exited = false;
	proc.exited.then(() => (exited = true));
	for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await sleep(200)) {
		if (exited) throw new Error(`${proc.name} exited before it listened on ${port} (log: ${proc.logFile})`);
		const open = await new Promise((resolve) => {
			const socket = net.connect(port, '127.0.0.1');
			socket.once('connect', () => (socket.destroy(), resolve(true)));
			socket.once('error', () => resolve(false));
		});
		if (open) return;
	}
	throw new Error(`${proc.name} did not listen on ${port} within ${timeoutMs / 1000} s (log: ${proc.logFile})`);
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

module.exports = { ensureServices, startPostgres, startRedis };
