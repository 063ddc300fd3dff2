// What the header section says about the body and the connection (RFC 9112 §6, §9.3), decided
// as Node 20's llhttp does: a chunked body when the last transfer coding is `chunked`, any
// other transfer coding refused; a Content-Length of digits only, once; both together refused
// (the classic request-smuggling ambiguity, RFC 9112 §6.1); keep-alive by default from
// HTTP/1.1 on unless `Connection: close`, for HTTP/1.0 only with `Connection: keep-alive`.

import { MAX_CONTENT_LENGTH_DIGITS } from './limits';
import { isFieldName } from './tokens';

export interface Framing {
  /** Body octets announced by Content-Length; -1 without one (0 when chunked). */
  contentLength: number;
  chunked: boolean;
  keepAlive: boolean;
  /** Why the request is refused (400), or ''. */
  error: string;
}

/** The comma-separated tokens of a header value, trimmed and lower-cased. */
function tokens(value: string): string[] {
  return value.split(',').map((t: string) => t.trim().toLowerCase());
}

export function framing(raw: string[], versionMajor: number, versionMinor: number): Framing {
  const result: Framing = { contentLength: -1, chunked: false, keepAlive: versionMajor > 0 && versionMinor > 0, error: '' };
  let lengths = 0;
  let codings: string[] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i];
    const value = raw[i + 1];
    if (isFieldName(name, 'content-length')) {
      lengths++;
      if (lengths > 1) {
        result.error = 'Duplicate Content-Length';
        return result;
      }
      if (value.length === 0 || value.length > MAX_CONTENT_LENGTH_DIGITS) {
        result.error = 'Invalid character in Content-Length';
        return result;
      }
      let n = 0;
      for (let k = 0; k < value.length; k++) {
        const d = value.charCodeAt(k) - 48;
        if (d < 0 || d > 9) {
          result.error = 'Invalid character in Content-Length';
          return result;
        }
        n = n * 10 + d;
      }
      result.contentLength = n;
    } else if (isFieldName(name, 'transfer-encoding')) {
      codings = codings.concat(tokens(value));
    } else if (isFieldName(name, 'connection')) {
      for (const t of tokens(value)) {
        if (t === 'close') {
          result.keepAlive = false;
        } else if (t === 'keep-alive' && !(versionMajor > 0 && versionMinor > 0)) {
          result.keepAlive = true;
        }
      }
    }
  }
  if (codings.length > 0) {
    if (lengths > 0) {
      result.error = 'Content-Length can\'t be present with Transfer-Encoding';
      return result;
    }
    if (codings[codings.length - 1] !== 'chunked') {
      result.error = 'Request has invalid `Transfer-Encoding`';
      return result;
    }
    result.chunked = true;
    result.contentLength = 0;
  }
  return result;
}
