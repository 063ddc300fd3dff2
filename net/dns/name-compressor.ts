// The compression table of one outgoing message (RFC 1035 §4.1.4): which name suffixes have
// been written, and where. Keys are Name keys (lowercased), so a suffix written in one case is
// reused for another, as matching is case-insensitive. Entries are kept in increasing offset
// order in arrays reused from message to message; rolling back a truncated RRset drops the
// entries it added. A reply holds a handful of distinct names, so a linear scan beats hashing.

/** Pointers carry 14 bits of offset. */
const MAX_POINTER_OFFSET = 0x3fff;

export class NameCompressor {
  private keys: string[] = [];
  private offsets: number[] = [];
  private count = 0;

  reset(): void {
    this.count = 0;
  }

  /** Offset of a written name with this key, or -1. */
  find(key: string): number {
    for (let i = 0; i < this.count; i++) if (this.keys[i] === key) return this.offsets[i];
    return -1;
  }

  /** Records that the name `key` starts at `offset` (ignored beyond pointer range). */
  add(key: string, offset: number): void {
    if (offset > MAX_POINTER_OFFSET) return;
    if (this.count < this.keys.length) {
      this.keys[this.count] = key;
      this.offsets[this.count] = offset;
    } else {
      this.keys.push(key);
      this.offsets.push(offset);
    }
    this.count++;
  }

  /** Forgets every name written at or after `offset`. */
  rollback(offset: number): void {
    while (this.count > 0 && this.offsets[this.count - 1] >= offset) this.count--;
  }
}
