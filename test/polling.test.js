// The check schedule of automatic polling: when a task can plausibly be ready (from the model table),
// tightening to a tenth of that, corrected by how this run's tasks actually take.
'use strict';

const { CheckSchedule } = require('../dist/nodes/shared/polling');

const T0 = Date.parse('2026-11-23T10:00:00Z');
const task = (n, extra = {}) => ({
	provider: 'minimax',
	model: 'MiniMax-Hailuo-2.3',
	mode: 'imageToVideo',
	taskId: `task-${n}`,
	duration: 6,
	resolution: '768P',
	submittedAt: new Date(T0).toISOString(),
	...extra,
});
const automatic = () => new CheckSchedule({ mode: 'automatic' });
const seconds = (at) => (at - T0) / 1000;

describe('automatic', () => {
	test('first check at 70 % of the typical render time (Hailuo 2.3, 768P, 6 s: 90 s), then every tenth of it', () => {
		const schedule = automatic();
		expect(seconds(schedule.firstCheckAt(task(1), T0))).toBe(63);
		expect(seconds(schedule.stillRendering(task(1), T0 + 63_000))).toBe(72);
	});

	test('longer clips and higher resolutions are expected later', () => {
		const schedule = automatic();
		expect(seconds(schedule.firstCheckAt(task(1, { duration: 10 }), T0))).toBe(105);
		expect(seconds(schedule.firstCheckAt(task(2, { resolution: '1080P' }), T0))).toBe(105);
		expect(seconds(schedule.firstCheckAt(task(3, { model: 'MiniMax-Hailuo-2.3-Fast' }), T0))).toBeCloseTo(38.5);
	});

	test('a task of unknown age (an ID typed in) is checked at once; one submitted long ago too', () => {
		const schedule = automatic();
		expect(schedule.firstCheckAt(task(1, { submittedAt: '' }), T0 + 5)).toBe(T0 + 5);
		expect(schedule.firstCheckAt(task(2), T0 + 3_600_000)).toBe(T0 + 3_600_000);
	});

	test('a task running past twice its expected time is checked half as often', () => {
		const schedule = automatic();
		for (let n = 2; n < 5; n++) schedule.finished(task(n), T0 + 90_000);
		expect(seconds(schedule.stillRendering(task(1), T0 + 200_000))).toBe(218);
	});

	test('tasks finishing at half the typical time bring the first check of the next ones forward', () => {
		const schedule = automatic();
		for (let n = 0; n < 5; n++) schedule.finished(task(n), T0 + 45_000);
		expect(seconds(schedule.firstCheckAt(task(9), T0))).toBeCloseTo(31.5);
	});

	test('early finishers alone do not pull the expectation down while most tasks still render', () => {
		const schedule = automatic();
		schedule.finished(task(0), T0 + 45_000);
		for (let n = 1; n < 10; n++) schedule.stillRendering(task(n), T0 + 63_000);
		expect(seconds(schedule.firstCheckAt(task(99), T0 + 63_000))).toBe(63);
	});

	test('a slow provider (most tasks still rendering at twice the typical time) moves later checks out', () => {
		const schedule = automatic();
		for (let n = 0; n < 10; n++) schedule.stillRendering(task(n), T0 + 180_000);
		const next = task(99, { submittedAt: new Date(T0 + 180_000).toISOString() });
		expect(seconds(schedule.firstCheckAt(next, T0 + 181_000))).toBeCloseTo(180 + 126);
	});
});

test('fixed: the first check at once, then every interval', () => {
	const schedule = new CheckSchedule({ mode: 'fixed', intervalMs: 10_000 });
	expect(seconds(schedule.firstCheckAt(task(1), T0))).toBe(0);
	expect(seconds(schedule.stillRendering(task(1), T0 + 10_000))).toBe(20);
	expect(seconds(schedule.retryAt(task(1), T0 + 12_000))).toBe(22);
});
