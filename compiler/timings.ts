// Time per compile phase, for `tsuk compile --timings`.
//
// compile() wraps each phase in `timings.time(name, …)`; a phase that runs more than once (the
// backend passes over functions the cache did not have) adds up. Counters (cache hits and
// misses) sit beside the times. Without --timings compile() gets UNTIMED, which only calls.

export interface Timer {
  time<T>(phase: string, run: () => T): T;
  count(counter: string, n?: number): void;
}

export const UNTIMED: Timer = {
  time: (_phase, run) => run(),
  count: () => undefined,
};

export class Timings implements Timer {
  /** Milliseconds per phase, in the order phases first ran. */
  readonly ms = new Map<string, number>();
  readonly counters = new Map<string, number>();

  time<T>(phase: string, run: () => T): T {
    const start = performance.now();
    try {
      return run();
    } finally {
      this.ms.set(phase, (this.ms.get(phase) ?? 0) + performance.now() - start);
    }
  }

  /** A phase timed elsewhere (the CLI's start-up: Node and the modules, before compile()). */
  record(phase: string, ms: number): void {
    this.ms.set(phase, (this.ms.get(phase) ?? 0) + ms);
  }

  count(counter: string, n = 1): void {
    this.counters.set(counter, (this.counters.get(counter) ?? 0) + n);
  }

  /** One line per phase and a total, then the counters: what --timings prints on stderr. */
  format(): string {
    const width = Math.max(...[...this.ms.keys()].map((k) => k.length), 5);
    const lines = [...this.ms].map(([k, v]) => `  ${k.padEnd(width)} ${v.toFixed(1).padStart(8)} ms`);
    const total = [...this.ms.values()].reduce((a, b) => a + b, 0);
    lines.push(`  ${'total'.padEnd(width)} ${total.toFixed(1).padStart(8)} ms`);
    for (const [k, v] of this.counters) lines.push(`  ${k}: ${v}`);
    return lines.join('\n') + '\n';
  }
}
