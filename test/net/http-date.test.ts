// The Date header's format (net/http/date.ts) against Node's own Date#toUTCString, which is
// the IMF-fixdate Node's http server sends: epoch, a leap day, the end of 2099, now.

import { imfFixdate } from '../../net/http/date';

test('imfFixdate matches toUTCString', () => {
  for (const t of [0, 951782400000, 1709164800000, 4102444799000, Date.now(), -86400000]) {
    expect(imfFixdate(t)).toBe(new Date(t).toUTCString());
  }
});
