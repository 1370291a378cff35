// Cold start: from navigation start (performance.timeOrigin) to the end of the first frame that
// shows a rendered preview on www/index.html, in a fresh browser context (empty cache) each time.
// The context should have no route: Playwright would then intercept every request, the page's
// own included (run.mjs's browser fails outside names itself instead).
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { median } from './table.mjs';

const LOADS = 9;

/**
 * Runs in the page before its own scripts: notes when the "Preview" region first holds rendered
 * body content, then resolves one task after the next frame (after its paint on the main thread).
 */
function watchFirstPreview() {
  window.firstPreview = new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      if (!document.querySelector('[aria-label="Preview"] .postview-body > *')) return;
      observer.disconnect();
      const shown = performance.now();
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => {
          const painted = performance.now();
          const fetched = (end) => performance.getEntriesByType('resource').find((e) => e.name.endsWith(end))?.responseEnd ?? NaN;
          const [navigation] = performance.getEntriesByType('navigation');
          // Where the time went: when the page's own files were in, the DOM was parsed, the
          // preview was put in and painted.
          const phases = {
            html: navigation.responseEnd,
            'main.js': fetched('/main.js'),
            'postview.js': fetched('/postview.js'),
            wasm: fetched('/postview_bg.wasm'),
            'sample post': fetched('/sample-post.md'),
            'DOM parsed': navigation.domContentLoadedEventStart,
            shown,
            painted,
          };
          resolve({ shown, painted, phases });
        };
        channel.port2.postMessage(0);
      });
    });
    observer.observe(document, { childList: true, subtree: true });
  });
}

/**
 * Loads the page `LOADS` times (its own sample post), each in a new context made by
 * `newContext()`; returns { median, min, max, loads, phases } of navigation -> painted preview
 * in ms, `phases` being the median time of each step (see watchFirstPreview).
 */
export async function measureColdStart(newContext, pageUrl) {
  const loads = [];
  for (let i = 0; i < LOADS; i += 1) {
    const context = await newContext();
    await context.addInitScript(watchFirstPreview);
    const page = await context.newPage();
    await page.goto(pageUrl);
    loads.push(await page.evaluate(() => window.firstPreview));
    await context.close();
  }
  const times = loads.map((load) => load.painted).sort((a, b) => a - b);
  const phases = Object.fromEntries(Object.keys(loads[0].phases).map((name) => [name, median(loads.map((load) => load.phases[name]))]));
  return { median: times[LOADS >> 1], min: times[0], max: times[LOADS - 1], loads: LOADS, phases };
}

/**
 * The floor under any page's cold start on this machine: the page as it stands after its first
 * render (editor text, header, preview and contents as they are then), saved as a static file
 * with no script, no WebAssembly and nothing preloaded, so that loading it is only fetching,
 * parsing, styling, laying out and painting the same document. Writes it to `outPath` (a file
 * under the served folder); `pageUrl` is the real page.
 */
export async function snapshotPage(newContext, pageUrl, outPath) {
  const context = await newContext();
  const page = await context.newPage();
  await page.goto(pageUrl);
  await page.getByRole('region', { name: 'Preview' }).locator('.postview-body > *').first().waitFor();
  const html = await page.evaluate(() => {
    const root = document.documentElement.cloneNode(true);
    // A textarea's text is its value, which outerHTML leaves out: as its content it is the same.
    root.querySelector('textarea').textContent = document.querySelector('textarea').value;
    // No script to guard against, and the policy's base-uri 'none' would refuse the <base>.
    const gones = 'script, link[rel=preload], link[rel=modulepreload], meta[http-equiv=Content-Security-Policy]';
    for (const gone of root.querySelectorAll(gones)) gone.remove();
    const base = document.createElement('base');
    base.href = new URL('.', location.href).href;
    root.querySelector('head').prepend(base);
    return `<!doctype html>\n${root.outerHTML}`;
  });
  await context.close();
  await mkdir(dirname(outPath), { recursive: true });
  await writeFile(outPath, html);
}