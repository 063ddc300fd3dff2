// The service's entry: what `npm start` runs on Node and `npm run vm` boots as a unikernel.
// When the top level returns and no timer is pending, the program ends (the VM powers off).

import { Greeter, fib } from './greeting';

const greeter = new Greeter();
for (const name of ['world', 'tsuk', 'world']) console.log(greeter.greet(name));
console.log(`fib(30) = ${fib(30)}`);

setTimeout(() => {
  console.log('bye');
}, 10);
