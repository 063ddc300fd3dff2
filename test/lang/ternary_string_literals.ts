// A conditional whose branches are string literals has a union-of-literals type ('a' | 'b');
// tsuk refuses it where a string is printed or converted, though it is a string.
let b = true;
let n = 3;
console.log(b ? 'yes' : 'no');
console.log('' + (b ? 'p' : 'q'));
console.log(`${n % 2 === 0 ? 'even' : 'odd'}`);
let s = 'x';
s += b ? 'l' : 'r';
console.log(s);
let lit: 'on' | 'off' = 'on';
if (n > 5) lit = 'off';
console.log(lit, 'state: ' + lit);
function pick(x: 'a' | 'b'): void {
  console.log(x, 's' + x);
}
pick('a');
