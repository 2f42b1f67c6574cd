// Local emulator of the Hailuo video providers, one module each under ./providers.
//
// This file is the provider-neutral core: HTTP server, routing, request log, knobs, task store and
// status progression, media serving and control endpoints. Every fact about one provider (paths,
// field names, status words, error bodies) lives in its module under ./providers; a module is a
// plain object { id, prefix, apiKey, routes, keyOf, authenticate, errorReply, rateLimitReply, ... } mounted by
// mountProvider(); a route may bring its own authenticate, errorReply and rateLimitReply (a second API family). Account-level behaviour (rate windows, render slots, seeded randomness) is in ./limits.
'use strict';

const crypto = require('node:crypto');
const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');

const { readBody, parseBody, send, sleep, compilePath, rawNumber } = require('./http');
const { parseMarkers, asCode, defaultKnobs, mergeKnobs, takeFault } = require('./knobs');
const { credentialId, randomStreams, RateWindows, RenderSchedule } = require('./limits');
const media = require('./media');
const openAi = require('./openai');

const PROVIDERS = require('./providers');
const { createTelegramBotApi } = require('./telegram');
/** MiniMax documents 3 s for the challenge answer; no host documents it for status posts: fal.ai's 15 s stands in. */
const HANDSHAKE_TIMEOUT_MS = 3000;
const CALLBACK_TIMEOUT_MS = 15_000;

const FIXTURES_DIR = path.join(__dirname, '..', 'fixtures');

async function startEmulator(options = {}) {
	const host = options.host ?? '127.0.0.1';
	const videoBytes = fs.readFileSync(options.videoPath ?? path.join(FIXTURES_DIR, 'sample.mp4'));
	const knobs = defaultKnobs(options, PROVIDERS);
	const state = {
		knobs,
		tasks: new Map(),
		uploads: new Map(),
		requests: [],
		callbacks: [],
		timers: new Set(),
		taskTimers: new Map(), // task → its pending event timers (re-armed when its start moves)
		rates: new RateWindows(),
		schedule: new RenderSchedule(),
		random: randomStreams(knobs.seed),
	};
	const routes = [];
	let url = '';

	// ----- services offered to provider modules -----

	const taskKey = (providerId, id) => `${providerId}:${id}`;

	/** This task's render time: `@duration:` wins, else the knob (a range draws from the seeded stream). */
	function drawDuration(markers) {
		if (markers.duration !== undefined) return markers.duration;
		const knob = state.knobs.taskDurationMs;
		if (!Array.isArray(knob)) return knob;
		const [min, max] = knob;
		return Math.round(min + state.random.durations() * (max - min));
	}

	function capacityOf(providerId) {
		const knob = state.knobs.renderCapacity;
		if (knob === null || typeof knob === 'number') return knob;
		return knob[providerId] ?? null;
	}

	/**
	 * Creates a task; `fields.failure` ({ code, message }) makes it fail at once (e.g. invalid input), without
	 * a render slot. `credential` (the opaque id of the key that asked) names the account for render slots.
	 */
	function createTask(provider, fields, { credential = 'anonymous' } = {}) {
		const markers = parseMarkers(fields.prompt);
		const task = {
			...fields,
			provider: provider.id,
			id: fields.id ?? provider.newTaskId(),
			createdAt: Date.now(),
			durationMs: fields.failure ? 0 : drawDuration(markers),
			never: !fields.failure && markers.never === true,
			runningWord: typeof markers.status === 'string' ? markers.status : undefined,
			failure: fields.failure ?? (markers.fail ? { code: asCode(markers.fail) } : null),
			cancelledAt: null,
			account: `${provider.id}:${credential}`,
		};
		if (fields.failure) task.startAt = task.createdAt;
		else state.schedule.add(task.account, task, capacityOf(provider.id));
		state.tasks.set(taskKey(provider.id, task.id), task);
		scheduleEvents(provider, task);
		return task;
	}

	/**
	 * Waiting for a render slot (until `startAt`), then queued for the first third of the duration, running
	 * until its end, then terminal. Computed from the clock on every call (no timers); `now` lets a test
	 * read the phase at a planned instant instead of racing the clock.
	 */
	function phaseOf(task, now = Date.now()) {
		if (task.cancelledAt) return { phase: 'cancelled', progress: 1 };
		const startAt = task.startAt ?? task.createdAt;
		const elapsed = now - startAt;
		if (!task.never && elapsed >= task.durationMs) return { phase: task.failure ? 'failed' : 'succeeded', progress: 1 };
		const queuedFor = task.durationMs / 3;
		if (elapsed < queuedFor) {
			const waited = now - task.createdAt;
			return { phase: 'queued', progress: waited / (startAt + queuedFor - task.createdAt) };
		}
		const runningFor = task.durationMs - queuedFor;
		return { phase: 'running', progress: task.never ? 0.5 : (elapsed - queuedFor) / runningFor };
	}

	/** Phase changes are computed lazily; timers exist only for providers that send callbacks. */
	function scheduleEvents(provider, task) {
		if (!provider.onTaskEvent) return;
		provider.onTaskEvent('created', task, services);
		armEvents(provider, task);
	}

	/** The `running` and terminal events at the task's (possibly shifted) times; replaces earlier timers. */
	function armEvents(provider, task) {
		for (const timer of state.taskTimers.get(task) ?? []) {
			clearTimeout(timer);
			state.timers.delete(timer);
		}
		const timers = new Set();
		state.taskTimers.set(task, timers);
		const at = (time, event) => {
			if (!Number.isFinite(time)) return; // waits behind a task that never ends
			const timer = setTimeout(
				() => {
					state.timers.delete(timer);
					timers.delete(timer);
					// Timers may fire a millisecond early against Date.now(), which phaseOf() reads: wait it out.
					if (Date.now() < time) at(time, event);
					else if (!task.cancelledAt) provider.onTaskEvent(event, task, services);
				},
				Math.min(2 ** 31 - 1, Math.max(0, time - Date.now())),
			);
			timer.unref();
			state.timers.add(timer);
			timers.add(timer);
		};
		if (task.durationMs > 0) at(task.startAt + task.durationMs / 3, 'running');
		if (!task.never) at(task.startAt + task.durationMs, task.failure ? 'failed' : 'succeeded');
	}

	function cancelTask(provider, task) {
		task.cancelledAt = Date.now();
		provider.onTaskEvent?.('cancelled', task, services);
		// A freed render slot lets the account's waiting tasks start earlier.
		for (const moved of state.schedule.replan(task.account)) {
			const owner = PROVIDERS.find((p) => p.id === moved.provider);
			if (owner?.onTaskEvent) armEvents(owner, moved);
		}
	}

	/** Video size in bytes as served (the sample, or the padded size of `videoSizeBytes`). */
	const videoSegments = () => media.videoSegments(videoBytes, state.knobs.videoSizeBytes);
	const videoSize = () => media.segmentsLength(videoSegments());
	const videoUrl = (task) => `${url}/files/${task.provider}/${encodeURIComponent(task.id)}.mp4`;

	const videoReply = (headers) => media.videoReply(videoSegments(), headers);

	/** Bytes behind a URL that points at this emulator (assets, uploads), without a network round trip. */
	function localFile(ref) {
		const port = new URL(url).port;
		if (ref.port !== port || !['127.0.0.1', 'localhost', host].includes(ref.hostname)) return null;
		const asset = /^\/assets\/([^/]+)$/.exec(ref.pathname);
		if (asset) return readFixture(decodeURIComponent(asset[1]))?.data ?? null;
		const upload = /^\/uploads\/([^/]+)\//.exec(ref.pathname);
		return upload ? (state.uploads.get(upload[1])?.data ?? null) : null;
	}

	const inspectImage = (ref) => media.inspectImage(ref, localFile);
	const imageProblem = (ref, rules) => media.imageProblem(inspectImage(ref), rules);

	function storeUpload({ filename, contentType, data }) {
		const id = crypto.randomBytes(8).toString('hex');
		const name = (filename || 'upload.bin').replace(/[^\w.-]+/g, '_');
		state.uploads.set(id, { name, contentType, data });
		return `${url}/uploads/${id}/${encodeURIComponent(name)}`;
	}

	/**
	 * POSTs a callback/webhook for a task. Deliveries of one task are chained so they arrive in order
	 * (e.g. MiniMax's challenge before the status posts); each is logged in `callbacks`.
	 */
	/** `handshake`: a post that carries no task's state (MiniMax's challenge), never forged. */
	function postCallback(task, target, body, headers = {}, { handshake = false } = {}) {
		// Forgeries for tests of receivers: the body's task id changed after signing, or the URL's query dropped.
		const forge = handshake ? null : state.knobs.forgeCallbacks;
		if (forge === 'body') body = body.split(task.id).join(`${task.id}0`);
		if (forge === 'query') target = target.split('?')[0];
		const entry = {
			provider: task.provider,
			taskId: task.id,
			url: target,
			headers,
			body: JSON.parse(body),
			at: new Date().toISOString(),
			...(forge ? { forged: forge } : {}),
		};
		state.callbacks.push(entry);
		const deliver = async () => {
			// Providers retry callbacks: `callbackCopies` sends each one that many times, one after another.
			for (let copy = 0; copy < state.knobs.callbackCopies; copy++) {
				const sentAt = Date.now();
				try {
					const response = await fetch(target, {
						method: 'POST',
						headers: { 'content-type': 'application/json', ...headers },
						body,
						signal: AbortSignal.timeout(handshake ? HANDSHAKE_TIMEOUT_MS : CALLBACK_TIMEOUT_MS),
					});
					entry.status = response.status;
					entry.response = await response.text();
					entry.answeredInMs = Date.now() - sentAt;
				} catch (error) {
					entry.error = error.message;
				}
			}
			return entry;
		};
		task.callbackChain = (task.callbackChain ?? Promise.resolve()).then(deliver);
		return task.callbackChain;
	}

	const services = {
		get url() {
			return url;
		},
		baseUrl: (providerId) => url + mountPath(PROVIDERS.find((p) => p.id === providerId)),
		createTask,
		getTask: (providerId, id) => state.tasks.get(taskKey(providerId, id)),
		variantsOf: (providerId) => state.knobs.variants[providerId] ?? {},
		tasksOf: (providerId) => [...state.tasks.values()].filter((t) => t.provider === providerId),
		phaseOf,
		cancelTask,
		videoUrl,
		videoSize,
		videoReply,
		inspectImage,
		imageProblem,
		storeUpload,
		postCallback,
		rawNumber,
	};

	// ----- routes -----

	function addRoute(route) {
		routes.push({ ...route, match: compilePath(route.path) });
	}

	/** Mounts a provider module: its real paths under its prefix, auth and faults applied by the core. */
	function mountProvider(provider) {
		for (const route of provider.routes) {
			addRoute({ ...route, path: provider.prefix + route.path, realPath: route.path, provider, kind: 'api' });
		}
	}

	PROVIDERS.forEach(mountProvider);

	// The scripted chat model for AI Agent workflows (./openai.js), logged as provider 'openai', kind 'llm'.
	for (const route of openAi.routes) addRoute({ ...route, path: openAi.prefix + route.path, provider: { id: openAi.id }, kind: 'llm' });

	const fixtureReply = (name) => {
		const file = readFixture(name);
		return file ? { headers: { 'content-type': file.contentType }, body: file.data } : notFound();
	};

	addRoute({ method: 'GET', path: '/assets/:name', kind: 'asset', handle: (call) => fixtureReply(call.params.name) });
	addRoute({
		method: 'GET',
		path: '/uploads/:id/:name',
		kind: 'asset',
		handle: (call) => {
			const upload = state.uploads.get(call.params.id);
			return upload ? { headers: { 'content-type': upload.contentType }, body: upload.data } : notFound();
		},
	});
	addRoute({
		method: 'GET',
		path: '/files/:provider/:file',
		kind: 'video',
		faults: ['download'],
		handle: (call) => {
			const id = call.params.file.replace(/\.mp4$/, '');
			const task = services.getTask(call.params.provider, id);
			if (!task || phaseOf(task).phase !== 'succeeded') return notFound();
			return videoReply(call.headers);
		},
	});
	addRoute({ method: 'POST', path: '/publish', kind: 'publish', provider: { id: 'publish' }, handle: publish });
	// Telegram's Bot API, for examples that publish with n8n's Telegram node (not a Hailuo host).
	const telegram = createTelegramBotApi();
	for (const route of telegram.routes) addRoute({ ...route, kind: 'telegram', provider: { id: 'telegram' } });
	addRoute({ method: 'GET', path: '/__emulator/health', kind: 'control', handle: () => ({ json: describe() }) });
	addRoute({
		method: 'GET',
		path: '/__emulator/requests',
		kind: 'control',
		handle: (call) => ({ json: filterLog(call.query) }),
	});
	addRoute({
		method: 'GET',
		path: '/__emulator/callbacks',
		kind: 'control',
		handle: () => ({ json: state.callbacks }),
	});
	addRoute({ method: 'GET', path: '/__emulator/config', kind: 'control', handle: () => ({ json: state.knobs }) });
	addRoute({
		method: 'POST',
		path: '/__emulator/config',
		kind: 'control',
		handle: (call) => {
			try {
				configure(call.body ?? {});
			} catch (error) {
				return { status: 400, json: { error: error.message } };
			}
			return { json: state.knobs };
		},
	});
	addRoute({
		method: 'POST',
		path: '/__emulator/reset',
		kind: 'control',
		handle: () => (reset(), { json: { ok: true } }),
	});

	/** Stand-in social-media endpoint: multipart (video file + caption), JSON, or a raw video body. */
	function publish(call) {
		let bytes = 0;
		let caption = call.query.caption ?? '';
		if (call.multipart) {
			bytes = call.multipart.files.reduce((sum, f) => sum + f.data.length, 0);
			caption = call.multipart.fields.caption ?? caption;
		} else if (call.body && typeof call.body === 'object') {
			const data = call.body.video ?? call.body.data;
			bytes = typeof data === 'string' ? Buffer.from(data, 'base64').length : 0;
			caption = call.body.caption ?? caption;
		} else {
			bytes = call.rawBody.length;
		}
		return { json: { id: `post_${crypto.randomBytes(6).toString('hex')}`, bytes, caption } };
	}

	/** Video/storage failures look like an object store's (e.g. an expired pre-signed URL → 403). */
	function storageError(status) {
		const code = { 403: 'AccessDenied', 404: 'NoSuchKey' }[status] ?? 'InternalError';
		const body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>emulated ${status}</Message></Error>`;
		return { status, headers: { 'content-type': 'application/xml' }, body };
	}

	function notFound() {
		return { status: 404, headers: { 'content-type': 'text/plain' }, body: 'Not Found' };
	}

	function filterLog(query) {
		return state.requests.filter(
			(r) => (!query.provider || r.provider === query.provider) && (!query.kind || r.kind === query.kind),
		);
	}

	function describe() {
		return {
			ok: true,
			url,
			baseUrls: emu.baseUrls,
			apiKeys: emu.apiKeys,
			tasks: state.tasks.size,
			requests: state.requests.length,
		};
	}

	/** Knobs merged (validated, all or nothing); a `seed` restarts the random streams. */
	function configure(patch) {
		mergeKnobs(state.knobs, patch, PROVIDERS);
		if (patch && Object.hasOwn(patch, 'seed')) state.random = randomStreams(state.knobs.seed);
		return state.knobs;
	}

	function reset() {
		state.knobs = defaultKnobs(options, PROVIDERS);
		state.tasks.clear();
		state.uploads.clear();
		state.requests.length = 0;
		state.callbacks.length = 0;
		for (const timer of state.timers) clearTimeout(timer);
		state.timers.clear();
		state.taskTimers.clear();
		state.rates.clear();
		state.schedule.clear();
		state.random = randomStreams(state.knobs.seed);
		telegram.reset();
	}

	// ----- request handling -----

	function findRoute(method, pathname) {
		const wanted = method === 'HEAD' ? 'GET' : method;
		for (const route of routes) {
			if (route.method !== wanted) continue;
			const params = route.match(pathname);
			if (params) return { route, params };
		}
		// Under a provider prefix but no route: the provider decides (Atlas answers 401 there).
		const provider = PROVIDERS.find((p) => pathname === p.prefix || pathname.startsWith(`${p.prefix}/`));
		if (provider) {
			return {
				route: {
					provider,
					kind: 'api',
					realPath: pathname.slice(provider.prefix.length),
					handle: provider.unknownPath,
				},
				params: {},
			};
		}
		return null;
	}

	function faultReply(fault, route) {
		if (fault.drop) return { drop: true };
		// A clean but short download: chunked (no content-length), ends normally after a third of the bytes.
		if (fault.short && fault.kind === 'download') {
			const reply = videoReply({});
			delete reply.headers['content-length'];
			return { ...reply, endAfterBytes: Math.floor(videoSize() / 3) };
		}
		if (fault.malformed) {
			const body =
				route.kind === 'video'
					? '<html><body>502 Bad Gateway</body></html>'
					: '{"status": "processing", "data": {"id": ';
			return {
				status: 200,
				headers: { 'content-type': route.kind === 'video' ? 'text/html' : 'application/json' },
				body,
			};
		}
		let reply;
		if (fault.truncate && fault.kind === 'download')
			reply = { ...videoReply({}), cutAfterBytes: Math.floor(videoSize() / 2) };
		else if (errorReplyOf(route)) reply = errorReplyOf(route)(fault);
		else reply = storageError(fault.httpStatus ?? 500);
		if (fault.retryAfter !== undefined) reply.headers = { ...reply.headers, 'retry-after': String(fault.retryAfter) };
		return reply;
	}

	async function handle(req, res) {
		const requestUrl = new URL(req.url, 'http://emulator');
		const found = findRoute(req.method, requestUrl.pathname);
		const route = found?.route;
		const { buffer, tooLarge } = await readBody(req);
		const parsed = parseBody(buffer, req.headers['content-type']);
		const call = {
			method: req.method,
			path: requestUrl.pathname,
			realPath: route?.realPath,
			params: found?.params ?? {},
			query: Object.fromEntries(requestUrl.searchParams),
			headers: req.headers,
			rawBody: buffer,
			...parsed,
			emu: services,
		};
		const providerId = route?.provider?.id ?? (route?.kind === 'video' ? call.params.provider : undefined);
		call.variants = state.knobs.variants[providerId] ?? {};
		call.baseUrl = route?.provider?.prefix ? services.baseUrl(providerId) : url;
		const entry = {
			provider: providerId ?? null,
			kind: route?.kind ?? 'unknown',
			method: req.method,
			path: requestUrl.pathname,
			route: route?.realPath ?? requestUrl.pathname,
			query: call.query,
			headers: { ...req.headers },
			body: parsed.logBody,
			at: new Date().toISOString(),
		};
		state.requests.push(entry);
		// The presented key only as an opaque id (rate windows and render slots are per credential).
		const credential = credentialId(route?.provider?.keyOf?.(call));
		// Tasks created by this request are bound to its credential and noted in its log entry. A task it
		// looks up by id and finds succeeded is noted with the time, for `noteSeenDone` once answered.
		const lookedUp = new Set();
		const foundSucceeded = new Map();
		call.emu = Object.create(services, {
			createTask: {
				value: (provider, fields) => {
					const task = createTask(provider, { ...fields, inFlightGroup: route?.inFlightGroup }, { credential });
					entry.taskId = task.id;
					return task;
				},
			},
			getTask: {
				value: (providerId, id) => {
					const task = services.getTask(providerId, id);
					if (task) lookedUp.add(task);
					return task;
				},
			},
			phaseOf: {
				value: (task) => {
					const phase = phaseOf(task);
					if (phase.phase === 'succeeded' && lookedUp.has(task) && !foundSucceeded.has(task)) foundSucceeded.set(task, Date.now());
					return phase;
				},
			},
		});

		if (!route) return send(req, res, notFound());
		const reply = await answer(route, call, tooLarge, { entry, credential });
		if (rateClassOf(route) === 'status' && !(reply.status >= 400)) noteSeenDone(foundSucceeded);
		send(req, res, reply);
	}

	/**
	 * The first status (or result) answer that found its task succeeded is when the client could know it:
	 * `firstSeenDoneAt`, for the ready → seen latency of polling strategies (`readyToSeen`). Refusals and
	 * injected faults never run the route's handler, so they never count as seen.
	 */
	function noteSeenDone(foundSucceeded) {
		for (const [task, at] of foundSucceeded) task.firstSeenDoneAt ??= at;
	}

	/** Which rate window a route counts in: 'create', 'status' (status checks and result lookups), or none. */
	function rateClassOf(route) {
		if (route.faults?.includes('create')) return 'create';
		if (route.faults?.includes('status') || route.faults?.includes('result')) return 'status';
		return null;
	}

	/** The provider's own rate-limit refusal, or null when the request fits its window (then it is counted). */
	function rateLimitRefusal(provider, route, credential) {
		const limits = state.knobs.rateLimits[provider.id];
		const rateClass = rateClassOf(route);
		const limit = rateClass && limits?.[rateClass === 'create' ? 'createsPerMinute' : 'statusPerMinute'];
		if (limit === undefined || limit === null || !rateClass) return null;
		const window = `${provider.id}:${credential}:${rateClass}`;
		const verdict = state.rates.admit(window, limit, state.knobs.rateWindowMs);
		if (verdict.admitted) return null;
		const retryAfterSeconds = limits.retryAfter ? Math.max(1, Math.ceil(verdict.waitMs / 1000)) : undefined;
		return rateReply(route, { retryAfterSeconds, kind: rateClass });
	}

	/** A route's own rate-limit refusal (a provider with two API families), else its provider's. */
	function rateReply(route, { retryAfterSeconds, kind }) {
		const rateLimitReply = route.rateLimitReply ?? route.provider.rateLimitReply;
		if (rateLimitReply) return rateLimitReply({ retryAfterSeconds, kind });
		const reply = errorReplyOf(route)({ httpStatus: 429, kind });
		if (retryAfterSeconds) reply.headers = { ...reply.headers, 'retry-after': String(retryAfterSeconds) };
		return reply;
	}

	/** A route's own error shape, else its provider's. */
	const errorReplyOf = (route) => route.errorReply ?? route.provider?.errorReply;

	/**
	 * `tasksInFlight`: a create on a route with an `inFlightGroup` while the credential has that many tasks of
	 * the group queued or running is refused with the rate-limit refusal (nothing is created).
	 */
	function inFlightRefusal(provider, route, credential) {
		const cap = state.knobs.tasksInFlight[provider.id];
		if (!cap || !route.inFlightGroup) return null;
		const account = `${provider.id}:${credential}`;
		let unfinished = 0;
		for (const task of state.tasks.values()) {
			if (task.account !== account || task.inFlightGroup !== route.inFlightGroup || task.deleted) continue;
			if (['queued', 'running'].includes(phaseOf(task).phase)) unfinished++;
		}
		return unfinished >= cap ? rateReply(route, { kind: 'create' }) : null;
	}

	/** A random read fault (seeded), for status/result lookups and downloads, when `readFaults` is on. */
	function randomReadFault(route, provider) {
		const knob = state.knobs.readFaults;
		if (!knob || knob.rate <= 0) return null;
		const isDownload = route.faults?.includes('download');
		const isLookup = rateClassOf(route) === 'status';
		if (!isDownload && !isLookup) return null;
		const codes = isLookup ? (provider?.readFaultCodes ?? []) : [];
		const kinds = knob.kinds.filter((kind) => kind !== 'business' || codes.length > 0);
		if (!kinds.length || state.random.reads() >= knob.rate) return null;
		const kind = kinds[Math.floor(state.random.reads() * kinds.length)];
		if (kind === 'business') return { kind, code: codes[Math.floor(state.random.reads() * codes.length)] };
		return { kind };
	}

	function readFaultReply(readFault, route, provider) {
		const { kind } = readFault;
		if (kind === 'drop') return { drop: true };
		if (kind === 'malformed') return faultReply({ malformed: true }, route);
		if (kind === 'business') return errorReplyOf(route)({ code: readFault.code, kind: 'status' });
		const httpStatus = Number(kind.slice(4)); // http500 | http502 | http503
		return provider ? errorReplyOf(route)({ httpStatus, kind: 'status' }) : storageError(httpStatus);
	}

	/**
	 * latency → auth → rate limit → body size → pending fault → random read fault → @reject marker → the
	 * route's own handler. `entry` (the request's log entry) records refusals and injected faults.
	 */
	async function answer(route, call, tooLarge, { entry, credential }) {
		const isProviderTraffic = route.kind === 'api' || route.kind === 'video';
		if (isProviderTraffic && state.knobs.latencyMs > 0) await sleep(state.knobs.latencyMs);
		const provider = route.kind === 'api' ? route.provider : null;
		if (provider && route.auth !== false) {
			const key = provider.keyOf?.(call);
			const extraKey = key && (state.knobs.extraApiKeys[provider.id] ?? []).includes(key);
			const denied = extraKey ? null : (route.authenticate ?? provider.authenticate)(call);
			if (denied) return denied;
		}
		if (provider) {
			const refusal = rateLimitRefusal(provider, route, credential);
			if (refusal) {
				entry.refused = 'rateLimit';
				return refusal;
			}
			const overCap = inFlightRefusal(provider, route, credential);
			if (overCap) {
				entry.refused = 'tasksInFlight';
				return overCap;
			}
		}
		if (tooLarge)
			return provider ? errorReplyOf(route)({ httpStatus: 413 }) : { status: 413, body: 'Payload Too Large' };
		// HEAD probes (size checks before a download) leave pending faults for the real request.
		const fault = call.method === 'HEAD' ? null : takeFault(state.knobs.failNext, route.faults);
		if (fault) {
			entry.fault = `failNext.${fault.kind}`;
			return faultReply(fault, route);
		}
		const readFault = call.method === 'HEAD' || !isProviderTraffic ? null : randomReadFault(route, provider);
		if (readFault) {
			entry.fault = `readFaults.${readFault.kind}${readFault.code ? `:${readFault.code}` : ''}`;
			if (readFault.kind === 'slow') await sleep(state.knobs.readFaults?.slowMs ?? 1500);
			else return readFaultReply(readFault, route, provider);
		}
		if (provider && route.faults?.includes('create')) {
			const reject = parseMarkers(promptOf(provider, call.body)).reject;
			if (reject) return errorReplyOf(route)({ code: asCode(reject), kind: 'create' });
		}
		return route.handle(call);
	}

	const server = http.createServer((req, res) => {
		handle(req, res).catch((error) => {
			if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
			res.end(`emulator error: ${error.stack}`);
		});
	});
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, host, resolve);
	});
	const port = server.address().port;
	url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

	const emu = {
		url,
		port,
		baseUrls: Object.fromEntries(PROVIDERS.map((p) => [p.id, url + mountPath(p)])),
		apiKeys: Object.fromEntries(PROVIDERS.map((p) => [p.id, p.apiKey])),
		videoBytes,
		requests: state.requests,
		callbacks: state.callbacks,
		// Provider API calls only (no assets, videos, control); 'publish' selects the /publish calls.
		providerRequests: (providerId) =>
			state.requests.filter((r) =>
				providerId ? r.provider === providerId && (r.kind === 'api' || r.kind === 'publish') : r.kind === 'api',
			),
		/**
		 * Accepted creates (a task was created) by prompt: `{ [prompt]: count }` (a create without a prompt
		 * counts under ''). With distinct prompts per item, "every item created exactly once" is every count 1.
		 */
		createCounts(providerId) {
			const counts = {};
			for (const r of state.requests) {
				if (r.taskId === undefined || (providerId && r.provider !== providerId)) continue;
				const prompt = String(promptOf(PROVIDERS.find((p) => p.id === r.provider), r.body) ?? '');
				counts[prompt] = (counts[prompt] ?? 0) + 1;
			}
			return counts;
		},
		/**
		 * Per succeeded task (in creation order): `{ provider, taskId, readyAt, seenAt, ms }` — when its render
		 * ended, when a status answer first said so (null: not yet), and the gap in ms (null while unseen).
		 */
		readyToSeen(providerId) {
			const rows = [];
			for (const task of state.tasks.values()) {
				if ((providerId && task.provider !== providerId) || phaseOf(task).phase !== 'succeeded') continue;
				const readyAt = (task.startAt ?? task.createdAt) + task.durationMs;
				const seenAt = task.firstSeenDoneAt ?? null;
				rows.push({ provider: task.provider, taskId: task.id, readyAt, seenAt, ms: seenAt === null ? null : seenAt - readyAt });
			}
			return rows;
		},
		/** Requests refused by a rate limit (log entries with `refused: 'rateLimit'`). */
		refusals: (providerId) => state.requests.filter((r) => r.refused && (!providerId || r.provider === providerId)),
		configure,
		get knobs() {
			return state.knobs;
		},
		reset,
		/** The task as stored (for assertions), or undefined. */
		task: (providerId, id) => services.getTask(providerId, id),
		/** The task's phase word ('queued', 'running', 'succeeded', …) at epoch ms `at`, from its planned times. */
		phaseAt: (providerId, id, at) => phaseOf(services.getTask(providerId, id), at).phase,
		async close() {
			reset();
			server.closeAllConnections();
			await new Promise((resolve) => server.close(() => resolve()));
		},
	};
	return emu;
}

/** A create body's prompt: where the provider module says (MiniMax V2: the text item), else `prompt` or `input.prompt`. */
function promptOf(provider, body) {
	return provider?.promptOf?.(body) ?? body?.prompt ?? body?.input?.prompt;
}

/** Where a provider module's API is served, under the emulator's URL (its credential's Base URL). */
function mountPath(provider) {
	return provider.prefix + (provider.baseUrlSuffix ?? '');
}

function readFixture(name) {
	const safe = path.basename(name);
	const file = path.join(FIXTURES_DIR, safe);
	if (!fs.existsSync(file) || !fs.statSync(file).isFile()) return null;
	return { data: fs.readFileSync(file), contentType: media.contentTypeOf(safe) };
}

module.exports = { startEmulator, parseMarkers, mountPath, FIXTURES_DIR, PROVIDERS };
