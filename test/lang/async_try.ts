// await inside try/catch: a rejection thrown where the await stands and caught by the
// enclosing catch, rethrown through an outer try, finally blocks (synchronous) run on every
// way out (normal, return, throw), nested try blocks across several awaits, and catch blocks
// that await.
const log: string[] = [];

function later<T>(ms: number, value: T): Promise<T> {
  return new Promise<T>((resolve) => {
    setTimeout(() => resolve(value), ms);
  });
}

function failLater(ms: number, message: string): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    setTimeout(() => reject(new Error(message)), ms);
  });
}

async function catchesRejection(): Promise<string> {
  try {
    const a = await later(1, 1);
    log.push('a=' + a);
    const b = await failLater(1, 'boom');
    log.push('never b=' + b);
    return 'not here';
  } catch (e) {
    log.push('caught ' + (e instanceof Error ? e.message : '?'));
    const c = await later(1, 3);
    return 'recovered ' + c;
  } finally {
    log.push('finally 1');
  }
}

async function rethrows(): Promise<number> {
  try {
    try {
      await later(1, 0);
      await failLater(1, 'inner');
      return 1;
    } catch (e) {
      log.push('inner catch ' + (e instanceof Error ? e.message : '?'));
      await null;
      throw new TypeError('rethrown');
    } finally {
      log.push('inner finally');
    }
  } catch (e) {
    log.push('outer catch ' + (e instanceof TypeError ? e.message : '?'));
    return 2;
  }
}

async function escapes(): Promise<number> {
  try {
    await later(1, 0);
    throw new RangeError('escapes');
  } finally {
    log.push('finally before rejecting');
  }
}

async function loopWithTry(): Promise<number> {
  let ok = 0;
  for (let i = 0; i < 4; i++) {
    try {
      if (i % 2 === 1) {
        await failLater(1, 'odd ' + i);
      } else {
        await later(1, i);
      }
      ok++;
    } catch (e) {
      log.push(e instanceof Error ? e.message : '?');
      continue;
    }
    log.push('after try ' + i);
  }
  return ok;
}

async function main(): Promise<void> {
  const r1 = await catchesRejection();
  console.log(r1 + ' | ' + log.join(', '));
  log.length = 0;
  const r2 = await rethrows();
  console.log(r2 + ' | ' + log.join(', '));
  log.length = 0;
  await escapes().catch((e: unknown) => {
    log.push('rejected with ' + (e instanceof RangeError ? e.message : '?'));
  });
  console.log(log.join(', '));
  log.length = 0;
  const r4 = await loopWithTry();
  console.log(r4 + ' | ' + log.join(', '));
}

main();
