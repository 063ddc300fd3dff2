// Helpers shared by the differential language tests (imported across files on purpose).

let failures = 0;
let checks = 0;

/** Prints `ok <name>` or `FAIL <name>`; the harness fails on any FAIL line. */
export function check(name: string, ok: boolean): void {
  checks++;
  if (ok) {
    console.log('ok', name);
  } else {
    failures++;
    console.log('FAIL', name);
  }
}

/** Prints a summary line: how many checks ran and how many failed. */
export function summary(): void {
  console.log('checks:', checks, 'failures:', failures);
}

/** True for negative zero only (printing -0 differs between String() and console.log). */
export function isNegZero(x: number): boolean {
  return x === 0 && 1 / x < 0;
}

/** True for NaN only. */
export function isNaNValue(x: number): boolean {
  return x !== x;
}
