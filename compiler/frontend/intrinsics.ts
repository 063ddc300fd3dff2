// The `tsuk:hw` intrinsics as the frontend sees them: name → machine signature.
//
// Their declarations for TypeScript are in lib/tsuk.d.ts; each becomes one IR `intrinsic`
// instruction, which compiler/x86/isel.ts turns into one instruction or a few.

import { Intrinsic, IrType, ValueType } from '../ir/ir';

/** Parameter and result types of each tsuk:hw intrinsic. */
export const INTRINSIC_SIGNATURES: Record<Intrinsic, { params: ValueType[]; ret: IrType }> = {
  inb: { params: ['u16'], ret: 'u8' },
  inw: { params: ['u16'], ret: 'u16' },
  inl: { params: ['u16'], ret: 'u32' },
  outb: { params: ['u16', 'u8'], ret: 'void' },
  outw: { params: ['u16', 'u16'], ret: 'void' },
  outl: { params: ['u16', 'u32'], ret: 'void' },
  load8: { params: ['u32'], ret: 'u8' },
  load16: { params: ['u32'], ret: 'u16' },
  load32: { params: ['u32'], ret: 'u32' },
  store8: { params: ['u32', 'u8'], ret: 'void' },
  store16: { params: ['u32', 'u16'], ret: 'void' },
  store32: { params: ['u32', 'u32'], ret: 'void' },
  hlt: { params: [], ret: 'void' },
  cli: { params: [], ret: 'void' },
  sti: { params: [], ret: 'void' },
  pause: { params: [], ret: 'void' },
  mfence: { params: [], ret: 'void' },
  rdtsc: { params: [], ret: 'f64' },
  lidt: { params: ['u32'], ret: 'void' },
  lgdt: { params: ['u32'], ret: 'void' },
  ltr: { params: ['u16'], ret: 'void' },
  loadDataSegments: { params: ['u16'], ret: 'void' },
  frameAddress: { params: [], ret: 'u32' },
  stackPointer: { params: [], ret: 'u32' },
  interrupt: { params: ['u8'], ret: 'void' },
  ud2: { params: [], ret: 'void' },
  stiHlt: { params: [], ret: 'void' },
  sqrt: { params: ['f64'], ret: 'f64' },
};

