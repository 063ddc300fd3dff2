// Typed array methods without callbacks: fill with relative ranges, indexOf / lastIndexOf /
// includes (strict equality vs SameValueZero), join and toString, reverse, at, and
// Array.from and for…of over the elements.
const f = new Int16Array(8);
console.log('fill all', f.fill(5).join());
console.log('fill from -3', f.fill(1, -3).join());
console.log('fill -6..-3', f.fill(2, -6, -3).join());
console.log('fill 1..2', f.fill(3, 1, 2).join());
console.log('fill empty', f.fill(9, 5, 2).join(), f.fill(9, 8).join(), f.fill(9, -1, -1).join());
console.log('fill clamp', f.fill(7, -100, 1).join(), f.fill(8, 7, 100).join());
console.log('fill fractions', f.fill(4, 1.5, 3.9).join(), f.fill(6, NaN, -7.5).join());
const returned = f.fill(0);
returned[0] = 42;
console.log('fill returns the array', f[0], returned.length);

const a = new Int8Array([3, 1, 4, 1, 5, 9, 2, 6, 5, 3]);
console.log('indexOf', a.indexOf(1), a.indexOf(5), a.indexOf(7), a.indexOf(1, 2), a.indexOf(3, -1), a.indexOf(3, -100));
console.log('indexOf edges', a.indexOf(3, 10), a.indexOf(3, Infinity), a.indexOf(3, -Infinity), a.indexOf(4, 2.9), a.indexOf(1.5), a.indexOf(-0 + 1));
console.log('lastIndexOf', a.lastIndexOf(5), a.lastIndexOf(1), a.lastIndexOf(7), a.lastIndexOf(5, 7), a.lastIndexOf(3, -2), a.lastIndexOf(3, -100));
console.log('lastIndexOf edges', a.lastIndexOf(3, Infinity), a.lastIndexOf(3, -Infinity), a.lastIndexOf(3, 0), a.lastIndexOf(5, 8.7));
console.log('includes', a.includes(9), a.includes(8), a.includes(3, 1), a.includes(3, -1), a.includes(3, 10));
const d = new Float64Array([0.5, NaN, -0, Infinity]);
console.log('NaN', d.indexOf(NaN), d.lastIndexOf(NaN), d.includes(NaN), a.includes(NaN));
console.log('zeros', d.indexOf(0), d.includes(0), d.indexOf(-0), d.lastIndexOf(0));
console.log('Infinity', d.indexOf(Infinity), d.includes(-Infinity));
const u = new Uint32Array([4294967295, 0, 2147483648]);
console.log('u32 search', u.indexOf(4294967295), u.indexOf(-1), u.includes(2147483648), u.indexOf(-2147483648));
const empty = new Uint8Array(0);
console.log('empty', empty.indexOf(0), empty.lastIndexOf(0), empty.includes(0), empty.join() === '', empty.length);

console.log('join', a.join(), a.join(''), a.join(' | '), a.toString());
console.log('join floats', new Float64Array([1.5, -0, NaN, 1e21, 1e-7, -Infinity, 0.1]).join(';'));
console.log('join one', new Uint8Array([7]).join('--'), new Uint16Array(3).join());

const r = new Uint16Array([1, 2, 3, 4, 5]);
const rr = r.reverse();
rr[0] = 50;
console.log('reverse', r.join(), new Float64Array([1.25, 2.5]).reverse().join(), new Int32Array([1, -2, 3, -4]).reverse().join());
console.log('reverse view', new Uint8Array(new Uint8Array([1, 2, 3, 4, 5, 6]).buffer, 1, 4).reverse().join());

console.log('at', a.at(0), a.at(-1), a.at(3), a.at(-10), a.at(1.9), a.at(-1.5));

// Array.from gives an ordinary number array.
const arr = Array.from(new Int8Array([-1, 2, -3]));
arr.push(4);
console.log('Array.from', arr.join(), arr.length, Array.from(new Float64Array([0.5, 0.25])).join());
console.log('Array.from u32', Array.from(new Uint32Array([4294967295])).join());

// for…of visits the elements as numbers.
let line = '';
for (const x of new Int16Array([-32768, 0, 32767])) line += `[${x}]`;
console.log('for of', line);
let sum = 0;
for (const x of new Float64Array([0.5, 0.25, 0.125])) sum += x;
console.log('sum', sum);

// Construction with no argument, with a fractional length, with zero.
console.log('lengths', new Uint8Array().length, new Float64Array(2.7).length, new Int32Array(0).byteLength);
