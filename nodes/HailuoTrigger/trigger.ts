/**
 * Hailuo Trigger: a provider's callback starts the workflow when a video is ready. A callback is a
 * hint, never the truth: it must carry a reference signed with this credential (Hailuo Generate adds
 * it), pass the provider's own signature check where it signs, name the task Generate registered for
 * that reference (see callbackReference.ts), and the task's end is confirmed with the provider's API
 * before anything is emitted.
 */
import type { IDataObject, INodeExecutionData, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { REFERENCE_PARAMETER, readReference, referenceKey, registrationIn, registrationIsSigned } from '../shared/callbackReference';
import type { CallbackReference, Registration } from '../shared/callbackReference';
import { estimateCost } from '../shared/catalog';
import { downloadVideo } from '../shared/download';
import { providerById } from '../shared/providers';
import type { ProviderId, RegisteredProvider, TaskHandle } from '../shared/providers';
import type { IncomingCallback, TaskUrls } from '../shared/providers/provider';
import { ProviderConnection, failureKindOf } from '../shared/transport';
import type { TaskSnapshot } from '../shared/types';
import { failedItemJson } from '../shared/itemErrors';
import { endedWithoutVideo, successJson } from '../shared/taskOutcome';

/** References older than this are refused as stale: a task ends within hours, and its video URL expires. */
const REFERENCE_MAX_AGE_MS = 2 * 24 * 3_600_000;
/** How many emitted task ids, and how many registrations (nonce → task), are remembered. */
const REMEMBERED = 1000;
/**
 * What each Trigger node (by workflow and node id) stored in this n8n process. n8n loads a webhook's
 * static data when a call starts and saves it when it ends, so calls arriving together overwrite each
 * other's saves; merging this into every save makes the stored lists converge, and within one process
 * each registration is kept and each task starts one run.
 */
const storedInThisProcess = new Map<string, Remembered>();

/** The node's static data: task ids emitted, and [nonce, task id, the task's URLs where given] of the registrations. */
interface Remembered {
	emittedTaskIds: string[];
	registrations: Array<[string, string, TaskUrls?]>;
}

export async function receiveCallback(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const provider = providerById(this.getNodeParameter('provider') as ProviderId);
	const callback = incomingCallback(this);
	const registration = registrationIn(callback.body as IDataObject);
	if (registration) return await receiveRegistration(this, provider, registration);
	const notice = provider.readCallback?.(callback);
	if (!notice) return refuse(this, 400, `Not a ${provider.displayName} callback`);
	// MiniMax's handshake must be answered within 3 s; it starts nothing.
	if ('challenge' in notice) return { webhookResponse: { challenge: notice.challenge } };
	const { taskId } = notice;

	const checked = await checkedReference(this, provider);
	if ('refusal' in checked) return checked.refusal;
	const { reference } = checked;
	const remembered = rememberedBy(this);
	const connection = await ProviderConnection.open(this, provider);
	const signatureProblem = await provider.verifyCallback?.(connection, callback, Date.now());
	if (signatureProblem) return refuse(this, 401, `${provider.displayName} signature refused: ${signatureProblem}`);
	// Intermediate statuses are acknowledged and ignored.
	if (!notice.ended) return { webhookResponse: { received: true } };

	// A callback names its task in the body, which the URL's signature does not cover: it counts only at its own task's URL.
	const boundTask = remembered.taskOf(reference.nonce);
	// Generate registers right after the create; the provider sends the callback again.
	if (boundTask === undefined) return refuse(this, 503, `Task ${taskId} is not registered with this Trigger yet`);
	if (boundTask !== taskId) return refuse(this, 403, `This callback URL belongs to another task than ${taskId}`);

	// Providers retry callbacks, and anyone holding a delivered callback could replay it: a task already emitted starts nothing.
	const replay = () => refuse(this, 409, `Task ${taskId} was already delivered`);
	if (remembered.emitted(taskId)) return replay();

	const handle = handleOf(provider, taskId, reference, remembered.taskUrlsOf(reference.nonce));
	let snapshot: TaskSnapshot;
	try {
		snapshot = await connection.getTask(handle);
	} catch (error) {
		const kind = failureKindOf(error);
		if (kind === 'notFound') return refuse(this, 404, `${provider.displayName} does not know task ${taskId}`);
		if (kind === 'auth') return refuse(this, 401, `${provider.displayName} refused this credential`);
		// The provider sends the callback again; a later attempt confirms the task.
		return refuse(this, 503, `Could not confirm task ${taskId} now: ${(error as Error).message}`);
	}
	if (snapshot.state === 'queued' || snapshot.state === 'running') return { webhookResponse: { received: true, ended: false } };

	// Read again: a copy of this callback may have been confirmed while this one waited for the API.
	if (remembered.emitted(taskId)) return replay();
	remembered.markEmitted(taskId);
	const fields = { ...reference.fields, hasSound: reference.hasSound === true };
	return { workflowData: [[await itemOf(this, handle, fields, snapshot, connection)]] };
}

/** Generate's registration: binds the URL's reference (its nonce) to the task it created; starts nothing. */
async function receiveRegistration(ctx: IWebhookFunctions, provider: RegisteredProvider, registration: Registration): Promise<IWebhookResponseData> {
	const checked = await checkedReference(ctx, provider);
	if ('refusal' in checked) return checked.refusal;
	const { nonce } = checked.reference;
	if (!registrationIsSigned(registration, nonce, checked.key)) return refuse(ctx, 401, 'Registration not signed with this credential');
	const remembered = rememberedBy(ctx);
	const bound = remembered.taskOf(nonce);
	if (bound !== undefined && bound !== registration.taskId) return refuse(ctx, 409, 'This reference is registered with another task');
	if (bound === undefined) remembered.register(nonce, registration.taskId, registration.taskUrls);
	// Answered after n8n saves the static data: once Generate has this answer, the registration is stored.
	return { webhookResponse: { registered: true } };
}

/** The URL's reference, signed with this credential's key, fresh and with a nonce; or the refusal to answer. */
async function checkedReference(
	ctx: IWebhookFunctions,
	provider: RegisteredProvider,
): Promise<{ reference: CallbackReference & { nonce: string }; key: Buffer } | { refusal: IWebhookResponseData }> {
	const credentials = await ctx.getCredentials(provider.credentialType);
	const key = referenceKey(String(credentials.apiKey ?? ''));
	const reference = readReference(String((ctx.getQueryData() as IDataObject)[REFERENCE_PARAMETER] ?? ''), key);
	if (!reference || reference.provider !== provider.id) {
		return { refusal: refuse(ctx, 401, 'The callback URL carries no reference signed with this credential (set Send Results To in Hailuo Generate)') };
	}
	if (!(Date.now() - Date.parse(reference.submittedAt) < REFERENCE_MAX_AGE_MS)) {
		return { refusal: refuse(ctx, 401, `Stale reference: the task was submitted at ${reference.submittedAt}`) };
	}
	const { nonce } = reference;
	if (!nonce) {
		return { refusal: refuse(ctx, 401, 'The reference was made by an earlier version of Hailuo Generate and names no task: collect this task with Hailuo Wait for Result') };
	}
	return { reference: { ...reference, nonce }, key };
}

function incomingCallback(ctx: IWebhookFunctions): IncomingCallback {
	const body = ctx.getBodyData();
	const raw = (ctx.getRequestObject() as { rawBody?: Buffer }).rawBody;
	return { headers: ctx.getHeaderData() as IDataObject, rawBody: raw ? raw.toString('utf8') : JSON.stringify(body), body };
}

/** What this Trigger node stored: its static data (kept across restarts) merged with this process's memory. */
function rememberedBy(ctx: IWebhookFunctions) {
	const stored = ctx.getWorkflowStaticData('node');
	const key = `${ctx.getWorkflow().id}:${ctx.getNode().id}`;
	const all = (): Remembered => {
		const memory = storedInThisProcess.get(key);
		const entries = [...((stored.registrations ?? []) as Remembered['registrations']), ...(memory?.registrations ?? [])];
		// One entry per nonce (the last one seen).
		const registrations = new Map(entries.map((entry) => [entry[0], entry]));
		return {
			emittedTaskIds: [...new Set([...((stored.emittedTaskIds ?? []) as string[]), ...(memory?.emittedTaskIds ?? [])])],
			registrations: [...registrations.values()],
		};
	};
	// Both lists are written on every change, so a save also restores what a concurrent save overwrote.
	const save = (next: Remembered) => {
		const kept = { emittedTaskIds: next.emittedTaskIds.slice(-REMEMBERED), registrations: next.registrations.slice(-REMEMBERED) };
		Object.assign(stored, kept);
		storedInThisProcess.set(key, kept);
	};
	return {
		taskOf: (nonce: string) => all().registrations.find(([registered]) => registered === nonce)?.[1],
		taskUrlsOf: (nonce: string) => all().registrations.find(([registered]) => registered === nonce)?.[2] ?? undefined,
		emitted: (taskId: string) => all().emittedTaskIds.includes(taskId),
		register(nonce: string, taskId: string, taskUrls?: TaskUrls) {
			const now = all();
			save({ ...now, registrations: [...now.registrations, taskUrls ? [nonce, taskId, taskUrls] : [nonce, taskId]] });
		},
		markEmitted(taskId: string) {
			const now = all();
			save({ ...now, emittedTaskIds: [...now.emittedTaskIds, taskId] });
		},
	};
}

function handleOf(provider: RegisteredProvider, taskId: string, reference: CallbackReference, taskUrls: TaskUrls | undefined): TaskHandle {
	const { model, mode, duration, resolution, submittedAt } = reference;
	return { provider: provider.id, model, mode, taskId, duration, resolution, submittedAt, ...(taskUrls ? { taskUrls } : {}) };
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
