// The servers `npm run bench:dns` compares, each a way to start one DNS server on a given host
// port: the tsuk unikernel under QEMU TCG (and KVM where it works), the same DNS service on a
// minimal Linux VM under the same QEMU — NSD, and the same source on Node.js (issue 14) — and
// Node.js and NSD on the host. A platform that cannot run here carries the reason instead, for
// the tables.

import * as path from 'path';
import { GuestKind, LinuxGuest } from '../scripts/linux-vm';
import { nsdServer } from './dns-nsd';
import { KvmStatus } from './kvm-probe';
import { LINUX_LABELS, linuxVmServer } from './linux-vm-server';
import { ServerSpec } from './server-process';
import { nodeServer, qemuServer } from './unikernel';

export const DNS_ENTRY = 'examples/dns.ts';

/** Every platform's key, in the tables' order; `--platforms` picks among them. */
export const PLATFORM_KEYS = ['unikernel-tcg', 'unikernel-kvm', 'linux-nsd', 'linux-node', 'node', 'nsd'] as const;
export type PlatformKey = (typeof PLATFORM_KEYS)[number];
/** Shorter names accepted by `--platforms`. */
export const PLATFORM_ALIASES: Record<string, PlatformKey> = { tsuk: 'unikernel-tcg', 'tsuk-kvm': 'unikernel-kvm' };

export interface Platform {
  key: PlatformKey;
  label: string;
  start?: (port: number) => ServerSpec;
  /** Why this platform is not measured, when it is not. */
  unavailable?: string;
  /** Guest memory given to QEMU, for the VM rows. */
  memoryMB?: number;
}

export interface PlatformInputs {
  image: string | { error: string };
  kvm: KvmStatus;
  nsdMissing: string | undefined;
  /** Scratch folder for the host NSD's files. */
  dir: string;
  /** The QEMU binary of every VM row (the same for all, as the paper compared them). */
  qemu: string;
  /** The Linux guests that were asked for: built, or why not. */
  linux: Partial<Record<GuestKind, LinuxGuest | { error: string }>>;
}

function unikernel(key: 'unikernel-tcg' | 'unikernel-kvm', x: PlatformInputs): Platform {
  const accel = key === 'unikernel-tcg' ? 'tcg' : 'kvm';
  const label = `unikernel (QEMU ${accel.toUpperCase()})`;
  if (typeof x.image !== 'string') return { key, label, unavailable: x.image.error };
  if (accel === 'kvm' && !x.kvm.usable) return { key, label, unavailable: x.kvm.reason };
  const image = x.image;
  return { key, label, memoryMB: 64, start: (port) => qemuServer(label, image, accel, port, 53, x.qemu) };
}

function linux(kind: GuestKind, x: PlatformInputs): Platform {
  const key: PlatformKey = kind === 'nsd' ? 'linux-nsd' : 'linux-node';
  const guest = x.linux[kind] ?? { error: 'not built' };
  if ('error' in guest) return { key, label: LINUX_LABELS[kind], unavailable: guest.error };
  return { key, label: LINUX_LABELS[kind], memoryMB: guest.memoryMB, start: (port) => linuxVmServer(guest, port) };
}

/** The platforms in `wanted`, in PLATFORM_KEYS order. */
export function dnsPlatforms(x: PlatformInputs, wanted: ReadonlySet<PlatformKey>): Platform[] {
  let nsdRuns = 0;
  const make: Record<PlatformKey, () => Platform> = {
    'unikernel-tcg': () => unikernel('unikernel-tcg', x),
    'unikernel-kvm': () => unikernel('unikernel-kvm', x),
    'linux-nsd': () => linux('nsd', x),
    'linux-node': () => linux('node', x),
    node: () => ({ key: 'node', label: `Node.js ${process.version} (host)`, start: (port) => nodeServer('node', DNS_ENTRY, port) }),
    nsd: () =>
      x.nsdMissing
        ? { key: 'nsd', label: 'NSD (host)', unavailable: x.nsdMissing }
        : { key: 'nsd', label: 'NSD (host)', start: (port) => nsdServer('nsd', path.join(x.dir, `nsd-${nsdRuns++}`), port) },
  };
  return PLATFORM_KEYS.filter((k) => wanted.has(k)).map((k) => make[k]());
}
