// Where the credentials come from: a named clouds.yaml entry (`--cloud NAME`, or the
// OS_CLOUD variable), else the standard OS_* variables of an openrc file. clouds.yaml is
// looked up as openstacksdk does: $OS_CLIENT_CONFIG_FILE, ./clouds.yaml,
// ~/.config/openstack/clouds.yaml, /etc/openstack/clouds.yaml; the first file that
// exists is used, and a secure.yaml beside it (same lookup) is merged over it, so
// passwords can live apart. Only Keystone v3 password authentication is supported.

import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { OpenStackError } from './errors';
import { parseYaml, YamlError, YamlValue } from './yaml';

export interface CloudConfig {
  authUrl: string;
  username: string;
  password: string;
  projectName: string;
  userDomainName: string;
  projectDomainName: string;
  regionName?: string;
  /** The endpoint interface to use from the catalog (default "public"). */
  interface: string;
  /** PEM text of extra CA certificates. */
  ca?: string;
  verifyTls: boolean;
  /** Where this came from, for messages: "environment" or "clouds.yaml entry x (path)". */
  source: string;
}

type Env = Record<string, string | undefined>;

/** Candidate paths for `file` ("clouds.yaml" or "secure.yaml"), in lookup order. */
export function configCandidates(file: string, env: Env = process.env, cwd = process.cwd(), home = os.homedir()): string[] {
  const explicit = file === 'clouds.yaml' ? env.OS_CLIENT_CONFIG_FILE : undefined;
  return [
    ...(explicit ? [explicit] : []),
    path.join(cwd, file),
    path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'openstack', file),
    path.join('/etc/openstack', file),
  ];
}

function readYaml(file: string): Record<string, YamlValue> {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new OpenStackError(`cannot read ${file}: ${(e as Error).message}`);
  }
  try {
    const doc = parseYaml(text);
    return doc && typeof doc === 'object' && !Array.isArray(doc) ? doc : {};
  } catch (e) {
    if (e instanceof YamlError) throw new OpenStackError(`${file}: ${e.message}`);
    throw e;
  }
}

function isMap(v: YamlValue | undefined): v is { [key: string]: YamlValue } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function merge(a: YamlValue | undefined, b: YamlValue | undefined): YamlValue | undefined {
  if (!isMap(a) || !isMap(b)) return b ?? a;
  const out: { [key: string]: YamlValue } = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = merge(a[k], v) as YamlValue;
  return out;
}

const str = (v: YamlValue | undefined): string | undefined => (v === undefined || v === null ? undefined : String(v));

function required(value: string | undefined, what: string, source: string): string {
  if (value === undefined || value === '') throw new OpenStackError(`missing ${what} in ${source}`);
  return value;
}

function readCa(file: string | undefined, source: string): string | undefined {
  if (!file) return undefined;
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new OpenStackError(`cacert ${file} from ${source}: ${(e as Error).message}`);
  }
}

/** The clouds.yaml entry `name`, with secure.yaml merged over it. */
export function cloudFromYaml(name: string, env: Env = process.env, cwd = process.cwd(), home = os.homedir()): CloudConfig {
  const candidates = configCandidates('clouds.yaml', env, cwd, home);
  const file = candidates.find((f) => fs.existsSync(f));
  if (!file) throw new OpenStackError(`--cloud ${name}: no clouds.yaml found (looked in ${candidates.join(', ')})`);
  const secureFile = configCandidates('secure.yaml', env, cwd, home).find((f) => fs.existsSync(f));
  const clouds = readYaml(file).clouds;
  const secure = secureFile ? readYaml(secureFile).clouds : undefined;
  const entry = merge(isMap(clouds) ? clouds[name] : undefined, isMap(secure) ? secure[name] : undefined);
  const source = `clouds.yaml entry "${name}" (${file})`;
  if (!isMap(entry)) {
    const known = isMap(clouds) ? Object.keys(clouds).join(', ') : 'none';
    throw new OpenStackError(`no cloud "${name}" in ${file} (clouds: ${known})`);
  }
  const authType = str(entry.auth_type) ?? 'password';
  if (authType !== 'password' && authType !== 'v3password') {
    throw new OpenStackError(`${source}: auth_type ${authType} is not supported (only password)`);
  }
  const auth = isMap(entry.auth) ? entry.auth : {};
  const domain = str(auth.domain_name);
  let region = str(entry.region_name);
  if (region === undefined && Array.isArray(entry.regions) && entry.regions.length > 0) {
    const r0 = entry.regions[0];
    region = isMap(r0) ? str(r0.name) : str(r0);
  }
  return {
    authUrl: required(str(auth.auth_url), 'auth.auth_url', source),
    username: required(str(auth.username), 'auth.username', source),
    // A password kept out of the file may come from the environment.
    password: required(str(auth.password) ?? env.OS_PASSWORD, 'auth.password (or OS_PASSWORD)', source),
    projectName: required(str(auth.project_name) ?? str(auth.tenant_name), 'auth.project_name', source),
    userDomainName: str(auth.user_domain_name) ?? domain ?? 'Default',
    projectDomainName: str(auth.project_domain_name) ?? domain ?? 'Default',
    regionName: region,
    interface: str(entry.interface) ?? 'public',
    ca: readCa(str(entry.cacert), source),
    verifyTls: entry.verify !== false,
    source,
  };
}

/** The configuration from the OS_* variables (an openrc file). */
export function cloudFromEnv(env: Env = process.env): CloudConfig {
  const source = 'the environment (OS_* variables)';
  const v = (name: string): string | undefined => (env[name] === '' ? undefined : env[name]);
  return {
    authUrl: required(v('OS_AUTH_URL'), 'OS_AUTH_URL', source),
    username: required(v('OS_USERNAME'), 'OS_USERNAME', source),
    password: required(v('OS_PASSWORD'), 'OS_PASSWORD', source),
    projectName: required(v('OS_PROJECT_NAME') ?? v('OS_TENANT_NAME'), 'OS_PROJECT_NAME', source),
    userDomainName: v('OS_USER_DOMAIN_NAME') ?? 'Default',
    projectDomainName: v('OS_PROJECT_DOMAIN_NAME') ?? 'Default',
    regionName: v('OS_REGION_NAME'),
    interface: (v('OS_INTERFACE') ?? 'public').replace(/URL$/, ''),
    ca: readCa(v('OS_CACERT'), source),
    verifyTls: true,
    source,
  };
}

/** `--cloud NAME` (or OS_CLOUD) picks a clouds.yaml entry; otherwise the OS_* variables. */
export function loadCloudConfig(cloud: string | undefined, env: Env = process.env): CloudConfig {
  const name = cloud ?? (env.OS_CLOUD || undefined);
  return name ? cloudFromYaml(name, env) : cloudFromEnv(env);
}
