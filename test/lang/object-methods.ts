// Methods in object literals: `this` is the object (fields and other methods through it),
// methods reached through an interface and through the literal's own type, methods capturing
// the variables around them (shared with closures, per loop iteration), and arrows inside a
// method capturing its `this`.

interface Counter {
  count: number;
  inc(by: number): Counter;
  report(): string;
}

const c: Counter = {
  count: 0,
  inc(by: number): Counter {
    this.count += by;
    return this;
  },
  report(): string {
    return `count=${this.count}`;
  },
};
c.inc(2).inc(3.5);
console.log(c.report(), c.count);

const point = {
  x: 3,
  y: 4,
  len(): number {
    return Math.hypot(this.x, this.y);
  },
  scaled(k: number): string {
    return `(${this.x * k}, ${this.y * k}) of length ${this.len() * k}`;
  },
};
console.log(point.len(), point.scaled(2));
point.x = 6;
point.y = 8;
console.log(point.len());

// Methods capturing local variables.
function makeAccount(owner: string, opening: number) {
  let balance = opening;
  const history: number[] = [];
  return {
    owner,
    deposit(amount: number): void {
      balance += amount;
      history.push(amount);
    },
    withdraw(amount: number): boolean {
      if (amount > balance) return false;
      balance -= amount;
      history.push(-amount);
      return true;
    },
    summary(): string {
      return `${owner}: ${balance} after ${history.join(' ')}`;
    },
  };
}
const acct = makeAccount('ann', 100);
acct.deposit(50);
console.log(acct.withdraw(500), acct.withdraw(30));
console.log(acct.summary(), acct.owner);
const other = makeAccount('bob', 1);
other.deposit(1);
console.log(other.summary(), acct.summary());

// One object per loop iteration, each with its own binding.
interface Named {
  describe(): string;
}
const items: Named[] = [];
for (let i = 0; i < 3; i++) {
  const label = `item${i}`;
  items.push({
    describe(): string {
      return `${label} at ${i}`;
    },
  });
}
console.log(items.map((it) => it.describe()).join(', '));

// An arrow inside a method captures the method's `this`.
const timerLike = {
  ticks: 0,
  names: ['a', 'b', 'c'],
  run(): string {
    const parts: string[] = [];
    this.names.forEach((n) => {
      this.ticks++;
      parts.push(`${n}${this.ticks}`);
    });
    return parts.join('');
  },
};
console.log(timerLike.run(), timerLike.ticks);

// Methods and function-valued fields side by side; a method passed on as a callback arrow.
const calc = {
  base: 10,
  add: (a: number, b: number): number => a + b,
  addBase(a: number): number {
    return this.add(a, this.base);
  },
};
console.log(calc.addBase(5), [1, 2, 3].map((n) => calc.addBase(n)).join(' '));
