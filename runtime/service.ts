// The `tsuk:runtime` module: what the kernel tells a service about the machine it runs on
// (declared in lib/tsuk.d.ts; the frontend maps `tsuk:runtime`'s functions to these).
// Plain numbers in and out, so a service needs no integer aliases to use them.

import { load32, rdtsc } from 'tsuk:hw';
import { ramBytes as usableRam, memoryFromE820 } from './memory/memory-map';
import {
  collectGarbage as collect, gcLastPauseTicks, gcMaxPauseTicks, gcTotalPauseTicks, heapCapacity, heapCollections,
  heapFreedByLastCollection, heapHighWater, heapLimit as limit, heapLiveAfterCollection, heapLiveObjects, heapPermanentBytes,
  heapStart as start, heapTotalAllocated, heapUsed as used,
} from './memory/heap';
import { interruptCount as irqCount } from './kernel/interrupts';
import { bootTsc, tscPerMs as perMs } from './kernel/time';
import { sleep as sleepMs, timerInterrupts as timerCount } from './events/event-loop';

/** Where the boot sector leaves the TSC it read first (boot/bootsector.ts BOOT_SECTOR_TSC_ADDRESS). */
const BOOT_SECTOR_TSC = 0x4f8;

/** Usable RAM below 4 GiB, in bytes, from the BIOS's E820 map (or CMOS without one). */
export function ramBytes(): number {
  return usableRam();
}

/** Whether ramBytes() came from the E820 map. */
export function ramFromE820(): boolean {
  return memoryFromE820();
}

/** First address of the heap, and the first address above it. */
export function heapStart(): number {
  return start();
}
export function heapLimit(): number {
  return limit();
}
export function heapUsed(): number {
  return used();
}

/** The garbage collector's statistics (lib/tsuk.d.ts documents each field). */
export interface HeapStats {
  liveBytes: number;
  usedBytes: number;
  highWaterBytes: number;
  capacityBytes: number;
  liveObjects: number;
  freedBytes: number;
  collections: number;
  allocatedBytes: number;
  permanentBytes: number;
  lastPauseTicks: number;
  maxPauseTicks: number;
  totalPauseTicks: number;
}

export function heapStats(): HeapStats {
  return {
    liveBytes: heapLiveAfterCollection(),
    usedBytes: used(),
    highWaterBytes: heapHighWater(),
    capacityBytes: heapCapacity(),
    liveObjects: heapLiveObjects(),
    freedBytes: heapFreedByLastCollection(),
    collections: heapCollections(),
    allocatedBytes: heapTotalAllocated(),
    permanentBytes: heapPermanentBytes(),
    lastPauseTicks: gcLastPauseTicks(),
    maxPauseTicks: gcMaxPauseTicks(),
    totalPauseTicks: gcTotalPauseTicks(),
  };
}

/** Runs a full garbage collection now. */
export function collectGarbage(): void {
  collect();
}

/** Times IRQ `irq` (0–15) has fired since boot. */
export function interruptCount(irq: number): number {
  return irqCount(irq | 0);
}

/** Timer interrupts since boot (the local APIC's or the PIT's, whichever the event loop uses). */
export function timerInterrupts(): number {
  return timerCount();
}

/** The TSC when the kernel's first instruction ran, the TSC now, and its rate. */
export function bootTscTicks(): number {
  return bootTsc();
}
/** The TSC the boot sector read as it started (boot/bootsector.ts BOOT_SECTOR_TSC_ADDRESS); 0
 *  when the image was started some other way (multiboot). */
export function bootSectorTscTicks(): number {
  return load32(BOOT_SECTOR_TSC) + load32(BOOT_SECTOR_TSC + 4) * 4294967296;
}
export function tscTicks(): number {
  return rdtsc();
}
export function tscTicksPerMs(): number {
  return perMs();
}

/** Blocks for `ms` milliseconds, halted (no busy wait). */
export function sleep(ms: number): void {
  sleepMs(ms);
}
