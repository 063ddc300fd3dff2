// `tsuk deploy openstack` end to end against a real OpenStack: Keystone, Glance, Nova (fake virt
// driver), Placement and Neutron from Debian's packages on 127.0.0.1, started by
// scripts/openstack-up.sh, whose env file (TSUK_OPENSTACK_ENV, default
// /var/tmp/tsuk-openstack/openrc) gives the accounts. Not part of `npm test`: run
// `scripts/openstack-up.sh && npm run test:cloud` (.ci/run does, as its own step).
//
// Each run is the real command in its own process, so a hang (a request never destroyed) shows
// as a killed process; every failure must be one line of text (no HTML) and exit 1, and leave no
// image behind. test/openstack.test.ts keeps a fake cloud for what a real one cannot be made to
// do (never answering, malformed answers, closing the socket mid-upload, a 409 on upload).

import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as path from 'path';
import { compile } from '../../compiler/compile';
import { ImageFormat, writeImage } from '../../boot/formats';
import { authenticate, endpoint, Session } from '../../deploy/openstack/keystone';
import { loadCloudConfig } from '../../deploy/openstack/config';
import { json, send } from '../../deploy/openstack/http';
import { ROOT, tempDir } from '../support/cli';

const ENV_FILE = process.env.TSUK_OPENSTACK_ENV ?? '/var/tmp/tsuk-openstack/openrc';
/** A run that takes longer is a hang (the real command answers in seconds). */
const HANG_MS = 90_000;

let cloud: Record<string, string>;
let dir: string;
let rawImage: Uint8Array;
/** hello.ts as a raw image, for the failures. */
let rawFile: string;
let session: Session;
const tag = `t${process.pid}`;
const created = { images: [] as string[], servers: [] as string[] };

function readEnvFile(file: string): Record<string, string> {
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: start the cloud first with scripts/openstack-up.sh (or set TSUK_OPENSTACK_ENV)`);
  const env: Record<string, string> = {};
  for (const m of fs.readFileSync(file, 'utf8').matchAll(/^export ([A-Z0-9_]+)=(.*)$/gm)) env[m[1]] = m[2];
  return env;
}

interface Run {
  code: number | null;
  out: string;
  err: string;
}

/** `tsuk deploy openstack ARGS` in its own process, with the cloud's env and `extra` over it. */
function deploy(args: string[], extra: Record<string, string> = {}): Run {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: dir, ...cloud, ...extra };
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/tsuk.js'), 'deploy', 'openstack', ...args], { cwd: dir, env, encoding: 'utf8', timeout: HANG_MS });
  if (r.signal) throw new Error(`tsuk deploy openstack ${args.join(' ')} hung (killed after ${HANG_MS / 1000} s)\n${r.stderr}`);
  for (const m of r.stdout.matchAll(/^image (\S+) /gm)) created.images.push(m[1]);
  for (const m of r.stdout.matchAll(/^server (\S+) /gm)) created.servers.push(m[1]);
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** A failure: exit 1 and exactly one line of plain text on stderr. */
function expectFailure(r: Run, pattern: RegExp): void {
  expect({ code: r.code, err: r.err.trimEnd() }).toEqual({ code: 1, err: expect.stringMatching(pattern) });
  expect(r.err.endsWith('\n') && !r.err.trimEnd().includes('\n')).toBe(true);
  expect(r.err).not.toMatch(/<[a-z/][^>]*>|&[a-z]+;|\n\s+at /i);
}

async function api<T>(type: string, urlPath: string): Promise<T> {
  const res = await send(session.transport, { what: `test: GET ${urlPath}`, method: 'GET', url: `${endpoint(session, type).replace(/\/v2$/, '')}${urlPath}`, headers: { 'X-Auth-Token': session.token }, expect: [200] });
  return json<T>('test', res, 'JSON');
}

/** Images of this project whose name is `name` (any status). */
async function imagesNamed(name: string): Promise<Array<{ id: string; status: string }>> {
  return (await api<{ images: Array<{ id: string; status: string }> }>('image', `/v2/images?name=${encodeURIComponent(name)}`)).images;
}

async function remove(type: string, urlPath: string): Promise<void> {
  await send(session.transport, { what: `test: DELETE ${urlPath}`, method: 'DELETE', url: `${endpoint(session, type).replace(/\/v2$/, '')}${urlPath}`, headers: { 'X-Auth-Token': session.token }, expect: [202, 204, 404] });
}

beforeAll(async () => {
  cloud = readEnvFile(ENV_FILE);
  dir = tempDir();
  rawImage = compile(path.join(ROOT, 'examples/hello.ts')).image;
  rawFile = path.join(dir, 'hello.img');
  fs.writeFileSync(rawFile, rawImage);
  session = await authenticate(loadCloudConfig(undefined, cloud), 30_000);
}, 120_000);

afterAll(async () => {
  for (const id of created.servers) await remove('compute', `/servers/${id}`);
  for (const id of created.images) await remove('image', `/v2/images/${id}`);
  fs.rmSync(dir, { recursive: true, force: true });
}, 120_000);

describe('uploads reach active with the file\'s bytes in Glance\'s store', () => {
  test.each(['raw', 'qcow2', 'vdi', 'vmdk'] as ImageFormat[])('%s', async (format) => {
    const file = path.join(dir, `hello-${format}.${format === 'raw' ? 'img' : format}`);
    const bytes = writeImage(rawImage, format, { fileName: path.basename(file) });
    fs.writeFileSync(file, bytes);
    const name = `${tag}-${format}`;
    const r = deploy([file, '--name', name, '--quiet', '--wait', '60']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const [, id] = /^image (\S+) active: "([^"]+)", (\w+), (\d+) bytes$/m.exec(r.out) ?? [];
    expect(r.out).toBe(`image ${id} active: "${name}", ${format}, ${bytes.length} bytes\n`);
    const shown = await api<Record<string, unknown>>('image', `/v2/images/${id}`);
    expect(shown).toMatchObject({ status: 'active', disk_format: format, container_format: 'bare', size: bytes.length, hw_disk_bus: 'ide', hw_vif_model: 'virtio' });
    const stored = fs.readFileSync(path.join(cloud.TSUK_OPENSTACK_GLANCE_STORE, id));
    expect(Buffer.compare(stored, Buffer.from(bytes))).toBe(0);
  });
});

test('--boot reaches ACTIVE: the server runs the uploaded image with the flavor asked for', async () => {
  const file = path.join(dir, 'boot.qcow2');
  fs.writeFileSync(file, writeImage(rawImage, 'qcow2'));
  const r = deploy([file, '--name', `${tag}-boot`, '--boot', '--flavor', cloud.TSUK_OPENSTACK_FLAVOR, '--server-name', `${tag}-server`, '--quiet', '--wait', '120']);
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
  const imageId = /^image (\S+) active/m.exec(r.out)![1];
  const serverId = /^server (\S+) ACTIVE$/m.exec(r.out)![1];
  const { server } = await api<{ server: { status: string; name: string; image: { id: string }; flavor: { original_name?: string; id?: string } } }>('compute', `/servers/${serverId}`);
  expect(server).toMatchObject({ status: 'ACTIVE', name: `${tag}-server`, image: { id: imageId } });
}, 180_000);

describe('each failure is one clean line, exit 1, and leaves no image', () => {
  test('wrong password (401)', async () => {
    const r = deploy([rawFile, '--name', `${tag}-401`], { OS_PASSWORD: 'wrong' });
    expectFailure(r, /^tsuk deploy openstack: Keystone: authenticate: authentication failed \(401\): The request you have made requires authentication\.; check the user name, password/);
    expect(await imagesNamed(`${tag}-401`)).toEqual([]);
  });

  test('connection refused', async () => {
    const port = await new Promise<number>((resolve) => {
      const s = net.createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as net.AddressInfo).port;
        s.close(() => resolve(p));
      });
    });
    const r = deploy([rawFile], { OS_AUTH_URL: `http://127.0.0.1:${port}/v3` });
    expectFailure(r, new RegExp(`^tsuk deploy openstack: Keystone: authenticate: connection refused by 127\\.0\\.0\\.1:${port}; is the URL right`));
  });

  test('the auth URL points at another service: Nova names Keystone, Glance lists its own versions', async () => {
    let r = deploy([rawFile], { OS_AUTH_URL: endpoint(session, 'compute') });
    expectFailure(r, /^tsuk deploy openstack: Keystone: authenticate: http:\/\/127\.0\.0\.1:8774\/v2\.1 is not Keystone but a service that uses the Keystone at http:\/\/127\.0\.0\.1:5000 \(HTTP 401\); set OS_AUTH_URL \(or auth_url\) to http:\/\/127\.0\.0\.1:5000$/);
    r = deploy([rawFile], { OS_AUTH_URL: endpoint(session, 'image') });
    expectFailure(r, /^tsuk deploy openstack: Keystone: authenticate: no Keystone identity v3 API at http:\/\/127\.0\.0\.1:9292\/v3 \(HTTP 300\); check OS_AUTH_URL/);
  });

  test('wrong region', async () => {
    const r = deploy([rawFile], { OS_REGION_NAME: 'Atlantis' });
    expectFailure(r, /^tsuk deploy openstack: the service catalog has no public "image" endpoint in region Atlantis \(regions: RegionOne\); check OS_REGION_NAME$/);
  });

  test('a reader may not create images (403)', async () => {
    const r = deploy([rawFile, '--name', `${tag}-403`], { OS_USERNAME: cloud.TSUK_OPENSTACK_READER_USERNAME, OS_PASSWORD: cloud.TSUK_OPENSTACK_READER_PASSWORD });
    expectFailure(r, /^tsuk deploy openstack: Glance: create image: forbidden \(403\): .+; the project or role lacks permission$/);
    expect(await imagesNamed(`${tag}-403`)).toEqual([]);
  });

  test('over Glance\'s size cap (413): no hang, and the queued image is deleted', async () => {
    const big = path.join(dir, 'big.img');
    const cap = Number(cloud.TSUK_OPENSTACK_GLANCE_SIZE_CAP);
    fs.writeFileSync(big, Buffer.alloc(cap + (8 << 20), 0x5a));
    const r = deploy([big, '--name', `${tag}-413`, '--quiet']);
    expectFailure(r, /^tsuk deploy openstack: Glance: upload image data \(\S+\): too large \(413\): .+ \(image \S+ deleted\)$/);
    expect(await imagesNamed(`${tag}-413`)).toEqual([]);
  });

  test('unknown flavor with --boot: checked before the upload', async () => {
    const r = deploy([rawFile, '--name', `${tag}-flavor`, '--boot', '--flavor', 'm9.enormous']);
    expectFailure(r, /^tsuk deploy openstack: Nova: find flavor "m9\.enormous": no such flavor \(available: .*tsuk\.tiny.*\)$/);
    expect(await imagesNamed(`${tag}-flavor`)).toEqual([]);
  });

  test('unknown network with --boot: checked before the upload', async () => {
    const r = deploy([rawFile, '--name', `${tag}-net`, '--boot', '--flavor', cloud.TSUK_OPENSTACK_FLAVOR, '--network', 'nowhere']);
    expectFailure(r, /^tsuk deploy openstack: Neutron: find network "nowhere": no such network$/);
    expect(await imagesNamed(`${tag}-net`)).toEqual([]);
  });

  test('a server that goes to ERROR reports Nova\'s fault', async () => {
    const r = deploy([rawFile, '--name', `${tag}-error`, '--boot', '--flavor', cloud.TSUK_OPENSTACK_UNSCHEDULABLE_FLAVOR, '--quiet', '--wait', '120']);
    expectFailure(r, /^tsuk deploy openstack: Nova: server \S+ went to ERROR: No valid host was found/);
    const serverId = /server (\S+) went to ERROR/.exec(r.err)![1];
    created.servers.push(serverId);
  }, 180_000);
});
