// The smallest guest memory a Linux-VM guest of `npm run bench:dns` boots and serves with,
// found by bisection in 16 MB steps: each probe is a fresh boot under TCG that must answer a
// query (a guest short of memory fails to unpack its initramfs or runs out of memory starting
// the service; PID 1 dies, the kernel panics, and QEMU exits with -no-reboot).
//
//   node dist/bench/linux-vm-memory.js nsd|node      (a few minutes: every probe is a boot)

import { buildLinuxGuest, GuestKind, LinuxGuest } from '../scripts/linux-vm';
import { dnsRequests } from './dns-query';
import { linuxVmServer } from './linux-vm-server';
import { withServer } from './sequential-load';

const STEP_MB = 16;

async function serves(guest: LinuxGuest, memoryMB: number): Promise<boolean> {
  try {
    const ms = await withServer((port) => linuxVmServer({ ...guest, memoryMB }, port), undefined, dnsRequests, async (_s, _c, first) => first);
    process.stderr.write(`  ${memoryMB} MB: answered after ${(ms / 1000).toFixed(1)} s\n`);
    return true;
  } catch (e) {
    // The guest's own word on why, where it printed one (the OOM killer, a panic, the unpack).
    const lines = (e as Error).message.split('\n');
    const why = lines.find((l) => /Out of memory|Killed process|unpacking failed|Kernel panic/.test(l)) ?? lines[0];
    process.stderr.write(`  ${memoryMB} MB: fails (${why.trim()})\n`);
    return false;
  }
}

/** The least multiple of STEP_MB in (floor, guest.memoryMB] that serves; throws if none does. */
export async function smallestMemory(guest: LinuxGuest, floorMB = 32): Promise<number> {
  let lo = floorMB, hi = guest.memoryMB;
  if (!(await serves(guest, hi))) throw new Error(`the ${guest.kind} guest does not serve even with ${hi} MB`);
  while (hi - lo > STEP_MB) {
    const mid = lo + Math.floor((hi - lo) / 2 / STEP_MB) * STEP_MB;
    if (await serves(guest, mid)) hi = mid;
    else lo = mid;
  }
  return hi;
}

if (require.main === module) {
  const kind = process.argv[2];
  if (kind !== 'nsd' && kind !== 'node') {
    console.error('usage: node dist/bench/linux-vm-memory.js nsd|node');
    process.exit(2);
  }
  smallestMemory(buildLinuxGuest(kind as GuestKind)).then(
    (mb) => console.log(`${kind}: the smallest guest memory that serves, in ${STEP_MB} MB steps above 32 MB: ${mb} MB`),
    (e) => {
      console.error(`linux-vm-memory: ${(e as Error).message}`);
      process.exit(1);
    },
  );
}
