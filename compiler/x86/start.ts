// The kernel's entry. The boot sector jumps to the load address (the linker's boot prelude,
// compiler/link/multiboot.ts, jumps on to here; a multiboot loader arrives here through the
// prelude too) in flat 32-bit protected mode with interrupts off; `_start` gives the program a stack, zeroes bss (the image does not
// carry it), turns on SSE (the backend uses SSE2 for f64) and a clean x87 unit (f64 `%` and
// ToInt32 stubs use fprem), calls the module's entry, and halts forever if it ever returns.
// Its first act is to read the TSC, kept in `__tsuk_boot_tsc` once bss is clear, so the
// runtime can tell how long the machine took to reach the kernel and then the service.
// Then it records in `__tsuk_cpu` (compiler/x86/interrupts.ts) the CPUID feature flags and
// where the local APIC's registers are: tsuk:hw has no cpuid or rdmsr, and a few instructions
// here cost less than two intrinsics the rest of the runtime would never use.

import { Code, Register } from 'iced-x86';
import { MFunction, phys, preg, imm, mem, sym, label } from './machine';
import { BOOT_TSC, CPU } from './interrupts';

export const START_SYMBOL = '_start';

/** Symbols the linker defines from the layout (never in the module). */
export const LINKER_SYMBOLS = [
  '__bss_start', '__bss_end', '__stack_bottom', '__stack_limit', '__stack_top',
  '__double_fault_stack_top', '__fault_stack_top', '__heap_start', '__image_end', '__tsuk_multiboot', '__bss_refs_end',
] as const;

const CPUID_MSR = 1 << 5;
const CPUID_APIC = 1 << 9;
const IA32_APIC_BASE = 0x1b;
const APIC_GLOBAL_ENABLE = 1 << 11;
const APIC_BASE_MASK = 0xfffff000;

export function startFunction(entry: string): MFunction {
  const EAX = preg(Register.EAX);
  const ECX = preg(Register.ECX);
  const EDX = preg(Register.EDX);
  const EDI = preg(Register.EDI);
  return {
    name: START_SYMBOL,
    naked: true,
    vregClass: [],
    slots: [],
    blocks: [
      { label: 0, instrs: [
        phys(Code.Cli),
        phys(Code.Rdtsc),
        phys(Code.Mov_r32_rm32, [preg(Register.ESI), EAX]),
        phys(Code.Mov_r32_rm32, [preg(Register.EBX), preg(Register.EDX)]),
        phys(Code.Mov_r32_imm32, [preg(Register.ESP), sym('__stack_top')]),
        // bss (which includes the stack) is 16-aligned at both ends: clear it by dwords.
        phys(Code.Mov_r32_imm32, [EDI, sym('__bss_start')]),
        phys(Code.Mov_r32_imm32, [ECX, sym('__bss_end')]),
        phys(Code.Sub_r32_rm32, [ECX, EDI]),
        phys(Code.Shr_rm32_imm8, [ECX, imm(2)]),
        phys(Code.Xor_r32_rm32, [EAX, EAX]),
        phys(Code.Cld),
        phys(Code.Stosd_m32_EAX, [], { rep: true }),
        phys(Code.Mov_r32_imm32, [EDI, sym(BOOT_TSC)]),
        phys(Code.Mov_rm32_r32, [mem({ kind: 'reg', reg: Register.EDI }), preg(Register.ESI)]),
        phys(Code.Mov_rm32_r32, [mem({ kind: 'reg', reg: Register.EDI }, 4), preg(Register.EBX)]),
        // CPUID exists: the backend's SSE2 needs a later CPU than the first without it.
        phys(Code.Mov_r32_imm32, [EAX, imm(1)]),
        phys(Code.Cpuid),
        phys(Code.Mov_r32_imm32, [EDI, sym(CPU)]),
        phys(Code.Mov_rm32_r32, [mem({ kind: 'reg', reg: Register.EDI }), EDX]),
        // The APIC base MSR only if CPUID lists both the APIC and MSRs (else rdmsr is #GP).
        phys(Code.Xor_r32_rm32, [EAX, EAX]),
        phys(Code.And_rm32_imm32, [EDX, imm(CPUID_APIC | CPUID_MSR)]),
        phys(Code.Cmp_rm32_imm32, [EDX, imm(CPUID_APIC | CPUID_MSR)]),
        phys(Code.Jne_rel32_32, [label(3)]),
      ] },
      { label: 1, instrs: [
        phys(Code.Mov_r32_imm32, [ECX, imm(IA32_APIC_BASE)]),
        phys(Code.Rdmsr),
        phys(Code.Mov_r32_rm32, [EDX, EAX]),
        phys(Code.Xor_r32_rm32, [EAX, EAX]),
        phys(Code.Test_rm32_imm32, [EDX, imm(APIC_GLOBAL_ENABLE)]),
        phys(Code.Je_rel32_32, [label(3)]),
      ] },
      { label: 2, instrs: [
        phys(Code.Mov_r32_rm32, [EAX, EDX]),
        phys(Code.And_rm32_imm32, [EAX, imm(APIC_BASE_MASK)]),
      ] },
      { label: 3, instrs: [
        phys(Code.Mov_rm32_r32, [mem({ kind: 'reg', reg: Register.EDI }, 4), EAX]),
        // SSE: CR0.EM (bit 2) off, CR0.MP (bit 1) on; CR4.OSFXSR (bit 9), CR4.OSXMMEXCPT (bit 10).
        phys(Code.Mov_r32_cr, [EAX, preg(Register.CR0)]),
        phys(Code.And_rm32_imm8, [EAX, imm(~4)]),
        phys(Code.Or_rm32_imm8, [EAX, imm(2)]),
        phys(Code.Mov_cr_r32, [preg(Register.CR0), EAX]),
        phys(Code.Mov_r32_cr, [EAX, preg(Register.CR4)]),
        phys(Code.Or_rm32_imm32, [EAX, imm(0x600)]),
        phys(Code.Mov_cr_r32, [preg(Register.CR4), EAX]),
        phys(Code.Fninit),
        // ebp = 0 ends the frame-pointer chain backtraces walk (runtime/kernel/backtrace.ts).
        phys(Code.Xor_r32_rm32, [preg(Register.EBP), preg(Register.EBP)]),
        phys(Code.Call_rel32_32, [sym(entry)]),
        phys(Code.Cli),
      ] },
      { label: 4, instrs: [
        phys(Code.Hlt),
        phys(Code.Jmp_rel32_32, [label(4)]),
      ] },
    ],
  };
}
