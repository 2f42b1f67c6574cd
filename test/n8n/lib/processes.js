// Child processes of the real-n8n test: every process is started in its own process group and
// remembered, so a failure, a timeout or Ctrl-C stops exactly what this run started (and the
// helpers those processes spawn, such as n8n's task runner), never anything else.
'use strict';

const fs = require('node:fs');
const { spawn } = require('node:child_process');

const running = new Set();

/** Starts a long-running process (emulator, `n8n start`); output goes to logFile. */
function startProcess(name, command, args, { env, cwd, logFile }) {
	const log = fs.openSync(logFile, 'a');
	const child = spawn(command, args, { env, cwd, detached: true, stdio: ['ignore', log, log] });
	fs.closeSync(log);
	const proc = { name, child, logFile, exited: null };
	proc.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));
	running.add(proc);
	proc.exited.then(() => running.delete(proc));
	return proc;
}

/**
 * Runs a command to its end and returns { code, stdout, stderr }. Both streams are also appended to
 * logFile. A command that outlives timeoutMs is stopped and reported as failed.
 */
function runCommand(name, command, args, { env, cwd, logFile, timeoutMs = 10 * 60_000 }) {
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, { env, cwd, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
		const proc = { name, child };
		running.add(proc);
		const out = [];
		const err = [];
		const log = logFile ? fs.createWriteStream(logFile, { flags: 'a' }) : null;
		log?.write(`\n$ ${command} ${args.join(' ')}\n`);
		child.stdout.on('data', (chunk) => (out.push(chunk), log?.write(chunk)));
		child.stderr.on('data', (chunk) => (err.push(chunk), log?.write(chunk)));
		let timedOut = false;
		const timer = setTimeout(() => {
			timedOut = true;
			killGroup(child, 'SIGKILL');
		}, timeoutMs);
		child.once('error', (error) => (clearTimeout(timer), running.delete(proc), reject(error)));
		child.once('close', (code, signal) => {
			clearTimeout(timer);
			running.delete(proc);
			log?.end();
			const result = {
				code: code ?? signal,
				stdout: Buffer.concat(out).toString('utf8'),
				stderr: Buffer.concat(err).toString('utf8'),
			};
			if (timedOut) reject(Object.assign(new Error(`${name} timed out after ${timeoutMs / 1000} s`), result));
			else resolve(result);
		});
	});
}

/** Like runCommand, but a non-zero exit is an error that carries the end of the output. */
async function runChecked(name, command, args, options) {
	const result = await runCommand(name, command, args, options);
	if (result.code !== 0) {
		const tail = `${result.stdout}\n${result.stderr}`.trim().split('\n').slice(-15).join('\n');
		throw new Error(`${name} exited with ${result.code}${options.logFile ? ` (log: ${options.logFile})` : ''}:\n${tail}`);
	}
	return result;
}

function killGroup(child, signal) {
	try {
		process.kill(-child.pid, signal);
	} catch {
		// already gone
	}
}

/** Stops one process: SIGTERM to its group, SIGKILL if it has not exited after graceMs. */
async function stopProcess(proc, graceMs = 10_000) {
	if (!running.has(proc)) return;
	killGroup(proc.child, 'SIGTERM');
	const exited = proc.exited ?? new Promise((resolve) => proc.child.once('close', resolve));
	const timeout = new Promise((resolve) => setTimeout(resolve, graceMs, 'timeout'));
	if ((await Promise.race([exited, timeout])) === 'timeout') killGroup(proc.child, 'SIGKILL');
	running.delete(proc);
}

/** Kills one process group at once with `signal` (a crash, not a shutdown: the queue test's fault). */
function killProcess(proc, signal = 'SIGKILL') {
	killGroup(proc.child, signal);
	running.delete(proc);
}

async function stopAll() {
	await Promise.all([...running].map((proc) => stopProcess(proc)));
}

/** Last resort when the runner itself exits: no waiting possible, so SIGKILL what is left. */
function killAllNow() {
	for (const proc of running) killGroup(proc.child, 'SIGKILL');
	running.clear();
}

/**
 * Runs a test script's main() (resolving to its exit code) as the process: on Ctrl-C or SIGTERM, or when
 * main throws, the processes it started are stopped before the exit, so no n8n or emulator outlives it.
 */
function runAsScript(main) {
	const stopOnSignal = (signal) => {
		console.error(`\n${signal}: stopping the processes this run started`);
		stopAll().finally(() => process.exit(130));
	};
	process.once('SIGINT', stopOnSignal);
	process.once('SIGTERM', stopOnSignal);
	process.once('exit', killAllNow);
	main().then(
		(code) => process.exit(code),
		(error) => {
			console.error(error);
			killAllNow();
			process.exit(1);
		},
	);
}

module.exports = { startProcess, runCommand, runChecked, stopProcess, killProcess, stopAll, killAllNow, runAsScript };
