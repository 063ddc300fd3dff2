// An inventory and order service: Maps of class instances, validation, reservations, refunds.

class OutOfStock extends Error {
  constructor(readonly sku: string, readonly wanted: number, readonly available: number) {
    super(`out of stock: ${sku} (wanted ${wanted}, have ${available})`);
    this.name = 'OutOfStock';
  }
}

class Product {
  constructor(readonly sku: string, readonly title: string, public price: number, public stock: number) {}

  toString(): string {
    return `${this.title} [${this.sku}] $${this.price.toFixed(2)}`;
  }
}

type OrderStatus = 'pending' | 'paid' | 'shipped' | 'cancelled';

interface OrderLine {
  sku: string;
  qty: number;
  unitPrice: number;
}

class Order {
  status: OrderStatus = 'pending';
  readonly lines: OrderLine[] = [];
  constructor(readonly id: string, readonly customer: string) {}

  get total(): number {
    return this.lines.reduce((sum, l) => sum + l.qty * l.unitPrice, 0);
  }
}

class Store {
  private readonly products = new Map<string, Product>();
  private readonly orders = new Map<string, Order>();
  private readonly byCustomer = new Map<string, Set<string>>();
  private seq = 0;

  addProduct(p: Product): void {
    this.products.set(p.sku, p);
  }

  placeOrder(customer: string, items: [string, number][]): Order {
    const order = new Order(`ord-${String(++this.seq).padStart(4, '0')}`, customer);
    for (const [sku, qty] of items) {
      const p = this.products.get(sku);
      if (!p) throw new Error(`unknown product ${sku}`);
      if (p.stock < qty) throw new OutOfStock(sku, qty, p.stock);
      order.lines.push({ sku, qty, unitPrice: p.price });
    }
    for (const line of order.lines) this.products.get(line.sku)!.stock -= line.qty;
    this.orders.set(order.id, order);
    let set = this.byCustomer.get(customer);
    if (!set) {
      set = new Set();
      this.byCustomer.set(customer, set);
    }
    set.add(order.id);
    return order;
  }

  cancel(id: string): boolean {
    const order = this.orders.get(id);
    if (!order || order.status === 'shipped' || order.status === 'cancelled') return false;
    for (const line of order.lines) {
      const p = this.products.get(line.sku);
      if (p) p.stock += line.qty;
    }
    order.status = 'cancelled';
    return true;
  }

  ordersOf(customer: string): Order[] {
    return [...(this.byCustomer.get(customer) ?? [])].map((id) => this.orders.get(id)!);
  }

  lowStock(threshold: number): Product[] {
    return [...this.products.values()].filter((p) => p.stock <= threshold).sort((a, b) => a.stock - b.stock || a.sku.localeCompare(b.sku));
  }

  revenue(): number {
    let total = 0;
    this.orders.forEach((o) => {
      if (o.status !== 'cancelled') total += o.total;
    });
    return Math.round(total * 100) / 100;
  }
}

const store = new Store();
store.addProduct(new Product('kb-01', 'Keyboard', 49.99, 10));
store.addProduct(new Product('ms-02', 'Mouse', 19.5, 3));
store.addProduct(new Product('mn-27', 'Monitor', 229, 2));

const o1 = store.placeOrder('ana', [['kb-01', 2], ['ms-02', 1]]);
console.log(o1.id, o1.total, o1.status);
const o2 = store.placeOrder('ben', [['mn-27', 2]]);
o2.status = 'paid';
try {
  store.placeOrder('ana', [['mn-27', 1]]);
} catch (e) {
  if (e instanceof OutOfStock) console.log(e.name, e.message, e.available);
}
try {
  store.placeOrder('cy', [['zz-99', 1]]);
} catch (e) {
  console.log(String(e));
}
const o3 = store.placeOrder('ana', [['ms-02', 2]]);
console.log(store.ordersOf('ana').map((o) => `${o.id}:${o.total}`));
console.log(store.lowStock(2).map((p) => `${p}`));
console.log('cancel', store.cancel(o3.id), store.cancel(o3.id), store.cancel('nope'));
console.log(store.lowStock(3).map((p) => String(p)));
console.log('revenue', store.revenue());
console.log(o1);
console.log(JSON.stringify(o2.lines));
