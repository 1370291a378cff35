// postview in Node (`postview/node`): the package's WebAssembly, loaded from its own file, with raw
// HTML sanitized by the same DOMPurify and allowlist as in the browser, on jsdom's DOM (parse5, an
// HTML parser that follows the same standard as the browser's), so `render` gives the browser's HTML.
import { readFile } from 'node:fs/promises';
import init, { loadFormats, render as renderPost, sanitizeOn } from './postview.js';

let JSDOM;
try {
  ({ JSDOM } = await import('jsdom'));
} catch (error) {
  throw new Error('postview/node needs jsdom to sanitize raw HTML as the browser does: npm install jsdom', {
    cause: error,
  });
}

await init({ module_or_path: await readFile(new URL('./postview_bg.wasm', import.meta.url)) });
// Node's fetch cannot read file: URLs, so the TOML parser (a second module the browser fetches on
// first need) is handed over as bytes: every front matter format is read from the first render.
await loadFormats({ toml: await readFile(new URL('./lazy/toml/postview_toml_bg.wasm', import.meta.url)) });
const { window } = new JSDOM('');

/** Renders a post, as `render` from `postview` does in the browser. */
export function render(source, options) {
  // Cheap when the window is set already; after a panic, the fresh instance starts without it.
  sanitizeOn(window);
  return renderPost(source, options);
}
