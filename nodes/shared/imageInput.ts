/**
 * Image input: an image URL or an input binary, checked against Hailuo's limits and the provider's
 * formats before anything is sent, then turned into something the provider's create call accepts.
 */
import { NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions } from 'n8n-workflow';

import { FORMAT_NAMES, IMAGE_LIMITS, checkImageLimits, formatBytes, readImageHeader, toDataUrl } from './image';
import type { ImageFormat } from './image';
import type { Provider } from './providers/provider';
import type { ProviderConnection } from './transport';
import type { ImageFile } from './types';

/** Where a frame image comes from: a URL (or data URL) as is, or an input binary to send. */
export type FrameInput = { url: string } | { image: ImageFile };

export interface ImageReference {
	url: string;
	/** `upload`: the provider's upload endpoint; `dataUrl`: inlined, for providers without one. */
	method: 'upload' | 'dataUrl';
}

/** "JPG/JPEG, PNG, WebP". */
export function formatNames(formats: readonly ImageFormat[]): string {
	return formats.map((f) => FORMAT_NAMES[f]).join(', ');
}

/** The limits every Hailuo image must meet, for help texts. */
export const IMAGE_LIMITS_TEXT =
	`under ${IMAGE_LIMITS.maxBytes / 1024 / 1024} MB, short side over ${IMAGE_LIMITS.minShortSide} px, ` +
	'aspect ratio between 2:5 and 5:2';

function formatsTaken(provider: Provider): string {
	return `${provider.displayName} takes ${formatNames(provider.capabilities.imageFormats)}`;
}

export async function imageReference(connection: ProviderConnection, image: ImageFile): Promise<ImageReference> {
	if (connection.provider.uploadFile) return { url: await connection.uploadFile(image), method: 'upload' };
	return { url: toDataUrl(image.data, image.mimeType), method: 'dataUrl' };
}

export async function frameUrl(connection: ProviderConnection, frame: FrameInput | undefined): Promise<string | undefined> {
	if (!frame) return undefined;
	return 'url' in frame ? frame.url : (await imageReference(connection, frame.image)).url;
}

/** Why an image URL cannot be sent to the provider, or undefined when it can. */
export function checkImageUrl(url: string, provider: Provider): string | undefined {
	if (!url) return 'URL is empty (if it is an expression, it gave nothing for this item)';
	const dataUrlType = /^data:image\/(png|jpe?g|webp);base64,/i.exec(url)?.[1].toLowerCase();
	if (dataUrlType) {
		const format = (dataUrlType === 'jpg' ? 'jpeg' : dataUrlType) as ImageFormat;
		return provider.capabilities.imageFormats.includes(format)
			? undefined
			: `is a ${format.toUpperCase()} data URL; ${formatsTaken(provider)}`;
	}
	if (/^data:/i.test(url)) return `is a data URL of a type Hailuo does not take; ${formatsTaken(provider)}`;
	if (!/^https?:\/\/[^\s]+$/i.test(url)) return `must be an http(s) URL or an image data URL, got "${url.slice(0, 80)}"`;
	return undefined;
}

/** Reads an input binary as an image and checks format, size and dimensions. */
export async function readImageBinary(
	ctx: IExecuteFunctions,
	provider: Provider,
	itemIndex: number,
	binaryProperty: string,
	label: string,
): Promise<ImageFile> {
	const node = ctx.getNode();
	const item = ctx.getInputData()[itemIndex];
	if (!item.binary?.[binaryProperty]) {
		const available = Object.keys(item.binary ?? {});
		throw new NodeOperationError(node, `${label}: the input item has no binary field "${binaryProperty}"`, {
			itemIndex,
			description: available.length
				? `Binary fields on this item: ${available.join(', ')}.`
				: 'This item has no binary data at all. Read or download the image first, or use an image URL.',
		});
	}
	const meta = ctx.helpers.assertBinaryData(itemIndex, binaryProperty);
	// The size limit is checked before reading where the metadata knows it.
	const declaredSize = Number(meta.bytes ?? NaN);
	if (declaredSize >= IMAGE_LIMITS.maxBytes) {
		throw new NodeOperationError(node, `${label} is ${formatBytes(declaredSize)}; the limit is under ${formatBytes(IMAGE_LIMITS.maxBytes)}`, { itemIndex });
	}
	const data = await ctx.helpers.getBinaryDataBuffer(itemIndex, binaryProperty);
	const header = readImageHeader(data, provider.capabilities.imageFormats);
	if (typeof header === 'string') {
		throw new NodeOperationError(node, `${label} (binary field "${binaryProperty}") ${header}`, { itemIndex });
	}
	const problem = provider.capabilities.imageFormats.includes(header.format)
		? checkImageLimits(header, data.length)
		: `is ${header.format.toUpperCase()}; ${formatsTaken(provider)}`;
	if (problem) {
		throw new NodeOperationError(node, `${label} (binary field "${binaryProperty}") ${problem}`, { itemIndex });
	}
	const extension = header.format === 'jpeg' ? 'jpg' : header.format;
	return {
		kind: 'image',
		data,
		mimeType: header.mimeType,
		fileName: meta.fileName ?? `image.${extension}`,
		width: header.width,
		height: header.height,
	};
}
