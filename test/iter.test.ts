// The forms of issue 16's "iterables" that stay refused give a clear TSK error (the supported
// ones are differential programs, test/lang/iter_*.ts).

import * as path from 'path';
import { compileTo, tempDir } from './support/lang';

const FIXTURES = path.join(__dirname, 'fixtures/iter');

test('Object.keys of an array, Array.from({ length }) without a function, a flatMap callback returning an array or a value: TSK3001 saying what to write', async () => {
  const dir = tempDir();
  // Both compiled at once: each is a whole tsuk compile.
  const [out, holes, mixed] = await Promise.all([
    compileTo(path.join(FIXTURES, 'keys-of-array.ts'), path.join(dir, 'a.img')),
    compileTo(path.join(FIXTURES, 'from-length-only.ts'), path.join(dir, 'b.img')),
    compileTo(path.join(FIXTURES, 'flatmap-mixed.ts'), path.join(dir, 'c.img')),
  ]);
  expect(mixed).toContain('flatmap-mixed.ts(2,30): error TSK3001: a flatMap callback that returns an array or a value (return an array always: `[x]`) is not supported yet');
  expect(holes).toContain('from-length-only.ts(2,12): error TSK3001: Array.from({ length }) without a function (tsuk arrays have no holes: use new Array<T>(n)) is not supported yet');
  expect(out).toContain("keys-of-array.ts(3,25): error TSK3001: Object.keys of a 'number[]' (only object literals, interface values and class instances) is not supported yet");
}, 120000);
