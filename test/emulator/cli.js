#!/usr/bin/env node
// Starts the provider emulator: node test/emulator/cli.js [--port 4010] [--host 127.0.0.1] [--task-duration-ms 300]
'use strict';

const { startEmulator } = require('./index');

function argValue(name) {
	const args = process.argv.slice(2);
	const i = args.findIndex((a) => a === name || a.startsWith(`${name}=`));
	if (i < 0) return undefined;
	return args[i].includes('=') ? args[i].split('=').slice(1).join('=') : args[i + 1];
}

async function main() {
	const port = Number(argValue('--port') ?? process.env.EMULATOR_PORT ?? 4010);
	const host = argValue('--host') ?? process.env.EMULATOR_HOST ?? '127.0.0.1';
	const duration = argValue('--task-duration-ms');
	const emu = await startEmulator({
		port,
		host,
		taskDurationMs: duration === undefined ? undefined : Number(duration),
	});

	console.log(`Hailuo provider emulator listening on ${emu.url}`);
	for (const [provider, baseUrl] of Object.entries(emu.baseUrls)) {
		console.log(`  ${provider.padEnd(11)} base URL ${baseUrl.padEnd(45)} key ${emu.apiKeys[provider]}`);
	}
	console.log(`  control: ${emu.url}/__emulator/{health,requests,config,reset}   assets: ${emu.url}/assets/sample.png`);

	const stop = async (signal) => {
		console.log(`${signal}: stopping emulator`);
		await emu.close();
		process.exit(0);
	};
	process.once('SIGINT', stop);
	process.once('SIGTERM', stop);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
