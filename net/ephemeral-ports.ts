// Ephemeral ports (RFC 6335 §6: IANA's dynamic range 49152–65535), where a socket that did not
// choose a port gets one — as Node does through the OS. The search starts after the last port
// handed out, so a port just released is not reused at once.

export const EPHEMERAL_FIRST = 49152;
export const EPHEMERAL_COUNT = 16384;

export class EphemeralPorts {
  private next = 0;

  /** A port of the range for which `inUse` is false, or 0 when every one is taken. */
  take(inUse: (port: number) => boolean): number {
    for (let i = 0; i < EPHEMERAL_COUNT; i++) {
      const port = EPHEMERAL_FIRST + ((this.next + i) % EPHEMERAL_COUNT);
      if (!inUse(port)) {
        this.next = (this.next + i + 1) % EPHEMERAL_COUNT;
        return port;
      }
    }
    return 0;
  }
}
