// Upload progress on stderr: "upload: 42% (1.2 of 2.9 MiB)", rewritten in place on a
// terminal, one line per step otherwise (logs, CI). Throttled so a fast upload does not
// flood the output: at most one update per `intervalMs`, plus the final 100%.

export interface ProgressSink {
  write(text: string): unknown;
  isTTY?: boolean;
}

const mib = (n: number): string => (n / (1 << 20)).toFixed(1);

export class Progress {
  private last = -Infinity;
  private done = false;

  constructor(
    private readonly total: number,
    private readonly out: ProgressSink = process.stderr,
    private readonly intervalMs = 500,
    private readonly label = 'upload',
  ) {}

  update(sent: number): void {
    if (this.done) return;
    const now = Date.now();
    const finished = sent >= this.total;
    if (!finished && now - this.last < this.intervalMs) return;
    this.last = now;
    const pct = this.total === 0 ? 100 : Math.floor((sent * 100) / this.total);
    const line = `${this.label}: ${pct}% (${sent} of ${this.total} bytes, ${mib(sent)} of ${mib(this.total)} MiB)`;
    this.out.write(this.out.isTTY ? `\r${line}${finished ? '\n' : ''}` : `${line}\n`);
    if (finished) this.done = true;
  }
}
