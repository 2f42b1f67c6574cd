// Where the real-n8n test keeps things. Everything downloaded or generated lives in the git-ignored
// .cache/ (reused between runs) and .output/ (screenshots). The pinned n8n 2.x, Node 24 and the browser
// driver live in .cache/n8n-real; every other n8n version the test runs has its own cache folder.
'use strict';

const path = require('node:path');

const PROJECT_DIR = path.resolve(__dirname, '..', '..', '..');
const CACHE_DIR = path.join(PROJECT_DIR, '.cache', 'n8n-real');

/** The folders of one n8n version: `cacheDir` (its install and marker) and `runDir` (fresh for every run, kept afterwards for the logs). */
function versionDirs(cacheDir) {
	return {
		cacheDir,
		appDir: path.join(cacheDir, 'app'),
		markerFile: path.join(cacheDir, 'installed.json'),
		runDir: path.join(cacheDir, 'run'),
	};
}

module.exports = {
	PROJECT_DIR,
	CACHE_DIR,
	NODE_DIR: path.join(CACHE_DIR, 'node24'),
	APP_DIR: path.join(CACHE_DIR, 'app'),
	TOOLS_DIR: path.join(CACHE_DIR, 'tools'),
	MARKER_FILE: path.join(CACHE_DIR, 'installed.json'),
	// Fresh for every run (deleted at the start, kept afterwards for the logs).
	RUN_DIR: path.join(CACHE_DIR, 'run'),
	versionDirs,
	SCREENSHOT_DIR: path.join(PROJECT_DIR, '.output', 'n8n-screenshots'),
	EXAMPLES_DIR: path.join(PROJECT_DIR, 'examples'),
	EMULATOR_CLI: path.join(PROJECT_DIR, 'test', 'emulator', 'cli.js'),
	EMULATOR_VIDEO: path.join(PROJECT_DIR, 'test', 'fixtures', 'sample.mp4'),
};
