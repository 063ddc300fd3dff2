// Rest parameters and spread: `...xs` collecting arguments into an array (functions, methods,
// constructors, arrow functions called as values, generic functions), spread arguments into a
// rest parameter, and spread in array literals.

function sum(...xs: number[]): number {
  let s = 0;
  for (const x of xs) s += x;
  return s;
}

function joinWith(sep: string, ...parts: string[]): string {
  return parts.join(sep);
}

function count<T>(...items: T[]): number {
  return items.length;
}

class Logger {
  private lines: string[] = [];
  constructor(readonly prefix: string, ...initial: string[]) {
    for (const l of initial) this.log(l);
  }
  log(...words: string[]): void {
    this.lines.push(`${this.prefix}${words.join(' ')}`);
  }
  dump(): string {
    return this.lines.join('\n');
  }
}

console.log(sum(), sum(1), sum(1, 2, 3.5));
console.log(joinWith('-'), joinWith('-', 'a'), joinWith(', ', 'x', 'y', 'z'));
console.log(count(), count(1, 2), count('a', 'b', 'c'));

const nums = [10, 20, 30];
console.log(sum(...nums), sum(1, ...nums, 2), sum(...nums, ...nums));
const words = ['p', 'q'];
console.log(joinWith('+', ...words, 'r'));

const log = new Logger('> ', 'start', 'ready');
log.log('hello', 'world');
log.log();
log.log(...words);
console.log(log.dump());

// Function values with a rest parameter.
const maxOf = (...xs: number[]): number => xs.reduce((a, b) => (a > b ? a : b), -Infinity);
console.log(maxOf(3, 9, 2), maxOf(), maxOf(...nums, 5));
const ops: ((...xs: number[]) => number)[] = [sum, maxOf];
for (const op of ops) console.log(op(4, 8, 1));

// Spread in array literals.
const a = [1, 2];
const b = [3];
const all = [0, ...a, ...b, 4, ...[]];
console.log(all.join(','), all.length);
const copy = [...a];
copy.push(99);
console.log(a.join(','), copy.join(','));
const names = ['x', ...words, 'y'];
console.log(names.join(''));
const pair: [number, number] = [5, 6];
console.log([...pair, 7].join(' '));

// A tuple spread into ordinary parameters: one argument per element.
function describePoint(x: number, y: number, label: string, unit = 'px'): string {
  return `${label}(${x}, ${y})${unit}`;
}
const xy: [number, number] = [3, -4];
const full: [number, number, string] = [1, 2, 'p'];
console.log(describePoint(...xy, 'a'), describePoint(...full), describePoint(...full, 'em'));
