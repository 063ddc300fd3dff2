// What the CPU's exceptions and the stack-overflow check end in: a message naming what went
// wrong, the registers, a symbolized backtrace, and a non-zero exit (DESIGN.md §1.5).
//
// The backend's stubs (compiler/x86/interrupts.ts) call these on a stack of their own, so
// they work even when the fault is a full stack. They never return. A fault while one of them
// is already reporting (a bug in the reporting itself) stops the machine at once.

import type { u32 } from 'tsuk';
import { linkerSymbol, load32 } from 'tsuk:hw';
import { print, printHex32 } from './print';
import { writeBacktrace, writeCallers, writeFrame } from './backtrace';
import { PANIC_EXIT_CODE } from './panic';
import { exit } from './exit';

let reporting = false;

function enter(): void {
  if (reporting) {
    print('\npanic: fault while reporting a fault\n');
    exit(PANIC_EXIT_CODE);
  }
  reporting = true;
}

/** The Intel SDM's name for each exception vector. */
export function exceptionName(vector: u32): string {
  if (vector === 0) {
    return 'divide error';
  }
  if (vector === 1) {
    return 'debug';
  }
  if (vector === 2) {
    return 'non-maskable interrupt';
  }
  if (vector === 3) {
    return 'breakpoint';
  }
  if (vector === 4) {
    return 'overflow';
  }
  if (vector === 5) {
    return 'bound range exceeded';
  }
  if (vector === 6) {
    return 'invalid opcode';
  }
  if (vector === 7) {
    return 'device not available';
  }
  if (vector === 8) {
    return 'double fault';
  }
  if (vector === 9) {
    return 'coprocessor segment overrun';
  }
  if (vector === 10) {
    return 'invalid TSS';
  }
  if (vector === 11) {
    return 'segment not present';
  }
  if (vector === 12) {
    return 'stack-segment fault';
  }
  if (vector === 13) {
    return 'general protection fault';
  }
  if (vector === 14) {
    return 'page fault';
  }
  if (vector === 16) {
    return 'x87 floating-point exception';
  }
  if (vector === 17) {
    return 'alignment check';
  }
  if (vector === 18) {
    return 'machine check';
  }
  if (vector === 19) {
    return 'SIMD floating-point exception';
  }
  if (vector === 20) {
    return 'virtualization exception';
  }
  if (vector === 21) {
    return 'control protection exception';
  }
  return 'reserved exception';
}

function writeRegister(name: string, value: u32): void {
  print(name);
  print('=');
  printHex32(value);
}

function writeRegisters(eax: u32, ebx: u32, ecx: u32, edx: u32, esi: u32, edi: u32, ebp: u32, esp: u32, eflags: u32): void {
  print('  ');
  writeRegister('eax', eax);
  writeRegister(' ebx', ebx);
  writeRegister(' ecx', ecx);
  writeRegister(' edx', edx);
  print('\n  ');
  writeRegister('esi', esi);
  writeRegister(' edi', edi);
  writeRegister(' ebp', ebp);
  writeRegister(' esp', esp);
  writeRegister(' eflags', eflags);
  print('\n');
}

/** A CPU exception; `frame` is the stub's register frame (layout in interrupts.ts). */
export function cpuException(frame: u32): void {
  enter();
  const vector: u32 = load32(frame + 32);
  const errorCode: u32 = load32(frame + 36);
  const eip: u32 = load32(frame + 40);
  // Traps (debug, breakpoint, overflow) report the address after the instruction.
  const trap = vector === 1 || vector === 3 || vector === 4;
  print('panic: ');
  print(exceptionName(vector));
  print(' (CPU exception ' + vector);
  if (vector === 10 || vector === 11 || vector === 12 || vector === 13 || vector === 14 || vector === 17) {
    print(', error code ');
    printHex32(errorCode);
  }
  print(') at ');
  printHex32(eip);
  print('\n');
  // pushad order: edi esi ebp esp ebx edx ecx eax; the interrupted esp was above the frame.
  writeRegisters(load32(frame + 28), load32(frame + 16), load32(frame + 24), load32(frame + 20),
    load32(frame + 4), load32(frame), load32(frame + 8), frame + 52, load32(frame + 48));
  writeBacktrace(trap ? eip - 1 : eip, load32(frame + 8));
  exit(PANIC_EXIT_CODE);
}

/** A double fault, entered by a task switch: the interrupted state is in the kernel's TSS. */
export function doubleFault(): void {
  enter();
  const tss: u32 = linkerSymbol('__tsuk_tss');
  const eip: u32 = load32(tss + 32);
  print('panic: double fault (CPU exception 8) at ');
  printHex32(eip);
  print('\n');
  writeRegisters(load32(tss + 40), load32(tss + 52), load32(tss + 44), load32(tss + 48),
    load32(tss + 64), load32(tss + 68), load32(tss + 60), load32(tss + 56), load32(tss + 36));
  writeBacktrace(eip, load32(tss + 60));
  exit(PANIC_EXIT_CODE);
}

/** The prologue check found no room for a frame: [esp] is a return address inside the
 *  overflowing function, [esp + 4] the one into its caller; `ebp` is the caller's frame. The
 *  message is Node's for the same program. */
export function stackOverflow(esp: u32, ebp: u32): void {
  enter();
  print('RangeError: Maximum call stack size exceeded\n');
  writeFrame(load32(esp), false);
  writeFrame(load32(esp + 4), false);
  writeCallers(ebp);
  exit(PANIC_EXIT_CODE);
}
