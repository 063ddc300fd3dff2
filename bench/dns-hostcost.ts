// What the host pays per DNS query for a VM guest (issue 14): the QEMU process's system calls
// and context switches per answered query, counted on the kernel's syscall tracepoints while
// dnsperf loads the server, and optionally QEMU's own trace events (virtio notifications and
// interrupts, port and MMIO accesses) counted from its log.
//
//   node dist/bench/dns-hostcost.js [--platforms tsuk,linux-nsd,tsuk=X.img] [--seconds 5]
//                                   [--mode count|trace|profile|plain] [--repeat N] [--qemu-trace]
//
// `tsuk` compiles examples/dns.ts; `tsuk=X.img` boots that image instead (A/B of two builds in
// one run, rounds alternating with --repeat). --mode count (default) counts QEMU's system calls
// in the kernel (`perf stat` on the syscall tracepoints); trace breaks them down per thread with
// `perf trace -s` (which slows QEMU several-fold, and so changes the batching); profile samples
// QEMU with `perf record` and prints where its time went;
// plain measures only queries/s and CPU per 1000 (no tracer slowing the syscalls).
//
// The server runs on core 0 and dnsperf on core 1 (where taskset allows), as in bench:dns.
// Any tracer slows QEMU somewhat (perf trace most), so compare the queries/s printed here only
// with each other; the counts per query are what this is for. Without `perf` (or without
// permission to trace) it says so and exits.

import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildLinuxGuest } from '../scripts/linux-vm';
import { dnsRequests } from './dns-query';
import { DNS_ENTRY } from './dns-platforms';
import { runDnsperf, writeQueryFile } from './dnsperf';
import { linuxVmServer, VM_QEMU } from './linux-vm-server';
import { withServer } from './sequential-load';
import { canPin, ServerSpec } from './server-process';
import { compileTimed, qemuServer } from './unikernel';

const argv = process.argv.slice(2);
function option(name: string): string | undefined {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}
const PLATFORMS = (option('--platforms') ?? 'tsuk,linux-nsd').split(',');
const SECONDS = Number(option('--seconds') ?? 5);
const QEMU_TRACE = argv.includes('--qemu-trace');
/** Sample QEMU's threads with `perf record` (cpu-clock) instead of counting syscalls: where the
 *  host's time per query goes (translated guest code, slirp, the main loop, the kernel). */
const MODE = option('--mode') ?? 'count';
const PROFILE = MODE === 'profile';
const REPEAT = Number(option('--repeat') ?? 1);
/** QEMU trace events counted with --qemu-trace: the device's notifications both ways and the
 *  local APIC's register writes (each a trap into QEMU under TCG). */
const TRACE_EVENTS = ['virtio_queue_notify', 'virtio_notify', 'virtqueue_flush', 'cpu_in', 'cpu_out', 'memory_region_ops_read', 'memory_region_ops_write', 'apic_mem_writel', 'apic_mem_readl', 'pic_interrupt', 'pic_ioport_write'];

interface Counts {
  qps: number;
  completed: number;
  lost: number;
  /** perf trace's per-thread table: thread name → syscall → calls. */
  threads: Map<string, Map<string, number>>;
  /** Context switches of QEMU's threads over the run (voluntary + involuntary). */
  switches: number;
  cpuMs: number;
  trace: Map<string, number>;
}

function threadSwitches(pid: number): number {
  let n = 0;
  for (const t of fs.readdirSync(`/proc/${pid}/task`)) {
    const s = fs.readFileSync(`/proc/${pid}/task/${t}/status`, 'utf8');
    for (const m of s.matchAll(/ctxt_switches:\s+(\d+)/g)) n += Number(m[1]);
  }
  return n;
}

function cpuMs(pid: number): number {
  const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return ((Number(f[11]) + Number(f[12])) * 1000) / 100;
}

/** perf trace -s's summary: "name (tid), N events" headers, then "syscall calls ..." rows. */
function parsePerfTrace(out: string): Map<string, Map<string, number>> {
  const threads = new Map<string, Map<string, number>>();
  let cur: Map<string, number> | null = null;
  for (const line of out.split('\n')) {
    const head = /^\s*(\S.*?) \((\d+)\), \d+ events/.exec(line);
    if (head) {
      const name = `${head[1]} ${head[2]}`;
      cur = new Map();
      threads.set(name, cur);
      continue;
    }
    const row = /^\s+([a-z_0-9]+)\s+(\d+)\s+\d+/.exec(line);
    if (row && cur) cur.set(row[1], (cur.get(row[1]) ?? 0) + Number(row[2]));
  }
  return threads;
}

/** The system calls `--mode count` counts in the kernel (`perf stat` on their tracepoints: far
 *  less overhead than perf trace, which slowed QEMU ~5×); 'all' is every system call. */
const COUNTED = ['all', 'ppoll', 'futex', 'write', 'read', 'recvfrom', 'sendto', 'recvmsg', 'ioctl', 'setsockopt'];

/** perf stat -x, lines: "count,unit,event,…", summed over QEMU's threads (as one 'process'). */
function parsePerfStat(out: string): Map<string, Map<string, number>> {
  const calls = new Map<string, number>();
  for (const line of out.split('\n')) {
    const f = line.split(',');
    const m = /sys_enter_?(\w*)$/.exec(f[2] ?? '');
    if (m && /^\d+$/.test(f[0])) calls.set(m[1] === '' ? 'all syscalls' : m[1], Number(f[0]));
  }
  return new Map([['process', calls]]);
}

async function measure(spec: (port: number) => ServerSpec, queryFile: string, traceFile: string | null): Promise<Counts> {
  const pin = canPin();
  return withServer(spec, pin ? 0 : undefined, dnsRequests, async (server, _c, _f, port) => {
    const pid = server.child.pid!;
    const traceAt = traceFile && fs.existsSync(traceFile) ? fs.statSync(traceFile).size : 0;
    const record = ['record', '-e', 'cpu-clock', '-F', '4000', '-o', path.join(path.dirname(queryFile), 'perf.data'), '-p', String(pid)];
    const count = ['stat', '-x', ',', '-e', COUNTED.map((c) => (c === 'all' ? 'raw_syscalls:sys_enter' : `syscalls:sys_enter_${c}`)).join(','), '-p', String(pid)];
    const args = MODE === 'plain' ? ['stat', '-e', 'task-clock', '-p', String(pid)] : MODE === 'count' ? count : PROFILE ? record : ['trace', '-s', '-p', String(pid)];
    const perf = spawn('perf', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    perf.stdout.on('data', (d) => (out += d));
    perf.stderr.on('data', (d) => (out += d));
    await new Promise((r) => setTimeout(r, 500));
    const sw0 = threadSwitches(pid), cpu0 = cpuMs(pid);
    const r = await runDnsperf(queryFile, port, SECONDS, pin ? 1 : undefined);
    const switches = threadSwitches(pid) - sw0, cpu = cpuMs(pid) - cpu0;
    const done = new Promise((res) => perf.on('close', res));
    perf.kill('SIGINT');
    await done;
    const trace = new Map<string, number>();
    if (traceFile) {
      const text = fs.readFileSync(traceFile, 'utf8').slice(traceAt);
      for (const m of text.matchAll(/^(?:\d+@[\d.]+:)?(\w+) /gm)) trace.set(m[1], (trace.get(m[1]) ?? 0) + 1);
    }
    if (PROFILE) printProfile(path.join(path.dirname(queryFile), 'perf.data'));
    const threads = MODE === 'count' ? parsePerfStat(out) : parsePerfTrace(out);
    return { qps: r.qps, completed: r.completed, lost: r.lost, threads, switches, cpuMs: cpu, trace };
  });
}

/** The recorded samples by shared object, then the 30 hottest symbols. */
function printProfile(data: string): void {
  for (const sort of ['comm,dso', 'dso,sym']) {
    const r = spawnSync('perf', ['report', '-i', data, '--stdio', '-q', '--sort', sort, '--percent-limit', sort === 'dso,sym' ? '0.7' : '0.5'], { encoding: 'utf8' });
    console.log(r.stdout.split('\n').slice(0, 40).join('\n'));
  }
}

function report(label: string, c: Counts): void {
  const per = (n: number) => (n / c.completed).toFixed(3);
  console.log(`\n${label}: ${c.qps.toFixed(0)} queries/s (${MODE}), load ${os.loadavg()[0].toFixed(1)}, QEMU busy ${((c.qps * c.cpuMs) / c.completed / 10).toFixed(0)} % of a core, ${c.completed} answered, ${c.lost} lost, ${((c.cpuMs * 1000) / c.completed).toFixed(1)} ms CPU per 1000, ${per(c.switches)} context switches per query`);
  const total = new Map<string, number>();
  for (const [thread, calls] of c.threads) {
    const sum = calls.get('all syscalls') ?? [...calls.values()].reduce((a, b) => a + b, 0);
    const top = [...calls].filter(([k]) => k !== 'all syscalls').sort((a, b) => b[1] - a[1]).slice(0, 8).map(([k, v]) => `${k} ${per(v)}`);
    console.log(`  ${thread}: ${per(sum)} syscalls/query (${top.join(', ')})`);
    for (const [k, v] of calls) total.set(k, (total.get(k) ?? 0) + v);
  }
  if (c.threads.size < 2) {
    if (c.trace.size) console.log(`  QEMU trace events per query: ${[...c.trace].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${per(v)}`).join(', ')}`);
    return;
  }
  const all = [...total.values()].reduce((a, b) => a + b, 0);
  console.log(`  all threads: ${per(all)} syscalls/query: ${[...total].sort((a, b) => b[1] - a[1]).slice(0, 10).map(([k, v]) => `${k} ${per(v)}`).join(', ')}`);
  if (c.trace.size) console.log(`  QEMU trace events per query: ${[...c.trace].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${per(v)}`).join(', ')}`);
}

async function main(): Promise<void> {
  if (spawnSync('perf', ['trace', '-s', '--', 'true'], { stdio: 'ignore' }).status !== 0) {
    console.error('dns-hostcost: `perf trace` does not run here (not installed, or no permission to trace)');
    process.exit(1);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tsuk-hostcost-'));
  const queryFile = writeQueryFile(dir, 1000);
  const traceFile = QEMU_TRACE ? path.join(dir, 'qemu-trace.log') : null;
  const traceArgs = traceFile ? ['-D', traceFile, ...TRACE_EVENTS.flatMap((e) => ['-trace', e])] : [];
  const specs: [string, (port: number) => ServerSpec][] = [];
  let compiled: string | undefined;
  for (const p of PLATFORMS) {
    if (p === 'tsuk' || p.startsWith('tsuk=')) {
      const image = p.startsWith('tsuk=') ? p.slice(5) : (compiled ??= compileTimed(DNS_ENTRY, dir, 1).image);
      specs.push([p, (port) => {
        const s = qemuServer('unikernel (QEMU TCG)', image, 'tcg', port, 53, VM_QEMU);
        return { ...s, args: [...s.args, ...traceArgs] };
      }]);
    } else if (p === 'linux-nsd' || p === 'linux-node') {
      const guest = buildLinuxGuest(p === 'linux-nsd' ? 'nsd' : 'node');
      specs.push([p, (port) => {
        const s = linuxVmServer(guest, port);
        return { ...s, args: [...s.args, ...traceArgs] };
      }]);
    } else throw new Error(`unknown platform ${p}`);
  }
  for (let k = 0; k < REPEAT; k++) {
    for (const [p, spec] of specs) report(p, await measure(spec, queryFile, traceFile));
  }
  fs.rmSync(dir, { recursive: true, force: true });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
