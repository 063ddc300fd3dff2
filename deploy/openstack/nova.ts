// Booting an uploaded image through Nova (compute API v2.1): resolve the flavor and network
// (resolveBootTarget, called before the image is uploaded, so a misspelt flavor or network, or
// a cloud without a working Nova, fails before anything is created), create the server, and
// poll until it is ACTIVE (or ERROR, with Nova's fault message).

import { malformedError, OpenStackError } from './errors';
import { json, send } from './http';
import { authHeaders, endpoint, Session } from './keystone';
import { resolveNetwork } from './neutron';

export interface BootOptions {
  session: Session;
  /** The Glance image id. */
  imageId: string;
  /** Server name. */
  name: string;
  /** Flavor and network, resolved by resolveBootTarget. */
  target: BootTarget;
  /** How long to wait for ACTIVE (default 300 s). */
  waitMs?: number;
  /** Poll interval (default 3 s). */
  pollMs?: number;
}

export interface BootTarget {
  flavorRef: string;
  /** Nova's `networks` of the server; undefined: Nova's default for the project. */
  networks?: Array<{ uuid: string }>;
}

export interface BootedServer {
  id: string;
  status: string;
  /** Addresses by network name, as Nova reports them. */
  addresses: Record<string, string[]>;
}

interface NovaServer {
  id?: string;
  status?: string;
  addresses?: Record<string, Array<{ addr?: string }>>;
  fault?: { message?: string };
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export async function resolveFlavor(session: Session, nameOrId: string): Promise<string> {
  const what = `Nova: find flavor "${nameOrId}"`;
  const res = await send(session.transport, { what, method: 'GET', url: `${endpoint(session, 'compute')}/flavors`, headers: authHeaders(session), expect: [200] });
  const body = json<{ flavors?: Array<{ id?: string; name?: string }> }>(what, res, '{"flavors": [...]}');
  if (!Array.isArray(body.flavors)) throw malformedError(what, '{"flavors": [...]}');
  const match = body.flavors.find((f) => f.name === nameOrId) ?? body.flavors.find((f) => f.id === nameOrId);
  if (!match || typeof match.id !== 'string') {
    const names = body.flavors.map((f) => f.name).join(', ');
    throw new OpenStackError(`${what}: no such flavor (available: ${names || 'none'})`);
  }
  return match.id;
}

function addressesOf(server: NovaServer): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [net, list] of Object.entries(server.addresses ?? {})) {
    out[net] = (Array.isArray(list) ? list : []).map((a) => a.addr).filter((a): a is string => typeof a === 'string');
  }
  return out;
}

/** The flavor (name or id) and network (name or id, through Neutron; undefined: the project's
 *  default) a server would get, checked against Nova and Neutron. */
export async function resolveBootTarget(session: Session, flavor: string, network: string | undefined): Promise<BootTarget> {
  const flavorRef = await resolveFlavor(session, flavor);
  const networks = network !== undefined ? [{ uuid: await resolveNetwork(session, network) }] : undefined;
  return { flavorRef, networks };
}

export async function bootServer(options: BootOptions): Promise<BootedServer> {
  const { session } = options;
  const { flavorRef, networks } = options.target;
  const base = endpoint(session, 'compute');
  const headers = authHeaders(session);
  const created = await send(session.transport, {
    what: 'Nova: create server',
    method: 'POST',
    url: `${base}/servers`,
    headers,
    json: { server: { name: options.name, imageRef: options.imageId, flavorRef, ...(networks ? { networks } : {}) } },
    expect: [202],
  });
  const id = json<{ server?: NovaServer }>('Nova: create server', created, '{"server": {"id": ...}}').server?.id;
  if (typeof id !== 'string') throw malformedError('Nova: create server', '{"server": {"id": ...}}');

  const waitMs = options.waitMs ?? 300_000;
  const deadline = Date.now() + waitMs;
  for (;;) {
    const what = `Nova: show server ${id}`;
    const res = await send(session.transport, { what, method: 'GET', url: `${base}/servers/${id}`, headers, expect: [200] });
    const server = json<{ server?: NovaServer }>(what, res, '{"server": {...}}').server;
    if (!server || typeof server.status !== 'string') throw malformedError(what, '{"server": {"status": ...}}');
    if (server.status === 'ACTIVE') return { id, status: server.status, addresses: addressesOf(server) };
    if (server.status === 'ERROR') {
      throw new OpenStackError(`Nova: server ${id} went to ERROR${server.fault?.message ? `: ${server.fault.message}` : ''}`);
    }
    if (Date.now() >= deadline) throw new OpenStackError(`Nova: server ${id} still ${server.status} after ${waitMs / 1000} s`);
    await sleep(Math.min(options.pollMs ?? 3000, Math.max(0, deadline - Date.now())));
  }
}
