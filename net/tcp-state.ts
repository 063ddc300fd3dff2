// The states of a TCP connection (RFC 9293 §3.3.2) and their names. A module of its own so
// that the connection (net/tcp-connection.ts), its output and timers (net/tcp-output.ts,
// net/tcp-timers.ts) and the demultiplexer (net/tcp.ts) can all test the state without
// importing one another's values in a circle.

export const CLOSED = 0;
export const SYN_SENT = 1;
export const SYN_RECEIVED = 2;
export const ESTABLISHED = 3;
export const FIN_WAIT_1 = 4;
export const FIN_WAIT_2 = 5;
export const CLOSE_WAIT = 6;
export const CLOSING = 7;
export const LAST_ACK = 8;
export const TIME_WAIT = 9;
export const STATE_NAMES = ['CLOSED', 'SYN-SENT', 'SYN-RECEIVED', 'ESTABLISHED', 'FIN-WAIT-1', 'FIN-WAIT-2', 'CLOSE-WAIT', 'CLOSING', 'LAST-ACK', 'TIME-WAIT'];
