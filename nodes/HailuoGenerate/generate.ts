/**
 * Hailuo Generate: validate every item, then submit each as a paid task, then (optionally) wait.
 * Validation runs for all items first so that one bad item cannot stop a batch half-submitted.
 * The node's own parameters are described here, beside the code that reads them.
 */
import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { registerWithTrigger } from '../shared/callbackReference';
import { estimateCost, providerRanges } from '../shared/catalog';
import type { CostEstimate } from '../shared/catalog';
import { forEachConcurrently } from '../shared/concurrency';
import { frameUrl } from '../shared/imageInput';
import { failedItemOutput, nodeErrorFor, withTaskList } from '../shared/itemErrors';
import { readTimeoutMs, readWaitSettings } from '../shared/parameterValues';
import { referenceUrls } from '../shared/referenceInput';
import { PROVIDER_IDS, providerById } from '../shared/providers';
import type { ProviderId, TaskHandle } from '../shared/providers';
import { isCancelled, throwIfCancelled } from '../shared/retry';
import { asTool, outsideAgent, toolDescriptionProperties } from '../shared/toolMode';
import { ProviderConnection } from '../shared/transport';
import { planGeneration } from '../shared/validation';
import type { PlannedGeneration } from '../shared/validation';
import { waitIntoItems } from '../shared/waitOutputs';
import { TaskWatcher, stopCancelledRun } from '../shared/waiting';

/** Create calls in flight at once: faster batches, while rate-limit refusals are retried safely. */
const CREATE_CONCURRENCY = 4;

/** Wait for Completion, read by generate below: wait here for the videos, or output the tasks at once. */
const waitForCompletionProperty: INodeProperties = {
	displayName: 'Wait for Completion',
	name: 'waitForCompletion',
	type: 'boolean',
	default: false,
	description: 'Whether to wait here until the videos are ready. Off: output the task at once and use Hailuo Wait for Result.',
};

/** As a tool Generate waits by default: the LLM gets the video's URL in one call. */
export const waitForCompletionProperties = [outsideAgent(waitForCompletionProperty), asTool(waitForCompletionProperty, { default: true })];

/** What the LLM is told Hailuo Generate does, what it returns, how long it takes and what it costs. */
export const generateToolDescriptions = toolDescriptionProperties(PROVIDER_IDS, (id) => {
	const provider = providerById(id as ProviderId);
	const { cost, renderMinutes } = providerRanges(provider.id);
	return (
		`Makes one short video with MiniMax Hailuo on ${provider.displayName} from a prompt (and image URLs, as the parameters ask) and waits for it: ` +
		`returns the task with videoUrl when it is ready (typically ${renderMinutes} min). ` +
		`Each call creates a new video and is billed${cost ? ` (${cost} a video)` : ''}: call it once per video. ` +
		'If the video is not ready in time, the answer names its taskId: it keeps rendering and is billed, so do not call this tool again for it; pass the taskId and model to Hailuo Wait for Result instead.'
	);
});

export async function generate(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const provider = providerById(this.getNodeParameter('provider', 0) as ProviderId);
	const continueOnFail = this.continueOnFail();
	const output: INodeExecutionData[] = new Array(items.length);
	const waits = this.getNodeParameter('waitForCompletion', 0, false) as boolean;
	// Settings first: a bad Timeout or Check Every is refused before anything is paid for.
	const timeoutMs = readTimeoutMs(this);
	const waitSettings = waits ? readWaitSettings(this) : undefined;
	const startedAt = Date.now();
	// Reads the credential only: the first network call comes after every item is planned.
	const connection = await ProviderConnection.open(this, provider);

	const plans: Array<PlannedGeneration | undefined> = [];
	for (let i = 0; i < items.length; i++) {
		try {
			plans[i] = await planGeneration(this, provider, i, connection.referenceKey);
		} catch (error) {
			if (!continueOnFail) throw nodeErrorFor(this, error, i);
			output[i] = failedItemOutput(this, error, i, items[i].json, { provider: provider.id });
		}
	}

	const estimates = plans.map(
		(plan) => plan && estimateCost(provider.id, plan.request.model, plan.request.duration, plan.request.resolution, plan.pricedInputs),
	);
	// What Generate adds to each task's item besides its handle.
	const extras = plans.map((plan, index): IDataObject => ({
		estimatedCost: estimates[index] as unknown as IDataObject,
		...(plan?.request.aspectRatio ? { aspectRatio: plan.request.aspectRatio } : {}),
		...(plan ? { hasSound: plan.hasSound } : {}),
		...(plan?.notice ? { notice: plan.notice } : {}),
	}));
	refuseOverBudget(this, estimates);

	// Creates refused for rate wait for the account's next free slot, up to the node's timeout.
	const deadline = startedAt + timeoutMs;
	connection.deadline = deadline;
	// Each task is watched from its create on, while the paced creates of the others go on.
	const watcher = waitSettings && new TaskWatcher(this, connection, waitSettings, deadline);
	const handles: Array<TaskHandle | undefined> = [];
	const failures: Array<{ index: number; error: unknown }> = [];
	const toSubmit = plans.flatMap((plan, index) => (plan ? [{ plan, index }] : []));
	const itemFailed = (index: number, error: unknown) => {
		throwIfCancelled(this);
		if (!continueOnFail) {
			failures.push({ index, error });
			return;
		}
		// A task created but not registered ends as this failed item, which names it.
		const created = handles[index];
		handles[index] = undefined;
		output[index] = failedItemOutput(this, error, index, items[index].json, { provider: provider.id, ...created });
	};
	// The Trigger emits a callback only for the task its URL's reference was registered with. Until one
	// registration went through, each is awaited in its create slot (a Trigger that refuses them stops the
	// batch before more is paid for); after that they run beside the creates, which keep their pace.
	let triggerAnswers = false;
	const registrations: Array<Promise<void>> = [];
	const registerThenWatch = async (plan: PlannedGeneration, handle: TaskHandle, index: number) => {
		try {
			if (plan.callbackNonce) await registerWithTrigger(this, plan.request.callbackUrl!, plan.callbackNonce, handle, connection.referenceKey);
			triggerAnswers = true;
			watcher?.watch(handle, index);
		} catch (error) {
			itemFailed(index, error);
		}
	};
	try {
		await forEachConcurrently(toSubmit, CREATE_CONCURRENCY, async ({ plan, index }) => {
			// Without "continue on fail" the run ends at the first failure: send no more paid requests.
			if (failures.length > 0 && !continueOnFail) return;
			let handle: TaskHandle;
			try {
				handle = await submit(connection, plan);
			} catch (error) {
				itemFailed(index, error);
				return;
			}
			handles[index] = handle;
			// In n8n's log at once: if the process dies before the run ends (a queue-mode worker killed),
			// n8n keeps only an error for the execution, and this line is where each paid task is named.
			this.logger.info(`Hailuo Generate: created ${provider.displayName} task ${handle.taskId} for item ${index} (execution ${this.getExecutionId()})`);
			const registered = registerThenWatch(plan, handle, index);
			if (!triggerAnswers) return await registered;
			// Only a cancelled run rejects: that is read below, where all are awaited.
			registered.catch(() => undefined);
			registrations.push(registered);
		});
		await Promise.all(registrations);
	} catch (error) {
		const unfinished = watcher ? watcher.abandon() : handles.filter((h): h is TaskHandle => h !== undefined);
		if (isCancelled(this)) return await stopCancelledRun(this, connection, error, handles, unfinished);
		throw withTaskList(nodeErrorFor(this, error, 0), handles);
	}
	if (failures.length > 0) {
		watcher?.abandon();
		failures.sort((a, b) => a.index - b.index);
		const [first, ...others] = failures.map(({ index, error }) => nodeErrorFor(this, error, index));
		const otherFailures = others.map((e) => `item ${e.context.itemIndex}: ${e.message}${e.description ? ` (${e.description})` : ''}`);
		throw withTaskList(first, handles, otherFailures);
	}

	const submitted = handles.flatMap((handle, index) =>
		handle ? [{ handle, index, json: { ...items[index].json, ...extras[index] } }] : [],
	);
	if (!watcher) {
		for (const { handle, index, json } of submitted) {
			output[index] = { json: { ...json, ...handle, ...extras[index] }, pairedItem: { item: index } };
		}
		hintIfNothingWaits(this);
		return [output];
	}

	await waitIntoItems(this, connection, watcher, submitted, waitSettings!, output);
	return [output];
}

async function submit(connection: ProviderConnection, plan: PlannedGeneration): Promise<TaskHandle> {
	const { request } = plan;
	const { taskId, taskUrls } = await connection.createTask({
		...request,
		firstFrameImage: await frameUrl(connection, plan.firstFrame),
		lastFrameImage: await frameUrl(connection, plan.lastFrame),
		subjectImage: await frameUrl(connection, plan.subject),
		references: await referenceUrls(connection, plan.references),
	});
	return {
		provider: connection.provider.id,
		model: request.model,
		mode: request.mode,
		taskId,
		duration: request.duration,
		resolution: request.resolution,
		submittedAt: new Date().toISOString(),
		...(taskUrls ? { taskUrls } : {}),
	};
}

/** How many of the most expensive items a refusal names. */
const NAMED_ITEMS = 3;

/** Max Cost per Run, read by refuseOverBudget below. */
export const maxCostPerRunProperty: INodeProperties = {
	displayName: 'Max Cost per Run (USD)',
	name: 'maxCostPerRun',
	type: 'number',
	typeOptions: { minValue: 0, numberPrecision: 2 },
	default: 0,
	description:
		'Refuse the whole batch, before anything is paid for, when the estimated cost of its tasks (from the providers\' published prices; see estimatedCost in the output) is above this. Tasks without a known price count as unknown, and a batch with any is refused too. 0: no limit.',
};

/** Max Cost per Run: the batch is refused before any create when its estimate is above the limit, or unknown. */
function refuseOverBudget(ctx: IExecuteFunctions, estimates: Array<CostEstimate | undefined>): void {
	const limit = Number(ctx.getNodeParameter('maxCostPerRun', 0, 0));
	if (!(limit > 0)) return;
	const planned = estimates.flatMap((estimate, index) => (estimate ? [{ estimate, index }] : []));
	const unknown = planned.filter(({ estimate }) => estimate.amount === null);
	const total = planned.reduce((sum, { estimate }) => sum + (estimate.amount ?? 0), 0);
	if (total <= limit && unknown.length === 0) return;
	const dollars = (amount: number) => `$${amount.toFixed(2)}`;
	const priciest = planned
		.filter(({ estimate }) => estimate.amount !== null)
		.sort((a, b) => b.estimate.amount! - a.estimate.amount!)
		.slice(0, NAMED_ITEMS)
		.map(({ estimate, index }) => `item ${index}: ${dollars(estimate.amount!)} (${estimate.basis})`);
	const unknownText = unknown.length ? `${unknown.length} item(s) without a known price (${unknown.map(({ index }) => `item ${index}`).join(', ')}: ${unknown[0].estimate.basis})` : '';
	const message =
		total > limit
			? `The batch would cost about ${dollars(total)}, above Max Cost per Run (${dollars(limit)}): nothing was sent`
			: `The cost of the batch cannot be checked against Max Cost per Run (${dollars(limit)}): nothing was sent`;
	throw new NodeOperationError(ctx.getNode(), message, {
		description: [priciest.length ? `Most expensive: ${priciest.join('; ')}.` : '', unknownText, 'Raise the limit, send fewer items, or set it to 0 for no limit.'].filter(Boolean).join(' '),
	});
}

/** Without a Wait for Result after it, the output holds task IDs only: say how to get the videos. */
function hintIfNothingWaits(ctx: IExecuteFunctions): void {
	const children = ctx.getChildNodes(ctx.getNode().name);
	if (children.some((child) => child.type.endsWith('.hailuoWaitForResult'))) return;
	ctx.addExecutionHints({
		message:
			'The videos are still rendering: connect Hailuo Wait for Result after this node, or turn on "Wait for Completion", to get them.',
		location: 'outputPane',
	});
}
