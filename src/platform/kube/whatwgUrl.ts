// Stands in for the `whatwg-url` package in the bundles (esbuild --alias). node-fetch, which
// client-node uses, loads it only to fall back on when Node has no URL class; loading it also
// parses tr46's 250 KB Unicode mapping table, about 1.7 MB of heap for a path never taken.
export { URL, URLSearchParams } from 'node:url';
