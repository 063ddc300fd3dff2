// Network name → id through Neutron (`GET /v2.0/networks?name=`). Nova's own network
// proxy (os-networks) is deprecated and gone from current clouds, so a server's
// `networks: [{uuid}]` needs Neutron to resolve a name.

import { malformedError, OpenStackError } from './errors';
import { json, send } from './http';
import { authHeaders, endpoint, Session } from './keystone';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function resolveNetwork(session: Session, nameOrId: string): Promise<string> {
  const base = endpoint(session, 'network').replace(/\/v2\.0$/, '');
  const what = `Neutron: find network "${nameOrId}"`;
  const res = await send(session.transport, {
    what,
    method: 'GET',
    url: `${base}/v2.0/networks?name=${encodeURIComponent(nameOrId)}`,
    headers: authHeaders(session),
    expect: [200],
  });
  const body = json<{ networks?: Array<{ id?: string; name?: string }> }>(what, res, '{"networks": [...]}');
  if (!Array.isArray(body.networks)) throw malformedError(what, '{"networks": [...]}');
  const ids = body.networks.map((n) => n.id).filter((id): id is string => typeof id === 'string');
  if (ids.length === 1) return ids[0];
  if (ids.length > 1) throw new OpenStackError(`${what}: ${ids.length} networks have that name (${ids.join(', ')}); give the id`);
  if (UUID.test(nameOrId)) return nameOrId; // no network by that name: take it as an id
  throw new OpenStackError(`${what}: no such network`);
}
