// `npm run bench:startup`: where the DNS image's spawn → first answer goes (issue 14 item 4),
// measured from the host only, so the image is the one `bench:dns` boots, unchanged.
//
//   npm run bench:startup -- [--runs N] [--entry examples/dns.ts] [--boot kernel|drive|both]
//                            [--qemu-arg ARG]…
//
// QEMU is started as bench:dns starts it (cli/qemu.ts qemuArgs + userNetArgs: by default
// -kernel under qboot; `--boot drive` from the disk under SeaBIOS, as VirtualBox or OpenStack
// boot it; `both` alternates the two, run by run) plus QEMU's own trace events with wall-clock
// stamps (`-msg timestamp=on`), and the host asks for an A record every 5 ms. Milestones,
// each the first of its kind after the spawn:
//   QEMU up        the machine's reset (virtio-net reset by QEMU itself, before any firmware
//                  instruction)
//   kernel load    the first READ on the disk (SeaBIOS loading sector 0) or the firmware
//                  selecting fw_cfg's kernel data (-kernel)
//   kernel loaded  the last READ (the boot sector's last chunk: boot/bootsector.ts) or the
//                  firmware selecting fw_cfg's kernel entry (it jumps there next)
//   driver ready   virtio-net's DRIVER_OK (the service's top level reached its first socket:
//                  in examples/dns.ts before the zone is built, which then overlaps DHCP)
//   first frame    the first transmit kick (DHCP DISCOVER)
//   REQUEST        the guest's DHCP REQUEST, sent once the top level has ended (in dns.ts, the
//                  zone built) and the event loop handled the OFFER (which slirp sends at once)
//   ACK            slirp's DHCP ACK
//   reply          the guest's first DNS reply on the wire
//   first answer   the host's first correct reply
// The last three come from the frames QEMU's `filter-dump` writes to a pcap file, read after the
// boot; its stamps are QEMU's virtual clock, so they are placed relative to the DISCOVER frame,
// taken to be at the first transmit kick.
// Output: per run, the median and the best of each phase, on stdout. `--image X.img` boots a
// given image instead of compiling the entry (before/after of two builds).

import { spawn } from 'child_process';
import * as dgram from 'dgram';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { QEMU, qemuArgs, userNetArgs } from '../cli/qemu';
import { dnsRequests } from './dns-query';
import { compileTimed } from './unikernel';

const USAGE = 'usage: npm run bench:startup -- [--runs N] [--entry file.ts | --image X.img] [--boot kernel|drive|both] [--qemu-arg ARG]...';

interface Milestones {
  reset?: number;
  loadFirst?: number;
  loadLast?: number;
  driverOk?: number;
  firstKick?: number;
  request?: number;
  ack?: number;
  reply?: number;
  answer?: number;
}

/** ATA commands that read sectors (PIO and DMA, 28- and 48-bit). */
const READ_COMMANDS = new Set([0x20, 0x21, 0x24, 0x29, 0xc4, 0xc8, 0x25]);

type Boot = 'kernel' | 'drive';

/** One boot: the milestones in ms after the spawn. */
async function bootOnce(image: string, port: number, boot: Boot, extra: string[]): Promise<Milestones> {
  const net = userNetArgs([`udp:127.0.0.1:${port}-:53`]);
  const pcap = path.join(os.tmpdir(), `tsuk-startup-${port}.pcap`);
  const dump = ['-object', `filter-dump,id=startup-dump,netdev=net0,file=${pcap}`];
  const trace = [...dump, '-msg', 'timestamp=on', '-trace', 'ide_exec_cmd', '-trace', 'fw_cfg_select', '-trace', 'virtio_set_status', '-trace', 'virtio_queue_notify'];
  const spawnedAt = Date.now();
  const args = qemuArgs(image, { accel: 'tcg', memoryMB: 64, boot: boot === 'kernel' ? 'multiboot' : 'drive', extraArgs: [...net, ...trace, ...extra] });
  const child = spawn(QEMU, args, { stdio: ['ignore', 'ignore', 'pipe'] });
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
        const cmd = /cmd 0x([0-9a-f]+)/.exec(args);
        if (cmd && READ_COMMANDS.has(parseInt(cmd[1], 16))) {
          m.loadFirst ??= at;
          m.loadLast = at;
        }
      } else if (event === 'fw_cfg_select') {
        if (/'kernel_data'/.test(args)) m.loadFirst ??= at;
        else if (/'kernel_entry'/.test(args) && m.loadFirst !== undefined) m.loadLast ??= at;
      } else if (event === 'virtio_set_status') {
        m.reset ??= at;
        if (/val 7\b|val 0x7\b/.test(args)) m.driverOk ??= at;
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
  if (fs.existsSync(pcap)) {
    readFrames(fs.readFileSync(pcap), m);
    fs.rmSync(pcap);
  }
  return m;
}

/** The DHCP REQUEST, ACK and first DNS reply in a pcap file (libpcap format, Ethernet, µs),
 *  in ms after the spawn: relative to the DISCOVER frame, which left at the first kick. */
function readFrames(b: Buffer, m: Milestones): void {
  let discover: number | undefined;
  const found: { request?: number; ack?: number; reply?: number } = {};
  for (let o = 24; o + 16 <= b.length; ) {
    const at = b.readUInt32LE(o) * 1000 + b.readUInt32LE(o + 4) / 1000;
    const len = b.readUInt32LE(o + 8);
    const f = b.subarray(o + 16, o + 16 + len);
    o += 16 + len;
    if (f.length < 42 || f.readUInt16BE(12) !== 0x0800 || f[23] !== 17) continue; // IPv4 UDP
    const udp = 14 + (f[14] & 15) * 4;
    const [src, dst] = [f.readUInt16BE(udp), f.readUInt16BE(udp + 2)];
    if (src === 53) found.reply ??= at;
    if (src !== 68 && dst !== 68) continue;
    for (let i = udp + 8 + 240; i + 2 < f.length && f[i] !== 255; i += f[i] === 0 ? 1 : 2 + f[i + 1]) {
      if (f[i] === 53) {
        if (f[i + 2] === 1) discover ??= at;
        if (f[i + 2] === 3) found.request ??= at;
        if (f[i + 2] === 5) found.ack ??= at;
      }
    }
  }
  if (discover === undefined || m.firstKick === undefined) return;
  const place = (t?: number) => (t === undefined ? undefined : m.firstKick! + t - discover!);
  [m.request, m.ack, m.reply] = [place(found.request), place(found.ack), place(found.reply)];
}

const PHASES: [string, (m: Milestones) => number | undefined][] = [
  ['spawn → QEMU up (machine reset)', (m) => m.reset],
  ['firmware: reset → kernel load starts (first READ / fw_cfg kernel data)', (m) => sub(m.loadFirst, m.reset)],
  ['kernel load (boot sector: first → last READ; -kernel: fw_cfg data → entry)', (m) => sub(m.loadLast, m.loadFirst)],
  ['kernel start + service top level up to its first socket (→ virtio DRIVER_OK)', (m) => sub(m.driverOk, m.loadLast)],
  ['stack up → first frame (DHCP DISCOVER)', (m) => sub(m.firstKick, m.driverOk)],
  ['DHCP, the rest of the top level (dns.ts: the zone), the first query answered', (m) => sub(m.answer, m.firstKick)],
  ['… of which DISCOVER → REQUEST (the rest of the top level, then the OFFER)', (m) => sub(m.request, m.firstKick)],
  ['… REQUEST → ACK (slirp)', (m) => sub(m.ack, m.request)],
  ['… ACK → the first DNS reply sent (bound; the host asks every 5 ms)', (m) => sub(m.reply, m.ack)],
  ['… reply sent → received by the host', (m) => sub(m.answer, m.reply)],
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
  let given: string | undefined;
  let boots: Boot[] = ['kernel'];
  const extra: string[] = [];
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--runs' && /^[1-9]\d*$/.test(argv[i + 1] ?? '')) runs = Number(argv[++i]);
    else if (argv[i] === '--entry' && argv[i + 1]) entry = argv[++i];
    else if (argv[i] === '--image' && argv[i + 1]) given = argv[++i];
    else if (argv[i] === '--boot' && /^(kernel|drive|both)$/.test(argv[i + 1] ?? '')) boots = argv[++i] === 'both' ? ['kernel', 'drive'] : [argv[i] as Boot];
    else if (argv[i] === '--qemu-arg' && argv[i + 1]) extra.push(argv[++i]);
    else {
      console.error(`bench:startup: unexpected argument '${argv[i]}'\n${USAGE}`);
      process.exit(2);
    }
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tsuk-startup-'));
  const { image, bytes } = given !== undefined ? { image: given, bytes: fs.statSync(given).size } : compileTimed(entry, dir, 1);
  const all = new Map<Boot, Milestones[]>(boots.map((b) => [b, []]));
  const loadBefore = os.loadavg()[0];
  for (let r = 0; r < runs; r++) {
    for (const boot of boots) {
      const port = 20000 + Math.floor(Math.random() * 20000);
      const m = await bootOnce(image, port, boot, extra);
      all.get(boot)!.push(m);
      process.stderr.write(`bench:startup: ${boot} run ${r + 1}/${runs}: ${PHASES.map(([, f]) => f(m)?.toFixed(0) ?? '?').join(' / ')} ms\n`);
    }
  }
  const label = (b: Boot) => (b === 'kernel' ? '-kernel (qboot)' : 'disk (SeaBIOS, boot sector)');
  console.log(`${given ?? entry}: ${bytes} B image, ${runs} boots each, QEMU TCG, user networking${extra.length ? ' + ' + extra.join(' ') : ''}; load average ${loadBefore.toFixed(2)} before, ${os.loadavg()[0].toFixed(2)} after\n`);
  console.log(`| phase | ${boots.map((b) => `${label(b)}: median, best ms (runs)`).join(' | ')} |\n| --- |${boots.map(() => ' --- |').join('')}`);
  for (const [name, f] of PHASES) {
    const cells = boots.map((b) => {
      const xs = all.get(b)!.map(f).filter((x): x is number => x !== undefined);
      return `${median(xs).toFixed(0)}, ${Math.min(...xs).toFixed(0)} (${xs.map((x) => x.toFixed(0)).join(', ')})`;
    });
    console.log(`| ${name} | ${cells.join(' | ')} |`);
  }
}

main().catch((e) => {
  console.error(`bench:startup: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
