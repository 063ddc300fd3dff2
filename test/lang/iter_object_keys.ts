// Object.keys / Object.values / Object.entries of object literals, interface values and class
// instances: own keys in Node's order (integer-like keys first, ascending; then creation order),
// a class instance's fields by its dynamic class, absent optional members left out.

interface Config {
  host: string;
  port: number;
  label?: string;
}
const cfg: Config = { host: 'localhost', port: 53 };
console.log(Object.keys(cfg).join(','));
console.log(Object.keys({ host: 'h', port: 1, label: 'x' } as Config).length);
const withLabel: Config = { host: 'a', port: 2, label: 'L' };
console.log(Object.keys(withLabel).join(','));

const scores = { alice: 3, bob: 5, carol: 8 };
console.log(Object.keys(scores));
console.log(Object.values(scores));
console.log(Object.entries(scores).map((e) => `${e[0]}:${e[1]}`).join(" "));
let total = 0;
for (const v of Object.values(scores)) total += v;
console.log('total', total);
for (const [name, score] of Object.entries(scores)) console.log(name, score * 2);

// Integer-like keys come first, ascending.
const mixed = { b: 'x', 10: 'ten', a: 'y', 2: 'two', '01': 'zero-one' };
console.log(Object.keys(mixed).join(' '));
console.log(Object.values(mixed).join(' '));

class Point {
  z = 0;
  constructor(public x: number, public y: number) {}
  norm(): number {
    return Math.hypot(this.x, this.y);
  }
}
class Point3 extends Point {
  w = 9;
  constructor(x: number, y: number, public tag: number) {
    super(x, y);
  }
}
const p = new Point(3, 4);
console.log(Object.keys(p).join(','));
console.log(Object.values(p).join(','));
console.log(Object.entries(p).map(([k, v]) => `${k}=${v}`).join(' '));
const q: Point = new Point3(1, 2, 7);
console.log(Object.keys(q).join(','));
console.log(Object.values(q).join(','));

// Strings as values; an empty object.
const names = { first: 'Ada', last: 'Lovelace' };
console.log(Object.values(names).map((s) => s.toUpperCase()).join(' '));
console.log(Object.entries(names).length, Object.keys({}).length);
const sorted = Object.keys({ zeta: 1, alpha: 2, mid: 3 }).sort();
console.log(sorted.join(','));

// An object literal's methods are own keys (a class's are on its prototype).
const greeter = { name: 'n', greet(): string { return 'hi'; } };
console.log(Object.keys(greeter).join(','));
for (const [k, v] of Object.entries({ a: 1, b: 2 })) console.log(k + v);
