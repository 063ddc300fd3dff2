// Forms for test/frontend/exits-and-chains.test.ts: a return through finally, and optional
// chaining to members that are not references.

export class Endpoint {
  port = 53;
  up = true;
  name = 'dns';
  next: Endpoint | null = null;
  ping(): number {
    return 1;
  }
  reset(): void {
    this.port = 0;
  }
}

// try { …; return s; } finally { s += 'c'; }
export function returnThroughFinally(): string {
  let s = 'a';
  try {
    s += 'b';
    return s;
  } finally {
    s += 'c';
  }
}

export function chainNumber(e: Endpoint | null): number {
  return e?.port ?? -1;
}

export function chainBoolean(e: Endpoint | null): boolean {
  return e?.up === true;
}

export function chainCall(e: Endpoint | null): number {
  e?.reset();
  return e?.ping() ?? 0;
}

export function chainContinued(e: Endpoint | null): number {
  return e?.next?.name.length ?? -1;
}
