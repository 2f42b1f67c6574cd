// Unit tests of the image header reader and the input limits.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { readImageHeader, checkImageLimits, IMAGE_LIMITS } = require('../dist/nodes/shared/image');

function png(width, height) {
	const b = Buffer.alloc(33);
	Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(b, 0);
	b.writeUInt32BE(13, 8);
	b.write('IHDR', 12, 'latin1');
	b.writeUInt32BE(width, 16);
	b.writeUInt32BE(height, 20);
	return b;
}

function jpeg(width, height, { progressive = false, withExif = true } = {}) {
	const parts = [Buffer.from([0xff, 0xd8])];
	if (withExif) {
		const app1 = Buffer.alloc(2 + 2 + 20);
		app1.writeUInt16BE(0xffe1, 0);
		app1.writeUInt16BE(22, 2);
		parts.push(app1);
	}
	const dht = Buffer.from([0xff, 0xc4, 0x00, 0x04, 0x00, 0x00]);
	parts.push(dht, Buffer.from([0xff, 0xff])); // a fill byte before the next marker
	const sof = Buffer.alloc(2 + 2 + 6);
	sof.writeUInt16BE(progressive ? 0xffc2 : 0xffc0, 0);
	sof.writeUInt16BE(8, 2);
	sof[4] = 8;
	sof.writeUInt16BE(height, 5);
	sof.writeUInt16BE(width, 7);
	parts.push(sof, Buffer.from([0xff, 0xda, 0x00, 0x02]));
	return Buffer.concat(parts);
}

function webp(chunk, width, height) {
	const b = Buffer.alloc(40);
	b.write('RIFF', 0, 'latin1');
	b.writeUInt32LE(32, 4);
	b.write('WEBP', 8, 'latin1');
	b.write(chunk, 12, 'latin1');
	b.writeUInt32LE(20, 16);
	if (chunk === 'VP8 ') {
		b[23] = 0x9d;
		b[24] = 0x01;
		b[25] = 0x2a;
		b.writeUInt16LE(width, 26);
		b.writeUInt16LE(height, 28);
	} else if (chunk === 'VP8L') {
		b[20] = 0x2f;
		b.writeUInt32LE(((height - 1) << 14) | (width - 1), 21);
	} else {
		b.writeUIntLE(width - 1, 24, 3);
		b.writeUIntLE(height - 1, 27, 3);
	}
	return b;
}

describe('readImageHeader', () => {
	test.each([
		['PNG', png(1280, 720), 'png', 1280, 720],
		['baseline JPEG with EXIF and fill bytes', jpeg(720, 1280), 'jpeg', 720, 1280],
		['progressive JPEG', jpeg(1024, 768, { progressive: true, withExif: false }), 'jpeg', 1024, 768],
		['lossy WebP', webp('VP8 ', 800, 600), 'webp', 800, 600],
		['lossless WebP', webp('VP8L', 640, 480), 'webp', 640, 480],
		['extended WebP', webp('VP8X', 4000, 3000), 'webp', 4000, 3000],
	])('reads %s', (_name, bytes, format, width, height) => {
		expect(readImageHeader(bytes)).toEqual(expect.objectContaining({ format, width, height }));
	});

	test.each([
		['sample.png', 'png', 640, 360],
		['sample.jpg', 'jpeg', 720, 1280],
		['sample.webp', 'webp', 512, 512],
		['too-small.png', 'png', 200, 200],
	])('reads the real file %s', (name, format, width, height) => {
		const bytes = fs.readFileSync(path.join(__dirname, 'fixtures', name));
		expect(readImageHeader(bytes)).toEqual({ format, mimeType: expect.stringMatching(/^image\//), width, height });
	});

	test('names a GIF as unsupported', () => {
		expect(readImageHeader(Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1'))).toMatch(/GIF image; Hailuo takes JPG\/JPEG, PNG or WebP/);
	});

	test('rejects bytes that are no image', () => {
		expect(readImageHeader(Buffer.from('hello world, not an image'))).toMatch(/is not a JPG\/JPEG, PNG or WebP image/);
	});

	test('reports a truncated header', () => {
		expect(readImageHeader(png(800, 600).subarray(0, 14))).toMatch(/damaged or cut off/);
		expect(readImageHeader(jpeg(800, 600).subarray(0, 12))).toMatch(/damaged or cut off/);
	});
});

describe('checkImageLimits', () => {
	const header = (width, height) => ({ format: 'png', mimeType: 'image/png', width, height });

	test('accepts images inside every limit, including the exact 2:5 and 5:2 ratios', () => {
		expect(checkImageLimits(header(1280, 720), 1000)).toBeUndefined();
		expect(checkImageLimits(header(400, 1000), 1000)).toBeUndefined();
		expect(checkImageLimits(header(1000, 400), 1000)).toBeUndefined();
	});

	test('rejects a short side of 300 px or less', () => {
		expect(checkImageLimits(header(300, 600), 1000)).toMatch(/300×600 px; its short side must be over 300 px/);
	});

	test('rejects aspect ratios outside 2:5..5:2', () => {
		expect(checkImageLimits(header(1600, 400), 1000)).toMatch(/aspect ratio 4.00\); the aspect ratio must be between 2:5 and 5:2/);
		expect(checkImageLimits(header(400, 1100), 1000)).toMatch(/between 2:5 and 5:2/);
	});

	test('rejects 20 MB and more', () => {
		expect(checkImageLimits(header(1280, 720), IMAGE_LIMITS.maxBytes)).toMatch(/20.0 MB; the limit is under 20.0 MB/);
	});
});
