// Buffer as services use it: construction, printing, encodings, compare, copy, slice.
import { Buffer as NodeBuffer } from 'node:buffer';

const hello = Buffer.from('hello');
console.log(hello);
console.log(hello.length, hello[0], hello.toString());
console.log(Buffer.from([1, 2, 255, 256, -1]));
console.log(Buffer.alloc(3), Buffer.alloc(4, 7), Buffer.alloc(0));
console.log(Buffer.alloc(60));
console.log([Buffer.from('ab'), Buffer.from('')]);
console.log({ body: Buffer.from('x') });

// Encodings both ways.
const bytes = Buffer.from([0, 1, 127, 128, 200, 255]);
console.log(bytes.toString('hex'), bytes.toString('base64'), bytes.toString('base64url'));
console.log(Buffer.from('00017f80c8ff', 'hex'));
console.log(Buffer.from('AAF/gMj/', 'base64'), Buffer.from('AAF_gMj_', 'base64url'));
console.log(Buffer.from('ab$c d==xx', 'base64'), Buffer.from('abz1', 'hex'), Buffer.from('abc', 'hex'));
for (let n = 0; n < 5; n++) console.log(n, Buffer.alloc(n, 65).toString('base64'), Buffer.alloc(n, 65).toString('base64url'));
console.log(Buffer.from('héllo €', 'latin1'), Buffer.from('héllo', 'ascii').toString('ascii'));
console.log(Buffer.from([104, 233, 0xe9]).toString('latin1'), Buffer.from([0xc8, 0x41]).toString('ascii'));
console.log(Buffer.from('hi€', 'utf16le'), Buffer.from('hi€', 'ucs2').toString('utf16le'));
console.log(Buffer.from('€𝄞 ok').toString('utf8', 0, 3), Buffer.from('abcdef').toString('utf8', 2, 4));
console.log(Buffer.from('abcdef').toString('hex', -3, 100), Buffer.from('abc').toString('utf-8'));

// Bad UTF-8 decodes to U+FFFD as Node's does; a BOM is kept.
console.log(JSON.stringify(Buffer.from([0x61, 0xff, 0x62, 0xe2, 0x82, 0x63, 0xf0, 0x9f, 0x98]).toString()));
console.log(JSON.stringify(Buffer.from([0xef, 0xbb, 0xbf, 0x41, 0xed, 0xa0, 0x80]).toString()));

// byteLength, concat, equals, compare.
console.log(Buffer.byteLength('héllo €'), Buffer.byteLength('abcd', 'hex'), Buffer.byteLength('AAF/gMj/', 'base64'), Buffer.byteLength(hello));
const joined = Buffer.concat([Buffer.from('ab'), new Uint8Array([99]), Buffer.from('de')]);
console.log(joined, joined.toString(), Buffer.concat([hello, hello], 7), Buffer.concat([hello], 8), Buffer.concat([]));
console.log(hello.equals(Buffer.from('hello')), hello.equals(Buffer.from('hellp')), hello.equals(new Uint8Array([104, 101, 108, 108, 111])));
console.log(Buffer.compare(Buffer.from('a'), Buffer.from('b')), hello.compare(Buffer.from('hell')), hello.compare(hello));
console.log(Buffer.isBuffer(hello), Buffer.isBuffer(new Uint8Array(2)), Buffer.isBuffer('hello'));

// slice and subarray share memory; copy and write.
const base = Buffer.from('abcdef');
const mid = base.slice(1, 4);
mid[0] = 66;
console.log(base.toString(), mid, base.subarray(-2), base.subarray(4, 2));
const target = Buffer.alloc(8, 46);
console.log(base.copy(target, 2), target.toString(), base.copy(target, 6, 1, 3), target.toString());
console.log(Buffer.from('zz').copy(target, 10), target.write('XYZ', 1), target.write('€€', 5), target.toString('latin1'));

// A Buffer is a Uint8Array: indexing, methods, passing it along.
function sum(bytes: Uint8Array): number {
  let s = 0;
  for (const b of bytes) s += b;
  return s;
}
console.log(sum(hello), hello.indexOf(108), hello.includes(111), hello.byteLength);
const asView: Uint8Array = hello;
console.log(asView, asView.toString(), asView.slice(1, 3), new Uint8Array(hello));
const copied = asView.slice(0, 1);
copied[0] = 72;
console.log(hello.toString());

// indexOf and includes of strings and octets, as line protocols use them.
const lines = Buffer.from('GET / HTTP/1.1\r\nHost: x\r\n\r\nbody €');
console.log(lines.indexOf('\r\n'), lines.indexOf('\r\n\r\n'), lines.indexOf('\r\n', 15), lines.indexOf('nope'), lines.indexOf(''), lines.indexOf('', 99));
console.log(lines.indexOf('€'), lines.indexOf(Buffer.from('Host')), lines.indexOf(new Uint8Array([98, 111])), lines.indexOf('y', -3), lines.indexOf(13), lines.indexOf(13, 15));
console.log(lines.includes('HTTP'), lines.includes('http'), lines.includes('body', 30), lines.includes(10));

// The import from node:buffer is the same class.
const nb: NodeBuffer = NodeBuffer.from('node:buffer');
console.log(nb, nb.toString(), Buffer.isBuffer(nb));
