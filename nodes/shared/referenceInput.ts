/**
 * Hailuo 3's References mode: reference images, video clips and audio clips, given as URLs or as input
 * binary fields. The parameters are described here beside the code that reads them; every limit of
 * the model (counts, total, clip lengths, audio never alone) is checked before any upload or create.
 */
import { NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { formatBytes, toDataUrl } from './image';
import { frameUrl, readImageBinary } from './imageInput';
import type { FrameInput } from './imageInput';
import { MEDIA_LIMITS, readMediaHeader } from './media';
import { listParameter } from './parameterValues';
import type { Provider, ReferenceLimits } from './providers/provider';
import { choosableByAgent, outsideAgent } from './toolMode';
import type { ProviderConnection } from './transport';
import type { MediaFile, MediaKind, ReferenceMedia } from './types';

/** A reference as the user gave it: a URL as is, or a file from an input binary field, to upload or inline. */
export type ReferenceInput = FrameInput | { file: MediaFile };

export type PlannedReferences = Record<MediaKind, ReferenceInput[]>;

const KINDS: readonly MediaKind[] = ['image', 'video', 'audio'];

const LABELS: Record<MediaKind, { plural: string; field: string }> = {
	image: { plural: 'Reference Images', field: 'Image' },
	video: { plural: 'Reference Videos', field: 'Video' },
	audio: { plural: 'Reference Audio', field: 'Audio' },
};

const SHOW = { mode: ['references'] };

/** Reference Source, then per kind a list of URLs or of binary field names. */
export function referenceProperties(): INodeProperties[] {
	const lists = (source: 'url' | 'binary'): INodeProperties[] =>
		KINDS.map((kind) => ({
			displayName: source === 'url' ? `${LABELS[kind].plural} (URLs)` : `${LABELS[kind].plural} (Binary Fields)`,
			name: `reference${LABELS[kind].field}${source === 'url' ? 'Urls' : 'Fields'}`,
			type: 'string',
			default: '',
			placeholder: source === 'url' ? `https://example.com/${kind}-1, https://example.com/${kind}-2` : 'data, data_1',
			description:
				(source === 'url'
					? 'Public URLs (or data URLs), separated by commas or new lines, or an expression giving a list'
					: 'Names of input binary fields, separated by commas') + `. ${limitText(kind)}.`,
			displayOptions: { show: { ...SHOW, referenceSource: [source] } },
		}));
	// As a tool: URLs only (a tool receives JSON, never binary).
	const urlLists = lists('url').flatMap((property, index) =>
		choosableByAgent(property, property.name, `${LABELS[KINDS[index]].plural}: public URLs as a JSON list, or "" for none. ${limitText(KINDS[index])}. The prompt cites them as "${LABELS[KINDS[index]].field} 1", "${LABELS[KINDS[index]].field} 2"…`, { displayOptions: { show: SHOW } }),
	);
	return [
		outsideAgent({
			displayName: 'Reference Source',
			name: 'referenceSource',
			type: 'options',
			options: [
				{ name: 'URLs', value: 'url', description: 'Public URLs of the reference files' },
				{ name: 'Binary Fields', value: 'binary', description: 'Files in binary fields of the input item (uploaded to the provider first where it has an upload)' },
			],
			default: 'url',
			description: 'Cite the references in the prompt by kind and order: "Image 1", "Video 1", "Audio 1"',
			displayOptions: { show: SHOW },
		}),
		...urlLists,
		...lists('binary').map(outsideAgent),
	];
}

function limitText(kind: MediaKind): string {
	if (kind === 'image') return 'At most 9 images, JPG, PNG or WebP';
	const clip = `each 2–15 s, together at most 15 s, ${MEDIA_LIMITS[kind].formats} up to ${formatBytes(MEDIA_LIMITS[kind].maxBytes)}`;
	return kind === 'video' ? `At most 3 clips, ${clip}` : `At most 3 clips, ${clip}; audio needs an image or a video beside it`;
}

/** URLs are split at new lines and at commas before a URL scheme (data URLs hold commas), field names at commas and spaces. */
const LIST_SEPARATORS = { url: /\s*\n\s*|\s*,\s*(?=[a-z][\w+.-]*:)/i, binary: /[\s,]+/ } as const;

/** What a reference URL must look like: http(s), or a data URL of its kind. */
function checkReferenceUrl(kind: MediaKind, url: string): string | undefined {
	if (/^data:/i.test(url)) return new RegExp(`^data:${kind}/[\\w.+-]+;base64,`, 'i').test(url) ? undefined : `is not a base64 data URL of ${kind === 'image' ? 'an image' : `a ${kind} file`}`;
	return /^https?:\/\/\S+$/i.test(url) ? undefined : `must be an http(s) URL or a data URL, got "${url.slice(0, 80)}"`;
}

/** Reads and checks the references of one item (References mode). */
export async function readReferences(
	ctx: IExecuteFunctions,
	provider: Provider,
	limits: ReferenceLimits,
	itemIndex: number,
): Promise<PlannedReferences> {
	const fail = (message: string, description?: string) => new NodeOperationError(ctx.getNode(), message, { itemIndex, description });
	const source = ctx.getNodeParameter('referenceSource', itemIndex, 'url') as 'url' | 'binary';
	const planned: PlannedReferences = { image: [], video: [], audio: [] };
	for (const kind of KINDS) {
		const { plural, field } = LABELS[kind];
		const name = `reference${field}${source === 'url' ? 'Urls' : 'Fields'}`;
		const entries = listParameter(ctx, name, itemIndex, LIST_SEPARATORS[source]);
		if (entries.length > limits[`${kind}s`]) {
			throw fail(`${plural}: ${entries.length} given; ${provider.displayName} takes at most ${limits[`${kind}s`]}`);
		}
		for (const [index, entry] of entries.entries()) {
			const label = `${plural} ${source === 'url' ? 'URL' : 'binary field'} ${index + 1}`;
			if (source === 'url') {
				const problem = checkReferenceUrl(kind, entry);
				if (problem) throw fail(`${label} ${problem}`);
				planned[kind].push({ url: entry });
			} else {
				planned[kind].push(kind === 'image' ? { image: await readImageBinary(ctx, provider, itemIndex, entry, label) } : { file: await readClip(ctx, kind, limits, itemIndex, entry, label) });
			}
		}
	}
	checkTogether(planned, limits, fail);
	return planned;
}

/** The rules across the lists: something to follow, audio never alone, the total count and each kind's seconds. */
function checkTogether(planned: PlannedReferences, limits: ReferenceLimits, fail: (message: string, description?: string) => Error): void {
	const count = KINDS.reduce((sum, kind) => sum + planned[kind].length, 0);
	if (count === 0) throw fail('References mode needs at least one reference image or video', 'Give Reference Images or Reference Videos, or choose another mode.');
	if (planned.audio.length > 0 && planned.image.length + planned.video.length === 0) {
		throw fail('Reference Audio cannot be used alone', 'Add a reference image or video beside the audio.');
	}
	if (count > limits.total) throw fail(`References: ${count} files given; at most ${limits.total} in all`);
	for (const kind of ['video', 'audio'] as const) {
		const seconds = planned[kind].reduce((sum, input) => sum + ('file' in input ? (input.file.seconds ?? 0) : 0), 0);
		if (seconds > limits.totalSeconds) {
			throw fail(`${LABELS[kind].plural} run ${seconds.toFixed(1)} s together; at most ${limits.totalSeconds} s`);
		}
	}
}

/** A video or audio clip from an input binary field, checked for format, size and length. */
async function readClip(
	ctx: IExecuteFunctions,
	kind: 'video' | 'audio',
	limits: ReferenceLimits,
	itemIndex: number,
	binaryProperty: string,
	label: string,
): Promise<MediaFile> {
	const fail = (message: string, description?: string) => new NodeOperationError(ctx.getNode(), message, { itemIndex, description });
	const item = ctx.getInputData()[itemIndex];
	if (!item.binary?.[binaryProperty]) {
		const available = Object.keys(item.binary ?? {});
		throw fail(`${label}: the input item has no binary field "${binaryProperty}"`, available.length ? `Binary fields on this item: ${available.join(', ')}.` : 'This item has no binary data at all.');
	}
	const meta = ctx.helpers.assertBinaryData(itemIndex, binaryProperty);
	const { maxBytes } = MEDIA_LIMITS[kind];
	if (Number(meta.bytes ?? 0) > maxBytes) throw fail(`${label} is ${formatBytes(Number(meta.bytes))}; the limit is ${formatBytes(maxBytes)}`);
	const data = await ctx.helpers.getBinaryDataBuffer(itemIndex, binaryProperty);
	if (data.length > maxBytes) throw fail(`${label} is ${formatBytes(data.length)}; the limit is ${formatBytes(maxBytes)}`);
	const header = readMediaHeader(kind, data);
	if (typeof header === 'string') throw fail(`${label} (binary field "${binaryProperty}") ${header}`);
	const { min, max } = limits.clipSeconds;
	if (header.seconds < min || header.seconds > max) {
		throw fail(`${label} runs ${header.seconds.toFixed(1)} s; each clip must run ${min}–${max} s`);
	}
	return { kind, data, mimeType: header.mimeType, fileName: meta.fileName ?? `${kind}.${header.extension}`, seconds: header.seconds };
}

/** The references as URLs the host accepts: URLs as given, files through the host's upload or as data URLs. */
export async function referenceUrls(connection: ProviderConnection, planned: PlannedReferences | undefined): Promise<ReferenceMedia | undefined> {
	if (!planned) return undefined;
	const provider = connection.provider;
	const uploads = provider.uploadFile !== undefined && provider.capabilities.referenceFiles !== 'dataUrl';
	const urlOf = async (input: ReferenceInput): Promise<string> => {
		if (!('file' in input)) return (await frameUrl(connection, input))!;
		return uploads ? await connection.uploadFile(input.file) : toDataUrl(input.file.data, input.file.mimeType);
	};
	const media: ReferenceMedia = { image: [], video: [], audio: [] };
	for (const kind of KINDS) {
		for (const input of planned[kind]) media[kind].push(await urlOf(input));
	}
	return media;
}
