// The one error type the OpenStack client throws, and how HTTP statuses and socket
// failures become the one-line messages a user sees (no stack traces: the CLI prints
// `message` alone). Each message says what happened and, where it helps, what to check.

export class OpenStackError extends Error {
  constructor(
    message: string,
    /** The HTTP status, when the failure was an HTTP answer. */
    readonly status?: number,
  ) {
    super(message);
    this.name = 'OpenStackError';
  }
}

/** The server's own explanation from an error body (JSON of any service, or text/HTML). */
export function serverMessage(body: Buffer): string {
  const text = body.toString('utf8').trim();
  if (text === '') return '';
  try {
    const json: unknown = JSON.parse(text);
    const found = findMessage(json, 0);
    if (found) return oneLine(plainText(found));
  } catch {
    // not JSON: Glance answers errors as text or HTML
  }
  return oneLine(plainText(text));
}

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** Text from an error page or an HTML fragment (Glance puts `<br /><br />` even in its JSON
 *  messages): the page's title and heading only repeat the status, so they go. */
export function plainText(html: string): string {
  return html
    .replace(/<(head|title|h1)\b[^>]*>[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
      if (e[0] !== '#') return ENTITIES[e.toLowerCase()] ?? m;
      return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1)));
    });
}

// Keystone: {error: {message}}; Nova: {badRequest: {message}}; Neutron:
// {NeutronError: {message}}; Glance (JSON mode): {message} or {title, description}.
function findMessage(v: unknown, depth: number): string | undefined {
  if (typeof v !== 'object' || v === null || depth > 2) return undefined;
  const o = v as Record<string, unknown>;
  for (const key of ['message', 'description', 'detail', 'title']) {
    if (typeof o[key] === 'string' && o[key] !== '') return o[key] as string;
  }
  for (const value of Object.values(o)) {
    const m = findMessage(value, depth + 1);
    if (m) return m;
  }
  return undefined;
}

function oneLine(s: string): string {
  const line = s.replace(/\s+/g, ' ').trim();
  return line.length > 200 ? line.slice(0, 197) + '...' : line;
}

/** `what` (e.g. "Glance: upload image data") failed with HTTP `status`. */
export function httpError(what: string, status: number, body: Buffer): OpenStackError {
  const said = serverMessage(body);
  const detail = said ? `: ${said}` : '';
  switch (status) {
    case 401:
      return new OpenStackError(
        `${what}: authentication failed (401)${detail}; check the user name, password and domains (OS_USERNAME, OS_PASSWORD, OS_USER_DOMAIN_NAME) or the clouds.yaml entry`,
        status,
      );
    case 403:
      return new OpenStackError(`${what}: forbidden (403)${detail}; the project or role lacks permission`, status);
    case 404:
      return new OpenStackError(`${what}: not found (404)${detail}`, status);
    case 409:
      return new OpenStackError(`${what}: conflict (409)${detail}; the image may already have data, or the name or id is taken`, status);
    case 413:
      return new OpenStackError(`${what}: too large (413)${detail}; the image exceeds the cloud's size limit or your quota`, status);
    default:
      return new OpenStackError(`${what}: HTTP ${status}${detail}`, status);
  }
}

/** A socket-level failure (no HTTP answer) for a request to `url`. */
export function networkError(what: string, url: URL, err: NodeJS.ErrnoException): OpenStackError {
  const where = url.host;
  switch (err.code) {
    case 'ECONNREFUSED':
      return new OpenStackError(`${what}: connection refused by ${where}; is the URL right and the service up?`);
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new OpenStackError(`${what}: cannot resolve host ${url.hostname}`);
    case 'ECONNRESET':
    case 'EPIPE':
      return new OpenStackError(`${what}: connection to ${where} closed unexpectedly`);
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return new OpenStackError(`${what}: ${where} is unreachable`);
    default:
      if (err.code?.startsWith('CERT_') || err.code?.includes('CERT') || err.code === 'DEPTH_ZERO_SELF_SIGNED_CERT') {
        return new OpenStackError(`${what}: TLS certificate of ${where} not trusted (${err.code}); set cacert in clouds.yaml or NODE_EXTRA_CA_CERTS`);
      }
      return new OpenStackError(`${what}: ${err.code ?? 'error'} talking to ${where}: ${err.message}`);
  }
}

export function timeoutError(what: string, url: URL, timeoutMs: number): OpenStackError {
  return new OpenStackError(`${what}: no answer from ${url.host} within ${timeoutMs / 1000} s; retry, or raise --timeout`);
}

export function malformedError(what: string, expected: string): OpenStackError {
  return new OpenStackError(`${what}: malformed response (expected ${expected})`);
}
