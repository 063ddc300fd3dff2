// ud2: the invalid-opcode exception.
import { ud2 } from 'tsuk:hw';

function bad(): void {
  ud2(); // FAULT
}

function caller(): void {
  bad(); // CALL
}

caller();
