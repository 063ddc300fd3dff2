// The forms of issue 16's "iterables" that stay refused give a clear TSK error (the supported
// ones are differential programs, test/lang/iter_*.ts).

import * as path from 'path';
import { compileTo, tempDir } from './support/lang';

const FIXTURES = path.join(__dirname, 'fixtures/iter');

test('Object.keys of an array is TSK3001 naming what is supported', async () => {
  const dir = tempDir();
  const out = await compileTo(path.join(FIXTURES, 'keys-of-array.ts'), path.join(dir, 'a.img'));
  expect(out).toContain("keys-of-array.ts(3,25): error TSK3001: Object.keys of a 'number[]' (only object literals, interface values and class instances) is not supported yet");
}, 120000);
