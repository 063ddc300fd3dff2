// Dead-code elimination (compiler/opt/dce.ts) and CFG simplification (compiler/opt/simplify-cfg.ts).

import { eliminateDeadCode } from '../../compiler/opt/dce';
import { simplifyCfg } from '../../compiler/opt/simplify-cfg';
import { ir, runPasses } from './run-passes';

test('unused pure results go, transitively; effects, traps and values live around a loop stay', () => {
  expect(runPasses(`
function f(%0: i32, %1: ref) -> i32
b0:
  %2: i32 = const 1
  %3: i32 = add %0, %2
  %4: i32 = mul %3, %3
  %5: i32 = div %0, %0
  %6: i32 = load [%1+0]
  %7: i32 = call g(%0)
  store i32 [%1+0], %0
  %0: i32 = copy %0
  jmp b1
b1:
  %8: i32 = add %0, %2
  %0: i32 = copy %8
  %9: bool = cmp lt %0, %2
  br %9, b1, b2
b2:
  ret %0
`, eliminateDeadCode)).toBe(ir(`
function f(%0: i32, %1: ref) -> i32
b0:
  %2: i32 = const 1
  %5: i32 = div %0, %0
  %6: i32 = load [%1+0]
  %7: i32 = call g(%0)
  store i32 [%1+0], %0
  jmp b1
b1:
  %8: i32 = add %0, %2
  %0: i32 = copy %8
  %9: bool = cmp lt %0, %2
  br %9, b1, b2
b2:
  ret %0
`));
});

test('simplify-cfg threads empty blocks, merges straight lines and drops unreachable blocks', () => {
  expect(runPasses(`
function f(%0: bool) -> i32
b0:
  br %0, b1, b2
b1:
  jmp b3
b2:
  jmp b3
b3:
  %1: i32 = const 1
  jmp b4
b4:
  %2: i32 = const 2
  ret %2
b5:
  %3: i32 = const 3
  jmp b4
`, simplifyCfg)).toBe(ir(`
function f(%0: bool) -> i32
b0:
  %1: i32 = const 1
  %2: i32 = const 2
  ret %2
`));
});

test('an empty infinite loop is kept', () => {
  const out = runPasses(`
function f() -> void
b0:
  jmp b1
b1:
  jmp b1
`, simplifyCfg);
  expect(out).toContain('jmp b1');
});
