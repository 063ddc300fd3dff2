// Content-derived UUIDs for image headers (VDI's creation/modification UUIDs, VMDK's
// CID). tsuk images are deterministic, so these cannot be random: they are the SHA-1
// of a label and the disk content, shaped as an RFC 4122 name-based (version 5) UUID.
// Two images with the same content therefore share a UUID; VirtualBox refuses to
// register both at once (docs/DEPLOY.md shows `VBoxManage internalcommands sethduuid`).

import { createHash } from 'crypto';

/** 16 bytes: SHA-1(label || 0 || content) with the version-5 and variant bits set. */
export function contentUuid(label: string, content: Uint8Array): Uint8Array {
  const digest = createHash('sha1').update(label).update(new Uint8Array([0])).update(content).digest();
  const uuid = new Uint8Array(digest.subarray(0, 16));
  uuid[6] = (uuid[6] & 0x0f) | 0x50;
  uuid[8] = (uuid[8] & 0x3f) | 0x80;
  return uuid;
}
