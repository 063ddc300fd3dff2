// The Linux-VM rows of `npm run bench:dns` (issue 14): a guest built by scripts/linux-vm.ts
// booted by the same QEMU binary, accelerator and network path as the tsuk image — user
// networking with 127.0.0.1:PORT forwarded to the guest's UDP 53 and a virtio-net NIC.
//
// Every VM row runs on qemu-system-x86_64: Debian's kernel is 64-bit, and the 32-bit tsuk image
// boots on it unchanged, so no row pays for a different binary.

import { spawnSync } from 'child_process';
import { userNetArgs } from '../cli/qemu';
import { GuestKind, LinuxGuest, linuxGuestArgs } from '../scripts/linux-vm';
import { ServerSpec } from './server-process';

export const VM_QEMU = 'qemu-system-x86_64';

export function vmQemuAvailable(): boolean {
  return spawnSync(VM_QEMU, ['--version'], { stdio: 'ignore' }).status === 0;
}

export const LINUX_LABELS: Record<GuestKind, string> = {
  nsd: 'Linux VM + NSD (QEMU TCG)',
  node: 'Linux VM + Node.js (QEMU TCG)',
};

/** QEMU booting `guest` under TCG with host 127.0.0.1:hostPort forwarded to the guest's UDP 53. */
export function linuxVmServer(guest: LinuxGuest, hostPort: number): ServerSpec {
  const net = userNetArgs([`udp:127.0.0.1:${hostPort}-:53`]);
  return { label: LINUX_LABELS[guest.kind], command: VM_QEMU, args: ['-accel', 'tcg', ...linuxGuestArgs(guest), ...net] };
}
