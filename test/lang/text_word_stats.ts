// Text statistics as a search indexer computes them: normalising words (case, punctuation,
// accents kept), counting with a Map, sorting by count then by locale order, n-grams, and a
// simple inverted index with positions.

const text = `It was the best of times, it was the worst of times, it was the age of wisdom,
it was the age of foolishness, it was the epoch of belief, it was the epoch of incredulity,
it was the season of Light, it was the season of Darkness... Café society & the naïve élite:
"Éclair" or "eclair"? Über-cool, über cool; rock'n'roll — 42 times, 7 days!`;

function words(s: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (const ch of s) {
    const lower = ch.toLowerCase();
    const letter = lower !== ch.toUpperCase() || (ch >= '0' && ch <= '9') || ch === "'";
    if (letter) cur += lower;
    else if (cur !== '') {
      out.push(cur);
      cur = '';
    }
  }
  if (cur !== '') out.push(cur);
  return out;
}

const ws = words(text);
console.log(ws.length, 'words;', new Set(ws).size, 'distinct');
const freq = new Map<string, number>();
for (const w of ws) freq.set(w, (freq.get(w) ?? 0) + 1);
const ranked = [...freq.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
console.log(ranked.slice(0, 8).map(([w, n]) => `${w}:${n}`).join(' '));
const alphabetical = [...freq.keys()].sort((a, b) => a.localeCompare(b));
console.log(alphabetical.join(' '));
console.log([...freq.keys()].sort().slice(-6).join(' '));

const bigrams = new Map<string, number>();
for (let i = 0; i + 1 < ws.length; i++) {
  const key = `${ws[i]} ${ws[i + 1]}`;
  bigrams.set(key, (bigrams.get(key) ?? 0) + 1);
}
const topBigrams = [...bigrams].filter(([, n]) => n > 1).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
console.log(topBigrams);

const index = new Map<string, number[]>();
ws.forEach((w, pos) => {
  const list = index.get(w);
  if (list) list.push(pos);
  else index.set(w, [pos]);
});
for (const q of ['epoch', 'times', 'über', 'missing', 'café']) {
  const hits = index.get(q) ?? [];
  console.log(q.padEnd(8), hits.length, hits.join(','));
}
const longest = ws.reduce((a, b) => (b.length > a.length ? b : a), '');
console.log('longest', longest, longest.length, [...longest].reverse().join(''));
const censored = text.split('\n')[0].replaceAll('times', (m) => '*'.repeat(m.length)).replace('best', 'BEST');
console.log(censored);
const title = ws.slice(0, 6).map((w) => (w.at(0) ?? '').toUpperCase() + w.slice(1)).join(' ');
console.log(title, '|', encodeURIComponent(ws.slice(-8).join(' ')));
