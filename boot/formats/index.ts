// Disk image formats: the raw image the linker and boot sector produce, converted to the
// format a hypervisor or cloud wants. Every writer is a pure function of the raw bytes
// (no timestamps, no random UUIDs), so the same service always gives the same file.
//
//   raw    .img .raw  QEMU/KVM, OpenStack (as is)
//   qcow2  .qcow2     QEMU/KVM, OpenStack
//   vdi    .vdi       VirtualBox
//   vmdk   .vmdk      VMware, VirtualBox, QEMU
//
// Sparse formats round the virtual size up (see each writer); the extra sectors read as
// zeros, and the guest never reads past its kernel.

import * as path from 'path';
import { roundUp } from './blocks';
import { writeQcow2 } from './qcow2';
import { writeVdi } from './vdi';
import { writeVmdk } from './vmdk';

export type ImageFormat = 'raw' | 'qcow2' | 'vdi' | 'vmdk';
export const IMAGE_FORMATS: readonly ImageFormat[] = ['raw', 'qcow2', 'vdi', 'vmdk'];

const EXTENSIONS: Record<string, ImageFormat> = {
  '.img': 'raw',
  '.raw': 'raw',
  '.qcow2': 'qcow2',
  '.vdi': 'vdi',
  '.vmdk': 'vmdk',
};

/** The format an output path asks for by its extension (case-insensitive), if known. */
export function formatFromPath(file: string): ImageFormat | undefined {
  return EXTENSIONS[path.extname(file).toLowerCase()];
}

export interface WriteImageOptions {
  /** VMDK only: the file name its descriptor names as the extent (default "tsuk.vmdk"). */
  fileName?: string;
}

/** The raw disk image `raw` in `format`. Raw output is padded to whole 512-byte sectors. */
export function writeImage(raw: Uint8Array, format: ImageFormat, options: WriteImageOptions = {}): Uint8Array {
  switch (format) {
    case 'raw': {
      if (raw.length % 512 === 0) return raw;
      const padded = new Uint8Array(roundUp(raw.length, 512));
      padded.set(raw);
      return padded;
    }
    case 'qcow2':
      return writeQcow2(raw);
    case 'vdi':
      return writeVdi(raw);
    case 'vmdk':
      return writeVmdk(raw, { fileName: options.fileName });
  }
}

/** The virtual disk size `writeImage(raw, format)` gives, in bytes. */
export function virtualSize(rawBytes: number, format: ImageFormat): number {
  const mib = 1 << 20;
  switch (format) {
    case 'raw':
    case 'qcow2':
      return roundUp(rawBytes, 512);
    case 'vdi':
    case 'vmdk':
      return Math.max(mib, roundUp(rawBytes, mib));
  }
}
