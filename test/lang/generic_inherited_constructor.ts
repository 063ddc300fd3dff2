// A generic subclass that inherits its generic base's constructor (`class B<K, V> extends
// A<K, V> {}`, no constructor of its own): the inherited constructor's parameters are the base's,
// read with the base's type arguments (they were read with the subclass's, which did not bind
// them: TSK3002). Two levels, fixed arguments, parameter properties and field initializers.

class Entry<K, V> {
  hits = 0;
  constructor(readonly key: K, public value: V) {}
  describe(): string {
    return `${this.key}=${this.value} (${this.hits})`;
  }
}

class CountedEntry<K, V> extends Entry<K, V> {
  extra: string[] = [];
  touch(): V {
    this.hits++;
    return this.value;
  }
}

class NumberEntry<K> extends CountedEntry<K, number> {
  add(n: number): void {
    this.value += n;
  }
}

class NamedEntry extends CountedEntry<string, boolean> {}

class Pair<A, B> {
  constructor(public first: A, public second: B) {}
}

class Swappable<A, B> extends Pair<A, B> {
  swapped(): Pair<B, A> {
    return new Pair<B, A>(this.second, this.first);
  }
}

const c = new CountedEntry<string, number>('a', 1);
c.touch();
c.touch();
console.log(c.describe(), c.extra.length, c instanceof Entry);

const n = new NumberEntry<string>('n', 10);
n.add(5);
n.touch();
console.log(n.describe(), n.key, n.value);

const k = new NumberEntry<number>(7, 0.5);
console.log(k.describe(), k.key + 1);

const named = new NamedEntry('flag', true);
console.log(named.touch(), named.describe());

const s = new Swappable<number, string>(1, 'one');
const t = s.swapped();
console.log(s.first, s.second, t.first, t.second);

const strings = new CountedEntry<string, string>('s', 'x' + 'y');
console.log(strings.touch() === 'xy', strings.describe());
