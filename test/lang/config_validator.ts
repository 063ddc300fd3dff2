// Validates a JSON configuration parsed into its stated type, collecting every problem.

interface ServerConfig {
  name: string;
  port: number;
  host?: string;
  tls?: { cert: string; key: string };
}

interface Config {
  version: number;
  env: 'dev' | 'staging' | 'prod';
  servers: ServerConfig[];
  features: string[];
  limits: { maxConnections: number; timeoutMs: number };
}

interface Problem {
  path: string;
  message: string;
}

function validate(c: Config): Problem[] {
  const problems: Problem[] = [];
  const add = (path: string, message: string) => problems.push({ path, message });
  if (c.version !== 1 && c.version !== 2) add('version', `unsupported version ${c.version}`);
  if (!['dev', 'staging', 'prod'].includes(c.env)) add('env', `unknown env '${c.env}'`);
  const ports = new Map<number, string>();
  c.servers.forEach((s, i) => {
    const at = `servers[${i}]`;
    if (!s.name.trim()) add(`${at}.name`, 'empty name');
    if (!Number.isInteger(s.port) || s.port < 1 || s.port > 65535) add(`${at}.port`, `bad port ${s.port}`);
    const other = ports.get(s.port);
    if (other !== undefined) add(`${at}.port`, `port ${s.port} already used by ${other}`);
    else ports.set(s.port, s.name);
    if (c.env === 'prod' && !s.tls) add(`${at}.tls`, 'required in prod');
    if (s.tls && (!s.tls.cert.endsWith('.pem') || !s.tls.key.endsWith('.pem'))) add(`${at}.tls`, 'cert and key must be .pem files');
  });
  const seen = new Set<string>();
  for (const f of c.features) {
    if (seen.has(f)) add('features', `duplicate feature '${f}'`);
    seen.add(f);
  }
  if (c.limits.timeoutMs <= 0) add('limits.timeoutMs', 'must be positive');
  return problems;
}

const texts = [
  `{"version":1,"env":"dev","servers":[{"name":"api","port":8080}],"features":["a","b"],"limits":{"maxConnections":100,"timeoutMs":5000}}`,
  `{"version":3,"env":"prod","servers":[{"name":"api","port":443,"tls":{"cert":"a.pem","key":"a.key"}},{"name":" ","port":443},{"name":"x","port":70000}],"features":["a","a"],"limits":{"maxConnections":1,"timeoutMs":0}}`,
  `{"version":1,"env":"dev","servers":[{"name":"api","port":80.5}],"features":[],"limits":{"maxConnections":1,"timeoutMs":1}}`,
  `{"version":1,"env":"dev",`,
];

for (const text of texts) {
  try {
    const config = JSON.parse(text) as Config;
    const problems = validate(config);
    if (problems.length === 0) {
      console.log(`ok: ${config.servers.length} server(s), features ${config.features.join('+') || '-'}`);
      console.log(JSON.stringify(config, null, 2));
    } else {
      console.log(`${problems.length} problem(s):`);
      for (const p of problems) console.log(`  ${p.path}: ${p.message}`);
    }
  } catch (e) {
    if (e instanceof SyntaxError) console.log('syntax:', e.message);
    else if (e instanceof TypeError) console.log('shape error');
    else throw e;
  }
}
