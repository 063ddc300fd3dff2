// The parts of Node.js's own API that tsuk implements, so that one service source runs on Node
// and as a unikernel (DESIGN.md §1.3). `node:dgram` is not declared here: it resolves to its
// implementation, net/node/dgram.ts (compiler/frontend/project.ts).

interface ProcessEnv {
  /** The environment is fixed when the image is built (`tsuk compile --env NAME=VALUE`). */
  readonly [name: string]: string | undefined;
}

interface ProcessRelease {
  /** 'node' on Node.js; 'tsuk' in a tsuk image. */
  readonly name: string;
}

interface ProcessStdout {
  /** Prints the string as it is (no newline added) on the serial console; always true. */
  write(chunk: string): boolean;
}

interface Process {
  readonly env: ProcessEnv;
  readonly stdout: ProcessStdout;
  readonly release: ProcessRelease;
  /** Flushes the console and powers the machine off with this status (isa-debug-exit). */
  exit(code?: number): never;
  /** Runs `callback` at the next microtask checkpoint, before the promise jobs. */
  nextTick(callback: () => void): void;
}

declare var process: Process;

/** The folder of the current source file. Only inside the path of a readFileSync, whose file
 *  the compiler embeds: the image does not know where it was built. */
declare var __dirname: string;

declare module 'node:fs' {
  /** The file's text, read when the image is built and embedded in it. The path must be
   *  known at compile time: string literals, `__dirname`, `+` and `join`. */
  export function readFileSync(path: string, encoding: 'utf8' | 'utf-8'): string;
}

declare module 'node:util' {
  /** The string console.log prints for a value (Node's defaults: depth 2, 80 columns). */
  export function inspect(value: unknown): string;
  /** The line console.log(format, ...args) prints, without its newline. */
  export function format(format?: unknown, ...args: unknown[]): string;
}

declare module 'node:path' {
  export function join(...paths: string[]): string;
}

// ---- Buffer (runtime/js/buffer.ts; compiler/frontend/lower-buffer.ts) ----
// A Buffer is a Uint8Array, as on Node: it goes wherever a Uint8Array is expected.

type BufferEncoding = 'utf8' | 'utf-8' | 'hex' | 'base64' | 'base64url' | 'latin1' | 'binary' | 'ascii' | 'utf16le' | 'ucs2';

interface Buffer extends Uint8Array {
  /** A Buffer over the same memory (unlike Uint8Array#slice, as on Node). */
  slice(start?: number, end?: number): Buffer;
  subarray(start?: number, end?: number): Buffer;
  toString(encoding?: BufferEncoding, start?: number, end?: number): string;
  equals(other: Uint8Array): boolean;
  /** A number is an octet; a string is looked for as its UTF-8. */
  indexOf(value: number | string | Uint8Array, byteOffset?: number): number;
  includes(value: number | string | Uint8Array, byteOffset?: number): boolean;
  lastIndexOf(value: number | string | Uint8Array, byteOffset?: number): number;
  /** A string fills with its UTF-8 octets, repeated. */
  fill(value: number | string, offset?: number, end?: number): this;
  compare(other: Uint8Array): number;
  copy(target: Uint8Array, targetStart?: number, sourceStart?: number, sourceEnd?: number): number;
  /** UTF-8 octets of `s` from `offset`, as many whole characters as fit; their count. */
  write(s: string, offset?: number): number;
  readUInt8(offset?: number): number;
  readUInt16BE(offset?: number): number;
  readUInt16LE(offset?: number): number;
  readUInt32BE(offset?: number): number;
  readUInt32LE(offset?: number): number;
  readUint8(offset?: number): number;
  readUint16BE(offset?: number): number;
  readUint16LE(offset?: number): number;
  readUint32BE(offset?: number): number;
  readUint32LE(offset?: number): number;
  readInt8(offset?: number): number;
  readInt16BE(offset?: number): number;
  readInt16LE(offset?: number): number;
  readInt32BE(offset?: number): number;
  readInt32LE(offset?: number): number;
  writeUInt8(value: number, offset?: number): number;
  writeUInt16BE(value: number, offset?: number): number;
  writeUInt16LE(value: number, offset?: number): number;
  writeUInt32BE(value: number, offset?: number): number;
  writeUInt32LE(value: number, offset?: number): number;
  writeUint8(value: number, offset?: number): number;
  writeUint16BE(value: number, offset?: number): number;
  writeUint16LE(value: number, offset?: number): number;
  writeUint32BE(value: number, offset?: number): number;
  writeUint32LE(value: number, offset?: number): number;
  writeInt8(value: number, offset?: number): number;
  writeInt16BE(value: number, offset?: number): number;
  writeInt16LE(value: number, offset?: number): number;
  writeInt32BE(value: number, offset?: number): number;
  writeInt32LE(value: number, offset?: number): number;
  readFloatBE(offset?: number): number;
  readFloatLE(offset?: number): number;
  readDoubleBE(offset?: number): number;
  readDoubleLE(offset?: number): number;
  writeFloatBE(value: number, offset?: number): number;
  writeFloatLE(value: number, offset?: number): number;
  writeDoubleBE(value: number, offset?: number): number;
  writeDoubleLE(value: number, offset?: number): number;
}

interface BufferConstructor {
  from(s: string, encoding?: BufferEncoding): Buffer;
  from(data: number[] | Uint8Array): Buffer;
  /** A view of the ArrayBuffer's memory, not a copy. */
  from(buffer: ArrayBuffer, byteOffset?: number, length?: number): Buffer;
  alloc(size: number, fill?: number): Buffer;
  allocUnsafe(size: number): Buffer;
  byteLength(s: string, encoding?: BufferEncoding): number;
  byteLength(bytes: Uint8Array): number;
  concat(list: Uint8Array[], totalLength?: number): Buffer;
  isBuffer(obj: unknown): obj is Buffer;
  compare(a: Uint8Array, b: Uint8Array): number;
}

declare var Buffer: BufferConstructor;
/** The global Buffer type, named from inside 'node:buffer' (where `Buffer` is the export). */
type GlobalBuffer = Buffer;

declare module 'node:buffer' {
  export type Buffer = GlobalBuffer;
  export const Buffer: BufferConstructor;
}
