#!/usr/bin/env node
// Node >= 22.1 keeps V8's compiled code of the 1.6 MB bundle in a disk cache
// (node:module enableCompileCache): about 40 ms off each start on Node 24,
// measured with bench/check-speed.ts. Older Node has no such API; skip it.
require('node:module').enableCompileCache?.();
// The CLI is bundled by `npm run build` into out/cli.cjs.
require('../out/cli.cjs');
