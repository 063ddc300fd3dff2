import type { u8 } from 'tsuk';
// Interfaces and object literals: dispatch by member name whatever the field order.
interface Shape { name: string; area(): number; sides?: number }
interface Named { name: string }
class Square implements Shape {
  extra: u8 = 7;
  constructor(public side: number, public name: string) {}
  area(): number { return this.side * this.side; }
}
class Circle implements Shape {
  constructor(public name: string, public r: number) {}
  area(): number { return 3 * this.r * this.r; }
  get sides(): number { return 0; }
}
function describe(s: Shape): string { return `${s.name}=${s.area()}`; }
const shapes: Shape[] = [new Square(3, 'sq'), new Circle('ci', 2), { name: 'lit', area: () => 42 }];
for (const s of shapes) console.log(describe(s));
type Point = { x: number; y: number };
function len2(p: Point): number { return p.x * p.x + p.y * p.y; }
const p: Point = { y: 4, x: 3 };
console.log(len2(p), len2({ x: 1, y: 1 }));
p.x = 10;
console.log(p.x, len2(p));
const n: Named = shapes[1];
console.log(n.name);
interface Handler { onEvent: (code: number) => string }
const h: Handler = { onEvent: (c: number) => 'got ' + c };
console.log(h.onEvent(5));
