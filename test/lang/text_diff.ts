// Line diff by longest common subsequence, printed as a unified-style edit script.

type Op = { kind: 'keep' | 'add' | 'del'; line: string };

function lcsTable(a: string[], b: string[]): number[][] {
  const t: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      t[i][j] = a[i] === b[j] ? t[i + 1][j + 1] + 1 : Math.max(t[i + 1][j], t[i][j + 1]);
    }
  }
  return t;
}

function diff(a: string[], b: string[]): Op[] {
  const t = lcsTable(a, b);
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      ops.push({ kind: 'keep', line: a[i] });
      i++;
      j++;
    } else if (t[i + 1][j] >= t[i][j + 1]) {
      ops.push({ kind: 'del', line: a[i++] });
    } else {
      ops.push({ kind: 'add', line: b[j++] });
    }
  }
  while (i < a.length) ops.push({ kind: 'del', line: a[i++] });
  while (j < b.length) ops.push({ kind: 'add', line: b[j++] });
  return ops;
}

const PREFIX = new Map<Op['kind'], string>([['keep', ' '], ['add', '+'], ['del', '-']]);

function render(ops: Op[]): string {
  return ops.map((o) => PREFIX.get(o.kind) + o.line).join('\n');
}

function stats(ops: Op[]): { added: number; removed: number; kept: number } {
  let added = 0, removed = 0, kept = 0;
  for (const { kind } of ops) {
    if (kind === 'add') added++;
    else if (kind === 'del') removed++;
    else kept++;
  }
  return { added, removed, kept };
}

const before = `import fs from 'fs';
function main() {
  const data = read();
  process(data);
  console.log('done');
}
main();`.split('\n');
const after = `import fs from 'fs';
import path from 'path';
function main() {
  const data = read(path.join('a', 'b'));
  process(data);
  console.log('done');
}
main();`.split('\n');

const ops = diff(before, after);
console.log(render(ops));
console.log(stats(ops));
console.log(JSON.stringify(stats(diff(['a', 'b', 'c'], ['c', 'b', 'a']))));

function charDiff(x: string, y: string): string {
  return diff([...x], [...y]).map((o) => (o.kind === 'keep' ? o.line : o.kind === 'add' ? `[+${o.line}]` : `[-${o.line}]`)).join('');
}
console.log(charDiff('kitten', 'sitting'));
console.log(charDiff('héllo wörld', 'hello world!'));
const t = lcsTable([...'ABCBDAB'], [...'BDCABA']);
console.log('lcs length', t[0][0], t.length, t[0].length);
