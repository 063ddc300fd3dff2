// Reachability: which functions and data items end up in the image.
//
// Starting from `_start` (which calls the module's entry), follow every symbol a selected
// function refers to (calls, `addr`, the backend stubs it calls) and every relocation of a data
// item. Functions are instruction-selected as they are reached, so selection itself tells the
// linker about stub references, and an unreached function is never selected or encoded. A
// symbol that is neither in the module, nor a backend stub, nor defined by the linker is an
// error naming who refers to it.

import { DataItem, Func, Module } from '../ir/ir';
import { MFunction, referencedSymbols } from '../x86/machine';
import { selectFunction } from '../x86/isel';
import { isStub, stubFunction, STUB_NAMES } from '../x86/stubs';
import { startFunction, START_SYMBOL, LINKER_SYMBOLS } from '../x86/start';
import {
  isKernelData, isKernelFunction, kernelData, kernelFunction, KERNEL_FUNCTION_NAMES, STACK_OVERFLOW, STACK_OVERFLOW_HANDLER,
} from '../x86/interrupts';
import { SYMTAB } from './symtab';

export interface ReachedFunction {
  name: string;
  /** The IR function, absent for `_start` and the stubs. */
  ir?: Func;
  /** Selected machine code (over vregs). */
  selected: MFunction;
}

export interface Reached {
  /** `_start` first, then module functions in module order, then stubs. */
  functions: ReachedFunction[];
  /** Reached data items in module order, then the backend's (compiler/x86/interrupts.ts). */
  data: DataItem[];
  /** Whether something refers to the symbol table, which the linker builds after layout. */
  symtab: boolean;
  /** For every reached symbol but `_start`, the first symbol found referring to it: following
   *  it back reaches `_start`, the chain that made the linker keep it (`tsuk inspect --why`). */
  keptBy: Map<string, string>;
}

export function reach(mod: Module): Reached {
  const funcs = new Map<string, Func>();
  const data = new Map<string, DataItem>();
  const reserved = new Set<string>([START_SYMBOL, ...LINKER_SYMBOLS]);
  const define = (name: string, what: string) => {
    if (funcs.has(name) || data.has(name)) throw new Error(`link: symbol '${name}' is defined more than once`);
    if (reserved.has(name) || isStub(name) || isKernelFunction(name) || isKernelData(name) || name === SYMTAB) throw new Error(`link: ${what} '${name}' uses a name reserved for the linker`);
  };
  for (const f of mod.functions) {
    define(f.name, 'function');
    funcs.set(f.name, f);
  }
  for (const d of mod.data) {
    define(d.name, 'data item');
    data.set(d.name, d);
  }

  const selected = new Map<string, ReachedFunction>();
  const reachedData = new Set<string>();
  const kernelItems = new Map<string, DataItem>();
  let symtab = false;
  const seen = new Set<string>([START_SYMBOL]);
  const keptBy = new Map<string, string>();
  const queue: { name: string; from: string }[] = [{ name: START_SYMBOL, from: '' }];
  const visit = (name: string, from: string) => {
    if (seen.has(name)) return;
    seen.add(name);
    keptBy.set(name, from);
    queue.push({ name, from });
  };
  // Every prologue may call the stack-overflow entry (frame.ts adds the calls after selection),
  // so it is a root whenever the program has the runtime's handler for it.
  if (funcs.has(STACK_OVERFLOW_HANDLER)) visit(STACK_OVERFLOW, START_SYMBOL);
  while (queue.length > 0) {
    const { name, from } = queue.shift()!;
    const f = funcs.get(name);
    const d = data.get(name);
    if (name === START_SYMBOL) {
      const mf = startFunction(mod.entry);
      selected.set(name, { name, selected: mf });
      for (const r of referencedSymbols(mf)) visit(r, name);
    } else if (f) {
      const mf = selectFunction(f);
      selected.set(name, { name, ir: f, selected: mf });
      for (const r of referencedSymbols(mf)) visit(r, name);
    } else if (isStub(name) || isKernelFunction(name)) {
      const mf = isStub(name) ? stubFunction(name) : kernelFunction(name);
      selected.set(name, { name, selected: mf });
      for (const r of referencedSymbols(mf)) visit(r, name);
    } else if (d) {
      reachedData.add(name);
      for (const r of d.relocs) visit(r.symbol, name);
    } else if (isKernelData(name)) {
      const k = kernelData(name);
      kernelItems.set(name, k);
      for (const r of k.relocs) visit(r.symbol, name);
    } else if (name === SYMTAB) {
      symtab = true;
    } else if (!(LINKER_SYMBOLS as readonly string[]).includes(name)) {
      throw new Error(`link: undefined symbol '${name}' referenced by '${from}'`);
    }
  }

  const functions: ReachedFunction[] = [selected.get(START_SYMBOL)!];
  for (const f of mod.functions) {
    const r = selected.get(f.name);
    if (r) functions.push(r);
  }
  // Stubs in a fixed order, whatever order they were reached in.
  const stubs = [...selected.values()].filter((r) => isStub(r.name)).sort((a, b) => stubRank(a.name) - stubRank(b.name));
  const kernel = KERNEL_FUNCTION_NAMES.filter((n) => selected.has(n)).map((n) => selected.get(n)!);
  return {
    functions: [...functions, ...stubs, ...kernel],
    data: [...mod.data.filter((d) => reachedData.has(d.name)), ...kernelItems.values()],
    symtab,
    keptBy,
  };
}

function stubRank(name: string): number {
  return STUB_NAMES.indexOf(name);
}
