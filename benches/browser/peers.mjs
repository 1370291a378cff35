// The peer Markdown renderers the browser bench runs: which npm package each is, how the page
// loads it, and (for the pure-JS ones) an ES module bundle made now with esbuild, because
// micromark and friends import each other by bare specifiers a browser cannot resolve.
import { build } from 'esbuild';
import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../../', import.meta.url));

/** Pure-JS peers: the column name and the module source that exports `renderHtml(text)`. */
export const JS_PEERS = [
  ['markdown-it', "import MarkdownIt from 'markdown-it'; const md = new MarkdownIt(); export const renderHtml = (text) => md.render(text);"],
  ['marked', "import { marked } from 'marked'; export const renderHtml = (text) => marked.parse(text);"],
  ['commonmark.js', "import { Parser, HtmlRenderer } from 'commonmark'; const parser = new Parser(); const html = new HtmlRenderer(); export const renderHtml = (text) => html.render(parser.parse(text));"],
  ['micromark+gfm', "import { micromark } from 'micromark'; import { gfm, gfmHtml } from 'micromark-extension-gfm'; const options = { extensions: [gfm()], htmlExtensions: [gfmHtml()] }; export const renderHtml = (text) => micromark(text, options);"],
];

/** WebAssembly peers, loaded by the page straight from node_modules (their files, gzipped, are their size). */
export const WASM_PEERS = [
  ['markdown-wasm', ['node_modules/markdown-wasm/dist/markdown.es.js', 'node_modules/markdown-wasm/dist/markdown.wasm']],
  ['md4w', ['node_modules/md4w/js/index.js', 'node_modules/md4w/js/md4w.js', 'node_modules/md4w/js/md4w-fast.wasm']],
];

/** Every peer's column name, markdown-wasm (the yardstick) first. */
export const PEER_NAMES = [...WASM_PEERS, ...JS_PEERS].map(([name]) => name);

/** The file name a JS peer's bundle gets under target/bench/. */
export const bundleName = (name) => `peer-${name.replace(/[^a-z0-9]+/gi, '-')}.js`;

/**
 * Bundles each JS peer, minified as a site would ship it, into target/bench/; returns
 * { name: Uint8Array } (the bundles' contents) for the size row.
 */
export async function bundleJsPeers() {
  const dir = `${repo}target/bench/`;
  await mkdir(dir, { recursive: true });
  const sizes = {};
  for (const [name, source] of JS_PEERS) {
    const result = await build({
      stdin: { contents: source, resolveDir: repo, loader: 'js' },
      bundle: true, platform: 'browser', format: 'esm', minify: true, write: false, logLevel: 'error',
    });
    const bytes = result.outputFiles[0].contents;
    await writeFile(dir + bundleName(name), bytes);
    sizes[name] = bytes;
  }
  return sizes;
}
