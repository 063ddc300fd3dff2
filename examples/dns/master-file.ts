// Master files (RFC 1035 §5.1) read into records: `$ORIGIN` and `$TTL` (RFC 2308 §4)
// directives, `@`, relative names, owners inherited by lines that start with a blank, TTL and
// class in either order and each optional (the TTL then defaults to `$TTL`, else to the
// previous record's). Only class IN is served; `$INCLUDE` is refused, as the zone must be one
// self-contained text to be embedded in the image.

import { CLASS_IN } from '../../net/dns/constants';
import { Name } from '../../net/dns/name';
import { ResourceRecord } from '../../net/dns/record';
import { tokenize } from './master-tokens';
import { parseRData, parseTtl, typeNumber } from './rdata-text';

/** The records of `text`, names relative to `origin` until a `$ORIGIN` changes it. Throws an
 *  Error naming the line of the first problem. */
export function parseMasterFile(text: string, origin: Name): ResourceRecord[] {
  const records: ResourceRecord[] = [];
  let currentOrigin = origin;
  let defaultTtl = -1;
  let lastTtl = -1;
  let lastOwner: Name | null = null;
  for (const entry of tokenize(text)) {
    try {
      const tokens = entry.tokens;
      const first = tokens[0].text;
      if (!entry.ownerOmitted && first.startsWith('$')) {
        const directive = first.toUpperCase();
        if (directive === '$ORIGIN' && tokens.length === 2) {
          currentOrigin = Name.fromText(tokens[1].text, currentOrigin);
        } else if (directive === '$TTL' && tokens.length === 2) {
          defaultTtl = parseTtl(tokens[1].text);
          if (defaultTtl < 0) throw new Error(`bad $TTL ${tokens[1].text}`);
        } else {
          throw new Error(`unsupported directive ${first}`);
        }
        continue;
      }
      let at = 0;
      let owner: Name;
      if (entry.ownerOmitted) {
        if (lastOwner === null) throw new Error('no previous owner to inherit');
        owner = lastOwner;
      } else {
        owner = Name.fromText(tokens[0].text, currentOrigin);
        at = 1;
      }
      let ttl = -1;
      let sawClass = false;
      for (let k = 0; k < 2 && at < tokens.length; k++) {
        const t = tokens[at].text;
        const asTtl = parseTtl(t);
        if (asTtl >= 0 && ttl < 0) {
          ttl = asTtl;
          at++;
        } else if (!sawClass && t.toUpperCase() === 'IN') {
          sawClass = true;
          at++;
        } else if (!sawClass && (t.toUpperCase() === 'CH' || t.toUpperCase() === 'HS' || t.toUpperCase() === 'CS')) {
          throw new Error(`class ${t} is not served`);
        }
      }
      if (at >= tokens.length) throw new Error('missing type');
      const type = typeNumber(tokens[at].text);
      if (type < 0) throw new Error(`unknown type ${tokens[at].text}`);
      if (ttl < 0) ttl = defaultTtl >= 0 ? defaultTtl : lastTtl;
      if (ttl < 0) throw new Error('no TTL and no $TTL');
      const rdata = parseRData(type, tokens.slice(at + 1), currentOrigin);
      records.push(new ResourceRecord(owner, type, CLASS_IN, ttl, rdata));
      lastOwner = owner;
      lastTtl = ttl;
    } catch (e) {
      throw new Error(`line ${entry.line}: ${(e as Error).message}`);
    }
  }
  return records;
}
