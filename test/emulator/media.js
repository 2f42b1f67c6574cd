// Media helpers of the emulator: image header sniffing (to judge input images the way the providers
// do) and the padded MP4 stream behind the `videoSizeBytes` knob.
'use strict';

const { Readable } = require('node:stream');

const CONTENT_TYPES = {
	'.mp4': 'video/mp4',
	'.png': 'image/png',
	'.jpg': 'image/jpeg',
	'.jpeg': 'image/jpeg',
	'.webp': 'image/webp',
	'.gif': 'image/gif',
	'.json': 'application/json',
	'.txt': 'text/plain; charset=utf-8',
};

function contentTypeOf(fileName) {
	const ext = /\.[^.]+$/.exec(fileName.toLowerCase());
	return (ext && CONTENT_TYPES[ext[0]]) || 'application/octet-stream';
}

/** Width/height of a PNG, JPEG, WebP or GIF from its first bytes; null for anything else. */
function readImageHeader(buf) {
	if (buf.length >= 24 && buf.readUInt32BE(0) === 0x89504e47) {
		return { format: 'png', mime: 'image/png', width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
	}
	if (buf.length >= 10 && buf.toString('latin1', 0, 3) === 'GIF') {
		return { format: 'gif', mime: 'image/gif', width: buf.readUInt16LE(6), height: buf.readUInt16LE(8) };
	}
	if (buf.length >= 30 && buf.toString('latin1', 0, 4) === 'RIFF' && buf.toString('latin1', 8, 12) === 'WEBP') {
		return readWebp(buf);
	}
	if (buf.length >= 4 && buf[0] === 0xff && buf[1] === 0xd8) return readJpeg(buf);
	return null;
}

function readWebp(buf) {
	const chunk = buf.toString('latin1', 12, 16);
	const size = (width, height) => ({ format: 'webp', mime: 'image/webp', width, height });
	if (chunk === 'VP8 ') return size(buf.readUInt16LE(26) & 0x3fff, buf.readUInt16LE(28) & 0x3fff);
	if (chunk === 'VP8L') {
		const bits = buf.readUInt32LE(21);
		return size((bits & 0x3fff) + 1, ((bits >> 14) & 0x3fff) + 1);
	}
	if (chunk === 'VP8X') return size(buf.readUIntLE(24, 3) + 1, buf.readUIntLE(27, 3) + 1);
	return null;
}

/** Walks the JPEG segments up to the first SOFn marker, which carries the frame size. */
function readJpeg(buf) {
	let pos = 2;
	while (pos + 9 < buf.length) {
		if (buf[pos] !== 0xff) return null;
		const marker = buf[pos + 1];
		if (marker === 0xff) {
			pos += 1; // fill byte
			continue;
		}
		const isSof = marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker);
		if (isSof) {
			return {
				format: 'jpeg',
				mime: 'image/jpeg',
				width: buf.readUInt16BE(pos + 7),
				height: buf.readUInt16BE(pos + 5),
			};
		}
		pos += 2 + buf.readUInt16BE(pos + 2);
	}
	return null;
}

const CHUNK_BYTES = 256 * 1024;
const ZEROS = Buffer.alloc(CHUNK_BYTES);

/**
 * The video as a list of segments: the real sample, then (when `totalBytes` asks for more) one
 * trailing MP4 `free` box. Players skip `free` boxes, so the padded file stays playable, and the
 * padding is produced on the fly so a 500 MB video costs no memory.
 */
function videoSegments(sample, totalBytes) {
	const padding = (totalBytes ?? 0) - sample.length;
	if (padding < 8) return [{ buffer: sample }];
	const large = padding > 0xffffffff;
	const header = Buffer.alloc(large ? 16 : 8);
	header.writeUInt32BE(large ? 1 : padding, 0);
	header.write('free', 4, 'latin1');
	if (large) header.writeBigUInt64BE(BigInt(padding), 8);
	return [{ buffer: sample }, { buffer: header }, { zeros: padding - header.length }];
}

function segmentsLength(segments) {
	return segments.reduce((sum, s) => sum + (s.buffer ? s.buffer.length : s.zeros), 0);
}

/** A stream of bytes [start, end] (inclusive) of the segments, in chunks of at most 256 KB. */
function streamSegments(segments, start, end) {
	function* chunks() {
		let offset = 0;
		for (const segment of segments) {
			const length = segment.buffer ? segment.buffer.length : segment.zeros;
			const from = Math.max(start, offset);
			const to = Math.min(end + 1, offset + length);
			for (let p = from; p < to; p += CHUNK_BYTES) {
				const n = Math.min(CHUNK_BYTES, to - p);
				yield segment.buffer ? segment.buffer.subarray(p - offset, p - offset + n) : ZEROS.subarray(0, n);
			}
			offset += length;
		}
	}
	return Readable.from(chunks(), { objectMode: false });
}

// Image references as the providers receive them.

/**
 * What can be known about an image reference: a data URL is decoded, a URL to this emulator is
 * read through `localFile(url)`; a remote URL is taken on trust ({ source: 'url', remote: true }).
 */
function inspectImage(ref, localFile) {
	if (typeof ref !== 'string' || !ref) return { error: 'must be a non-empty string' };
	const dataUrl = /^data:([^;,]*)((?:;[^;,]*)*),/i.exec(ref);
	if (dataUrl) {
		if (!/;base64/i.test(dataUrl[2])) return { source: 'data', error: 'data URL must be base64-encoded' };
		const bytes = Buffer.from(ref.slice(dataUrl[0].length), 'base64');
		return {
			source: 'data',
			declaredType: dataUrl[1].toLowerCase(),
			size: bytes.length,
			...readImageHeader(bytes),
		};
	}
	let parsed;
	try {
		parsed = new URL(ref);
	} catch {
		return { error: 'is neither a URL nor a data URL' };
	}
	if (!/^https?:$/.test(parsed.protocol)) return { error: 'must be an http(s) URL or a data URL' };
	const bytes = localFile(parsed);
	if (!bytes) return { source: 'url', remote: true };
	return { source: 'url', size: bytes.length, ...readImageHeader(bytes) };
}

/**
 * The image rules every provider documents (formats, < 20 MB, short side > 300 px, aspect 2:5..5:2).
 * Returns a problem description or null.
 */
function imageProblem(info, { formats = ['jpeg', 'png', 'webp'], allowDataUrl = true, shortSideAbove = 300 } = {}) {
	if (info.error) return info.error;
	if (info.source === 'data' && !allowDataUrl) return 'must be a public URL (data URLs are not accepted)';
	if (info.remote) return null;
	if (info.source === 'data' && !info.declaredType.startsWith('image/'))
		return `data URL type ${info.declaredType || '(none)'} is not an image`;
	if (!info.format) return 'is not a readable image';
	if (!formats.includes(info.format)) return `format ${info.format} is not supported (${formats.join(', ')})`;
	if (info.size >= 20 * 1024 * 1024) return 'image must be smaller than 20 MB';
	if (Math.min(info.width, info.height) <= shortSideAbove)
		return `short side must be more than ${shortSideAbove} px (got ${info.width}x${info.height})`;
	const aspect = info.width / info.height;
	if (aspect < 0.4 || aspect > 2.5)
		return `aspect ratio must be between 2:5 and 5:2 (got ${info.width}x${info.height})`;
	return null;
}

/** The video as an HTTP reply, honouring HEAD and a single `Range: bytes=a-b`. */
function videoReply(segments, headers) {
	const total = segmentsLength(segments);
	const base = { 'content-type': 'video/mp4', 'accept-ranges': 'bytes' };
	const range = /^bytes=(\d*)-(\d*)$/.exec(headers.range ?? '');
	if (range && (range[1] || range[2])) {
		const start = range[1] ? Number(range[1]) : Math.max(0, total - Number(range[2]));
		const end = range[1] && range[2] ? Math.min(Number(range[2]), total - 1) : total - 1;
		if (start >= total || start > end)
			return { status: 416, headers: { 'content-range': `bytes */${total}` }, body: '' };
		return {
			status: 206,
			headers: { ...base, 'content-length': end - start + 1, 'content-range': `bytes ${start}-${end}/${total}` },
			stream: streamSegments(segments, start, end),
		};
	}
	return {
		status: 200,
		headers: { ...base, 'content-length': total },
		stream: streamSegments(segments, 0, total - 1),
	};
}

module.exports = {
	contentTypeOf,
	readImageHeader,
	inspectImage,
	imageProblem,
	videoSegments,
	segmentsLength,
	videoReply,
};
