// A binary-heap priority queue driving a discrete-event task scheduler.

class PriorityQueue<T> {
  private heap: T[] = [];
  constructor(private readonly less: (a: T, b: T) => boolean) {}

  get size(): number {
    return this.heap.length;
  }

  push(item: T): void {
    this.heap.push(item);
    let i = this.heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(this.heap[i], this.heap[parent])) break;
      [this.heap[i], this.heap[parent]] = [this.heap[parent], this.heap[i]];
      i = parent;
    }
  }

  peek(): T | undefined {
    return this.heap.length > 0 ? this.heap[0] : undefined;
  }

  pop(): T | undefined {
    if (this.heap.length === 0) return undefined;
    const top = this.heap[0];
    const last = this.heap.pop()!;
    if (this.heap.length > 0) {
      this.heap[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let smallest = i;
        if (l < this.heap.length && this.less(this.heap[l], this.heap[smallest])) smallest = l;
        if (r < this.heap.length && this.less(this.heap[r], this.heap[smallest])) smallest = r;
        if (smallest === i) break;
        [this.heap[i], this.heap[smallest]] = [this.heap[smallest], this.heap[i]];
        i = smallest;
      }
    }
    return top;
  }
}

enum Priority {
  High = 0,
  Normal = 1,
  Low = 2,
}

interface Task {
  id: number;
  name: string;
  priority: Priority;
  duration: number;
  submittedAt: number;
  dependsOn?: number[];
}

interface Completed {
  id: number;
  name: string;
  start: number;
  end: number;
  waited: number;
}

class Scheduler {
  private clock = 0;
  private nextId = 1;
  private readonly ready = new PriorityQueue<Task>((a, b) => a.priority !== b.priority ? a.priority < b.priority : a.submittedAt !== b.submittedAt ? a.submittedAt < b.submittedAt : a.id < b.id);
  private readonly waiting: Task[] = [];
  private readonly done = new Set<number>();
  readonly log: Completed[] = [];

  submit(name: string, priority: Priority, duration: number, dependsOn?: number[]): number {
    const task: Task = { id: this.nextId++, name, priority, duration, submittedAt: this.clock, dependsOn };
    if (this.blocked(task)) this.waiting.push(task);
    else this.ready.push(task);
    return task.id;
  }

  private blocked(t: Task): boolean {
    return (t.dependsOn ?? []).some((d) => !this.done.has(d));
  }

  run(): void {
    while (this.ready.size > 0) {
      const task = this.ready.pop()!;
      const start = this.clock;
      this.clock += task.duration;
      this.done.add(task.id);
      this.log.push({ id: task.id, name: task.name, start, end: this.clock, waited: start - task.submittedAt });
      for (let i = this.waiting.length - 1; i >= 0; i--) {
        const w = this.waiting[i];
        if (!this.blocked(w)) {
          this.waiting.splice(i, 1);
          this.ready.push(w);
        }
      }
    }
    if (this.waiting.length > 0) console.log(`stuck: ${this.waiting.map((t) => t.name).join(', ')}`);
  }
}

const s = new Scheduler();
const fetch = s.submit('fetch', Priority.Normal, 5);
const parse = s.submit('parse', Priority.High, 2, [fetch]);
s.submit('index', Priority.Low, 3, [parse]);
s.submit('email', Priority.High, 1);
s.submit('report', Priority.Normal, 4, [parse]);
s.submit('cleanup', Priority.Low, 1);
s.submit('orphan', Priority.High, 1, [99]);
s.run();
for (const c of s.log) console.log(`${String(c.start).padStart(3)}-${String(c.end).padEnd(3)} #${c.id} ${c.name} (waited ${c.waited})`);
const totalWait = s.log.reduce((sum, c) => sum + c.waited, 0);
console.log('average wait', (totalWait / s.log.length).toFixed(2));
console.log(s.log[0]);

const nums = new PriorityQueue<number>((a, b) => a < b);
for (const n of [5, 3, 8, 1, 9, 2, 7]) nums.push(n);
const sorted: number[] = [];
while (nums.size) sorted.push(nums.pop()!);
console.log(sorted, nums.pop() ?? 'empty', nums.peek() ?? 'empty');
console.log(Priority[Priority.Low], Object.keys(s.log[1]));
