// VDI, VirtualBox's native disk format: a dynamic image with a version 1.1 header.
//
// Layout: the 512-byte header sector (the pre-header text, signature and version, then
// the VDIHEADER1PLUS fields); the block map (one little-endian u32 per 1 MiB block,
// padded to a sector); then the allocated blocks in guest order. All-zero blocks stay
// unallocated (0xFFFFFFFF, VBox's VDI_IMAGE_BLOCK_FREE), which both VirtualBox and QEMU
// read as zeros in an image without a parent.
// The virtual size is the raw size rounded up to whole 1 MiB blocks: QEMU only opens VDI
// images with 1 MiB blocks, and VirtualBox itself sizes disks in MiB.

import { copyUnit, nonZeroUnits, roundUp } from './blocks';
import { contentUuid } from './uuid';

const BLOCK = 1 << 20;
const SECTOR = 512;
const TEXT = '<<< Oracle VM VirtualBox Disk Image >>>\n';
const SIGNATURE = 0xbeda107f;
const VERSION_1_1 = 0x00010001;
const HEADER_START = 0x48; // after the 64-byte text, signature and version
const HEADER_SIZE = 400; // sizeof(VDIHEADER1PLUS)
const TYPE_DYNAMIC = 1;
const BLOCK_FREE = 0xffffffff;

/** VirtualBox stores UUIDs as little-endian GUIDs: the first three fields byte-swapped. */
function guidBytes(uuid: Uint8Array): Uint8Array {
  const g = new Uint8Array(uuid);
  g.set([uuid[3], uuid[2], uuid[1], uuid[0], uuid[5], uuid[4], uuid[7], uuid[6]], 0);
  return g;
}

export function writeVdi(raw: Uint8Array): Uint8Array {
  const virtualSize = Math.max(BLOCK, roundUp(raw.length, BLOCK));
  const blocks = virtualSize / BLOCK;
  const data = nonZeroUnits(raw, BLOCK, virtualSize);
  const mapOffset = SECTOR;
  const dataOffset = mapOffset + roundUp(blocks * 4, SECTOR);

  const out = new Uint8Array(dataOffset + data.length * BLOCK);
  const view = new DataView(out.buffer);
  out.set(Buffer.from(TEXT, 'latin1'), 0);
  view.setUint32(0x40, SIGNATURE, true);
  view.setUint32(0x44, VERSION_1_1, true);

  const h = HEADER_START;
  view.setUint32(h + 0, HEADER_SIZE, true);
  view.setUint32(h + 4, TYPE_DYNAMIC, true);
  // h + 8: flags 0; h + 12: 256-byte comment, empty.
  view.setUint32(h + 268, mapOffset, true);
  view.setUint32(h + 272, dataOffset, true);
  // h + 276: legacy geometry; cylinders/heads/sectors 0 let VirtualBox choose, but the
  // sector size must be 512.
  view.setUint32(h + 288, SECTOR, true);
  view.setBigUint64(h + 296, BigInt(virtualSize), true);
  view.setUint32(h + 304, BLOCK, true);
  // h + 308: extra bytes per block 0.
  view.setUint32(h + 312, blocks, true);
  view.setUint32(h + 316, data.length, true);
  // Creation and modification UUIDs from the content (deterministic; see uuid.ts).
  // The linkage and parent UUIDs stay zero: this image has no parent.
  out.set(guidBytes(contentUuid('tsuk vdi image', raw)), h + 320);
  out.set(guidBytes(contentUuid('tsuk vdi modification', raw)), h + 336);
  // h + 384: LCHS geometry 0 (VirtualBox computes one).

  for (let b = 0; b < blocks; b++) view.setUint32(mapOffset + b * 4, BLOCK_FREE, true);
  data.forEach((block, i) => {
    view.setUint32(mapOffset + block * 4, i, true);
    copyUnit(raw, BLOCK, block, out, dataOffset + i * BLOCK);
  });
  return out;
}
