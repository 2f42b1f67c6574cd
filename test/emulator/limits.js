// Account-level behaviour of the emulator, provider-neutral: request-rate windows per credential, render
// slots per account (a FIFO schedule), and the seeded random streams behind duration ranges and read faults.
'use strict';

const crypto = require('node:crypto');

/** An opaque, stable id for a presented API key: the key itself is never stored or logged. */
function credentialId(key) {
	if (typeof key !== 'string' || !key) return 'anonymous';
	return crypto.createHash('sha256').update(key).digest('hex').slice(0, 12);
}

/** mulberry32: a small seeded PRNG, uniform in [0, 1). Same seed, same sequence. */
function prng(seed) {
	let a = Number(seed) >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** Independent streams, so e.g. the number of status checks never changes which durations tasks draw. */
function randomStreams(seed) {
	return { durations: prng(seed), reads: prng((Number(seed) ^ 0x5bd1e995) >>> 0) };
}

/**
 * Sliding windows of accepted requests, one per (provider, credential, class). `admit` records the request
 * when it fits; otherwise it records nothing and tells how long until the window frees a slot.
 */
class RateWindows {
	constructor() {
		this.windows = new Map();
	}

	admit(key, limit, windowMs, now = Date.now()) {
		const times = (this.windows.get(key) ?? []).filter((t) => t > now - windowMs);
		this.windows.set(key, times);
		if (times.length < limit) {
			times.push(now);
			return { admitted: true };
		}
		// The slot frees when the (len - limit + 1)-th newest accepted request leaves the window.
		const waitMs = limit > 0 ? times[times.length - limit] + windowMs - now : windowMs;
		return { admitted: false, waitMs: Math.max(1, waitMs) };
	}

	clear() {
		this.windows.clear();
	}
}

/**
 * Render slots per account: `capacity` tasks render at once, later ones wait in creation order (FIFO).
 * Each task holds its slot from `startAt` for `durationMs` (its queued third included), or until cancelled;
 * a `never` task holds it for good. Start times are computed when a task is created, which is exact for a
 * fixed duration per task, and re-planned for the tasks still waiting when a task is cancelled.
 */
class RenderSchedule {
	constructor() {
		this.accounts = new Map();
	}

	/** Sets `task.startAt` (and `task.capacity`) for a new task of `account`. */
	add(account, task, capacity) {
		const tasks = this.accounts.get(account) ?? [];
		this.accounts.set(account, tasks);
		task.capacity = capacity ?? null;
		task.startAt = startOf(task, tasks, task.createdAt);
		tasks.push(task);
	}

	/** After a cancel: re-plans the account's tasks that have not started yet; returns those that moved. */
	replan(account, now = Date.now()) {
		const tasks = this.accounts.get(account) ?? [];
		const moved = [];
		tasks.forEach((task, i) => {
			if (task.startAt <= now || task.cancelledAt) return;
			const startAt = Math.max(now, startOf(task, tasks.slice(0, i), task.createdAt));
			if (startAt !== task.startAt) {
				task.startAt = startAt;
				moved.push(task);
			}
		});
		return moved;
	}

	clear() {
		this.accounts.clear();
	}
}

/** When a task's slot ends (Infinity for a task that never ends). */
function endOf(task) {
	const natural = task.never ? Infinity : task.startAt + task.durationMs;
	if (!task.cancelledAt) return natural;
	return Math.min(natural, Math.max(task.cancelledAt, task.startAt));
}

/** FIFO start: not before any earlier task started, and when fewer than `capacity` earlier tasks still render. */
function startOf(task, earlier, createdAt) {
	if (!task.capacity) return createdAt;
	// A task cancelled while it waited never held a slot.
	earlier = earlier.filter((t) => !(t.cancelledAt && t.cancelledAt < t.startAt));
	const lowerBound = earlier.reduce((max, t) => Math.max(max, t.startAt), createdAt);
	const ends = earlier
		.map(endOf)
		.filter((end) => end > lowerBound)
		.sort((a, b) => b - a);
	return ends.length < task.capacity ? lowerBound : Math.max(lowerBound, ends[task.capacity - 1]);
}

module.exports = { credentialId, prng, randomStreams, RateWindows, RenderSchedule };
