/**
 * Streams a finished video into n8n's binary data. The URL is pre-signed by the provider, so this
 * module never touches credentials; it retries refused, broken or short downloads (they cost nothing).
 */
import { NodeApiError } from 'n8n-workflow';
import type { IBinaryData, IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { retryAfterMs, throwIfCancelled, withRetries } from './retry';
import type { CallContext } from './retry';

/** The stream type prepareBinaryData takes, named without importing Node's stream module (not allowed in community nodes). */
type VideoStream = Exclude<Parameters<IExecuteFunctions['helpers']['prepareBinaryData']>[0], Buffer>;

/** A video can be hundreds of MB: allow a slow transfer, not a hung one forever. */
const DOWNLOAD_TIMEOUT_MS = 10 * 60_000;

/** HTTP statuses of a URL that no longer serves the file (an expired pre-signed URL): worth a fresh URL. */
const REFUSED_STATUSES = new Set([401, 403, 404, 410]);

/**
 * Downloads the video at `url`. `freshUrl` looks the URL up again, once, when the first one is
 * refused (e.g. MiniMax's expire after an hour).
 */
export async function downloadVideo(
	ctx: CallContext,
	url: string,
	fileName: string,
	freshUrl?: () => Promise<string | undefined>,
): Promise<IBinaryData> {
	let refreshed = false;
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
			const fresh = REFUSED_STATUSES.has(response.statusCode) && freshUrl && !refreshed ? await freshUrl() : undefined;
			refreshed = true;
			if (fresh && fresh !== url) {
				url = fresh;
				return { retry: `video URL refused (HTTP ${response.statusCode}); trying a fresh one`, delayMs: 0, lastError: failure };
			}
			throw failure();
		}
		// Hailuo always renders MP4; storage buckets often label it application/octet-stream.
		const contentType = String(response.headers['content-type'] ?? '').split(';')[0];
		const mimeType = contentType.startsWith('video/') ? contentType : 'video/mp4';
		const declared = Number(response.headers['content-length'] ?? NaN);
		const received = countBytes(response.body);
		let binary: IBinaryData;
		try {
			binary = await ctx.helpers.prepareBinaryData(response.body, fileName, mimeType);
		} catch (error) {
			throwIfCancelled(ctx);
			return { retry: 'video stream broke off', lastError: () => fail(String((error as Error).message)) };
		}
		// A transfer can end cleanly and still be short: all declared bytes, or a whole MP4, or it is fetched again.
		const whole = Number.isFinite(declared) ? received() >= declared : await isCompleteMp4(ctx, binary);
		if (!whole) {
			const expected = Number.isFinite(declared) ? `${declared} bytes` : 'a complete MP4';
			return { retry: 'short video download', lastError: () => fail(`received ${received()} bytes, not ${expected}`) };
		}
		return { value: binary };
	});
}

/**
 * Counts the bytes `stream` delivers to whoever reads it (piped, iterated or 'data'-listened). n8n's
 * binary data cannot tell: `bytes` is set by n8n 2.x only, 1.x keeps just the formatted `fileSize`.
 */
function countBytes(stream: VideoStream): () => number {
	let bytes = 0;
	// prependListener, unlike on('data'), leaves the stream paused: no chunk flows before n8n's reader is attached.
	stream.prependListener('data', (chunk: Buffer) => (bytes += chunk.length));
	return () => bytes;
}

/** Reads the stored video back (only when the server declared no length) and checks its MP4 structure. */
async function isCompleteMp4(ctx: CallContext, binary: IBinaryData): Promise<boolean> {
	const walker = new Mp4Walker();
	if (binary.id) {
		for await (const chunk of await ctx.helpers.getBinaryStream(binary.id)) walker.add(chunk as Buffer);
	} else {
		walker.add(Buffer.from(binary.data, 'base64'));
	}
	return walker.isCompleteMp4();
}

/**
 * Follows an MP4's top-level boxes as the bytes stream by: the file is whole when it ends exactly
 * at a box boundary after a `moov` box (the index every player needs).
 */
class Mp4Walker {
	bytes = 0;
	/** Offset of the next top-level box header. */
	private nextBox = 0;
	private header = Buffer.alloc(0);
	private sawMoov = false;
	private openEnded = false;

	add(chunk: Buffer): void {
		const start = this.bytes;
		this.bytes += chunk.length;
		while (!this.openEnded && this.nextBox < this.bytes) {
			// Collect the box's 16 header bytes (size, type, and a 64-bit size where used) across chunks.
			const from = Math.max(this.nextBox + this.header.length - start, 0);
			const needed = 16 - this.header.length;
			this.header = Buffer.concat([this.header, chunk.subarray(from, from + needed)]);
			if (this.header.length < 8) return;
			const size32 = this.header.readUInt32BE(0);
			if (size32 === 1 && this.header.length < 16) return;
			const size = size32 === 1 ? Number(this.header.readBigUInt64BE(8)) : size32;
			if (this.header.toString('latin1', 4, 8) === 'moov') this.sawMoov = true;
			if (size === 0) this.openEnded = true; // the last box runs to the end of the file
			else if (size < 8) return this.corrupt();
			this.nextBox += size;
			this.header = Buffer.alloc(0);
		}
	}

	isCompleteMp4(): boolean {
		return this.sawMoov && (this.openEnded || this.nextBox === this.bytes);
	}

	private corrupt(): void {
		this.sawMoov = false;
		this.openEnded = false;
		this.nextBox = Infinity;
	}
}

/** Pre-signed URLs carry their signature in the query: keep it out of error messages. */
function redactQuery(url: string): string {
	const index = url.indexOf('?');
	return index === -1 ? url : url.slice(0, index);
}
