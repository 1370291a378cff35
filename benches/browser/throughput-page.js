// In the throughput page: loads postview and every peer, then offers `window.throughput(name,
// text, bytes)`, the median MB/s of one renderer on one input. Served from the repository root.
import initPostview, { render } from '/www/pkg/postview.js';
import { ready as markdownWasmReady, parse as markdownWasmParse } from '/node_modules/markdown-wasm/dist/markdown.es.js';
import { init as initMd4w, mdToHtml } from '/node_modules/md4w/js/index.js';

/** The name of postview rendering with `rawHtml: 'escape'` (never sanitizing). */
const ESCAPED = 'postview, raw HTML escaped';

/** Time spent timing one renderer on one input in one round, and the least time of a batch. */
const TIMED_MS = 200;
const WARM_UP_MS = 1000;
const BATCH_MS = 20;

/** The name of another build of postview (`BENCH_BASELINE`), for A/B in the same page and run. */
const BASELINE = 'postview baseline';
/** pulldown-cmark alone (crates/bare-pulldown-cmark, built by `make bench`): postview's floor. */
const BARE = 'pulldown-cmark alone';

async function loadRenderers(jsPeers, baseline, bare) {
  await initPostview();
  await markdownWasmReady;
  await initMd4w(fetch('/node_modules/md4w/js/md4w-fast.wasm'));
  const renderers = {
    // The full pipeline: front matter, Markdown, safe HTML, the result as a JS object.
    postview: (text) => render(text),
    // The same with raw HTML shown as text: what DOMPurify costs on HTML-heavy input.
    [ESCAPED]: (text) => render(text, { rawHtml: 'escape' }),
    'markdown-wasm': (text) => markdownWasmParse(text),
    md4w: (text) => mdToHtml(text),
  };
  if (baseline) {
    const other = await import(`/${baseline}/postview.js`);
    await other.default();
    renderers[BASELINE] = (text) => other.render(text);
  }
  if (bare) {
    const alone = await import(`/${bare}/bare_pulldown_cmark.js`);
    await alone.default();
    renderers[BARE] = (text) => alone.render(text);
  }
  for (const [name, file] of jsPeers) {
    renderers[name] = (await import(`/target/bench/${file}`)).renderHtml;
  }
  return renderers;
}

/**
 * The MB/s (10^6 UTF-8 bytes) of batches of renders, for `TIMED_MS`: batches so that a 5 KB
 * render is not lost under the browser's coarse timer. `warmUp` first renders untimed for
 * `WARM_UP_MS`: WebAssembly starts on V8's baseline compiler and moves hot functions to the
 * optimizing one in the background, which takes a while on a busy 2-core machine.
 */
function throughput(renderHtml, text, bytes, warmUp) {
  const renderBatch = (runs) => {
    const start = performance.now();
    for (let i = 0; i < runs; i += 1) window.sink = renderHtml(text);
    return performance.now() - start;
  };
  const warm = performance.now();
  while (warmUp && performance.now() - warm < WARM_UP_MS) renderBatch(1);
  // Enough renders per batch for BATCH_MS (doubling: one slow first render must not make the
  // batches so short that the page's 0.1 ms timer steps show in the figures).
  let runs = 1;
  while (renderBatch(runs) < BATCH_MS) runs *= 2;
  const rates = [];
  const start = performance.now();
  while (rates.length < 3 || performance.now() - start < TIMED_MS) {
    rates.push((bytes * runs) / renderBatch(runs) / 1e3);
  }
  return rates;
}

window.loadRenderers = async (jsPeers, baseline, bare) => {
  const renderers = await loadRenderers(jsPeers, baseline, bare);
  window.throughput = (name, text, bytes, warmUp) => throughput(renderers[name], text, bytes, warmUp);
  // For BENCH_CLOCK=cpu: `runs` renders and nothing else, timed from outside the page.
  window.renderTimes = (name, text, runs) => {
    for (let i = 0; i < runs; i += 1) window.sink = renderers[name](text);
  };
  return Object.keys(renderers);
};
