// console.log evaluates every argument before it prints; empty literals take their contextual type.
function boom(): number { throw new Error('x'); }
try { console.log('a', boom()); } catch (e) { console.log('caught'); }
let i = 0;
console.log(i++, i++, i);
const t = new Uint8Array(4); t.set([], 4); console.log(t.length);
