// Glance v2 image upload: create the image record, stream the file into it, and wait
// until Glance reports it `active`.

import * as fs from 'fs';
import * as path from 'path';
import { Transform } from 'stream';
import { ImageFormat } from '../../boot/formats';
import { detectDiskFormat } from './disk-format';
import { malformedError, OpenStackError } from './errors';
import { json, send } from './http';
import { authHeaders, endpoint, Session } from './keystone';
import { Progress, ProgressSink } from './progress';

export interface UploadOptions {
  session: Session;
  /** The image file (raw, qcow2, vdi or vmdk). */
  file: string;
  /** Image name (default: the file name without its extension). */
  name?: string;
  /** disk_format (default: detected from the file's content). */
  diskFormat?: ImageFormat;
  /** Extra image properties (strings), added to / overriding the defaults. */
  properties?: Record<string, string>;
  /** How long to wait for `active` after the upload (default 300 s). */
  waitMs?: number;
  /** Poll interval while waiting (default 2 s). */
  pollMs?: number;
  /** Where progress goes (default stderr); null for none. */
  progress?: ProgressSink | null;
  progressIntervalMs?: number;
}

export interface UploadedImage {
  id: string;
  name: string;
  status: string;
  diskFormat: ImageFormat;
  size: number;
}

interface GlanceImage {
  id?: string;
  status?: string;
  size?: number | null;
}

/**
 * The image properties tsuk images want. hw_disk_bus is "ide": tsuk's boot sector reads
 * the kernel through BIOS int 13h, so the disk only has to sit on a bus SeaBIOS boots
 * from, and IDE is the one every hypervisor (and every SeaBIOS build) supports; virtio-blk
 * would work too but buys nothing for a disk read once at boot. The NIC is virtio-net
 * (tsuk's driver); os_type "linux" only keeps Nova's defaults (e.g. the RTC in UTC).
 */
export const DEFAULT_PROPERTIES: Readonly<Record<string, string>> = {
  hw_vif_model: 'virtio',
  hw_disk_bus: 'ide',
  os_type: 'linux',
};

/** The Glance base URL with any /v2 suffix removed (catalogs list it either way). */
function glanceUrl(session: Session): string {
  return endpoint(session, 'image').replace(/\/v2(\.\d+)?$/, '');
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export async function uploadImage(options: UploadOptions): Promise<UploadedImage> {
  const { session, file } = options;
  let size: number;
  try {
    size = fs.statSync(file).size;
  } catch (e) {
    throw new OpenStackError(`cannot read image ${file}: ${(e as Error).message}`);
  }
  const diskFormat = options.diskFormat ?? detectDiskFormat(file);
  const name = options.name ?? path.basename(file).replace(/\.[^.]*$/, '');
  const base = glanceUrl(session);
  const headers = authHeaders(session);

  const created = await send(session.transport, {
    what: 'Glance: create image',
    method: 'POST',
    url: `${base}/v2/images`,
    headers,
    json: {
      name,
      disk_format: diskFormat,
      container_format: 'bare',
      visibility: 'private',
      ...DEFAULT_PROPERTIES,
      ...options.properties,
    },
    expect: [201],
  });
  const image = json<GlanceImage>('Glance: create image', created, 'the image as JSON');
  if (typeof image.id !== 'string') throw malformedError('Glance: create image', 'an image with an id');
  const id = image.id;
  try {
    await sendData(options, base, id, size);
    return { id, name, diskFormat, ...(await waitActive(options, base, id, size)) };
  } catch (e) {
    // An image that never got its data stays `queued` for ever: delete it, so a failed upload
    // leaves nothing behind.
    if (!(e instanceof OpenStackError)) throw e;
    throw new OpenStackError(`${e.message}${await deleteImage(session, base, id)}`, e.status);
  }
}

/** Streams the file into image `id`. */
async function sendData(options: UploadOptions, base: string, id: string, size: number): Promise<void> {
  const { session, file } = options;
  // Count the bytes as they leave for the progress display.
  const progress = options.progress === null ? undefined : new Progress(size, options.progress, options.progressIntervalMs);
  let sent = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      sent += chunk.length;
      progress?.update(sent);
      done(null, chunk);
    },
  });
  const source = fs.createReadStream(file);
  source.on('error', (e) => counter.destroy(e));
  progress?.update(0);
  await send(session.transport, {
    what: `Glance: upload image data (${id})`,
    method: 'PUT',
    url: `${base}/v2/images/${id}/file`,
    headers: authHeaders(session),
    stream: { body: source.pipe(counter), length: size, contentType: 'application/octet-stream' },
    expect: [204],
  });
}

/** Glance may still be checksumming or copying to its store: waits for `active`. */
async function waitActive(options: UploadOptions, base: string, id: string, size: number): Promise<{ status: string; size: number }> {
  const { session } = options;
  const headers = authHeaders(session);
  const waitMs = options.waitMs ?? 300_000;
  const deadline = Date.now() + waitMs;
  for (;;) {
    const res = await send(session.transport, { what: `Glance: show image ${id}`, method: 'GET', url: `${base}/v2/images/${id}`, headers, expect: [200] });
    const shown = json<GlanceImage>(`Glance: show image ${id}`, res, 'the image as JSON');
    const status = shown.status ?? 'unknown';
    if (status === 'active') return { status, size: shown.size ?? size };
    if (status === 'killed' || status === 'deleted' || status === 'pending_delete' || status === 'deactivated') {
      throw new OpenStackError(`Glance: image ${id} ended ${status} after the upload`);
    }
    if (Date.now() >= deadline) throw new OpenStackError(`Glance: image ${id} still "${status}" after ${waitMs / 1000} s`);
    await sleep(Math.min(options.pollMs ?? 2000, Math.max(0, deadline - Date.now())));
  }
}

/** Deletes image `id` after a failure; what to add to the error message about it. */
async function deleteImage(session: Session, base: string, id: string): Promise<string> {
  try {
    await send(session.transport, { what: `Glance: delete image ${id}`, method: 'DELETE', url: `${base}/v2/images/${id}`, headers: authHeaders(session), expect: [204] });
    return ` (image ${id} deleted)`;
  } catch (e) {
    if (!(e instanceof OpenStackError)) throw e;
    return ` (and deleting image ${id} failed too: ${e.message}; delete it with \`openstack image delete ${id}\`)`;
  }
}
