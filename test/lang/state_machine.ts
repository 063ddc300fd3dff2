// A connection state machine as a protocol implementation writes one: an enum of states, a
// string-literal union of events, a transition table in a Map, guards, entry actions and a
// history; then a vending machine with a switch over its state.

enum State {
  Closed,
  Connecting,
  Open,
  Closing,
  Failed,
}

type Event = 'connect' | 'connected' | 'send' | 'close' | 'closed' | 'error' | 'retry';

interface Transition {
  to: State;
  guard?: (m: Machine) => boolean;
}

class Machine {
  state = State.Closed;
  retries = 0;
  sent = 0;
  history: string[] = [];
  private table = new Map<string, Transition>();

  constructor() {
    this.on(State.Closed, 'connect', { to: State.Connecting });
    this.on(State.Connecting, 'connected', { to: State.Open });
    this.on(State.Connecting, 'error', { to: State.Failed });
    this.on(State.Open, 'send', { to: State.Open });
    this.on(State.Open, 'close', { to: State.Closing });
    this.on(State.Open, 'error', { to: State.Failed });
    this.on(State.Closing, 'closed', { to: State.Closed });
    this.on(State.Failed, 'retry', { to: State.Connecting, guard: (m) => m.retries < 2 });
  }

  private on(from: State, event: Event, t: Transition): void {
    this.table.set(`${from}:${event}`, t);
  }

  fire(event: Event): boolean {
    const t = this.table.get(`${this.state}:${event}`);
    if (t === undefined || (t.guard !== undefined && !t.guard(this))) {
      this.history.push(`${State[this.state]} x ${event}`);
      return false;
    }
    const from = this.state;
    this.state = t.to;
    this.enter(event);
    this.history.push(`${State[from]} -${event}-> ${State[this.state]}`);
    return true;
  }

  private enter(event: Event): void {
    switch (this.state) {
      case State.Connecting:
        if (event === 'retry') this.retries++;
        break;
      case State.Open:
        if (event === 'send') this.sent++;
        break;
      case State.Closed:
        this.retries = 0;
        break;
      default:
        break;
    }
  }
}

const m = new Machine();
const script: Event[] = ['send', 'connect', 'error', 'retry', 'connected', 'send', 'send', 'error', 'retry', 'error', 'retry', 'retry', 'close'];
const results = script.map((e) => (m.fire(e) ? '+' : '-')).join('');
console.log(results, State[m.state], m.retries, m.sent);
console.log(m.history.join('\n'));

type Coin = 5 | 10 | 25;
class Vending {
  private credit = 0;
  private stock = new Map<string, { price: number; count: number }>([
    ['cola', { price: 35, count: 2 }],
    ['chips', { price: 50, count: 1 }],
  ]);

  insert(c: Coin): string {
    this.credit += c;
    return `credit ${this.credit}`;
  }

  select(item: string): string {
    const s = this.stock.get(item);
    if (!s) return `unknown item ${item}`;
    if (s.count === 0) return `${item} sold out`;
    if (this.credit < s.price) return `${item} costs ${s.price}, credit ${this.credit}`;
    s.count--;
    const change = this.credit - s.price;
    this.credit = 0;
    return `vend ${item}, change ${change}`;
  }
}
const v = new Vending();
const coins: Coin[] = [25, 10, 5];
for (const c of coins) console.log(v.insert(c));
console.log(v.select('cola'), '|', v.select('cola'), '|', v.insert(25), '|', v.insert(10), '|', v.select('cola'));
console.log(v.insert(25), v.insert(25), v.select('cola'), '|', v.select('chips'), '|', v.select('water'));
