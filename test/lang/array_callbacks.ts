// map, filter, reduce, forEach, some, every, find, findIndex, sort (default order and comparators).
const xs = [5, 3, 8, 1, 9, 2];
console.log(xs.map((x) => x * 2).join(), xs.filter((x) => x % 2 === 1).join(), xs.reduce((a, b) => a + b, 0), xs.reduce((a, b) => (a > b ? a : b)));
console.log(xs.some((x) => x > 8), xs.every((x) => x > 0), xs.find((x) => x > 5), xs.findIndex((x) => x === 1), xs.findIndex((x) => x > 100));
let sum = 0; xs.forEach((x, i) => { sum += x * i; }); console.log(sum);
console.log([10, 9, 1, 100, 25].sort().join(), [10, 9, 1, 100, 25].sort((a, b) => a - b).join(), ['pear', 'apple', 'fig'].sort().join());
class P { constructor(public name: string, public age: number) {} }
const ps = [new P('a', 30), new P('b', 20), new P('c', 30), new P('d', 10)];
console.log(ps.sort((p, q) => p.age - q.age).map((p) => p.name).join(''));
console.log(['x', 'yy', 'zzz'].map((s) => s.length).join('+'), [true, false].sort().join());
