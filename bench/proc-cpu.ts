// Host CPU time of a server process, as the paper measured it: utime + stime from
// /proc/<pid>/stat. For a multi-threaded process (QEMU: vCPU, I/O and slirp threads) the
// leader's line already sums all its threads; for a server made of several processes (NSD:
// main, xfrd and server children) the whole tree under the process we started is summed.
//
// utime + stime come in 10 ms ticks, too coarse for NSD, which spends a few ms on 1000
// queries; so the scheduler's own on-CPU time in ns (/proc/<pid>/task/<tid>/schedstat, first
// field, per thread) is read alongside as the precise figure.

import * as fs from 'fs';

/** Linux reports these fields in clock ticks; USER_HZ is 100 on every architecture we run on. */
const TICKS_PER_SECOND = 100;

interface Stat {
  ppid: number;
  cpuTicks: number;
}

function readStat(pid: number): Stat | undefined {
  let text: string;
  try {
    text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined; // exited between the directory listing and the read
  }
  // The command name (field 2) may contain spaces and parentheses: split after the last ')'.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return { ppid: Number(fields[1]), cpuTicks: Number(fields[11]) + Number(fields[12]) };
}

/** The pids of `root` and, with `children`, every live descendant. */
function processTree(root: number, children: boolean): number[] {
  if (!children) return [root];
  const stats = allStats();
  if (!stats.has(root)) throw new Error(`process ${root} is gone`);
  return [...stats.keys()].filter((pid) => descends(stats, pid, root));
}

function allStats(): Map<number, Stat> {
  const stats = new Map<number, Stat>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const s = readStat(Number(entry));
    if (s !== undefined) stats.set(Number(entry), s);
  }
  return stats;
}

function descends(stats: Map<number, Stat>, pid: number, root: number): boolean {
  for (let p = pid, hops = 0; p > 1 && hops < 64; hops++) {
    if (p === root) return true;
    p = stats.get(p)?.ppid ?? 0;
  }
  return false;
}

/** utime + stime of `root` (and, with `children`, every live descendant), in ms. */
export function cpuMs(root: number, children: boolean): number {
  let ticks = 0;
  for (const pid of processTree(root, children)) {
    const s = readStat(pid);
    if (s === undefined && pid === root) throw new Error(`process ${root} is gone`);
    ticks += s?.cpuTicks ?? 0;
  }
  return (ticks * 1000) / TICKS_PER_SECOND;
}

/** Scheduler on-CPU time of every thread of `root` (and descendants with `children`), in ms. */
export function onCpuMs(root: number, children: boolean): number {
  let ns = 0;
  for (const pid of processTree(root, children)) {
    let tids: string[];
    try {
      tids = fs.readdirSync(`/proc/${pid}/task`);
    } catch {
      continue; // exited meanwhile
    }
    for (const tid of tids) {
      try {
        ns += Number(fs.readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
      } catch {
        // the thread exited between the listing and the read
      }
    }
  }
  return ns / 1e6;
}
