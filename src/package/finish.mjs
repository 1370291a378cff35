// Completes the npm package wasm-pack leaves in www/pkg (after the lazy parts are bundled into it):
// copies the Node entry in, and writes package.json with what npm, Node, TypeScript and bundlers
// read. Usage: node src/package/finish.mjs www/pkg
import { copyFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const pkg = process.argv[2];
if (!pkg) throw new Error('usage: node src/package/finish.mjs PKG_DIR');
const here = new URL('./', import.meta.url);
const root = new URL('../../', import.meta.url);

/** The `key = "value"` lines of Cargo.toml's [package] table. */
function cargoPackage(toml) {
  const table = toml.split(/^\[package\]\s*$/m)[1].split(/^\[/m)[0];
  return Object.fromEntries([...table.matchAll(/^([\w-]+)\s*=\s*"([^"]*)"\s*$/gm)].map(([, key, value]) => [key, value]));
}

/** The jsdom `postview/node` is tested with (the development one), up to its next major. */
async function jsdomRange() {
  const { devDependencies } = JSON.parse(await readFile(new URL('package.json', root), 'utf8'));
  return `^${devDependencies.jsdom}`;
}

/**
 * Two touches to wasm-bindgen's declarations. It types the raw exports of `InitOutput` (what
 * `init` resolves to: the instance's exports, which no embedder calls) with `any` where they take
 * JavaScript values; `unknown` says the same without switching type checks off. And `Previewer`
 * has `[Symbol.dispose]`, which TypeScript knows only with the `esnext.disposable` library: the
 * file asks for it itself, so a project on `es2022` type-checks it too.
 */
async function completeTypes(file) {
  const types = await readFile(file, 'utf8');
  const raw = /^export interface InitOutput \{$[\s\S]*?^\}$/m;
  if (!raw.test(types)) throw new Error(`${file}: no InitOutput interface, has wasm-bindgen changed?`);
  const typed = types.replace(raw, (block) => block.replace(/\bany\b/g, 'unknown'));
  const reference = '/// <reference lib="esnext.disposable" />\n';
  await writeFile(file, typed.startsWith(reference) ? typed : reference + typed);
}

await completeTypes(join(pkg, 'postview.d.ts'));
for (const file of ['node.js', 'node.d.ts']) await copyFile(new URL(file, here), join(pkg, file));

const cargo = cargoPackage(await readFile(new URL('Cargo.toml', root), 'utf8'));
const manifest = {
  name: cargo.name,
  version: cargo.version,
  description: cargo.description,
  license: cargo.license,
  repository: { type: 'git', url: cargo.repository },
  type: 'module',
  main: './postview.js',
  types: './postview.d.ts',
  exports: {
    '.': { types: './postview.d.ts', default: './postview.js' },
    './node': { types: './node.d.ts', default: './node.js' },
    './post-preview': { types: './post-preview.d.ts', default: './post-preview.js' },
    './preview.css': './preview.css',
    // For bundlers that want the wasm's URL (`init(url)`); postview.js finds it beside itself.
    './postview_bg.wasm': './postview_bg.wasm',
    './lazy/*': './lazy/*',
    './package.json': './package.json',
  },
  // Everything loaded at run time: the glue with its snippets bundled in (DOMPurify, the
  // sanitizer's allowlist, the crash door, the lazy parts' loader), the wasm, the lazy parts, the Node entry,
  // the <post-preview> element and the preview's stylesheet.
  files: ['postview.js', 'postview.d.ts', 'postview_bg.wasm', 'lazy/', 'node.js', 'node.d.ts',
    'post-preview.js', 'post-preview.d.ts', 'preview.css',
    // npm packs a file named LICENSE by itself, but not these two (wasm-pack copies them here).
    'LICENSE-MIT', 'LICENSE-APACHE'],
  // Importing the element defines <post-preview>, and a stylesheet applies when imported; nothing
  // else does anything on import that an importer relies on (the lazy parts configure their
  // library, but are only ever imported for what they export).
  sideEffects: ['./post-preview.js', './preview.css'],
  // Only `postview/node` needs it, to sanitize raw HTML as the browser does.
  peerDependencies: { jsdom: await jsdomRange() },
  peerDependenciesMeta: { jsdom: { optional: true } },
};
await writeFile(join(pkg, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
