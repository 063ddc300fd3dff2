// while, do…while, for: bounds, empty bodies, updates, break and continue, zero-trip loops.

let i = 0;
let s = '';
while (i < 5) {
  s += `${i}`;
  i++;
}
console.log('while', s, i);
s = '';
i = 10;
while (i < 5) s += 'never';
console.log('zero-trip while', s === '', i);
i = 10;
do {
  s += `${i}`;
  i++;
} while (i < 5);
console.log('do runs once', s, i);
i = 0;
do i += 3; while (i < 20);
console.log('do', i);
s = '';
for (let k = 10; k > 0; k -= 3) s += `${k} `;
console.log('for down', s);
let count = 0;
for (;;) {
  count++;
  if (count === 7) break;
}
console.log('for(;;)', count);
let sum = 0;
for (let k = 0; k < 20; k++) {
  if (k % 3 === 0) continue;
  if (k > 15) break;
  sum += k;
}
console.log('continue/break', sum);
// continue in while and do…while goes to the condition
let w = 0;
let odd = 0;
while (w < 10) {
  w++;
  if (w % 2 === 0) continue;
  odd += w;
}
console.log('while continue', odd, w);
let d = 0;
let evens = 0;
do {
  d++;
  if (d % 2 === 1) continue;
  evens += d;
} while (d < 10);
console.log('do continue', evens, d);
// the loop variable's value after the loop, and a for with an outer variable
let j = 0;
for (j = 0; j < 100; j += 7);
console.log('after for', j);
// loop over a string
const text = 'hello, loop';
let vowels = 0;
for (let k = 0; k < text.length; k++) {
  const c = text.charCodeAt(k);
  if (c === 97 || c === 101 || c === 105 || c === 111 || c === 117) vowels++;
}
console.log('vowels', vowels);
// Collatz lengths: nested while in a for, with a running maximum
let best = 0;
let bestN = 0;
for (let n = 1; n < 1000; n++) {
  let x = n;
  let steps = 0;
  while (x !== 1) {
    x = x % 2 === 0 ? x / 2 : 3 * x + 1;
    steps++;
  }
  if (steps > best) {
    best = steps;
    bestN = n;
  }
}
console.log('collatz', bestN, best);
// a float loop counter
let f = 0;
let iterations = 0;
while (f < 1) {
  f += 0.1;
  iterations++;
}
console.log('float counter', iterations, f > 1);
// a loop that runs a million times
let acc = 0;
for (let k = 0; k < 1000000; k++) acc = (acc + k * k) % 1000000007;
console.log('million', acc);
