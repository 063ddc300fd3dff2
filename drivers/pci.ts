// The PCI bus, through configuration mechanism #1: write a bus/device/function/register
// address to port 0xCF8, then read or write 32 bits at port 0xCFC.
//
// SeaBIOS assigns every device its I/O and memory windows and its interrupt line; a driver
// only has to find its device, read those, and turn on bus mastering so the device may read
// and write the rings in RAM. qboot (the firmware `tsuk run` boots with: cli/qemu.ts) routes
// the interrupt lines but leaves the BARs at 0, so an I/O BAR a driver asks for and finds
// unassigned is given a window here, above every window already assigned. Enumeration walks bus 0 and, through PCI-to-PCI
// bridges, the buses behind them, instead of probing all 256 buses (each probe is a VM exit
// under KVM).

import type { i32, u8, u16, u32 } from 'tsuk';
import { inl, outl } from 'tsuk:hw';

const CONFIG_ADDRESS: u16 = 0xcf8;
const CONFIG_DATA: u16 = 0xcfc;
const ENABLE: u32 = 0x80000000;

const REG_ID: u8 = 0x00;
const REG_COMMAND: u8 = 0x04;
const REG_CLASS: u8 = 0x08;
const REG_HEADER: u8 = 0x0c;
const REG_BAR0: u8 = 0x10;
const REG_BUSES: u8 = 0x18;
const REG_INTERRUPT: u8 = 0x3c;
/** PIIX3 (function 0 of slot 1 on QEMU's pc machine): PIRQA–D's IRQ, one byte each. */
const REG_PIRQ_ROUTE: u8 = 0x60;
const PIIX3_ID: u32 = 0x70008086;

const COMMAND_IO: u32 = 0x1;
const COMMAND_MEMORY: u32 = 0x2;
const COMMAND_BUS_MASTER: u32 = 0x4;
const NO_DEVICE: u32 = 0xffff;
const CLASS_BRIDGE_PCI: u32 = 0x0604;

function configAddress(bus: i32, slot: i32, fn: i32, reg: i32): u32 {
  return (ENABLE | (bus << 16) | (slot << 11) | (fn << 8) | (reg & 0xfc)) >>> 0;
}

export function configRead32(bus: i32, slot: i32, fn: i32, reg: i32): u32 {
  outl(CONFIG_ADDRESS, configAddress(bus, slot, fn, reg));
  return inl(CONFIG_DATA);
}

export function configWrite32(bus: i32, slot: i32, fn: i32, reg: i32, value: u32): void {
  outl(CONFIG_ADDRESS, configAddress(bus, slot, fn, reg));
  outl(CONFIG_DATA, value);
}

/** One function of a device on the bus, as the BIOS configured it. */
export class PciDevice {
  constructor(
    readonly bus: i32,
    readonly slot: i32,
    readonly fn: i32,
    readonly vendor: u32,
    readonly device: u32,
  ) {}

  read32(reg: i32): u32 {
    return configRead32(this.bus, this.slot, this.fn, reg);
  }

  write32(reg: i32, value: u32): void {
    configWrite32(this.bus, this.slot, this.fn, reg, value);
  }

  /** Base address register `index` (0–5) as the BIOS left it: I/O BARs have bit 0 set. */
  bar(index: i32): u32 {
    return this.read32(REG_BAR0 + index * 4);
  }

  /** The I/O port base of BAR `index` (assigned now if the firmware left it at 0), or 0 when
   *  it is not an I/O BAR. */
  ioBase(index: i32): u32 {
    const bar: u32 = this.bar(index);
    if ((bar & 1) === 0) {
      return 0;
    }
    if ((bar & 0xfffc) !== 0) {
      return bar & 0xfffc;
    }
    return assignIoBar(this, index);
  }

  /** The 8259 line the device's INTx reaches (0xff: none). On bus 0 of QEMU's i440FX/PIIX3
   *  machine that is read from the chipset's own routing (PIRQA–D, PIIX3 registers 0x60–0x63,
   *  INTx of slot s on PIRQ (s − 1 + pin − 1) mod 4, as the board wires it), because qboot
   *  writes a line computed without the − 1 into the register the firmware leaves for drivers
   *  (wrong for every slot but 3 and 7); elsewhere the firmware's value is taken. */
  interruptLine(): i32 {
    const reg: u32 = this.read32(REG_INTERRUPT);
    const pin: i32 = ((reg >>> 8) & 0xff) | 0;
    if (this.bus === 0 && this.slot > 0 && pin >= 1 && pin <= 4 && configRead32(0, 1, 0, REG_ID) === PIIX3_ID) {
      const route: u32 = (configRead32(0, 1, 0, REG_PIRQ_ROUTE) >>> (((this.slot - 1 + pin - 1) & 3) * 8)) & 0xff;
      if ((route & 0x80) === 0) {
        return (route & 0x0f) | 0;
      }
    }
    return (reg & 0xff) | 0;
  }

  /** Class and subclass, e.g. 0x0200 for an Ethernet controller. */
  classCode(): u32 {
    return this.read32(REG_CLASS) >>> 16;
  }

  /** Lets the device decode its windows and master the bus (DMA to the rings). */
  enable(): void {
    const command: u32 = this.read32(REG_COMMAND) & 0xffff;
    this.write32(REG_COMMAND, command | COMMAND_IO | COMMAND_MEMORY | COMMAND_BUS_MASTER);
  }
}

/** The lowest port the firmware's windows leave free; SeaBIOS starts its own at 0xC000. */
const IO_WINDOW_START: u32 = 0xc000;
const IO_WINDOW_END: u32 = 0x10000;

/** Sizes BAR `index` (all ones written, the size bits read back), places it at the first
 *  port above every assigned I/O window, aligned to its size, and returns that port (0 when
 *  the ports are exhausted). */
function assignIoBar(dev: PciDevice, index: i32): u32 {
  let next: u32 = IO_WINDOW_START;
  for (const d of pciDevices()) {
    for (let i = 0; i < 6; i++) {
      const b: u32 = d.read32(REG_BAR0 + i * 4);
      if ((b & 1) === 1 && (b & 0xfffc) >= next) {
        next = (b & 0xfffc) + 0x100; // an I/O BAR spans at most 256 ports (PCI 2.3, 6.2.5.1)
      }
    }
  }
  const reg: i32 = REG_BAR0 + index * 4;
  dev.write32(reg, 0xffffffff);
  const size: u32 = (((~(dev.read32(reg) & 0xfffc)) >>> 0) + 1) & 0xffff;
  const base: u32 = size === 0 ? next : ((next + size - 1) & ~(size - 1)) >>> 0;
  if (size === 0 || base + size > IO_WINDOW_END) {
    dev.write32(reg, 0);
    return 0;
  }
  dev.write32(reg, base | 1);
  return base;
}

/** Every function present on `bus` and the buses behind its bridges, in bus order. */
function scanBus(bus: i32, out: PciDevice[], depth: i32): void {
  for (let slot = 0; slot < 32; slot++) {
    const functions = (configRead32(bus, slot, 0, REG_HEADER) & 0x800000) !== 0 ? 8 : 1;
    for (let fn = 0; fn < functions; fn++) {
      const id: u32 = configRead32(bus, slot, fn, REG_ID);
      if ((id & 0xffff) === NO_DEVICE) {
        continue;
      }
      const dev = new PciDevice(bus, slot, fn, id & 0xffff, id >>> 16);
      out.push(dev);
      const secondary = ((dev.read32(REG_BUSES) >>> 8) & 0xff) | 0;
      if (dev.classCode() === CLASS_BRIDGE_PCI && secondary > bus && depth < 8) {
        scanBus(secondary, out, depth + 1);
      }
    }
  }
}

/** All PCI functions in the machine. */
export function pciDevices(): PciDevice[] {
  const out: PciDevice[] = [];
  scanBus(0, out, 0);
  return out;
}

/** The first function with this vendor and device id, or null. */
export function findPciDevice(vendor: u32, device: u32): PciDevice | null {
  for (const d of pciDevices()) {
    if (d.vendor === vendor && d.device === device) {
      return d;
    }
  }
  return null;
}
