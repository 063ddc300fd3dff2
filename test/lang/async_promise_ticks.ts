// How many microtask ticks each promise operation takes, by interleaving it with a counter
// chain: adopting a returned promise (two extra ticks), finally (its own adoption), Promise.all
// and race settling, rejections skipping fulfilment callbacks, throws inside callbacks.
const log: string[] = [];

function counter(n: number): void {
  let p = Promise.resolve(0);
  for (let i = 1; i <= n; i++) {
    const at = i;
    p = p.then((): number => {
      log.push('t' + at);
      return at;
    });
  }
}

function scenario(name: string, body: () => void, next: () => void): void {
  log.length = 0;
  counter(8);
  body();
  setTimeout(() => {
    console.log(name + ': ' + log.join(' '));
    next();
  }, 5);
}

function adoption(): void {
  Promise.resolve(1)
    .then((v) => Promise.resolve(v + 1))
    .then((v) => {
      log.push('adopted' + v);
    });
  Promise.resolve(1)
    .then((v) => v + 1)
    .then((v) => {
      log.push('plain' + v);
    });
}

function finallyTicks(): void {
  Promise.resolve('x')
    .finally(() => {
      log.push('finally');
    })
    .then((v) => {
      log.push('after-finally-' + v);
    });
  Promise.reject(new Error('bad'))
    .finally(() => {
      log.push('finally-rejected');
    })
    .catch((e: unknown) => {
      log.push('caught-' + (e instanceof Error ? e.message : '?'));
    });
}

function rejections(): void {
  const failing = new Promise<number>((resolve, reject) => {
    reject(new RangeError('out'));
    resolve(5);
  });
  failing
    .then((v) => {
      log.push('never ' + v);
      return v;
    })
    .catch((e: unknown): number => {
      log.push('catch ' + (e instanceof RangeError ? 'RangeError' : 'other'));
      return 7;
    })
    .then((v) => {
      log.push('recovered ' + v);
    });
  Promise.resolve(3)
    .then((v): number => {
      throw new TypeError('thrown in then ' + v);
    })
    .catch((e: unknown) => {
      log.push(e instanceof TypeError ? e.message : 'other');
    });
  new Promise<string>(() => {
    throw new Error('executor threw');
  }).catch((e: unknown) => {
    log.push(e instanceof Error ? e.message : 'other');
  });
}

function combinators(): void {
  const slow = new Promise<number>((resolve) => {
    setTimeout(() => resolve(1), 1);
  });
  Promise.all([Promise.resolve(10), Promise.resolve(20), Promise.resolve(30)]).then((xs) => {
    log.push('all ' + xs.join(','));
  });
  Promise.all([slow, Promise.resolve(2)]).then((xs) => {
    console.log('all with a timer: ' + xs.join(','));
  });
  Promise.all([Promise.resolve(1), Promise.reject(new Error('e2')), Promise.reject(new Error('e3'))]).catch((e: unknown) => {
    log.push('all rejected ' + (e instanceof Error ? e.message : '?'));
  });
  Promise.race([slow, Promise.resolve(99)]).then((v) => {
    log.push('race ' + v);
  });
  Promise.allSettled([Promise.resolve('ok'), Promise.reject(new Error('no'))]).then((rs) => {
    const parts: string[] = [];
    for (const r of rs) {
      parts.push(r.status === 'fulfilled' ? 'fulfilled:' + (r.value ?? '') : 'rejected:' + (r.reason instanceof Error ? r.reason.message : '?'));
    }
    log.push('allSettled ' + parts.join(','));
  });
  Promise.any([Promise.reject(new Error('a')), Promise.resolve(4), Promise.resolve(5)]).then((v) => {
    log.push('any ' + v);
  });
  Promise.any([Promise.reject(new Error('a')), Promise.reject(new Error('b'))]).catch((e: unknown) => {
    if (e instanceof AggregateError) {
      const messages: string[] = [];
      for (const x of e.errors) messages.push(x instanceof Error ? x.message : '?');
      log.push(e.name + ': ' + e.message + ' [' + messages.join(',') + ']');
    }
  });
  Promise.all<number>([]).then((xs) => {
    log.push('all of none ' + xs.length);
  });
}

function voidPromises(): void {
  const done = new Promise<void>((resolve) => {
    setTimeout(() => resolve(), 1);
  });
  done.then(() => {
    console.log('void promise resolved after its timer');
  });
  Promise.resolve()
    .then(() => {
      log.push('void1');
    })
    .then(() => {
      log.push('void2');
    });
  const same = Promise.resolve(8);
  console.log('Promise.resolve(p) is p: ' + (Promise.resolve(same) === same));
}

scenario('adoption', adoption, () =>
  scenario('finally', finallyTicks, () =>
    scenario('rejections', rejections, () =>
      scenario('combinators', combinators, () => scenario('void', voidPromises, () => console.log('done')))),
  ),
);
