// The network interface card as the protocol stack sees it: a MAC address and a way to send a
// frame. The driver (drivers/virtio-net.ts) implements it; unit tests use a recording NIC.
// Frames go up the other way: the driver calls Inet.receive for every frame it receives.

export interface Nic {
  /** The card's MAC address, 6 bytes. */
  readonly mac: Uint8Array;
  /** Sends one Ethernet frame (14-byte header + payload, no FCS). The NIC copies it before
   *  returning, so the stack may reuse the buffer at once. */
  transmit(frame: Uint8Array): void;
}
