// HTTP plumbing of the emulator: body reading/parsing, replies (JSON, buffers, streams), path patterns.
'use strict';

const { pipeline } = require('node:stream');

const { parseMultipart, summarizeMultipart } = require('./multipart');

// Above Atlas's documented 50 MB body limit, so its 413 can be produced from a real oversized body.
const MAX_BODY_BYTES = 64 * 1024 * 1024;
const RAW_NUMBER = '__emulator_raw_number__:';

function readBody(req) {
	return new Promise((resolve, reject) => {
		const chunks = [];
		let size = 0;
		req.on('data', (chunk) => {
			size += chunk.length;
			if (size <= MAX_BODY_BYTES) chunks.push(chunk);
		});
		req.on('end', () => resolve({ buffer: Buffer.concat(chunks), tooLarge: size > MAX_BODY_BYTES }));
		req.on('error', reject);
	});
}

/** Parses the body by content type; JSON is also tried without a content type (logs stay readable). */
function parseBody(buffer, contentType = '') {
	if (!buffer.length) return { body: null, logBody: null };
	if (/multipart\/form-data/i.test(contentType)) {
		try {
			const multipart = parseMultipart(buffer, contentType);
			return { body: null, multipart, logBody: summarizeMultipart(multipart) };
		} catch (error) {
			return { body: null, bodyError: error.message, logBody: { invalidMultipart: error.message } };
		}
	}
	const looksJson = /json/i.test(contentType) || (!contentType && /^\s*[[{]/.test(buffer.toString('utf8', 0, 64)));
	if (looksJson || /^text\//i.test(contentType)) {
		const text = buffer.toString('utf8');
		try {
			const body = JSON.parse(text);
			return { body, logBody: body };
		} catch {
			return { body: null, bodyError: 'body is not valid JSON', logBody: { invalidJson: text.slice(0, 2000) } };
		}
	}
	return { body: null, logBody: { raw: { contentType, size: buffer.length } } };
}

function toJson(value) {
	// Raw numbers (e.g. int64 file ids) are written unquoted, beyond JavaScript's safe integers.
	return JSON.stringify(value).replace(new RegExp(`"${RAW_NUMBER}(-?\\d+)"`, 'g'), '$1');
}

function send(req, res, reply) {
	if (reply.drop) {
		req.socket.destroy();
		return;
	}
	const headers = { ...reply.headers };
	if (reply.stream) {
		res.writeHead(reply.status ?? 200, headers);
		if (req.method === 'HEAD') {
			reply.stream.destroy();
			res.end();
			return;
		}
		// A truncated download: announce the full length, send part of it, then cut the connection.
		if (reply.cutAfterBytes !== undefined) return sendCut(req, res, reply);
		// A short download: no content-length (so chunked), part of the bytes, then a clean end.
		if (reply.endAfterBytes !== undefined) return sendShort(res, reply);
		pipeline(reply.stream, res, () => {});
		return;
	}
	let payload;
	if (reply.json !== undefined) {
		payload = Buffer.from(toJson(reply.json));
		headers['content-type'] ??= 'application/json; charset=utf-8';
	} else {
		payload = Buffer.isBuffer(reply.body) ? reply.body : Buffer.from(reply.body ?? '');
	}
	headers['content-length'] = payload.length;
	res.writeHead(reply.status ?? 200, headers);
	res.end(req.method === 'HEAD' ? undefined : payload);
}

function sendCut(req, res, reply) {
	let sent = 0;
	reply.stream.on('data', (chunk) => {
		const room = reply.cutAfterBytes - sent;
		if (room > 0) res.write(chunk.subarray(0, room));
		sent += chunk.length;
		if (sent >= reply.cutAfterBytes) {
			reply.stream.destroy();
			setTimeout(() => req.socket.destroy(), 20);
		}
	});
}

function sendShort(res, reply) {
	let sent = 0;
	let ended = false;
	const finish = () => {
		if (ended) return;
		ended = true;
		reply.stream.destroy();
		res.end();
	};
	reply.stream.on('data', (chunk) => {
		const room = reply.endAfterBytes - sent;
		if (room > 0) res.write(chunk.subarray(0, room));
		sent += chunk.length;
		if (sent >= reply.endAfterBytes) finish();
	});
	reply.stream.on('end', finish);
	reply.stream.on('error', finish);
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** '/v1/tasks/:id' → a matcher returning { id } or null. */
function compilePath(pattern) {
	const keys = [];
	const source = pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:(\w+)/g, (_, key) => {
		keys.push(key);
		return '([^/]+)';
	});
	const regex = new RegExp(`^${source}$`);
	return (pathname) => {
		const match = regex.exec(pathname);
		if (!match) return null;
		return Object.fromEntries(keys.map((key, i) => [key, decodeURIComponent(match[i + 1])]));
	};
}

/** Marks `digits` to be written as a bare JSON number (no precision loss through JavaScript numbers). */
const rawNumber = (digits) => `${RAW_NUMBER}${digits}`;

module.exports = { readBody, parseBody, send, sleep, compilePath, rawNumber };
