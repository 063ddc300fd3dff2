// The inline probe of a Map or Set with number keys (issue 13): `m.get(k)`, `m.set(k, v)`,
// `m.has(k)` and `s.add(k)` in a loop look a whole-number key in int32 range up in the hash
// table's chain right at the call site, as runtime/js/ordered-hash.ts's slotForNumberKey does,
// instead of calling it. A call costs its stack check, frame and register saves (about as
// many instructions as the probe itself); inline, the optimizer also shares the table's loads
// and the key's conversion between a `get` and the `set` that follows it.
//
// The probe emits its arms, each written by the caller (lower-map.ts):
// - `hit(entry)`: the key is in the chain; `entry` is its entry's address (the value at
//   ORDERED_HASH_VALUE, valid until the next insertion, deletion or clear);
// - `miss()`: it is not in the table; or, for the lookups that add a missing key (`set`,
//   `add`), `insert(entry)`: the key has just been added by the runtime's append (one call,
//   where slotForNumberKey would make two and probe again); `entry` is the new entry, its
//   value zeroed;
// - `other()`: any other key (a fraction, NaN, ±Infinity, beyond int32), which the runtime
//   handles (normalising -0 and NaN there). -0 is a whole number: it converts to the integer
//   0 and is looked up as +0, the same key under SameValueZero.
// The table's key kind is checked only before adding (a table of other keys goes to `other`,
// where the runtime panics): a table of string, reference or boolean keys cannot be reached
// through a `Map<number, …>` type, and even if it were, no key of those kinds reads as an
// int32-valued double (an address or a 0/1 word with a zero high word is a denormal), so a
// lookup would not find one.
//
// Hash and layout are the runtime's (hashInt; runtime/abi/layout.ts): h = k * φ·2^32 mod 2^32,
// bucket (h ^ (h >>> 16)) & mask, a chain of area positions + 1 through each entry's link.

import { BlockId, Vreg } from '../ir/ir';
import type { Lowering } from './lowering';
import {
  ORDERED_HASH_BUCKETS, ORDERED_HASH_CHAIN, ORDERED_HASH_ENTRIES, ORDERED_HASH_ENTRY_BYTES, ORDERED_HASH_INT_MULTIPLIER, ORDERED_HASH_KIND,
  ORDERED_HASH_MASK,
} from '../../runtime/abi/layout';
import { RT_ORDERED_HASH } from '../../runtime/abi/entry-points';

export type ProbeArms = { hit(entry: Vreg): void; other(): void } & ({ miss(): void } | { insert(entry: Vreg): void });

/** Emits the probe of `key` (an f64) in `table` (a u32 address) with its arms; control
 *  continues after them (after those that do not end in a branch of their own). */
export function probeNumberKey(f: Lowering, table: Vreg, key: Vreg, arms: ProbeArms): void {
  const b = f.b;
  const whole = b.newBlock(), loop = b.newBlock(), step = b.newBlock(), next = b.newBlock();
  const hitB = b.newBlock(), missB = b.newBlock(), otherB = b.newBlock(), join = b.newBlock();
  const bin = (kind: 'add' | 'sub' | 'mul' | 'xor' | 'and' | 'shr', a: Vreg, c: Vreg) => {
    const dst = b.newVreg('u32');
    b.emit({ op: 'bin', dst, kind, a, b: c });
    return dst;
  };
  const load = (addr: Vreg, offset: number, dst = b.newVreg('u32')) => {
    b.emit({ op: 'load', dst, addr, offset });
    return dst;
  };
  const u32 = (n: number) => b.const('u32', n);

  // Whole and in int32 range: ToInt32 and back gives the key (false for NaN; -0 gives +0).
  const int = b.newVreg('i32');
  b.emit({ op: 'conv', dst: int, src: key });
  const back = b.newVreg('f64');
  b.emit({ op: 'conv', dst: back, src: int });
  const same = b.newVreg('bool');
  b.emit({ op: 'cmp', dst: same, cond: 'eq', a: back, b: key });
  b.branch(same, whole, otherB);

  b.switchTo(whole);
  const bits = b.newVreg('u32');
  b.emit({ op: 'conv', dst: bits, src: int });
  const h = bin('mul', bits, u32(ORDERED_HASH_INT_MULTIPLIER));
  const hash = bin('xor', h, bin('shr', h, u32(16)));
  const bucket = bin('and', hash, load(table, ORDERED_HASH_MASK));
  const link = load(bin('add', load(table, ORDERED_HASH_BUCKETS), bin('mul', bucket, u32(4))), 0);
  // Entry addresses from links (position + 1): base + link * size, base one entry before the area.
  const base = bin('sub', load(table, ORDERED_HASH_ENTRIES), u32(ORDERED_HASH_ENTRY_BYTES));
  b.jump(loop);

  b.switchTo(loop);
  const end = b.newVreg('bool');
  b.emit({ op: 'cmp', dst: end, cond: 'eq', a: link, b: u32(0) });
  b.branch(end, missB, step);

  b.switchTo(step);
  const entry = bin('add', base, bin('mul', link, u32(ORDERED_HASH_ENTRY_BYTES)));
  const stored = b.newVreg('f64');
  b.emit({ op: 'load', dst: stored, addr: entry, offset: 0 });
  const found = b.newVreg('bool');
  b.emit({ op: 'cmp', dst: found, cond: 'eq', a: stored, b: back });
  b.branch(found, hitB, next);

  b.switchTo(next);
  load(entry, ORDERED_HASH_CHAIN, link);
  b.jump(loop);

  const arm = (block: BlockId, body: () => void) => {
    b.switchTo(block);
    body();
    // An arm may leave by a branch of its own.
    if (!b.terminated) b.jump(join);
  };
  arm(hitB, () => arms.hit(entry));
  arm(missB, () => {
    if ('miss' in arms) return arms.miss();
    // Number keys only (KEY_NUMBER is 0); then the entry append made holds this key.
    const numbers = b.newBlock(), kindOther = b.newVreg('bool');
    b.emit({ op: 'cmp', dst: kindOther, cond: 'ne', a: load(table, ORDERED_HASH_KIND), b: u32(0) });
    b.branch(kindOther, otherB, numbers);
    b.switchTo(numbers);
    const added = f.runtimeCall(RT_ORDERED_HASH, 'append', [table, hash], 'u32')!;
    b.emit({ op: 'store', type: 'f64', addr: added, offset: 0, value: back });
    arms.insert(added);
  });
  arm(otherB, () => arms.other());
  b.switchTo(join);
}
