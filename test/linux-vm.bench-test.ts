// The Linux-VM guests of `npm run bench:dns` boot and serve the zone: scripts/linux-vm.js builds
// each guest (as the benchmark does), QEMU boots it under TCG with the benchmark's network path,
// and dig asks it for two synthetic names, whose addresses are computed, not written down.
//
// Not part of `npm test`: a boot under TCG takes 15–60 s per guest here. Run it with
// `npm run test:linux-vm` (builds dist/ first; the guests are built from dist/scripts/). It
// skips, with the reason printed, when the Debian packages cannot be downloaded or a tool is
// missing; any other build failure fails the test.

import { spawn, spawnSync } from 'child_process';
import * as path from 'path';
import { syntheticAddress } from '../bench/dns-query';
import { linuxVmServer } from '../bench/linux-vm-server';
import { GuestKind, LinuxGuest } from '../scripts/linux-vm';
import { freeUdpPort } from './support/guest';
import { onPath } from './support/host-tools';

const ROOT = path.resolve(__dirname, '..');
const BOOT_LIMIT_MS = 150000;

/** The guest from the CLI, or why the test cannot run here (undefined reason: build it failed
 *  for a reason of ours, which the test reports). */
function build(kind: GuestKind): { guest?: LinuxGuest; skip?: string; error?: string } {
  for (const tool of ['qemu-system-x86_64', 'dig']) if (!onPath(tool)) return { skip: `${tool} is not installed` };
  const r = spawnSync(process.execPath, [path.join(ROOT, 'dist/scripts/linux-vm.js'), kind], { encoding: 'utf8', timeout: 600000 });
  if (r.status === 0) return { guest: JSON.parse(r.stdout) as LinuxGuest };
  const why = (r.stderr || r.error?.message || '').trim();
  if (/apt-get download|is not installed|Cannot find module/.test(why)) return { skip: why };
  return { error: why };
}

/** dig's answer for `name` A from 127.0.0.1:port, or '' when none came. */
function dig(port: number, name: string): string {
  const r = spawnSync('dig', ['+short', '+time=1', '+tries=1', '-p', String(port), '@127.0.0.1', name, 'A'], { encoding: 'utf8' });
  // Before the guest listens, slirp answers with an ICMP error, which dig reports on stdout.
  const out = (r.stdout ?? '').trim();
  return /^[\d.]+$/.test(out) ? out : '';
}

for (const kind of ['nsd', 'node'] as const) {
  const built = build(kind);
  if (built.skip) console.log(`test/linux-vm.bench-test.ts (${kind}) skipped: ${built.skip}`);
  (built.skip ? test.skip : test)(
    `the Linux ${kind} guest boots and answers dig`,
    async () => {
      expect(built.error).toBeUndefined();
      const port = await freeUdpPort();
      const spec = linuxVmServer(built.guest!, port);
      const qemu = spawn(spec.command, spec.args, { stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      qemu.stdout.on('data', (d) => (output += d));
      qemu.stderr.on('data', (d) => (output += d));
      try {
        const start = Date.now();
        let first = '';
        while (first === '' && Date.now() - start < BOOT_LIMIT_MS && qemu.exitCode === null) {
          first = dig(port, 'h5.example.test');
          if (first === '') await new Promise((r) => setTimeout(r, 200));
        }
        if (first === '') {
          const why = qemu.exitCode !== null ? `QEMU exited (${qemu.exitCode}) before an answer` : `no answer within ${BOOT_LIMIT_MS} ms`;
          throw new Error(`${why}; guest console:\n${output.slice(-3000)}`);
        }
        expect(first).toBe(syntheticAddress(5));
        expect(dig(port, 'h4242.example.test')).toBe(syntheticAddress(4242));
        expect(output).toContain(`starting ${kind}`);
      } finally {
        qemu.kill('SIGKILL');
      }
    },
    BOOT_LIMIT_MS + 30000,
  );
}
