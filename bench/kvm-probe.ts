// Whether KVM can run tsuk images on this host. /dev/kvm being openable is not enough: some
// hosts offer a KVM (e.g. "kvm-pvm") that cannot run a 32-bit guest with paging off and stops
// with an emulation failure at the first SSE instruction. So the probe boots examples/hello
// under KVM and checks that it prints; otherwise it returns the reason for the tables, with the
// faulting instruction decoded from the bytes QEMU dumps (`Code=… <0f> 57 c0 …`).

import { spawn } from 'child_process';
import { Decoder, DecoderOptions, Formatter, FormatterSyntax } from 'iced-x86';
import { QEMU, kvmUsable, qemuArgs } from '../cli/qemu';
import { compileTimed } from './unikernel';

export type KvmStatus = { usable: true } | { usable: false; reason: string };

const PROBE_MS = 15000;

function faultingInstruction(dump: string): string | undefined {
  const m = /Code=[0-9a-f ]*<([0-9a-f]{2})>((?: [0-9a-f]{2})*)/.exec(dump);
  if (!m) return undefined;
  const bytes = Uint8Array.from((m[1] + m[2]).trim().split(' '), (h) => parseInt(h, 16));
  const decoder = new Decoder(32, bytes, DecoderOptions.None);
  const formatter = new Formatter(FormatterSyntax.Nasm);
  const ins = decoder.decode();
  const text = formatter.format(ins);
  ins.free();
  formatter.free();
  decoder.free();
  return text;
}

function bootHello(image: string): Promise<string> {
  return new Promise((resolve) => {
    const child = spawn(QEMU, qemuArgs(image, { accel: 'kvm' }), { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const done = () => {
      clearTimeout(timer);
      child.kill('SIGKILL');
    };
    // QEMU stays up after a KVM internal error: stop as soon as the answer is known.
    const onData = (d: Buffer) => {
      out += d.toString('utf8');
      if (out.includes('Hello, world') || /Code=.*\n/.test(out)) done();
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    const timer = setTimeout(done, PROBE_MS);
    child.on('close', () => resolve(out));
    child.on('error', (e) => resolve(`${out}\nspawn: ${e.message}`));
  });
}

export async function probeKvm(dir: string): Promise<KvmStatus> {
  if (!kvmUsable()) return { usable: false, reason: '/dev/kvm cannot be opened' };
  const { image } = compileTimed('examples/hello.ts', dir, 1);
  const out = await bootHello(image);
  if (out.includes('Hello, world')) return { usable: true };
  const error = out.split('\n').find((l) => /KVM internal error|emulation failure|qemu-system-i386:/.test(l) && !/warning/.test(l));
  const insn = faultingInstruction(out);
  const why = error ? `${error.trim()}${insn ? ` at '${insn}'` : ''}` : `hello printed nothing in ${PROBE_MS / 1000} s`;
  return { usable: false, reason: `examples/hello.ts under KVM: ${why}` };
}
