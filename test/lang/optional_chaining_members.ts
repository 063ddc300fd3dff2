// Optional chaining to members of every type, against Node: numbers (`maybe?.port ?? -1`),
// booleans, strings, objects, method calls (`o?.m()`, void ones too), element access, chains
// `a?.b?.c`, and a chain continued without `?.` (`a?.b.c`), which skips entirely when `a` is
// null. (An absent number prints NaN, a listed deviation: numbers are printed through `??`.)

interface Endpoint {
  host: string;
  port: number;
}

class Node2 {
  port = 8080;
  flag = true;
  name = 'node';
  next: Node2 | null = null;
  items: number[] = [1, 2, 3];
  calls = 0;
  constructor(readonly id: number) {}
  double(x: number): number {
    this.calls++;
    return x * 2;
  }
  label(): string {
    return `n${this.id}`;
  }
  touch(): void {
    this.calls++;
  }
  isEven(): boolean {
    return this.id % 2 === 0;
  }
}

function portOf(maybe: Node2 | null): number {
  return maybe?.port ?? -1;
}

function endpointPort(e: Endpoint | undefined): number {
  return e?.port ?? 53;
}

function show(o: Node2 | null): void {
  console.log(o?.port ?? -1, o?.flag, o?.name, o?.id ?? -1, o?.double(21) ?? -1, o?.label(), o?.isEven());
  console.log(o?.port === undefined, o?.double(1) === undefined, o?.port !== undefined);
  console.log(o?.next?.port ?? -1, o?.next?.name, o?.next?.flag, o?.items[1] ?? -1, o?.items.length ?? -1);
  console.log(o?.next?.next?.id ?? -1, (o?.port ?? 0) + 1, o?.flag === true, o?.name === 'node');
  o?.touch();
}

let counter = 0;
function make(): Node2 | null {
  counter++;
  return counter % 2 === 1 ? new Node2(counter) : null;
}

const a = new Node2(1);
a.next = new Node2(2);
a.next.next = new Node2(4);
a.next.flag = false;
show(a);
show(a.next);
show(null);
console.log(portOf(null), portOf(a), endpointPort(undefined), endpointPort({ host: 'h', port: 5353 }));
console.log(a.calls, a.next.calls);

// The receiver is evaluated once; a null one skips the arguments too.
console.log(make()?.double(counter) ?? -1, counter, make()?.double(counter++) ?? -1, counter);

// a?.b.c: when a is null, neither b nor c is read.
const none: Node2 | null = null as Node2 | null;
console.log(none?.next?.port ?? -1, none?.items.length ?? -1, a?.items.length ?? -1);
if (a?.flag) console.log('flag set');
if (!none?.flag) console.log('no flag');
