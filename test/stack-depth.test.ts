// Which functions keep the stack-overflow check (compiler/link/stack-depth.ts), on hand-built IR
// compiled without checks: recursion, an address taken and a call from hand-written code keep
// it; a function only called directly loses it, and its checked caller asks for its depth too.

import { Code } from 'iced-x86';
import { compileFunction } from '../compiler/x86/backend';
import { encodeFunction } from '../compiler/x86/encode';
import { addStackChecks, checkAtZero, CheckableFunction } from '../compiler/link/stack-depth';
import { stackCheckBlocks, STACK_CHECK_BYTES } from '../compiler/x86/stack-check';
import { MFunction, phys, sym } from '../compiler/x86/machine';
import { FB } from './support/x86';

function compiled(b: FB): CheckableFunction {
  const { final, frame } = compileFunction(b.done(), { stackCheck: false });
  return { name: b.name, final, frame, atZero: encodeFunction(final, 0, () => 0) };
}

/** A function that calls each of `callees` once with one i32 argument. */
function caller(name: string, callees: string[]): CheckableFunction {
  const b = new FB(name, ['i32'], 'i32');
  let v = 0;
  for (const c of callees) v = b.call(c, [v], 'i32')!;
  b.ret(v);
  return compiled(b);
}

/** The bytes a check asks for (its cmp's addend), or undefined when the function has none. */
function checkOf(f: CheckableFunction): number | undefined {
  const first = f.final.blocks[0].instrs[0];
  const o = first.ops[1];
  return first.code === Code.Cmp_rm32_imm32 && o?.kind === 'sym' && o.name === '__stack_limit' ? o.addend : undefined;
}

test('checks stay on recursion, taken addresses and calls from hand-written code; direct-only callees lose them', () => {
  const leafish = caller('middle', ['leaf']);
  const fns = [
    caller('main', ['middle', 'rec']),
    leafish,
    caller('leaf', []),
    caller('rec', ['rec']),
    caller('taken', ['leaf']),
    caller('handler', ['leaf']),
  ];
  const start: CheckableFunction = {
    name: 'entry', frame: { slotOffsets: [], localBytes: 0, savedRegs: [] }, atZero: new Uint8Array(5),
    final: { name: 'entry', naked: true, vregClass: [], slots: [], blocks: [{ label: 0, instrs: [phys(Code.Call_rel32_32, [sym('handler')])] }] } as MFunction,
  };
  const out = new Map(addStackChecks([start, ...fns], new Set(['taken'])).map((f) => [f.name, f]));
  expect(checkOf(out.get('middle')!)).toBeUndefined();
  expect(checkOf(out.get('leaf')!)).toBeUndefined();
  expect(checkOf(out.get('rec')!)).toBeDefined();
  expect(checkOf(out.get('taken')!)).toBeDefined();
  expect(checkOf(out.get('handler')!)).toBeDefined();
  // main is called by nothing here (no _start in this set), so it is a root of direct calls
  // only: unchecked too, and nothing checked is above it — in a real image _start calls it.
  expect(checkOf(out.get('main')!)).toBeUndefined();
  // A checked caller of the unchecked chain asks for its own frame and the chain's depth.
  const frame = (f: CheckableFunction) => 4 + 4 * f.frame.savedRegs.length + f.frame.localBytes;
  const chain = frame(leafish) + 4 + frame(out.get('leaf')!);
  const withMiddle = addStackChecks([start, ...fns], new Set(['taken', 'main']));
  const main = withMiddle.find((f) => f.name === 'main')!;
  expect(checkOf(main)).toBe(frame(main) + 4 + chain);
  // The check's bytes go in front of the function's, the same as the encoder makes them.
  expect(main.atZero.length).toBe(fns[0].atZero.length + STACK_CHECK_BYTES);
  expect(Array.from(main.atZero.subarray(STACK_CHECK_BYTES))).toEqual(Array.from(fns[0].atZero));
});

test('the check encodes at 0 to the bytes the pass puts in front', () => {
  const f = caller('f', ['g']);
  const withCheck: MFunction = { ...f.final, blocks: [...stackCheckBlocks(f.final, 32), ...f.final.blocks] };
  const bytes = encodeFunction(withCheck, 0, () => 0);
  expect(Array.from(bytes.subarray(0, STACK_CHECK_BYTES))).toEqual(Array.from(checkAtZero(32)));
  expect(bytes.length).toBe(STACK_CHECK_BYTES + f.atZero.length);
});
