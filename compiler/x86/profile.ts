// The sampling profiler's interrupt handler, in assembly (linked only into images built with
// `TSUK_PROFILE`: runtime/kernel/profiler.ts refers to it; docs/PROFILING.md).
//
// The service runs with interrupts off except inside the event loop's `sti; hlt`, so an
// ordinary IRQ could only ever sample the idle loop. The PIT's channel 0 is therefore routed
// through the I/O APIC as an NMI, which arrives whatever IF says — in the runtime, the service,
// a collection or `hlt`. Each NMI:
//   1. re-arms channel 0 one-shot (mode 0) with the period: the event loop's `pitStop()` may
//      reprogram the channel, and re-arming each tick makes that harmless;
//   2. takes a byte the host sent on COM2 as a request to hand the samples over;
//   3. appends one record [n][eip][word on top of the stack][return address]… (n words) to the
//      buffer — the top word is the return address when the sample lands on a function's first
//      instruction, before it pushed ebp (TCG delivers interrupts between translation blocks,
//      and a function's entry starts one, so that is common) —, walking the
//      frame-pointer chain (compiler/x86/frame.ts: every function keeps ebp). The walk stops at
//      a frame outside [__stack_bottom, __stack_top − 8], a misaligned one, one that does not
//      move up the stack (so it cannot loop; _start's ebp = 0 ends it) or after DEPTH frames;
//   4. when the host asked, or the buffer cannot take a deepest record, writes the control
//      block and the records to COM2 (polled, byte by byte) and empties the buffer.
// It uses only the interrupted stack (44 bytes) and touches no runtime state.
//
// The control block, `__tsuk_profile` (bss):
//   +0 magic 'TSKP' (set by startProfiler)  +4 bytes of records  +8 PIT period (ticks)
//   +12 samples taken  +16 hand-over requested  +20 rate (Hz)  then the records.

import { Code, Register } from 'iced-x86';
import { MInstr, phys, preg, imm, mem, sym, label } from './machine';

export const PROFILE_HEADER = 32;
export const PROFILE_BYTES = 1 << 20;
export const PROFILE_DEPTH = 64;
const USED = 4, PERIOD = 8, TAKEN = 12, REQUEST = 16;
const RECORD_MAX = (3 + PROFILE_DEPTH) * 4;
const COM2 = 0x2f8, COM2_LSR = COM2 + 5, LSR_DATA = 0x01, LSR_TX_EMPTY = 0x20;
const PIT_CH0 = 0x40, PIT_CMD = 0x43, PIT_CH0_MODE0 = 0x30;
/** The interrupted state after pushad: ebp at +8, the CPU's eip at +32 (then cs, eflags),
 *  and at +44 the word on top of the interrupted stack. */
const SAVED_EBP = 8, SAVED_EIP = 32, SAVED_STACK_TOP = 44;

const r = (reg: Register) => preg(reg);
const at = (reg: Register, disp = 0) => mem({ kind: 'reg', reg }, disp);
const { EAX, EBX, ECX, EDX, ESI, EDI, EBP, ESP, AL } = Register;

export function profileNmiBlocks(): MInstr[][] {
  const ENTRY_READ = 1, SAMPLE = 2, WALK = 3, DONE = 4, DUMP = 5, NEXT_BYTE = 6, WAIT_TX = 7, SEND = 8, OUT = 9;
  const blocks: MInstr[][] = [];
  blocks[0] = [
    phys(Code.Pushad),
    phys(Code.Mov_r32_imm32, [r(EBP), sym('__tsuk_profile')]),
    phys(Code.Mov_r8_imm8, [r(AL), imm(PIT_CH0_MODE0)]),
    phys(Code.Out_imm8_AL, [imm(PIT_CMD), r(AL)]),
    phys(Code.Mov_r32_rm32, [r(EAX), at(EBP, PERIOD)]),
    phys(Code.Out_imm8_AL, [imm(PIT_CH0), r(AL)]),
    phys(Code.Shr_rm32_imm8, [r(EAX), imm(8)]),
    phys(Code.Out_imm8_AL, [imm(PIT_CH0), r(AL)]),
    phys(Code.Mov_r32_imm32, [r(EDX), imm(COM2_LSR)]),
    phys(Code.In_AL_DX, [r(AL), r(Register.DX)]),
    phys(Code.Test_rm8_imm8, [r(AL), imm(LSR_DATA)]),
    phys(Code.Je_rel32_32, [label(SAMPLE)]),
  ];
  blocks[ENTRY_READ] = [
    phys(Code.Mov_r32_imm32, [r(EDX), imm(COM2)]),
    phys(Code.In_AL_DX, [r(AL), r(Register.DX)]),
    phys(Code.Mov_rm32_imm32, [at(EBP, REQUEST), imm(1)]),
  ];
  blocks[SAMPLE] = [
    phys(Code.Cmp_rm32_imm8, [at(EBP, REQUEST), imm(0)]),
    phys(Code.Jne_rel32_32, [label(DUMP)]),
    phys(Code.Mov_r32_rm32, [r(EDI), at(EBP, USED)]),
    phys(Code.Cmp_rm32_imm32, [r(EDI), imm(PROFILE_BYTES - RECORD_MAX)]),
    phys(Code.Ja_rel32_32, [label(DUMP)]),
    phys(Code.Add_r32_rm32, [r(EDI), r(EBP)]),
    phys(Code.Add_rm32_imm8, [r(EDI), imm(PROFILE_HEADER)]),
    phys(Code.Mov_r32_rm32, [r(EBX), r(EDI)]), // the record's count word
    phys(Code.Mov_r32_rm32, [r(EAX), at(ESP, SAVED_EIP)]),
    phys(Code.Mov_rm32_r32, [at(EDI, 4), r(EAX)]),
    phys(Code.Mov_r32_rm32, [r(EAX), at(ESP, SAVED_STACK_TOP)]),
    phys(Code.Mov_rm32_r32, [at(EDI, 8), r(EAX)]),
    phys(Code.Add_rm32_imm8, [r(EDI), imm(12)]),
    phys(Code.Mov_r32_rm32, [r(ESI), at(ESP, SAVED_EBP)]),
    phys(Code.Mov_r32_imm32, [r(ECX), imm(PROFILE_DEPTH)]),
  ];
  blocks[WALK] = [
    phys(Code.Mov_r32_imm32, [r(EAX), sym('__stack_bottom')]),
    phys(Code.Cmp_r32_rm32, [r(ESI), r(EAX)]),
    phys(Code.Jb_rel32_32, [label(DONE)]),
    phys(Code.Mov_r32_imm32, [r(EAX), sym('__stack_top')]),
    phys(Code.Sub_rm32_imm8, [r(EAX), imm(8)]),
    phys(Code.Cmp_r32_rm32, [r(ESI), r(EAX)]),
    phys(Code.Ja_rel32_32, [label(DONE)]),
    phys(Code.Test_rm32_imm32, [r(ESI), imm(3)]),
    phys(Code.Jne_rel32_32, [label(DONE)]),
    phys(Code.Mov_r32_rm32, [r(EAX), at(ESI, 4)]),
    phys(Code.Mov_rm32_r32, [at(EDI), r(EAX)]),
    phys(Code.Add_rm32_imm8, [r(EDI), imm(4)]),
    phys(Code.Mov_r32_rm32, [r(EAX), at(ESI)]),
    phys(Code.Cmp_r32_rm32, [r(EAX), r(ESI)]),
    phys(Code.Jbe_rel32_32, [label(DONE)]),
    phys(Code.Mov_r32_rm32, [r(ESI), r(EAX)]),
    phys(Code.Dec_r32, [r(ECX)]),
    phys(Code.Jne_rel32_32, [label(WALK)]),
  ];
  blocks[DONE] = [
    phys(Code.Mov_r32_rm32, [r(EAX), r(EDI)]),
    phys(Code.Sub_r32_rm32, [r(EAX), r(EBX)]),
    phys(Code.Shr_rm32_imm8, [r(EAX), imm(2)]),
    phys(Code.Dec_r32, [r(EAX)]),
    phys(Code.Mov_rm32_r32, [at(EBX), r(EAX)]),
    phys(Code.Sub_r32_rm32, [r(EDI), r(EBP)]),
    phys(Code.Sub_rm32_imm8, [r(EDI), imm(PROFILE_HEADER)]),
    phys(Code.Mov_rm32_r32, [at(EBP, USED), r(EDI)]),
    phys(Code.Inc_rm32, [at(EBP, TAKEN)]),
    phys(Code.Jmp_rel32_32, [label(OUT)]),
  ];
  blocks[DUMP] = [
    phys(Code.Mov_r32_rm32, [r(ESI), r(EBP)]),
    phys(Code.Mov_r32_rm32, [r(ECX), at(EBP, USED)]),
    phys(Code.Add_rm32_imm8, [r(ECX), imm(PROFILE_HEADER)]),
  ];
  blocks[NEXT_BYTE] = [phys(Code.Mov_r32_imm32, [r(EDX), imm(COM2_LSR)])];
  blocks[WAIT_TX] = [
    phys(Code.In_AL_DX, [r(AL), r(Register.DX)]),
    phys(Code.Test_rm8_imm8, [r(AL), imm(LSR_TX_EMPTY)]),
    phys(Code.Je_rel32_32, [label(WAIT_TX)]),
  ];
  blocks[SEND] = [
    phys(Code.Mov_r32_imm32, [r(EDX), imm(COM2)]),
    phys(Code.Mov_r8_rm8, [r(AL), at(ESI)]),
    phys(Code.Out_DX_AL, [r(Register.DX), r(AL)]),
    phys(Code.Inc_r32, [r(ESI)]),
    phys(Code.Dec_r32, [r(ECX)]),
    phys(Code.Jne_rel32_32, [label(NEXT_BYTE)]),
    phys(Code.Mov_rm32_imm32, [at(EBP, USED), imm(0)]),
    phys(Code.Mov_rm32_imm32, [at(EBP, REQUEST), imm(0)]),
  ];
  blocks[OUT] = [phys(Code.Popad), phys(Code.Iretd)];
  return blocks;
}
