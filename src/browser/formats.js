// The thin glue to postview's lazily loaded TOML parser (pkg/lazy/toml/: the postview-toml crate
// built as its own WebAssembly module): imported and instantiated once, on first need or on
// loadFormats(). What to do with its answers is decided in Rust (formats.rs).

let state = 'idle'; // then 'loading', 'ready' or 'failed'
let loading = null;
let parser = null;
let failure = '';
/** Targets waiting for the load to settle, each told once (a render per frame may ask again). */
const waiting = new Set();

/** Where the TOML parser is: 'idle' (never asked for), 'loading', 'ready' or 'failed'. */
export function tomlState() {
  return state;
}

/** Why the TOML parser is not available, once it failed. */
export function tomlFailure() {
  return failure;
}

/**
 * Starts loading the TOML parser, once; `input` (left out: the .wasm beside its module) is what
 * wasm-bindgen's init takes: a URL, a Response, bytes or a WebAssembly.Module. Resolves when the
 * parser is in, rejects with why it could not be loaded.
 */
export function loadToml(input) {
  if (!loading) {
    state = 'loading';
    // wasm-bindgen ships this file as pkg/snippets/<crate>-<hash>/src/browser/formats.js, which
    // `make build` bundles into pkg/postview.js; the parser is in pkg/lazy/toml/ either way.
    const pkg = import.meta.url.replace(/snippets\/[^?#]*$/, '');
    loading = import(new URL('lazy/toml/postview_toml.js', pkg))
      .then(async (module) => {
        await module.default(input === undefined ? undefined : { module_or_path: input });
        parser = module;
        state = 'ready';
      })
      .catch((error) => {
        state = 'failed';
        failure = `it could not be loaded: ${error}`;
        console.error('postview could not load its TOML parser:', error);
        throw new Error(`postview's TOML parser could not be loaded: ${error}`);
      });
    // Nobody awaiting it is no unhandled rejection: the failure is said above and in diagnostics.
    loading.catch(() => {});
  }
  return loading;
}

/**
 * The parser's answer for `text`: { value } or { message, offset }; { unavailable } if the
 * parser's own instance broke (a trap there never reaches postview's instance).
 */
export function parseToml(text) {
  try {
    return parser.parse(text);
  } catch (error) {
    state = 'failed';
    failure = `it stopped: ${error}`;
    return { unavailable: failure };
  }
}

/** Dispatches a `type` event on `target` once the load under way settles (in or failed). */
export function notifyWhenTomlSettles(target, type) {
  if (!loading || waiting.has(target)) return;
  waiting.add(target);
  loading.catch(() => {}).then(() => {
    waiting.delete(target);
    target.dispatchEvent(new Event(type));
  });
}
