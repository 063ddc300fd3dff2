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

interface Process {
  readonly env: ProcessEnv;
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

declare module 'node:path' {
  export function join(...paths: string[]): string;
}
