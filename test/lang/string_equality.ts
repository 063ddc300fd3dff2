// === / !== / switch on strings compare contents, whatever the static type says: string,
// string | null, string | undefined (fields, array elements, parameters, Map.get, ?.), and
// strings that are equal but built apart (concatenation, slice), against null and each other.

class Holder {
  name: string | null = null;
  label: string | undefined = undefined;
  next: Holder | null = null;
}

function built(s: string): string {
  return s.slice(0, 1) + s.slice(1);
}

function eqParam(a: string | null, b: string): boolean {
  return a === b;
}

function neParam(a: string | undefined, b: string | undefined): boolean {
  return a !== b;
}

function kind(s: string | null): string {
  switch (s) {
    case 'get': return 'read';
    case 'put': return 'write';
    case null: return 'none';
    default: return 'other';
  }
}

function truthy(s: string | null): string {
  return s ? 'truthy' : 'falsy';
}

const ab = 'a' + String(1 + 1);
const h = new Holder();
console.log('field null vs literal', h.name === 'a2', h.name !== 'a2');
h.name = ab;
console.log('field vs literal', h.name === 'a2', h.name !== 'a2');
console.log('field vs variable', h.name === built('a2'), 'a2' === h.name);
h.label = built('xy');
console.log('undefined field', h.label === 'xy', h.label !== 'xy', h.label === undefined);
h.next = new Holder();
console.log('optional chain', h.next?.name === null, h.next?.name === 'a2');
h.next.name = built('a2');
console.log('optional chain set', h.next?.name === h.name, h.next?.name !== h.name);

const arr: (string | null)[] = [null, built('k1'), 'k2'];
console.log('elements', arr[0] === arr[1], arr[1] === 'k1', arr[2] === built('k2'), arr[0] === null);
console.log('indexOf', arr.indexOf(built('k2')), arr.includes(built('k1')), arr.indexOf(null));

console.log('params', eqParam(null, 'x'), eqParam(built('x'), 'x'), eqParam('y', 'x'));
console.log('both nullable', neParam(undefined, undefined), neParam(undefined, 'a'), neParam(built('ab'), 'ab'), neParam('ab', 'ba'));

const m = new Map<string, string>();
m.set('k', built('value'));
const key = 'k';
console.log('map.get', m.get('k') === 'value', m.get(key) === built('value'), m.get('other') === 'value', m.get('other') === undefined);

const verbs: (string | null)[] = [built('get'), 'put', null, built('delete')];
for (const v of verbs) console.log('switch', v, kind(v));

console.log('truthiness', truthy(null), truthy(''), truthy(built('z')));

type Unit = 'c' | 'g' | 'ms';
const units = new Map<Unit, number>();
units.set('ms', 1);
const u = built('ms') as Unit;
console.log('literal-union keys', units.get(u), units.has(u));

// Generic code compares as its type arguments say: T = string by content, T = an object by identity.
function same<T>(a: T, b: T): boolean {
  return a === b;
}
class Cell<T> {
  constructor(public value: T) {}
  is(v: T): boolean {
    return this.value === v;
  }
}
const one = new Holder();
console.log('generic', same(built('g'), 'g'), same<string | null>(null, built('g')), same(one, one), same(one, new Holder()));
console.log('generic class', new Cell<string | null>(built('c')).is('c'), new Cell<string>('c').is(built('d')), new Cell<Holder>(one).is(one));
