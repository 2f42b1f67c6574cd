/**
 * Reads an image's format and dimensions from its first bytes (no image library: community nodes
 * may not have runtime dependencies) and checks it against Hailuo's documented input limits.
 */

export type ImageFormat = 'png' | 'jpeg' | 'webp';

export interface ImageHeader {
	format: ImageFormat;
	mimeType: string;
	width: number;
	height: number;
}

export const IMAGE_LIMITS = {
	maxBytes: 20 * 1024 * 1024,
	/** The short side must be strictly longer than this. */
	minShortSide: 300,
	/** Width / height between 2:5 and 5:2. */
	minAspect: 2 / 5,
	maxAspect: 5 / 2,
};

/** Every format Hailuo takes; each provider's `capabilities.imageFormats` names those it takes. */
export const IMAGE_FORMATS: readonly ImageFormat[] = ['jpeg', 'png', 'webp'];

export const FORMAT_NAMES: Record<ImageFormat, string> = { jpeg: 'JPG/JPEG', png: 'PNG', webp: 'WebP' };

/** "JPG/JPEG, PNG or WebP". */
function formatsText(formats: readonly ImageFormat[]): string {
	const names = formats.map((f) => FORMAT_NAMES[f]);
	return names.length > 1 ? `${names.slice(0, -1).join(', ')} or ${names.at(-1)}` : names.join('');
}

const MIME_TYPES: Record<ImageFormat, string> = {
	png: 'image/png',
	jpeg: 'image/jpeg',
	webp: 'image/webp',
};

/** Formats we recognise only to name them in the error. */
const OTHER_SIGNATURES: Array<[string, (b: Buffer) => boolean]> = [
	['GIF', (b) => b.toString('latin1', 0, 4) === 'GIF8'],
	['BMP', (b) => b.toString('latin1', 0, 2) === 'BM'],
	['HEIC/AVIF', (b) => b.toString('latin1', 4, 8) === 'ftyp'],
	['TIFF', (b) => ['II*\0', 'MM\0*'].includes(b.toString('latin1', 0, 4))],
];

/**
 * Returns the header, or a sentence saying why these bytes are not a usable image; the sentence names
 * the formats `accepted` (the provider's, where one is chosen).
 */
export function readImageHeader(data: Buffer, accepted: readonly ImageFormat[] = IMAGE_FORMATS): ImageHeader | string {
	const format = detectFormat(data);
	if (!format) {
		const other = OTHER_SIGNATURES.find(([, test]) => data.length >= 8 && test(data));
		return other
			? `is a ${other[0]} image; Hailuo takes ${formatsText(accepted)}`
			: `is not a ${formatsText(accepted)} image`;
	}
	const size = format === 'png' ? pngSize(data) : format === 'jpeg' ? jpegSize(data) : webpSize(data);
	if (!size) return `looks like ${format.toUpperCase()} but its header is damaged or cut off`;
	return { format, mimeType: MIME_TYPES[format], ...size };
}

/** Returns a sentence naming the broken limit, or undefined when the image is acceptable. */
export function checkImageLimits(header: ImageHeader, byteLength: number): string | undefined {
	const { width, height } = header;
	if (byteLength >= IMAGE_LIMITS.maxBytes) {
		return `is ${formatBytes(byteLength)}; the limit is under ${formatBytes(IMAGE_LIMITS.maxBytes)}`;
	}
	if (Math.min(width, height) <= IMAGE_LIMITS.minShortSide) {
		return `is ${width}×${height} px; its short side must be over ${IMAGE_LIMITS.minShortSide} px`;
	}
	const aspect = width / height;
	if (aspect < IMAGE_LIMITS.minAspect || aspect > IMAGE_LIMITS.maxAspect) {
		return `is ${width}×${height} px (aspect ratio ${aspect.toFixed(2)}); the aspect ratio must be between 2:5 and 5:2`;
	}
	return undefined;
}

export function toDataUrl(data: Buffer, mimeType: string): string {
	return `data:${mimeType};base64,${data.toString('base64')}`;
}

export function formatBytes(bytes: number): string {
	return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

function detectFormat(b: Buffer): ImageFormat | undefined {
	if (b.length >= 8 && b.readUInt32BE(0) === 0x89504e47 && b.readUInt32BE(4) === 0x0d0a1a0a) return 'png';
	if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg';
	if (b.length >= 12 && b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP') {
		return 'webp';
	}
	return undefined;
}

type Size = { width: number; height: number };

function pngSize(b: Buffer): Size | undefined {
	// The first chunk is always IHDR: width and height are its first two fields.
	if (b.length < 24 || b.toString('latin1', 12, 16) !== 'IHDR') return undefined;
	return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

function jpegSize(b: Buffer): Size | undefined {
	let offset = 2;
	while (offset + 4 <= b.length) {
		if (b[offset] !== 0xff) return undefined;
		const marker = b[offset + 1];
		if (marker === 0xff) {
			offset += 1; // fill byte
			continue;
		}
		// Markers without a length field: TEM and RST0..7.
		if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
			offset += 2;
			continue;
		}
		const length = b.readUInt16BE(offset + 2);
		// SOF0..SOF15 carry the frame size, except DHT (C4), JPG (C8) and DAC (CC).
		const isFrameHeader = marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker);
		if (isFrameHeader) {
			if (offset + 9 > b.length) return undefined;
			return { height: b.readUInt16BE(offset + 5), width: b.readUInt16BE(offset + 7) };
		}
		if (marker === 0xda || marker === 0xd9) return undefined; // image data before any frame header
		offset += 2 + length;
	}
	return undefined;
}

function webpSize(b: Buffer): Size | undefined {
	if (b.length < 30) return undefined;
	const chunk = b.toString('latin1', 12, 16);
	if (chunk === 'VP8 ') {
		// Lossy: a 3-byte frame tag, the start code 9d 01 2a, then 14-bit width and height.
		if (b[23] !== 0x9d || b[24] !== 0x01 || b[25] !== 0x2a) return undefined;
		return { width: b.readUInt16LE(26) & 0x3fff, height: b.readUInt16LE(28) & 0x3fff };
	}
	if (chunk === 'VP8L') {
		// Lossless: signature 0x2f, then width-1 and height-1 as 14-bit fields.
		if (b[20] !== 0x2f) return undefined;
		const bits = b.readUInt32LE(21);
		return { width: (bits & 0x3fff) + 1, height: ((bits >> 14) & 0x3fff) + 1 };
	}
	if (chunk === 'VP8X') {
		// Extended: canvas width-1 and height-1 as 24-bit fields.
		return { width: b.readUIntLE(24, 3) + 1, height: b.readUIntLE(27, 3) + 1 };
	}
	return undefined;
}
