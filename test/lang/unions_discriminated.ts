// A message router over a discriminated union of object types: switch on the tag, `in`,
// and instanceof over a union of classes and numbers.

type Msg =
  | { kind: 'ping'; seq: number }
  | { kind: 'data'; bytes: number[] }
  | { kind: 'text'; body: string; lang?: string };

function route(m: Msg): string {
  switch (m.kind) {
    case 'ping':
      return `pong ${m.seq}`;
    case 'data':
      return `data of ${m.bytes.length} bytes, sum ${m.bytes.reduce((a, b) => a + b, 0)}`;
    case 'text':
      return `text '${m.body}' in ${m.lang ?? 'en'}`;
  }
}

const inbox: Msg[] = [
  { kind: 'ping', seq: 1 },
  { kind: 'data', bytes: [1, 2, 3] },
  { kind: 'text', body: 'hi' },
  { kind: 'text', body: 'hallo', lang: 'de' },
  { kind: 'ping', seq: 2 },
];
const counts = new Map<string, number>();
for (const m of inbox) {
  console.log(route(m));
  counts.set(m.kind, (counts.get(m.kind) ?? 0) + 1);
  if (m.kind === 'data') console.log('first byte', m.bytes[0]);
}
console.log(counts);

class Circle {
  constructor(public r: number) {}
  area(): number { return Math.PI * this.r * this.r; }
}
class Square {
  constructor(public side: number) {}
  area(): number { return this.side * this.side; }
}
type Shape = Circle | Square | number;

function area(s: Shape): number {
  if (typeof s === 'number') return s;
  if (s instanceof Circle) return Math.round(s.area() * 100) / 100;
  return s.area();
}
const shapes: Shape[] = [new Circle(1), new Square(2), 5, new Square(3)];
console.log(shapes.map(area));
let circles = 0;
for (const s of shapes) if (s instanceof Circle) circles++;
console.log(circles, shapes.filter((s) => typeof s !== 'number').length);

function label(x: Square | string | number): string {
  if (typeof x === 'string') return 'string ' + x;
  if (typeof x === 'number') return 'number ' + x.toFixed(1);
  return 'square ' + x.side;
}
console.log(label('s'), label(2), label(new Square(4)));
const one: Square | number = shapes.length > 2 ? 4 : new Square(1);
console.log(one, typeof one, one === 4);

interface Fish { swim(): string; fins: number }
interface Bird { fly(): string; wings: number; sings?: boolean }
const animals: (Fish | Bird)[] = [
  { swim: () => 'splash', fins: 2 },
  { fly: () => 'flap', wings: 2 },
  { fly: () => 'tweet', wings: 2, sings: true },
];
for (const a of animals) {
  if ('swim' in a) console.log('fish', a.swim(), a.fins);
  else console.log('bird', a.fly(), a.wings, 'sings' in a, a.sings ?? false);
}
class Ping { seq = 1; }
class Data { bytes: number[] = [9, 8]; }
const events: (Ping | Data)[] = [new Ping(), new Data()];
console.log(events.map((ev) => 'bytes' in ev ? `data ${ev.bytes.length}` : `ping ${ev.seq}`));
class Big extends Square {
  label = 'big';
}
const printed: Shape[] = [new Circle(2), new Big(9), 1.5, new Square(1)];
console.log(printed, `${printed.length}`);
for (const s of printed) console.log(s);
