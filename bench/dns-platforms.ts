// The servers `npm run bench:dns` compares, each a way to start one DNS server on a given host
// port: the tsuk unikernel under QEMU TCG (and KVM where it works), the same source on Node.js,
// and NSD. A platform that cannot run here carries the reason instead, for the tables.

import * as path from 'path';
import { nsdServer } from './dns-nsd';
import { KvmStatus } from './kvm-probe';
import { ServerSpec } from './server-process';
import { nodeServer, qemuServer } from './unikernel';

export const DNS_ENTRY = 'examples/dns.ts';

export interface Platform {
  key: string;
  label: string;
  start?: (port: number) => ServerSpec;
  /** Why this platform is not measured, when it is not. */
  unavailable?: string;
}

export function dnsPlatforms(image: string | { error: string }, kvm: KvmStatus, nsdMissing: string | undefined, dir: string): Platform[] {
  const platforms: Platform[] = [];
  const tcg = 'unikernel (QEMU TCG)', kvmLabel = 'unikernel (QEMU KVM)';
  if (typeof image === 'string') {
    platforms.push({ key: 'unikernel-tcg', label: tcg, start: (port) => qemuServer(tcg, image, 'tcg', port, 53) });
    if (kvm.usable) platforms.push({ key: 'unikernel-kvm', label: kvmLabel, start: (port) => qemuServer(kvmLabel, image, 'kvm', port, 53) });
    else platforms.push({ key: 'unikernel-kvm', label: kvmLabel, unavailable: kvm.reason });
  } else {
    platforms.push({ key: 'unikernel-tcg', label: tcg, unavailable: image.error });
  }
  platforms.push({ key: 'node', label: `Node.js ${process.version}`, start: (port) => nodeServer('node', DNS_ENTRY, port) });
  let nsdRuns = 0;
  platforms.push(
    nsdMissing
      ? { key: 'nsd', label: 'NSD', unavailable: nsdMissing }
      : { key: 'nsd', label: 'NSD', start: (port) => nsdServer('nsd', path.join(dir, `nsd-${nsdRuns++}`), port) },
  );
  return platforms;
}
