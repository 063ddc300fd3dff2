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
  import type { u8, u16, u32, i32 } from 'tsuk';
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
  /** A double in memory (8 bytes, little-endian), as a Float64Array element is stored. */
  export function loadF64(addr: u32): number;
  export function storeF64(addr: u32, value: number): void;
  /** `hlt`, `cli`, `sti`, `pause`. */
  export function hlt(): void;
  export function cli(): void;
  export function sti(): void;
  export function pause(): void;
  /** `mfence`: no later load passes an earlier store (x86 lets it otherwise), for memory
   *  shared with a device that runs at the same time (virtqueues). */
  export function mfence(): void;
  /** The time-stamp counter (`rdtsc`), as a double: exact up to 2^53 cycles (weeks at GHz). */
  export function rdtsc(): number;
  /** `lidt [addr]`, `lgdt [addr]`: load the IDT / GDT register from the 6-byte pseudo-descriptor
   *  (u16 limit, u32 base) at `addr`. `ltr sel`: load the task register. */
  export function lidt(addr: u32): void;
  export function lgdt(addr: u32): void;
  export function ltr(selector: u16): void;
  /** Loads `selector` into ds, es, fs, gs and ss (after lgdt). A bad selector is a #GP. */
  export function loadDataSegments(selector: u16): void;
  /** ebp (the caller's frame: [ebp] is the previous ebp, [ebp + 4] a return address) and esp. */
  export function frameAddress(): u32;
  export function stackPointer(): u32;
  /** `int vector`; the vector must be a constant. For tests of the fault handlers. */
  export function interrupt(vector: u8): void;
  /** `ud2`: an invalid-opcode exception, on purpose. */
  export function ud2(): void;
  /** `sti; hlt`: sleep until the next interrupt. sti takes effect after the next instruction,
   *  so an interrupt arriving between a check done with interrupts off and the hlt still
   *  wakes it. Interrupts are on afterwards. */
  export function stiHlt(): void;
  /** `sqrtsd`: the correctly rounded IEEE 754 square root (Math.sqrt). */
  export function sqrt(x: number): number;
  /** The address the linker gave one of its own symbols (`__heap_start`: first free byte
   *  after the image, bss and stack). */
  export function linkerSymbol(name: LinkerSymbol): u32;
  /** Symbols the linker and the backend define (compiler/x86/start.ts, interrupts.ts, symtab.ts,
   *  literals.ts, compiler/link/multiboot.ts). */
  export type LinkerSymbol =
    | '__heap_start' | '__bss_start' | '__bss_refs_end' | '__bss_end' | '__stack_top' | '__stack_bottom' | '__stack_limit'
    | '__fault_stack_top' | '__double_fault_stack_top'
    | '__tsuk_boot_tsc' | '__tsuk_irq_counts' | '__tsuk_cpu' | '__tsuk_idtr' | '__tsuk_gdtr' | '__tsuk_tss' | '__tsuk_symtab'
    | '__tsuk_literals' | '__tsuk_multiboot' | '__tsuk_profile' | '__tsuk_profile_nmi';
  /** Reinterpret an address as a reference of type T, and back. For the runtime's allocator
   *  and object layouts only: nothing checks that the memory holds a T. */
  export function refAt<T>(addr: u32): T;
  export function addressOf(ref: object | string): u32;
  /** The backend's __tsuk_setjmp / __tsuk_longjmp on an exception handler record
   *  (runtime/js/exceptions.ts). */
  export function setjmp(record: u32): i32;
  export function longjmp(record: u32): never;
}

declare module 'tsuk:runtime' {
  /** Usable RAM below 4 GiB, in bytes, from the BIOS's E820 map (or CMOS without one). */
  export function ramBytes(): number;
  /** Whether ramBytes() came from the E820 map. */
  export function ramFromE820(): boolean;
  /** First address of the heap, the first address above it, and the bytes allocated so far. */
  export function heapStart(): number;
  export function heapLimit(): number;
  export function heapUsed(): number;
  /** The garbage collector (runtime/memory/heap.ts): non-moving mark–sweep. Byte counts are of slots
   *  (requests rounded up to their size class, or to whole pages above 2 KiB). */
  export interface HeapStats {
    /** Bytes in objects the last collection found reachable. */
    liveBytes: number;
    /** Bytes in objects now: liveBytes plus what was allocated since. */
    usedBytes: number;
    /** The most usedBytes has ever been. */
    highWaterBytes: number;
    /** Bytes of pages available for objects. */
    capacityBytes: number;
    /** Objects the last collection kept, and the bytes it freed. */
    liveObjects: number;
    freedBytes: number;
    /** Collections so far, and bytes allocated since boot. */
    collections: number;
    allocatedBytes: number;
    /** Bytes given out by reservePermanent and reserveDeviceData (device rings and buffers), never collected. */
    permanentBytes: number;
    /** Pause of the last and of the longest collection, and all pauses, in TSC ticks
     *  (tscTicksPerMs() converts). */
    lastPauseTicks: number;
    maxPauseTicks: number;
    totalPauseTicks: number;
  }
  export function heapStats(): HeapStats;
  /** Runs a full garbage collection now (it also runs by itself when allocation needs it). */
  export function collectGarbage(): void;
  /** Times IRQ `irq` (0–15) has fired since boot: interrupt handlers only count. */
  export function interruptCount(irq: number): number;
  /** Timer interrupts since boot: the local APIC timer's or, without an APIC, the PIT's. The
   *  event loop programs one only for the next pending timer, so an idle second takes a few. */
  export function timerInterrupts(): number;
  /** The TSC when the kernel's first instruction ran, the TSC now, and its rate (calibrated
   *  against the PIT on first use). */
  export function bootTscTicks(): number;
  /** The TSC when the boot sector started (0 when booted by multiboot, without it). */
  export function bootSectorTscTicks(): number;
  export function tscTicks(): number;
  export function tscTicksPerMs(): number;
  /** Blocks for `ms` milliseconds with the CPU halted. */
  export function sleep(ms: number): void;
}
