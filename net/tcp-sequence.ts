// TCP sequence-number arithmetic (RFC 9293 §3.4): sequence numbers are 32-bit and wrap, so
// "a before b" means the signed 32-bit difference a − b is negative. Every comparison of
// sequence or acknowledgment numbers in net/tcp*.ts goes through these, never through < on
// the raw values (which breaks at the wrap).

import type { i32 } from 'tsuk';

/** a + n, modulo 2^32. */
export function seqAdd(a: number, n: number): number {
  return (a + n) >>> 0;
}

/** The signed distance a − b (the wrapped difference read as an int32). */
export function seqDiff(a: number, b: number): i32 {
  return (a - b) | 0;
}

export function seqLt(a: number, b: number): boolean {
  return ((a - b) | 0) < 0;
}

export function seqLe(a: number, b: number): boolean {
  return ((a - b) | 0) <= 0;
}

export function seqGt(a: number, b: number): boolean {
  return ((a - b) | 0) > 0;
}

export function seqGe(a: number, b: number): boolean {
  return ((a - b) | 0) >= 0;
}

/** Whether `s` lies in the half-open window [start, start + size). */
export function seqInWindow(s: number, start: number, size: number): boolean {
  const d = (s - start) | 0;
  return d >= 0 && d < size;
}
