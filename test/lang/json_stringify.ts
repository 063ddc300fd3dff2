// JSON.stringify of every kind of value the subset has, compact and indented.

class Point {
  constructor(public x: number, public y: number) {}
  norm(): number {
    return Math.hypot(this.x, this.y);
  }
}

class Tagged extends Point {
  tag: string = 'p';
  note?: string;
}

class Money {
  constructor(public cents: number, public currency: string) {}
  toJSON(): string {
    return (this.cents / 100).toFixed(2) + ' ' + this.currency;
  }
}

interface Config {
  name: string;
  port: number;
  debug: boolean;
  tags: string[];
  limits: { rps: number; burst?: number };
  owner: string | null;
  onReady?: () => void;
}

console.log(JSON.stringify(1), JSON.stringify(-0), JSON.stringify(1e21), JSON.stringify(0.1 + 0.2));
console.log(JSON.stringify(NaN), JSON.stringify(Infinity), JSON.stringify(true), JSON.stringify(null));
console.log(JSON.stringify('plain'), JSON.stringify('quote " backslash \\ slash /'));
console.log(JSON.stringify('controls \n\r\t\b\f \u0001 \u001f \u007f'));
console.log(JSON.stringify('lone \ud800 and \udc00, pair \ud83d\ude00, é'));
console.log(JSON.stringify([1, 2]), JSON.stringify(['two', 'three']), JSON.stringify([false, true]));
console.log(JSON.stringify([] as number[]), JSON.stringify([[1, 2], [3]]));
console.log(JSON.stringify([NaN, -Infinity, 5]));
console.log(JSON.stringify(new Point(3, 4)));
const pts: Point[] = [new Point(1, 2), new Tagged(5, 6)];
console.log(JSON.stringify(pts));
console.log(JSON.stringify({ price: new Money(1999, 'EUR'), items: [new Money(5, 'USD')] }));
const cfg: Config = { name: 'svc', port: 8080, debug: false, tags: ['a', 'b'], limits: { rps: 100 }, owner: null, onReady: () => {} };
console.log(JSON.stringify(cfg));
console.log(JSON.stringify(cfg, null, 2));
console.log(JSON.stringify(cfg, null, '\t'));
console.log(JSON.stringify(cfg, ['port', 'name', 'limits', 'rps']));
console.log(JSON.stringify({ list: [] as string[], empty: {} }, null, 4));
console.log(JSON.stringify([[1], [2, 3]], null, 1));
const m = new Map<string, number>([['a', 1]]);
const s = new Set<number>([1, 2]);
console.log(JSON.stringify({ m, s }));
console.log(JSON.stringify(new Error('boom')), JSON.stringify({ err: new RangeError('r') }));
function find(k: string): number | undefined {
  return k === 'x' ? 1 : undefined;
}
const found: (number | undefined)[] = [find('y'), find('x')];
console.log(JSON.stringify({ a: find('y'), b: find('x') }), JSON.stringify(found));
console.log(JSON.stringify({ big: 123456789012345680000, small: 5e-7, neg: -1.5 }, null, 20));
