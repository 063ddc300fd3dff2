// Error and its standard subclasses, as ordinary classes of the subset.
//
// The global `Error`, `RangeError`, `TypeError` and `SyntaxError` that programs use (declared
// in lib/lib.tsuk.d.ts) are these classes: `new RangeError('x')`, `class MyError extends Error`
// and `e instanceof TypeError` all compile to them.

export class Error {
  name: string;
  message: string;

  constructor(message: string = '') {
    this.name = 'Error';
    this.message = message;
  }
}

export class RangeError extends Error {
  constructor(message: string = '') {
    super(message);
    this.name = 'RangeError';
  }
}

export class TypeError extends Error {
  constructor(message: string = '') {
    super(message);
    this.name = 'TypeError';
  }
}

export class SyntaxError extends Error {
  constructor(message: string = '') {
    super(message);
    this.name = 'SyntaxError';
  }
}

/** What the URI functions throw for malformed input (runtime/js/uri.ts). */
export class URIError extends Error {
  constructor(message: string = '') {
    super(message);
    this.name = 'URIError';
  }
}

/** What Promise.any rejects with when every promise rejected (runtime/js/promise.ts). */
export class AggregateError extends Error {
  errors: unknown[];

  constructor(errors: unknown[], message: string = '') {
    super(message);
    this.name = 'AggregateError';
    this.errors = errors;
  }
}

/** Error.prototype.toString: `name: message`, or whichever of the two is not empty (String(err)
 *  and `${err}` of an Error whose class defines no toString, compiler/frontend/lower-to-string.ts). */
export function errorToString(name: string, message: string): string {
  if (message === '') return name;
  if (name === '') return message;
  return name + ': ' + message;
}
