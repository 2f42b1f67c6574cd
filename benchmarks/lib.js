// Shared by the benchmark parts: workflows run through n8n's engine (the test harness) against the
// provider emulator, measured side by side with a baseline in the same process.
'use strict';

const { runWorkflow, emulatorCredentials } = require('../test/harness');
const { linked: workflowOf, node, startWith, TYPES } = require('../test/harness/workflows');

/** `--quick` scales a part down for a smoke run; figures from it mean nothing. */
const QUICK = process.argv.includes('--quick');

/** n input items { n }. */
const numberedItems = (count) => Array.from({ length: count }, (_, n) => ({ json: { n } }));

/** Runs a workflow to success (else throws) with the emulator's credentials; resolves with its result. */
async function runOk(emulator, workflow, inputs) {
	const result = await runWorkflow(workflow, { credentials: emulatorCredentials(emulator), pinData: startWith(inputs) });
	if (result.status !== 'success') throw new Error(`workflow ended ${result.status}: ${result.error?.message}`);
	return result;
}

/** Seconds `work` takes, with its value. */
async function timed(work) {
	const started = process.hrtime.bigint();
	const value = await work();
	return { seconds: Number(process.hrtime.bigint() - started) / 1e9, value };
}

/** The p-th percentile (0..100) of numbers, nearest rank. */
function percentile(values, p) {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/**
 * n8n's own HTTP Request node (v4.2) calling a provider API with its key as a Bearer header, as a user
 * would build it by hand: the baseline the Hailuo nodes are measured against.
 */
function httpRequestNode(name, { method = 'GET', url, apiKey, jsonBody, options = {} }) {
	const parameters = {
		method,
		url,
		sendHeaders: true,
		headerParameters: { parameters: [{ name: 'Authorization', value: `Bearer ${apiKey}` }] },
		...(jsonBody ? { sendBody: true, specifyBody: 'json', jsonBody } : {}),
		options,
	};
	return node('n8n-nodes-base.httpRequest', name, parameters, { typeVersion: 4.2 });
}

/** A figure line: label, value, unit — aligned for reading. */
const line = (label, value, unit = '') => console.log(`  ${label.padEnd(52)} ${value}${unit ? ` ${unit}` : ''}`);

/** Runs a part's main, reporting a failure as the process's exit code. */
function runPart(main) {
	main().catch((error) => {
		console.error(error);
		process.exit(1);
	});
}

module.exports = { QUICK, numberedItems, workflowOf, runOk, timed, percentile, httpRequestNode, line, runPart, node, TYPES };
