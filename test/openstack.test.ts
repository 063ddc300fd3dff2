// Tests for deploy/openstack/ that need no real cloud: the client against a fake cloud on
// 127.0.0.1 (see fixtures/openstack/fake-cloud.ts) for what a real one cannot be made to do —
// the exact requests it sends (Keystone body, X-Auth-Token, Glance properties, Nova's server
// body with a network), a server that never answers, malformed answers, a 413 answered before
// the upload is read on a connection then closed or kept open (Debian's Glance under uwsgi
// closes it; a proxy may not, and a request left open kept Node alive for ever), a 409 on
// upload, an ambiguous network name — and the parts with no cloud
// at all: messages, the catalog, clouds.yaml lookup, the YAML subset, progress. Everything a
// real cloud can show (formats, --boot, 401, 403, 413, refused, wrong region, unknown flavor or
// network, ERROR) is tested against one in test/cloud/openstack.cloud-test.ts.

import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { writeImage } from '../boot/formats';
import { cloudFromYaml, configCandidates, loadCloudConfig } from '../deploy/openstack/config';
import { httpError, serverMessage } from '../deploy/openstack/errors';
import { endpoint, identityV3Url, Session } from '../deploy/openstack/keystone';
import { Progress } from '../deploy/openstack/progress';
import { runOpenstackUpload } from '../deploy/openstack/cli';
import { parseYaml } from '../deploy/openstack/yaml';
import { FakeCloud, FakeCloudOptions, NETWORK_ID, TOKEN, USER } from './fixtures/openstack/fake-cloud';

const FIXTURES = path.join(__dirname, 'fixtures', 'openstack');

class Sink {
  text = '';
  isTTY = false;
  write(s: string): boolean {
    this.text += s;
    return true;
  }
}

let dir: string;
let rawFile: string;
let rawBytes: Buffer;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tsuk-openstack-'));
  rawBytes = Buffer.alloc(300 * 1024 + 512);
  for (let i = 0; i < rawBytes.length; i++) rawBytes[i] = (i * 131 + (i >> 9)) & 0xff;
  rawFile = path.join(dir, 'hello.img');
  fs.writeFileSync(rawFile, rawBytes);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

let cloud: FakeCloud;
async function startCloud(options: FakeCloudOptions = {}): Promise<FakeCloud> {
  cloud = new FakeCloud(options);
  await cloud.start();
  return cloud;
}
afterEach(async () => {
  await cloud?.stop();
});

function envFor(c: FakeCloud, extra: Record<string, string> = {}): Record<string, string> {
  return {
    OS_AUTH_URL: `${c.base}/identity`,
    OS_USERNAME: USER.name,
    OS_PASSWORD: USER.password,
    OS_PROJECT_NAME: USER.project,
    OS_USER_DOMAIN_NAME: USER.domain,
    OS_PROJECT_DOMAIN_NAME: USER.projectDomain,
    ...extra,
  };
}

async function run(argv: string[], env: Record<string, string>): Promise<{ code: number; out: string; err: string; ms: number }> {
  const stdout = new Sink();
  const stderr = new Sink();
  const started = Date.now();
  const code = await runOpenstackUpload(argv, { stdout, stderr, env, pollMs: 5 });
  return { code, out: stdout.text, err: stderr.text, ms: Date.now() - started };
}

/** The error output must be exactly one line, no stack trace. */
function expectOneLine(err: string): void {
  expect(err.endsWith('\n')).toBe(true);
  expect(err.trimEnd().split('\n')).toHaveLength(1);
  expect(err).not.toMatch(/\n\s+at /);
}

describe('upload', () => {
  test('authenticates, creates, uploads the exact bytes, waits for active', async () => {
    const c = await startCloud({ pollsUntilActive: 2 });
    const r = await run([rawFile, '--name', 'hello-unikernel'], envFor(c));
    expect(r.err).not.toContain('error');
    expect(r.code).toBe(0);

    const [auth, create, upload, ...polls] = c.requests;
    expect(auth.method).toBe('POST');
    expect(auth.path).toBe('/identity/v3/auth/tokens');
    expect(auth.headers['content-type']).toBe('application/json');
    expect(JSON.parse(auth.body.toString())).toEqual({
      auth: {
        identity: { methods: ['password'], password: { user: { name: 'alice', domain: { name: 'Default' }, password: 's3cret' } } },
        scope: { project: { name: 'demo', domain: { name: 'Default' } } },
      },
    });
    expect(auth.headers['x-auth-token']).toBeUndefined();

    expect(create.method).toBe('POST');
    expect(create.path).toBe('/image/v2/images'); // the public endpoint, not the internal one
    expect(create.headers['x-auth-token']).toBe(TOKEN);
    expect(JSON.parse(create.body.toString())).toEqual({
      name: 'hello-unikernel',
      disk_format: 'raw',
      container_format: 'bare',
      visibility: 'private',
      hw_vif_model: 'virtio',
      hw_disk_bus: 'ide',
      os_type: 'linux',
    });

    const image = [...c.images.values()][0];
    expect(upload.method).toBe('PUT');
    expect(upload.path).toBe(`/image/v2/images/${image.id}/file`);
    expect(upload.headers['x-auth-token']).toBe(TOKEN);
    expect(upload.headers['content-type']).toBe('application/octet-stream');
    expect(upload.headers['content-length']).toBe(String(rawBytes.length));
    expect(image.data!.equals(rawBytes)).toBe(true);

    expect(polls.length).toBe(3); // saving, saving, active
    expect(polls.every((p) => p.method === 'GET' && p.path === `/image/v2/images/${image.id}` && p.headers['x-auth-token'] === TOKEN)).toBe(true);
    expect(image.status).toBe('active');
    expect(r.out).toBe(`image ${image.id} active: "hello-unikernel", raw, ${rawBytes.length} bytes\n`);
    // Progress: percent and bytes, ending at 100%.
    expect(r.err).toMatch(/^upload: 0% \(0 of 307712 bytes/);
    expect(r.err.trimEnd().split('\n').pop()).toMatch(/^upload: 100% \(307712 of 307712 bytes, 0\.3 of 0\.3 MiB\)$/);
  });

  test('OS_AUTH_URL with /v3 works too; the disk format comes from the content; --property and --quiet', async () => {
    const c = await startCloud();
    const file = path.join(dir, 'really-qcow2.img');
    fs.writeFileSync(file, writeImage(rawBytes, 'qcow2'));
    const r = await run([file, '--property', 'hw_disk_bus=virtio', '--property=owner_note=a=b', '--quiet'], envFor(c, { OS_AUTH_URL: `${c.base}/identity/v3/` }));
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    expect(c.requests[0].path).toBe('/identity/v3/auth/tokens');
    const body = JSON.parse(c.requests[1].body.toString());
    expect(body.name).toBe('really-qcow2');
    expect(body.disk_format).toBe('qcow2');
    expect(body.hw_disk_bus).toBe('virtio');
    expect(body.owner_note).toBe('a=b');
    expect([...c.images.values()][0].data!.equals(fs.readFileSync(file))).toBe(true);
  });

});

describe('boot', () => {
  test('--boot resolves flavor (Nova) and network (Neutron), creates the server, waits for ACTIVE', async () => {
    const c = await startCloud();
    const r = await run([rawFile, '--boot', '--flavor', 'm1.tiny', '--network', 'private', '--server-name', 'dns-1', '--quiet'], envFor(c, { OS_REGION_NAME: 'RegionOne' }));
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const image = [...c.images.values()][0];
    const paths = c.requests.map((q) => `${q.method} ${q.path}`);
    expect(paths).toContain('GET /compute/v2.1/flavors');
    expect(paths).toContain('GET /network/v2.0/networks?name=private');
    const create = c.requests.find((q) => q.method === 'POST' && q.path === '/compute/v2.1/servers')!;
    expect(create.headers['x-auth-token']).toBe(TOKEN);
    expect(JSON.parse(create.body.toString())).toEqual({
      server: { name: 'dns-1', imageRef: image.id, flavorRef: '1', networks: [{ uuid: NETWORK_ID }] },
    });
    const [serverId] = [...c.servers.keys()];
    expect(r.out).toContain(`server ${serverId} ACTIVE private=10.0.0.5\n`);
    expect(r.out).toContain(`openstack console log show ${serverId}`);
  });

  test('an ambiguous network name, before anything is uploaded', async () => {
    const c = await startCloud();
    const r = await run([rawFile, '--boot', '--flavor', 'm1.tiny', '--network', 'twin', '--quiet'], envFor(c));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/2 networks have that name/);
    expect(c.images.size).toBe(0);
  });
});

describe('errors: one line, non-zero exit', () => {
  test('409: the image already has data', async () => {
    const c = await startCloud({ uploadConflict: true });
    const r = await run([rawFile, '--quiet'], envFor(c));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/Glance: upload image data \(.*\): conflict \(409\): 409 Conflict Image status transition from active to saving is not allowed/);
    expectOneLine(r.err);
  });

  test('413 answered before the upload is read (the socket closes mid-upload)', async () => {
    const c = await startCloud({ rejectEarly: 'close' });
    const big = path.join(dir, 'big.img');
    fs.writeFileSync(big, Buffer.alloc(16 << 20, 0x5a));
    const r = await run([big, '--quiet'], envFor(c));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/too large \(413\): Image exceeds the storage quota; .* \(image \S+ deleted\)\n$/);
    expectOneLine(r.err);
    expect(c.images.size).toBe(0);
  });

  test('413 answered early on a connection the server keeps open: the command still exits', async () => {
    const c = await startCloud({ rejectEarly: 'keep-open' });
    const big = path.join(dir, 'big-open.img');
    fs.writeFileSync(big, Buffer.alloc(16 << 20, 0x5a));
    // In its own process: a request left open after its answer would keep Node alive for ever.
    const child = spawn(process.execPath, [path.join(__dirname, '..', 'bin/tsuk.js'), 'deploy', 'openstack', big, '--quiet'], { env: { PATH: process.env.PATH, ...envFor(c) } });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d));
    const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    const [code, signal] = await new Promise<[number | null, string | null]>((resolve) => child.on('exit', (cd, sg) => resolve([cd, sg])));
    clearTimeout(killer);
    expect({ code, signal }).toEqual({ code: 1, signal: null });
    expect(err).toMatch(/too large \(413\): Image exceeds the storage quota; .* \(image \S+ deleted\)\n$/);
    expect(c.images.size).toBe(0);
  }, 60_000);

  test('timeout: a server that never answers', async () => {
    const c = await startCloud({ hang: ['/identity'] });
    const r = await run([rawFile, '--timeout', '0.3'], envFor(c));
    expect(r.code).toBe(1);
    expect(r.err).toBe(`openstack-upload: Keystone: authenticate: no answer from ${new URL(c.base).host} within 0.3 s; retry, or raise --timeout\n`);
    expect(r.ms).toBeLessThan(5000);
  });

  test('timeout during the status polls', async () => {
    const c = await startCloud();
    const r = await run([rawFile, '--timeout', '0.3', '--quiet'], envFor(c));
    expect(r.code).toBe(0); // control: same cloud works
    await c.stop();
    const h = await startCloud({ hang: ['/image/v2/images/'] });
    // Creation works (exact path /image/v2/images), the upload hangs.
    const r2 = await run([rawFile, '--timeout', '0.3', '--quiet'], envFor(h));
    expect(r2.code).toBe(1);
    expect(r2.err).toMatch(/Glance: upload image data \(.*\): no answer from .* within 0\.3 s/);
  });

  test('malformed Keystone answers: no X-Subject-Token, body not JSON', async () => {
    let c = await startCloud({ brokenKeystone: 'no-token' });
    let r = await run([rawFile], envFor(c));
    expect(r.code).toBe(1);
    expect(r.err).toBe('openstack-upload: Keystone: authenticate: malformed response (expected an X-Subject-Token header)\n');
    await c.stop();
    c = await startCloud({ brokenKeystone: 'not-json' });
    r = await run([rawFile], envFor(c));
    expect(r.code).toBe(1);
    expect(r.err).toBe('openstack-upload: Keystone: authenticate: malformed response (expected JSON with token.catalog)\n');
  });

  test('missing configuration and misuse', async () => {
    let r = await run([rawFile], {});
    expect(r.code).toBe(1);
    expect(r.err).toBe('openstack-upload: missing OS_AUTH_URL in the environment (OS_* variables)\n');
    r = await run([], {});
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^openstack-upload: name the image file to upload\nUsage:/);
    r = await run([rawFile, '--boot'], {});
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--boot needs --flavor NAME/);
    r = await run([path.join(dir, 'nope.img')], {});
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/no image file/);
    r = await run(['--help'], {});
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Usage: openstack-upload IMAGE/);
  });

  test('messages for 403 and 404, and server messages from each service', () => {
    expect(httpError('Nova: create server', 403, Buffer.from('{"forbidden": {"code": 403, "message": "Policy does not allow it"}}')).message).toBe(
      'Nova: create server: forbidden (403): Policy does not allow it; the project or role lacks permission',
    );
    expect(httpError('Glance: show image x', 404, Buffer.from('')).message).toBe('Glance: show image x: not found (404)');
    expect(serverMessage(Buffer.from('{"NeutronError": {"type": "X", "message": "Network abc could not be found.", "detail": ""}}'))).toBe('Network abc could not be found.');
    // An error page: its title and heading only repeat the status; markup and entities go.
    expect(serverMessage(Buffer.from('<html><head><title>409 Conflict</title></head><body><h1>409 Conflict</h1>\n  busy &amp; locked</body></html>'))).toBe('busy & locked');
    // Glance puts HTML even in its JSON messages.
    expect(serverMessage(Buffer.from('{"message": "The request was too large.<br /><br />\\nImage exceeds the size cap", "code": "413"}'))).toBe('The request was too large. Image exceeds the size cap');
  });
});

describe('service catalog', () => {
  const session = (region?: string): Session =>
    ({
      token: 't',
      catalog: new FakeCloud().catalog(),
      config: { interface: 'public', regionName: region },
      transport: { timeoutMs: 1000, verifyTls: true },
    }) as unknown as Session;

  test('public endpoint, by region when one is set', () => {
    expect(endpoint(session(), 'image')).toBe('/image');
    expect(endpoint(session('RegionTwo'), 'image')).toBe('/image-two');
    expect(endpoint(session('RegionTwo'), 'compute')).toBe('/compute-two/v2.1');
    expect(() => endpoint(session('Mars'), 'image')).toThrow('the service catalog has no public "image" endpoint in region Mars (regions: RegionOne, RegionTwo); check OS_REGION_NAME');
    expect(() => endpoint(session(), 'volumev3')).toThrow(/no "volumev3" service \(it has: identity, image, compute, network\)/);
  });

  test('identityV3Url', () => {
    expect(identityV3Url('https://k:5000')).toBe('https://k:5000/v3');
    expect(identityV3Url('https://k:5000/')).toBe('https://k:5000/v3');
    expect(identityV3Url('https://k:5000/v3')).toBe('https://k:5000/v3');
    expect(identityV3Url('https://k/identity/v3/')).toBe('https://k/identity/v3');
  });
});

describe('clouds.yaml', () => {
  function layout(): { cwd: string; home: string } {
    const root = fs.mkdtempSync(path.join(dir, 'cfg-'));
    const cwd = path.join(root, 'work');
    const home = path.join(root, 'home');
    fs.mkdirSync(cwd, { recursive: true });
    fs.mkdirSync(path.join(home, '.config', 'openstack'), { recursive: true });
    return { cwd, home };
  }
  const fixture = (url: string): string => fs.readFileSync(path.join(FIXTURES, 'clouds.yaml'), 'utf8').replace('auth_url: AUTH_URL', `auth_url: ${url}`);

  test('lookup order: $OS_CLIENT_CONFIG_FILE, ./clouds.yaml, ~/.config/openstack, /etc/openstack', () => {
    expect(configCandidates('clouds.yaml', { OS_CLIENT_CONFIG_FILE: '/x/c.yaml' }, '/w', '/h')).toEqual([
      '/x/c.yaml', '/w/clouds.yaml', '/h/.config/openstack/clouds.yaml', '/etc/openstack/clouds.yaml',
    ]);
    expect(configCandidates('secure.yaml', {}, '/w', '/h')[0]).toBe('/w/secure.yaml');
  });

  test('the entry from ~/.config/openstack, secure.yaml merged; ./clouds.yaml wins when present', () => {
    const { cwd, home } = layout();
    fs.writeFileSync(path.join(home, '.config', 'openstack', 'clouds.yaml'), fixture('http://home.example/v3'));
    fs.copyFileSync(path.join(FIXTURES, 'secure.yaml'), path.join(home, '.config', 'openstack', 'secure.yaml'));
    const c = cloudFromYaml('fake', {}, cwd, home);
    expect(c).toMatchObject({
      authUrl: 'http://home.example/v3', username: 'alice', password: 's3cret', projectName: 'demo',
      userDomainName: 'Default', projectDomainName: 'Default', regionName: 'RegionOne', interface: 'public', verifyTls: true,
    });
    fs.writeFileSync(path.join(cwd, 'clouds.yaml'), fixture('http://cwd.example'));
    expect(cloudFromYaml('fake', {}, cwd, home).authUrl).toBe('http://cwd.example');
  });

  test('domain_name, regions list, quoting, verify: false; unknown cloud; unsupported auth type', () => {
    const { cwd, home } = layout();
    fs.writeFileSync(path.join(cwd, 'clouds.yaml'), fixture('x'));
    const other = cloudFromYaml('other-cloud', {}, cwd, home);
    expect(other).toMatchObject({ password: "it's # not a comment", userDomainName: 'corp', projectDomainName: 'corp', regionName: 'Lyon', verifyTls: false });
    expect(() => cloudFromYaml('nope', {}, cwd, home)).toThrow(/no cloud "nope" in .*clouds\.yaml \(clouds: fake, other-cloud, appcred\)/);
    expect(() => cloudFromYaml('appcred', {}, cwd, home)).toThrow(/auth_type v3applicationcredential is not supported/);
    // No password anywhere: OS_PASSWORD fills in; else a clear message.
    expect(cloudFromYaml('fake', { OS_PASSWORD: 'p' }, cwd, home).password).toBe('p');
    expect(() => cloudFromYaml('fake', {}, cwd, home)).toThrow(/missing auth\.password \(or OS_PASSWORD\) in clouds\.yaml entry "fake"/);
  });

  test('no clouds.yaml anywhere', () => {
    const { cwd, home } = layout();
    const env = { XDG_CONFIG_HOME: path.join(home, 'none') };
    if (fs.existsSync('/etc/openstack/clouds.yaml')) return; // a real one on this machine
    expect(() => cloudFromYaml('fake', env, cwd, home)).toThrow(/--cloud fake: no clouds.yaml found \(looked in /);
  });

  test('--cloud (and OS_CLOUD) drive a whole upload', async () => {
    const c = await startCloud();
    const file = path.join(dir, 'clouds-run.yaml');
    fs.writeFileSync(file, fixture(`${c.base}/identity`).replace('region_name: RegionOne', 'region_name: RegionOne\n    auth_type: password'));
    const secure = fs.readFileSync(path.join(FIXTURES, 'secure.yaml'), 'utf8');
    // secure.yaml is looked up in the current directory and the config dirs, so point
    // XDG_CONFIG_HOME at a directory holding it.
    const xdg = path.join(dir, 'xdg');
    fs.mkdirSync(path.join(xdg, 'openstack'), { recursive: true });
    fs.writeFileSync(path.join(xdg, 'openstack', 'secure.yaml'), secure);
    const env = { OS_CLIENT_CONFIG_FILE: file, XDG_CONFIG_HOME: xdg };
    const r = await run([rawFile, '--cloud', 'fake', '--quiet'], env);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(loadCloudConfig(undefined, { ...env, OS_CLOUD: 'fake' }).source).toMatch(/^clouds\.yaml entry "fake"/);
  });
});

describe('YAML subset', () => {
  test('mappings, sequences, scalars, comments', () => {
    expect(
      parseYaml(
        [
          '---',
          '# comment',
          'a: 1',
          'b: "x: y # z"',
          "c: 'it''s'",
          'd:',
          '  - one',
          '  - k: v',
          '    k2: true',
          '  -',
          '    nested: null',
          'e: [p, "q", 3]',
          'f: {}',
          'g:',
          '- same-indent',
          'h: http://host:5000/v3  # trailing',
          'empty:',
        ].join('\n'),
      ),
    ).toEqual({
      a: 1, b: 'x: y # z', c: "it's", d: ['one', { k: 'v', k2: true }, { nested: null }], e: ['p', 'q', 3], f: {},
      g: ['same-indent'], h: 'http://host:5000/v3', empty: null,
    });
  });

  test('refuses what it does not support, with the line', () => {
    expect(() => parseYaml('a: &x 1\nb: *x')).toThrow('line 1: unsupported YAML (&)');
    expect(() => parseYaml('a: |\n  text')).toThrow('line 1: unsupported YAML (|)');
    expect(() => parseYaml('a: 1\n   b: 2')).toThrow(/line 2/);
    expect(() => parseYaml('just text')).toThrow('line 1: expected "key: value"');
  });
});

describe('progress', () => {
  test('throttled: one line per interval, always the final 100%', () => {
    const sink = new Sink();
    const p = new Progress(1000, sink, 60_000);
    for (let sent = 0; sent <= 1000; sent += 10) p.update(sent);
    expect(sink.text).toBe('upload: 0% (0 of 1000 bytes, 0.0 of 0.0 MiB)\nupload: 100% (1000 of 1000 bytes, 0.0 of 0.0 MiB)\n');
  });

  test('on a terminal, rewritten in place', () => {
    const sink = new Sink();
    sink.isTTY = true;
    const p = new Progress(2 << 20, sink, 0);
    p.update(1 << 20);
    p.update(2 << 20);
    expect(sink.text).toBe('\rupload: 50% (1048576 of 2097152 bytes, 1.0 of 2.0 MiB)\rupload: 100% (2097152 of 2097152 bytes, 2.0 of 2.0 MiB)\n');
  });
});
