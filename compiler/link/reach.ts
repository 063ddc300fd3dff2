// Reachability: which functions and data items end up in the image.
//
// Starting from `_start` (which calls the module's entry), follow every symbol a function
// refers to and every relocation of a data item. This runs on the IR, before instruction
// selection, so an unreached function is never selected, allocated or encoded: an IR function
// refers to its callees and `addr` symbols and to the stubs selection will call for it
// (x86/isel.ts selectionReferences); the backend's own code (`_start`, the stubs, the interrupt
// entries of x86/interrupts.ts) is machine code from the start and refers to what its
// instructions name. A symbol that is neither in the module, nor a backend stub, nor defined by
// the linker is an error naming who refers to it.

import { DataItem, Func, Module } from '../ir/ir';
import { MFunction, referencedSymbols } from '../x86/machine';
import { selectionReferences } from '../x86/isel';
import { isStub, stubFunction, STUB_NAMES } from '../x86/stubs';
import { startFunction, START_SYMBOL, LINKER_SYMBOLS } from '../x86/start';
import {
  isKernelData, isKernelFunction, kernelData, kernelFunction, KERNEL_FUNCTION_NAMES, STACK_OVERFLOW, STACK_OVERFLOW_HANDLER,
} from '../x86/interrupts';
import { SYMTAB } from './symtab';
import { LITERALS } from './literals';

export interface ReachedFunction {
  name: string;
  /** The IR function; absent for the backend's own code (`_start`, stubs, interrupt entries). */
  ir?: Func;
  /** The backend's own code, already machine code; absent for IR functions (selected later). */
  machine?: MFunction;
}

export interface Reached {
  /** `_start` first, then module functions in module order, then stubs. */
  functions: ReachedFunction[];
  /** Reached data items in module order, then the backend's (compiler/x86/interrupts.ts). */
  data: DataItem[];
  /** Whether something refers to the symbol table, which the linker builds after layout. */
  symtab: boolean;
  /** Whether something refers to the packed string literals (the runtime's unpacker), so the
   *  linker packs them (literals.ts). */
  literals: boolean;
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
    if (reserved.has(name) || isStub(name) || isKernelFunction(name) || isKernelData(name) || name === SYMTAB || name === LITERALS) throw new Error(`link: ${what} '${name}' uses a name reserved for the linker`);
  };
  for (const f of mod.functions) {
    define(f.name, 'function');
    funcs.set(f.name, f);
  }
  for (const d of mod.data) {
    define(d.name, 'data item');
    data.set(d.name, d);
  }

  const reachedFunctions = new Map<string, ReachedFunction>();
  const reachedData = new Set<string>();
  const kernelItems = new Map<string, DataItem>();
  let symtab = false;
  let literals = false;
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
      reachedFunctions.set(name, { name, machine: mf });
      for (const r of referencedSymbols(mf)) visit(r, name);
    } else if (f) {
      reachedFunctions.set(name, { name, ir: f });
      for (const r of selectionReferences(f)) visit(r, name);
    } else if (isStub(name) || isKernelFunction(name)) {
      const mf = isStub(name) ? stubFunction(name) : kernelFunction(name);
      reachedFunctions.set(name, { name, machine: mf });
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
    } else if (name === LITERALS) {
      literals = true;
    } else if (!(LINKER_SYMBOLS as readonly string[]).includes(name)) {
      throw new Error(`link: undefined symbol '${name}' referenced by '${from}'`);
    }
  }

  const functions: ReachedFunction[] = [reachedFunctions.get(START_SYMBOL)!];
  for (const f of mod.functions) {
    const r = reachedFunctions.get(f.name);
    if (r) functions.push(r);
  }
  // Stubs in a fixed order, whatever order they were reached in.
  const stubs = [...reachedFunctions.values()].filter((r) => isStub(r.name)).sort((a, b) => stubRank(a.name) - stubRank(b.name));
  const kernel = KERNEL_FUNCTION_NAMES.filter((n) => reachedFunctions.has(n)).map((n) => reachedFunctions.get(n)!);
  return {
    functions: [...functions, ...stubs, ...kernel],
    data: [...mod.data.filter((d) => reachedData.has(d.name)), ...kernelItems.values()],
    symtab,
    literals,
    keptBy,
  };
}

function stubRank(name: string): number {
  return STUB_NAMES.indexOf(name);
}
