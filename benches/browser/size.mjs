// Download size: gzip -9 of what a page must fetch to render, for postview (www/pkg: the wasm
// and postview.js, its snippets bundled in) and for each peer.
import { readFile, readdir } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const gzipped = (bytes) => gzipSync(bytes, { level: 9 }).length;

/**
 * Every file of www/pkg a page loads to render: the .wasm, postview.js and JS under snippets/
 * (none since `make build` bundles them into postview.js; a build that does not, counts them).
 * Not the lazy parts under lazy/ (highlighter, math, diagrams, the TOML parser's second wasm
 * module), fetched only when a post needs them.
 */
async function postviewFiles() {
  const pkg = `${repo}www/pkg/`;
  const entries = await readdir(pkg, { recursive: true });
  return entries
    .filter((path) => !path.startsWith('lazy/'))
    .filter((path) => path.endsWith('.wasm') || path === 'postview.js' || (path.startsWith('snippets/') && path.endsWith('.js')))
    .map((path) => pkg + path);
}

/** Sum of the files' gzipped sizes, each file compressed alone as a server would send it. */
async function gzippedFiles(paths) {
  let total = 0;
  for (const path of paths) total += gzipped(await readFile(path));
  return total;
}

/**
 * { name: gzipped bytes } for postview, the WebAssembly peers (`wasmPeers`: [name, paths under
 * the repository]) and the JS peers (`jsBundles`: { name: bundle contents }).
 */
export async function measureSizes(wasmPeers, jsBundles) {
  const sizes = { postview: await gzippedFiles(await postviewFiles()) };
  for (const [name, paths] of wasmPeers) sizes[name] = await gzippedFiles(paths.map((path) => repo + path));
  for (const [name, bytes] of Object.entries(jsBundles)) sizes[name] = gzipped(bytes);
  return sizes;
}
