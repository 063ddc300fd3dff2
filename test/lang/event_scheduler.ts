// A discrete-event simulation: a binary-heap priority queue of timed events (ties broken by
// insertion order), a bank of servers and customers with deterministic pseudo-random arrivals,
// and the statistics a capacity planner would print.

class MinHeap<T> {
  private items: T[] = [];
  constructor(private readonly less: (a: T, b: T) => boolean) {}

  get size(): number {
    return this.items.length;
  }

  push(x: T): void {
    const a = this.items;
    a.push(x);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(a[i], a[p])) break;
      [a[i], a[p]] = [a[p], a[i]];
      i = p;
    }
  }

  pop(): T | undefined {
    const a = this.items;
    if (a.length === 0) return undefined;
    const top = a[0];
    const last = a.pop()!;
    if (a.length > 0) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1, r = l + 1;
        let m = i;
        if (l < a.length && this.less(a[l], a[m])) m = l;
        if (r < a.length && this.less(a[r], a[m])) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m], a[i]];
        i = m;
      }
    }
    return top;
  }
}

type Kind = 'arrive' | 'depart';

interface Event {
  time: number;
  seq: number;
  kind: Kind;
  customer: number;
}

class Simulation {
  private queue = new MinHeap<Event>((a, b) => a.time < b.time || (a.time === b.time && a.seq < b.seq));
  private seq = 0;
  private waiting: number[] = [];
  private arrivedAt = new Map<number, number>();
  private busy = 0;
  now = 0;
  waits: number[] = [];
  maxQueue = 0;
  log: string[] = [];
  private rng = 12345;

  constructor(private servers: number, private meanService: number) {}

  random(): number {
    this.rng = (this.rng * 48271) % 2147483647;
    return this.rng / 2147483647;
  }

  schedule(time: number, kind: Kind, customer: number): void {
    this.queue.push({ time, seq: this.seq++, kind, customer });
  }

  private startService(customer: number): void {
    this.busy++;
    this.waits.push(this.now - this.arrivedAt.get(customer)!);
    const service = Math.round(-Math.log(1 - this.random()) * this.meanService * 10) / 10;
    this.schedule(this.now + service, 'depart', customer);
  }

  run(until: number): void {
    for (let e = this.queue.pop(); e !== undefined && e.time <= until; e = this.queue.pop()) {
      this.now = e.time;
      if (e.kind === 'arrive') {
        this.arrivedAt.set(e.customer, e.time);
        if (this.busy < this.servers) this.startService(e.customer);
        else {
          this.waiting.push(e.customer);
          this.maxQueue = Math.max(this.maxQueue, this.waiting.length);
        }
      } else {
        this.busy--;
        const next = this.waiting.shift();
        if (next !== undefined) this.startService(next);
      }
      if (this.log.length < 12) this.log.push(`${e.time.toFixed(1).padStart(6)} ${e.kind.padEnd(6)} #${e.customer} busy=${this.busy} queue=${this.waiting.length}`);
    }
  }
}

for (const servers of [1, 2, 3]) {
  const sim = new Simulation(servers, 4);
  let t = 0;
  for (let c = 0; c < 200; c++) {
    t += Math.round(-Math.log(1 - sim.random()) * 2.5 * 10) / 10;
    sim.schedule(t, 'arrive', c);
  }
  sim.run(1e9);
  const w = sim.waits;
  const mean = w.reduce((a, b) => a + b, 0) / w.length;
  const sorted = [...w].sort((a, b) => a - b);
  if (servers === 2) console.log(sim.log.join('\n'));
  console.log(`servers=${servers} served=${w.length} mean wait=${mean.toFixed(2)} p95=${sorted[Math.floor(0.95 * sorted.length)].toFixed(1)} max queue=${sim.maxQueue} end=${sim.now.toFixed(1)}`);
}
