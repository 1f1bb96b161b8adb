#!/usr/bin/env node
// Fails the Electron security audit when Electronegativity reports a HIGH finding that is not in
// resources/build/electronegativity-allowlist.json with a reason. MEDIUM and below are printed for
// review but do not fail the build (most are "review this API" notes, e.g. every preload).
// Usage: node scripts/electronegativity-gate.mjs out/electronegativity.csv [allowlist.json]
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const csvFile = process.argv[2] ?? path.join(root, 'out', 'electronegativity.csv');
const allowFile = process.argv[3] ?? path.join(root, 'resources', 'build', 'electronegativity-allowlist.json');
const GATED = new Set(['HIGH', 'CRITICAL']);

function die(message) {
  console.error(`electronegativity gate: ${message}`);
  process.exit(1);
}

if (!fs.existsSync(csvFile)) die(`${csvFile} not found: run the scan first (npm run audit:electron).`);
const text = fs.readFileSync(csvFile, 'utf8');
if (!text.startsWith('issue, severity, confidence, filename, location')) die(`${csvFile} is not an Electronegativity CSV report.`);

const records = parse(text, { columns: true, trim: true, skip_empty_lines: true, relax_column_count: true });
const findings = records.map((r) => ({
  check: r.issue,
  severity: String(r.severity ?? '').toUpperCase(),
  confidence: r.confidence,
  file: r.filename,
  location: r.location,
  description: r.description,
}));
for (const f of findings) if (!f.check || !f.severity) die(`malformed row in ${csvFile}: ${JSON.stringify(f)}`);

let allow = [];
if (fs.existsSync(allowFile)) {
  const doc = JSON.parse(fs.readFileSync(allowFile, 'utf8'));
  allow = Array.isArray(doc) ? doc : (doc.entries ?? []);
  for (const [i, e] of allow.entries()) {
    if (typeof e.check !== 'string' || typeof e.file !== 'string' || typeof e.reason !== 'string' || e.reason.trim().length < 20) {
      die(`allowlist entry ${i} in ${allowFile} needs check, file and a real reason (≥ 20 characters).`);
    }
  }
}
const allowed = (f) => allow.find((e) => e.check === f.check && e.file === f.file);

const gated = findings.filter((f) => GATED.has(f.severity));
const accepted = gated.filter(allowed);
const blocking = gated.filter((f) => !allowed(f));
const review = findings.filter((f) => !GATED.has(f.severity));
const stale = allow.filter((e) => !gated.some((f) => f.check === e.check && f.file === e.file));

console.log(`electronegativity gate: ${findings.length} finding(s): ${gated.length} HIGH (${accepted.length} allowlisted), ${review.length} below HIGH`);
for (const f of review) console.log(`  review  ${f.severity.padEnd(13)} ${f.check} ${f.file}:${f.location} — ${f.description}`);
for (const f of accepted) console.log(`  allowed ${f.severity.padEnd(13)} ${f.check} ${f.file}:${f.location} — ${allowed(f).reason}`);
for (const e of stale) console.log(`  note: allowlist entry ${e.check} ${e.file} no longer matches a finding; remove it.`);
if (blocking.length > 0) {
  for (const f of blocking) console.error(`  BLOCKING ${f.severity} ${f.check} ${f.file}:${f.location} — ${f.description}`);
  die(`${blocking.length} HIGH finding(s) not in ${path.relative(root, allowFile)}. Fix them (preferred) or list them with a reason.`);
}
console.log('electronegativity gate: passed');
