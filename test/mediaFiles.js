// Reference clips made in memory for the Hailuo 3 tests: a minimal MP4 and a WAV of any length.
'use strict';

/** An ISO base media box: size, type, content. */
function box(type, content) {
	const buffer = Buffer.concat([Buffer.alloc(4), Buffer.from(type, 'latin1'), content]);
	buffer.writeUInt32BE(buffer.length, 0);
	return buffer;
}

/** A minimal MP4 (ftyp, then moov with an mvhd) running `seconds`. */
function mp4(seconds) {
	const mvhd = Buffer.alloc(100);
	mvhd.writeUInt32BE(1000, 12);
	mvhd.writeUInt32BE(Math.round(seconds * 1000), 16);
	return Buffer.concat([box('ftyp', Buffer.from('isom\0\0\0\0isom', 'latin1')), box('moov', box('mvhd', mvhd))]);
}

/** A WAV file of 8 kHz 16-bit mono silence running `seconds`. */
function wav(seconds) {
	const data = Buffer.alloc(Math.round(seconds * 16000));
	const header = Buffer.alloc(44);
	header.write('RIFFxxxxWAVEfmt ', 0, 'latin1');
	header.writeUInt32LE(36 + data.length, 4);
	header.writeUInt32LE(16, 16);
	header.writeUInt16LE(1, 20);
	header.writeUInt16LE(1, 22);
	header.writeUInt32LE(8000, 24);
	header.writeUInt32LE(16000, 28);
	header.writeUInt16LE(2, 32);
	header.writeUInt16LE(16, 34);
	header.write('data', 36, 'latin1');
	header.writeUInt32LE(data.length, 40);
	return Buffer.concat([header, data]);
}

/** A constant-bit-rate MP3 (MPEG-1 layer III, 128 kbit/s, 44.1 kHz) of silent frames running about `seconds`. */
function mp3(seconds) {
	const frame = Buffer.alloc(417);
	frame.writeUInt32BE(0xfffb9064, 0);
	return Buffer.concat(Array.from({ length: Math.round((seconds * 44100) / 1152) }, () => frame));
}

module.exports = { mp4, wav, mp3 };
