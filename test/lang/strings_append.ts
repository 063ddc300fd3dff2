// Strings built by appending (runtime/js/string.ts: long concatenations share a growable
// buffer, appended in place while a string ends at the buffer's used end), and String(x) of
// numbers around the integer fast path of runtime/js/number-format.ts.

const xs = [0, -0, 1, -1, 9, 10, 11, 99, 100, 101, 12345, -12345, 2147483647, -2147483647, -2147483648, 2147483648, 4294967295, 4294967296, 0.5, -0.5, 1.5, 1e21, 123456789012, NaN, Infinity, -Infinity, 1e-7, 2 ** 31 - 0.5];
for (const x of xs) console.log(`${x}|` + x + '|' + String(x));

// Appending to a string, and to an older copy of it: each keeps its own value.
let s = '';
for (let i = 0; i < 300; i++) s += `${i * 7 - 500},`;
const t = s;
const u = s + 'X';
const v = s + 'Y';
console.log(s.length, t === s, u.length, u.charCodeAt(u.length - 1), v.charCodeAt(v.length - 1), u.slice(-5), v.slice(-5), s.slice(-5));
const m = new Map<string, number>();
m.set(s, 1);
m.set(u, 2);
m.set(v, 3);
console.log(m.get(t), m.get(s + 'X'), m.get(s + 'Y'), m.size, u < v, u === v, u.indexOf('Y'), v.indexOf('Y'));

// Every prefix kept: they share one buffer (until it grows) and must not see later appends.
let w = 'a'.repeat(70);
const parts: string[] = [];
for (let i = 0; i < 50; i++) {
  w += i;
  parts.push(w);
}
console.log(parts[3].length, parts[49].length, parts[10].endsWith('10'), parts.join('').length, JSON.stringify(parts[2].slice(60)));

// Garbage enough for several collections: the kept prefixes and their buffers stay intact.
let junk = 0;
for (let r = 0; r < 200; r++) {
  let g = '';
  for (let i = 0; i < 100; i++) g += 'garbage ' + i + ';';
  junk += g.length;
}
let sum = 0;
for (const p of parts) for (let i = 0; i < p.length; i++) sum = (sum * 31 + p.charCodeAt(i)) | 0;
console.log(junk, sum, parts[49].slice(68), `${parts[20]}!`.length);

// String(x) of whole numbers at the int32 edges and beyond (formatNumber's integer path), and
// `s += template` appending every piece in one step, in place or not, into shared buffers.
const edges = [0, -0, 1, -1, 9, 10, 2147483647, -2147483647, -2147483648, 2147483648, -2147483649, 4294967301, 1e21, 1.5, NaN, -Infinity, 2 ** 53];
let line = '';
for (const x of edges) line += `${x}|`;
console.log(line);
let tt = 'a';
for (let i = 0; i < 100; i++) tt += `${i}` + (i % 7 === 0 ? tt.length : '') + `[${-i}]`;
const uu = tt;
tt += 'X';
const vv = uu + 'Y' + `${uu.length}z`;
let ww = '';
ww += `${ww}q${ww}`;
ww += `${ww}q${ww}`;
console.log(tt.length, tt.slice(0, 40), tt.slice(-5), vv.slice(-8), uu.slice(-3), ww, `${''}${''}` === '', `x${''}`, `${''}y${''}`);

// Numbers joined without a string of their own (number-format.ts concatNumber): in every place
// of a group, one after another, first, alone with empty strings, beside booleans and objects
// whose toString() has effects (the order of effects is the pieces' order), and kept results
// that must not change when the next number is joined.
const flag: boolean | undefined = undefined;
const yes = true;
let calls = '';
const obj = { toString(): string { calls += 'o'; return 'O'; } };
const k1 = 7, k2 = -45, k3 = 0.25;
const kept: string[] = [];
kept.push('' + k1, k1 + '', `${k2}${''}`, `${''}${k2}`, '' + k3, `${-0}`, '' + -0, `${k1}${k2}${k3}`, `<${k1}${k2}>`);
kept.push(`${k1}-${k2}-${k3}-${NaN}-${-2147483648}-${2147483647}-${2147483648}`, `a${yes}${k1}${flag}${k2}b`);
kept.push(`${obj}${k1}${obj}${k2}`, 'x' + k1 + obj + k2 + 'y', `${1e21}${-1e-7}${2 ** 31}`);
for (const p of kept) console.log(JSON.stringify(p), p.length);
console.log(calls);
let grow = '';
for (let i = -600; i < 600; i += 3) grow += i % 2 === 0 ? `${i}` : `[${i}]${i * 0.5};`;
const before = grow;
grow += `${k2}`;
console.log(grow.length, before.length, grow.slice(-24), before.slice(-20), kept[0], kept[1]);
