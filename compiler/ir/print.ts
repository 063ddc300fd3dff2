// The IR as text, for `tsuk compile --emit ir` and for test failure messages.
//
//   function examples/hello.ts:fib(%0: f64) -> f64      ; examples/hello.ts:3
//   b0:
//     %1: f64 = const 2
//     %2: bool = cmp lt %0, %1
//     br %2, b1, b2

import { Func, Instr, Module, Terminator } from './ir';

export function printModule(m: Module): string {
  const out: string[] = [];
  for (const d of m.data) out.push(`data ${d.name} ${d.section} size=${d.size} align=${d.align}`);
  if (m.data.length > 0) out.push('');
  for (const f of m.functions) out.push(printFunction(f), '');
  out.push(`entry ${m.entry}`);
  return out.join('\n') + '\n';
}

export function printFunction(f: Func): string {
  const params = f.params.map((t, i) => `%${i}: ${t}`).join(', ');
  const lines = [`function ${f.name}(${params}) -> ${f.ret}      ; ${f.file}:${f.line}`];
  for (const b of f.blocks) {
    lines.push(`b${b.id}:`);
    for (const i of b.instrs) lines.push('  ' + printInstr(f, i));
    lines.push('  ' + printTerminator(b.term));
  }
  return lines.join('\n');
}

function r(v: number): string {
  return `%${v}`;
}

export function printInstr(f: Func, i: Instr): string {
  const def = (v: number) => `${r(v)}: ${f.vregs[v]} = `;
  switch (i.op) {
    case 'const': return `${def(i.dst)}const ${Object.is(i.value, -0) ? '-0' : i.value}`;
    case 'copy': return `${def(i.dst)}copy ${r(i.src)}`;
    case 'bin': return `${def(i.dst)}${i.kind} ${r(i.a)}, ${r(i.b)}`;
    case 'cmp': return `${def(i.dst)}cmp ${i.cond} ${r(i.a)}, ${r(i.b)}`;
    case 'un': return `${def(i.dst)}${i.kind} ${r(i.a)}`;
    case 'conv': return `${def(i.dst)}conv ${r(i.src)}`;
    case 'load': return `${def(i.dst)}load [${r(i.addr)}+${i.offset}]`;
    case 'store': return `store ${i.type} [${r(i.addr)}+${i.offset}], ${r(i.value)}`;
    case 'addr': return `${def(i.dst)}addr ${i.symbol}`;
    case 'call': return `${i.dst !== undefined ? def(i.dst) : ''}call ${i.callee}(${i.args.map(r).join(', ')})`;
    case 'callind': return `${i.dst !== undefined ? def(i.dst) : ''}callind ${r(i.fn)}(${i.args.map(r).join(', ')})`;
    case 'intrinsic': return `${i.dst !== undefined ? def(i.dst) : ''}${i.name}(${i.args.map(r).join(', ')})`;
  }
}

function printTerminator(t: Terminator): string {
  switch (t.op) {
    case 'ret': return t.value === undefined ? 'ret' : `ret ${r(t.value)}`;
    case 'jmp': return `jmp b${t.target}`;
    case 'br': return `br ${r(t.cond)}, b${t.then}, b${t.else}`;
    case 'unreachable': return 'unreachable';
  }
}
