// An inventory service's domain logic: generic repository over a Map, interfaces for items
// and events, reservations with expiry, low-stock alerts through listeners, and a JSON
// snapshot of the state.

interface Entity {
  id: string;
}

interface Item extends Entity {
  name: string;
  sku: string;
  onHand: number;
  reserved: number;
  reorderAt: number;
  tags: string[];
}

interface Reservation extends Entity {
  itemId: string;
  qty: number;
  expires: number;
}

class Repository<T extends Entity> {
  private rows = new Map<string, T>();

  save(row: T): T {
    this.rows.set(row.id, row);
    return row;
  }

  get(id: string): T {
    const row = this.rows.get(id);
    if (row === undefined) throw new RangeError(`no such id: ${id}`);
    return row;
  }

  find(pred: (row: T) => boolean): T[] {
    return [...this.rows.values()].filter(pred);
  }

  remove(id: string): boolean {
    return this.rows.delete(id);
  }

  get count(): number {
    return this.rows.size;
  }
}

type Listener = (kind: string, item: Item) => void;

class Inventory {
  items = new Repository<Item>();
  reservations = new Repository<Reservation>();
  private listeners: Listener[] = [];
  private nextId = 1;
  clock = 0;

  on(l: Listener): void {
    this.listeners.push(l);
  }

  private emit(kind: string, item: Item): void {
    for (const l of this.listeners) l(kind, item);
  }

  add(name: string, sku: string, onHand: number, reorderAt: number, ...tags: string[]): Item {
    return this.items.save({ id: `item-${this.nextId++}`, name, sku, onHand, reserved: 0, reorderAt, tags });
  }

  available(item: Item): number {
    return item.onHand - item.reserved;
  }

  reserve(itemId: string, qty: number, ttl = 30): Reservation {
    const item = this.items.get(itemId);
    if (qty > this.available(item)) throw new Error(`only ${this.available(item)} of ${item.sku} available`);
    item.reserved += qty;
    if (this.available(item) <= item.reorderAt) this.emit('low', item);
    return this.reservations.save({ id: `res-${this.nextId++}`, itemId, qty, expires: this.clock + ttl });
  }

  commit(resId: string): void {
    const r = this.reservations.get(resId);
    const item = this.items.get(r.itemId);
    item.reserved -= r.qty;
    item.onHand -= r.qty;
    this.reservations.remove(resId);
    if (item.onHand === 0) this.emit('empty', item);
  }

  expire(): number {
    const stale = this.reservations.find((r) => r.expires <= this.clock);
    for (const r of stale) {
      this.items.get(r.itemId).reserved -= r.qty;
      this.reservations.remove(r.id);
    }
    return stale.length;
  }

  restock(itemId: string, qty: number): void {
    const item = this.items.get(itemId);
    item.onHand += qty;
    this.emit('restocked', item);
  }
}

const inv = new Inventory();
const alerts: string[] = [];
inv.on((kind, item) => alerts.push(`${kind}:${item.sku}@${inv.available(item)}`));
const bolt = inv.add('Bolt M4', 'BLT-4', 100, 20, 'hardware', 'small');
const nut = inv.add('Nut M4', 'NUT-4', 50, 10, 'hardware');
const saw = inv.add('Hand saw', 'SAW-1', 3, 1, 'tools');

const r1 = inv.reserve(bolt.id, 70);
const r2 = inv.reserve(saw.id, 2, 10);
try {
  inv.reserve(saw.id, 2);
} catch (e) {
  if (e instanceof Error) console.log('refused:', e.message);
}
inv.commit(r1.id);
inv.clock = 15;
console.log('expired', inv.expire(), 'saw available', inv.available(saw));
const r3 = inv.reserve(nut.id, 45);
inv.commit(r3.id);
inv.reserve(saw.id, 3);
inv.restock(bolt.id, 200);
try {
  inv.commit('res-999');
} catch (e) {
  console.log(`${e}`);
}
console.log(alerts);
console.log(inv.items.find((i) => i.tags.includes('hardware')).map((i) => `${i.name}: ${i.onHand} on hand, ${i.reserved} reserved`));
console.log(JSON.stringify(inv.items.find(() => true), ['sku', 'onHand', 'reserved', 'tags'], 1));
console.log(inv.items.count, inv.reservations.count, r2.expires, Object.keys(saw).length);
