// PASS/FAIL bookkeeping of the real-n8n tests: phases (timed; an exception in one is fatal, later phases
// need it), checks (a failure is recorded and the run goes on) and the summary printed at the end.
'use strict';

const path = require('node:path');
const { PROJECT_DIR } = require('./paths');

function createReport() {
	const checks = []; // { phase, name, ok, detail }
	const phaseTimes = []; // { name, seconds }
	let currentPhase = '';

	function record(name, ok, detail) {
		checks.push({ phase: currentPhase, name, ok, detail });
		const text = detail ? ` — ${String(detail).split('\n').join('\n      ')}` : '';
		console.log(`  ${ok ? 'PASS' : 'FAIL'} ${name}${text}`);
	}

	return {
		checks,
		phaseTimes,
		record,

		/** Runs one phase and records its time; an exception here is fatal (later phases need this one). */
		async phase(name, body) {
			currentPhase = name;
			console.log(`\n== ${name}`);
			const started = Date.now();
			try {
				return await body();
			} catch (error) {
				record(`${name} (phase)`, false, error.message);
				throw Object.assign(error, { fatal: true });
			} finally {
				phaseTimes.push({ name, seconds: (Date.now() - started) / 1000 });
			}
		},

		/** Runs one check; a failure is recorded and the run goes on. */
		async check(name, body) {
			try {
				const detail = await body();
				record(name, true, detail);
				return true;
			} catch (error) {
				record(name, false, error.message);
				return false;
			}
		},

		/** `runDirs`: the folder (or folders) holding the logs. */
		printSummary(totalSeconds, runDirs) {
			const failed = checks.filter((c) => !c.ok);
			console.log('\n== Summary');
			for (const c of checks) console.log(`  ${c.ok ? 'PASS' : 'FAIL'}  [${c.phase}] ${c.name}`);
			console.log('\n  Timings:');
			for (const p of phaseTimes) console.log(`    ${p.name.padEnd(44)} ${p.seconds.toFixed(1).padStart(6)} s`);
			console.log(`    ${'total'.padEnd(44)} ${totalSeconds.toFixed(1).padStart(6)} s`);
			console.log(`\n  ${checks.length - failed.length} passed, ${failed.length} failed. Logs: ${[runDirs].flat().map((dir) => `${path.relative(PROJECT_DIR, dir)}/`).join(', ')}`);
		},

		/** 0 when at least one check ran and every check passed. */
		exitCode: () => (checks.length > 0 && checks.every((c) => c.ok) ? 0 : 1),
	};
}

module.exports = { createReport };
