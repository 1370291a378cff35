// Bundles what the example pages import from npm (CodeMirror 6 for examples/codemirror/, Decap CMS
// and React for examples/decap/), and the page's own CodeMirror editor (www/editor/, loaded after
// the first preview), into each one's build/ folder (ignored by git): `node www/examples/build.mjs`,
// run by `make build`.
// Prints each bundle's gzipped size.
import { build } from 'esbuild';
import { readFile, rm } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';

const here = new URL('.', import.meta.url).pathname;
const bundles = [
  { example: 'codemirror', entry: 'codemirror.entry.js', out: 'codemirror.js' },
  { example: 'decap', entry: 'decap.entry.js', out: 'decap.js' },
  { example: '../editor', entry: 'codemirror.entry.js', out: 'codemirror.js' },
];

for (const { example, entry, out } of bundles) {
  const outdir = join(here, example, 'build');
  await rm(outdir, { recursive: true, force: true });
  const outfile = join(outdir, out);
  await build({
    entryPoints: [join(here, example, entry)],
    outfile,
    bundle: true,
    format: 'esm',
    minify: true,
    target: 'es2022',
    legalComments: 'linked',
    // React and Decap read it to leave out their development-only checks.
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'warning',
  });
  const gzipped = gzipSync(await readFile(outfile), { level: 9 }).length;
  console.log(`${join('www/examples', example, 'build', out)}: ${(gzipped / 1024).toFixed(1)} KB gzipped`);
}
