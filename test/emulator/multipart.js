// A small multipart/form-data parser: enough for file uploads from n8n's form-data and from fetch's
// FormData (boundary in the content type, CRLF line ends, one level of parts).
'use strict';

function boundaryOf(contentType) {
	const match = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType ?? '');
	return match ? (match[1] ?? match[2]) : null;
}

function parseDisposition(headerText) {
	const param = (name) => {
		const m = new RegExp(`;\\s*${name}="([^"]*)"|;\\s*${name}=([^;\\s]+)`, 'i').exec(headerText);
		return m ? (m[1] ?? m[2]) : undefined;
	};
	return { name: param('name'), filename: param('filename') };
}

/**
 * Parses a multipart body into text fields and files. Throws on a body that is not well formed,
 * so callers can answer 400 the way a real server would.
 */
function parseMultipart(body, contentType) {
	const boundary = boundaryOf(contentType);
	if (!boundary) throw new Error('multipart body without a boundary');
	const delimiter = Buffer.from(`--${boundary}`);
	const nextDelimiter = Buffer.from(`\r\n--${boundary}`);
	const result = { fields: {}, files: [] };

	let pos = body.indexOf(delimiter);
	if (pos < 0) throw new Error('multipart boundary not found in the body');
	for (;;) {
		pos += delimiter.length;
		if (body.toString('latin1', pos, pos + 2) === '--') break; // closing delimiter
		if (body[pos] === 0x0d && body[pos + 1] === 0x0a) pos += 2;
		const headerEnd = body.indexOf('\r\n\r\n', pos);
		if (headerEnd < 0) throw new Error('multipart part without headers');
		const end = body.indexOf(nextDelimiter, headerEnd + 4);
		if (end < 0) throw new Error('multipart part without a closing boundary');

		const headers = {};
		for (const line of body.toString('utf8', pos, headerEnd).split('\r\n')) {
			const colon = line.indexOf(':');
			if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
		}
		const { name, filename } = parseDisposition(headers['content-disposition'] ?? '');
		const data = body.subarray(headerEnd + 4, end);
		if (filename !== undefined) {
			result.files.push({ name, filename, contentType: headers['content-type'] || 'application/octet-stream', data });
		} else if (name !== undefined) {
			result.fields[name] = data.toString('utf8');
		}
		pos = end + 2; // onto the next "--boundary"
	}
	return result;
}

/** The multipart summary kept in the request log (file bytes are left out). */
function summarizeMultipart(parsed) {
	return {
		multipart: {
			fields: parsed.fields,
			files: parsed.files.map(({ name, filename, contentType, data }) => ({
				name,
				filename,
				contentType,
				size: data.length,
			})),
		},
	};
}

module.exports = { parseMultipart, summarizeMultipart };
