// encodeURIComponent / encodeURI / decodeURIComponent / decodeURI, with URIError as Node throws it.

const samples = ['hello world', 'a+b=c&d', 'ünïcödé', '日本語', '😀 smile', "-_.!~*'()", ';/?:@&=+$,#', 'x%20y', ''];
for (const s of samples) {
  const c = encodeURIComponent(s);
  const u = encodeURI(s);
  console.log(JSON.stringify(s), c, u, decodeURIComponent(c) === s, decodeURI(u) === s);
}
console.log(decodeURI('%3B%2F%3F%3A%40%26%3D%2B%24%2C%23%41%7e'));
console.log(decodeURIComponent('%3B%2F%3F%3A%40%26%3D%2B%24%2C%23%41%7e'));
console.log(decodeURIComponent('caf%C3%A9%20%e2%82%ac%F0%9F%98%80'));

function attempt(label: string, f: () => string): void {
  try {
    console.log(label, f());
  } catch (e) {
    if (e instanceof URIError) console.log(label, `${e.name}: ${e.message}`, e instanceof Error);
    else throw e;
  }
}
attempt('lone high', () => encodeURIComponent('a\ud800'));
attempt('lone low', () => encodeURI('\udc00b'));
attempt('pair ok', () => encodeURIComponent('\ud83d\ude00'));
attempt('%', () => decodeURIComponent('%'));
attempt('%4', () => decodeURIComponent('abc%4'));
attempt('%zz', () => decodeURIComponent('%zz'));
attempt('bare continuation', () => decodeURIComponent('%80'));
attempt('truncated', () => decodeURIComponent('%C3'));
attempt('bad continuation', () => decodeURIComponent('%C3%28'));
attempt('overlong', () => decodeURIComponent('%C0%AF'));
attempt('surrogate', () => decodeURIComponent('%ED%A0%80'));
attempt('too big', () => decodeURIComponent('%F4%90%80%80'));
attempt('five bytes', () => decodeURIComponent('%F8%88%80%80%80'));
attempt('max', () => decodeURIComponent('%F4%8F%BF%BF').codePointAt(0)!.toString(16));

// A query string built and read back, as a router would.
const params = new Map<string, string>([['q', 'tsuk & node'], ['page', '2'], ['tag', 'c++/ts']]);
const parts: string[] = [];
params.forEach((v, k) => parts.push(`${encodeURIComponent(k)}=${encodeURIComponent(v)}`));
const query = parts.join('&');
console.log(query);
for (const pair of query.split('&')) {
  const eq = pair.indexOf('=');
  console.log(decodeURIComponent(pair.slice(0, eq)), '->', decodeURIComponent(pair.slice(eq + 1).replaceAll('+', ' ')));
}
