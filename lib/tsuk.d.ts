// Typings of tsuk's own modules: `tsuk` (machine integer aliases) and `tsuk:hw` (hardware
// intrinsics, for runtime/ and drivers/ only).

declare module 'tsuk' {
  /** Machine integers. To TypeScript and Node they are plain numbers; in the image they are
   *  held in registers of that width, and storing an out-of-range value wraps (see
   *  docs/LANGUAGE.md). Library code masks explicitly so both platforms agree. */
  export type i8 = number;
  export type u8 = number;
  export type i16 = number;
  export type u16 = number;
  export type i32 = number;
  export type u32 = number;
}

declare module 'tsuk:hw' {
  import type { u8, u16, u32 } from 'tsuk';
  /** Port I/O: `in al/ax/eax, dx` and `out dx, al/ax/eax`. */
  export function inb(port: u16): u8;
  export function inw(port: u16): u16;
  export function inl(port: u16): u32;
  export function outb(port: u16, value: u8): void;
  export function outw(port: u16, value: u16): void;
  export function outl(port: u16, value: u32): void;
  /** Physical memory access (paging is off: addresses are physical). */
  export function load8(addr: u32): u8;
  export function load16(addr: u32): u16;
  export function load32(addr: u32): u32;
  export function store8(addr: u32, value: u8): void;
  export function store16(addr: u32, value: u16): void;
  export function store32(addr: u32, value: u32): void;
  /** `hlt`, `cli`, `sti`, `pause`. */
  export function hlt(): void;
  export function cli(): void;
  export function sti(): void;
  export function pause(): void;
  /** The address the linker gave one of its own symbols (`__heap_start`: first free byte
   *  after the image, bss and stack). */
  export function linkerSymbol(name: '__heap_start' | '__bss_start' | '__bss_end' | '__stack_top'): u32;
  /** Reinterpret an address as a reference of type T, and back. For the runtime's allocator
   *  and object layouts only: nothing checks that the memory holds a T. */
  export function refAt<T>(addr: u32): T;
  export function addressOf(ref: object | string): u32;
}
