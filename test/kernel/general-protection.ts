// Loading a selector beyond the GDT's limit: a general protection fault with the selector as
// its error code.
import { loadDataSegments } from 'tsuk:hw';

function badSegment(): void {
  loadDataSegments(0x40); // FAULT
}

function caller(): void {
  badSegment(); // CALL
}

caller();
