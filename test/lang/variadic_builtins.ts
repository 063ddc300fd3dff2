// Built-ins that take any number of arguments take them all, spread ones too, as Node does:
// string concat, Array push/unshift/splice/concat, String.fromCharCode, Math.max/min/hypot
// (none, one, many, spread, mixed); arguments are evaluated once, left to right.

const x = 'x', y = 'y', z = 'z';
const parts = ['p', 'q'];
console.log('a'.concat(x, y, z), 'a'.concat(), 'a'.concat(x), 'a'.concat(...parts), 'a'.concat(x, ...parts, z));
console.log('a'.concat(x + y, 'b'.concat('c', 'd')).length);

const arr: number[] = [];
console.log(arr.push(1, 2, 3), arr.push(), arr.join());
arr.unshift(-1, 0);
arr.splice(1, 1, 10, 11, 12);
console.log(arr.join(), arr.concat([7], [8, 9]).join(), arr.concat().length);
const more = [4, 5];
console.log(arr.push(...more), arr.push(6, ...more, 7), arr.join());
console.log(more.push(...more), more.join());

const words: string[] = [];
words.push('a', 'b'.concat('c'), ...parts);
console.log(words.join('/'));

const codes = [104, 105];
console.log(String.fromCharCode(104, 105, 33), String.fromCharCode(), String.fromCharCode(...codes), String.fromCharCode(72, ...codes, 33));

const xs = [3, 9, 1];
const empty: number[] = [];
console.log(Math.max(), Math.min(), Math.max(3), Math.min(4, 2, 8, 1), Math.max(1, NaN, 3));
console.log(Math.max(...xs), Math.min(...xs), Math.max(...empty), Math.min(...empty), Math.max(10, ...xs), Math.min(...xs, -5));
console.log(Math.hypot(3, 4, 12), Math.hypot(), Math.hypot(...[3, 4]), Math.hypot(5));

let calls = 0;
function next(): number {
  calls++;
  return calls * 10;
}
console.log(Math.max(next(), ...xs, next()), calls);

// unshift and splice with spread arguments.
const u = [1, 2];
console.log(u.unshift(...more), u.join(), u.unshift(0, ...u), u.join());
const sp = [1, 2, 3, 4];
console.log(sp.splice(1, 2, ...codes, 0).join(), sp.join(), sp.splice(-1, 0, ...sp).length, sp.join());

// console.log with spread arguments: spaces only between values printed; an empty array prints
// nothing; the array is read where it stands.
const flags = [true, false];
const noNumbers: number[] = [];
const names = ['x', 'y'];
console.log(...xs);
console.log(...noNumbers);
console.log('names', ...names, 'end');
console.log(...flags, ...noNumbers, 1.5, ...xs);
console.log('n', ...noNumbers, 'm');
console.log(...xs, xs.push(4), ...xs);
