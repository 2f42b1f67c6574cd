/**
 * Streams a finished video into n8n's binary data. The URL is pre-signed by the provider, so this
 * module never touches credentials; it retries refused or broken downloads (they cost nothing).
 */
import { NodeApiError } from 'n8n-workflow';
import type { IBinaryData, IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { retryAfterMs, throwIfCancelled, withRetries } from './retry';

/** The stream type prepareBinaryData takes, named without importing Node's stream module (not allowed in community nodes). */
type VideoStream = Exclude<Parameters<IExecuteFunctions['helpers']['prepareBinaryData']>[0], Buffer>;

/** A video can be hundreds of MB: allow a slow transfer, not a hung one forever. */
const DOWNLOAD_TIMEOUT_MS = 10 * 60_000;

export async function downloadVideo(
	ctx: IExecuteFunctions,
	url: string,
	fileName: string,
): Promise<IBinaryData> {
	return await withRetries<IBinaryData>(ctx, async () => {
		const fail = (message: string, httpCode?: number) =>
			new NodeApiError(ctx.getNode(), { message, url: redactQuery(url) }, {
				message: `Downloading the video failed: ${message}`,
				description: `URL (query removed): ${redactQuery(url)}`,
				httpCode: httpCode ? String(httpCode) : undefined,
			});
		let response: { statusCode: number; headers: IDataObject; body: VideoStream };
		try {
			response = await ctx.helpers.httpRequest({
				method: 'GET',
				url,
				encoding: 'stream',
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
				timeout: DOWNLOAD_TIMEOUT_MS,
			});
		} catch (error) {
			throwIfCancelled(ctx);
			return { retry: 'video download network error', lastError: () => fail(String((error as Error).message)) };
		}
		if (response.statusCode >= 400) {
			response.body.resume(); // drain the error body so the socket is released
			const failure = () => fail(`HTTP ${response.statusCode}`, response.statusCode);
			if (response.statusCode === 429 || response.statusCode >= 500) {
				return {
					retry: `video download HTTP ${response.statusCode}`,
					delayMs: retryAfterMs(response.headers),
					lastError: failure,
				};
			}
			throw failure();
		}
		// Hailuo always renders MP4; storage buckets often label it application/octet-stream.
		const contentType = String(response.headers['content-type'] ?? '').split(';')[0];
		const mimeType = contentType.startsWith('video/') ? contentType : 'video/mp4';
		try {
			return { value: await ctx.helpers.prepareBinaryData(response.body, fileName, mimeType) };
		} catch (error) {
			throwIfCancelled(ctx);
			return { retry: 'video stream broke off', lastError: () => fail(String((error as Error).message)) };
		}
	});
}

/** Pre-signed URLs carry their signature in the query: keep it out of error messages. */
function redactQuery(url: string): string {
	const index = url.indexOf('?');
	return index === -1 ? url : url.slice(0, index);
}
