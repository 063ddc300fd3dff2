// Operator precedence and associativity, as TypeScript parses and JavaScript evaluates them.

let a = 2;
let b = 3;
let c = 4;
console.log(a + b * c, (a + b) * c, a * b + c, a - b - c, a - (b - c));
console.log(a * b % c, a * (b % c), 100 / a / 5, 100 / (a / 5) > 249);
console.log(a + b << 1, a + (b << 1), 1 << a + b, -a * b, -(a * b), - -a);
console.log(a | b & c, (a | b) & c, a ^ b | c, a ^ (b | c), a & b ^ c);
console.log(a < b === b < c, a < b === b > c, a + b === 5, a === 2 && b === 3 || c === 0);
console.log(a > b || b > a && c > b, (a > b || b > a) && c < b, !a === !b, !(a === b));
console.log(~a + 1, ~(a + 1), -~a, ~-a, ~~a);
console.log(1 + 2 + '3', '1' + 2 + 3, 1 + (2 + '3'), '' + 1 + 2 * 3, 1 - 2 - 3 + '');
const s1: string = a >= b ? 'ge' : a > 1 ? 'gt1' : 'small';
const s2: string = a < b ? (b < c ? 'both' : 'first') : 'none';
console.log(s1, s2);
console.log(a + b > c ? a * b : b * c, (a > b ? a : b) + c);
console.log(a * -b, a - -b, a + +b);
