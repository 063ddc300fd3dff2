// FunctionBuilder: how the frontend writes IR without caring about block bookkeeping.
//
// It keeps a current block; emitting a terminator closes it, and anything emitted after that
// (code after `return`, say) goes into a fresh block no branch reaches, which the backend may
// drop. Vregs are numbered in creation order, parameters first.

import { Block, BlockId, Func, Instr, IrType, Line, Terminator, ValueType, Vreg } from './ir';

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
