// Exceptions: throw, try/catch/finally, Error subclasses, unwinding through calls and loops.
class ParseError extends Error {
  constructor(message: string, public offset: number) { super(message); this.name = 'ParseError'; }
}
function parse(s: string): number {
  if (s.length === 0) throw new ParseError('empty', 0);
  if (s === 'bad') throw new RangeError('bad value');
  return s.length;
}
function tryParse(s: string): string {
  try {
    return 'ok ' + parse(s);
  } catch (e) {
    if (e instanceof ParseError) return `parse error at ${e.offset}: ${e.message}`;
    if (e instanceof Error) return e.name + ': ' + e.message;
    return 'unknown';
  } finally {
    console.log('finally for', s);
  }
}
console.log(tryParse('abc'));
console.log(tryParse(''));
console.log(tryParse('bad'));
function nested(): string {
  const log: string[] = [];
  try {
    try { log.push('a'); throw new Error('inner'); }
    finally { log.push('b'); }
  } catch (e) { log.push('c'); }
  for (let i = 0; i < 3; i++) {
    try { if (i === 1) continue; if (i === 2) break; log.push('i' + i); } finally { log.push('f' + i); }
  }
  return log.join(',');
}
console.log(nested());
function deep(n: number): number { if (n === 0) throw new TypeError('bottom'); return deep(n - 1) + 1; }
try { deep(50); } catch (e) { console.log((e as Error).message); }
let count = 0;
for (let k = 0; k < 1000; k++) { try { if (k % 3 === 0) throw new Error('x'); } catch (e) { count++; } }
console.log(count);
console.log('before');
