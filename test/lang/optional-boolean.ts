// boolean | undefined: optional boolean properties and parameters, Map<K, boolean>.get, and
// generic containers of booleans — printed, compared, defaulted and tested for truth as in JS.

interface Options {
  name: string;
  verbose?: boolean;
  strict?: boolean;
}

function describe(o: Options): string {
  const mode = o.strict ?? true;
  return `${o.name}: verbose=${o.verbose} strict=${o.strict} mode=${mode} ${o.verbose ? 'loud' : 'quiet'}`;
}

console.log(describe({ name: 'a' }));
console.log(describe({ name: 'b', verbose: true }));
console.log(describe({ name: 'c', verbose: false, strict: false }));

function flag(value?: boolean): void {
  console.log('flag', value, value === undefined, value === true, value === false, !value, value ?? false);
}
flag();
flag(true);
flag(false);

const seen = new Map<string, boolean>();
seen.set('x', true);
seen.set('y', false);
for (const k of ['x', 'y', 'z']) {
  const v = seen.get(k);
  console.log(k, v, v === undefined, seen.get(k) === true, `${v}`);
  if (v !== undefined) {
    const b: boolean = v;
    console.log('  narrowed', b, !b);
  }
}

class Slot<T> {
  private value: T | undefined = undefined;
  put(v: T): void {
    this.value = v;
  }
  take(): T | undefined {
    const v = this.value;
    this.value = undefined;
    return v;
  }
}
const s = new Slot<boolean>();
console.log('empty', s.take());
s.put(false);
console.log('false', s.take(), 'then', s.take());
s.put(true);
const t = s.take();
console.log('true', t, t === true, t ? 'yes' : 'no');

let maybe: boolean | undefined;
console.log('unset let', maybe);
maybe = 1 > 0;
console.log('set let', maybe, String(maybe));
