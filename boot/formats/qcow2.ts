// qcow2 (QEMU copy-on-write, version 3), the format OpenStack clouds prefer.
//
// Layout, in 64 KiB clusters: the header; the L1 table; the refcount table; the
// refcount blocks; the L2 tables; then the data clusters in guest order. Only clusters
// holding a non-zero byte are allocated; the rest read as zeros. Refcounts are 16 bits
// (refcount_order 4) and every cluster in use, metadata included, has refcount 1, so
// every L1/L2 entry carries QCOW_OFLAG_COPIED as `qemu-img check` expects.
// The virtual size is the raw size rounded up to whole 512-byte sectors; the file is
// whole clusters.

import { copyUnit, nonZeroUnits, roundUp } from './blocks';

const CLUSTER_BITS = 16;
const CLUSTER = 1 << CLUSTER_BITS;
const HEADER_LENGTH = 104; // the version 3 header without optional fields
const REFCOUNT_ORDER = 4; // 16-bit refcounts, QEMU's default
const L2_ENTRIES = CLUSTER / 8;
const REFCOUNTS_PER_BLOCK = CLUSTER / 2;
const OFLAG_COPIED = 1n << 63n;

function clustersFor(bytes: number): number {
  return Math.max(1, Math.ceil(bytes / CLUSTER));
}

export function writeQcow2(raw: Uint8Array): Uint8Array {
  const virtualSize = roundUp(raw.length, 512);
  const data = nonZeroUnits(raw, CLUSTER, virtualSize);
  const l1Entries = Math.max(1, Math.ceil(Math.ceil(virtualSize / CLUSTER) / L2_ENTRIES));
  const l2Tables = [...new Set(data.map((c) => Math.floor(c / L2_ENTRIES)))];

  const l1Clusters = clustersFor(l1Entries * 8);
  // The refcount blocks count themselves and the table that lists them: grow until fixed.
  const fixed = 1 + l1Clusters + l2Tables.length + data.length;
  let blocks = 1;
  let tableClusters = 1;
  for (;;) {
    const total = fixed + tableClusters + blocks;
    const needBlocks = Math.ceil(total / REFCOUNTS_PER_BLOCK);
    const needTable = clustersFor(needBlocks * 8);
    if (needBlocks === blocks && needTable === tableClusters) break;
    blocks = needBlocks;
    tableClusters = needTable;
  }

  const l1Offset = CLUSTER;
  const refTableOffset = l1Offset + l1Clusters * CLUSTER;
  const refBlocksOffset = refTableOffset + tableClusters * CLUSTER;
  const l2Offset = refBlocksOffset + blocks * CLUSTER;
  const dataOffset = l2Offset + l2Tables.length * CLUSTER;
  const totalClusters = dataOffset / CLUSTER + data.length;

  const out = new Uint8Array(totalClusters * CLUSTER);
  const view = new DataView(out.buffer);

  // Header (all fields big-endian).
  out.set([0x51, 0x46, 0x49, 0xfb], 0); // "QFI\xfb"
  view.setUint32(4, 3);
  view.setUint32(20, CLUSTER_BITS);
  view.setBigUint64(24, BigInt(virtualSize));
  view.setUint32(36, l1Entries);
  view.setBigUint64(40, BigInt(l1Offset));
  view.setBigUint64(48, BigInt(refTableOffset));
  view.setUint32(56, tableClusters);
  view.setUint32(96, REFCOUNT_ORDER);
  view.setUint32(100, HEADER_LENGTH);
  // Bytes HEADER_LENGTH.. are zero: the "end of header extensions" marker.

  // L1 → L2 tables, L2 → data clusters.
  l2Tables.forEach((t, i) => {
    view.setBigUint64(l1Offset + t * 8, BigInt(l2Offset + i * CLUSTER) | OFLAG_COPIED);
  });
  data.forEach((c, i) => {
    const host = dataOffset + i * CLUSTER;
    const table = l2Tables.indexOf(Math.floor(c / L2_ENTRIES));
    view.setBigUint64(l2Offset + table * CLUSTER + (c % L2_ENTRIES) * 8, BigInt(host) | OFLAG_COPIED);
    copyUnit(raw, CLUSTER, c, out, host);
  });

  // Refcount table → blocks; every cluster of the file is in use exactly once.
  for (let b = 0; b < blocks; b++) view.setBigUint64(refTableOffset + b * 8, BigInt(refBlocksOffset + b * CLUSTER));
  for (let c = 0; c < totalClusters; c++) view.setUint16(refBlocksOffset + c * 2, 1);
  return out;
}
