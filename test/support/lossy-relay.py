#!/usr/bin/env python3
# A lossy link in user space, for kernels without netem (CONFIG_NET_SCH_NETEM unset): relays
# Ethernet frames between QEMU's `-netdev dgram` backend (one UDP datagram per frame on the
# loopback) and a Linux TAP device, and on the way drops, duplicates, delays and so reorders
# them. Every decision comes from one PRNG seeded on the command, so a failing run can be
# replayed with the same seed (the timing of the guest still varies; the impairment sequence
# per direction does not).
#
#   lossy-relay.py TAP RELAY_PORT QEMU_PORT      (as root, in the network namespace of TAP)
#
# QEMU sends the guest's frames to 127.0.0.1:RELAY_PORT and receives on 127.0.0.1:QEMU_PORT.
# Commands on stdin, one per line, each answered with one line on stdout:
#   set loss=0.02 dup=0.01 reorder=0.01 delay=50 jitter=20 seed=7   → ok
#   stats                                  → a JSON object of counters, per direction
# (probabilities, milliseconds). Each frame's delay is uniform in [delay-jitter, delay+jitter],
# but a frame leaves no earlier than the one before it, as netem's jitter does behind a rate
# limit: independent jitter on back-to-back frames would reorder nearly every one of them
# (measured: 60 % of frames), which no real path does and which turns every window into a
# storm of duplicate ACKs. Reordering is its own probability instead: such a frame is held and
# leaves just after the next frame of its direction (or after `delay` more if none comes), the
# displacement by one that parallel links and NIC queues cause; delivered behind a frame sent
# after it, it is counted as reordered.
import fcntl, heapq, json, os, random, select, socket, struct, sys, time

TUNSETIFF = 0x400454CA
IFF_TAP = 0x0002
IFF_NO_PI = 0x1000

tap_name, relay_port, qemu_port = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
tap = os.open('/dev/net/tun', os.O_RDWR | os.O_NONBLOCK)
fcntl.ioctl(tap, TUNSETIFF, struct.pack('16sH', tap_name.encode(), IFF_TAP | IFF_NO_PI))
udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
udp.bind(('127.0.0.1', relay_port))
udp.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4 << 20)
udp.setblocking(False)
qemu = ('127.0.0.1', qemu_port)

params = {'loss': 0.0, 'dup': 0.0, 'reorder': 0.0, 'delay': 0.0, 'jitter': 0.0, 'seed': 1}
rng = {'to_guest': random.Random(1), 'to_linux': random.Random(2)}


def fresh_stats():
    return {d: {'frames': 0, 'dropped': 0, 'duplicated': 0, 'reordered': 0} for d in rng}


stats = fresh_stats()
queue = []          # (due time, sequence, direction, frame, sent number)
seq = 0
sent_no = {'to_guest': 0, 'to_linux': 0}
last_delivered = {'to_guest': -1, 'to_linux': -1}
last_due = {'to_guest': 0.0, 'to_linux': 0.0}
held = {'to_guest': None, 'to_linux': None}   # a frame waiting for the next one to pass it


def impair(direction, frame, now):
    global seq
    r = rng[direction]
    s = stats[direction]
    s['frames'] += 1
    if r.random() < params['loss']:
        s['dropped'] += 1
        return
    copies = 2 if r.random() < params['dup'] else 1
    if copies == 2:
        s['duplicated'] += 1
    n = sent_no[direction]
    sent_no[direction] += 1
    for _ in range(copies):
        d = params['delay'] + (r.random() * 2 - 1) * params['jitter']
        due = max(now + max(d, 0) / 1000.0, last_due[direction])
        if held[direction] is None and r.random() < params['reorder']:
            held[direction] = (due + params['delay'] / 1000.0, frame, n)
            continue
        last_due[direction] = due
        seq += 1
        heapq.heappush(queue, (due, seq, direction, frame, n))
        release(direction, due)


def release(direction, after):
    """Schedules the held frame of `direction`, if any, just after time `after`."""
    global seq
    h = held[direction]
    if h is None:
        return
    held[direction] = None
    due = after + 0.0001
    last_due[direction] = max(last_due[direction], due)
    seq += 1
    heapq.heappush(queue, (due, seq, direction, h[1], h[2]))


def deliver(direction, frame, n):
    s = stats[direction]
    if n < last_delivered[direction]:
        s['reordered'] += 1
    else:
        last_delivered[direction] = n
    try:
        if direction == 'to_guest':
            udp.sendto(frame, qemu)
        else:
            os.write(tap, frame)
    except (BlockingIOError, OSError):
        pass  # a full queue is a loss too


def command(line):
    global stats
    words = line.split()
    if not words:
        return
    if words[0] == 'set':
        for w in words[1:]:
            k, v = w.split('=')
            params[k] = float(v)
        seed = int(params['seed'])
        rng['to_guest'] = random.Random(seed * 2 + 1)
        rng['to_linux'] = random.Random(seed * 2 + 2)
        stats = fresh_stats()
        out = 'ok'
    elif words[0] == 'stats':
        out = json.dumps(stats)
    else:
        out = 'unknown command'
    sys.stdout.write(out + '\n')
    sys.stdout.flush()


stdin = sys.stdin.buffer.raw
pending = b''
sys.stderr.write('ready\n')
sys.stderr.flush()
while True:
    now = time.monotonic()
    for direction in held:
        if held[direction] is not None and held[direction][0] <= now:
            release(direction, now)  # no frame came to pass it
    while queue and queue[0][0] <= now:
        _, _, direction, frame, n = heapq.heappop(queue)
        deliver(direction, frame, n)
    timeout = max(queue[0][0] - now, 0) if queue else 0.01 if any(held.values()) else 1.0
    ready, _, _ = select.select([tap, udp, stdin], [], [], timeout)
    now = time.monotonic()
    if tap in ready:
        for _ in range(64):
            try:
                impair('to_guest', os.read(tap, 65536), now)
            except BlockingIOError:
                break
    if udp in ready:
        for _ in range(64):
            try:
                frame, _ = udp.recvfrom(65536)
            except BlockingIOError:
                break
            impair('to_linux', frame, now)
    if stdin in ready:
        chunk = stdin.read(4096)
        if not chunk:
            break
        pending += chunk
        while b'\n' in pending:
            line, pending = pending.split(b'\n', 1)
            command(line.decode())
