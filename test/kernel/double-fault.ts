// `int 8` enters the double-fault task gate as a real double fault would: the handler runs on
// its own stack in its own task and reports the interrupted state.
import { interrupt } from 'tsuk:hw';

function fault(): void {
  interrupt(8); // FAULT
}

function caller(): void {
  fault(); // CALL
}

caller();
