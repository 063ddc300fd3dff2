// Uploads a tsuk disk image to OpenStack (Glance), optionally booting it (Nova).
//   npm run build && node dist/scripts/openstack-upload.js dns.qcow2 --cloud mycloud [--boot --flavor m1.tiny --network private]
// `--help` lists the options; the work is in deploy/openstack/.

import { runOpenstackUpload } from '../deploy/openstack/cli';

runOpenstackUpload(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`openstack-upload: internal error: ${(e as Error).message ?? e}\n`);
    process.exitCode = 70;
  },
);
