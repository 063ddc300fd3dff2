// A generic module for test/lang/generics-modules.ts: a ring-buffer queue and a generic
// function, instantiated by the importing module with its own classes.

export interface Sized {
  size(): number;
}

export class Queue<T> implements Sized {
  private items: T[] = [];
  private head = 0;
  enqueue(x: T): void {
    this.items.push(x);
  }
  dequeue(): T | undefined {
    if (this.head >= this.items.length) return undefined;
    const x = this.items[this.head];
    this.head++;
    if (this.head > 4 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return x;
  }
  size(): number {
    return this.items.length - this.head;
  }
}

export function drain<T>(q: Queue<T>, visit: (x: T) => void): number {
  let n = 0;
  for (let x = q.dequeue(); x !== undefined; x = q.dequeue()) {
    visit(x);
    n++;
  }
  return n;
}

export function largest<T extends Sized>(xs: T[]): T | undefined {
  let best: T | undefined;
  for (const x of xs) if (!best || x.size() > best.size()) best = x;
  return best;
}
