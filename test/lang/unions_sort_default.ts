// A leaderboard export: cells of mixed type sorted with JS's default order (by their strings,
// undefined last), as `sort()` without a comparator does in Node.

type Cell = string | number | boolean | null | undefined;
const cells: Cell[] = ['bob', 10, 9, true, null, undefined, 'Alice', 100, false, -1, undefined, 'null'];
console.log(cells.slice().sort());

const ids: (string | number)[] = [42, '7', 7, 'x10', 100, 'abc', 3.5];
ids.sort();
console.log(ids, ids.join(','));

const names: (string | undefined)[] = ['carol', undefined, 'dave', 'bob', undefined];
console.log(names.sort(), names.length);

const scores: (number | null)[] = [25, null, 3, 100, NaN, -0];
console.log(scores.sort());

const maybe: (number | undefined)[] = [5, undefined, 40, 3];
console.log(maybe.sort(), maybe[3] === undefined);

const tags: (string | null)[] = ['b', null, 'a', 'nullable', 'm'];
console.log(tags.sort());
