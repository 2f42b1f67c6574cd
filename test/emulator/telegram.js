// Stand-in of Telegram's Bot API, for publishing examples that end in n8n's own Telegram node (whose
// credential takes a Base URL). It is not a Hailuo host: it lives beside the provider registry, mounted
// under /telegram, and keeps the files it receives so a test can read them back the way a bot does.
//
// Documentation followed (https://core.telegram.org/bots/api):
// - requests are `{base}/bot<token>/<method>`; every answer is `{ok: true, result}` or
//   `{ok: false, error_code, description}` ("Making requests"); a wrong token is answered 401 Unauthorized,
//   an unknown method 404 Not Found;
// - sendVideo (#sendvideo): `chat_id`, `video` (a file posted as multipart/form-data, up to 50 MB — "Sending
//   files"), optional `caption` (0–1024 characters), `width`, `height`, `duration`; answers the sent Message
//   (#message) with a Video (#video: file_id, file_unique_id, width, height, duration, file_name, mime_type,
//   file_size);
// - getFile (#getfile) → a File (file_id, file_unique_id, file_size, file_path), downloaded from
//   `{base}/file/bot<token>/<file_path>`;
// - getMe (#getme, what n8n's credential test calls) → the bot's User.
'use strict';

const crypto = require('node:crypto');

const PREFIX = '/telegram';
const TOKEN = '123456789:emulator-bot-token';
const BOT = { id: 123456789, is_bot: true, first_name: 'Hailuo Emulator Bot', username: 'hailuo_emulator_bot' };
const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;
const MAX_CAPTION = 1024;

const reply = (status, json) => ({ status, json });
const ok = (result) => reply(200, { ok: true, result });
const refuse = (status, description) => reply(status, { ok: false, error_code: status, description });

/** Duration (s) and the first video track's width and height, read from an MP4's `mvhd` and `tkhd` boxes. */
function mp4Facts(data) {
	const facts = { duration: 0, width: 0, height: 0 };
	const mvhd = data.indexOf('mvhd');
	if (mvhd > 0) {
		const version = data[mvhd + 4];
		const timescale = data.readUInt32BE(mvhd + (version === 1 ? 24 : 16));
		const duration = version === 1 ? Number(data.readBigUInt64BE(mvhd + 28)) : data.readUInt32BE(mvhd + 20);
		if (timescale) facts.duration = Math.round(duration / timescale);
	}
	for (let at = data.indexOf('tkhd'); at > 0; at = data.indexOf('tkhd', at + 4)) {
		const end = at - 4 + data.readUInt32BE(at - 4); // the box's size precedes its type
		const [width, height] = [data.readUInt32BE(end - 8) >>> 16, data.readUInt32BE(end - 4) >>> 16];
		if (width && height) return { ...facts, width, height };
	}
	return facts;
}

/** One stand-in per emulator: its routes (paths under PREFIX) and a reset of the files it keeps. */
function createTelegramBotApi() {
	const files = new Map(); // file_id → { file_unique_id, file_path, data }
	let nextMessageId = 1;

	const authorized = (call) => call.params.token === TOKEN;

	function sendVideo(call) {
		const fields = call.multipart?.fields ?? call.body ?? {};
		const upload = call.multipart?.files.find((f) => f.name === 'video');
		if (!fields.chat_id) return refuse(400, 'Bad Request: chat_id is empty');
		if (!upload) return refuse(400, 'Bad Request: there is no video in the request');
		if (upload.data.length > MAX_UPLOAD_BYTES) return refuse(413, 'Request Entity Too Large');
		const caption = fields.caption ?? '';
		if ([...caption].length > MAX_CAPTION) return refuse(400, 'Bad Request: message caption is too long');
		const fileId = `BAACAgEmu${crypto.randomBytes(12).toString('hex')}`;
		const fileUniqueId = crypto.randomBytes(8).toString('hex');
		const fileName = upload.filename || 'video.mp4';
		files.set(fileId, { file_unique_id: fileUniqueId, file_path: `videos/${fileUniqueId}.mp4`, data: upload.data });
		const facts = mp4Facts(upload.data);
		const number = (name) => (fields[name] !== undefined && fields[name] !== '' ? Number(fields[name]) : undefined);
		return ok({
			message_id: nextMessageId++,
			from: BOT,
			chat: { id: Number(fields.chat_id) || fields.chat_id, type: String(fields.chat_id).startsWith('@') || Number(fields.chat_id) < 0 ? 'channel' : 'private' },
			date: Math.floor(Date.now() / 1000),
			video: {
				file_id: fileId,
				file_unique_id: fileUniqueId,
				width: number('width') ?? facts.width,
				height: number('height') ?? facts.height,
				duration: number('duration') ?? facts.duration,
				file_name: fileName,
				mime_type: upload.contentType || 'video/mp4',
				file_size: upload.data.length,
			},
			...(caption ? { caption } : {}),
		});
	}

	function getFile(call) {
		const fileId = call.query.file_id ?? call.body?.file_id ?? call.multipart?.fields.file_id;
		const file = files.get(fileId);
		if (!file) return refuse(400, 'Bad Request: invalid file_id');
		return ok({ file_id: fileId, file_unique_id: file.file_unique_id, file_size: file.data.length, file_path: file.file_path });
	}

	const method = (handle) => (call) => (authorized(call) ? handle(call) : refuse(401, 'Unauthorized'));
	const methods = { getMe: () => ok(BOT), sendVideo, getFile };
	const api = (call) => {
		const handle = methods[call.params.method];
		return handle ? method(handle)(call) : refuse(404, 'Not Found');
	};
	const download = (call) => {
		if (!authorized(call)) return refuse(401, 'Unauthorized');
		const file = [...files.values()].find((f) => f.file_path === `${call.params.dir}/${call.params.name}`);
		return file ? { headers: { 'content-type': 'video/mp4' }, body: file.data } : refuse(404, 'Not Found');
	};

	return {
		routes: [
			{ method: 'GET', path: `${PREFIX}/file/bot:token/:dir/:name`, handle: download },
			{ method: 'GET', path: `${PREFIX}/bot:token/:method`, handle: api },
			{ method: 'POST', path: `${PREFIX}/bot:token/:method`, handle: api },
		],
		reset() {
			files.clear();
			nextMessageId = 1;
		},
	};
}

module.exports = { createTelegramBotApi, PREFIX, TOKEN, mp4Facts };
