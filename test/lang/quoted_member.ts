// Members whose names are no identifiers ('content-type', as Node's IncomingHttpHeaders has),
// read and written by their literal key: class fields (initializers, a push through one,
// compound assignment), an interface value's members (a template key too), and printing.

class Headers {
  host: string | undefined = undefined;
  'content-type': string | undefined = undefined;
  'set-cookie': string[] | undefined = undefined;
  'x-count' = 1;
}

interface Limits {
  'max-age': number;
  name: string;
}

const h = new Headers();
h['content-type'] = 'text/plain';
h['set-cookie'] = ['a=1'];
h['set-cookie'].push('b=2');
h['x-count'] += 2;
console.log(h['content-type'], h.host, h['set-cookie'], h['x-count']);
console.log(h);
console.log(Object.keys(h), h['content-type'] === 'text/plain');

const l: Limits = { 'max-age': 60, name: 'cache' };
l['max-age'] *= 2;
console.log(l['max-age'], l[`name`], l);
