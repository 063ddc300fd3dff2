// FunctionBuilder: how the frontend writes IR without caring about block bookkeeping.
//
// It keeps a current block; emitting a terminator closes it, and anything emitted after that
// (code after `return`, say) goes into a fresh block no branch reaches, which the backend may
// drop. Vregs are numbered in creation order, parameters first.

import { Block, BlockId, Func, Instr, IrType, Line, Terminator, ValueType, Vreg } from './ir';

/** A value `choose` takes: one already made, or a function that emits it where it is needed. */
export type Arm = Vreg | (() => Vreg);

export class FunctionBuilder {
  private readonly vregs: ValueType[] = [];
  private readonly blocks: { id: BlockId; instrs: Instr[]; term?: Terminator }[] = [];
  private current: BlockId;
  /** Line attached to every instruction emitted from now on. */
  line: Line | undefined;

  constructor(
    readonly name: string,
    readonly file: string,
    readonly startLine: Line,
    readonly params: ValueType[],
    readonly ret: IrType,
  ) {
    for (const p of params) this.vregs.push(p);
    this.current = this.newBlock();
  }

  newVreg(type: ValueType): Vreg {
    this.vregs.push(type);
    return this.vregs.length - 1;
  }

  typeOf(v: Vreg): ValueType {
    return this.vregs[v];
  }

  newBlock(): BlockId {
    this.blocks.push({ id: this.blocks.length, instrs: [] });
    return this.blocks.length - 1;
  }

  /** Continue emitting into `b` (which must not be terminated yet). */
  switchTo(b: BlockId): void {
    this.current = b;
  }

  get currentBlock(): BlockId {
    return this.current;
  }

  /** True when the current block already ended (after return/break/continue). */
  get terminated(): boolean {
    return this.blocks[this.current].term !== undefined;
  }

  emit(instr: Instr): void {
    if (this.terminated) this.current = this.newBlock();
    if (this.line !== undefined) instr.line = this.line;
    this.blocks[this.current].instrs.push(instr);
  }

  terminate(term: Terminator): void {
    if (this.terminated) this.current = this.newBlock();
    if (this.line !== undefined) term.line = this.line;
    this.blocks[this.current].term = term;
  }

  // Shorthands for the instructions the frontend emits most.

  const(type: ValueType, value: number): Vreg {
    const dst = this.newVreg(type);
    this.emit({ op: 'const', dst, value });
    return dst;
  }

  jump(target: BlockId): void {
    this.terminate({ op: 'jmp', target });
  }

  branch(cond: Vreg, then: BlockId, otherwise: BlockId): void {
    this.terminate({ op: 'br', cond, then, else: otherwise });
  }

  /** A value of `type` that is `ifTrue` where `cond` holds, else `ifFalse` (`c ? a : b` as a
   *  diamond). An arm given as a vreg is a value already made: one such is copied in before the
   *  branch, whose other side alone then has a block. An arm given as a function emits its
   *  value in a block of its own (it may add blocks: control goes on from where it leaves off),
   *  so what it costs, and any call it makes, happens only on its side. `cond` given as a
   *  function is emitted last before the branch (after that copy), so that a `cmp` it ends
   *  with is fused with the branch (x86/isel.ts). */
  choose(type: ValueType, cond: Arm, ifTrue: Arm, ifFalse: Arm): Vreg {
    const result = this.newVreg(type);
    const preset = typeof ifFalse === 'number' ? ifFalse : typeof ifTrue === 'number' ? ifTrue : undefined;
    if (preset !== undefined) this.emit({ op: 'copy', dst: result, src: preset });
    const test = typeof cond === 'number' ? cond : cond();
    const arms = [ifTrue, ifFalse].map((arm) => ({ arm, block: arm === preset ? undefined : this.newBlock() }));
    const join = this.newBlock();
    this.branch(test, arms[0].block ?? join, arms[1].block ?? join);
    for (const { arm, block } of arms) {
      if (block === undefined) continue;
      this.switchTo(block);
      this.emit({ op: 'copy', dst: result, src: typeof arm === 'number' ? arm : arm() });
      this.jump(join);
    }
    this.switchTo(join);
    return result;
  }

  /** The finished function. Blocks left open end in `ret` for void functions and in
   *  `unreachable` otherwise (the type checker has proven every path returns). */
  finish(): Func {
    const blocks: Block[] = this.blocks.map((b) => ({
      id: b.id,
      instrs: b.instrs,
      term: b.term ?? (this.ret === 'void' ? { op: 'ret' } : { op: 'unreachable' }),
    }));
    return {
      name: this.name,
      file: this.file,
      line: this.startLine,
      params: this.params,
      ret: this.ret,
      vregs: this.vregs,
      blocks,
    };
  }
}
