// Short-circuit && || and !, with side effects that show what ran, in which order.

let log = '';
function t(name: string): boolean {
  log += name;
  return true;
}
function f(name: string): boolean {
  log += name;
  return false;
}
function run(label: string, v: boolean): void {
  console.log(label, v, log);
  log = '';
}
run('t&&t', t('a') && t('b'));
run('t&&f', t('a') && f('b'));
run('f&&t', f('a') && t('b'));
run('f||t', f('a') || t('b'));
run('t||f', t('a') || f('b'));
run('f||f', f('a') || f('b'));
run('t&&f||t', (t('a') && f('b')) || t('c'));
run('f&&t||t', (f('a') && t('b')) || t('c'));
run('t||f&&f', t('a') || (f('b') && f('c')));
run('f||t&&f', f('a') || (t('b') && f('c')));
run('!f&&!t', !f('a') && !t('b'));
run('!(f||f)', !(f('a') || f('b')));
run('!!t', !!t('a'));
run('chain', t('1') && t('2') && t('3') && f('4') && t('5'));
run('chain||', f('1') || f('2') || f('3') || t('4') || t('5'));
// in conditions
if (f('x') && t('y')) log += '!';
if (t('x') || f('y')) log += '+';
run('ifs', true);
// counting how many times each side runs in a loop
let left = 0;
let right = 0;
function L(i: number): boolean {
  left++;
  return i % 2 === 0;
}
function R(i: number): boolean {
  right++;
  return i % 3 === 0;
}
let both = 0;
let either = 0;
for (let i = 0; i < 30; i++) {
  if (L(i) && R(i)) both++;
  if (L(i) || R(i)) either++;
}
console.log('both', both, 'either', either, 'left', left, 'right', right);
// De Morgan over all boolean pairs
let table = '';
for (let i = 0; i < 4; i++) {
  const p = (i & 1) === 1;
  const q = (i & 2) === 2;
  table += `${!(p && q) === (!p || !q)}${!(p || q) === (!p && !q)} `;
}
console.log(table);
// assignments inside short-circuit operands
let n = 0;
const r1 = n > 0 && (n = 5) > 0;
console.log(r1, n);
const r2 = n === 0 || (n = 7) > 0;
console.log(r2, n);
