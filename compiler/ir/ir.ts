// The tsuk IR: what the frontend produces and every later phase consumes.
//
// A module is a set of functions and data items, named by link-level symbols. A function is
// a control-flow graph of basic blocks over virtual registers ("vregs"); each vreg has one
// machine type for its whole life and may be assigned more than once (the IR is not SSA: the
// frontend maps each TS local to one vreg, which keeps lowering simple and lets the register
// allocator see real live ranges). Every operand is a vreg: constants are materialised by a
// `const` instruction, so the backend has one operand shape to handle.
//
// Machine types are explicit. `number` is f64; the `tsuk` integer aliases are the integer
// types; `ref` is a 32-bit pointer to a heap or static object; `bool` is 0 or 1 in 32 bits.

export type IntType = 'i8' | 'u8' | 'i16' | 'u16' | 'i32' | 'u32';
export type ValueType = IntType | 'f64' | 'bool' | 'ref';
export type IrType = ValueType | 'void';

export const INT_TYPES: readonly IntType[] = ['i8', 'u8', 'i16', 'u16', 'i32', 'u32'];

export function isInt(t: IrType): t is IntType {
  return (INT_TYPES as readonly string[]).includes(t);
}

/** Signed integer types; comparisons, division, shifts right and widening depend on it. */
export function isSigned(t: IrType): boolean {
  return t === 'i8' || t === 'i16' || t === 'i32';
}

/** Bytes a value of this type takes in memory (loads and stores) and on the stack as an argument. */
export function sizeOf(t: ValueType): number {
  switch (t) {
    case 'i8': case 'u8': case 'bool': return 1;
    case 'i16': case 'u16': return 2;
    case 'f64': return 8;
    default: return 4;
  }
}

/** Bytes an argument of this type occupies on the stack: 4, or 8 for f64. */
export function argSlotSize(t: ValueType): number {
  return t === 'f64' ? 8 : 4;
}

export type Vreg = number;
export type BlockId = number;

/** Integer ops work modulo 2^32 on the 32-bit value and then wrap to the destination type.
 *  f64 ops are IEEE double (SSE2): add/sub/mul/div, and rem with C fmod semantics (exactly
 *  JS `%` on doubles: the sign of the dividend, NaN for x % 0 or ±Infinity % y); the bitwise
 *  ops and shifts do not apply to f64. `shr` is logical, `sar` arithmetic; shift counts are masked to 5 bits as in JS.
 *  `div`/`rem` on integers follow the signedness of the destination type and trap on zero. */
export type BinOp = 'add' | 'sub' | 'mul' | 'div' | 'rem' | 'and' | 'or' | 'xor' | 'shl' | 'shr' | 'sar';

/** Comparisons produce a bool. On integers the signedness of operand `a`'s type decides; on f64
 *  they are IEEE ordered comparisons: every comparison with NaN is false except `ne`. */
export type CmpOp = 'eq' | 'ne' | 'lt' | 'le' | 'gt' | 'ge';

/** `neg` is two's complement on integers and sign flip on f64 (so -0 exists); `not` is bitwise
 *  complement on integers; `lnot` maps a bool to its negation. */
export type UnOp = 'neg' | 'not' | 'lnot';

/** Hardware intrinsics (`tsuk:hw`). Each becomes one instruction or a few. */
export type Intrinsic =
  | 'inb' | 'inw' | 'inl' | 'outb' | 'outw' | 'outl'
  | 'load8' | 'load16' | 'load32' | 'store8' | 'store16' | 'store32'
  | 'hlt' | 'cli' | 'sti' | 'pause'
  // A full memory barrier for rings shared with a device (drivers/virtqueue.ts).
  | 'mfence'
  // CPU state for the kernel (runtime/kernel/interrupts.ts, runtime/kernel/fault.ts, runtime/kernel/time.ts):
  | 'rdtsc' | 'lidt' | 'lgdt' | 'ltr' | 'loadDataSegments' | 'frameAddress' | 'stackPointer'
  | 'interrupt' | 'ud2' | 'stiHlt'
  // Math (runtime/js/math.ts): the correctly rounded IEEE square root, SSE2 sqrtsd.
  | 'sqrt';

/** Where an instruction came from: a 1-based line of the function's source file. */
export type Line = number;

export type Instr =
  /** dst := value. For integer types `value` is already in range of the type; for f64 any double. */
  | { op: 'const'; dst: Vreg; value: number; line?: Line }
  | { op: 'copy'; dst: Vreg; src: Vreg; line?: Line }
  /** dst := a op b; a, b and dst all have the same type. */
  | { op: 'bin'; dst: Vreg; kind: BinOp; a: Vreg; b: Vreg; line?: Line }
  /** dst (bool) := a cond b; a and b have the same type. */
  | { op: 'cmp'; dst: Vreg; cond: CmpOp; a: Vreg; b: Vreg; line?: Line }
  | { op: 'un'; dst: Vreg; kind: UnOp; a: Vreg; line?: Line }
  /** dst := src converted from src's type to dst's type:
   *  int→int truncates or extends by the source's signedness; int→f64 is exact;
   *  f64→int is JS ToInt32 / ToUint32 followed by truncation to the destination width
   *  (NaN and ±Infinity give 0, values are taken modulo 2^32); bool→int gives 0/1;
   *  int→bool and f64→bool are "!= 0" (NaN is false for f64); ref↔u32 and ref↔i32 keep the
 *  bits (the runtime's allocator and object layouts use it, through `tsuk:hw`). */
  | { op: 'conv'; dst: Vreg; src: Vreg; line?: Line }
  /** dst := memory[addr + offset], of dst's type (sub-word loads extend by signedness). */
  | { op: 'load'; dst: Vreg; addr: Vreg; offset: number; line?: Line }
  /** memory[addr + offset] := value, `type` bytes wide (the low bytes of value). */
  | { op: 'store'; type: ValueType; addr: Vreg; offset: number; value: Vreg; line?: Line }
  /** dst (ref) := the address of a link-level symbol (function, data or global). */
  | { op: 'addr'; dst: Vreg; symbol: string; line?: Line }
  /** Direct call of the function named `callee`; dst is absent for void functions. */
  | { op: 'call'; dst?: Vreg; callee: string; args: Vreg[]; line?: Line }
  /** Indirect call of the code address in `fn` (a ref or u32), same convention as `call`. */
  | { op: 'callind'; dst?: Vreg; fn: Vreg; args: Vreg[]; line?: Line }
  | { op: 'intrinsic'; dst?: Vreg; name: Intrinsic; args: Vreg[]; line?: Line };

export type Terminator =
  | { op: 'ret'; value?: Vreg; line?: Line }
  | { op: 'jmp'; target: BlockId; line?: Line }
  /** Branch on a bool vreg. */
  | { op: 'br'; cond: Vreg; then: BlockId; else: BlockId; line?: Line }
  /** Control cannot reach here (after a call to a function that never returns). */
  | { op: 'unreachable'; line?: Line };

export interface Block {
  id: BlockId;
  instrs: Instr[];
  term: Terminator;
}

export interface Func {
  /** Link-level symbol, unique in the module, e.g. `examples/hello.ts:fib`. */
  name: string;
  /** Source file (relative to the project root) for listings and line tables. */
  file: string;
  line: Line;
  /** Parameters are the first vregs, in order: params[i] is vreg i. */
  params: ValueType[];
  ret: IrType;
  /** Type of every vreg, indexed by vreg number. */
  vregs: ValueType[];
  /** blocks[0] is the entry block. Block ids index this array. */
  blocks: Block[];
}

/** A relocation inside a data item: the absolute address of `symbol` (+ addend) is written
 *  little-endian at `offset`: all 32 bits, or (for descriptor tables, whose address fields are
 *  split) the `size` low bytes of the address shifted right by `shift` bits. */
export interface DataReloc {
  offset: number;
  symbol: string;
  addend: number;
  /** 4 unless told. */
  size?: 1 | 2 | 4;
  /** 0 unless told. */
  shift?: number;
}

export type Section = 'rodata' | 'data' | 'bss';

export interface DataItem {
  name: string;
  section: Section;
  align: number;
  /** Contents; for bss only `size` matters and bytes is empty. */
  bytes: Uint8Array;
  size: number;
  relocs: DataReloc[];
  /** bss: may hold a heap reference, so the collector scans it (compiler/link/link.ts puts
   *  these first, below __bss_refs_end). */
  references?: boolean;
}

export interface Module {
  functions: Func[];
  data: DataItem[];
  /** The symbol the boot entry calls after setting up the machine. It takes no arguments and
   *  does not return (it powers the machine off). */
  entry: string;
}
