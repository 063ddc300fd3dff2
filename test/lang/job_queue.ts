// A rate-limited job queue: at most N jobs at a time, each an async function with timers.

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

interface JobResult<T> {
  name: string;
  ok: boolean;
  value?: T;
  error?: string;
}

class JobQueue<T> {
  private running = 0;
  private readonly pending: (() => void)[] = [];
  readonly events: string[] = [];

  constructor(private readonly limit: number) {}

  private async acquire(): Promise<void> {
    if (this.running < this.limit) {
      this.running++;
      return;
    }
    await new Promise<void>((resolve) => this.pending.push(resolve));
    this.running++;
  }

  private release(): void {
    this.running--;
    const next = this.pending.shift();
    if (next) next();
  }

  async run(name: string, job: () => Promise<T>): Promise<JobResult<T>> {
    await this.acquire();
    this.events.push(`start ${name} (${this.running} running)`);
    try {
      const value = await job();
      this.events.push(`done ${name}`);
      return { name, ok: true, value };
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      this.events.push(`fail ${name}: ${message}`);
      return { name, ok: false, error: message };
    } finally {
      this.release();
    }
  }
}

async function fetchUser(id: number): Promise<string> {
  await sleep(10 * id);
  if (id === 3) throw new Error(`user ${id} not found`);
  return `user-${id}`;
}

async function main(): Promise<void> {
  const q = new JobQueue<string>(2);
  const jobs = [1, 2, 3, 4, 5].map((id) => q.run(`job${id}`, () => fetchUser(id)));
  const results = await Promise.all(jobs);
  for (const line of q.events) console.log(line);
  for (const r of results) console.log(r.name, r.ok ? r.value : `error: ${r.error}`);
  const ok = results.filter((r) => r.ok).length;
  console.log(`${ok}/${results.length} ok`);

  const started = Date.now();
  const race = await Promise.race([sleep(30).then(() => 'slow'), sleep(5).then(() => 'fast')]);
  console.log('race', race, Date.now() - started >= 5);

  const settled = await Promise.allSettled([fetchUser(1), fetchUser(3)]);
  console.log(settled.map((s) => s.status).join(','));

  // An interval that stops itself after three ticks (counting ticks in a fixed sleep would
  // depend on how busy the machine is).
  let ticks = 0;
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      ticks++;
      if (ticks === 3) {
        clearInterval(timer);
        resolve();
      }
    }, 4);
  });
  console.log('ticks', ticks);
}

main().then(() => console.log('all done'));
console.log('scheduled');
