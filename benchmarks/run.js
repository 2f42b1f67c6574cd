#!/usr/bin/env node
// `npm run bench`: every part, one after another, each in a fresh process (so one part's memory and
// timers cannot skew the next). Extra arguments (`--quick`) go to every part.
'use strict';

const { spawnSync } = require('node:child_process');
const path = require('node:path');

const PARTS = [
	['polling.js'],
	['batch.js'],
	['download-memory.js', '--expose-gc'],
	['cpu.js'],
];

console.log(`npm run bench, ${new Date().toISOString().slice(0, 10)}, Node ${process.version}`);
for (const [file, ...nodeFlags] of PARTS) {
	const { status } = spawnSync(process.execPath, [...nodeFlags, path.join(__dirname, file), ...process.argv.slice(2)], { stdio: 'inherit' });
	if (status !== 0) process.exit(status ?? 1);
}
