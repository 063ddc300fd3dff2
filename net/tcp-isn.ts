// Initial sequence numbers per RFC 6528: ISN = M + F(local address, local port, remote address,
// remote port, secret), M a clock ticking every 4 µs, F a keyed pseudo-random function. A blind
// attacker who does not know the secret cannot predict the ISN of a connection, and a new
// incarnation of a connection still starts above the old one's numbers (M keeps growing).
//
// F is HalfSipHash-2-4 (Aumasson and Bernstein's SipHash on 32-bit words, the variant Linux
// uses on 32-bit machines) with a 64-bit key. The key is gathered when the stack starts from
// what the subset can read on both platforms: Date.now() and the jitter of many performance.now()
// readings (the TSC's low bits in the image, whose timing varies with interrupts, caches and
// the emulator). RDRAND would be better where CPUID has it, but only runtime/ and drivers/
// may use tsuk:hw; a test or a program may set the key with `TcpIsn.setSecret`.

import type { i32 } from 'tsuk';

function rotl(x: number, b: i32): number {
  return (x << b) | (x >>> (32 - b));
}

/** HalfSipHash-2-4 state: four 32-bit words kept as int32 values. */
class HalfSip {
  v0 = 0;
  v1 = 0;
  v2 = 0x6c796765;
  v3 = 0x74656462;

  constructor(k0: number, k1: number) {
    this.v3 ^= k1;
    this.v2 ^= k0;
    this.v1 ^= k1;
    this.v0 ^= k0;
  }

  round(): void {
    this.v0 = (this.v0 + this.v1) | 0;
    this.v1 = rotl(this.v1, 5) ^ this.v0;
    this.v0 = rotl(this.v0, 16);
    this.v2 = (this.v2 + this.v3) | 0;
    this.v3 = rotl(this.v3, 8) ^ this.v2;
    this.v0 = (this.v0 + this.v3) | 0;
    this.v3 = rotl(this.v3, 7) ^ this.v0;
    this.v2 = (this.v2 + this.v1) | 0;
    this.v1 = rotl(this.v1, 13) ^ this.v2;
    this.v2 = rotl(this.v2, 16);
  }

  word(m: number): void {
    this.v3 ^= m;
    this.round();
    this.round();
    this.v0 ^= m;
  }

  /** The 32-bit result after `bytes` octets of input (whole words only). */
  finish(bytes: i32): number {
    this.word(bytes << 24);
    this.v2 ^= 0xff;
    this.round();
    this.round();
    this.round();
    this.round();
    return (this.v1 ^ this.v3) >>> 0;
  }
}

/** HalfSipHash-2-4 of three 32-bit words (12 octets, little-endian words) under (k0, k1). */
export function halfSipHash3(k0: number, k1: number, a: number, b: number, c: number): number {
  const h = new HalfSip(k0 | 0, k1 | 0);
  h.word(a | 0);
  h.word(b | 0);
  h.word(c | 0);
  return h.finish(12);
}

export class TcpIsn {
  private k0 = 0;
  private k1 = 0;

  constructor() {
    this.gather();
  }

  /** Fixes the key (tests, and programs that have a better source of randomness). */
  setSecret(k0: number, k1: number): void {
    this.k0 = k0 | 0;
    this.k1 = k1 | 0;
  }

  /** The ISN for a connection at `nowMs` (the stack's clock, milliseconds). */
  next(nowMs: number, localAddr: number, localPort: number, remoteAddr: number, remotePort: number): number {
    const m = Math.floor(nowMs * 250) % 4294967296; // 4 µs ticks, modulo 2^32
    const f = halfSipHash3(this.k0, this.k1, localAddr, remoteAddr, (localPort << 16) | remotePort);
    return (m + f) >>> 0;
  }

  /** Folds Date.now() and the low bits of 256 successive clock readings into the key. */
  private gather(): void {
    let k0 = Date.now() % 4294967296;
    let k1 = 0x5eed;
    for (let i = 0; i < 256; i++) {
      const t = performance.now();
      const low = Math.floor((t - Math.floor(t)) * 4294967296);
      k1 = halfSipHash3(k0, k1, low, i, Math.floor(t));
      k0 = halfSipHash3(k1, k0, low, i, 0);
    }
    this.k0 = k0 | 0;
    this.k1 = k1 | 0;
  }
}
