// The limits of the HTTP/1.1 request parser, Node's: what a peer may send before the server
// answers 431 or 400 and closes. Node takes them from llhttp and `--max-http-header-size`.

/** Request line plus header section, in octets (Node's `maxHeaderSize`, 16 KiB): over it, 431. */
export const MAX_HEADER_SIZE = 16384;

/** Hexadecimal digits of a chunk size: more cannot be a size anyone sends (llhttp rejects a
 *  size past 2^64; 13 digits already exceed what a double holds exactly). */
export const MAX_CHUNK_SIZE_DIGITS = 13;

/** Digits of a Content-Length: beyond 2^53 a double is no longer exact. */
export const MAX_CONTENT_LENGTH_DIGITS = 15;

/** Status answered for a request whose head exceeds MAX_HEADER_SIZE. */
export const STATUS_HEADERS_TOO_LARGE = 431;
/** Status answered for any other malformed request. */
export const STATUS_BAD_REQUEST = 400;
