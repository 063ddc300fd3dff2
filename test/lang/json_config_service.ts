// A small service's configuration loading, as a developer would write it: the JSON shipped
// with the service, parsed into typed interfaces, checked and
// defaulted, summarized with console.log and written back with JSON.stringify.

// The configuration as the service ships it.
const CONFIG_TEXT = `{
  "service": "edge-cache",
  "listen": { "host": "0.0.0.0", "port": 8080 },
  "upstreams": [
    { "name": "primary", "url": "http://10.0.0.2:9000", "weight": 3, "healthCheck": { "path": "/health", "intervalMs": 5000 } },
    { "name": "backup", "url": "http://10.0.0.3:9000", "weight": 1, "healthCheck": null },
    { "name": "canary", "url": "http://10.0.0.4:9000", "weight": 0.5, "tags": ["beta", "eu-west"] }
  ],
  "cache": { "maxEntries": 10000, "ttlSeconds": 300, "stale": true },
  "logLevel": "info"
}`;

interface HealthCheck {
  path: string;
  intervalMs: number;
}

interface Upstream {
  name: string;
  url: string;
  weight: number;
  healthCheck?: HealthCheck | null;
  tags?: string[];
}

interface CacheConfig {
  maxEntries: number;
  ttlSeconds: number;
  stale?: boolean;
}

interface ServiceConfig {
  service: string;
  listen: { host: string; port: number };
  upstreams: Upstream[];
  cache: CacheConfig;
  logLevel: 'debug' | 'info' | 'warn';
}

class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

function loadConfig(text: string): ServiceConfig {
  const cfg: ServiceConfig = JSON.parse(text);
  if (cfg.listen.port <= 0 || cfg.listen.port > 65535) throw new ConfigError(`bad port ${cfg.listen.port}`);
  if (cfg.upstreams.length === 0) throw new ConfigError('no upstreams');
  return cfg;
}

class Balancer {
  private readonly table: string[] = [];
  constructor(upstreams: Upstream[]) {
    for (const u of upstreams) {
      const slots = Math.max(1, Math.round(u.weight * 2));
      for (let i = 0; i < slots; i++) this.table.push(u.name);
    }
  }
  pick(hash: number): string {
    return this.table[hash % this.table.length];
  }
  get size(): number {
    return this.table.length;
  }
}

const cfg = loadConfig(CONFIG_TEXT);
console.log('service', cfg.service, 'on', `${cfg.listen.host}:${cfg.listen.port}`, 'log', cfg.logLevel);
console.log(cfg.listen);
console.log(cfg.cache);
for (const u of cfg.upstreams) {
  const hc = u.healthCheck ? `${u.healthCheck.path} every ${u.healthCheck.intervalMs / 1000}s` : 'none';
  console.log(u.name.padEnd(8), u.weight, hc, u.tags ?? []);
}
const b = new Balancer(cfg.upstreams);
const picks = new Map<string, number>();
for (let h = 0; h < 100; h++) {
  const name = b.pick(h * 7919);
  picks.set(name, (picks.get(name) ?? 0) + 1);
}
console.log(b.size, picks);
const effective = { entries: cfg.cache.maxEntries, stale: cfg.cache.stale ?? false, upstreams: cfg.upstreams.map((u) => u.name) };
console.log(JSON.stringify(effective));
console.log(JSON.stringify(cfg.upstreams[0], null, 2));

for (const bad of ['{"service": "x", "listen": {"host": "h", "port": 70000}, "upstreams": [], "cache": {"maxEntries": 1, "ttlSeconds": 1}, "logLevel": "info"}', '{"service": "x",}']) {
  try {
    loadConfig(bad);
  } catch (e) {
    console.log('rejected:', e instanceof ConfigError ? 'config' : 'syntax', (e as Error).message);
  }
}
