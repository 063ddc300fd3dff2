// NSD, the reference authoritative server, serving the same zone as the tsuk DNS example: the
// example's master file plus the 10 000 synthetic records the service adds at start-up, written
// out as master-file lines. A private nsd.conf in a temporary directory: our port on the
// loopback, one server process, no response rate limiting (the paper's load would trip it), no
// chroot or user switch, and every file NSD writes kept inside that directory.

import * as fs from 'fs';
import * as path from 'path';
import { ZONE_ORIGIN, syntheticAddress } from './dns-query';
import { ServerSpec } from './server-process';
import { ROOT } from './unikernel';

export const SYNTHETIC_COUNT = 10000;

export function zoneText(): string {
  const base = fs.readFileSync(path.join(ROOT, 'examples/dns/example.test.zone'), 'utf8');
  const lines = [base.endsWith('\n') ? base : base + '\n', `; the service's synthetic records, added at start-up\n`];
  for (let i = 0; i < SYNTHETIC_COUNT; i++) lines.push(`h${i}.${ZONE_ORIGIN}. 3600 IN A ${syntheticAddress(i)}\n`);
  return lines.join('');
}

/** nsd.conf for a server on `address`:`port` keeping every file it writes in `dir` (also the
 *  Linux-VM guest's, scripts/linux-vm.ts). */
export function nsdConfig(dir: string, port: number, address = '127.0.0.1'): string {
  return `server:
  ip-address: ${address}
  port: ${port}
  do-ip6: no
  server-count: 1
  username: ""
  chroot: ""
  zonesdir: "${dir}"
  pidfile: "${dir}/nsd.pid"
  database: ""
  zonelistfile: "${dir}/zone.list"
  xfrdfile: "${dir}/xfrd.state"
  xfrdir: "${dir}"
  logfile: "${dir}/nsd.log"
  rrl-ratelimit: 0
  verbosity: 1
remote-control:
  control-enable: no
zone:
  name: ${ZONE_ORIGIN}
  zonefile: ${ZONE_ORIGIN}.zone
`;
}

/** Writes the zone and nsd.conf into `dir`; the server runs in the foreground (-d) so the
 *  process we spawn is NSD's main process, and its workers are its children. */
export function nsdServer(label: string, dir: string, port: number): ServerSpec {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, `${ZONE_ORIGIN}.zone`), zoneText());
  fs.writeFileSync(path.join(dir, 'nsd.conf'), nsdConfig(dir, port));
  return { label, command: 'nsd', args: ['-d', '-c', path.join(dir, 'nsd.conf')], countChildren: true };
}
