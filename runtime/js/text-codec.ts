// TextEncoder and TextDecoder (WHATWG Encoding), UTF-8 only, as Node has them globally: the
// compiler maps the classes lib/lib.tsuk.d.ts declares to these (LIBRARY_CLASSES in
// compiler/frontend/builtins.ts). Bad input decodes to U+FFFD as Node's decoder does.

import { decodeUtf8, encodeUtf8 } from './utf8';

export class TextEncoder {
  readonly encoding = 'utf-8';

  encode(input: string = ''): Uint8Array {
    return encodeUtf8(input);
  }
}

export class TextDecoder {
  readonly encoding = 'utf-8';
  readonly fatal = false;
  readonly ignoreBOM = false;

  /** Only 'utf-8' (or 'utf8'): anything else is a RangeError, as Node says for an unknown label. */
  constructor(label: string = 'utf-8') {
    const l = label.trim().toLowerCase();
    if (l !== 'utf-8' && l !== 'utf8' && l !== 'unicode-1-1-utf-8') {
      throw new RangeError(`The "${label}" encoding is not supported`);
    }
  }

  decode(input?: Uint8Array): string {
    return input === undefined ? '' : decodeUtf8(input, true);
  }
}
