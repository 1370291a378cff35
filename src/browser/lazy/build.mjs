// Bundles the lazy parts (highlight.js, Temml, Mermaid) into ES modules the glue (enhance.js)
// imports on first need: `node src/browser/lazy/build.mjs OUT_DIR`. Run after wasm-pack, which
// empties pkg/. Prints each part's gzipped size.
import { build } from 'esbuild';
import { readdir, readFile, rm } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';

const outdir = process.argv[2];
if (!outdir) throw new Error('usage: node src/browser/lazy/build.mjs OUT_DIR');
const here = new URL('.', import.meta.url).pathname;

await rm(outdir, { recursive: true, force: true });
const common = { outdir, bundle: true, format: 'esm', minify: true, target: 'es2022', legalComments: 'linked', logLevel: 'warning' };
const entry = (name) => join(here, `${name}.js`);
// One file each: a post with code costs exactly highlight.js, one with math exactly math.js.
await build({ ...common, entryPoints: [entry('highlight'), entry('math')] });
// Mermaid imports each diagram type on demand: those become chunks, loaded only when drawn.
await build({ ...common, entryPoints: [entry('diagram')], splitting: true, chunkNames: 'chunks/[name]-[hash]' });

const gzipped = async (file) => gzipSync(await readFile(join(outdir, file)), { level: 9 }).length;
const chunks = (await readdir(join(outdir, 'chunks'))).filter((f) => f.endsWith('.js'));
let chunkBytes = 0;
for (const chunk of chunks) chunkBytes += await gzipped(join('chunks', chunk));
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
console.log(`${outdir}: highlight ${kb(await gzipped('highlight.js'))}, math ${kb(await gzipped('math.js'))}, ` +
  `diagram ${kb(await gzipped('diagram.js'))} + ${chunks.length} chunks ${kb(chunkBytes)} gzipped`);
