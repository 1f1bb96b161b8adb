#!/usr/bin/env node
// Runs Electronegativity's scanner with the flags of its CLI (-i, -o <file.csv>, -r, -e, -l, -x, -s, -c).
// Why not the `electronegativity` bin: @doyensec/electronegativity@1.10.3 does not declare its
// `commander` dependency and relies on the commander@2 API (options as program properties); with
// the project's commander@14 hoisted, the bin dies with "_commander2.default.version is not a
// function" before scanning anything. The scanner itself (dist/runner.js) is fine.
// Also: Electronegativity reads the Electron version from a package.json in the input folder; the
// build output (out/) has none, so the installed electron's version is passed unless -e is given.
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

const require = createRequire(import.meta.url);

const { values } = parseArgs({
  options: {
    input: { type: 'string', short: 'i' },
    output: { type: 'string', short: 'o' },
    relative: { type: 'boolean', short: 'r', default: false },
    'electron-version': { type: 'string', short: 'e' },
    checks: { type: 'string', short: 'l' },
    'exclude-checks': { type: 'string', short: 'x' },
    severity: { type: 'string', short: 's' },
    confidence: { type: 'string', short: 'c' },
  },
});

if (!values.input) {
  console.error('usage: electronegativity-scan -i <dir|file|asar> [-o out.csv] [-r] [-e <electron version>]');
  process.exit(2);
}
const format = values.output ? values.output.split('.').pop() : undefined;
if (values.output && format !== 'csv') {
  console.error('output must end in .csv (the gate reads CSV)');
  process.exit(2);
}
const list = (s) => (s ? s.split(',').map((c) => c.trim().toLowerCase()).filter(Boolean) : []);

let electronVersion = values['electron-version'];
if (!electronVersion) {
  try {
    electronVersion = require('electron/package.json').version;
  } catch {
    electronVersion = undefined;
  }
}

const run = require('@doyensec/electronegativity/dist/runner.js');
const { severity: SEVERITY, confidence: CONFIDENCE } = require('@doyensec/electronegativity/dist/finder/attributes.js');

let result;
try {
  // programmatic mode: returns the issues instead of printing; we write the report ourselves
  // because the library's CSV writer races its own header write against the rows (two async
  // fs.writeFile calls on one path) and regularly truncates the first finding.
  result = await run({
    input: path.resolve(values.input),
    output: undefined,
    customScan: list(values.checks),
    excludeFromScan: list(values['exclude-checks']),
    severitySet: values.severity,
    confidenceSet: values.confidence,
    isRelative: values.relative,
    isVerbose: true,
    electronUpgrade: undefined,
    electronVersionOverride: electronVersion,
    parserPlugins: [],
  });
} catch (err) {
  console.error(err instanceof Error ? err.stack : err);
  process.exit(1);
}

const minSeverity = values.severity ? SEVERITY[values.severity.toUpperCase()] : undefined;
const minConfidence = values.confidence ? CONFIDENCE[values.confidence.toUpperCase()] : undefined;
const issues = result.issues.filter(
  (i) => (!minSeverity || i.severity.value >= minSeverity.value) && (!minConfidence || i.confidence.value >= minConfidence.value),
);

// a file the scanner could not parse was not scanned: that must not pass silently
const fatal = result.errors.filter((e) => !e.tolerable);
for (const e of result.errors) console.error(`${e.tolerable ? 'warning' : 'error'}: could not parse ${e.file}: ${e.message}`);

const csv = (v) => (v == null ? 'N/A' : '"' + String(v).replace(/"/g, '""') + '"');
const rows = issues.map((i) =>
  [
    i.id,
    csv(i.severity.name),
    csv(i.confidence.name),
    csv(i.file),
    csv(`${i.location?.line}:${i.location?.column}`),
    csv(i.sample),
    csv(i.description),
    `https://github.com/doyensec/electronegativity/wiki/${i.id}`,
  ].join(','),
);

if (values.output) {
  fs.writeFileSync(values.output, ['issue, severity, confidence, filename, location, sample, description, url', ...rows].join('\n') + '\n');
}
console.log(
  `electronegativity: ${result.atomicChecks} atomic + ${result.globalChecks} global checks (Electron ${electronVersion ?? 'unknown'}), ` +
    `${issues.length} finding(s)${values.output ? ` → ${values.output}` : ''}`,
);
for (const i of issues) console.log(`  ${i.severity.name.padEnd(13)} ${i.id}  ${i.file}:${i.location?.line}`);
if (fatal.length > 0) process.exit(1);
