// One HTTP(S) request to an OpenStack API, with a timeout, turned into either a
// response or an OpenStackError. Bodies are JSON, or a file stream for image data.
//
// The timeout is an inactivity timeout (no bytes sent or received for that long), not
// a deadline for the whole request: a large image upload may take minutes, but a
// server that stops answering is noticed after `timeoutMs`.

import * as http from 'http';
import * as https from 'https';
import { Readable } from 'stream';
import { httpError, malformedError, networkError, OpenStackError, timeoutError } from './errors';

export interface Transport {
  timeoutMs: number;
  /** Extra CA certificates (PEM), from clouds.yaml `cacert`. */
  ca?: string;
  /** false when clouds.yaml says `verify: false`. */
  verifyTls: boolean;
}

export interface Request {
  /** What the request does, for messages: "Keystone: authenticate". */
  what: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: string;
  headers?: Record<string, string>;
  json?: unknown;
  /** A body stream of `length` bytes (e.g. the image file). */
  stream?: { body: Readable; length: number; contentType: string };
  /** Statuses that count as success. */
  expect: number[];
  /** A better error than httpError's for an unexpected answer, when the caller knows one. */
  explain?: (res: Response) => OpenStackError | undefined;
}

export interface Response {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

export function send(t: Transport, r: Request): Promise<Response> {
  let url: URL;
  try {
    url = new URL(r.url);
  } catch {
    return Promise.reject(new OpenStackError(`${r.what}: invalid URL ${JSON.stringify(r.url)}`));
  }
  const headers: Record<string, string> = { Accept: 'application/json', 'User-Agent': 'tsuk-openstack', ...r.headers };
  let payload: Buffer | undefined;
  if (r.json !== undefined) {
    payload = Buffer.from(JSON.stringify(r.json));
    headers['Content-Type'] = 'application/json';
    headers['Content-Length'] = String(payload.length);
  } else if (r.stream) {
    headers['Content-Type'] = r.stream.contentType;
    headers['Content-Length'] = String(r.stream.length);
  }
  const lib = url.protocol === 'https:' ? https : http;
  // A connection per request: OpenStack's uwsgi servers close idle keep-alive connections, and
  // a request sent on one just closed fails with ECONNRESET.
  const options: https.RequestOptions = { method: r.method, headers, agent: false };
  if (url.protocol === 'https:') {
    options.ca = t.ca;
    options.rejectUnauthorized = t.verifyTls;
  }

  return new Promise((resolve, reject) => {
    let settled = false;
    const fail = (e: OpenStackError): void => {
      if (settled) return;
      settled = true;
      req.destroy();
      r.stream?.body.destroy();
      reject(e);
    };
    const req = lib.request(url, options, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', (e: NodeJS.ErrnoException) => fail(networkError(r.what, url, e)));
      res.on('end', () => {
        if (settled) return;
        settled = true;
        r.stream?.body.destroy();
        const body = Buffer.concat(chunks);
        const status = res.statusCode ?? 0;
        if (r.expect.includes(status)) {
          resolve({ status, headers: res.headers, body });
          return;
        }
        // An error may come before the body was all sent (Glance's 413 over its size cap): the
        // server keeps the connection open without reading the rest, and the pending write
        // would keep Node alive for ever.
        req.destroy();
        reject(r.explain?.({ status, headers: res.headers, body }) ?? httpError(r.what, status, body));
      });
    });
    req.setTimeout(t.timeoutMs, () => fail(timeoutError(r.what, url, t.timeoutMs)));
    // A server that refuses an upload (413, 409) may answer before reading it all and
    // close the socket; the write error that follows must not hide its answer, so
    // socket errors wait a moment for a response that is already on its way.
    req.on('error', (e: NodeJS.ErrnoException) => {
      if (r.stream && (e.code === 'EPIPE' || e.code === 'ECONNRESET')) setTimeout(() => fail(networkError(r.what, url, e)), 200);
      else fail(networkError(r.what, url, e));
    });
    if (payload) req.end(payload);
    else if (r.stream) {
      r.stream.body.on('error', (e) => fail(new OpenStackError(`${r.what}: reading the image failed: ${e.message}`)));
      r.stream.body.pipe(req);
    } else req.end();
  });
}

/** The body of `res` as JSON, or a "malformed response" error. */
export function json<T>(what: string, res: Response, expected: string): T {
  try {
    return JSON.parse(res.body.toString('utf8')) as T;
  } catch {
    throw malformedError(what, expected);
  }
}
