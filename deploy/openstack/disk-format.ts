// The Glance `disk_format` of an image file. The file's first bytes decide (qcow2, VMDK
// and VDI have magic numbers; anything else is raw), so a qcow2 image named dns.img is
// still declared qcow2: a wrong disk_format makes Nova boot garbage.

import * as fs from 'fs';
import { ImageFormat } from '../../boot/formats';

export function detectDiskFormat(file: string): ImageFormat {
  const head = Buffer.alloc(0x48);
  const fd = fs.openSync(file, 'r');
  let n: number;
  try {
    n = fs.readSync(fd, head, 0, head.length, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (n >= 4 && head.readUInt32BE(0) === 0x514649fb) return 'qcow2'; // "QFI\xfb"
  if (n >= 4 && head.toString('latin1', 0, 4) === 'KDMV') return 'vmdk';
  if (n >= 0x44 && head.readUInt32LE(0x40) === 0xbeda107f) return 'vdi';
  return 'raw';
}
