// Object spread: `{ ...a, x: 1 }` copies the source's properties (a class instance's fields),
// later members replacing earlier ones of the same name; members are evaluated in order.

interface Config {
  host: string;
  port: number;
  verbose: boolean;
}
const defaults: Config = { host: 'localhost', port: 53, verbose: false };
const custom: Config = { ...defaults, port: 5353 };
console.log(custom.host, custom.port, custom.verbose, defaults.port);
const louder = { ...custom, verbose: true, retries: 3 };
console.log(louder.host, louder.port, louder.verbose, louder.retries);

// An earlier spread's members are replaced by a later spread's.
const overridden = { ...custom, ...defaults };
console.log(overridden.port);

class Point {
  constructor(readonly x: number, readonly y: number) {}
  norm(): number {
    return Math.hypot(this.x, this.y);
  }
}
const p = new Point(3, 4);
const labelled = { ...p, label: 'p' };
console.log(labelled.x, labelled.y, labelled.label);

// Evaluation order and function-valued properties.
let counter = 0;
function next(): number {
  counter++;
  return counter;
}
const handlers = { onTick: (n: number) => `tick ${n}`, first: next() };
const merged = { second: next(), ...handlers, third: next() };
console.log(merged.first, merged.second, merged.third, merged.onTick(9));

function withDefaults(partial: { name: string; size?: number }): { name: string; size: number } {
  return { size: 10, ...partial, name: partial.name.toUpperCase() };
}
console.log(withDefaults({ name: 'a', size: 2 }).size, withDefaults({ name: 'b', size: 5 }).name);
