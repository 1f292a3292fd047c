#!/usr/bin/env node
// Entry point: runs the TypeScript CLI through tsx's loader, so no compile step
// is needed between `npm install` and the first command.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
