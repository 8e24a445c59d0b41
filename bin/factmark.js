#!/usr/bin/env node
// The CLI entry: `npx factmark <command>`. The code lives in main/cli.ts (built to dist/main/cli.js).
require('../dist/main/cli.js');
