#!/usr/bin/env node
// The `noc` CLI runs the TypeScript services in-process through tsx, so the CLI never
// needs a separate build step and always runs exactly the code under test.
import { register } from 'tsx/esm/api';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';

register();
const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const argv = process.argv.slice(2);
// `noc snmp …` loads only the SNMP commands (electron/hosts/cli/snmpMain.ts says why)
const entry = argv[0] === 'snmp' ? 'snmpMain.ts' : 'main.ts';
const { main } = await import(pathToFileURL(path.join(root, 'electron/hosts/cli', entry)).href);
process.exitCode = await main(argv);
