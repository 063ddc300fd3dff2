// Array.prototype.flat (depth 1) and flatMap: arrays spread one level, other values pushed.

const nested = [[1, 2], [3], [], [4, 5, 6]];
console.log(nested.flat());
console.log(nested.flat(1).length, nested.length);
const words = [['a', 'b'], ['c']].flat();
console.log(words.join('-'));
const deep = [[[1], [2, 3]], [[4]]];
const once = deep.flat();
console.log(once.length, once[1].length, once.flat().join(','));

const lines = ['a b', 'c', 'd e f'];
console.log(lines.flatMap((l) => l.split(' ')));
console.log([1, 2, 3].flatMap((x) => [x, x * 10]));
console.log([1, 2, 3].flatMap((x, i) => (x % 2 === 0 ? [] : [x + i])));
console.log([1, 2, 3].flatMap((x) => x * 2));
console.log(['x', 'y'].flatMap((s, i, all) => [s + all.length + i]).join(' '));
const pairs = [[1, 2], [3, 4]].flatMap((p): number[][] => [p]);
console.log(pairs.length, pairs[1][0]);
const empty: number[][] = [];
console.log(empty.flat().length, empty.flatMap((x) => x).length);
