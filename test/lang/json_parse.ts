// JSON.parse into the type the program states: interfaces, nested arrays and objects, optional
// and nullable members, escapes; then a round trip through JSON.stringify.

interface Server {
  host: string;
  port: number;
  tls?: boolean;
}

interface Config {
  name: string;
  replicas: number;
  servers: Server[];
  tags: string[];
  owner: string | null;
  limits: { rps: number; burst?: number };
  matrix: number[][];
}

const text = `{
  "name": "edge \\"proxy\\" \\u00e9\\ud83d\\ude00\\n",
  "replicas": 3,
  "servers": [
    { "host": "a.example", "port": 8080, "tls": true },
    { "host": "b.example", "port": 8081 }
  ],
  "tags": [],
  "owner": null,
  "limits": { "rps": 1.5e2 },
  "matrix": [[1, -2], [], [3.25]]
}`;

const cfg = JSON.parse(text) as Config;
console.log(cfg.name, cfg.name.length, cfg.replicas);
for (const s of cfg.servers) console.log(s.host, s.port, s.tls);
console.log(cfg.tags.length, cfg.owner, cfg.limits.rps, cfg.limits.burst ?? -1);
console.log(cfg.matrix);
console.log(JSON.stringify(cfg));

const nums: number[] = JSON.parse('[1, 2.5, -0, 1e-7, 123456789012345680000]');
console.log(nums);
const words = JSON.parse<string[]>(' ["a", "b\\tc", "\\/"] ');
console.log(words);
const flag: boolean = JSON.parse('true');
const n: number = JSON.parse(' 42 ');
const s: string = JSON.parse('"x"');
console.log(flag, n, s);
const dup = JSON.parse('{"host": "first", "port": 1, "host": "second"}') as Server;
console.log(dup.host, dup.port);
function load(t: string): Server {
  return JSON.parse(t);
}
console.log(load('{"host": "dns", "port": 53}'));
// Keys the type does not name are skipped (the value holds the type's members only).
const extra = JSON.parse('{"host": "x", "more": {"a": [1, {"b": "]}"}], "c": null}, "port": 7, "z": -1.5e3}') as Server;
console.log(extra.host, extra.port, extra.tls === undefined);
