// The one network stack that Node-shaped APIs (net/node/dgram.ts) share: the machine's first
// virtio-net card with an Inet on it, made when the first socket needs it.
//
// The address comes from DHCP unless the image was built with a static one:
//   tsuk compile service.ts --env TSUK_ADDRESS=10.0.3.2 --env TSUK_NETMASK=255.255.255.0 \
//                           --env TSUK_GATEWAY=10.0.3.1
// (process.env is fixed at compile time in tsuk). The stack's timers (DHCP renewal, ARP
// retries) would keep the event loop alive forever, so the stack is stopped when the last
// socket closes and started again by the next one — the machine powers off when a service has
// closed everything, as a Node process exits.

import { VirtioNet } from '../../drivers/virtio-net';
import { Inet, InetOptions } from '../inet';

let inet: Inet | null = null;
let users = 0;
let configured = false;
let waiting: (() => void)[] = [];

function options(): InetOptions {
  const address = process.env.TSUK_ADDRESS;
  if (address === undefined) {
    return {};
  }
  return { address: address, netmask: process.env.TSUK_NETMASK ?? '255.255.255.0', gateway: process.env.TSUK_GATEWAY };
}

/** The shared stack, created on first use; throws when the machine has no network card. */
export function acquireStack(): Inet {
  if (inet === null) {
    const nic = VirtioNet.find();
    if (nic === null) {
      throw new Error('no network card: boot with a virtio-net device (e.g. tsuk run --net)');
    }
    const stack = new Inet(nic, options());
    nic.onFrame = (frame: Uint8Array) => stack.receive(frame);
    stack.onConfigured = () => {
      configured = true;
      const ready = waiting;
      waiting = [];
      for (const f of ready) {
        f();
      }
    };
    inet = stack;
  }
  users++;
  if (users === 1) {
    inet.start();
  }
  return inet;
}

/** A socket is done with the stack; the last one stops its timers. */
export function releaseStack(): void {
  users--;
  if (users === 0 && inet !== null) {
    inet.stop();
  }
}

/** Runs `f` once the stack has an address (at once, from the event loop, if it has one). */
export function whenConfigured(f: () => void): void {
  if (configured) {
    setTimeout(f, 0);
  } else {
    waiting.push(f);
  }
}
