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
