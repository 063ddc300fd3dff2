// Template literals: substitution of numbers, strings, booleans and expressions; nesting.

const n = 7;
const s = 'seven';
const t = true;
console.log(`${n}`, `${s}`, `${t}`, `${!t}`, ``, `plain`);
console.log(`${n} is ${s}; ${n} * 6 = ${n * 6}; ${n} > 5 is ${n > 5}`);
console.log(`${n}${n}${n}`, `${s}${s}`, `<${''}>`, `${-n}`, `${n - 7}`, `${-0}`);
console.log(`${1 / 0} ${-1 / 0} ${0 / 0} ${2147483648} ${-2147483649} ${4294967296 * 1000}`);
console.log(`outer ${`inner ${n} ${`innermost ${s}`}`} end`);
console.log(`multi
line ${n}
  indented`);
console.log(`escapes: \` \${not} \\ \t|`, `${'quoted "x"'}`, `\u00e9\u{1F600}`);
const parts = `a${1}b${2}c${3}d`;
console.log(parts, parts.length, parts === 'a1b2c3d');
function describe(v: number): string {
  const parity: string = v % 2 === 0 ? 'even' : 'odd';
  return `${v}:${parity}`;
}
let line = '';
for (let i = -3; i <= 3; i++) line += `${describe(i)} `;
console.log(line);
console.log(`${describe(10)}${describe(11)}` === '10:even11:odd');
let acc = '';
for (let i = 0; i < 5; i++) acc = `${acc}[${i}]`;
console.log(acc);
console.log(`${n + 0.5 > n}`, `${n === 7 && s === 'seven'}`, `${t ? 1 : 2}`, `${(n * 3) | 0}`);
