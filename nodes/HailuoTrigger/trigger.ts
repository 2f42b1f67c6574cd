/**
 * Hailuo Trigger: a provider's callback starts the workflow when a video is ready. A callback is a
 * hint, never the truth: it must carry a reference signed with this credential (Hailuo Generate adds
 * it), pass the provider's own signature check where it signs, and the task's end is confirmed with
 * the provider's API before anything is emitted.
 */
import type { IDataObject, INodeExecutionData, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { REFERENCE_PARAMETER, readReference, referenceKey } from '../shared/callbackReference';
import type { CallbackReference } from '../shared/callbackReference';
import { estimateCost } from '../shared/catalog';
import { downloadVideo } from '../shared/download';
import { providerById } from '../shared/providers';
import type { ProviderId, RegisteredProvider } from '../shared/providers';
import type { IncomingCallback } from '../shared/providers/provider';
import { ProviderConnection, failureKindOf } from '../shared/transport';
import type { TaskHandle, TaskSnapshot } from '../shared/types';
import { failedItemJson } from '../shared/itemErrors';
import { endedWithoutVideo, successJson } from '../shared/taskOutcome';

/** References older than this are refused as stale: a task ends within hours, and its video URL expires. */
const REFERENCE_MAX_AGE_MS = 2 * 24 * 3_600_000;
/** How many emitted task ids are remembered to recognise a provider's retried callbacks. */
const REMEMBERED_TASKS = 1000;
/**
 * Task ids each Trigger node (by workflow and node id) emitted in this n8n process. n8n loads a webhook's
 * static data when a call starts and saves it when it ends, so callbacks arriving together overwrite each
 * other's saves; merging this into every save makes the stored memory converge, and within one process
 * each task starts one run.
 */
const emittedInThisProcess = new Map<string, string[]>();

export async function receiveCallback(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const provider = providerById(this.getNodeParameter('provider') as ProviderId);
	const callback = incomingCallback(this);
	const notice = provider.readCallback?.(callback);
	if (!notice) return refuse(this, 400, `Not a ${provider.displayName} callback`);
	// MiniMax's handshake must be answered within 3 s; it starts nothing.
	if ('challenge' in notice) return { webhookResponse: { challenge: notice.challenge } };

	const credentials = await this.getCredentials(provider.credentialType);
	const reference = readReference(String((this.getQueryData() as IDataObject)[REFERENCE_PARAMETER] ?? ''), referenceKey(String(credentials.apiKey ?? '')));
	if (!reference || reference.provider !== provider.id) {
		return refuse(this, 401, 'The callback URL carries no reference signed with this credential (set Send Results To in Hailuo Generate)');
	}
	if (!(Date.now() - Date.parse(reference.submittedAt) < REFERENCE_MAX_AGE_MS)) {
		return refuse(this, 401, `Stale reference: the task was submitted at ${reference.submittedAt}`);
	}
	const connection = await ProviderConnection.open(this, provider);
	const signatureProblem = await provider.verifyCallback?.(connection, callback, Date.now());
	if (signatureProblem) return refuse(this, 401, `${provider.displayName} signature refused: ${signatureProblem}`);
	// Intermediate statuses are acknowledged and ignored.
	if (!notice.ended) return { webhookResponse: { received: true } };

	// Providers retry callbacks, and anyone holding a delivered callback could replay it: a task already emitted starts nothing.
	const emitted = emittedTasks(this);
	const replay = () => refuse(this, 409, `Task ${notice.taskId} was already delivered`);
	if (emitted.includes(notice.taskId)) return replay();

	const handle = handleOf(provider, notice.taskId, reference);
	let snapshot: TaskSnapshot;
	try {
		snapshot = await connection.getTask(handle);
	} catch (error) {
		const kind = failureKindOf(error);
		if (kind === 'notFound') return refuse(this, 404, `${provider.displayName} does not know task ${notice.taskId}`);
		if (kind === 'auth') return refuse(this, 401, `${provider.displayName} refused this credential`);
		// The provider sends the callback again; a later attempt confirms the task.
		return refuse(this, 503, `Could not confirm task ${notice.taskId} now: ${(error as Error).message}`);
	}
	if (snapshot.state === 'queued' || snapshot.state === 'running') return { webhookResponse: { received: true, ended: false } };

	// Read again: a copy of this callback may have been confirmed while this one waited for the API.
	if (emitted.includes(notice.taskId)) return replay();
	emitted.add(notice.taskId);
	return { workflowData: [[await itemOf(this, handle, reference.fields, snapshot, connection)]] };
}

function incomingCallback(ctx: IWebhookFunctions): IncomingCallback {
	const body = ctx.getBodyData();
	const raw = (ctx.getRequestObject() as { rawBody?: Buffer }).rawBody;
	return { headers: ctx.getHeaderData() as IDataObject, rawBody: raw ? raw.toString('utf8') : JSON.stringify(body), body };
}

/** The tasks this Trigger node emitted: its static data (kept across restarts) merged with this process's memory. */
function emittedTasks(ctx: IWebhookFunctions) {
	const stored = ctx.getWorkflowStaticData('node');
	const key = `${ctx.getWorkflow().id}:${ctx.getNode().id}`;
	const all = () => [...new Set([...((stored.emittedTaskIds ?? []) as string[]), ...(emittedInThisProcess.get(key) ?? [])])];
	return {
		includes: (taskId: string) => all().includes(taskId),
		add(taskId: string) {
			const remembered = [...all(), taskId].slice(-REMEMBERED_TASKS);
			stored.emittedTaskIds = remembered;
			emittedInThisProcess.set(key, remembered);
		},
	};
}

function handleOf(provider: RegisteredProvider, taskId: string, reference: CallbackReference): TaskHandle {
	const { model, mode, duration, resolution, submittedAt } = reference;
	return { provider: provider.id, model, mode, taskId, duration, resolution, submittedAt };
}

/** The item Wait for Result would output for the task, with the carried fields. */
async function itemOf(
	ctx: IWebhookFunctions,
	handle: TaskHandle,
	fields: IDataObject,
	snapshot: TaskSnapshot,
	connection: ProviderConnection,
): Promise<INodeExecutionData> {
	// The estimate Generate gave this task, from the same price table.
	const estimatedCost = estimateCost(handle.provider, handle.model, handle.duration, handle.resolution) as unknown as IDataObject;
	if (snapshot.state !== 'succeeded') {
		const task = { ...handle, status: snapshot.state, providerStatus: snapshot.providerStatus, errorCode: snapshot.failure?.code ?? null, estimatedCost };
		return { json: failedItemJson(endedWithoutVideo(connection, handle, snapshot), fields, task) };
	}
	const item: INodeExecutionData = { json: { ...fields, ...successJson(handle, snapshot, new Date().toISOString()), estimatedCost } };
	if (ctx.getNodeParameter('downloadVideo', false) && snapshot.videoUrl) {
		const property = String(ctx.getNodeParameter('binaryPropertyName', 'data')).trim() || 'data';
		const fresh = async () => (await connection.getTask(handle)).videoUrl;
		item.binary = { [property]: await downloadVideo(ctx, snapshot.videoUrl, `hailuo-${handle.taskId}.mp4`, fresh) };
	}
	return item;
}

/** Answers with a 4xx/5xx and starts nothing. */
function refuse(ctx: IWebhookFunctions, status: number, message: string): IWebhookResponseData {
	ctx.logger.debug(`Hailuo Trigger: refused a callback (${status}): ${message}`);
	ctx.getResponseObject().status(status).json({ error: message });
	return { noWebhookResponse: true };
}
