// int3: the breakpoint exception (a trap: reported at the int3 itself).
import { interrupt } from 'tsuk:hw';

function stop(): void {
  interrupt(3); // FAULT
}

function caller(): void {
  stop(); // CALL
}

caller();
