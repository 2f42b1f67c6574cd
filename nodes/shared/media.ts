/**
 * Hailuo 3's reference videos and audio clips: what a file is and how long it runs, read from its own
 * bytes, so that the format, size and length limits are checked before anything is uploaded or paid for.
 * Limits from MiniMax's Video Generation V2 page
 * (https://platform.minimax.io/docs/api-reference/video-generation-v2-create): videos MP4 or MOV up to
 * 50 MB, audio WAV or MP3 up to 15 MB. The hosts reselling Hailuo 3 pass the files on to MiniMax.
 */
import type { MediaKind } from './types';

export interface MediaHeader {
	mimeType: string;
	extension: string;
	seconds: number;
}

export const MEDIA_LIMITS: Record<Exclude<MediaKind, 'image'>, { maxBytes: number; formats: string }> = {
	video: { maxBytes: 50 * 1024 * 1024, formats: 'MP4 or MOV' },
	audio: { maxBytes: 15 * 1024 * 1024, formats: 'WAV or MP3' },
};

/** The clip's type and length, or what is wrong with it. */
export function readMediaHeader(kind: 'video' | 'audio', data: Buffer): MediaHeader | string {
	const header = kind === 'video' ? readMovie(data) : (readWave(data) ?? readMp3(data));
	return header ?? `is not ${kind === 'video' ? 'an' : 'a'} ${MEDIA_LIMITS[kind].formats} file (or its length could not be read)`;
}

// ---------------------------------------------------------------- MP4 and QuickTime (ISO base media boxes)

/** A box's type, where its content starts and where it ends; 64-bit sizes and "to the end" sizes included. */
function* boxes(data: Buffer, start: number, end: number): Generator<{ type: string; content: number; end: number }> {
	let offset = start;
	while (offset + 8 <= end) {
		let size = data.readUInt32BE(offset);
		let header = 8;
		if (size === 1 && offset + 16 <= end) {
			size = Number(data.readBigUInt64BE(offset + 8));
			header = 16;
		} else if (size === 0) {
			size = end - offset;
		}
		if (size < header || offset + size > end) return;
		yield { type: data.toString('latin1', offset + 4, offset + 8), content: offset + header, end: offset + size };
		offset += size;
	}
}

/** The movie's length from its `moov/mvhd` box (https://developer.apple.com/documentation/quicktime-file-format/movie_header_atom). */
function readMovie(data: Buffer): MediaHeader | undefined {
	let brand: string | undefined;
	for (const box of boxes(data, 0, data.length)) {
		if (box.type === 'ftyp') brand = data.toString('latin1', box.content, box.content + 4);
		if (box.type !== 'moov') continue;
		for (const inner of boxes(data, box.content, box.end)) {
			if (inner.type !== 'mvhd') continue;
			const version = data[inner.content];
			const [timescale, duration] =
				version === 1
					? [data.readUInt32BE(inner.content + 20), Number(data.readBigUInt64BE(inner.content + 24))]
					: [data.readUInt32BE(inner.content + 12), data.readUInt32BE(inner.content + 16)];
			if (!timescale) return undefined;
			const quickTime = brand === undefined || brand === 'qt  ';
			return { mimeType: quickTime ? 'video/quicktime' : 'video/mp4', extension: quickTime ? 'mov' : 'mp4', seconds: duration / timescale };
		}
	}
	return undefined;
}

// ---------------------------------------------------------------- WAV

/** A RIFF WAVE file's length: its data chunk's bytes over the byte rate of its fmt chunk. */
function readWave(data: Buffer): MediaHeader | undefined {
	if (data.length < 12 || data.toString('latin1', 0, 4) !== 'RIFF' || data.toString('latin1', 8, 12) !== 'WAVE') return undefined;
	let byteRate = 0;
	for (let offset = 12; offset + 8 <= data.length; ) {
		const type = data.toString('latin1', offset, offset + 4);
		const size = data.readUInt32LE(offset + 4);
		if (type === 'fmt ' && offset + 16 <= data.length) byteRate = data.readUInt32LE(offset + 16);
		// A stream being written may give a data size beyond the file: the bytes present are what plays.
		if (type === 'data') return byteRate ? { mimeType: 'audio/wav', extension: 'wav', seconds: Math.min(size, data.length - offset - 8) / byteRate } : undefined;
		offset += 8 + size + (size % 2);
	}
	return undefined;
}

// ---------------------------------------------------------------- MP3

const MP3_BITRATES_KBPS = {
	mpeg1: [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],
	mpeg2: [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
};
const MP3_SAMPLE_RATES = { 3: [44100, 48000, 32000], 2: [22050, 24000, 16000], 0: [11025, 12000, 8000] } as Record<number, number[]>;

/**
 * An MPEG audio layer III file's length: after an ID3v2 tag, the first frame header gives the bit and
 * sample rates; a Xing/Info frame (variable bit rate) gives the frame count, otherwise the bit rate the
 * length (http://www.mp3-tech.org/programmer/frame_header.html).
 */
function readMp3(data: Buffer): MediaHeader | undefined {
	let offset = 0;
	if (data.length >= 10 && data.toString('latin1', 0, 3) === 'ID3') {
		offset = 10 + ((data[6] & 0x7f) << 21) + ((data[7] & 0x7f) << 14) + ((data[8] & 0x7f) << 7) + (data[9] & 0x7f);
	}
	if (offset + 4 > data.length || data[offset] !== 0xff || (data[offset + 1] & 0xe0) !== 0xe0) return undefined;
	const version = (data[offset + 1] >> 3) & 0x3;
	const layer = (data[offset + 1] >> 1) & 0x3;
	const bitrateIndex = data[offset + 2] >> 4;
	const sampleRate = MP3_SAMPLE_RATES[version]?.[(data[offset + 2] >> 2) & 0x3];
	const kbps = (version === 3 ? MP3_BITRATES_KBPS.mpeg1 : MP3_BITRATES_KBPS.mpeg2)[bitrateIndex];
	if (layer !== 1 || !sampleRate || !kbps) return undefined;
	const samplesPerFrame = version === 3 ? 1152 : 576;
	const mono = data[offset + 3] >> 6 === 3;
	const sideInfo = version === 3 ? (mono ? 17 : 32) : mono ? 9 : 17;
	const tag = offset + 4 + sideInfo;
	const xing = data.toString('latin1', tag, tag + 4);
	if ((xing === 'Xing' || xing === 'Info') && data.readUInt32BE(tag + 4) & 0x1) {
		return { mimeType: 'audio/mpeg', extension: 'mp3', seconds: (data.readUInt32BE(tag + 8) * samplesPerFrame) / sampleRate };
	}
	return { mimeType: 'audio/mpeg', extension: 'mp3', seconds: ((data.length - offset) * 8) / (kbps * 1000) };
}
