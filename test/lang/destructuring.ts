// Tuples and destructuring: tuple values of one and of mixed machine types, indexing and
// writing them, `const [a, b]` and `const { x, y: py }` (nested, in for…of heads, parameters and
// arrow parameters, at the top level and in functions), destructuring assignment (the swap
// idiom), and closures capturing destructured names.

type Pair = [number, string];

function divmod(a: number, b: number): [number, number] {
  return [Math.floor(a / b), a % b];
}

function describe(p: Pair): string {
  return `${p[1]}#${p[0]}`;
}

const [q, r] = divmod(17, 5);
console.log(q, r);
const pair: Pair = [7, 'seven'];
console.log(pair[0], pair[1], pair.length, describe(pair));
pair[0] = 8;
pair[1] = 'eight';
console.log(describe(pair));

const [n, name] = pair;
console.log(n + 1, name.toUpperCase());

// Mixed tuples with references and numbers, in arrays.
const table: [string, number, boolean][] = [
  ['a', 1.5, true],
  ['b', -2, false],
];
table.push(['c', 3, true]);
for (const [label, value, on] of table) console.log(label, value * 2, on);
let sum = 0;
for (const row of table) sum += row[1];
console.log(sum, table.map((t) => t[0]).join(''));

// Objects.
interface Point {
  x: number;
  y: number;
}
class Vec {
  constructor(readonly x: number, readonly y: number) {}
  get len(): number {
    return Math.hypot(this.x, this.y);
  }
}
const origin: Point = { x: 0, y: -1 };
const { x, y: oy } = origin;
console.log(x, oy);
const { len, x: vx } = new Vec(3, 4);
console.log(len, vx);

function norm1({ x, y }: Point): number {
  return Math.abs(x) + Math.abs(y);
}
console.log(norm1({ x: -3, y: 2.5 }), norm1(new Vec(1, -1)));

const points: Point[] = [{ x: 1, y: 2 }, { x: 3, y: 4 }];
for (const { x, y } of points) console.log(x * y);
console.log(points.map(({ x, y }) => x - y).join(' '));

// Nested patterns.
const nested: [Point, [string, number]] = [{ x: 5, y: 6 }, ['deep', 9]];
const [{ x: nx, y: ny }, [word, num]] = nested;
console.log(nx, ny, word, num);
const { a: [first, second], b } = { a: [10, 20] as [number, number], b: 'bee' };
console.log(first, second, b);

// Skipped elements, and arrays (not only tuples) destructured by position.
const nums = [4, 5, 6, 7];
const [, two, , four] = nums;
console.log(two, four);

// Destructuring assignment.
let left = 1;
let right = 2;
[left, right] = [right, left];
console.log(left, right);
const arr = [10, 20, 30];
[arr[0], arr[2]] = [arr[2], arr[0]];
console.log(arr.join(','));
let px = 0;
let py = 0;
({ x: px, y: py } = new Vec(7, 8));
console.log(px, py);

// Inside functions, with closures capturing destructured names.
function makeGetters(entries: [string, number][]): (() => string)[] {
  const out: (() => string)[] = [];
  for (const [k, v] of entries) out.push(() => `${k}=${v}`);
  return out;
}
console.log(makeGetters([['one', 1], ['two', 2]]).map((g) => g()).join(' '));

function swapPair<A, B>([a, b]: [A, B]): [B, A] {
  return [b, a];
}
const swapped = swapPair<number, string>([1, 'x']);
console.log(swapped[0], swapped[1], swapPair(swapped)[0]);

function stats(xs: number[]): { min: number; max: number; mean: number } {
  let min = Infinity;
  let max = -Infinity;
  let total = 0;
  for (const v of xs) {
    min = Math.min(min, v);
    max = Math.max(max, v);
    total += v;
  }
  return { min, max, mean: total / xs.length };
}
const { min, max, mean } = stats([3, 1, 4, 1, 5, 9, 2, 6]);
console.log(min, max, mean);

// Map entries destructured in callbacks and loops.
const ages = new Map<string, number>();
ages.set('ann', 31);
ages.set('bob', 27);
ages.forEach((age, who) => console.log(who, age));
for (const [who, age] of ages) console.log(`${who} is ${age}`);

// Defaults (applied to undefined parts) and rest elements.
interface Options {
  name?: string;
  size?: number;
  tags: string[];
}
function configure({ name = 'anon', size = 10, tags: [firstTag = 'none', ...otherTags] }: Options): string {
  return `${name}/${size}/${firstTag}/${otherTags.length}`;
}
console.log(configure({ tags: [] }), configure({ name: 'n', size: 2, tags: ['a', 'b', 'c'] }));
const [head, ...tail] = [1, 2, 3, 4];
console.log(head, tail.join('+'), tail.length);
const [only, ...none] = ['x'];
console.log(only, none.length);
const maybe: [number, string?] = [1];
const [num1, label1 = 'default'] = maybe;
console.log(num1, label1);

// Object rest: the properties no other element names.
const request = { method: 'GET', path: '/zone', ttl: 300, secure: true };
const { method, ...restOfRequest } = request;
console.log(method, restOfRequest.path, restOfRequest.ttl, restOfRequest.secure);
function withoutPort({ port, ...others }: { host: string; port: number; debug: boolean }): string {
  return `${others.host} ${others.debug} (was ${port})`;
}
console.log(withoutPort({ host: 'h', port: 1, debug: false }));
