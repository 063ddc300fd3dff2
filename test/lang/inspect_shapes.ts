// console.log of arrays, objects, class instances, Maps, Sets and typed arrays, as Node prints
// them (util.inspect's defaults: depth 2, 80 columns, numeric arrays in columns).

class Point {
  constructor(public x: number, public y: number) {}
  norm(): number {
    return Math.sqrt(this.x * this.x + this.y * this.y);
  }
}

class Named extends Point {
  label: string = 'origin';
  tags: string[] = [];
}

interface Server {
  host: string;
  port: number;
  tls: boolean;
}

console.log([1, 2, 3]);
console.log([]);
console.log(['a', "it's", 'say "hi"', `both ' and "`]);
console.log([true, false]);
console.log([-0, 0, NaN, Infinity, 1e21, 0.1]);
console.log(new Point(1, 2));
const pts: Point[] = [new Point(3, 4), new Named(0, 0)];
console.log(pts);
const base: Point = new Named(5, 6);
console.log(base, base.norm());
const server: Server = { host: 'localhost', port: 8080, tls: false };
console.log(server);
console.log({ name: 'svc', servers: [server, { host: 'b', port: 1, tls: true }] });
console.log({ a: { b: { c: { d: 1 } } } });
console.log({ a: { b: { c: [] as number[], e: [1] } } });
const deep: number[][][][] = [[[[4], [5]], []]];
console.log(deep);
const m = new Map<string, number>();
m.set('a', 1);
m.set('b', 2);
console.log(m);
console.log(new Map<number, string[]>([[1, ['x']], [2, []]]));
console.log(new Set<string>(['x', 'y']));
console.log(new Set<number>());
console.log(new Uint8Array([1, 2, 3]));
console.log(new Float64Array(0));
const nums: number[] = [];
for (let i = 0; i < 30; i++) nums.push(i * i);
console.log(nums);
const long: number[] = [];
for (let i = 0; i < 120; i++) long.push(i);
console.log(long);
const words: string[] = [];
for (let i = 0; i < 26; i++) words.push(String.fromCharCode(97 + i).repeat(i % 5 + 1));
console.log(words);
console.log({ key: 'value', 'needs-quote': 1, _ok: 2, 'line\nbreak': 'tab\there' });
console.log('label', [1, 2], { x: 1 });
const opt: (string | null)[] = ['a', null];
const opt2: (string | undefined)[] = [undefined, 'b'];
console.log(opt, opt2);
console.log({ text: 'a long string that goes on and on and on and on and on and on and on and on' });
console.log(new Error('boom').message);
