// The Linux-VM baseline of `npm run bench:dns` (issue 14): two minimal Linux guests built from
// Debian's packages, each serving the DNS benchmark's zone on 10.0.2.15:53 behind QEMU user
// networking — one runs NSD, the other the host's `node` with examples/dns.ts bundled by esbuild.
//
// A guest is Debian's kernel (linux-image-amd64) and an initramfs: busybox-static as /init's
// shell, virtio_net and the modules it needs (loaded in dependency order, read from each
// module's .modinfo), a static address matching slirp (10.0.2.15/24, gateway 10.0.2.2), and
// the service with the shared libraries `ldd` names. Packages come from `apt-get download` and
// `dpkg-deb -x` into ~/.cache/tsuk/linux-vm/ ($LINUX_VM_CACHE); the initramfs (`cpio -o -H newc |
// gzip`) is named by a hash of everything that goes into it, so it is rebuilt only when an
// input changes. This is a minimal Linux, not a distribution: no systemd, udev or syslog.
//
//   node dist/scripts/linux-vm.js nsd|node     builds (or finds) the guest; prints its kernel,
//                                              initramfs, command line and memory as JSON

import { execFileSync, spawnSync } from 'child_process';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

export type GuestKind = 'nsd' | 'node';

export interface LinuxGuest {
  kind: GuestKind;
  kernel: string;
  initrd: string;
  /** The kernel command line. */
  append: string;
  /** Guest memory given to QEMU; below it the guest fails to boot or to start the service
   *  (NSD: 128 MB runs out of memory; Node: 256 MB cannot unpack the initramfs). */
  memoryMB: number;
}

/** The address slirp expects of its guest, and its gateway. */
export const GUEST_IP = '10.0.2.15';
const GATEWAY = '10.0.2.2';
export const GUEST_MEMORY_MB: Record<GuestKind, number> = { nsd: 160, node: 320 };
/** The NIC: virtio_net and what it needs, found by following each module's `depends=`. */
const MODULES = ['virtio_pci', 'virtio_net'];
const NSD_DIR = '/nsd';
const NODE_DIR = '/srv';

function findRoot(dir: string): string {
  for (let d = dir; ; d = path.dirname(d)) {
    if (fs.existsSync(path.join(d, 'package.json'))) return d;
    if (path.dirname(d) === d) throw new Error(`no package.json above ${dir}`);
  }
}
export const ROOT = findRoot(__dirname);
/** The packages and initramfs builds, outside the repository (copies of it, as test/package
 *  makes, need not carry ~500 MB); LINUX_VM_CACHE moves it (a fresh one downloads again). */
export const CACHE = process.env.LINUX_VM_CACHE ?? path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'tsuk', 'linux-vm');

function run(command: string, args: string[], options: { cwd?: string; input?: Buffer } = {}): Buffer {
  try {
    return execFileSync(command, args, { cwd: options.cwd, input: options.input, stdio: ['pipe', 'pipe', 'pipe'], maxBuffer: 1 << 30 });
  } catch (e) {
    const err = e as { stderr?: Buffer; message: string };
    throw new Error(`${command} ${args.join(' ')} failed: ${String(err.stderr ?? '').trim().split('\n').pop() || err.message}`);
  }
}

/** The .deb of `pkg` in the cache, downloaded once (`apt-get download`, the candidate version). */
function debFile(pkg: string): string {
  const dir = path.join(CACHE, 'debs');
  fs.mkdirSync(dir, { recursive: true });
  const have = fs.readdirSync(dir).find((f) => f.startsWith(`${pkg}_`) && f.endsWith('.deb'));
  if (have) return path.join(dir, have);
  run('apt-get', ['download', '-q', pkg], { cwd: dir });
  const got = fs.readdirSync(dir).find((f) => f.startsWith(`${pkg}_`) && f.endsWith('.deb'));
  if (!got) throw new Error(`apt-get download ${pkg} left no .deb in ${dir}`);
  return path.join(dir, got);
}

/** Package names in a .deb's Depends field (alternatives: the first). */
function depends(deb: string): string[] {
  const field = run('dpkg-deb', ['-f', deb, 'Depends']).toString().trim();
  return field === '' ? [] : field.split(',').map((d) => d.trim().split(/[\s|(]/)[0]);
}

/** `pkg` unpacked under the cache (once per .deb). */
function unpacked(pkg: string): { deb: string; dir: string } {
  const deb = debFile(pkg);
  const dir = path.join(CACHE, 'unpacked', path.basename(deb, '.deb'));
  if (!fs.existsSync(path.join(dir, '.done'))) {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    run('dpkg-deb', ['-x', deb, dir]);
    fs.writeFileSync(path.join(dir, '.done'), '');
  }
  return { deb, dir };
}

/** The kernel: linux-image-amd64 is a metapackage naming the versioned image package. */
function kernelPackage(): { dir: string; version: string } {
  const meta = depends(debFile('linux-image-amd64')).find((d) => d.startsWith('linux-image-'));
  if (!meta) throw new Error('linux-image-amd64 names no linux-image-* package');
  const { dir } = unpacked(meta);
  const version = fs.readdirSync(path.join(dir, 'lib', 'modules'))[0];
  return { dir, version };
}

/** The `depends=` entry of a kernel module's .modinfo section (what `modinfo -F depends` prints). */
export function moduleDepends(ko: Buffer): string[] {
  const at = ko.indexOf('\0depends=');
  if (at < 0) return [];
  const start = at + '\0depends='.length;
  const value = ko.subarray(start, ko.indexOf(0, start)).toString();
  return value === '' ? [] : value.split(',');
}

/** `wanted` and everything they depend on, each after its dependencies: [name, file] pairs. */
function moduleLoadOrder(modulesDir: string, wanted: string[]): [string, string][] {
  const files = new Map<string, string>();
  const walk = (dir: string): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) walk(path.join(dir, e.name));
      else if (e.name.endsWith('.ko')) files.set(e.name.slice(0, -3).replace(/-/g, '_'), path.join(dir, e.name));
    }
  };
  walk(modulesDir);
  const order: [string, string][] = [];
  const visit = (name: string): void => {
    if (order.some(([n]) => n === name)) return;
    const file = files.get(name);
    if (!file) throw new Error(`kernel module ${name} not found under ${modulesDir}`);
    for (const dep of moduleDepends(fs.readFileSync(file))) visit(dep);
    order.push([name, file]);
  };
  wanted.forEach(visit);
  return order;
}

/** The shared libraries `binary` loads (ldd), the unpacked packages' library folders first. */
function sharedLibraries(binary: string, libraryDirs: string[]): string[] {
  const env = { ...process.env, LD_LIBRARY_PATH: libraryDirs.join(':') };
  const r = spawnSync('ldd', [binary], { encoding: 'utf8', env });
  if (r.status !== 0) throw new Error(`ldd ${binary} failed: ${r.stderr.trim()}`);
  const libs: string[] = [];
  for (const line of r.stdout.split('\n')) {
    if (/not found/.test(line)) throw new Error(`${binary}: ${line.trim()}`);
    const m = /=>\s*(\S+)\s*\(/.exec(line) ?? /^\s*(\/\S+)\s*\(/.exec(line);
    if (m) libs.push(m[1]);
  }
  return libs;
}

/** A file placed into the initramfs tree at `at` (an absolute guest path). */
interface Entry {
  at: string;
  from?: string;
  text?: string;
  mode?: number;
}

function initScript(modules: string[], kind: GuestKind, service: string): string {
  return `#!/bin/busybox sh
# /init of a tsuk benchmark guest (scripts/linux-vm.ts): mount the kernel's file systems, load
# the NIC's modules, take slirp's static address, then become the service.
/bin/busybox --install -s /bin
export PATH=/bin:/usr/bin:/usr/sbin
mkdir -p /proc /sys /dev /tmp /run
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
${modules.map((m) => `insmod /lib/modules/${m}.ko`).join('\n')}
ip link set lo up
ip addr add ${GUEST_IP}/24 dev eth0
ip link set eth0 up
ip route add default via ${GATEWAY}
echo "linux-vm: eth0 up as ${GUEST_IP}, starting ${kind}"
exec ${service}
`;
}

/** What the service needs besides /init, busybox and the modules. */
function serviceEntries(kind: GuestKind, libraryDirs: string[]): { entries: Entry[]; command: string } {
  if (kind === 'nsd') {
    // bench/dns-nsd.ts: the same zone and configuration as the host's NSD row.
    const { nsdConfig, zoneText } = require('../bench/dns-nsd') as typeof import('../bench/dns-nsd');
    const { ZONE_ORIGIN } = require('../bench/dns-query') as typeof import('../bench/dns-query');
    const nsd = path.join(unpacked('nsd').dir, 'usr', 'sbin', 'nsd');
    const entries: Entry[] = [
      { at: '/usr/sbin/nsd', from: nsd },
      { at: `${NSD_DIR}/nsd.conf`, text: nsdConfig(NSD_DIR, 53, '0.0.0.0') },
      { at: `${NSD_DIR}/${ZONE_ORIGIN}.zone`, text: zoneText() },
      ...sharedLibraries(nsd, libraryDirs).map((lib) => ({ at: libraryPath(lib, libraryDirs), from: lib })),
    ];
    return { entries, command: `/usr/sbin/nsd -d -c ${NSD_DIR}/nsd.conf` };
  }
  // examples/dns.ts reads its zone at run time from join(__dirname, 'dns', ...): the bundle's
  // folder, so the zone goes next to it.
  // esbuild comes with tsx; required at run time only, so that a tree without it still builds.
  const esbuild = require('esbuild') as { buildSync(o: object): { outputFiles: { text: string }[] } };
  const out = esbuild.buildSync({ entryPoints: [path.join(ROOT, 'examples', 'dns.ts')], bundle: true, platform: 'node', format: 'cjs', target: 'node20', write: false, logLevel: 'silent' });
  const node = fs.realpathSync(process.execPath);
  const entries: Entry[] = [
    { at: '/usr/bin/node', from: node },
    { at: `${NODE_DIR}/dns.js`, text: out.outputFiles[0].text },
    { at: `${NODE_DIR}/dns/example.test.zone`, from: path.join(ROOT, 'examples', 'dns', 'example.test.zone') },
    ...sharedLibraries(node, []).map((lib) => ({ at: lib, from: lib })),
  ];
  return { entries, command: `env PORT=53 HOME=/tmp /usr/bin/node ${NODE_DIR}/dns.js` };
}

/** Where a library found in an unpacked package lives in the guest: its path inside the package. */
function libraryPath(lib: string, libraryDirs: string[]): string {
  for (const dir of libraryDirs) {
    const pkgRoot = dir.replace(/\/(usr\/)?lib\/x86_64-linux-gnu$/, '');
    if (lib.startsWith(dir + '/')) return lib.slice(pkgRoot.length);
  }
  return lib;
}

function entryBytes(e: Entry): Buffer {
  return e.text !== undefined ? Buffer.from(e.text) : fs.readFileSync(e.from!);
}

/** Builds (or finds in the cache) the guest of `kind`; throws with the reason when it cannot. */
export function buildLinuxGuest(kind: GuestKind): LinuxGuest {
  for (const tool of ['apt-get', 'dpkg-deb', 'cpio', 'gzip', 'ldd']) {
    if (spawnSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' }).status !== 0) throw new Error(`${tool} is not installed`);
  }
  const kernel = kernelPackage();
  const vmlinuz = path.join(kernel.dir, 'boot', `vmlinuz-${kernel.version}`);
  const modules = moduleLoadOrder(path.join(kernel.dir, 'lib', 'modules', kernel.version), MODULES);
  const busybox = path.join(unpacked('busybox-static').dir, 'bin', 'busybox');
  // NSD's libraries come from the Debian packages it depends on (libc6 from the host, as for node).
  const libraryDirs = kind === 'nsd'
    ? depends(unpacked('nsd').deb).filter((d) => d.startsWith('lib') && d !== 'libc6').flatMap((d) => {
        const dir = unpacked(d).dir;
        return ['usr/lib/x86_64-linux-gnu', 'lib/x86_64-linux-gnu'].map((l) => path.join(dir, l)).filter((l) => fs.existsSync(l));
      })
    : [];
  const service = serviceEntries(kind, libraryDirs);
  const entries: Entry[] = [
    { at: '/init', text: initScript(modules.map(([n]) => n), kind, service.command), mode: 0o755 },
    { at: '/bin/busybox', from: busybox, mode: 0o755 },
    ...modules.map(([name, file]) => ({ at: `/lib/modules/${name}.ko`, from: file })),
    ...service.entries,
  ];
  const hash = createHash('sha256');
  hash.update(fs.readFileSync(__filename)).update(vmlinuz);
  for (const e of entries) hash.update(e.at).update(entryBytes(e));
  const initrd = path.join(CACHE, `initrd-${kind}-${hash.digest('hex').slice(0, 16)}.cpio.gz`);
  if (!fs.existsSync(initrd)) {
    writeInitramfs(entries, initrd);
    // Older builds of this guest are stale now (the Node one is ~40 MB each).
    for (const f of fs.readdirSync(CACHE)) if (f.startsWith(`initrd-${kind}-`) && path.join(CACHE, f) !== initrd) fs.rmSync(path.join(CACHE, f), { force: true });
  }
  return { kind, kernel: vmlinuz, initrd, append: 'console=ttyS0 quiet panic=-1', memoryMB: GUEST_MEMORY_MB[kind] };
}

/** The tree in a fresh folder, then `find . | cpio -o -H newc | gzip` into `initrd`. */
function writeInitramfs(entries: Entry[], initrd: string): void {
  const tree = `${initrd}.tree`;
  fs.rmSync(tree, { recursive: true, force: true });
  for (const e of entries) {
    const to = path.join(tree, e.at);
    fs.mkdirSync(path.dirname(to), { recursive: true });
    if (e.from !== undefined) fs.copyFileSync(fs.realpathSync(e.from), to);
    else fs.writeFileSync(to, e.text!);
    fs.chmodSync(to, e.mode ?? (e.from !== undefined ? fs.statSync(e.from).mode & 0o777 : 0o644));
  }
  const list = spawnSync('find', ['.', '-mindepth', '1'], { cwd: tree, encoding: 'utf8' }).stdout.split('\n').filter(Boolean).sort().join('\n') + '\n';
  const archive = run('cpio', ['-o', '-H', 'newc', '--quiet', '--owner', '0:0'], { cwd: tree, input: Buffer.from(list) });
  fs.writeFileSync(`${initrd}.tmp`, run('gzip', ['-6', '-n'], { input: archive }));
  fs.renameSync(`${initrd}.tmp`, initrd);
  fs.rmSync(tree, { recursive: true, force: true });
}

/** QEMU's arguments for `guest`, before the network and accelerator ones. */
export function linuxGuestArgs(guest: LinuxGuest): string[] {
  return ['-m', String(guest.memoryMB), '-display', 'none', '-serial', 'stdio', '-monitor', 'none', '-no-reboot', '-kernel', guest.kernel, '-initrd', guest.initrd, '-append', guest.append];
}

if (require.main === module) {
  const kind = process.argv[2];
  if (kind !== 'nsd' && kind !== 'node') {
    console.error('usage: node dist/scripts/linux-vm.js nsd|node');
    process.exit(2);
  }
  try {
    const guest = buildLinuxGuest(kind);
    console.log(JSON.stringify(guest, null, 2));
  } catch (e) {
    console.error(`linux-vm: ${(e as Error).message}`);
    process.exit(1);
  }
}
