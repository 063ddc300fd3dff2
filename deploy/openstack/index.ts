// The OpenStack client's public face: what `tsuk deploy openstack` and
// scripts/openstack-upload.ts use. Keystone v3 auth, Glance v2 upload, Nova v2.1 boot.

export { runOpenstackUpload } from './cli';
export type { CliIo } from './cli';
export { loadCloudConfig, cloudFromEnv, cloudFromYaml } from './config';
export type { CloudConfig } from './config';
export { OpenStackError } from './errors';
export { uploadImage, DEFAULT_PROPERTIES } from './glance';
export type { UploadOptions, UploadedImage } from './glance';
export { authenticate, endpoint } from './keystone';
export type { Session } from './keystone';
export { bootServer, resolveBootTarget } from './nova';
export type { BootOptions, BootedServer } from './nova';
export { detectDiskFormat } from './disk-format';
