// A ledger service: accounts, transfers that must not overdraw, custom error classes, an
// audit log, rollback of a failed batch (try/catch/finally), and an end-of-day report.

class LedgerError extends Error {
  constructor(message: string, readonly code: string) {
    super(message);
    this.name = 'LedgerError';
  }
}

class InsufficientFunds extends LedgerError {
  constructor(readonly account: string, readonly needed: number, readonly available: number) {
    super(`account ${account} needs ${needed.toFixed(2)} but has ${available.toFixed(2)}`, 'NSF');
    this.name = 'InsufficientFunds';
  }
}

interface Entry {
  seq: number;
  from: string;
  to: string;
  cents: number;
  memo: string;
}

class Ledger {
  private balances = new Map<string, number>();
  private entries: Entry[] = [];
  private seq = 0;
  audit: string[] = [];

  open(id: string, cents = 0): void {
    if (this.balances.has(id)) throw new LedgerError(`account ${id} exists`, 'DUP');
    this.balances.set(id, cents);
    this.audit.push(`open ${id} ${cents}`);
  }

  balance(id: string): number {
    const b = this.balances.get(id);
    if (b === undefined) throw new LedgerError(`no account ${id}`, 'NOACCT');
    return b;
  }

  transfer(from: string, to: string, amount: number, memo = ''): Entry {
    const cents = Math.round(amount * 100);
    if (!(cents > 0)) throw new LedgerError(`bad amount ${amount}`, 'AMOUNT');
    const have = this.balance(from);
    this.balance(to);
    if (have < cents) throw new InsufficientFunds(from, cents / 100, have / 100);
    this.balances.set(from, have - cents);
    this.balances.set(to, this.balance(to) + cents);
    const e: Entry = { seq: ++this.seq, from, to, cents, memo };
    this.entries.push(e);
    return e;
  }

  /** All or nothing: a failed transfer undoes the ones before it. */
  batch(transfers: [string, string, number][]): boolean {
    const saved = new Map<string, number>();
    this.balances.forEach((v, k) => saved.set(k, v));
    const mark = this.entries.length;
    let ok = false;
    try {
      for (const [f, t, a] of transfers) this.transfer(f, t, a, 'batch');
      ok = true;
    } catch (e) {
      this.balances = saved;
      this.entries.length = mark;
      if (e instanceof LedgerError) this.audit.push(`batch rolled back: ${e.code} ${e.message}`);
      else throw e;
    } finally {
      this.audit.push(`batch ${ok ? 'committed' : 'aborted'} (${transfers.length})`);
    }
    return ok;
  }

  report(): string[] {
    const ids = [...this.balances.keys()].sort();
    const total = ids.reduce((s, id) => s + this.balance(id), 0);
    const lines = ids.map((id) => `${id.padEnd(8)}${(this.balance(id) / 100).toFixed(2).padStart(10)}`);
    lines.push(`${'total'.padEnd(8)}${(total / 100).toFixed(2).padStart(10)}`);
    lines.push(`entries ${this.entries.length}, last #${this.entries.at(-1)?.seq ?? 0}`);
    return lines;
  }
}

const ledger = new Ledger();
ledger.open('alice', 10000);
ledger.open('bob', 2500);
ledger.open('carol');
const attempts: [string, string, number][] = [
  ['alice', 'bob', 12.5], ['bob', 'carol', 30], ['carol', 'alice', 5], ['alice', 'dave', 1],
  ['alice', 'carol', -3], ['bob', 'alice', 0.1 + 0.2], ['alice', 'alice', 1e-3],
];
for (const [f, t, a] of attempts) {
  try {
    const e = ledger.transfer(f, t, a);
    console.log(`#${e.seq} ${f} -> ${t} ${(e.cents / 100).toFixed(2)}`);
  } catch (e) {
    if (e instanceof InsufficientFunds) console.log(`${e.name} [${e.code}] ${e.account}: short by ${(e.needed - e.available).toFixed(2)}`);
    else if (e instanceof LedgerError) console.log(`${e.name} [${e.code}] ${e.message}`);
  }
}
try {
  ledger.open('bob');
} catch (e) {
  console.log(String(e));
}
console.log(ledger.batch([['alice', 'carol', 10], ['carol', 'bob', 4]]));
console.log(ledger.batch([['alice', 'carol', 10], ['carol', 'bob', 400]]));
console.log(ledger.report().join('\n'));
console.log(ledger.audit.join('\n'));

// What a catch-all handler prints: String(e) and `${e}` of a caught value of type unknown.
class NotAnError {
  code = 7;
}
const throwers: (() => void)[] = [
  () => ledger.transfer('zed', 'bob', 1),
  () => { throw new RangeError('out of range'); },
  () => { throw 'a plain string'; },
  () => { throw new NotAnError(); },
  () => ledger.transfer('carol', 'bob', 1e6),
];
for (const f of throwers) {
  try {
    f();
  } catch (e) {
    console.log(`handler: ${e} |`, String(e).length);
  }
}
