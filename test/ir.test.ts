// The IR verifier accepts what the builder produces and rejects each broken rule.

import { FunctionBuilder } from '../compiler/ir/builder';
import { Func, Module } from '../compiler/ir/ir';
import { printFunction } from '../compiler/ir/print';
import { IrError, verifyFunction, verifyModule } from '../compiler/ir/verify';

function fib(): Func {
  const b = new FunctionBuilder('fib', 't.ts', 1, ['i32'], 'i32');
  const two = b.const('i32', 2);
  const small = b.newVreg('bool');
  b.emit({ op: 'cmp', dst: small, cond: 'lt', a: 0, b: two });
  const base = b.newBlock(), rec = b.newBlock();
  b.branch(small, base, rec);
  b.switchTo(base);
  b.terminate({ op: 'ret', value: 0 });
  b.switchTo(rec);
  const one = b.const('i32', 1);
  const n1 = b.newVreg('i32');
  b.emit({ op: 'bin', dst: n1, kind: 'sub', a: 0, b: one });
  const r1 = b.newVreg('i32');
  b.emit({ op: 'call', dst: r1, callee: 'fib', args: [n1] });
  const n2 = b.newVreg('i32');
  b.emit({ op: 'bin', dst: n2, kind: 'sub', a: 0, b: two });
  const r2 = b.newVreg('i32');
  b.emit({ op: 'call', dst: r2, callee: 'fib', args: [n2] });
  const sum = b.newVreg('i32');
  b.emit({ op: 'bin', dst: sum, kind: 'add', a: r1, b: r2 });
  b.terminate({ op: 'ret', value: sum });
  return b.finish();
}

function moduleOf(...functions: Func[]): Module {
  return { functions, data: [], entry: functions[0].name };
}

test('a well-formed function verifies and prints', () => {
  const f = fib();
  expect(() => verifyModule(moduleOf(f))).not.toThrow();
  const text = printFunction(f);
  expect(text).toContain('function fib(%0: i32) -> i32');
  expect(text).toContain('call fib(%');
  expect(text).toContain('br %2, b1, b2');
});

test('code after a terminator goes to a fresh block', () => {
  const b = new FunctionBuilder('f', 't.ts', 1, [], 'void');
  b.terminate({ op: 'ret' });
  b.const('i32', 1);
  const f = b.finish();
  expect(f.blocks).toHaveLength(2);
  expect(f.blocks[1].term).toEqual({ op: 'ret' });
  expect(() => verifyFunction(f)).not.toThrow();
});

describe('the verifier rejects', () => {
  const broken: [string, (f: Func) => void, RegExp][] = [
    ['operands of different types', (f) => { f.vregs[4] = 'f64'; }, /operand type|compared types|argument/],
    ['a branch to a missing block', (f) => { f.blocks[0].term = { op: 'jmp', target: 9 }; }, /missing block b9/],
    ['a branch on a non-bool', (f) => { f.blocks[0].term = { op: 'br', cond: 0, then: 1, else: 2 }; }, /branch on a i32/],
    ['a return of the wrong type', (f) => { f.ret = 'f64'; }, /returns i32, declared f64/],
    ['an undefined vreg', (f) => { f.blocks[2].instrs[1] = { op: 'bin', dst: 99, kind: 'sub', a: 0, b: 1 }; }, /undefined vreg %99/],
    ['a call with the wrong arity', (f) => { (f.blocks[2].instrs[2] as { args: number[] }).args = []; }, /0 arguments, fib takes 1/],
    ['bitwise ops on f64', (f) => { f.vregs.push('f64'); f.blocks[0].instrs.push({ op: 'bin', dst: f.vregs.length - 1, kind: 'xor', a: f.vregs.length - 1, b: f.vregs.length - 1 }); }, /xor on f64/],
    ['a non-integer constant for an integer', (f) => { (f.blocks[0].instrs[0] as { value: number }).value = 1.5; }, /non-integer constant/],
  ];
  test.each(broken)('%s', (_name, breakIt, message) => {
    const f = fib();
    breakIt(f);
    expect(() => verifyModule(moduleOf(f))).toThrow(IrError);
    expect(() => verifyModule(moduleOf(f))).toThrow(message);
  });

  test('an entry that is not in the module', () => {
    expect(() => verifyModule({ functions: [fib()], data: [], entry: 'main' })).toThrow(/entry main/);
  });

  test('duplicate symbols', () => {
    expect(() => verifyModule(moduleOf(fib(), fib()))).toThrow(/duplicate symbol fib/);
  });
});
