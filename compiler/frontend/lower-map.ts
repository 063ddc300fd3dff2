// Lowering Map and Set over the runtime's insertion-ordered hash table (runtime/js/ordered-hash.ts).
//
// The table stores each key in its machine form and an 8-byte value slot; the runtime finds
// slots and the compiler loads and stores keys and values inline with their machine types.
// Iteration (`for…of`, `forEach`, `keys()`, `values()`, `entries()`) walks live entries by
// index, which is how JS iteration sees entries added and deleted during the loop.

import { ArrayLiteralExpression, BinaryExpression, CallExpression, Expression, IfStatement, Node, PropertyAccessExpression, Type } from 'ts-morph';
import { ValueType, Vreg } from '../ir/ir';
import { CompileError, diagnosticAt } from './diagnostics';
import { stringKind, valueTypeOf } from './types';
import { Collection, collectionKind } from './collection-kind';
import { iterableElements, isIterable } from './lower-iterable';
import { makeIterator } from './lower-iterator';
import { arrayElementType, isArrayType } from './array-types';
import { TupleShape, tupleShape } from './lower-tuple';
import { isMixedUnion } from './union-types';
import { concrete, typeAt } from './generics';
import type { Lowering, Value } from './lowering';
import { RT_ORDERED_HASH } from '../../runtime/abi/entry-points';
import { ORDERED_HASH_VALUE } from '../../runtime/abi/layout';
import { probeNumberKey } from './lower-map-probe';
import { deleteAfterHas, methodCall, reusedGet } from './lower-map-reuse';

const END = 0xffffffff;

export { collectionKind } from './collection-kind';
export type { Collection } from './collection-kind';

function unsupported(node: Node, what: string): never {
  throw new CompileError([diagnosticAt(node, 3001, `${what} is not supported yet`)]);
}

/** Whether `e` runs in a loop of its function: where a number key's lookup is written out
 *  inline (lower-map-probe.ts) rather than called, so that images do not grow for the lookups
 *  that run once per request or event. */
function inLoop(e: Node): boolean {
  for (let n = e.getParent(); n && !Node.isFunctionLikeDeclaration(n) && !Node.isSourceFile(n); n = n.getParent()) {
    if (Node.isIterationStatement(n)) return true;
  }
  return false;
}

/** The runtime's key kinds: numbers, strings (by content), references, booleans. */
function keyKind(t: ValueType, type: Type): number {
  if (t === 'f64') return 0;
  if (t === 'bool') return 3;
  // `'a' | 'b'` keys too: strings compare by content whatever type names them.
  return stringKind(type) === 'string' ? 1 : 2;
}

/** The type `get` yields for a Map's value type: a boolean is widened to a double, so that
 *  undefined (absent.ts's NaN) fits beside it. */
function gotType(value: ValueType): ValueType {
  return value === 'bool' ? 'f64' : value;
}

/** A lookup's outcome as far as the code being emitted knows it: the entry found, the key
 *  absent, or a value slot that is 0 when absent. */
type Lookup = { entry: Vreg } | { absent: true } | { slot: Vreg };

export class MapLowering {
  constructor(private readonly f: Lowering) {}

  /** What setAfterGet's lookup found, for the `m.get(k)` inside the value it is lowering. */
  private readonly reused = new Map<Node, Lookup>();

  private get b() {
    return this.f.b;
  }

  private call(name: string, args: Vreg[], ret?: ValueType): Vreg | undefined {
    return this.f.runtimeCall(RT_ORDERED_HASH, name, args, ret);
  }

  /** Key and value machine types of a Map/Set type (a Set's value is unused). */
  types(t: Type, at: Node): { key: ValueType; value: ValueType; keyType: Type } {
    const args = t.getTypeArguments();
    const key = valueTypeOf(args[0], at);
    const value = args[1] ? valueTypeOf(args[1], at) : 'bool';
    if (key === 'void' || value === 'void') return unsupported(at, 'this key or value type');
    // The table hashes a key by its representation: a union value (a number in a fresh box,
    // or a string beside objects) would be found by identity, not by what it holds.
    if (isMixedUnion(concrete(args[0])) || stringKind(concrete(args[0])) === 'mixed')
      return unsupported(at, `Map and Set keys of the union type '${args[0].getText(at)}' (use one key type, e.g. String(key))`);
    return { key, value, keyType: concrete(args[0]) };
  }

  // new Map() | new Map(entries) | new Set() | new Set(values)
  construct(e: Node & { getArguments(): Node[] }, t: Type): Value | undefined {
    const kind = collectionKind(t);
    if (!kind) return undefined;
    const { key, value, keyType } = this.types(t, e);
    const table = this.call('newOrderedHash', [this.b.const('i32', keyKind(key, keyType))], 'u32')!;
    const initial = e.getArguments()[0] as Expression | undefined;
    if (initial && kind === 'set') this.addAll(table, key, initial);
    if (initial && kind === 'map') this.setAll(table, key, value, initial);
    const r = this.b.newVreg('ref');
    this.b.emit({ op: 'conv', dst: r, src: table });
    return this.f.vreg(r);
  }

  /** `new Set(values)`: each element of the array or iterable added in order (duplicates once,
   *  as `add` does). */
  private addAll(table: Vreg, key: ValueType, values: Expression): void {
    if (Node.isArrayLiteralExpression(values) && !values.getElements().some((v) => Node.isSpreadElement(v))) {
      for (const v of values.getElements() as Expression[]) this.slot(table, this.f.coerce(this.f.expr(v), key, v), key, true);
      return;
    }
    this.eachElement(values, 'new Set', (v) => this.slot(table, this.f.coerce(v, key, values), key, true));
  }

  // new Map([[k, v], …]) | new Map(pairs) | new Map(otherMap) | new Map(m.entries()) | new Map(Object.entries(o))
  /** `new Map(entries)`: each `[key, value]` pair set in order (a later key replaces the value). */
  private setAll(table: Vreg, key: ValueType, value: ValueType, entries: Expression): void {
    const setPair = (kv: Vreg, vv: Vreg) => this.b.emit({ op: 'store', type: value, addr: this.slot(table, kv, key, true), offset: 0, value: vv });
    if (Node.isArrayLiteralExpression(entries) && entries.getElements().every((p) => Node.isArrayLiteralExpression(p) && p.getElements().length === 2)) {
      for (const pair of entries.getElements() as ArrayLiteralExpression[]) {
        const [k, v] = pair.getElements() as Expression[];
        const kv = this.f.coerce(this.f.expr(k), key, k);
        setPair(kv, this.f.coerce(this.f.expr(v), value, v));
      }
      return;
    }
    const pairType = isArrayType(typeAt(entries)) ? arrayElementType(typeAt(entries)) : typeAt(entries).getTypeArguments()[0];
    const shape = collectionKind(typeAt(entries)) ? undefined : pairType && tupleShape(pairType, entries);
    const sourceShape = shape ?? this.entryShape(entries);
    if (!sourceShape || sourceShape.elems.length !== 2) return unsupported(entries, `new Map from a '${typeAt(entries).getText(entries)}' (give [key, value] pairs: an array of them, a Map or its entries())`);
    this.eachElement(entries, 'new Map', (pair) => {
      const tuple = this.f.coerce(pair, 'ref', entries);
      const part = (i: number) => {
        const { addr, elem } = this.f.tuples.elementAddress(tuple, sourceShape, i);
        return this.f.vreg(this.f.arrays.load(addr, elem));
      };
      const kv = this.f.coerce(part(0), key, entries);
      setPair(kv, this.f.coerce(part(1), value, entries));
    });
  }

  /** The `[key, value]` tuples a Map (or its `entries()`) as a source of pairs yields. */
  private entryShape(src: Expression): TupleShape | undefined {
    const coll = Node.isCallExpression(src) && Node.isPropertyAccessExpression(src.getExpression()) ? (src.getExpression() as PropertyAccessExpression).getExpression() : src;
    if (collectionKind(typeAt(coll)) !== 'map') return undefined;
    const { key, value } = this.types(typeAt(coll), coll);
    return { elems: [key, value], stride: key === 'f64' || value === 'f64' ? 8 : 4 };
  }

  /** Calls `body` on each element of an array or an iterable of the subset, in order. */
  private eachElement(src: Expression, what: string, body: (v: Value) => void): void {
    const t = typeAt(src);
    if (isArrayType(t)) {
      const arr = this.f.coerce(this.f.expr(src), 'ref', src);
      this.f.arrays.forEachElement(arr, valueTypeOf(arrayElementType(t), src) as ValueType, (v) => body(this.f.vreg(v)));
      return;
    }
    if (!isIterable(this.f, src)) return unsupported(src, `${what} from a '${t.getText(src)}' (an array, a string, a typed array, a Map or Set or its keys(), values() or entries())`);
    const got = iterableElements(this.f, src);
    this.f.arrays.forEachElement(got.arr, got.elem, (v) => body(this.f.vreg(v)));
  }

  /** What `get` yields from a value slot (0: the key is absent), in `result`: the value, or
   *  undefined. A Map with boolean values gives a `boolean | undefined`, held as a double (0, 1, or
   *  undefined's NaN: compiler/frontend/absent.ts). */
  private getFrom(slot: Vreg, value: ValueType, result = this.b.newVreg(gotType(value))): Value {
    this.b.emit({ op: 'copy', dst: result, src: this.f.absentValue(gotType(value)) });
    const present = this.b.newBlock(), join = this.b.newBlock();
    const has = this.b.newVreg('bool');
    this.b.emit({ op: 'cmp', dst: has, cond: 'ne', a: slot, b: this.b.const('u32', 0) });
    this.b.branch(has, present, join);
    this.b.switchTo(present);
    this.loadValue(result, slot, 0, value);
    this.b.jump(join);
    this.b.switchTo(join);
    return this.f.vreg(result);
  }

  /** result := the value at addr + offset (a boolean widened to the double `get` gives). */
  private loadValue(result: Vreg, addr: Vreg, offset: number, value: ValueType): void {
    if (value !== 'bool') {
      this.b.emit({ op: 'load', dst: result, addr, offset });
      return;
    }
    const stored = this.b.newVreg('bool');
    this.b.emit({ op: 'load', dst: stored, addr, offset });
    this.b.emit({ op: 'conv', dst: result, src: stored });
  }

  /** The value slot of `key` (0 when absent and not created). */
  private slot(table: Vreg, key: Vreg, keyType: ValueType, create: boolean): Vreg {
    const c = this.b.const('bool', create ? 1 : 0);
    if (keyType === 'f64') return this.call('slotForNumberKey', [table, key, c], 'u32')!;
    return this.call('slotForRefKey', [table, this.f.u32(key), c], 'u32')!;
  }

  // m.get(k) | m.set(k, v) | m.has(k) | m.delete(k) | m.clear() | s.add(x) | m.forEach(f) | m.keys() | …
  method(objExpr: Expression, name: string, args: Expression[], e: Node): Value | undefined {
    const t = typeAt(objExpr);
    const kind = collectionKind(t);
    if (!kind) return undefined;
    const { key, value } = this.types(t, objExpr);
    const obj = this.f.coerce(this.f.expr(objExpr), 'ref', objExpr);
    const table = this.f.u32(obj);
    const keyArg = () => this.f.coerce(this.f.expr(args[0]), key, args[0]);
    switch (name) {
      case 'set': {
        const k = keyArg();
        const inner = key === 'f64' ? reusedGet(objExpr, args) : undefined;
        if (inner) return this.setAfterGet(obj, table, k, value, args[1], inner, e);
        const v = this.f.coerce(this.f.expr(args[1]), value, args[1]);
        const store = (slot: Vreg, offset: number) => this.b.emit({ op: 'store', type: value, addr: slot, offset, value: v });
        if (key === 'f64' && inLoop(e)) {
          probeNumberKey(this.f, table, k, {
            hit: (entry) => store(entry, ORDERED_HASH_VALUE),
            insert: (entry) => store(entry, ORDERED_HASH_VALUE),
            other: () => store(this.slot(table, k, key, true), 0),
          });
        } else store(this.slot(table, k, key, true), 0);
        return this.f.vreg(obj);
      }
      case 'add': {
        const k = keyArg();
        if (key === 'f64' && inLoop(e)) {
          probeNumberKey(this.f, table, k, { hit: () => {}, insert: () => {}, other: () => this.slot(table, k, key, true) });
        } else this.slot(table, k, key, true);
        return this.f.vreg(obj);
      }
      case 'get': {
        const k = keyArg();
        const reused = this.reused.get(e);
        if (reused) return this.getFound(reused, value);
        if (key !== 'f64' || !inLoop(e)) return this.getFrom(this.slot(table, k, key, false), value);
        const result = this.b.newVreg(gotType(value));
        probeNumberKey(this.f, table, k, {
          hit: (entry) => this.loadValue(result, entry, ORDERED_HASH_VALUE, value),
          miss: () => this.b.emit({ op: 'copy', dst: result, src: this.f.absentValue(gotType(value)) }),
          other: () => this.getFrom(this.slot(table, k, key, false), value, result),
        });
        return this.f.vreg(result);
      }
      case 'has': {
        const k = keyArg();
        const dst = this.b.newVreg('bool');
        const other = () => this.b.emit({ op: 'cmp', dst, cond: 'ne', a: this.slot(table, k, key, false), b: this.b.const('u32', 0) });
        if (key !== 'f64' || !inLoop(e)) other();
        else {
          probeNumberKey(this.f, table, k, {
            hit: () => this.b.emit({ op: 'const', dst, value: 1 }),
            miss: () => this.b.emit({ op: 'const', dst, value: 0 }),
            other,
          });
        }
        return this.f.vreg(dst);
      }
      case 'delete': {
        const k = keyArg();
        return this.f.vreg(key === 'f64' ? this.call('deleteNumberKey', [table, k], 'bool')! : this.call('deleteRefKey', [table, this.f.u32(k)], 'bool')!);
      }
      case 'clear':
        this.call('clear', [table]);
        return { kind: 'void' };
      case 'forEach':
        return this.forEach(table, kind, key, value, args[0]);
      case 'keys':
      case 'values':
      case 'entries':
        // Kept as a value (spread, for…of, Array.from and new Map/Set of the call make none).
        return makeIterator(this.f, obj, t, name);
      default:
        return undefined;
    }
  }

  // m.set(k, (m.get(k) ?? 0) + 1)
  /** `m.set(k, v)` whose `v` reads `m.get(k)` and changes nothing (reusedGet): one lookup
   *  gives the slot both read and write, and only a miss adds the key (after `v`, as Node).
   *  In a loop, `v` is lowered in each arm of the inline probe, which knows what the get
   *  finds: for the counting idiom, a load and an add on a hit, the add alone on a miss. */
  private setAfterGet(obj: Vreg, table: Vreg, k: Vreg, value: ValueType, valueExpr: Expression, inner: CallExpression, e: Node): Value {
    const valueWith = (found: Lookup) => {
      this.reused.set(inner, found);
      const v = this.f.coerce(this.f.expr(valueExpr), value, valueExpr);
      this.reused.delete(inner);
      return v;
    };
    const store = (slot: Vreg, offset: number, v: Vreg) => this.b.emit({ op: 'store', type: value, addr: slot, offset, value: v });
    // Out of loops, a miss adds with insertNumberKey, which does not look again; in one, the
    // keys the probe leaves to the runtime (fractions, NaN…) are rare, and slotForNumberKey
    // adding them keeps insertNumberKey's own whole-number test from being shared with the
    // probe's (cse.ts would keep that test's result live across the loop).
    const bySlot = (adding: 'insertNumberKey' | 'slotForNumberKey') => {
      const slot = this.b.newVreg('u32');
      this.b.emit({ op: 'copy', dst: slot, src: this.slot(table, k, 'f64', false) });
      const v = valueWith({ slot });
      const absent = this.b.newVreg('bool'), add = this.b.newBlock(), join = this.b.newBlock();
      this.b.emit({ op: 'cmp', dst: absent, cond: 'eq', a: slot, b: this.b.const('u32', 0) });
      this.b.branch(absent, add, join);
      this.b.switchTo(add);
      const args = adding === 'insertNumberKey' ? [table, k] : [table, k, this.b.const('bool', 1)];
      this.b.emit({ op: 'copy', dst: slot, src: this.call(adding, args, 'u32')! });
      this.b.jump(join);
      this.b.switchTo(join);
      store(slot, 0, v);
    };
    if (inLoop(e)) {
      probeNumberKey(this.f, table, k, {
        hit: (entry) => store(entry, ORDERED_HASH_VALUE, valueWith({ entry })),
        insert: (entry) => store(entry, ORDERED_HASH_VALUE, valueWith({ absent: true })),
        other: () => bySlot('slotForNumberKey'),
      });
    } else bySlot('insertNumberKey');
    return this.f.vreg(obj);
  }

  /** What `m.get(k)` yields where the lookup's outcome is known (setAfterGet). */
  private getFound(found: Lookup, value: ValueType): Value {
    if ('slot' in found) return this.getFrom(found.slot, value);
    const result = this.b.newVreg(gotType(value));
    if ('entry' in found) this.loadValue(result, found.entry, ORDERED_HASH_VALUE, value);
    else this.b.emit({ op: 'copy', dst: result, src: this.f.absentValue(gotType(value)) });
    return this.f.vreg(result);
  }

  // m.get(k) ?? fallback
  /** `m.get(k) ?? fallback` of a Map of numbers (or integers), which are never null or
   *  undefined: only a miss yields the fallback, so no absent value is made and then tested
   *  (absent.ts: a NaN test, and a call for a NaN). Undefined when `e` is not of that form. */
  getOr(e: BinaryExpression, t: ValueType): Value | undefined {
    const got = methodCall(e.getLeft(), 'get');
    if (!got) return undefined;
    const { call: get, m: objExpr } = got;
    const mt = typeAt(objExpr);
    if (collectionKind(mt) !== 'map' || !concrete(mt.getTypeArguments()[1]).isNumber()) return undefined;
    const { key, value } = this.types(mt, objExpr);
    if (value !== t) return undefined;
    const table = this.f.u32(this.f.coerce(this.f.expr(objExpr), 'ref', objExpr));
    const k = this.f.coerce(this.f.expr(got.k), key, get);
    const result = this.b.newVreg(t);
    const miss = this.b.newBlock(), done = this.b.newBlock();
    const fromSlot = (slot: Vreg) => {
      const present = this.b.newBlock(), has = this.b.newVreg('bool');
      this.b.emit({ op: 'cmp', dst: has, cond: 'ne', a: slot, b: this.b.const('u32', 0) });
      this.b.branch(has, present, miss);
      this.b.switchTo(present);
      this.b.emit({ op: 'load', dst: result, addr: slot, offset: 0 });
    };
    const reused = this.reused.get(get);
    if (reused && 'slot' in reused) fromSlot(reused.slot);
    else if (reused && 'entry' in reused) this.b.emit({ op: 'load', dst: result, addr: reused.entry, offset: ORDERED_HASH_VALUE });
    else if (reused) this.b.jump(miss);
    else if (key === 'f64' && inLoop(e)) {
      probeNumberKey(this.f, table, k, {
        hit: (entry) => this.b.emit({ op: 'load', dst: result, addr: entry, offset: ORDERED_HASH_VALUE }),
        miss: () => this.b.jump(miss),
        other: () => fromSlot(this.slot(table, k, key, false)),
      });
    } else fromSlot(this.slot(table, k, key, false));
    this.b.jump(done);
    this.b.switchTo(miss);
    this.b.emit({ op: 'copy', dst: result, src: this.f.coerce(this.f.expr(e.getRight()), t, e.getRight()) });
    this.b.jump(done);
    this.b.switchTo(done);
    return this.f.vreg(result);
  }

  // if (… && m.has(k)) m.delete(k);
  /** `if (… && m.has(k)) m.delete(k);` (or a Set's): delete does nothing for a missing key, so
   *  only the rest of the condition and the delete are lowered (deleteAfterHas). False, and
   *  nothing emitted, when `s` is not of that form. */
  deleteIfHas(s: IfStatement): boolean {
    const found = deleteAfterHas(s);
    if (!found || !collectionKind(typeAt(found.m))) return false;
    if (found.rest) {
      const then = this.b.newBlock(), join = this.b.newBlock();
      this.f.condition(found.rest, then, join);
      this.b.switchTo(then);
      this.f.statements([s.getThenStatement()]);
      this.b.jump(join);
      this.b.switchTo(join);
    } else this.f.statements([s.getThenStatement()]);
    return true;
  }

  // m.size
  size(obj: Vreg): Value {
    return this.f.vreg(this.call('size', [this.f.u32(obj)], 'u32')!);
  }

  // for (const [k, v] of m) body
  /** Calls `body(key, value)` for each live entry, in insertion order. */
  iterate(table: Vreg, key: ValueType, value: ValueType, body: (k: Vreg, v: Vreg, next: number, exit: number) => void): void {
    const index = this.b.newVreg('u32');
    this.b.emit({ op: 'copy', dst: index, src: this.call('nextEntry', [table, this.b.const('u32', 0)], 'u32')! });
    const head = this.b.newBlock(), bodyB = this.b.newBlock(), step = this.b.newBlock(), exit = this.b.newBlock();
    this.b.jump(head);
    this.b.switchTo(head);
    const more = this.b.newVreg('bool');
    this.b.emit({ op: 'cmp', dst: more, cond: 'ne', a: index, b: this.b.const('u32', END) });
    this.b.branch(more, bodyB, exit);
    this.b.switchTo(bodyB);
    const k = this.b.newVreg(key);
    this.b.emit({ op: 'load', dst: k, addr: this.call('keyAddress', [table, index], 'u32')!, offset: 0 });
    const v = this.b.newVreg(value);
    this.b.emit({ op: 'load', dst: v, addr: this.call('valueAddress', [table, index], 'u32')!, offset: 0 });
    body(k, v, step, exit);
    this.b.jump(step);
    this.b.switchTo(step);
    const one = this.b.const('u32', 1);
    const after = this.b.newVreg('u32');
    this.b.emit({ op: 'bin', dst: after, kind: 'add', a: index, b: one });
    this.b.emit({ op: 'copy', dst: index, src: this.call('nextEntry', [table, after], 'u32')! });
    this.b.jump(head);
    this.b.switchTo(exit);
  }

  // m.forEach((v, k) => …)
  /** `m.forEach((value, key, map) => …)`; a Set passes the element as value and key. */
  private forEach(table: Vreg, kind: Collection, key: ValueType, value: ValueType, fnExpr: Expression): Value {
    const sig = this.f.ctx.valueSignature(fnExpr);
    if (!sig) return unsupported(fnExpr, 'this callback');
    const closure = this.f.coerce(this.f.expr(fnExpr), 'ref', fnExpr);
    const obj = this.b.newVreg('ref');
    this.b.emit({ op: 'conv', dst: obj, src: table });
    this.iterate(table, key, value, (k, v) => {
      const first = kind === 'map' ? v : k;
      const candidates = [first, k, obj];
      const args = candidates.slice(0, sig.params.length).map((x, i) => this.f.coerce(this.f.vreg(x), sig.params[i], fnExpr));
      this.f.callClosure(closure, args, sig.ret);
    });
    return { kind: 'void' };
  }
}
