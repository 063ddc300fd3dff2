// `npm run bench:startup`: where the DNS image's spawn → first answer goes (issue 14 item 4),
// measured from the host only, so the image is the one `bench:dns` boots, unchanged.
//
//   npm run bench:startup -- [--runs N] [--entry examples/dns.ts] [--qemu-arg ARG]…
//
// QEMU is started as bench:dns starts it (cli/qemu.ts qemuArgs + userNetArgs) plus QEMU's own
// trace events with wall-clock stamps (`-msg timestamp=on`), and the host asks for an A record
// every 5 ms. Milestones, each the first of its kind after the spawn:
//   QEMU up        the first IDE command (SeaBIOS probing the disk; QEMU has initialised and
//                  the firmware has run its POST up to the disks)
//   boot sector    the first READ on the disk (SeaBIOS loading sector 0)
//   kernel read    the last READ (the boot sector's last chunk: boot/bootsector.ts)
//   driver ready   virtio-net's DRIVER_OK (the service's top level reached its first socket:
//                  in examples/dns.ts before the zone is built, which then overlaps DHCP)
//   first frame    the first transmit kick (DHCP DISCOVER)
//   first answer   the host's first correct reply
// Output: per run and the median of each phase, on stdout.

import { spawn } from 'child_process';
import * as dgram from 'dgram';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { QEMU, qemuArgs, userNetArgs } from '../cli/qemu';
import { dnsRequests } from './dns-query';
import { compileTimed } from './unikernel';

const USAGE = 'usage: npm run bench:startup -- [--runs N] [--entry file.ts] [--qemu-arg ARG]...';

interface Milestones {
  ideFirst?: number;
  readFirst?: number;
  readLast?: number;
  driverOk?: number;
  firstKick?: number;
  answer?: number;
}

/** ATA commands that read sectors (PIO and DMA, 28- and 48-bit). */
const READ_COMMANDS = new Set([0x20, 0x21, 0x24, 0x29, 0xc4, 0xc8, 0x25]);

/** One boot: the milestones in ms after the spawn. */
async function bootOnce(image: string, port: number, extra: string[]): Promise<Milestones> {
  const net = userNetArgs([`udp:127.0.0.1:${port}-:53`]);
  const trace = ['-msg', 'timestamp=on', '-trace', 'ide_exec_cmd', '-trace', 'virtio_set_status', '-trace', 'virtio_queue_notify'];
  const spawnedAt = Date.now();
  const child = spawn(QEMU, qemuArgs(image, { accel: 'tcg', memoryMB: 64, extraArgs: [...net, ...trace, ...extra] }), { stdio: ['ignore', 'ignore', 'pipe'] });
  const m: Milestones = {};
  let rest = '';
  child.stderr.on('data', (d: Buffer) => {
    const lines = (rest + d.toString()).split('\n');
    rest = lines.pop()!;
    for (const line of lines) {
      // "<pid>@<sec>.<usec>:event args"
      const t = /^\d+@(\d+)\.(\d+):(\w+) (.*)$/.exec(line);
      if (!t) continue;
      const at = Number(t[1]) * 1000 + Number(t[2]) / 1000 - spawnedAt;
      const [event, args] = [t[3], t[4]];
      if (event === 'ide_exec_cmd') {
        m.ideFirst ??= at;
        const cmd = /cmd 0x([0-9a-f]+)/.exec(args);
        if (cmd && READ_COMMANDS.has(parseInt(cmd[1], 16))) {
          m.readFirst ??= at;
          m.readLast = at;
        }
      } else if (event === 'virtio_set_status' && /val 7\b|val 0x7\b/.test(args)) {
        m.driverOk ??= at;
      } else if (event === 'virtio_queue_notify' && / n 1 /.test(args)) {
        m.firstKick ??= at;
      }
    }
  });
  const client = dgram.createSocket('udp4');
  const query = dnsRequests.request(7);
  await new Promise<void>((resolve, reject) => {
    const poll = setInterval(() => client.send(query, port, '127.0.0.1'), 5);
    const limit = setTimeout(() => done(new Error('no answer within 60 s')), 60000);
    const done = (err?: Error) => {
      clearInterval(poll);
      clearTimeout(limit);
      client.close();
      child.kill('SIGKILL');
      if (err) reject(err);
      else resolve();
    };
    client.on('message', (msg) => {
      if (m.answer === undefined && dnsRequests.answers(7, query, msg)) {
        m.answer = Date.now() - spawnedAt;
        done();
      }
    });
    child.on('exit', () => m.answer === undefined && done(new Error('QEMU exited before answering')));
  });
  await new Promise((r) => setTimeout(r, 100)); // the last trace lines
  return m;
}

const PHASES: [string, (m: Milestones) => number | undefined][] = [
  ['spawn → QEMU up, firmware POST (first IDE command)', (m) => m.ideFirst],
  ['firmware: disk probing → boot sector read', (m) => sub(m.readFirst, m.ideFirst)],
  ['boot sector reads the kernel (first → last READ)', (m) => sub(m.readLast, m.readFirst)],
  ['kernel start + service top level up to its first socket (→ virtio DRIVER_OK)', (m) => sub(m.driverOk, m.readLast)],
  ['stack up → first frame (DHCP DISCOVER)', (m) => sub(m.firstKick, m.driverOk)],
  ['DHCP, the rest of the top level (dns.ts: the zone), the first query answered', (m) => sub(m.answer, m.firstKick)],
  ['spawn → first answer', (m) => m.answer],
];

function sub(a?: number, b?: number): number | undefined {
  return a === undefined || b === undefined ? undefined : a - b;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

async function main(): Promise<void> {
  let runs = 5;
  let entry = 'examples/dns.ts';
  const extra: string[] = [];
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--runs' && /^[1-9]\d*$/.test(argv[i + 1] ?? '')) runs = Number(argv[++i]);
    else if (argv[i] === '--entry' && argv[i + 1]) entry = argv[++i];
    else if (argv[i] === '--qemu-arg' && argv[i + 1]) extra.push(argv[++i]);
    else {
      console.error(`bench:startup: unexpected argument '${argv[i]}'\n${USAGE}`);
      process.exit(2);
    }
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tsuk-startup-'));
  const { image, bytes } = compileTimed(entry, dir, 1);
  const all: Milestones[] = [];
  for (let r = 0; r < runs; r++) {
    const port = 20000 + Math.floor(Math.random() * 20000);
    const m = await bootOnce(image, port, extra);
    all.push(m);
    process.stderr.write(`bench:startup: run ${r + 1}/${runs}: ${PHASES.map(([, f]) => f(m)?.toFixed(0) ?? '?').join(' / ')} ms\n`);
  }
  console.log(`${entry}: ${bytes} B image, ${runs} boots, QEMU TCG, user networking${extra.length ? ' + ' + extra.join(' ') : ''}; load average ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}\n`);
  console.log('| phase | median ms | runs (ms) |\n| --- | --- | --- |');
  for (const [name, f] of PHASES) {
    const xs = all.map(f).filter((x): x is number => x !== undefined);
    console.log(`| ${name} | ${median(xs).toFixed(0)} | ${xs.map((x) => x.toFixed(0)).join(', ')} |`);
  }
}

main().catch((e) => {
  console.error(`bench:startup: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
