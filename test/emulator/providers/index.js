// Every emulator provider module in this folder, found by file name: adding a provider adds a file here.
'use strict';

const fs = require('node:fs');
const path = require('node:path');

module.exports = fs
	.readdirSync(__dirname)
	.filter((file) => file.endsWith('.js') && file !== 'index.js')
	.sort()
	.map((file) => require(path.join(__dirname, file)));
