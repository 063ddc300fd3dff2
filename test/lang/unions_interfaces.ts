// Union values through interfaces and object literals (member tables), compound assignment,
// default parameters, async results, closures and captured variables, arrays of unions.
interface Setting { name: string; value: string | number; def?: number | boolean }
const settings: Setting[] = [{ name: 'a', value: 1 }, { name: 'b', value: 'x', def: true }, { name: 'c', value: 2.5, def: 4 }];
for (const s of settings) console.log(s.name, s.value, typeof s.value, s.def, typeof s.def);
console.log(settings);
let u: string | number = 1;
u += 2;
console.log(u);
u = 'a';
u += 2;
console.log(u);
function pick(flag: boolean, a: string | number = 'dflt'): string | number { return flag ? a : -1; }
console.log(pick(true), pick(true, 3), pick(false));
async function later(x: number): Promise<string | number> { return x > 1 ? 'big' : x; }
later(0).then((v) => console.log('then', v, typeof v));
later(5).then((v) => console.log('then', v, typeof v));
const fns: ((x: string | number) => string)[] = [(x) => `<${x}>`, (x) => typeof x];
console.log(fns.map((f) => f(1) + f('s')));
let captured: number | string = 0;
const bump = () => { captured = typeof captured === 'number' ? captured + 1 : captured; };
bump(); bump();
console.log(captured);
const p: string | number = settings.length;
const q: string | number = 3;
console.log(p === q, p !== q, (p as number) * 2, [p, q].indexOf(3));
const vals: (number | string)[] = [3, 'b', 1, 'a'];
console.log(vals.slice(1), vals.reverse(), vals.concat(['z', 9]));
const w: boolean | string = settings.length > 1;
if (w === true) console.log('yes', w);
