#!/usr/bin/env node
// `noc-server` runs the TypeScript service in-process through tsx (like bin/noc.mjs): no build
// step, and always exactly the code under test.
import { register } from 'tsx/esm/api';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';

register();
const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const { main } = await import(pathToFileURL(path.join(root, 'server/src/cli.ts')).href);
process.exitCode = await main(process.argv.slice(2));
