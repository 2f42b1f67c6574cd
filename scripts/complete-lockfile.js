#!/usr/bin/env node
// The registry mirror here serves only the platform packages of this machine, so `npm install`
// leaves unrs-resolver's other platform bindings out of package-lock.json and `npm ci` then
// refuses the lock. This adds them back as optional, platform-bound entries that npm skips.
// Run it after any `npm install` that rewrites the lock.
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const lockPath = path.join(__dirname, '..', 'package-lock.json');
const lock = JSON.parse(fs.readFileSync(lockPath, 'utf8'));
let added = 0;
for (const [key, meta] of Object.entries(lock.packages)) {
	for (const [name, version] of Object.entries(meta.optionalDependencies ?? {})) {
		const match = /^@unrs\/resolver-binding-([a-z0-9]+)-([a-z0-9]+)(?:-([a-z]+))?$/.exec(name);
		const entryKey = `${key}/node_modules/${name}`.replace(/^.*?node_modules\/unrs-resolver\/node_modules\//, 'node_modules/');
		if (!match || lock.packages[entryKey] || lock.packages[`node_modules/${name}`]) continue;
		const [, os, cpu, abi] = match;
		lock.packages[`node_modules/${name}`] = {
			version,
			dev: true,
			optional: true,
			os: [os],
			cpu: [cpu],
			...(abi && abi !== 'msvc' ? { libc: [abi.startsWith('musl') ? 'musl' : 'glibc'] } : {}),
		};
		added++;
	}
}
fs.writeFileSync(lockPath, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`complete-lockfile: added ${added} platform entries`);
