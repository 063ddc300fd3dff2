// The raw disk image: the boot sector at LBA 0, then the kernel from LBA 1.
//
// The kernel is the flat binary the linker produced for KERNEL_LOAD_ADDRESS (its first
// byte is where the boot sector jumps). It is padded with zeros to whole sectors, and
// its sector count is patched into the boot sector. Nothing here depends on time,
// paths or the host, so the same kernel bytes always give the same image.
// (Conversions to vdi / vmdk / qcow2 belong beside this file, built on the raw image.)

import { buildBootSector, MAX_KERNEL_SECTORS, SECTOR_SIZE } from './bootsector';

/** Sectors needed for a kernel of `kernelBytes` bytes. */
export function kernelSectorCount(kernelBytes: number): number {
  if (!Number.isInteger(kernelBytes) || kernelBytes < 0) {
    throw new RangeError(`boot: kernel size ${kernelBytes} is not a byte count`);
  }
  return Math.ceil(kernelBytes / SECTOR_SIZE);
}

/** Boot sector + kernel, padded to a multiple of SECTOR_SIZE bytes. */
export function writeRawImage(kernel: Uint8Array): Uint8Array {
  const sectors = kernelSectorCount(kernel.length);
  if (sectors === 0) throw new RangeError('boot: the kernel is empty');
  if (sectors > MAX_KERNEL_SECTORS) throw new RangeError(`boot: kernel of ${kernel.length} bytes is too large`);
  const image = new Uint8Array(SECTOR_SIZE * (1 + sectors));
  image.set(buildBootSector(sectors), 0);
  image.set(kernel, SECTOR_SIZE);
  return image;
}
