// Compound assignment operators and ++/-- in prefix and postfix form, on locals and globals.
import type { i32, u32, u8 } from 'tsuk';

let g = 10;
function bumpGlobal(): number {
  return g++;
}
let x = 10;
x += 5;
console.log('+=', x);
x -= 20;
console.log('-=', x);
x *= -3;
console.log('*=', x);
x /= 5;
console.log('/=', x);
x %= 2;
console.log('%=', x);
x = 0x0f0f;
x &= 0x00ff;
console.log('&=', x);
x |= 0x1000;
console.log('|=', x);
x ^= 0xffff;
console.log('^=', x);
x <<= 4;
console.log('<<=', x);
x >>= 2;
console.log('>>=', x);
x = -x;
x >>>= 1;
console.log('>>>=', x);
let s = 'a';
s += 'b';
s += 1;
s += true;
console.log('string +=', s);
// prefix and postfix values
let i = 5;
console.log(i++, i, ++i, i, i--, i, --i, i);
let j = 0;
const k = j++ + j++ + ++j;
console.log(k, j);
console.log(bumpGlobal(), bumpGlobal(), g, ++g, g--, g);
// on doubles
let f = 0.5;
f++;
f += 0.25;
console.log(f * 4, ++f * 4, f-- * 4, f * 4);
let big = 9007199254740990;
big++;
console.log(big);
// on integer aliases, wrapped explicitly
let a: i32 = 2147483646;
a = (a + 1) | 0;
a = (a + 1) | 0;
console.log('i32', a);
let u: u32 = 1;
u = (u - 2) >>> 0;
console.log('u32', u);
let b: u8 = 254;
b = (b + 1) & 0xff;
b = (b + 1) & 0xff;
console.log('u8', b);
let c: i32 = 7;
c <<= 3;
c >>= 1;
c |= 1;
c ^= 3;
c &= ~4;
console.log('i32 ops', c);
let d: u32 = 0x80000000;
d >>>= 4;
d += 1;
console.log('u32 ops', d);
let n: i32 = 0;
for (let k2: i32 = 0; k2 < 10; k2++) n += k2;
console.log('loop', n);
// the assignment expression's value
let p = 0;
let q = 0;
p = q = 7;
console.log(p, q, (p += 3), p, (q *= 2), q);
