// Wait for Result's Check Once mode: one check per task, routed to Ready, Still Rendering or Failed,
// and the durable loop through n8n's Wait node that needs no execution held while videos render.
'use strict';

const { useEmulator, run, wait, imageToVideo } = require('../helpers');
const { runWorkflow, emulatorCredentials } = require('../harness');
const { linked, node, startWith } = require('../harness/workflows');

const ref = useEmulator();
const i2v = imageToVideo(ref);
const checkOnce = (parameters = {}) => wait({ provider: 'minimax', waitMode: 'checkOnce', ...parameters });
const statusChecks = () => ref.emulator.providerRequests('minimax').filter((r) => r.route === '/v1/query/video_generation');

test('each task goes to Ready, Still Rendering or Failed after one check', async () => {
	const items = [{ json: { caption: 'done', prompt: 'a @duration:0' } }, { json: { caption: 'slow', prompt: 'b @never' } }, { json: { caption: 'bad', prompt: 'c @fail:1026' } }];
	const result = await run(ref.emulator, [i2v('minimax', '={{ $json.prompt }}'), checkOnce()], { items });
	expect(result.status).toBe('success');
	const [ready, rendering, failed] = [0, 1, 2].map((output) => result.output('Wait', output));
	expect(ready.map((item) => [item.json.caption, item.json.status, typeof item.json.videoUrl])).toEqual([['done', 'succeeded', 'string']]);
	expect(rendering).toHaveLength(1);
	expect(rendering[0].json).toMatchObject({ caption: 'slow', status: expect.stringMatching(/queued|running/), provider: 'minimax' });
	expect(Date.parse(rendering[0].json.nextCheckAt)).toBeGreaterThan(Date.now());
	// The loop comes back no sooner than 70 s (Minimum Wait), so that n8n's Wait node saves the execution.
	expect(Date.parse(rendering[0].json.resumeAt)).toBeGreaterThan(Date.now() + 65_000);
	expect(failed.map((item) => [item.json.caption, item.json.status])).toEqual([['bad', 'failed']]);
	expect(failed[0].json.error).toMatch(/\[1026\]/);
	expect(statusChecks()).toHaveLength(3);
});

test('with Minimum Wait 0, the loop comes back when the first check is due', async () => {
	const items = [{ json: { prompt: 'a @never' } }, { json: { prompt: 'b @never' } }];
	const result = await run(ref.emulator, [i2v('minimax', '={{ $json.prompt }}'), checkOnce({ minimumWait: 0 })], { items });
	const rendering = result.output('Wait', 1);
	const earliest = Math.min(...rendering.map((item) => Date.parse(item.json.nextCheckAt)));
	expect(rendering.map((item) => Date.parse(item.json.resumeAt))).toEqual([earliest, earliest]);
	expect(earliest).toBeLessThan(Date.now() + 5_000);
});

test('a negative Minimum Wait is refused before any call', async () => {
	const result = await run(ref.emulator, [checkOnce({ minimumWait: -1 })], { items: [{ json: { taskId: '1', model: 'MiniMax-Hailuo-2.3' } }] });
	expect(result.error?.message).toBe('Minimum Wait must be a number of seconds 0 or more, got -1');
	expect(statusChecks()).toHaveLength(0);
});

test('a task whose nextCheckAt has not come yet is passed on without a call', async () => {
	const later = new Date(Date.now() + 60_000).toISOString();
	const task = { provider: 'minimax', model: 'MiniMax-Hailuo-2.3', mode: 'imageToVideo', taskId: '123456789012345', duration: 6, resolution: '768P', submittedAt: new Date().toISOString() };
	const result = await run(ref.emulator, [checkOnce()], { items: [{ json: { ...task, nextCheckAt: later } }] });
	expect(result.output('Wait', 1).map((item) => item.json.nextCheckAt)).toEqual([later]);
	expect(statusChecks()).toHaveLength(0);
});

test('a task older than the Timeout goes to Failed as timed out', async () => {
	const workflow = linked(
		[
			i2v('minimax', 'x @never'),
			node('n8n-nodes-base.wait', 'Pause', { resume: 'timeInterval', amount: 2, unit: 'seconds' }, { typeVersion: 1.1, webhookId: 'pause' }),
			checkOnce({ timeout: 1 }),
		],
		[['Generate', 'Pause'], ['Pause', 'Wait']],
	);
	const result = await runWorkflow(workflow, { credentials: emulatorCredentials(ref.emulator), pinData: startWith([{ json: {} }]) });
	const [failed] = result.output('Wait', 2);
	expect(failed.json).toMatchObject({ status: 'timedOut', error: expect.stringMatching(/is still .* after 1 s/) });
});

test('the durable loop (Still Rendering → Wait node at resumeAt → Wait for Result) delivers every video', async () => {
	ref.emulator.configure({ taskDurationMs: [1500, 3500], seed: 3 });
	const workflow = linked(
		[
			i2v('minimax', '={{ "clip " + $json.n }}'),
			checkOnce({ polling: 'fixed', pollInterval: 1, minimumWait: 0 }),
			node('n8n-nodes-base.wait', 'Until Next Check', { resume: 'specificTime', dateTime: '={{ $json.resumeAt }}' }, { typeVersion: 1.1, webhookId: 'until-next-check' }),
		],
		[['Generate', 'Wait'], ['Wait', 'Until Next Check', 1], ['Until Next Check', 'Wait']],
	);
	const items = [0, 1, 2, 3].map((n) => ({ json: { n } }));
	const result = await runWorkflow(workflow, { credentials: emulatorCredentials(ref.emulator), pinData: startWith(items) });
	expect(result.status).toBe('success');
	const runs = result.run.data.resultData.runData.Wait;
	expect(runs.length).toBeGreaterThan(1);
	const ready = runs.flatMap((r) => r.data.main[0] ?? []);
	expect(ready.map((item) => item.json.n).sort()).toEqual([0, 1, 2, 3]);
	expect(ready.every((item) => item.json.status === 'succeeded')).toBe(true);
	expect(runs.flatMap((r) => r.data.main[2] ?? [])).toHaveLength(0);
});
