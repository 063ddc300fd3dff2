// String(obj), `${obj}` and 'text' + obj call the object's toString() when its class defines
// one (by the dynamic class), print an Error as `Name: message`, and `[object Object]` otherwise.

class Money {
  constructor(readonly cents: number) {}
  toString(): string {
    return `$${(this.cents / 100).toFixed(2)}`;
  }
}
class Tip extends Money {
  toString(): string {
    return `tip ${super.toString()}`;
  }
}
class Plain {
  x = 1;
}
class Named extends Plain {
  toString(): string {
    return 'named';
  }
}

const price = new Money(1999);
console.log(String(price));
console.log(`total: ${price}`);
console.log('sum ' + price);
const m: Money = new Tip(250);
console.log(String(m), `${m}`);
const items: Money[] = [new Money(5), new Tip(100)];
console.log(items.map((x) => `${x}`).join(', '));

console.log(String(new Plain()));
console.log(`${new Plain()}`);
const p: Plain = new Named();
console.log(String(p), `<${new Plain()}|${p}>`);

const cents: number[] = [];
const maybe: Money | null = cents.length > 0 ? price : null;
console.log(String(maybe), `${maybe}`);
const some: Money | undefined = price;
console.log(`${some}`);

const lit = { a: 1 };
console.log(String(lit), `${lit}`);
interface Shows {
  toString(): string;
}
const shows: Shows = { toString: () => 'shown' };
console.log(String(shows), `[${shows}]`);

const e = new RangeError('too big');
console.log(String(e), `${new Error('plain')}`, String(new Error()));
class AppError extends Error {
  constructor(msg: string) {
    super(msg);
    this.name = 'AppError';
  }
}
console.log(`${new AppError('bad')}`);
