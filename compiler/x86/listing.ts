// The assembly listing (`--emit asm`): the linked bytes decoded back with iced's Decoder and
// printed with its Formatter in nasm syntax, one block per function:
//
//   fib:                                         ; examples/fib.ts:3
//     00100040  55                     push ebp
//     00100041  e8 ba ff ff ff         call fib
//
// Decoding the final bytes (rather than printing the machine IR) shows exactly what runs. The
// decoded instructions correspond one to one to the function's final machine instructions, so
// symbol names (call targets, `addr` constants) and source lines come from the machine IR.

import { Decoder, DecoderOptions, Formatter, FormatterSyntax, Instruction, FlowControl } from 'iced-x86';
import { MFunction, MInstr } from './machine';

export interface ListedFunction {
  name: string;
  address: number;
  bytes: Uint8Array;
  /** The function's final machine code (physical registers, frame included). */
  machine: MFunction;
  file?: string;
  line?: number;
}

export interface ListingInput {
  functions: readonly (ListedFunction & { selectedInstructions?: number; instructions?: number })[];
  symbols: readonly { name: string; address: number }[];
  /** The register allocator used (a link result has it): named in the closing totals line. */
  regalloc?: string;
}

/** The whole listing: every function in address order, then a comment line with the totals
 *  (instructions after selection, over vregs, and final, after allocation and frames). */
export function formatListing(input: ListingInput): string {
  const byAddress = new Map<number, string>();
  for (const s of input.symbols) if (!byAddress.has(s.address)) byAddress.set(s.address, s.name);
  const parts = [...input.functions]
    .sort((a, b) => a.address - b.address)
    .map((f) => listFunction(f, (a) => byAddress.get(a)).text);
  const t = instructionTotals(input.functions);
  const alloc = input.regalloc ? ` (register allocator: ${input.regalloc})` : '';
  return parts.join('\n') + `\n; ${t.functions} functions: ${t.selected} instructions after selection, ${t.final} final${alloc}\n`;
}

/** Instruction totals over functions: after selection (before register allocation) and final. */
export function instructionTotals(functions: readonly { machine: MFunction; selectedInstructions?: number; instructions?: number }[]): { functions: number; selected: number; final: number } {
  let selected = 0;
  let final = 0;
  for (const f of functions) {
    final += f.instructions ?? f.machine.blocks.reduce((n, b) => n + b.instrs.length, 0);
    selected += f.selectedInstructions ?? 0;
  }
  return { functions: functions.length, selected, final };
}

/** Number of instructions in encoded machine code. */
export function countInstructions(bytes: Uint8Array, address = 0): number {
  return decode(bytes, address).length;
}

/** Decoded instructions as nasm text, e.g. for tests: ["push ebp", "mov ebp, esp", ...]. */
export function disassemble(bytes: Uint8Array, address = 0): string[] {
  const f = makeFormatter();
  try {
    return decode(bytes, address).map((i) => {
      const s = f.format(i);
      i.free();
      return s;
    });
  } finally {
    f.free();
  }
}

export function listFunction(fn: ListedFunction, symbolAt: (address: number) => string | undefined): { text: string; instructions: number } {
  const instrs = decode(fn.bytes, fn.address);
  const machine: MInstr[] = fn.machine.blocks.flatMap((b) => b.instrs);
  const zip = machine.length === instrs.length;
  const f = makeFormatter();
  const where = fn.file ? `${fn.file}${fn.line !== undefined ? ':' + fn.line : ''}` : '';
  const lines = [where ? `${fn.name}:`.padEnd(44) + ` ; ${where}` : `${fn.name}:`];
  let lastLine: number | undefined = fn.line;
  let offset = 0;
  instrs.forEach((ins, k) => {
    const mi = zip ? machine[k] : undefined;
    if (mi?.line !== undefined && mi.line !== lastLine && fn.file) {
      lines.push(`                                      ; ${fn.file}:${mi.line}`);
      lastLine = mi.line;
    }
    const len = ins.length;
    const hex = Array.from(fn.bytes.subarray(offset, offset + len), (b) => b.toString(16).padStart(2, '0')).join(' ');
    offset += len;
    let text = f.format(ins);
    const flow = ins.flowControl;
    if (flow === FlowControl.Call || flow === FlowControl.UnconditionalBranch) {
      const target = Number(ins.nearBranchTarget);
      const name = symbolAt(target);
      if (name !== undefined && (target < fn.address || target >= fn.address + fn.bytes.length || target === fn.address))
        text = `${f.formatMnemonic(ins)} ${name}`;
    }
    const symOp = mi?.ops.find((o) => o.kind === 'sym');
    const memSym = mi?.ops.find((o) => o.kind === 'mem' && o.sym !== undefined);
    const branch = flow === FlowControl.Call || flow === FlowControl.UnconditionalBranch;
    if (symOp && symOp.kind === 'sym' && (!branch || symOp.addend !== 0))
      text += `  ; ${symOp.name}${symOp.addend ? '+' + symOp.addend : ''}`;
    else if (memSym && memSym.kind === 'mem') text += `  ; ${memSym.sym}${memSym.disp ? '+' + memSym.disp : ''}`;
    lines.push(`  ${(ins.ip32 >>> 0).toString(16).padStart(8, '0')}  ${hex.padEnd(23)} ${text}`);
    ins.free();
  });
  f.free();
  return { text: lines.join('\n') + '\n', instructions: instrs.length };
}

function decode(bytes: Uint8Array, address: number): Instruction[] {
  const d = new Decoder(32, bytes, DecoderOptions.None);
  d.ip = BigInt(address);
  const out: Instruction[] = [];
  while (d.canDecode) out.push(d.decode());
  d.free();
  return out;
}

function makeFormatter(): Formatter {
  const f = new Formatter(FormatterSyntax.Nasm);
  f.hexPrefix = '0x';
  f.hexSuffix = '';
  f.uppercaseHex = false;
  f.branchLeadingZeros = false;
  f.spaceAfterOperandSeparator = true;
  f.showBranchSize = false;
  return f;
}
