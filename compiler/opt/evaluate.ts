// What an IR instruction computes when its operands are known constants: the IR's semantics
// (ir.ts) at compile time, exactly as the backend's code would compute them at run time.
//
// Integers are held as JS numbers in their type's range (u32 0..2^32-1, i8 -128..127, bool
// 0/1); f64 is the JS number itself, which is IEEE double with -0 and NaN. Whatever cannot be
// evaluated without guessing is left alone (undefined): integer division by zero and
// INT_MIN / -1 (they trap at run time, and must), shifts of sub-word types (whose 32-bit
// register image the IR does not pin down), and conversions to or from refs.

import { Func, Instr, IntType, ValueType, isInt, isSigned } from '../ir/ir';

/** x (an integer computed modulo 2^32) as a value of type t. */
export function wrap(t: IntType | 'bool', x: number): number {
  switch (t) {
    case 'i8': return (x << 24) >> 24;
    case 'u8': return x & 0xff;
    case 'i16': return (x << 16) >> 16;
    case 'u16': return x & 0xffff;
    case 'i32': return x | 0;
    case 'u32': return x >>> 0;
    case 'bool': return x ? 1 : 0;
  }
}

/** The value a `const` instruction gives its destination of type t. */
export function constValue(t: ValueType, value: number): number {
  return isInt(t) ? wrap(t, value) : value;
}

/** The constant i computes, given `known(v)` (a vreg's constant value or undefined); undefined
 *  when an operand is not constant or the result is not foldable. Copies and consts included. */
export function evaluate(f: Func, i: Instr, known: (v: number) => number | undefined): number | undefined {
  switch (i.op) {
    case 'const': return constValue(f.vregs[i.dst], i.value);
    case 'copy': return known(i.src);
    case 'bin': {
      const a = known(i.a), b = known(i.b);
      if (a === undefined || b === undefined) return undefined;
      return binary(f.vregs[i.dst], i.kind, a, b);
    }
    case 'cmp': {
      // x compared with itself: known unless x is a double (NaN is unequal to itself).
      if (i.a === i.b && f.vregs[i.a] !== 'f64') return compare(i.cond, 0, 0) ? 1 : 0;
      const a = known(i.a), b = known(i.b);
      if (a === undefined || b === undefined) return undefined;
      return compare(i.cond, a, b) ? 1 : 0;
    }
    case 'un': {
      const a = known(i.a);
      if (a === undefined) return undefined;
      const t = f.vregs[i.dst];
      if (i.kind === 'lnot') return a ? 0 : 1;
      if (t === 'f64') return i.kind === 'neg' ? -a : undefined;
      if (!isInt(t)) return undefined;
      return wrap(t, i.kind === 'neg' ? -a : ~a);
    }
    case 'conv': {
      const a = known(i.src);
      if (a === undefined) return undefined;
      return convert(f.vregs[i.src], f.vregs[i.dst], a);
    }
    default: return undefined;
  }
}

function binary(t: ValueType, kind: string, a: number, b: number): number | undefined {
  if (t === 'f64') {
    switch (kind) {
      case 'add': return a + b;
      case 'sub': return a - b;
      case 'mul': return a * b;
      case 'div': return a / b;
      // JS % on doubles is C's fmod: the dividend's sign, NaN for x % 0 and ±Infinity % y.
      case 'rem': return a % b;
      default: return undefined;
    }
  }
  if (!isInt(t)) return undefined;
  const word = t === 'i32' || t === 'u32';
  switch (kind) {
    case 'add': return wrap(t, a + b);
    case 'sub': return wrap(t, a - b);
    case 'mul': return wrap(t, Math.imul(a, b));
    case 'and': return wrap(t, a & b);
    case 'or': return wrap(t, a | b);
    case 'xor': return wrap(t, a ^ b);
    case 'div': case 'rem': {
      if (b === 0 || !word) return undefined;
      if (isSigned(t) && a === -0x80000000 && b === -1) return undefined;
      return wrap(t, kind === 'div' ? Math.trunc(a / b) : a % b);
    }
    case 'shl': return word ? wrap(t, a << (b & 31)) : undefined;
    case 'shr': return word ? wrap(t, a >>> (b & 31)) : undefined;
    case 'sar': return word ? wrap(t, (a | 0) >> (b & 31)) : undefined;
    default: return undefined;
  }
}

/** Integers are held in their type's range, so JS comparison is the signed or unsigned one the
 *  operand type asks for; on doubles it is IEEE's (NaN unordered, -0 == +0). */
function compare(cond: string, a: number, b: number): boolean {
  switch (cond) {
    case 'eq': return a === b;
    case 'ne': return a !== b;
    case 'lt': return a < b;
    case 'le': return a <= b;
    case 'gt': return a > b;
    default: return a >= b;
  }
}

function convert(from: ValueType, to: ValueType, a: number): number | undefined {
  if (from === 'ref' || to === 'ref') return undefined;
  if (to === 'bool') return a !== 0 && a === a ? 1 : 0;
  if (to === 'f64') return a;
  // f64 → int: ToInt32 (`| 0`: NaN and ±Infinity give 0, modulo 2^32), then the width.
  if (from === 'f64') return wrap(to, a | 0);
  return wrap(to, a);
}
