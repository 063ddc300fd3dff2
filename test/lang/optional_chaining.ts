// ?. and ?? on references.
class Node2 { constructor(public name: string, public next: Node2 | null) {} label(): string { return '<' + this.name + '>'; } }
const a = new Node2('a', new Node2('b', null));
const nothing: Node2 | null = a.next?.next ?? null;
console.log(a.next?.name, a.next?.next?.name, nothing === null, a.next?.label(), a.next?.next?.label());
const s: string | undefined = undefined;
console.log(s ?? 'fallback', a.name ?? 'x');
