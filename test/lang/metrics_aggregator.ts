// A metrics aggregator: parse StatsD-like lines (`name:value|type|@rate`), keep counters,
// gauges and timers in Maps, then flush a report sorted by name with percentiles.

interface Timer {
  values: number[];
}

class Aggregator {
  counters = new Map<string, number>();
  gauges = new Map<string, number>();
  timers = new Map<string, Timer>();
  bad: string[] = [];

  ingest(line: string): void {
    const colon = line.indexOf(':');
    const parts = line.slice(colon + 1).split('|');
    if (colon <= 0 || parts.length < 2) {
      this.bad.push(line);
      return;
    }
    const name = line.slice(0, colon);
    const value = parseFloat(parts[0]);
    const rate = parts.length > 2 && parts[2].startsWith('@') ? parseFloat(parts[2].slice(1)) : 1;
    if (Number.isNaN(value) || !(rate > 0 && rate <= 1)) {
      this.bad.push(line);
      return;
    }
    switch (parts[1]) {
      case 'c':
        this.counters.set(name, (this.counters.get(name) ?? 0) + value / rate);
        break;
      case 'g':
        this.gauges.set(name, parts[0].startsWith('+') || parts[0].startsWith('-') ? (this.gauges.get(name) ?? 0) + value : value);
        break;
      case 'ms': {
        let t = this.timers.get(name);
        if (!t) {
          t = { values: [] };
          this.timers.set(name, t);
        }
        t.values.push(value);
        break;
      }
      default:
        this.bad.push(line);
    }
  }

  flush(): string[] {
    const out: string[] = [];
    for (const name of [...this.counters.keys()].sort()) out.push(`counter ${name} ${this.counters.get(name)}`);
    for (const name of [...this.gauges.keys()].sort()) out.push(`gauge ${name} ${this.gauges.get(name)}`);
    const names = Array.from(this.timers.keys()).sort((a, b) => a.localeCompare(b));
    for (const name of names) {
      const v = [...this.timers.get(name)!.values].sort((a, b) => a - b);
      const sum = v.reduce((a, b) => a + b, 0);
      const mean = sum / v.length;
      const sd = Math.sqrt(v.reduce((a, x) => a + (x - mean) ** 2, 0) / v.length);
      out.push(`timer ${name} n=${v.length} min=${v[0]} max=${v[v.length - 1]} mean=${mean.toPrecision(4)} sd=${sd.toFixed(3)}` +
        ` p50=${percentile(v, 50)} p90=${percentile(v, 90)} p99=${percentile(v, 99)}`);
    }
    return out;
  }
}

function percentile(sorted: number[], p: number): number {
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
}

const agg = new Aggregator();
const fixed = ['requests:1|c', 'requests:1|c|@0.5', 'errors:1|c', 'temp:21.5|g', 'temp:+1.25|g', 'temp:-0.5|g',
  'queue.depth:7|g', 'garbage', 'x:y|c', 'db.query:12|ms', 'Db.cache:0.3|ms', 'latency:1|h', 'errors:2|c|@2'];
for (const l of fixed) agg.ingest(l);
let seed = 42;
for (let i = 0; i < 500; i++) {
  seed = (seed * 16807) % 2147483647;
  const ms = (seed % 1000) / 10;
  agg.ingest(`http.latency:${ms}|ms`);
  if (i % 5 === 0) agg.ingest(`db.query:${Math.round(ms / 3)}|ms`);
  if (i % 7 === 0) agg.ingest('requests:1|c|@0.1');
}
console.log(agg.flush().join('\n'));
console.log('rejected', agg.bad);
