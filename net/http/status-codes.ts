// Reason phrases for status lines: Node's http.STATUS_CODES (the common part of it).

const CODES: number[] = [100, 101, 200, 201, 202, 204, 206, 301, 302, 303, 304, 307, 308, 400, 401, 403, 404, 405, 406, 408, 409, 410, 411, 412, 413, 414, 415, 416, 417, 418, 422, 426, 428, 429, 431, 500, 501, 502, 503, 504, 505];
const PHRASES: string[] = [
  'Continue', 'Switching Protocols', 'OK', 'Created', 'Accepted', 'No Content', 'Partial Content', 'Moved Permanently',
  'Found', 'See Other', 'Not Modified', 'Temporary Redirect', 'Permanent Redirect', 'Bad Request', 'Unauthorized',
  'Forbidden', 'Not Found', 'Method Not Allowed', 'Not Acceptable', 'Request Timeout', 'Conflict', 'Gone',
  'Length Required', 'Precondition Failed', 'Payload Too Large', 'URI Too Long', 'Unsupported Media Type',
  'Range Not Satisfiable', 'Expectation Failed', "I'm a Teapot", 'Unprocessable Entity', 'Upgrade Required',
  'Precondition Required', 'Too Many Requests', 'Request Header Fields Too Large', 'Internal Server Error',
  'Not Implemented', 'Bad Gateway', 'Service Unavailable', 'Gateway Timeout', 'HTTP Version Not Supported',
];

/** The reason phrase Node sends for `code`; 'unknown' for codes it has none for. */
export function reasonPhrase(code: number): string {
  const i = CODES.indexOf(code);
  return i >= 0 ? PHRASES[i] : 'unknown';
}
