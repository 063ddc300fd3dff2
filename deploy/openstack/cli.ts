// The command line of `scripts/openstack-upload.ts` (and, later, `tsuk deploy openstack`):
// parse the arguments, authenticate, upload, optionally boot, and print the result.
// Every failure is one line on stderr and a non-zero exit code: 2 for misuse, 1 for a
// failure talking to the cloud.

import * as fs from 'fs';
import * as path from 'path';
import { IMAGE_FORMATS, ImageFormat } from '../../boot/formats';
import { loadCloudConfig } from './config';
import { OpenStackError } from './errors';
import { uploadImage } from './glance';
import { authenticate } from './keystone';
import { bootServer, resolveBootTarget } from './nova';
import { ProgressSink } from './progress';

export interface CliIo {
  stdout: ProgressSink;
  stderr: ProgressSink;
  env: Record<string, string | undefined>;
  /** Poll interval for image/server status, ms (tests shorten it). */
  pollMs?: number;
}

const USAGE = `Usage: PROG IMAGE [options]
Uploads a disk image to OpenStack Glance (and optionally boots it with Nova).
Credentials: --cloud NAME (clouds.yaml) or $OS_CLOUD, else the OS_* variables of an openrc.
  --name NAME            image name (default: the file name without extension)
  --cloud NAME           clouds.yaml entry
  --disk-format FORMAT   raw|qcow2|vdi|vmdk (default: from the file's content)
  --property KEY=VALUE   extra image property (repeatable)
  --timeout SECONDS      give up on a request after this long without an answer (default 30)
  --wait SECONDS         how long to wait for the image / server to become active (default 300)
  --boot                 also create a server from the image (needs --flavor)
  --flavor NAME          flavor of the server
  --network NAME         network of the server (name or id; resolved through Neutron)
  --server-name NAME     server name (default: the image name)
  --quiet                no upload progress
  -h, --help             this text
`;

interface Args {
  file: string;
  name?: string;
  cloud?: string;
  diskFormat?: ImageFormat;
  properties: Record<string, string>;
  timeoutMs: number;
  waitMs: number;
  boot: boolean;
  flavor?: string;
  network?: string;
  serverName?: string;
  quiet: boolean;
}

class UsageError extends Error {}

function seconds(flag: string, v: string): number {
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`${flag} wants a positive number of seconds, not "${v}"`);
  return n * 1000;
}

function parseArgs(argv: string[]): Args | 'help' {
  const a: Partial<Args> & { properties: Record<string, string> } = { properties: {}, timeoutMs: 30_000, waitMs: 300_000, boot: false, quiet: false };
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    let flag = argv[i];
    let inline: string | undefined;
    const eq = flag.startsWith('--') ? flag.indexOf('=') : -1;
    if (eq > 0) {
      inline = flag.slice(eq + 1);
      flag = flag.slice(0, eq);
    }
    const value = (): string => {
      if (inline !== undefined) return inline;
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '-h':
      case '--help':
        return 'help';
      case '--name': a.name = value(); break;
      case '--cloud': a.cloud = value(); break;
      case '--disk-format': {
        const f = value();
        if (!IMAGE_FORMATS.includes(f as ImageFormat)) throw new UsageError(`--disk-format must be one of ${IMAGE_FORMATS.join(', ')}`);
        a.diskFormat = f as ImageFormat;
        break;
      }
      case '--property': {
        const kv = value();
        const k = kv.indexOf('=');
        if (k <= 0) throw new UsageError(`--property wants KEY=VALUE, not "${kv}"`);
        a.properties[kv.slice(0, k)] = kv.slice(k + 1);
        break;
      }
      case '--timeout': a.timeoutMs = seconds(flag, value()); break;
      case '--wait': a.waitMs = seconds(flag, value()); break;
      case '--boot': a.boot = true; break;
      case '--flavor': a.flavor = value(); break;
      case '--network': a.network = value(); break;
      case '--server-name': a.serverName = value(); break;
      case '--quiet': a.quiet = true; break;
      default:
        if (flag.startsWith('-') && flag !== '-') throw new UsageError(`unknown option ${flag}`);
        positional.push(argv[i]);
    }
  }
  if (positional.length !== 1) throw new UsageError(positional.length === 0 ? 'name the image file to upload' : `one image file, not ${positional.length}`);
  if (a.boot && !a.flavor) throw new UsageError('--boot needs --flavor NAME');
  if (!a.boot && (a.flavor || a.network || a.serverName)) throw new UsageError('--flavor, --network and --server-name only go with --boot');
  return { ...a, file: positional[0] } as Args;
}

/** Runs the upload command; resolves with the process exit code. */
export async function runOpenstackUpload(
  argv: string[],
  io: CliIo = { stdout: process.stdout, stderr: process.stderr, env: process.env },
  programName = 'openstack-upload',
): Promise<number> {
  let args: Args | 'help';
  try {
    args = parseArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.stderr.write(`${programName}: ${e.message}\n${USAGE.replace('PROG', programName)}`);
    return 2;
  }
  if (args === 'help') {
    io.stdout.write(USAGE.replace('PROG', programName));
    return 0;
  }
  if (!fs.existsSync(args.file) || !fs.statSync(args.file).isFile()) {
    io.stderr.write(`${programName}: no image file ${args.file}\n`);
    return 2;
  }
  try {
    const config = loadCloudConfig(args.cloud, io.env);
    const session = await authenticate(config, args.timeoutMs);
    // Checked before the upload, so that a wrong flavor or network leaves no image behind.
    const target = args.boot ? await resolveBootTarget(session, args.flavor!, args.network) : undefined;
    const image = await uploadImage({
      session,
      file: args.file,
      name: args.name,
      diskFormat: args.diskFormat,
      properties: args.properties,
      waitMs: args.waitMs,
      pollMs: io.pollMs,
      progress: args.quiet ? null : io.stderr,
    });
    io.stdout.write(`image ${image.id} ${image.status}: "${image.name}", ${image.diskFormat}, ${image.size} bytes\n`);
    if (target) {
      const server = await bootServer({
        session,
        imageId: image.id,
        name: args.serverName ?? image.name ?? path.basename(args.file),
        target,
        waitMs: args.waitMs,
        pollMs: io.pollMs,
      });
      const addrs = Object.entries(server.addresses).map(([net, list]) => `${net}=${list.join(',')}`).join(' ');
      io.stdout.write(`server ${server.id} ${server.status}${addrs ? ` ${addrs}` : ''}\n`);
      io.stdout.write(`console: openstack console log show ${server.id}\n`);
    }
    return 0;
  } catch (e) {
    if (e instanceof OpenStackError) {
      io.stderr.write(`${programName}: ${e.message}\n`);
      return 1;
    }
    io.stderr.write(`${programName}: internal error: ${(e as Error).message ?? e}\n`);
    return 70;
  }
}
