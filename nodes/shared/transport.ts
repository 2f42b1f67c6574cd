/**
 * Shared transport: authenticated calls through the node's credential, retries that never pay
 * twice, and one way of reporting provider errors. Provider modules see it as `ProviderApi`.
 */
import { NodeApiError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, IHttpRequestOptions, JsonObject } from 'n8n-workflow';
import type { ZodType, ZodTypeDef } from 'zod';

import { throwIfCancelled, retryAfterMs, withRetries } from './retry';
import type { Attempt } from './retry';
import type {
	ApiRequest,
	ApiResponse,
	HailuoProvider,
	ProviderApi,
	ProviderFailure,
} from './providers/provider';

/** A create call should answer quickly; status checks too. Generous for slow gateways. */
const REQUEST_TIMEOUT_MS = 60_000;

/** Network errors that prove the request never left this machine, so even a create may be sent again. */
const NOT_SENT_ERRORS = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);

export class ProviderClient implements ProviderApi {
	private constructor(
		private readonly ctx: IExecuteFunctions,
		readonly provider: HailuoProvider,
		private readonly baseUrl: string,
	) {}

	static async connect(ctx: IExecuteFunctions, provider: HailuoProvider): Promise<ProviderClient> {
		const credentials = await ctx.getCredentials(provider.credentialType);
		return new ProviderClient(ctx, provider, provider.baseUrl(credentials).replace(/\/+$/, ''));
	}

	async call(request: ApiRequest, kind: 'create' | 'read'): Promise<ApiResponse> {
		return await withRetries(this.ctx, async () => await this.attempt(request, kind));
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
			},
			response,
			`${issue.path.join('.') || 'body'}: ${issue.message}. Response: ${response.text.slice(0, 300)}`,
		);
	}

	private async attempt(request: ApiRequest, kind: 'create' | 'read'): Promise<Attempt<ApiResponse>> {
		let response: ApiResponse;
		try {
			response = await this.send(request);
		} catch (error) {
			throwIfCancelled(this.ctx);
			const code = networkErrorCode(error);
			const failure = (): Error => this.networkError(code, kind);
			if (kind === 'read' || NOT_SENT_ERRORS.has(code)) {
				return { retry: `${this.provider.displayName} network error ${code}`, lastError: failure };
			}
			throw failure();
		}

		const failure: ProviderFailure | undefined =
			response.statusCode === 429
				? { message: 'Rate limit reached', ...this.provider.failureOf(response), rateLimited: true }
				: this.provider.failureOf(response);
		if (failure?.rateLimited) {
			return {
				retry: `${this.provider.displayName} rate limit`,
				delayMs: retryAfterMs(response.headers),
				lastError: () => this.error(failure, response, 'Still rate limited after several retries; lower the number of items per run or add a Wait node between batches.'),
			};
		}

		const unreadable = response.body === undefined && response.text.trim() !== '';
		if (response.statusCode >= 500 || (unreadable && response.statusCode < 300)) {
			const transient = failure ?? {
				message: `Unreadable response (HTTP ${response.statusCode})`,
				code: 'MALFORMED_RESPONSE',
			};
			if (kind === 'read') {
				return {
					retry: `${this.provider.displayName} HTTP ${response.statusCode}`,
					delayMs: retryAfterMs(response.headers),
					lastError: () => this.error(transient, response),
				};
			}
			throw this.error(transient, response, CREATE_UNCERTAIN);
		}

		if (failure && !request.accept?.includes(response.statusCode)) throw this.error(failure, response);
		return { value: response };
	}

	private async send(request: ApiRequest): Promise<ApiResponse> {
		const isForm = request.body instanceof FormData;
		const options: IHttpRequestOptions = {
			method: request.method,
			url: request.url ?? `${this.baseUrl}${request.path ?? ''}`,
			qs: request.qs,
			// JSON bodies are serialised here and responses parsed here, so an unreadable
			// answer is seen as such instead of failing inside the HTTP client.
			body: isForm || request.body === undefined ? request.body : JSON.stringify(request.body),
			headers: isForm || request.body === undefined ? {} : { 'Content-Type': 'application/json' },
			encoding: 'text',
			json: false,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			timeout: REQUEST_TIMEOUT_MS,
		};
		const raw = (await this.ctx.helpers.httpRequestWithAuthentication.call(
			this.ctx,
			this.provider.credentialType,
			options,
		)) as { statusCode: number; headers: IDataObject; body: unknown };
		const text = typeof raw.body === 'string' ? raw.body : raw.body == null ? '' : JSON.stringify(raw.body);
		return { statusCode: raw.statusCode, headers: raw.headers ?? {}, body: parseJson(text), text };
	}

	private networkError(code: string, kind: 'create' | 'read'): NodeApiError {
		const sent = !NOT_SENT_ERRORS.has(code);
		// The code stays out of the message: n8n would replace a message naming it with a generic one.
		return this.error(
			{ message: `Could not reach the provider (${NETWORK_ERRORS[code] ?? 'network error'})` },
			undefined,
			`Network error ${code}. ` +
				(kind === 'create' && sent
					? CREATE_UNCERTAIN
					: 'Check the Base URL in the credential and the network of the n8n host.'),
		);
	}

	/** Every provider error goes out through here: it names the provider and never carries request headers. */
	error(failure: ProviderFailure, response?: ApiResponse, description?: string): NodeApiError {
		const name = this.provider.displayName;
		const code = failure.code ? ` [${failure.code}]` : '';
		const details: JsonObject = {
			provider: this.provider.id,
			providerCode: failure.code ?? null,
			httpStatus: response?.statusCode ?? null,
			message: failure.message,
		};
		return new NodeApiError(this.ctx.getNode(), details, {
			message: `${name}: ${failure.message}${code}`,
			description,
			httpCode: response ? String(response.statusCode) : undefined,
		});
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

function parseJson(text: string): unknown {
	if (!text.trim()) return undefined;
	try {
		return JSON.parse(text);
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
