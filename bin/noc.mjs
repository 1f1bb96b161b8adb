#!/usr/bin/env node
// The `noc` CLI runs the TypeScript services in-process through tsx, so the CLI never
// needs a separate build step and always runs exactly the code under test.
import { register } from 'tsx/esm/api';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';

register();
const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const { main } = await import(pathToFileURL(path.join(root, 'electron/hosts/cli/main.ts')).href);
process.exitCode = await main(process.argv.slice(2));
