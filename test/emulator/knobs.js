// Knobs (global behaviour switches) and prompt markers (per-task behaviour) of the emulator.
'use strict';

const FAULT_KINDS = ['create', 'status', 'result', 'download', 'upload'];
const FAULT_FIELDS = ['count', 'httpStatus', 'code', 'retryAfter', 'malformed', 'drop', 'truncate', 'short'];
const KNOB_KEYS = [
	'taskDurationMs',
	'latencyMs',
	'failNext',
	'variants',
	'videoSizeBytes',
	'rateLimits',
	'rateWindowMs',
	'renderCapacity',
	'seed',
	'readFaults',
	'extraApiKeys',
	'callbackCopies',
	'forgeCallbacks',
	'tasksInFlight',
];
/** How `forgeCallbacks` alters each callback: the task id in the body (after signing), or the URL's query dropped. */
const FORGERIES = ['body', 'query'];
const RATE_LIMIT_FIELDS = ['createsPerMinute', 'statusPerMinute', 'retryAfter'];
/** Random read-fault kinds; `business` is a provider's HTTP-200 error code (only providers that declare `readFaultCodes`). */
const READ_FAULT_KINDS = ['http500', 'http502', 'http503', 'drop', 'malformed', 'slow', 'business'];
const READ_FAULT_FIELDS = ['rate', 'kinds', 'slowMs'];

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

/**
 * The knobs at start (and after `reset()`): defaults, then every knob named in the start options
 * (validated like `configure`; other options such as `port` are not knobs).
 */
function defaultKnobs(options, providers) {
	const knobs = {
		taskDurationMs: 300,
		latencyMs: 0,
		failNext: {},
		variants: defaultVariants(providers),
		videoSizeBytes: null,
		rateLimits: {},
		rateWindowMs: 60_000,
		renderCapacity: null,
		seed: 1,
		readFaults: null,
		extraApiKeys: {},
		callbackCopies: 1,
		forgeCallbacks: null,
		tasksInFlight: {},
	};
	const fromOptions = Object.fromEntries(
		Object.entries(options ?? {}).filter(([key, value]) => KNOB_KEYS.includes(key) && value !== undefined),
	);
	mergeKnobs(knobs, fromOptions, providers);
	return knobs;
}

/**
 * Merges `patch` into `knobs`, throwing on unknown names or bad values so a typo in a test fails loudly.
 * All or nothing: a patch with one bad value changes no knob.
 */
function mergeKnobs(knobs, patch, providers) {
	if (!patch || typeof patch !== 'object' || Array.isArray(patch)) throw new Error('knobs must be an object');
	const next = structuredClone(knobs);
	for (const [key, value] of Object.entries(patch)) {
		if (!KNOB_KEYS.includes(key)) throw new Error(`unknown knob "${key}" (known: ${KNOB_KEYS.join(', ')})`);
		if (key === 'failNext') mergeFaults(next.failNext, value);
		else if (key === 'variants') mergeVariants(next.variants, value, providers);
		else if (key === 'rateLimits')
			next.rateLimits = mergePerProvider(next.rateLimits, value, providers, key, rateLimit);
		else if (key === 'extraApiKeys')
			next.extraApiKeys = mergePerProvider(next.extraApiKeys, value, providers, key, keyList);
		else if (key === 'tasksInFlight')
			next.tasksInFlight = mergePerProvider(next.tasksInFlight, value, providers, key, inFlightCap);
		else if (key === 'renderCapacity') next.renderCapacity = renderCapacity(next.renderCapacity, value, providers);
		else if (key === 'readFaults') next.readFaults = readFaults(value);
		else if (key === 'taskDurationMs') next.taskDurationMs = duration(value);
		else if (key === 'callbackCopies') {
			if (!Number.isInteger(value) || value < 1) throw new Error('callbackCopies must be an integer >= 1');
			next.callbackCopies = value;
		} else if (key === 'forgeCallbacks') {
			if (value !== null && !FORGERIES.includes(value)) throw new Error(`forgeCallbacks must be null or one of ${FORGERIES.join(', ')}`);
			next.forgeCallbacks = value;
		}
		else if (key === 'seed') {
			if (!Number.isInteger(value)) throw new Error('seed must be an integer');
			next.seed = value;
		} else if (key === 'rateWindowMs') {
			if (typeof value !== 'number' || !(value > 0)) throw new Error('rateWindowMs must be a number > 0');
			next.rateWindowMs = value;
		} else if (value === null && key === 'videoSizeBytes')
			next[key] = null; // back to the plain sample
		else if (typeof value !== 'number' || !(value >= 0)) throw new Error(`${key} must be a number >= 0`);
		else next[key] = value;
	}
	Object.assign(knobs, next);
}

/** A number of ms, or a range `[minMs, maxMs]` each task draws from (seeded). */
function duration(value) {
	if (typeof value === 'number' && value >= 0) return value;
	const range = Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === 'number' && v >= 0);
	if (range && value[0] <= value[1]) return [...value];
	throw new Error('taskDurationMs must be a number >= 0 or a range [minMs, maxMs] with 0 <= minMs <= maxMs');
}

const isCount = (v) => Number.isInteger(v) && v >= 0;

/** `{ providerId: value | null }` merged per provider (a provider's value is replaced, null removes it); null clears all. */
function mergePerProvider(current, patch, providers, knob, validate) {
	if (patch === null) return {};
	if (typeof patch !== 'object' || Array.isArray(patch)) throw new Error(`${knob} must be an object by provider id`);
	const next = { ...current };
	for (const [providerId, value] of Object.entries(patch)) {
		if (!providers.some((p) => p.id === providerId))
			throw new Error(`unknown provider "${providerId}" in ${knob} (known: ${providers.map((p) => p.id).join(', ')})`);
		if (value === null) delete next[providerId];
		else next[providerId] = validate(value, `${knob}.${providerId}`);
	}
	return next;
}

function rateLimit(value, name) {
	if (!value || typeof value !== 'object' || Array.isArray(value)) throw new Error(`${name} must be an object`);
	for (const [field, v] of Object.entries(value)) {
		if (!RATE_LIMIT_FIELDS.includes(field))
			throw new Error(`unknown field "${field}" in ${name} (known: ${RATE_LIMIT_FIELDS.join(', ')})`);
		if (field === 'retryAfter' ? typeof v !== 'boolean' : !isCount(v))
			throw new Error(`${name}.${field} must be ${field === 'retryAfter' ? 'a boolean' : 'an integer >= 0'}`);
	}
	return { ...value };
}

function inFlightCap(value, name) {
	if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be an integer >= 1 (or null: no cap)`);
	return value;
}

function keyList(value, name) {
	if (!Array.isArray(value) || !value.every((k) => typeof k === 'string' && k.length > 0))
		throw new Error(`${name} must be an array of non-empty strings`);
	return [...value];
}

/** One number for every provider, `{ providerId: number }`, or null (unlimited). */
function renderCapacity(current, value, providers) {
	if (value === null) return null;
	const positive = (v, name) => {
		if (!Number.isInteger(v) || v < 1) throw new Error(`${name} must be an integer >= 1 (or null: unlimited)`);
		return v;
	};
	if (typeof value === 'number') return positive(value, 'renderCapacity');
	const base = current && typeof current === 'object' ? current : {};
	return mergePerProvider(base, value, providers, 'renderCapacity', positive);
}

function readFaults(value) {
	if (value === null) return null;
	if (!value || typeof value !== 'object' || Array.isArray(value))
		throw new Error('readFaults must be an object or null');
	for (const field of Object.keys(value)) {
		if (!READ_FAULT_FIELDS.includes(field))
			throw new Error(`unknown field "${field}" in readFaults (known: ${READ_FAULT_FIELDS.join(', ')})`);
	}
	if (typeof value.rate !== 'number' || !(value.rate >= 0 && value.rate <= 1))
		throw new Error('readFaults.rate must be a number from 0 to 1');
	if (value.kinds !== undefined) {
		const bad = Array.isArray(value.kinds)
			? value.kinds.filter((k) => !READ_FAULT_KINDS.includes(k))
			: ['(not an array)'];
		if (bad.length || value.kinds.length === 0)
			throw new Error(
				`readFaults.kinds must be a non-empty list of ${READ_FAULT_KINDS.join(', ')} (got ${bad.join(', ') || '[]'})`,
			);
	}
	if (value.slowMs !== undefined && !(typeof value.slowMs === 'number' && value.slowMs >= 0))
		throw new Error('readFaults.slowMs must be a number >= 0');
	return { rate: value.rate, kinds: [...(value.kinds ?? READ_FAULT_KINDS)], slowMs: value.slowMs ?? 1500 };
}

function mergeFaults(pending, patch) {
	for (const [kind, fault] of Object.entries(patch ?? {})) {
		if (!FAULT_KINDS.includes(kind))
			throw new Error(`unknown failNext kind "${kind}" (known: ${FAULT_KINDS.join(', ')})`);
		if (fault === null || fault === false) {
			delete pending[kind];
			continue;
		}
		if (typeof fault !== 'object' || Array.isArray(fault)) throw new Error(`failNext.${kind} must be an object`);
		const unknown = Object.keys(fault).filter((field) => !FAULT_FIELDS.includes(field));
		if (unknown.length)
			throw new Error(`unknown field "${unknown[0]}" in failNext.${kind} (known: ${FAULT_FIELDS.join(', ')})`);
		if ((fault.truncate || fault.short) && kind !== 'download')
			throw new Error(`failNext.${kind}: truncate and short apply to downloads only`);
		if (fault.truncate && fault.short) throw new Error(`failNext.${kind}: truncate or short, not both`);
		pending[kind] = { ...fault, count: fault.count ?? 1 };
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

module.exports = { parseMarkers, asCode, defaultKnobs, mergeKnobs, takeFault, READ_FAULT_KINDS };
