// Block scoping: let/const per block, shadowing, loop variables, and parameters as locals.

let x = 'global';
function readGlobal(): string {
  return x;
}
{
  let x = 'block';
  console.log(x, readGlobal());
  {
    const x = 'inner';
    console.log(x);
  }
  console.log(x);
}
console.log(x);
function params(a: number, b: number): number {
  a = a * 2;
  b += a;
  return a + b;
}
const a = 3;
console.log(params(a, 4), a);
let out = '';
for (let i = 0; i < 3; i++) {
  let i2 = i * 10;
  for (let i = 0; i < 2; i++) {
    i2 += i;
    out += `${i2} `;
  }
}
console.log(out);
if (true) {
  const y = 5;
  let z = y * 2;
  z++;
  console.log(y, z);
} else {
  const y = 6;
  console.log(y);
}
// the same name declared in sibling blocks with different types
{
  const v = 42;
  console.log(v + 1);
}
{
  const v = 'forty-two';
  console.log(v + 1);
}
{
  const v = true;
  console.log(!v);
}
// a loop body's let is fresh each iteration
let sum = 0;
for (let i = 0; i < 4; i++) {
  let acc = 0;
  acc += i;
  sum += acc;
}
console.log('sum', sum);
// a function reading and writing a global it shares with the top level
let shared = 1;
function double(): void {
  shared *= 2;
}
for (let i = 0; i < 10; i++) double();
console.log('shared', shared);
