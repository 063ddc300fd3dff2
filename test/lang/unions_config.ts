// A realistic config parser: `key = value` lines whose values are string | number | boolean,
// read back by typeof, with defaults through ??.

type Value = string | number | boolean;

function parseValue(raw: string): Value {
  const t = raw.trim();
  if (t === 'true') return true;
  if (t === 'false') return false;
  const n = Number(t);
  if (t !== '' && !isNaN(n)) return n;
  if (t.startsWith('"') && t.endsWith('"')) return t.slice(1, -1);
  return t;
}

function parse(text: string): Map<string, Value> {
  const out = new Map<string, Value>();
  for (const line of text.split('\n')) {
    const l = line.trim();
    if (l === '' || l.startsWith('#')) continue;
    const eq = l.indexOf('=');
    if (eq < 0) continue;
    out.set(l.slice(0, eq).trim(), parseValue(l.slice(eq + 1)));
  }
  return out;
}

function num(cfg: Map<string, Value>, key: string, dflt: number): number {
  const v = cfg.get(key);
  if (typeof v === 'number') return v;
  if (typeof v === 'string') {
    const n = parseInt(v, 10);
    return isNaN(n) ? dflt : n;
  }
  return dflt;
}

function flag(cfg: Map<string, Value>, key: string): boolean {
  const v = cfg.get(key);
  return v === true || v === 'yes' || v === 1;
}

const cfg = parse(`
# server
port = 8080
host = "example.org"
debug = true
workers = 4
ratio = 0.75
verbose = yes
timeout = 30s
`);
for (const [k, v] of cfg) console.log(k, '=', v, `(${typeof v})`);
console.log(num(cfg, 'port', 80), num(cfg, 'timeout', 10), num(cfg, 'missing', 5), num(cfg, 'host', 1));
console.log(flag(cfg, 'debug'), flag(cfg, 'verbose'), flag(cfg, 'workers'), flag(cfg, 'ratio'));
const host = cfg.get('host') ?? 'localhost';
const port = cfg.get('port');
console.log(`${host}:${port}`, String(cfg.get('debug')), cfg.get('nope') ?? 'default');
console.log(cfg);
const entries: [string, Value][] = [...cfg.entries()].filter(([, v]) => typeof v !== 'string');
console.log(entries.length, JSON.stringify(entries.map(([k, v]) => ({ k, v }))));
const envPort = process.env.PORT ?? 53;
console.log(typeof envPort, envPort);
