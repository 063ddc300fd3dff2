// Fields set to 0, null, false and -0 in constructors, where something may have written them
// first: a method called from an initializer, a parent constructor, a conditional path, an
// object that escaped into a list. (compiler/opt/fresh-stores.ts drops only the stores the
// allocator's zeroes make redundant.)
let registry: Node[] = [];

class Node {
  early = 0;
  made = this.setUp();
  late = 0;
  next: Node | null = null;
  flag = false;
  negZero = -0;
  constructor(public id: number) {
    registry.push(this);
    this.touch();
    this.next = null;
  }
  setUp(): number { this.early = 11; this.late = 22; this.flag = true; return 1; }
  touch(): void { this.next = this; }
}

class Leaf extends Node {
  count = 0;
  ratio = 0;
  constructor(id: number, seeded: boolean) {
    super(id);
    if (seeded) this.count = 5;
    this.ratio = 0;
    this.early = 0;
  }
}

class Pair {
  a = 0;
  b: string | null = null;
  constructor(a: number, b: string | null) {
    if (a > 0) this.a = a;
    this.b = b;
    this.a = 0 * a; // -0 when a < 0
  }
}

const n = new Node(1);
console.log(n.early, n.made, n.late, n.next === null, n.flag, 1 / n.negZero, n.id);
const l1 = new Leaf(2, true);
const l2 = new Leaf(3, false);
console.log(l1.early, l1.late, l1.count, l1.ratio, l1.flag, l2.count, l2.next === null);
for (let i = -2; i <= 2; i++) {
  const p = new Pair(i, i % 2 === 0 ? null : 'odd');
  console.log(i, 1 / p.a, p.a, p.b);
}
const made: Pair[] = [];
for (let i = 0; i < 3; i++) {
  const o = { x: 0, y: i, z: null as string | null };
  o.x = 0;
  made.push(new Pair(1, o.z));
}
console.log(made.length, made[2].a, registry.length, registry[2].id);
