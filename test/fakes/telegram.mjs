// A fake Telegram Bot API for integration and e2e tests (Node http, no framework). It answers like the real
// one: CORS headers on every response, {ok, result} / {ok:false, error_code, description, parameters}, 429 with
// parameters.retry_after and a Retry-After header, 401 for unknown tokens, 400 "chat not found", getUpdates,
// sendMessage, sendPhoto (multipart; the photo must be an image Telegram can read, with sane proportions, and the
// caption at most 1,024 characters). Everything that arrives is recorded in `received`.
import { createServer } from 'node:http';

const CORS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
  'Access-Control-Expose-Headers': 'Content-Length,Content-Type,Date,Server,Connection',
};

function parseMultipart(buf, contentType) {
  const m = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  const boundary = m?.[1] ?? m?.[2];
  const fields = {};
  const files = {};
  if (!boundary) return { fields, files };
  const raw = buf.toString('latin1');
  for (const part of raw.split(`--${boundary}`)) {
    const headEnd = part.indexOf('\r\n\r\n');
    if (headEnd < 0) continue;
    const head = part.slice(0, headEnd);
    const body = part.slice(headEnd + 4).replace(/\r\n$/, '');
    const name = /name="([^"]*)"/i.exec(head)?.[1];
    if (!name) continue;
    if (/filename="/i.test(head)) {
      const bytes = Buffer.from(body, 'latin1');
      files[name] = { size: bytes.length, head, image: readImage(bytes) };
    } else fields[name] = Buffer.from(body, 'latin1').toString('utf8');
  }
  return { fields, files };
}

const PNG = Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]);

/** What Telegram would make of an uploaded photo: PNG (with its IHDR size) or JPEG, else null (not an image). */
function readImage(bytes) {
  if (bytes.length >= 24 && bytes.subarray(0, 8).equals(PNG) && bytes.toString('latin1', 12, 16) === 'IHDR') {
    return { type: 'png', width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
  }
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) {
    return { type: 'jpeg', width: null, height: null };
  }
  return null;
}

function parseBody(buf, contentType = '') {
  if (contentType.startsWith('multipart/form-data')) return parseMultipart(buf, contentType);
  const text = buf.toString('utf8');
  if (contentType.startsWith('application/json')) return { fields: text ? JSON.parse(text) : {}, files: {} };
  return { fields: Object.fromEntries(new URLSearchParams(text)), files: {} };
}

/**
 * Starts the fake on `port` (0 = any). Options: tokens (accepted bot tokens; default any well-formed one),
 * chats (known chat ids; default any), floodMs (a second message to one chat sooner than this gets a 429).
 */
export async function startFakeTelegram({ port = 0, tokens = null, chats = null, floodMs = 0 } = {}) {
  const received = [];
  const forced = [];
  const updates = [];
  const lastByChat = new Map();
  let nextMessageId = 1;
  let nextUpdateId = 1000;

  const reply = (res, status, body, headers = {}) => {
    res.writeHead(status, { ...CORS, 'Content-Type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };
  const fail = (res, status, description, extra = {}) =>
    reply(res, status, { ok: false, error_code: status, description, ...extra });

  const server = createServer((req, res) => {
    if (req.method === 'OPTIONS') {
      res.writeHead(204, CORS);
      res.end();
      return;
    }
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://fake');
      const m = /^\/bot([^/]+)\/(\w+)$/.exec(url.pathname);
      if (!m) return fail(res, 404, 'Not Found');
      const [, token, methodRaw] = m;
      const method = methodRaw.toLowerCase();
      const { fields, files } = parseBody(Buffer.concat(chunks), req.headers['content-type']);
      const params = { ...Object.fromEntries(url.searchParams), ...fields };
      const at = Date.now();
      const record = { method, token, params, files, at, status: 200 };
      received.push(record);
      const reject = (status, description) => {
        record.status = status;
        fail(res, status, description);
      };
      const answer = (status, body, headers) => {
        record.status = status;
        reply(res, status, body, headers);
      };
      const forcedNow =
        forced.length > 0 && (forced[0].methods ?? [method]).includes(method) ? forced.shift() : null;
      if (forcedNow) {
        record.status = forcedNow.status;
        return reply(res, forcedNow.status, forcedNow.body, forcedNow.headers);
      }
      if (!/^\d+:[\w-]+$/.test(token) || (tokens && !tokens.includes(token))) {
        record.status = 401;
        return fail(res, 401, 'Unauthorized');
      }
      if (method === 'getme')
        return answer(200, { ok: true, result: { id: 1, is_bot: true, username: 'liqlab_test_bot' } });
      if (method === 'getupdates') {
        const offset = Number(params.offset ?? 0);
        return answer(200, { ok: true, result: updates.filter((u) => u.update_id >= offset).slice(0, 100) });
      }
      if (method !== 'sendmessage' && method !== 'sendphoto')
        return fail(res, 404, 'Not Found: method not found');
      const chat = String(params.chat_id ?? '');
      if (!chat) return reject(400, 'Bad Request: chat_id is empty');
      if (chats && !chats.includes(chat)) return reject(400, 'Bad Request: chat not found');
      const last = lastByChat.get(chat);
      if (floodMs > 0 && last !== undefined && at - last < floodMs) {
        return answer(
          429,
          {
            ok: false,
            error_code: 429,
            description: 'Too Many Requests: retry after 1',
            parameters: { retry_after: 1 },
          },
          { 'Retry-After': '1' },
        );
      }
      lastByChat.set(chat, at);
      const text = method === 'sendmessage' ? String(params.text ?? '') : String(params.caption ?? '');
      if (method === 'sendmessage' && (text.length === 0 || text.length > 4096)) {
        return reject(400, 'Bad Request: message is too long');
      }
      if (method === 'sendphoto' && !files.photo && !params.photo) {
        return reject(400, 'Bad Request: there is no photo in the request');
      }
      // Telegram decodes uploaded photos: a file that is not an image, or one with absurd proportions, is refused.
      const image = files.photo?.image;
      if (method === 'sendphoto' && files.photo && !image)
        return reject(400, 'Bad Request: IMAGE_PROCESS_FAILED');
      if (image?.width && image.height) {
        const { width: w, height: h } = image;
        if (w + h > 10_000 || Math.max(w, h) / Math.min(w, h) > 20) {
          return reject(400, 'Bad Request: PHOTO_INVALID_DIMENSIONS');
        }
      }
      if (method === 'sendphoto' && text.length > 1024)
        return reject(400, 'Bad Request: message caption is too long');
      return answer(200, {
        ok: true,
        result: {
          message_id: nextMessageId++,
          date: Math.floor(at / 1000),
          chat: { id: Number(chat) },
          text,
        },
      });
    });
  });
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : port}`;
  return {
    url,
    received,
    /** Successful sendMessage/sendPhoto records. */
    delivered: () =>
      received.filter((r) => r.status === 200 && (r.method === 'sendmessage' || r.method === 'sendphoto')),
    /** The next `count` calls (of `methods`, default any) get this response. */
    force(count, status, body, headers = {}, methods = null) {
      for (let i = 0; i < count; i++) forced.push({ status, body, headers, methods });
    },
    /** The next `count` sends get a 429 asking to wait `retryAfter` seconds. */
    flood(count, retryAfter) {
      const body = {
        ok: false,
        error_code: 429,
        description: `Too Many Requests: retry after ${retryAfter}`,
        parameters: { retry_after: retryAfter },
      };
      this.force(count, 429, body, { 'Retry-After': String(retryAfter) }, ['sendmessage', 'sendphoto']);
    },
    /** A user writes to the bot, so getUpdates reports the chat. */
    userWrites(chatId, text = '/start', chat = {}) {
      const type = chatId < 0 ? 'group' : 'private';
      updates.push({
        update_id: nextUpdateId++,
        message: {
          message_id: 1,
          date: Math.floor(Date.now() / 1000),
          text,
          chat: { id: chatId, type, ...chat },
        },
      });
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
