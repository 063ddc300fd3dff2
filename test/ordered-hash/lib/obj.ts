// Objects used as keys: identity matters, `id` is only for printing.
export class Obj {
  id: number;
  constructor(id: number) {
    this.id = id;
  }
}
