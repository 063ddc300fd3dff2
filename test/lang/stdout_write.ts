// process.stdout.write prints a string as it is, without a newline; it returns true.

const parts: string[] = ['a', 'b', 'c'];
for (const p of parts) process.stdout.write(p);
process.stdout.write('\n');
const ok = process.stdout.write(`progress: ${50}%\r`);
process.stdout.write('done\n');
console.log(ok);
let bar = '';
for (let i = 0; i < 5; i++) {
  bar += '#';
  process.stdout.write('[' + bar.padEnd(5) + ']\n');
}
process.stdout.write('é😀 \u00e9\n');
