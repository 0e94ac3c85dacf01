#!/usr/bin/env node
// The CLI is bundled by `npm run build` into out/cli.cjs.
require('../out/cli.cjs');
