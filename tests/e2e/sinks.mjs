// Local stand-ins for the outside world, for the notice tests: an SMTP sink
// that speaks enough SMTP for libcurl (EHLO, AUTH PLAIN, MAIL, RCPT, DATA,
// RSET, NOOP, QUIT) and an HTTP sink for an SMS gateway that can be told to
// fail a number of times. Both listen on 127.0.0.1 on a free port. The SMTP
// sink can offer STARTTLS or speak TLS from the start (selfSignedCert()).
//
//   const smtp = await startSmtpSink({ rejectPermanent: ['nobody@example.com'] });
//   ... smtp.url (smtp://127.0.0.1:PORT), await smtp.waitFor(1), smtp.messages[0].data
//   await smtp.close();
//
//   const gw = await startHttpSink({ failTimes: 5 });
//   ... gw.url, gw.requests, gw.deliveries (the successful ones, one per idempotency key)
//   await gw.close();
//
//   decodeMail(raw) parses a message with python3's standard `email` package.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import tls from 'node:tls';

/* Resolves once COND() holds (polled), or rejects after TIMEOUT ms. */
async function until(cond, timeout, what) {
	const end = Date.now() + timeout;
	while (!cond()) {
		if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 20));
	}
}

/* An SMTP server keeping what it is given. Options:
 *   rejectPermanent: recipients answered 550 at RCPT
 *   rejectTemporary: recipients answered 451 at RCPT
 *   auth: offer AUTH PLAIN (the credentials land in message.auth)
 *   tls: {key, cert} (PEM): offer STARTTLS with them
 *   implicitTls: with tls, TLS from the first byte (an smtps:// server)
 *   greeting: the first line (default a 220)
 * Each message: {from, to: [...], data (the text after DATA, dots
 * unstuffed, CRLF kept), auth: {user, password} | null, tls: bool}. */
export async function startSmtpSink({ rejectPermanent = [], rejectTemporary = [], auth = false, tls: tlsOpts = null, implicitTls = false, greeting } = {}) {
	const messages = [];
	const sessions = [];
	const session = (raw) => {
		sessions.push(raw);
		let sock = raw;
		let secure = false;
		let buf = Buffer.alloc(0);
		let inData = false;
		let pendingAuth = false;
		let cur = { from: null, to: [], auth: null };
		let who = null;
		const say = (line) => sock.write(line + '\r\n');
		const onLine = (line) => {
			if (pendingAuth) {
				pendingAuth = false;
				return plain(line);
			}
			const verb = line.slice(0, 4).toUpperCase();
			const arg = line.slice(5);
			if (verb === 'EHLO') {
				say('250-sink.test');
				if (tlsOpts && !secure) say('250-STARTTLS');
				if (auth) say('250-AUTH PLAIN');
				say('250 SIZE 10485760');
			} else if (verb === 'HELO') say('250 sink.test');
			else if (line.toUpperCase() === 'STARTTLS') {
				if (!tlsOpts || secure) return say('502 not offered');
				say('220 ready to start TLS');
				sock.removeAllListeners('data');
				buf = Buffer.alloc(0);
				const t = new tls.TLSSocket(sock, { isServer: true, ...tlsOpts });
				t.on('error', () => {});
				sock = t;
				secure = true;
				who = null;
				sock.on('data', onData);
			} else if (verb === 'AUTH') {
				const [mech, initial] = arg.split(' ');
				if (!auth || mech.toUpperCase() !== 'PLAIN') return say('504 unsupported');
				if (initial) return plain(initial);
				pendingAuth = true;
				say('334 ');
			} else if (verb === 'MAIL') {
				cur = { from: (arg.match(/<([^>]*)>/) || [])[1] ?? null, to: [], auth: who };
				say('250 OK');
			} else if (verb === 'RCPT') {
				const to = (arg.match(/<([^>]*)>/) || [])[1] ?? '';
				if (rejectPermanent.includes(to)) return say('550 5.1.1 no such user');
				if (rejectTemporary.includes(to)) return say('451 4.3.0 try again later');
				cur.to.push(to);
				say('250 OK');
			} else if (verb === 'DATA') {
				if (!cur.to.length) return say('503 no recipients');
				inData = true;
				say('354 go ahead');
			} else if (verb === 'RSET') {
				cur = { from: null, to: [], auth: who };
				say('250 OK');
			} else if (verb === 'NOOP') say('250 OK');
			else if (verb === 'QUIT') {
				say('221 bye');
				sock.end();
			} else say('502 unknown command');
		};
		const plain = (b64) => {
			const parts = Buffer.from(b64, 'base64').toString('utf8').split('\0');
			who = { user: parts[1], password: parts[2] };
			say('235 2.7.0 accepted');
		};
		const onData = (chunk) => {
			buf = Buffer.concat([buf, chunk]);
			for (;;) {
				if (inData) {
					const end = buf.indexOf('\r\n.\r\n');
					const startEnd = buf.subarray(0, 3).toString() === '.\r\n';
					if (end < 0 && !startEnd) return;
					const body = startEnd ? '' : buf.subarray(0, end + 2).toString('utf8');
					buf = buf.subarray(startEnd ? 3 : end + 5);
					inData = false;
					const data = body.replace(/^\.\./gm, '.');
					messages.push({ ...cur, data, tls: secure });
					say('250 OK queued as m' + messages.length);
					continue;
				}
				const nl = buf.indexOf('\r\n');
				if (nl < 0) return;
				const line = buf.subarray(0, nl).toString('utf8');
				buf = buf.subarray(nl + 2);
				onLine(line);
			}
		};
		if (implicitTls) {
			secure = true;
			sock.on('error', () => {});
		}
		sock.on('data', onData);
		sock.on('error', () => {});
		say(greeting || '220 sink.test ESMTP gongkai test sink');
	};
	const server = implicitTls && tlsOpts ? tls.createServer(tlsOpts, session) : net.createServer(session);
	await new Promise((r) => server.listen(0, '127.0.0.1', r));
	const port = server.address().port;
	return {
		port,
		url: `${implicitTls ? 'smtps' : 'smtp'}://127.0.0.1:${port}`,
		messages,
		waitFor: (n, timeout = 10000) => until(() => messages.length >= n, timeout, `${n} message(s)`),
		close: () => new Promise((r) => {
			for (const s of sessions) s.destroy();
			server.close(r);
		}),
	};
}

/* A self-signed certificate for 127.0.0.1 made with the openssl command in
 * DIR: {key, cert} (PEM text) and certFile (the CA file a client trusts),
 * or null without openssl. */
export function selfSignedCert(dir) {
	const key = path.join(dir, 'sink-key.pem');
	const cert = path.join(dir, 'sink-cert.pem');
	const r = spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert,
		'-days', '2', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { encoding: 'utf8' });
	if (r.error || r.status !== 0) return null;
	return { key: fs.readFileSync(key, 'utf8'), cert: fs.readFileSync(cert, 'utf8'), certFile: cert };
}

/* An HTTP server for an SMS gateway. Options:
 *   failTimes: the first N requests are answered failStatus (default 500)
 *   failStatus
 *   status: the answer after that (default 200), with
 *   answer(req, n): a function giving the JSON answer (default
 *     {"code":"OK","data":{"message_id":"sink-N"}})
 *   idempotencyHeader: the header a retry is recognised by (default
 *     idempotency-key); a second success with the same key is not a new delivery
 * Each request: {method, url, headers, body}. deliveries: the successful
 * requests, one per key. */
export async function startHttpSink({ failTimes = 0, failStatus = 500, status = 200, answer, idempotencyHeader = 'idempotency-key' } = {}) {
	const requests = [];
	const deliveries = [];
	const seen = new Map();
	const server = http.createServer((req, res) => {
		const chunks = [];
		req.on('data', (c) => chunks.push(c));
		req.on('end', () => {
			const r = { method: req.method, url: req.url, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
			requests.push(r);
			const n = requests.length;
			if (n <= sink.failTimes) {
				res.writeHead(sink.failStatus, { 'content-type': 'application/json' });
				return res.end(JSON.stringify({ code: 'FAIL', message: `failure ${n}` }));
			}
			const key = req.headers[idempotencyHeader];
			let body;
			if (sink.status >= 200 && sink.status < 300 && key && seen.has(key)) {
				body = seen.get(key); // a gateway that dedups answers as before
			} else {
				body = answer ? answer(r, n) : { code: 'OK', data: { message_id: `sink-${n}` } };
				if (sink.status >= 200 && sink.status < 300) {
					deliveries.push(r);
					if (key) seen.set(key, body);
				}
			}
			res.writeHead(sink.status, { 'content-type': 'application/json' });
			res.end(JSON.stringify(body));
		});
	});
	await new Promise((r) => server.listen(0, '127.0.0.1', r));
	const port = server.address().port;
	const sink = {
		port,
		url: `http://127.0.0.1:${port}`,
		requests,
		deliveries,
		failTimes,
		failStatus,
		status,
		waitFor: (n, timeout = 10000) => until(() => requests.length >= n, timeout, `${n} request(s)`),
		close: () => new Promise((r) => {
			server.closeAllConnections?.();
			server.close(r);
		}),
	};
	return sink;
}

const PY_DECODE = `
import email, email.policy, json, sys
raw = sys.stdin.buffer.read()
m = email.message_from_bytes(raw, policy=email.policy.default)
print(json.dumps({
    "subject": str(m["subject"]), "from": str(m["from"]), "to": str(m["to"]),
    "message_id": str(m["message-id"]), "date": str(m["date"]),
    "content_type": m.get_content_type(), "charset": m.get_content_charset(),
    "cte": str(m["content-transfer-encoding"]),
    "body": m.get_content(), "defects": [str(d) for d in m.defects],
}, ensure_ascii=False))
`;

/* The message RAW as python3's standard mail parser reads it:
 * {subject, from, to, message_id, date, content_type, charset, cte, body, defects}. */
export function decodeMail(raw) {
	const r = spawnSync('python3', ['-c', PY_DECODE], { input: raw, encoding: 'utf8' });
	if (r.status !== 0) throw new Error(`python3 could not parse the mail: ${r.stderr}`);
	return JSON.parse(r.stdout);
}
