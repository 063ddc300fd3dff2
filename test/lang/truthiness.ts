// Conditions on any value use JS truthiness: 0, -0, NaN, '' are false; everything else true.

function show(label: string, v: number): void {
  let r = 'falsy';
  if (v) r = 'truthy';
  console.log(label, r, !v, !!v);
}
show('0', 0);
show('-0', -0);
show('NaN', 0 / 0);
show('1', 1);
show('-1', -1);
show('0.5', 0.5);
show('Infinity', 1 / 0);
show('-Infinity', -1 / 0);
show('tiny', 1 / 1.5e300);
function showS(s: string): void {
  let r = 'falsy';
  if (s) r = 'truthy';
  console.log(`[${s}]`, r, !s, !!s);
}
showS('');
showS('a');
showS(' ');
showS('0');
showS('false');
showS('' + '');
// truthiness in loops and ternaries
let n = 5;
let steps = 0;
while (n) {
  n--;
  steps++;
}
console.log('while(n)', steps);
let text = 'abc';
let rounds = 0;
while (text) {
  text = text === 'abc' ? 'ab' : text === 'ab' ? 'a' : '';
  rounds++;
}
console.log('while(text)', rounds);
function yes(v: number): number {
  return v ? 1 : 0;
}
function yesS(v: string): number {
  return v ? 1 : 0;
}
console.log(yes(0), yes(7), yesS(''), yesS('x'), yes(0 / 0), yes(-0));
// integer aliases
import type { i32, u8 } from 'tsuk';
let m: i32 = 3;
let count = 0;
for (; m; m--) count++;
console.log('for(;m;)', count);
let b: u8 = 0;
console.log(!b, !!b, b ? 1 : 2);
// bools from comparisons combined with truthiness
let k = 0;
let hits = 0;
for (let i = -3; i <= 3; i++) {
  k = i * i - 4;
  if (k && i) hits++;
}
console.log('hits', hits);
