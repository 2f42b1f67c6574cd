// Knobs (global behaviour switches) and prompt markers (per-task behaviour) of the emulator.
'use strict';

const FAULT_KINDS = ['create', 'status', 'result', 'download', 'upload'];
const KNOB_KEYS = ['taskDurationMs', 'latencyMs', 'failNext', 'variants', 'videoSizeBytes'];

// Prompt markers: let a single item of a multi-item workflow behave differently.

const MARKER = /(?:^|\s)@(fail|duration|never|status|reject)(?::(\S+))?(?=\s|$)/g;

/** `@fail:1026 @duration:2000` → { fail: '1026', duration: 2000 }; a bare `@fail` gives `true`. */
function parseMarkers(prompt) {
	const markers = {};
	if (typeof prompt !== 'string') return markers;
	for (const [, name, value] of prompt.matchAll(MARKER)) markers[name] = value ?? true;
	if (markers.duration !== undefined) markers.duration = Math.max(0, Number(markers.duration) || 0);
	return markers;
}

/** Business codes arrive as strings from markers and JSON alike: digits become numbers. */
function asCode(value) {
	if (value === undefined || value === null || value === true) return undefined;
	return /^-?\d+$/.test(String(value)) ? Number(value) : String(value);
}

// Knobs: variants are declared by each provider module as { name: { default, values? } }.

function defaultVariants(providers) {
	const variants = {};
	for (const provider of providers) {
		variants[provider.id] = {};
		for (const [name, spec] of Object.entries(provider.variants ?? {})) variants[provider.id][name] = spec.default;
	}
	return variants;
}

function defaultKnobs(options, providers) {
	return {
		taskDurationMs: options.taskDurationMs ?? 300,
		latencyMs: options.latencyMs ?? 0,
		failNext: {},
		variants: defaultVariants(providers),
		videoSizeBytes: options.videoSizeBytes ?? null,
	};
}

/** Merges `patch` into `knobs`, throwing on unknown names so a typo in a test fails loudly. */
function mergeKnobs(knobs, patch, providers) {
	if (!patch || typeof patch !== 'object') throw new Error('knobs must be an object');
	for (const [key, value] of Object.entries(patch)) {
		if (!KNOB_KEYS.includes(key)) throw new Error(`unknown knob "${key}" (known: ${KNOB_KEYS.join(', ')})`);
		if (key === 'failNext') mergeFaults(knobs.failNext, value);
		else if (key === 'variants') mergeVariants(knobs.variants, value, providers);
		else if (value === null && key === 'videoSizeBytes')
			knobs[key] = null; // back to the plain sample
		else if (typeof value !== 'number' || value < 0) throw new Error(`${key} must be a number >= 0`);
		else knobs[key] = value;
	}
}

function mergeFaults(pending, patch) {
	for (const [kind, fault] of Object.entries(patch ?? {})) {
		if (!FAULT_KINDS.includes(kind))
			throw new Error(`unknown failNext kind "${kind}" (known: ${FAULT_KINDS.join(', ')})`);
		if (fault === null || fault === false) delete pending[kind];
		else pending[kind] = { ...fault, count: fault.count ?? 1 };
	}
}

function mergeVariants(current, patch, providers) {
	for (const [providerId, values] of Object.entries(patch ?? {})) {
		const provider = providers.find((p) => p.id === providerId);
		if (!provider) throw new Error(`unknown provider "${providerId}" in variants`);
		for (const [name, value] of Object.entries(values ?? {})) {
			const spec = provider.variants?.[name];
			if (!spec) throw new Error(`unknown ${providerId} variant "${name}"`);
			const ok = spec.values ? spec.values.includes(value) : typeof value === typeof spec.default;
			if (!ok)
				throw new Error(`${providerId}.${name} must be ${spec.values ? spec.values.join(' | ') : typeof spec.default}`);
			current[providerId][name] = value;
		}
	}
}

/** First pending fault among `kinds`, consumed (a fault lasts `count` uses). */
function takeFault(pending, kinds = []) {
	for (const kind of kinds) {
		const fault = pending[kind];
		if (!fault) continue;
		fault.count -= 1;
		if (fault.count <= 0) delete pending[kind];
		return { ...fault, code: asCode(fault.code), kind };
	}
	return null;
}

module.exports = { parseMarkers, asCode, defaultKnobs, mergeKnobs, takeFault };
