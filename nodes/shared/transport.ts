/**
 * Shared transport: authenticated calls through the node's credential, retries that never pay
 * twice, and one way of reporting provider errors, each with what to do about it. A node opens a
 * `ProviderConnection` and asks it for tasks; provider modules see it as `ProviderHttp`.
 */
import { NodeApiError } from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IHttpRequestOptions,
	JsonObject,
} from 'n8n-workflow';
import type { ZodType, ZodTypeDef } from 'zod';

import { referenceKey } from './callbackReference';
import { RequestPacer } from './pacing';
import { throwIfCancelled, retryAfterMs, withRetries } from './retry';
import type { Attempt, CallContext } from './retry';
import type {
	ApiRequest,
	ApiResponse,
	CreatedTask,
	FailureKind,
	ModelLimits,
	Provider,
	ProviderFailure,
	ProviderHttp,
	TaskRef,
} from './providers/provider';
import type { RegisteredProvider } from './providers';
import type { GenerationRequest, MediaFile, TaskSnapshot } from './types';

/** A create call should answer quickly; status checks too. Generous for slow gateways. */
const REQUEST_TIMEOUT_MS = 60_000;

/**
 * Quick retries of a failed status check or lookup: the waiting loop checks the task again in its
 * next round anyway, until the timeout, so a read need not hold the others up for long.
 */
const READ_RETRIES = 2;

/** Network errors that prove the request never left this machine, so even a create may be sent again. */
const NOT_SENT_ERRORS = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);

/** The host to call: the credential's Base URL, else the host of its region, else the provider's. */
export function baseUrlOf(provider: Provider, credentials: ICredentialDataDecryptedObject): string {
	const override = String(credentials.baseUrl ?? '').trim();
	const regional = provider.regionBaseUrls?.[String(credentials.region ?? '')];
	return (override || regional || provider.baseUrl).replace(/\/+$/, '');
}

/** The provider's other hosts: their real URLs, or `<Base URL override>/<name>`. */
function otherHostsOf(provider: Provider, credentials: ICredentialDataDecryptedObject): Record<string, string> {
	const override = String(credentials.baseUrl ?? '').trim().replace(/\/+$/, '');
	return Object.fromEntries(Object.entries(provider.hosts ?? {}).map(([name, url]) => [name, override ? `${override}/${name}` : url]));
}

/** A provider error, with what it means (the waiting loop keeps a task waiting through transient ones). */
export class ProviderApiError extends NodeApiError {
	kind: FailureKind = 'unknown';
}

/** What a failure means, for any error a connection threw; undefined for errors of other origins. */
export function failureKindOf(error: unknown): FailureKind | undefined {
	return error instanceof ProviderApiError ? error.kind : undefined;
}

export class ProviderConnection implements ProviderHttp {
	/** Calls give up waiting for a rate-limit slot at this time (the node's timeout). */
	deadline = Infinity;
	private readonly createPacer: RequestPacer;
	private readonly readPacer = new RequestPacer();
	/** The create pacers of models with their own limits (ModelSpec.limits), by limits group. */
	private readonly groupPacers = new Map<string, RequestPacer>();

	private constructor(
		private readonly ctx: CallContext,
		readonly provider: RegisteredProvider,
		private readonly baseUrl: string,
		private readonly otherHosts: Record<string, string>,
		createsPerMinute: number | undefined,
		/** Signs the references a Hailuo Trigger checks (derived from the API key, not the key). */
		readonly referenceKey: Buffer,
		/** The credential's other fields (never the key). */
		private readonly otherFields: Record<string, string>,
		/** Tells a key's kind by its prefix; the key itself stays in this closure. */
		private readonly keyStartsWith: (prefix: string) => boolean,
	) {
		this.createPacer = new RequestPacer(createsPerMinute);
	}

	static async open(ctx: CallContext, provider: RegisteredProvider): Promise<ProviderConnection> {
		const credentials = await ctx.getCredentials(provider.credentialType);
		const stated = Number(credentials.requestsPerMinute);
		const perMinute = credentials.requestsPerMinute !== '' && stated > 0 ? stated : undefined;
		const key = referenceKey(String(credentials.apiKey ?? ''));
		const otherFields = Object.fromEntries(
			Object.entries(credentials).filter(([name]) => name !== 'apiKey').map(([name, value]) => [name, String(value ?? '')]),
		);
		const apiKey = String(credentials.apiKey ?? '');
		return new ProviderConnection(ctx, provider, baseUrlOf(provider, credentials), otherHostsOf(provider, credentials), perMinute, key, otherFields, (prefix) =>
			apiKey.startsWith(prefix),
		);
	}

	credentialField(name: string): string {
		return this.otherFields[name] ?? '';
	}

	apiKeyStartsWith(prefix: string): boolean {
		return this.keyStartsWith(prefix);
	}

	/** A model with its own limits (e.g. MiniMax's Hailuo 3) has its creates paced apart from the provider's other models. */
	async createTask(request: GenerationRequest): Promise<CreatedTask> {
		const limits = this.provider.models.find((model) => model.value === request.model)?.limits;
		return await this.provider.createTask(limits ? this.pacedBy(this.groupPacer(limits)) : this, request);
	}

	async getTask(task: TaskRef): Promise<TaskSnapshot> {
		return await this.provider.getTask(this, task);
	}

	/** Asks the provider to stop the task; false where it cannot cancel (this model's tasks, or this task now). */
	async cancelTask(task: TaskRef): Promise<boolean> {
		if (!this.provider.cancelTask || this.provider.canCancel?.(task.model) === false) return false;
		return (await this.provider.cancelTask(this, task)) !== false;
	}

	/** The provider's URL for an uploaded file; only for providers with `uploadFile`. */
	async uploadFile(file: MediaFile): Promise<string> {
		return await this.provider.uploadFile!(this, file);
	}

	/** Creates and reads wait their turn at the account's pace; a rate refusal waits for the next slot. */
	async call(given: ApiRequest): Promise<ApiResponse> {
		// A handed-back URL is checked once, before any attempt: a refused one is not retried.
		const request = given.url ? { ...given, url: this.urlOf(given) } : given;
		const isCreate = request.purpose === 'create';
		return await withRetries(this.ctx, async () => await this.attempt(request), {
			pacer: isCreate ? this.createPacer : this.readPacer,
			deadline: this.deadline,
			maxRetries: isCreate ? undefined : READ_RETRIES,
			late: () =>
				this.error(
					{ message: 'Rate limit reached, and no free slot came before the timeout', kind: 'rateLimit' },
					undefined,
					isCreate
						? 'The task was not created (nothing billed). Raise the Timeout, send fewer items per run, or state the account\'s limit in the credential.'
						: undefined,
				),
		});
	}

	/** The pacer of a limits group, made at the group's documented pace on first use. */
	private groupPacer(limits: ModelLimits): RequestPacer {
		let pacer = this.groupPacers.get(limits.group);
		if (!pacer) this.groupPacers.set(limits.group, (pacer = new RequestPacer(limits.createsPerMinute)));
		return pacer;
	}

	/** This connection with its creates waiting at `pacer` instead of the provider's create pacer. */
	private pacedBy(pacer: RequestPacer): ProviderHttp {
		return Object.create(this, { createPacer: { value: pacer } }) as ProviderConnection;
	}

	/** Validates a response body; a shape we do not know is reported, not guessed at. */
	parse<T>(schema: ZodType<T, ZodTypeDef, unknown>, response: ApiResponse, what: string): T {
		const result = schema.safeParse(response.body);
		if (result.success) return result.data;
		const issue = result.error.issues[0];
		throw this.error(
			{
				message: `${this.provider.displayName} answered the ${what} in an unexpected format`,
				code: 'UNEXPECTED_RESPONSE',
				kind: 'unknown',
			},
			response,
			`${issue.path.join('.') || 'body'}: ${issue.message}. Response: ${response.text.slice(0, 300)}`,
		);
	}

	fail(failure: ProviderFailure, response?: ApiResponse): ProviderApiError {
		return this.error(failure, response);
	}

	private async attempt(request: ApiRequest): Promise<Attempt<ApiResponse>> {
		const isCreate = request.purpose === 'create';
		let response: ApiResponse;
		try {
			response = await this.send(request);
		} catch (error) {
			throwIfCancelled(this.ctx);
			const code = networkErrorCode(error);
			const failure = (): Error => this.networkError(code, isCreate);
			if (!isCreate || NOT_SENT_ERRORS.has(code)) {
				return { retry: `${this.provider.displayName} network error ${code}`, lastError: failure };
			}
			throw failure();
		}

		const failure: ProviderFailure | undefined =
			response.statusCode === 429
				? { message: 'Rate limit reached', ...this.provider.failureOf(response, request.purpose), kind: 'rateLimit' }
				: this.provider.failureOf(response, request.purpose);
		if (failure?.kind === 'rateLimit') {
			return {
				retry: `${this.provider.displayName} rate limit`,
				delayMs: retryAfterMs(response.headers),
				rateLimited: true,
				lastError: () => this.error(failure, response),
			};
		}

		const unreadable = response.body === undefined && response.text.trim() !== '';
		// A status the caller reads itself is its answer, unless the provider module calls it transient.
		const accepted = request.accept?.includes(response.statusCode) && failure?.kind !== 'transient';
		if (!accepted && (response.statusCode >= 500 || failure?.kind === 'transient' || (unreadable && response.statusCode < 300))) {
			const transient = failure ?? {
				message: `Unreadable response (HTTP ${response.statusCode})`,
				code: 'MALFORMED_RESPONSE',
				kind: 'transient' as const,
			};
			if (!isCreate) {
				return {
					retry: `${this.provider.displayName} HTTP ${response.statusCode}`,
					delayMs: retryAfterMs(response.headers),
					lastError: () => this.error(transient, response),
				};
			}
			throw this.error(transient, response, CREATE_UNCERTAIN);
		}

		if (failure && !request.accept?.includes(response.statusCode)) {
			// Create and upload paths always exist at the provider: not found there means a wrong host
			// (unless the provider said what else it did not find).
			const wrongHost = response.statusCode === 404 && failure.kind === 'notFound' && (isCreate || request.purpose === 'upload');
			throw this.error(failure, response, wrongHost ? this.wrongBaseUrlHint() : undefined);
		}
		return { value: response };
	}

	private urlOf(request: ApiRequest): string {
		if (request.url) return request.authenticated === false ? request.url : this.ownUrl(request.url);
		const host = request.host === undefined ? this.baseUrl : this.otherHosts[request.host];
		if (host === undefined) throw new Error(`${this.provider.displayName} has no host named ${request.host}`);
		return `${host}${request.path ?? ''}`;
	}

	/**
	 * A URL the provider handed back gets the key only on the provider's hosts: as given on a host the
	 * credential calls; moved under the Base URL override when it names the provider's real host (the
	 * override is a proxy or test server); refused on any other host.
	 */
	private ownUrl(url: string): string {
		const isOn = (host: string) => url === host || url.startsWith(`${host}/`) || url.startsWith(`${host}?`);
		if ([this.baseUrl, ...Object.values(this.otherHosts)].some(isOn)) return url;
		const realHosts: Array<[string, string]> = [
			[this.provider.baseUrl, this.baseUrl],
			...Object.entries(this.provider.hosts ?? {}).map(([name, real]): [string, string] => [real, this.otherHosts[name]]),
		];
		const moved = realHosts.find(([real]) => isOn(real));
		if (moved) return moved[1] + url.slice(moved[0].length);
		throw this.error({
			message: `${this.provider.displayName} named a URL on another host for this task; the key is not sent there`,
			code: 'FOREIGN_URL',
			kind: 'invalidRequest',
		}, undefined, `The URL: ${url.split('?')[0]}. Remove taskUrls from the item to use ${this.provider.displayName}'s own.`);
	}

	private async send(request: ApiRequest): Promise<ApiResponse> {
		const { body } = request;
		// JSON bodies are serialised here and responses parsed here, so an unreadable
		// answer is seen as such instead of failing inside the HTTP client.
		const json = body !== undefined && !(body instanceof FormData) && !Buffer.isBuffer(body);
		const contentType = json ? 'application/json' : Buffer.isBuffer(body) ? request.contentType : undefined;
		const options: IHttpRequestOptions = {
			method: request.method,
			url: this.urlOf(request),
			qs: request.qs,
			body: json ? JSON.stringify(body) : body,
			headers: contentType ? { 'Content-Type': contentType } : {},
			encoding: 'text',
			json: false,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			timeout: REQUEST_TIMEOUT_MS,
		};
		const ctx = request.purpose === 'cancel' ? outlivingCancellation(this.ctx) : this.ctx;
		const raw = (
			request.authenticated === false
				? await ctx.helpers.httpRequest(options)
				: await ctx.helpers.httpRequestWithAuthentication.call(ctx, this.provider.credentialType, options)
		) as { statusCode: number; headers: IDataObject; body: unknown };
		const text = typeof raw.body === 'string' ? raw.body : raw.body == null ? '' : JSON.stringify(raw.body);
		return { statusCode: raw.statusCode, headers: raw.headers ?? {}, body: parseJson(text), text };
	}

	private networkError(code: string, isCreate: boolean): ProviderApiError {
		const sent = !NOT_SENT_ERRORS.has(code);
		// The code stays out of the message: n8n would replace a message naming it with a generic one.
		return this.error(
			{ message: `Could not reach the provider (${NETWORK_ERRORS[code] ?? 'network error'})`, kind: 'transient' },
			undefined,
			`Network error ${code}. ` +
				(isCreate && sent ? CREATE_UNCERTAIN : 'Check the Base URL in the credential and the network of the n8n host.'),
		);
	}

	private wrongBaseUrlHint(): string {
		return (
			`${this.provider.displayName} always serves this address, so the host is probably wrong: ` +
			`check the Base URL in the credential (now ${this.baseUrl}; the provider's is ${this.provider.baseUrl}).`
		);
	}

	/**
	 * Every provider error goes out through here: it names the provider, says what to do (never
	 * repeating the message) and never carries request headers.
	 */
	error(failure: ProviderFailure, response?: ApiResponse, description?: string): ProviderApiError {
		const name = this.provider.displayName;
		const code = failure.code ? ` [${failure.code}]` : '';
		const details: JsonObject = {
			provider: this.provider.id,
			providerCode: failure.code ?? null,
			httpStatus: response?.statusCode ?? null,
			message: failure.message,
		};
		const error = new ProviderApiError(this.ctx.getNode(), details, {
			message: `${name}: ${failure.message}${code}`,
			description: description ?? this.whatToDo(failure.kind, response),
			httpCode: response ? String(response.statusCode) : undefined,
		});
		error.kind = failure.kind;
		return error;
	}

	private whatToDo(kind: FailureKind, response?: ApiResponse): string {
		const name = this.provider.displayName;
		const region = this.provider.regionBaseUrls ? ' and that its Region matches the key' : '';
		const advice: Record<FailureKind, string> = {
			auth: `Open the ${name} credential and check the API key${region}.`,
			balance: `Top up the ${name} account (or wait for the plan's quota to renew), then run the item again.`,
			rateLimit:
				'Still rate limited after several retries; lower the number of items per run or add a Wait node between batches.',
			invalidRequest: `${name} refused the parameters: check the model, duration, resolution, options and images of this item.`,
			moderation: 'Change the prompt or the image, then run the item again.',
			notFound: `${name} does not know this task: check the task ID, and that the credential belongs to the account that created it.`,
			transient: `A temporary problem at ${name}: run the item again in a few minutes.`,
			unknown: response
				? `${name} answered HTTP ${response.statusCode}: ${response.text.slice(0, 200) || '(empty body)'}`
				: `See the README's troubleshooting table for ${name}'s codes.`,
		};
		return advice[kind];
	}
}

const NETWORK_ERRORS: Record<string, string> = {
	ECONNREFUSED: 'connection refused',
	ECONNRESET: 'connection closed before an answer',
	ETIMEDOUT: 'timed out',
	ENOTFOUND: 'host not found',
	EAI_AGAIN: 'host not found',
};

const CREATE_UNCERTAIN =
	'The create request may have reached the provider, so it was not sent again (each task is billed). ' +
	'Check the provider dashboard for a new task before running this item again.';

/**
 * The node's context without its execution's cancel signal, which n8n attaches to every request and
 * which is already aborted when a cancelled run asks the provider to stop its tasks (the point of
 * cancelling: stop the billing). Used for those cancel requests only.
 */
function outlivingCancellation(ctx: CallContext): CallContext {
	return new Proxy(ctx, { has: (target, key) => key !== 'getExecutionCancelSignal' && key in target });
}

/** A JSON string, or an integer of 16 digits or more outside strings (past 2^53 a JS number rounds it). */
const STRING_OR_LONG_INTEGER = /"(?:[^"\\]|\\.)*"|(?<![\d.eE+-])-?\d{16,}(?![.eE\d])/g;

/** Parses a body; long integers (ids sent as numbers) are kept as their digits, in strings. */
function parseJson(text: string): unknown {
	if (!text.trim()) return undefined;
	try {
		return JSON.parse(text.replace(STRING_OR_LONG_INTEGER, (token) => (token.startsWith('"') ? token : `"${token}"`)));
	} catch {
		return undefined;
	}
}

function networkErrorCode(error: unknown): string {
	const candidates = [error, (error as { cause?: unknown })?.cause];
	for (const candidate of candidates) {
		const code = (candidate as { code?: unknown })?.code;
		if (typeof code === 'string' && /^E[A-Z_]+$/.test(code)) return code;
	}
	const message = String((error as Error)?.message ?? '');
	if (/timeout/i.test(message)) return 'ETIMEDOUT';
	if (/socket hang up/i.test(message)) return 'ECONNRESET';
	return 'ENETWORK';
}
