// console.log with several arguments of mixed types, as Node prints them.

console.log('string', 42, true, false, null, undefined);
console.log(null);
console.log(undefined);
console.log(true);
console.log(0, 1, -1, 2147483647, -2147483648, 4294967295, 9007199254740991, -9007199254740991);
console.log(0 / 0, 1 / 0, -1 / 0);
console.log('');
console.log('', '');
console.log(' ', ' x ', '');
console.log();
console.log('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l');
console.log(1, 'a', 2, 'b', true, 'c', null, 'd', undefined, 'e');
console.log('trailing space ', 'tab\t', 'newline\ninside');
let n = 5;
let s = 'str';
let b = n > 3;
console.log(n, s, b, n + 1, s + n, !b);
function none(): void {}
none();
console.log('after void call');
console.log('100%', 'a%b', '%', 5);
