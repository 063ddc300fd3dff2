// async functions, arrows and methods: state machines over a heap frame.
//
// `async function f(a) { … await p … }` becomes two functions:
//   f(a)         the entry: allocates the frame, boxes the parameters into it, makes the
//                result promise, runs the body up to its first await (f$resume), returns the
//                promise;
//   f$resume()   the body as the code of a closure whose environment is the frame: it jumps to
//                where the last await left off (the frame's state), runs to the next await,
//                stores the state and returns.
// The frame is a closure object [tag][code = f$resume][a box per variable…] followed by
//   +F      u32  state: 0 at the start, k after the k-th await site
//   +F+4    ref  the result promise
//   +F+8    u32  1 when the awaited promise rejected
//   +F+12   u32  the rejection's reason
//   +F+16   8 B  the awaited value
//   +F+24   8 B  each temporary kept across the pending await (keepTemporaries)
// The function's variables (parameters and every local of its body, not of nested functions)
// are the closure's captured variables (program-closures.ts isCaptured), so they live in boxes
// the frame holds and survive the return at an await; a declaration makes a fresh box (so
// closures made in a loop still get one binding per iteration). Expression temporaries (vregs)
// do not survive the return, so the vregs live where an await resumes — operands evaluated
// before it, a for…of's iterator, a finally's pending exception — are stored into a spill
// area after the tail when it suspends and loaded back when it resumes (keepTemporaries, run
// on the finished f$resume): an await may stand anywhere in the body. Inside `try`, the
// handler records of the enclosing try blocks are pushed again on resumption (a record holds
// the stack of the activation that pushed it).
//
// `await p` of a promise adds a reaction to p (its `react`: one job after p settles, as the
// spec's PerformPromiseThen) whose closures store the value or the reason in the frame and call
// f$resume; `await v` of another value stores it and queues the frame itself (a closure) as a
// microtask: one tick, as `await` of a non-promise takes on Node. A `return` fulfils the
// promise (adopts it when the value is a promise); an exception leaving the body rejects it
// (f$resume runs under its own handler record).

import { ArrowFunction, AwaitExpression, Expression, FunctionDeclaration, FunctionExpression, MethodDeclaration, Node, ReturnStatement, SyntaxKind } from 'ts-morph';
import { FunctionBuilder } from '../ir/builder';
import { Func, Instr, IrType, ValueType, Vreg } from '../ir/ir';
import { liveOut } from '../opt/dce';
import { ClassInfo } from './classes';
import { typeAt } from './generics';
import { FunctionLowering } from './lower-function';
import { isPromiseType } from './lower-promise';
import { Capture, ProgramContext, STUB_SETJMP_SYMBOL, Value, VOID, unsupported } from './lowering';
import { declaredType, valueTypeOf } from './types';
import { BOX_VALUE, CLOSURE_CODE, CLOSURE_ENV_FIRST } from '../../runtime/abi/layout';
import { RT_EXCEPTIONS, RT_MICROTASKS, RT_OBJECT } from '../../runtime/abi/entry-points';

export type AsyncFunction = FunctionDeclaration | ArrowFunction | FunctionExpression | MethodDeclaration;

/** What lowering an async function needs of the program. */
export interface AsyncHost {
  readonly ctx: ProgramContext;
  moduleName(node: Node): string;
  emit(f: Func): void;
}

const STATE = 0;
const PROMISE = 4;
const FAILED = 8;
const REASON = 12;
const VALUE = 16;
const TAIL_BYTES = 24;

/** The variables an async function keeps in its frame: its parameters and its body's locals. */
function frameVariables(fn: AsyncFunction): Node[] {
  const own = (n: Node) => n.getFirstAncestor((a) => Node.isFunctionLikeDeclaration(a)) === fn;
  const locals = [...fn.getDescendantsOfKind(SyntaxKind.VariableDeclaration), ...fn.getDescendantsOfKind(SyntaxKind.BindingElement)].filter(own);
  return [...fn.getParameters(), ...locals.sort((a, b) => a.getStart() - b.getStart())];
}

/** The frame of the function being lowered, as f$resume's lowering sees it. */
export class AsyncBody {
  private readonly sites: { state: number; block: number; from: number }[] = [];
  private readonly resumers = new Map<ValueType | 'reason', string>();
  /** The handler record of this activation (set at f$resume's entry). */
  readonly record: Vreg;

  constructor(
    private readonly host: AsyncHost,
    private readonly fl: FunctionLowering,
    private readonly resume: string,
    readonly variables: readonly Capture[],
    private readonly promise: ClassInfo,
    private readonly tail: number,
    private readonly at: Node,
  ) {
    this.record = fl.b.newVreg('u32');
  }

  /** Whether `decl` is one of the frame's variables (a declaration makes it a fresh box). */
  owns(decl: Node): boolean {
    return this.variables.includes(decl);
  }

  private frameLoad(t: ValueType, offset: number): Vreg {
    const v = this.fl.b.newVreg(t);
    this.fl.b.emit({ op: 'load', dst: v, addr: 0, offset: this.tail + offset });
    return v;
  }

  private frameStore(t: ValueType, offset: number, value: Vreg): void {
    this.fl.b.emit({ op: 'store', type: t, addr: 0, offset: this.tail + offset, value });
  }

  /** Leaves f$resume until the frame is resumed (the handler record goes with it). */
  private suspend(): number {
    const b = this.fl.b;
    // Numbered here, after the operand: an await inside it (`await f(await p)`) is a site too.
    const state = this.sites.length + 1;
    this.frameStore('u32', STATE, b.const('u32', state));
    this.fl.runtimeCall(RT_EXCEPTIONS, 'popHandler', [this.record]);
    const from = b.currentBlock;
    b.terminate({ op: 'ret' });
    const block = b.newBlock();
    this.sites.push({ state, block, from });
    b.switchTo(block);
    return block;
  }

  // await e
  await(e: AwaitExpression): Value {
    const fl = this.fl;
    const operand = e.getExpression();
    const t = valueTypeOf(typeAt(e), e);
    const slot: ValueType = t === 'void' ? 'ref' : t;
    const opType = typeAt(operand);
    if (isPromiseType(opType)) {
      const p = fl.coerce(fl.expr(operand), 'ref', operand);
      fl.nullCheck(p, operand, 'await');
      const info = fl.ctx.classOf(opType);
      if (!info) return unsupported(e, '`await` of this promise type');
      const onValue = this.resumer(slot), onReason = this.resumer('reason');
      fl.dispatch(p, info, 'react', [this.closureOverFrame(onValue), this.closureOverFrame(onReason)], 'void', false);
    } else {
      // `await v`: v now, f$resume one job later (the frame is a closure with no parameters).
      const v = fl.expr(operand);
      if (t !== 'void') this.frameStore(slot, VALUE, fl.coerce(v, slot, operand));
      this.frameStore('u32', FAILED, fl.b.const('u32', 0));
      fl.runtimeCall(RT_MICROTASKS, 'queueMicrotask', [0]);
    }
    const tries = [...fl.tries];
    this.suspend();
    // Resumed inside try blocks: their handler records again, outermost first (the records
    // of the last activation went when it returned), each landing where its catch or finally
    // does (lower-statement.ts guarded).
    for (const t of tries) {
      fl.b.emit({ op: 'copy', dst: t.record, src: fl.runtimeCall(RT_EXCEPTIONS, 'pushHandler', [], 'u32')! });
      const jumped = fl.b.newVreg('i32');
      fl.b.emit({ op: 'call', dst: jumped, callee: STUB_SETJMP_SYMBOL, args: [t.record] });
      const normal = fl.b.newVreg('bool');
      fl.b.emit({ op: 'cmp', dst: normal, cond: 'eq', a: jumped, b: fl.b.const('i32', 0) });
      const inside = fl.b.newBlock();
      fl.b.branch(normal, inside, t.land!);
      fl.b.switchTo(inside);
    }
    // Resumed: a rejection's reason is thrown here, where the await stands.
    const failed = this.frameLoad('u32', FAILED);
    const zero = fl.b.const('u32', 0);
    const ok = fl.b.newVreg('bool');
    fl.b.emit({ op: 'cmp', dst: ok, cond: 'eq', a: failed, b: zero });
    const rethrow = fl.b.newBlock(), go = fl.b.newBlock();
    fl.b.branch(ok, go, rethrow);
    fl.b.switchTo(rethrow);
    fl.runtimeCall(RT_EXCEPTIONS, 'throwValue', [this.frameLoad('u32', REASON)]);
    fl.b.terminate({ op: 'unreachable' });
    fl.b.switchTo(go);
    return t === 'void' ? VOID : fl.vreg(this.frameLoad(slot, VALUE));
  }

  /** A closure [tag][code][frame] whose code stores its argument in the frame and resumes. */
  private closureOverFrame(code: string): Vreg {
    const fl = this.fl;
    const raw = fl.runtimeCall(RT_OBJECT, 'newObject', [fl.b.const('u32', CLOSURE_ENV_FIRST + 4), fl.b.const('u32', 0)], 'u32')!;
    const c = fl.b.newVreg('ref');
    fl.b.emit({ op: 'conv', dst: c, src: raw });
    const addr = fl.b.newVreg('ref');
    fl.b.emit({ op: 'addr', dst: addr, symbol: code });
    fl.b.emit({ op: 'store', type: 'ref', addr: c, offset: CLOSURE_CODE, value: addr });
    fl.b.emit({ op: 'store', type: 'ref', addr: c, offset: CLOSURE_ENV_FIRST, value: 0 });
    return c;
  }

  /** `f$resume$<t>(closure, value)`: the reaction that resumes the frame with a value of
   *  machine type t, or with a rejection's reason. */
  private resumer(kind: ValueType | 'reason'): string {
    const known = this.resumers.get(kind);
    if (known) return known;
    const symbol = `${this.resume}$${kind}`;
    this.resumers.set(kind, symbol);
    const b = new FunctionBuilder(symbol, this.host.moduleName(this.at), this.at.getStartLineNumber(), ['ref', kind === 'reason' ? 'ref' : kind], 'void');
    const frame = b.newVreg('ref');
    b.emit({ op: 'load', dst: frame, addr: 0, offset: CLOSURE_ENV_FIRST });
    const failed = b.const('u32', kind === 'reason' ? 1 : 0);
    b.emit({ op: 'store', type: 'u32', addr: frame, offset: this.tail + FAILED, value: failed });
    if (kind === 'reason') {
      const u = b.newVreg('u32');
      b.emit({ op: 'conv', dst: u, src: 1 });
      b.emit({ op: 'store', type: 'u32', addr: frame, offset: this.tail + REASON, value: u });
    } else {
      b.emit({ op: 'store', type: kind, addr: frame, offset: this.tail + VALUE, value: 1 });
    }
    b.emit({ op: 'call', callee: this.resume, args: [frame] });
    b.terminate({ op: 'ret' });
    this.host.emit(b.finish());
    return symbol;
  }

  // return [e]  (and the end of the body)
  /** Settles the result promise: fulfils it with the value, or adopts a returned promise. */
  finish(value: Vreg | undefined, adopt: boolean): void {
    const fl = this.fl;
    fl.runtimeCall(RT_EXCEPTIONS, 'popHandler', [this.record]);
    const promise = this.frameLoad('ref', PROMISE);
    const key = adopt ? 'adopt' : 'fulfill';
    const sig = fl.ctx.methodSignature(this.promise, key, this.at);
    const arg = value ?? fl.b.const(sig.params[0], 0);
    fl.dispatch(promise, this.promise, key, [arg], 'void', false);
    fl.b.terminate({ op: 'ret' });
  }

  // return [e]  (in the body)
  /** Settles the promise after the enclosing finally blocks ran (`unwind`). */
  returnStatement(s: ReturnStatement, unwind: () => void): void {
    const e = s.getExpression();
    const r = e ? this.returnValue(e) : undefined;
    unwind();
    this.finish(r?.value, r?.adopt ?? false);
  }

  /** The value `return e` settles the promise with, in the machine type fulfil takes. */
  returnValue(e: Expression): { value: Vreg; adopt: boolean } {
    const adopt = isPromiseType(typeAt(e));
    const sig = this.fl.ctx.methodSignature(this.promise, adopt ? 'adopt' : 'fulfill', this.at);
    const v = this.fl.expr(e);
    if (v.kind === 'void') return { value: this.fl.b.const('ref', 0), adopt };
    const value = this.fl.coerce(v, sig.params[0], e);
    const kept = this.fl.b.newVreg(sig.params[0]);
    this.fl.b.emit({ op: 'copy', dst: kept, src: value });
    return { value: kept, adopt };
  }

  /** Keeps the temporaries an await leaves live (operands of the enclosing expression already
   *  evaluated, a for…of's iterator and index, a finally's pending exception or return value):
   *  each vreg live into a resumption block is stored into the frame's spill area (after the
   *  tail) where that await suspends and loaded back where it resumes. The parameters and the
   *  handler record are not: each activation has its own. Answers the spill area's size (the
   *  largest any one await needs: only one is pending at a time). */
  keepTemporaries(f: Func): number {
    // Liveness over the function as it runs: each suspension continues at its resumption.
    const rets = this.sites.map((site) => f.blocks[site.from].term);
    for (const site of this.sites) f.blocks[site.from].term = { op: 'jmp', target: site.block };
    const out = liveOut(f);
    this.sites.forEach((site, k) => (f.blocks[site.from].term = rets[k]));
    let size = 0;
    for (const site of this.sites) {
      const blk = f.blocks[site.block];
      const kept = [...out[site.from]].filter((v) => v >= f.params.length && v !== this.record).sort((a, b) => a - b);
      const stores: Instr[] = [], loads: Instr[] = [];
      let at = this.tail + TAIL_BYTES;
      for (const v of kept) {
        const t = f.vregs[v];
        stores.push({ op: 'store', type: t, addr: 0, offset: at, value: v });
        loads.push({ op: 'load', dst: v, addr: 0, offset: at });
        at += 8;
      }
      f.blocks[site.from].instrs.push(...stores);
      blk.instrs.unshift(...loads);
      size = Math.max(size, at - this.tail - TAIL_BYTES);
    }
    return size;
  }

  /** f$resume's entry (emitted last, into its first block): the handler record whose landing
   *  rejects the promise, then a jump to the start or to where the last await left off. */
  entry(first: number, start: number): void {
    const fl = this.fl, b = fl.b;
    b.switchTo(first);
    b.emit({ op: 'copy', dst: this.record, src: fl.runtimeCall(RT_EXCEPTIONS, 'pushHandler', [], 'u32')! });
    const jumped = b.newVreg('i32');
    b.emit({ op: 'call', dst: jumped, callee: STUB_SETJMP_SYMBOL, args: [this.record] });
    const normal = b.newVreg('bool');
    b.emit({ op: 'cmp', dst: normal, cond: 'eq', a: jumped, b: b.const('i32', 0) });
    const dispatch = b.newBlock(), landed = b.newBlock();
    b.branch(normal, dispatch, landed);
    b.switchTo(landed);
    const exc = fl.runtimeCall(RT_EXCEPTIONS, 'caughtValue', [this.record], 'u32')!;
    const reason = b.newVreg('ref');
    b.emit({ op: 'conv', dst: reason, src: exc });
    fl.dispatch(this.frameLoad('ref', PROMISE), this.promise, 'rejectWith', [reason], 'void', false);
    b.terminate({ op: 'ret' });
    b.switchTo(dispatch);
    const state = this.frameLoad('u32', STATE);
    for (const site of this.sites) {
      const is = b.newVreg('bool');
      b.emit({ op: 'cmp', dst: is, cond: 'eq', a: state, b: b.const('u32', site.state) });
      const next = b.newBlock();
      b.branch(is, site.block, next);
      b.switchTo(next);
    }
    b.jump(start);
  }
}

/** The async function `fn` as its entry `symbol` (taking `params`; `this` or a closure's
 *  environment first when `receiver`) and `symbol$resume`. `outer`: what an async arrow
 *  captures from around it (its environment's slots, copied into the frame). */
export function lowerAsync(host: AsyncHost, fn: AsyncFunction, symbol: string, params: ValueType[], ret: IrType, receiver: 'none' | 'this' | 'closure', outer: readonly Capture[] = []): void {
  const ctx = host.ctx;
  const promise = ctx.classOf(fn.getReturnType());
  if (!promise || ret !== 'ref') return unsupported(fn, 'an async function whose result is not a Promise');
  const own = frameVariables(fn);
  const variables: Capture[] = [...(receiver === 'this' ? ['this' as const] : []), ...outer, ...own];
  const tail = CLOSURE_ENV_FIRST + 4 * variables.length;
  const resume = `${symbol}$resume`;

  // The entry.
  const b = new FunctionBuilder(symbol, host.moduleName(fn), fn.getStartLineNumber(), params, 'ref');
  const entry = new FunctionLowering(ctx, b);
  // The frame's size: its spill area is known once f$resume is lowered (frameSize.value, below).
  const sizeV = b.const('u32', tail + TAIL_BYTES);
  const raw = entry.runtimeCall(RT_OBJECT, 'newObject', [sizeV, b.const('u32', 0)], 'u32')!;
  const frame = b.newVreg('ref');
  b.emit({ op: 'conv', dst: frame, src: raw });
  const code = b.newVreg('ref');
  b.emit({ op: 'addr', dst: code, symbol: resume });
  b.emit({ op: 'store', type: 'ref', addr: frame, offset: CLOSURE_CODE, value: code });
  const first = receiver === 'none' ? 0 : 1;
  variables.forEach((v, k) => {
    const slot = CLOSURE_ENV_FIRST + 4 * k;
    const outerAt = outer.indexOf(v);
    if (outerAt >= 0) {
      const box = b.newVreg('ref');
      b.emit({ op: 'load', dst: box, addr: 0, offset: CLOSURE_ENV_FIRST + 4 * outerAt });
      return b.emit({ op: 'store', type: 'ref', addr: frame, offset: slot, value: box });
    }
    if (v === 'this') return b.emit({ op: 'store', type: 'ref', addr: frame, offset: slot, value: 0 });
    const p = fn.getParameters().indexOf(v as never);
    if (p < 0) return;
    if (!Node.isIdentifier((v as never as { getNameNode(): Node }).getNameNode())) return unsupported(v as Node, 'a destructured parameter of an async function');
    const t = declaredType((v as never as { getTypeNode(): never }).getTypeNode(), typeAt(v as Node), v as Node);
    if (t === 'void') return unsupported(v as Node, 'a parameter of type void');
    const box = entry.newBox();
    b.emit({ op: 'store', type: t, addr: box, offset: BOX_VALUE, value: entry.coerce(entry.vreg(first + p), t, v as Node) });
    b.emit({ op: 'store', type: 'ref', addr: frame, offset: slot, value: box });
  });
  const pobj = entry.runtimeCall(RT_OBJECT, 'newObject', [b.const('u32', promise.size), descriptorOf(entry, promise)], 'u32')!;
  const p = b.newVreg('ref');
  b.emit({ op: 'conv', dst: p, src: pobj });
  b.emit({ op: 'call', callee: ctx.constructorOf(promise).symbol, args: [p, b.const('ref', 0)] });
  b.emit({ op: 'store', type: 'ref', addr: frame, offset: tail + PROMISE, value: p });
  b.emit({ op: 'call', callee: resume, args: [frame] });
  b.terminate({ op: 'ret', value: p });
  const entryFunc = b.finish();
  const frameSize = entryFunc.blocks[0].instrs.find((i) => i.op === 'const' && i.dst === sizeV) as Extract<Instr, { op: 'const' }>;
  host.emit(entryFunc);

  // f$resume: the body, its variables in the frame.
  const rb = new FunctionBuilder(resume, host.moduleName(fn), fn.getStartLineNumber(), ['ref'], 'void');
  const body = new FunctionLowering(ctx, rb, undefined, undefined, variables);
  const state = new AsyncBody(host, body, resume, variables, promise, tail, fn);
  body.asyncBody = state;
  const firstBlock = rb.currentBlock;
  const start = rb.newBlock();
  rb.switchTo(start);
  const b0 = fn.getBody();
  if (b0 && Node.isBlock(b0)) body.statements(b0.getStatements());
  else if (b0) {
    const r = state.returnValue(b0 as Expression);
    state.finish(r.value, r.adopt);
  }
  if (!rb.terminated) state.finish(undefined, false);
  state.entry(firstBlock, start);
  const resumeFunc = rb.finish();
  frameSize.value += state.keepTemporaries(resumeFunc);
  host.emit(resumeFunc);
}

function descriptorOf(fl: FunctionLowering, info: ClassInfo): Vreg {
  const desc = fl.b.newVreg('ref');
  fl.b.emit({ op: 'addr', dst: desc, symbol: info.descriptor });
  const u = fl.b.newVreg('u32');
  fl.b.emit({ op: 'conv', dst: u, src: desc });
  return u;
}
