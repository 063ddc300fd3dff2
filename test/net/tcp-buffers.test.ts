// The TCP send and receive rings (net/tcp-buffers.ts) start small and grow up to their capacity:
// data written across wrap-arounds and growths must come out in order, and a short exchange
// must not allocate the whole capacity (what made an HTTP server's short connections cost
// 2 × 64 KB each).

import { TcpReceiveBuffer, TcpSendBuffer } from '../../net/tcp-buffers';

/** octets i, i+1, … (mod 251, so runs do not line up with power-of-two ring sizes). */
function pattern(start: number, n: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    out[i] = (start + i) % 251;
  }
  return out;
}

/** Byte-wise equality (jest's toEqual is slow on long typed arrays). */
function same(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.from(a).equals(Buffer.from(b));
}

/** The ring's allocated size (a private field: the test checks the growth policy itself). */
function ringSize(buffer: TcpSendBuffer | TcpReceiveBuffer): number {
  return (buffer as unknown as { bytes: Uint8Array }).bytes.length;
}

describe('TcpSendBuffer', () => {
  test('keeps order across wrap-around and growth; releases from the front', () => {
    const b = new TcpSendBuffer(65536);
    let written = 0;
    let released = 0;
    // Write more than the ring holds at first while releasing part of it, so the head has moved
    // (wrapped) when the ring grows.
    for (const [w, r] of [[1500, 1000], [1500, 1200], [3000, 0], [5000, 2000], [40000, 10000]]) {
      expect(b.write(pattern(written, w), 0, w)).toBe(w);
      written += w;
      b.release(r);
      released += r;
      const held = written - released;
      expect(b.length).toBe(held);
      const out = new Uint8Array(held);
      b.copyOut(0, held, out, 0);
      expect(same(out, pattern(released, held))).toBe(true);
    }
  });

  test('a short exchange allocates a small ring, a full one the capacity and no more', () => {
    const small = new TcpSendBuffer(65536);
    small.write(pattern(0, 200), 0, 200);
    expect(ringSize(small)).toBeLessThanOrEqual(4096);
    const full = new TcpSendBuffer(65536);
    expect(full.write(pattern(0, 70000), 0, 70000)).toBe(65536);
    expect(ringSize(full)).toBe(65536);
    expect(full.free()).toBe(0);
  });

  test('release(0) before any write is harmless', () => {
    const b = new TcpSendBuffer(65536);
    b.release(0);
    expect(b.length).toBe(0);
  });
});

describe('TcpReceiveBuffer', () => {
  test('in-order data across growth and partial reads comes out whole; the window is capacity - held', () => {
    const b = new TcpReceiveBuffer(65536);
    b.next = 1000;
    let received = 0;
    let read = 0;
    for (const [n, r] of [[100, 50], [3000, 3000], [6000, 100], [20000, 25000]]) {
      const frame = pattern(received, n);
      expect(b.accept(b.next, frame, 0, n)).toBeGreaterThanOrEqual(0);
      received += n;
      expect(b.window()).toBe(65536 - (received - read));
      const out = b.read(r);
      expect(same(out, pattern(read, Math.min(r, received - read)))).toBe(true);
      read += out.length;
    }
    expect(same(b.read(1 << 20), pattern(read, received - read))).toBe(true);
    expect(ringSize(b)).toBeLessThan(65536);
  });
});
