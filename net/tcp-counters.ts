// TCP's counters, one per event and one per reason a segment is dropped, like the other
// layers' (net/ipv4.ts, net/udp.ts). Connections and the demultiplexer (net/tcp.ts) share one.

export class TcpCounters {
  received = 0;
  transmitted = 0;
  /** Shorter than 20 octets, or than its data offset says. */
  tooShort = 0;
  /** A data offset below 5 words or past the segment. */
  badOffset = 0;
  badChecksum = 0;
  /** To or from a broadcast, multicast or unspecified address, or from port 0. */
  badAddress = 0;
  /** For a port nobody listens on and no connection: answered with a reset (unless a reset). */
  noConnection = 0;
  resetsSent = 0;
  resetsReceived = 0;
  /** A SYN to a listener whose backlog of half-open connections is full: the oldest of them
   *  was dropped to make room. */
  synBacklogFull = 0;
  /** A SYN or connect while the connection table is full (after reclaiming TIME_WAIT). */
  tableFull = 0;
  /** Segments a listener ignores (neither SYN nor ACK nor RST). */
  listenIgnored = 0;
  /** Outside the receive window (RFC 9293 §3.10.7.4 first check): answered with an ACK. */
  outOfWindow = 0;
  /** RFC 5961: a reset in the window but not at RCV.NXT, a SYN on a synchronized connection,
   *  an ACK too old: answered with a challenge ACK (if under the rate limit). */
  challengeAcks = 0;
  /** Challenge ACKs not sent: over the per-second limit (RFC 5961 §7). */
  challengeAcksLimited = 0;
  /** PAWS (RFC 7323 §5): a timestamp older than the connection's latest: answered, dropped. */
  pawsRejected = 0;
  /** An ACK for data never sent: answered with an ACK, dropped. */
  ackOfUnsent = 0;
  /** Segments without ACK on a synchronized connection. */
  noAck = 0;
  /** Payload beyond the receive window (trimmed). */
  trimmed = 0;
  /** Out-of-order segments not kept (store full or beyond the window). */
  outOfOrderDropped = 0;
  /** Data arriving after this side's application closed the connection (discarded). */
  dataAfterClose = 0;
  retransmits = 0;
  fastRetransmits = 0;
  /** Holes resent from the SACK scoreboard during recovery (net/tcp-sack.ts). */
  sackRetransmits = 0;
  /** Retransmissions sent again during a SACK recovery: the first one was taken as lost
   *  (net/tcp-recovery.ts). */
  lostRetransmits = 0;
  /** Tail loss probes sent (RFC 8985 §7: net/tcp-timers.ts). */
  tailProbes = 0;
  timeouts = 0;
  windowProbes = 0;
  /** Connections given up after too many retransmissions. */
  retransmitAborts = 0;
  /** Half-open connections given up (the SYN-ACK was never acknowledged). */
  synReceivedTimeouts = 0;
  /** TIME_WAIT connections reclaimed early to make room in a full table. */
  timeWaitReclaimed = 0;
  connectionsOpened = 0;
  connectionsAccepted = 0;
}
