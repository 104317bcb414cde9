// Peer: gray-matter (front matter, js-yaml) + Ajv (JSON Schema 2020-12,
// compiled once, all errors, formats asserted), over DIR/_figures/*.md or
// DIR/*.md. Prints one JSON line: pages read, pages invalid, errors.
// Usage: FIGLINT_BENCH_NODE_DIR=PREFIX node graymatter-ajv.mjs SCHEMA DIR
// where PREFIX is the folder whose node_modules holds the packages
// (default: the working directory).
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(path.resolve(process.env.FIGLINT_BENCH_NODE_DIR ?? '.', 'package.json'));
const matter = require('gray-matter');
const Ajv2020 = require('ajv/dist/2020').default;
const addFormats = require('ajv-formats').default;

const [schemaPath, dir] = process.argv.slice(2);
if (!schemaPath || !dir) {
  console.error('usage: node graymatter-ajv.mjs SCHEMA DIR');
  process.exit(2);
}
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(JSON.parse(fs.readFileSync(schemaPath, 'utf8')));

const figures = fs.existsSync(path.join(dir, '_figures')) ? path.join(dir, '_figures') : dir;
const files = fs.readdirSync(figures).filter((f) => f.endsWith('.md')).sort();
let invalid = 0;
let errors = 0;
for (const f of files) {
  const page = matter(fs.readFileSync(path.join(figures, f), 'utf8'));
  if (!validate(page.data)) {
    invalid++;
    errors += validate.errors.length;
  }
}
console.log(JSON.stringify({ tool: 'gray-matter+ajv', pages: files.length, invalid, errors }));
