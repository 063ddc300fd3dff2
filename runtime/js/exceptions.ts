// throw, try/catch/finally: a chain of handler records, unwound with setjmp/longjmp.
//
// `try` pushes a record and calls the backend's __tsuk_setjmp on it; `throw` pops the innermost
// record, stores the thrown value in it and __tsuk_longjmp's back into that `try`, whose
// catch/finally code then runs (compiler/frontend/lower-exceptions.ts). A record:
//
//   offset 0   u32  the enclosing record (the chain)
//   4 … 24          machine state saved by __tsuk_setjmp (compiler/x86/stubs.ts)
//   offset 28  u32  the thrown value
//
// With no record left the exception is uncaught: like Node, print it and exit with status 1.

import type { u32 } from 'tsuk';
import { load32, store32, refAt, longjmp, frameAddress } from 'tsuk:hw';
import { allocate } from '../memory/heap';
import { print } from '../kernel/print';
import { writeCallers } from '../kernel/backtrace';
import { exit } from '../kernel/exit';
import { Error } from './error';
import { STRING_TAG } from '../abi/layout';

const RECORD_BYTES: u32 = 32;
const RECORD_VALUE: u32 = 28;

let innermost: u32 = 0;

export function pushHandler(): u32 {
  const record: u32 = allocate(RECORD_BYTES);
  store32(record, innermost);
  innermost = record;
  return record;
}

/** Leaving a `try` normally (or by return/break): its record is no longer a target. */
export function popHandler(record: u32): void {
  innermost = load32(record);
}

/** The value a `catch` receives. */
export function caughtValue(record: u32): u32 {
  return load32(record + RECORD_VALUE);
}

export function throwValue(value: u32): void {
  if (innermost === 0) {
    uncaught(value);
  }
  const record: u32 = innermost;
  innermost = load32(record);
  store32(record + RECORD_VALUE, value);
  longjmp(record);
}

function uncaught(value: u32): void {
  print('Uncaught ');
  if (value !== 0 && load32(value) === STRING_TAG) {
    print(refAt<string>(value));
  } else if (value !== 0 && refAt<Error>(value) instanceof Error) {
    const e = refAt<Error>(value);
    print(e.message === '' ? e.name : e.name + ': ' + e.message);
  } else {
    print('exception');
  }
  print('\n');
  writeCallers(frameAddress());
  exit(1);
}
