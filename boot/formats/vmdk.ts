// VMDK, VMware's format (also read by VirtualBox and QEMU): a monolithicSparse image,
// i.e. one file holding a sparse extent with the text descriptor embedded.
//
// Layout, in 512-byte sectors: the SparseExtentHeader (sector 0); the descriptor
// (sectors 1..20); the redundant grain directory and its grain tables; the grain
// directory and its grain tables (identical copies: VMware writes both, flag bit 1);
// padding to a whole grain; then the allocated 64 KiB grains in guest order. A grain
// table entry of 0 is an unallocated grain, read as zeros.
// The capacity is the raw size rounded up to a whole MiB: 16 grains, and a size
// VMware and VirtualBox show without fractions.

import { copyUnit, nonZeroUnits, roundUp } from './blocks';
import { contentUuid } from './uuid';

const SECTOR = 512;
const GRAIN_SECTORS = 128; // 64 KiB grains, VMware's default
const GRAIN = GRAIN_SECTORS * SECTOR;
const GTES_PER_GT = 512; // each grain table covers 32 MiB
const GT_SECTORS = (GTES_PER_GT * 4) / SECTOR;
const DESCRIPTOR_OFFSET = 1;
const DESCRIPTOR_SECTORS = 20;
const MIB = 1 << 20;
const FLAG_NEWLINE_TEST = 1;
const FLAG_REDUNDANT_GT = 2;

export interface VmdkOptions {
  /** File name written in the descriptor's extent line (the image's own base name). */
  fileName?: string;
}

function descriptor(capacitySectors: number, fileName: string, cid: number): string {
  // BIOS-style geometry (16 heads, 63 sectors) like VMware's IDE disks.
  const cylinders = Math.min(16383, Math.max(1, Math.floor(capacitySectors / (16 * 63))));
  const cidHex = cid.toString(16).padStart(8, '0');
  return [
    '# Disk DescriptorFile',
    'version=1',
    `CID=${cidHex}`,
    'parentCID=ffffffff',
    'createType="monolithicSparse"',
    '',
    '# Extent description',
    `RW ${capacitySectors} SPARSE "${fileName}"`,
    '',
    '# The Disk Data Base',
    '#DDB',
    '',
    'ddb.virtualHWVersion = "4"',
    `ddb.geometry.cylinders = "${cylinders}"`,
    'ddb.geometry.heads = "16"',
    'ddb.geometry.sectors = "63"',
    'ddb.adapterType = "ide"',
    '',
  ].join('\n');
}

export function writeVmdk(raw: Uint8Array, options: VmdkOptions = {}): Uint8Array {
  const capacity = Math.max(MIB, roundUp(raw.length, MIB));
  const capacitySectors = capacity / SECTOR;
  const grains = capacity / GRAIN;
  const data = nonZeroUnits(raw, GRAIN, capacity);
  const tables = Math.ceil(grains / GTES_PER_GT);
  const gdSectors = Math.ceil((tables * 4) / SECTOR);
  const directoryCopySectors = gdSectors + tables * GT_SECTORS;

  const rgdOffset = DESCRIPTOR_OFFSET + DESCRIPTOR_SECTORS;
  const gdOffset = rgdOffset + directoryCopySectors;
  const overhead = roundUp(gdOffset + directoryCopySectors, GRAIN_SECTORS);

  const out = new Uint8Array(overhead * SECTOR + data.length * GRAIN);
  const view = new DataView(out.buffer);

  // SparseExtentHeader, little-endian.
  out.set(Buffer.from('KDMV', 'latin1'), 0);
  view.setUint32(4, 1, true); // version
  view.setUint32(8, FLAG_NEWLINE_TEST | FLAG_REDUNDANT_GT, true);
  view.setBigUint64(12, BigInt(capacitySectors), true);
  view.setBigUint64(20, BigInt(GRAIN_SECTORS), true);
  view.setBigUint64(28, BigInt(DESCRIPTOR_OFFSET), true);
  view.setBigUint64(36, BigInt(DESCRIPTOR_SECTORS), true);
  view.setUint32(44, GTES_PER_GT, true);
  view.setBigUint64(48, BigInt(rgdOffset), true);
  view.setBigUint64(56, BigInt(gdOffset), true);
  view.setBigUint64(64, BigInt(overhead), true);
  out[72] = 0; // clean shutdown
  out.set([0x0a, 0x20, 0x0d, 0x0a], 73); // the newline-corruption test characters
  // 77: compression 0 (none).

  // The CID identifies this content to VMware's parent/child checks; derived, not random.
  const cid = new DataView(contentUuid('tsuk vmdk cid', raw).buffer).getUint32(0) >>> 0;
  const text = Buffer.from(descriptor(capacitySectors, options.fileName ?? 'tsuk.vmdk', cid), 'latin1');
  if (text.length > DESCRIPTOR_SECTORS * SECTOR) throw new RangeError('vmdk: descriptor too long (file name?)');
  out.set(text, DESCRIPTOR_OFFSET * SECTOR);

  // Both directory copies: entry t points to grain table t of that copy.
  for (const dir of [rgdOffset, gdOffset]) {
    for (let t = 0; t < tables; t++) view.setUint32(dir * SECTOR + t * 4, dir + gdSectors + t * GT_SECTORS, true);
  }
  data.forEach((grain, i) => {
    const sector = overhead + i * GRAIN_SECTORS;
    for (const dir of [rgdOffset, gdOffset]) {
      view.setUint32((dir + gdSectors) * SECTOR + grain * 4, sector, true);
    }
    copyUnit(raw, GRAIN, grain, out, sector * SECTOR);
  });
  return out;
}
