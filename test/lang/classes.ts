import type { u8 } from "tsuk";
// Classes: fields, parameter properties, inheritance, abstract methods, statics, getters, casts.
abstract class Shape {
  static count = 0;
  constructor(public name: string) { Shape.count++; }
  abstract area(): number;
  describe(): string { return `${this.name} with area ${this.area()}`; }
}
class Rect extends Shape {
  constructor(private w: number, private h: number) { super('rect'); }
  area(): number { return this.w * this.h; }
}
class Square extends Rect {
  constructor(side: number) { super(side, side); this.name = 'square'; }
  get doubled(): number { return this.area() * 2; }
}
class Counter {
  value = 10;
  inc(): Counter { this.value++; return this; }
}
function apply(f: (x: number) => number, v: number): number { return f(v); }
function twice(x: number): number { return x * 2; }
const r = new Rect(3, 4);
const s = new Square(5);
console.log(r.describe());
console.log(s.describe(), s.doubled);
console.log(s instanceof Rect, r instanceof Square, Shape.count);
console.log(new Counter().inc().inc().value);
console.log(apply(twice, 21), apply((x: number) => x + 1, 41));
const sh: Shape = s;
console.log((sh as Square).doubled);
function mask(x: u8): u8 { return x; }
const g: (x: number) => number = mask;
console.log(g(300 & 0xff), ((x: u8) => x + 1)(7));
