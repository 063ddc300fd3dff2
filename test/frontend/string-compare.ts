// String comparison forms for test/frontend/string-compare.test.ts: every function here compares
// strings (by their static type: string, string | null, string | undefined, a literal union, a
// string enum) and must compare contents, never references.

export class Holder {
  name: string | null = null;
  label?: string;
  next: Holder | null = null;
}

export enum Verb { Get = 'get', Put = 'put' }
export type Unit = 'c' | 'g' | 'ms';

export function literalVsVariable(a: string): boolean { return 'x' === a; }
export function bothVariables(a: string, b: string): boolean { return a !== b; }
export function nullableParam(a: string | null, b: string): boolean { return a === b; }
export function undefinedParams(a: string | undefined, b: string | undefined): boolean { return a !== b; }
export function field(h: Holder): boolean { return h.name === 'x'; }
export function optionalField(h: Holder): boolean { return h.label !== 'x'; }
export function chained(h: Holder): boolean { return h.next?.name === 'x'; }
export function element(xs: (string | null)[]): boolean { return xs[0] === xs[1]; }
export function mapGet(m: Map<string, string>, k: string): boolean { return m.get(k) === 'a'; }
export function literalUnion(u: Unit, v: Unit): boolean { return u === v; }
export function stringEnum(v: Verb, w: Verb): boolean { return v === w; }
export function switchCase(s: string | null): number {
  switch (s) {
    case 'a': return 1;
    default: return 0;
  }
}
