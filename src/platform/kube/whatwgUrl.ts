// Stands in for the `whatwg-url` package in the bundles (esbuild --alias). node-fetch, which
// client-node uses, loads it only to fall back on when Node has no URL class; loading it also
// parses tr46's 250 KB Unicode mapping table: loading client-node took 7.1 MB of heap with
// it and takes 4.4 MB without, for a path never taken.
export { URL, URLSearchParams } from 'node:url';
