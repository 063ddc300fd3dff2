// Keystone v3 password authentication: one POST that yields a token (in the
// X-Subject-Token header) and the service catalog, from which the endpoints of Glance
// (image), Nova (compute) and Neutron (network) are picked by interface and region.

import { CloudConfig } from './config';
import { malformedError, OpenStackError } from './errors';
import { json, Response, send, Transport } from './http';

interface CatalogEndpoint {
  interface?: string;
  region?: string;
  region_id?: string;
  url?: string;
}

interface CatalogEntry {
  type?: string;
  name?: string;
  endpoints?: CatalogEndpoint[];
}

export interface Session {
  token: string;
  catalog: CatalogEntry[];
  config: CloudConfig;
  transport: Transport;
}

/** The Keystone v3 base URL, whether OS_AUTH_URL ends in /v3 or not. */
export function identityV3Url(authUrl: string): string {
  const base = authUrl.replace(/\/+$/, '');
  return /\/v3$/.test(base) ? base : `${base}/v3`;
}

export async function authenticate(config: CloudConfig, timeoutMs: number): Promise<Session> {
  const transport: Transport = { timeoutMs, ca: config.ca, verifyTls: config.verifyTls };
  const what = 'Keystone: authenticate';
  const res = await send(transport, {
    what,
    method: 'POST',
    url: `${identityV3Url(config.authUrl)}/auth/tokens`,
    json: {
      auth: {
        identity: {
          methods: ['password'],
          password: { user: { name: config.username, domain: { name: config.userDomainName }, password: config.password } },
        },
        scope: { project: { name: config.projectName, domain: { name: config.projectDomainName } } },
      },
    },
    expect: [201],
    explain: (res) => notKeystone(what, config.authUrl, res),
  });
  const token = res.headers['x-subject-token'];
  if (typeof token !== 'string' || token === '') throw malformedError(what, 'an X-Subject-Token header');
  const body = json<{ token?: { catalog?: unknown } }>(what, res, 'JSON with token.catalog');
  const catalog = body.token?.catalog;
  if (!Array.isArray(catalog)) throw malformedError(what, 'JSON with token.catalog; is the token scoped to a project?');
  return { token, catalog: catalog as CatalogEntry[], config, transport };
}

/** The error for an answer that did not come from Keystone's identity v3 API, so that a
 *  wrong OS_AUTH_URL is not reported as a wrong password. Services behind Keystone answer 401
 *  with `WWW-Authenticate: Keystone uri="…"` naming Keystone; Keystone names itself there. */
function notKeystone(what: string, authUrl: string, res: Response): OpenStackError | undefined {
  const header = String(res.headers['www-authenticate'] ?? '');
  const uri = /Keystone uri=['"]?([^'" ,]+)/i.exec(header)?.[1];
  let other = false;
  try {
    other = uri !== undefined && new URL(uri).origin !== new URL(authUrl).origin;
  } catch {
    other = false;
  }
  if (other) {
    return new OpenStackError(`${what}: ${authUrl} is not Keystone but a service that uses the Keystone at ${uri} (HTTP ${res.status}); set OS_AUTH_URL (or auth_url) to ${uri}`, res.status);
  }
  if (res.status === 404 || res.status === 405 || res.status === 300) {
    return new OpenStackError(`${what}: no Keystone identity v3 API at ${identityV3Url(authUrl)} (HTTP ${res.status}); check OS_AUTH_URL (or auth_url): Keystone's URL, e.g. https://keystone.example.com:5000/v3`, res.status);
  }
  return undefined;
}

/** The URL of the `type` service ("image", "compute", "network") for this session. */
export function endpoint(session: Session, type: string): string {
  const { interface: iface, regionName } = session.config;
  const services = session.catalog.filter((s) => s.type === type);
  if (services.length === 0) {
    const types = [...new Set(session.catalog.map((s) => s.type))].join(', ');
    throw new OpenStackError(`the service catalog has no "${type}" service (it has: ${types || 'nothing'})`);
  }
  const candidates = services.flatMap((s) => s.endpoints ?? []).filter((e) => e.interface === iface && typeof e.url === 'string');
  const chosen = regionName ? candidates.find((e) => e.region_id === regionName || e.region === regionName) : candidates[0];
  if (!chosen) {
    const regions = [...new Set(candidates.map((e) => e.region_id ?? e.region))].join(', ');
    const where = regionName ? ` in region ${regionName}` : '';
    throw new OpenStackError(`the service catalog has no ${iface} "${type}" endpoint${where} (regions: ${regions || 'none'}); check OS_REGION_NAME`);
  }
  return chosen.url!.replace(/\/+$/, '');
}

/** Headers that authenticate a request with the session's token. */
export function authHeaders(session: Session): Record<string, string> {
  return { 'X-Auth-Token': session.token };
}
