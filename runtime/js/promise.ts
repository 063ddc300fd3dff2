// Promise<T>, as an ordinary generic class of the subset (one copy per T, like Map<K, V>).
//
// The global `Promise` programs use (declared in lib/lib.tsuk.d.ts) is this class. Its jobs
// go on the microtask queue (runtime/events/microtasks.ts), in the order and with the tick
// counts of ECMAScript's algorithms, so interleavings print as on Node:
//   - a reaction (then/catch/finally callback) is one job, queued when the promise settles or,
//     when it already has, when the reaction is added;
//   - a callback that returns a promise resolves the derived promise through a
//     PromiseResolveThenableJob: one job that calls the returned promise's `then`, whose
//     reaction is another (the two extra ticks V8 takes too);
//   - `finally` is `then(thenFinally, catchFinally)`, each of which returns
//     `Promise.resolve(onFinally()).then(() => value)` and so is adopted the same way.
// The compiler picks the variant of then/catch/resolve by the callback's result
// (compiler/frontend/lower-promise.ts): `thenVoid` for one that returns nothing, `thenAdopt`
// for one that returns a promise. No field has type T (a Promise<void> holds no value): the
// settled value lives in the `replay` closure.
//
// A promise rejected with no reaction is remembered; when the microtask queues are empty and
// it still has none, the rejection is an uncaught exception (Node's default,
// --unhandled-rejections=throw): printed, status 1 (runtime/js/exceptions.ts).

import type { i32 } from 'tsuk';
import { onMicrotasksDrained, queueMicrotask } from '../events/microtasks';
import { AggregateError } from './error';

const PENDING: i32 = 0;
const FULFILLED: i32 = 1;
const REJECTED: i32 = 2;

/** A rejection, until a reaction handles it. */
class Rejection {
  constructor(
    readonly reason: unknown,
    public handled: boolean,
  ) {}
}

/** Rejections no reaction had handled when they happened, oldest first. */
let unhandled: Rejection[] | null = null;

export class Promise<T> {
  private state: i32 = PENDING;
  private handled = false;
  /** Set when rejected with no reaction, until one is added. */
  private rejection: Rejection | null = null;
  /** Runs the matching reaction with the settled value or reason. */
  private replay: ((onFulfilled: (value: T) => void, onRejected: (reason: unknown) => void) => void) | null = null;
  private fulfillReactions: ((value: T) => void)[] = [];
  private rejectReactions: ((reason: unknown) => void)[] = [];

  /** `executor` is null for the promises the runtime settles itself. */
  constructor(executor: ((resolve: (value: T) => void, reject: (reason: unknown) => void) => void) | null) {
    if (executor === null) {
      return;
    }
    // The resolving functions share one "already resolved" flag (a second call does nothing).
    let done = false;
    const resolve = (value: T): void => {
      if (!done) {
        done = true;
        this.fulfill(value);
      }
    };
    const reject = (reason: unknown): void => {
      if (!done) {
        done = true;
        this.rejectWith(reason);
      }
    };
    try {
      executor(resolve, reject);
    } catch (e) {
      reject(e);
    }
  }

  fulfill(value: T): void {
    if (this.state !== PENDING) {
      return;
    }
    this.state = FULFILLED;
    this.replay = (onFulfilled: (value: T) => void, onRejected: (reason: unknown) => void): void => onFulfilled(value);
    for (const reaction of this.fulfillReactions) {
      queueMicrotask(() => reaction(value));
    }
    this.fulfillReactions.length = 0;
    this.rejectReactions.length = 0;
  }

  rejectWith(reason: unknown): void {
    if (this.state !== PENDING) {
      return;
    }
    this.state = REJECTED;
    this.replay = (onFulfilled: (value: T) => void, onRejected: (reason: unknown) => void): void => onRejected(reason);
    for (const reaction of this.rejectReactions) {
      queueMicrotask(() => reaction(reason));
    }
    this.fulfillReactions.length = 0;
    this.rejectReactions.length = 0;
    if (!this.handled) {
      this.rejection = trackUnhandled(reason);
    }
  }

  /** Adopts the state of `p` through a PromiseResolveThenableJob (one job, then p's reaction). */
  adopt(p: Promise<T>): void {
    queueMicrotask(() => {
      p.react(
        (value: T): void => this.fulfill(value),
        (reason: unknown): void => this.rejectWith(reason),
      );
    });
  }

  /** PerformPromiseThen without a derived promise: the reactions run as jobs. */
  react(onFulfilled: (value: T) => void, onRejected: (reason: unknown) => void): void {
    this.handled = true;
    if (this.rejection !== null) {
      this.rejection.handled = true;
      this.rejection = null;
    }
    if (this.state === PENDING) {
      this.fulfillReactions.push(onFulfilled);
      this.rejectReactions.push(onRejected);
      return;
    }
    const replay = this.replay!;
    queueMicrotask(() => replay(onFulfilled, onRejected));
  }

  /** A derived promise: `onValue` settles it from this one's value (an exception it throws
   *  rejects it); this one's rejection passes on. */
  private derive<R>(onValue: (value: T, next: Promise<R>) => void): Promise<R> {
    const next = new Promise<R>(null);
    this.react(
      (value: T): void => {
        try {
          onValue(value, next);
        } catch (e) {
          next.rejectWith(e);
        }
      },
      (reason: unknown): void => next.rejectWith(reason),
    );
    return next;
  }

  // p.then(f) with f returning a value
  then<R>(onFulfilled: (value: T) => R): Promise<R> {
    return this.derive<R>((value: T, next: Promise<R>): void => next.fulfill(onFulfilled(value)));
  }

  // p.then(f) with f returning nothing
  thenVoid(onFulfilled: (value: T) => void): Promise<void> {
    return this.derive<void>((value: T, next: Promise<void>): void => {
      onFulfilled(value);
      next.fulfill(undefined);
    });
  }

  // p.then(f) with f returning a promise
  thenAdopt<R>(onFulfilled: (value: T) => Promise<R>): Promise<R> {
    return this.derive<R>((value: T, next: Promise<R>): void => next.adopt(onFulfilled(value)));
  }

  // p.catch(f) with f returning a value of the promise's type
  catch(onRejected: (reason: unknown) => T): Promise<T> {
    const next = new Promise<T>(null);
    this.react(
      (value: T): void => next.fulfill(value),
      (reason: unknown): void => {
        try {
          next.fulfill(onRejected(reason));
        } catch (e) {
          next.rejectWith(e);
        }
      },
    );
    return next;
  }

  // p.catch(f) with f returning nothing: a Promise<void> (TypeScript: Promise<T | void>)
  catchVoid(onRejected: (reason: unknown) => void): Promise<void> {
    const next = new Promise<void>(null);
    this.react(
      (value: T): void => next.fulfill(undefined),
      (reason: unknown): void => {
        try {
          onRejected(reason);
          next.fulfill(undefined);
        } catch (e) {
          next.rejectWith(e);
        }
      },
    );
    return next;
  }

  // p.finally(f): then(thenFinally, catchFinally) as the spec builds them
  finally(onFinally: () => void): Promise<T> {
    const next = new Promise<T>(null);
    this.react(
      (value: T): void => {
        try {
          onFinally();
          next.adopt(resolvedVoid().then((): T => value));
        } catch (e) {
          next.rejectWith(e);
        }
      },
      (reason: unknown): void => {
        try {
          onFinally();
          next.adopt(resolvedVoid().then((): T => {
            throw reason;
          }));
        } catch (e) {
          next.rejectWith(e);
        }
      },
    );
    return next;
  }

  // Promise.resolve(value)
  static resolve<T>(value: T): Promise<T> {
    const p = new Promise<T>(null);
    p.fulfill(value);
    return p;
  }

  // Promise.resolve(promise): the promise itself
  static resolveAdopt<T>(value: Promise<T>): Promise<T> {
    return value;
  }

  // Promise.resolve()
  static resolveVoid(): Promise<void> {
    return resolvedVoid();
  }

  // Promise.reject(reason)
  static reject<T>(reason: unknown): Promise<T> {
    const p = new Promise<T>(null);
    p.rejectWith(reason);
    return p;
  }

  // Promise.all(promises)
  static all<T>(promises: Promise<T>[]): Promise<T[]> {
    const next = new Promise<T[]>(null);
    const values: T[] = [];
    let remaining = promises.length;
    if (remaining === 0) {
      next.fulfill(values);
      return next;
    }
    for (let i = 0; i < promises.length; i++) {
      promises[i].react(
        (value: T): void => {
          remaining = remaining - 1;
          if (remaining === 0) {
            for (const p of promises) {
              p.replay!((v: T): void => {
                values.push(v);
              }, ignore);
            }
            next.fulfill(values);
          }
        },
        (reason: unknown): void => next.rejectWith(reason),
      );
    }
    return next;
  }

  // Promise.allSettled(promises)
  static allSettled<T>(promises: Promise<T>[]): Promise<PromiseSettledResult<T>[]> {
    const next = new Promise<PromiseSettledResult<T>[]>(null);
    const results: PromiseSettledResult<T>[] = [];
    let remaining = promises.length;
    const settled = (): void => {
      remaining = remaining - 1;
      if (remaining === 0) {
        for (const p of promises) {
          p.replay!(
            (value: T): void => {
              results.push(new FulfilledResult<T>(value));
            },
            (reason: unknown): void => {
              results.push(new RejectedResult(reason));
            },
          );
        }
        next.fulfill(results);
      }
    };
    if (remaining === 0) {
      next.fulfill(results);
      return next;
    }
    for (const p of promises) {
      p.react((value: T): void => settled(), (reason: unknown): void => settled());
    }
    return next;
  }

  // Promise.race(promises)
  static race<T>(promises: Promise<T>[]): Promise<T> {
    const next = new Promise<T>(null);
    for (const p of promises) {
      p.react(
        (value: T): void => next.fulfill(value),
        (reason: unknown): void => next.rejectWith(reason),
      );
    }
    return next;
  }

  // Promise.any(promises)
  static any<T>(promises: Promise<T>[]): Promise<T> {
    const next = new Promise<T>(null);
    const errors: unknown[] = [];
    let remaining = promises.length;
    if (remaining === 0) {
      next.rejectWith(new AggregateError(errors, 'All promises were rejected'));
      return next;
    }
    for (let i = 0; i < promises.length; i++) {
      const at = i;
      errors.push(null);
      promises[i].react(
        (value: T): void => next.fulfill(value),
        (reason: unknown): void => {
          errors[at] = reason;
          remaining = remaining - 1;
          if (remaining === 0) {
            next.rejectWith(new AggregateError(errors, 'All promises were rejected'));
          }
        },
      );
    }
    return next;
  }
}

/** The elements of Promise.allSettled's result (lib/lib.tsuk.d.ts PromiseSettledResult). */
class FulfilledResult<T> {
  readonly status: 'fulfilled' | 'rejected' = 'fulfilled';
  constructor(readonly value: T) {}
}

class RejectedResult {
  readonly status: 'fulfilled' | 'rejected' = 'rejected';
  constructor(readonly reason: unknown) {}
}

function ignore(reason: unknown): void {}

function resolvedVoid(): Promise<void> {
  const p = new Promise<void>(null);
  p.fulfill(undefined);
  return p;
}

function trackUnhandled(reason: unknown): Rejection {
  if (unhandled === null) {
    unhandled = [];
    onMicrotasksDrained(checkUnhandled);
  }
  const r = new Rejection(reason, false);
  unhandled.push(r);
  return r;
}

/** Node's processPromiseRejections: the first rejection still unhandled is uncaught. */
function checkUnhandled(): void {
  const list = unhandled!;
  for (const r of list) {
    if (!r.handled) {
      list.length = 0;
      throw r.reason;
    }
  }
  list.length = 0;
}
