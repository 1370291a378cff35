// The thin glue between postview's Rust and its lazy parts (pkg/lazy/*.js: the highlighter, the
// math converter, the diagram renderer): each is imported on first need, once, and handed the
// elements to enhance. Which elements, and when, is decided in Rust (enhance.rs).

const loading = new Map();

/**
 * Resolves in a task after the next frame is painted: a lazy part is fetched, compiled and run
 * only once the preview it enhances is on screen, so it never delays the first painted preview.
 */
const afterPaint = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

/**
 * The lazy module `name`, imported once. A failed import is said once and not tried again (the
 * blocks stay plain until the page is loaded again): not once per frame of a long paste.
 */
function load(name) {
  let module = loading.get(name);
  if (!module) {
    // wasm-bindgen ships this file as pkg/snippets/<crate>-<hash>/src/browser/enhance.js, which
    // `make build` bundles into pkg/postview.js; the lazy parts are in pkg/lazy/ either way.
    const pkg = import.meta.url.replace(/snippets\/[^?#]*$/, '');
    module = afterPaint().then(() => import(new URL(`lazy/${name}.js`, pkg)));
    module.catch((error) => console.error(`postview could not load its ${name} part:`, error));
    loading.set(name, module);
  }
  return module;
}

/** Loads the lazy module `name` if need be, then lets it enhance `elements` (an array). */
export function enhance(name, elements) {
  load(name)
    .then((module) => module.enhance(elements), () => {})
    .catch((error) => console.error(`postview could not enhance with its ${name} part:`, error));
}
