// The CMOS RAM and its real-time clock (MC146818, ports 0x70/0x71).
//
// Two uses: the memory size the BIOS recorded (the fallback when there is no E820 map), and
// the wall-clock time at boot for Date.now(). The clock is read twice until both readings
// agree and never while its update-in-progress flag is set, since the registers change one by
// one during the update; BCD and 12-hour modes are converted.

import type { i32, u8, u16 } from 'tsuk';
import { inb, outb } from 'tsuk:hw';

const INDEX: u16 = 0x70;
const DATA: u16 = 0x71;
/** Bit 7 of the index port masks NMIs while we talk to the chip. */
const NMI_OFF: u8 = 0x80;

const RTC_SECONDS: u8 = 0x00;
const RTC_MINUTES: u8 = 0x02;
const RTC_HOURS: u8 = 0x04;
const RTC_DAY: u8 = 0x07;
const RTC_MONTH: u8 = 0x08;
const RTC_YEAR: u8 = 0x09;
const RTC_STATUS_A: u8 = 0x0a;
const RTC_STATUS_B: u8 = 0x0b;
const RTC_CENTURY: u8 = 0x32;
const UPDATE_IN_PROGRESS: u8 = 0x80;
const STATUS_B_24_HOUR: u8 = 0x02;
const STATUS_B_BINARY: u8 = 0x04;
const HOUR_PM: u8 = 0x80;

export function cmosRead(register: u8): u8 {
  outb(INDEX, NMI_OFF | register);
  return inb(DATA);
}

/** KiB of extended memory between 1 MiB and 16 MiB (registers 0x30/0x31, at most 15 MiB). */
export function cmosExtendedKiB(): i32 {
  return cmosRead(0x30) | (cmosRead(0x31) << 8);
}

/** 64 KiB blocks of memory above 16 MiB (registers 0x34/0x35). */
export function cmosHighBlocks(): i32 {
  return cmosRead(0x34) | (cmosRead(0x35) << 8);
}

function fromBcd(v: i32): i32 {
  return (v & 0x0f) + (v >> 4) * 10;
}

/** Days from 1970-01-01 to the civil date (proleptic Gregorian; H. Hinnant's algorithm). */
function daysFromCivil(year: i32, month: i32, day: i32): i32 {
  const y: i32 = month <= 2 ? year - 1 : year;
  const era: i32 = (y >= 0 ? y : y - 399) / 400 | 0;
  const yoe: i32 = y - era * 400;
  const mp: i32 = month > 2 ? month - 3 : month + 9;
  const doy: i32 = ((153 * mp + 2) / 5 | 0) + day - 1;
  const doe: i32 = yoe * 365 + (yoe / 4 | 0) - (yoe / 100 | 0) + doy;
  return era * 146097 + doe - 719468;
}

/** The clock's year, month, day, hours, minutes and seconds registers packed into one number
 *  (6 bytes: exact in a double), or -1 while an update is in progress. */
function rawReading(): number {
  if ((cmosRead(RTC_STATUS_A) & UPDATE_IN_PROGRESS) !== 0) {
    return -1;
  }
  let v = 0;
  v = v * 256 + cmosRead(RTC_YEAR);
  v = v * 256 + cmosRead(RTC_MONTH);
  v = v * 256 + cmosRead(RTC_DAY);
  v = v * 256 + cmosRead(RTC_HOURS);
  v = v * 256 + cmosRead(RTC_MINUTES);
  v = v * 256 + cmosRead(RTC_SECONDS);
  return v;
}

function byteOf(v: number, k: i32): i32 {
  let x = v;
  let i: i32 = 0;
  while (i < k) {
    x = (x - (x % 256)) / 256;
    i = i + 1;
  }
  return (x % 256) | 0;
}

/** The RTC's time as milliseconds since the Unix epoch (UTC, as QEMU and cloud hosts keep it). */
export function rtcEpochMs(): number {
  let a = rawReading();
  let b = rawReading();
  while (a < 0 || a !== b) {
    a = b;
    b = rawReading();
  }
  const statusB: i32 = cmosRead(RTC_STATUS_B);
  const bcd = (statusB & STATUS_B_BINARY) === 0;
  let second: i32 = byteOf(a, 0);
  let minute: i32 = byteOf(a, 1);
  let hour: i32 = byteOf(a, 2);
  let day: i32 = byteOf(a, 3);
  let month: i32 = byteOf(a, 4);
  let year: i32 = byteOf(a, 5);
  let century: i32 = cmosRead(RTC_CENTURY);
  const pm = (hour & HOUR_PM) !== 0;
  hour = hour & ~HOUR_PM;
  if (bcd) {
    second = fromBcd(second);
    minute = fromBcd(minute);
    hour = fromBcd(hour);
    day = fromBcd(day);
    month = fromBcd(month);
    year = fromBcd(year);
    century = fromBcd(century);
  }
  if ((statusB & STATUS_B_24_HOUR) === 0) {
    hour = (hour % 12) + (pm ? 12 : 0);
  }
  const fullYear: i32 = century >= 19 && century <= 99 ? century * 100 + year : 2000 + year;
  const minutes: number = (daysFromCivil(fullYear, month, day) * 24 + hour) * 60 + minute;
  return minutes * 60000 + second * 1000;
}
