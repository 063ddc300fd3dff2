// Big-endian 16- and 32-bit integers at byte offsets of a DNS message. The caller has already
// checked that the bytes are there (reads past the end are a RangeError in tsuk, undefined in
// Node, so neither may ever happen).

export function readU16(msg: Uint8Array, at: number): number {
  return (msg[at] << 8) | msg[at + 1];
}

export function readU32(msg: Uint8Array, at: number): number {
  return ((msg[at] << 24) >>> 0) + ((msg[at + 1] << 16) | (msg[at + 2] << 8) | msg[at + 3]);
}

export function writeU16(out: Uint8Array, at: number, value: number): void {
  out[at] = (value >>> 8) & 0xff;
  out[at + 1] = value & 0xff;
}

export function writeU32(out: Uint8Array, at: number, value: number): void {
  out[at] = (value >>> 24) & 0xff;
  out[at + 1] = (value >>> 16) & 0xff;
  out[at + 2] = (value >>> 8) & 0xff;
  out[at + 3] = value & 0xff;
}
