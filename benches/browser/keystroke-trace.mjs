// Where a keystroke's time goes on the page: a Chrome trace of KEYS characters typed in the middle
// of a benchmark post, as the keystroke bench types them, and the main thread's work inside the
// keystroke windows (from the keystroke to one task after the frame showing it), by CPU time
// (each event's thread time, which a busy machine moves far less than the wall clock).
//
//   node benches/browser/keystroke-trace.mjs [BYTES] [www dir] [hide-preview] [KEYS]
//
// BYTES: 5120, 102400 or 1048576 (the bench's posts); the www dir defaults to this checkout's
// (another build's www/ for an A/B); hide-preview sets the preview to display: none, which leaves
// the textarea's own cost. Prints the latencies, then per keystroke: the top events, the paints
// (layer, node and clip: what was painted), the layouts (dirty and total objects), and what
// invalidated style and layout.
import { chromium } from 'playwright-core';
import { fileURLToPath } from 'node:url';
import { ARGS, CHROMIUM, PIXEL } from '../../tests/e2e/browser.mjs';
import { serveDirectory } from '../../tests/e2e/static-server.mjs';
import { postOfSize } from './inputs.mjs';
import { pasteIntoPage } from './keystroke.mjs';

const size = Number(process.argv[2] ?? 102400);
const root = process.argv[3] || fileURLToPath(new URL('../../www/', import.meta.url));
const hidePreview = process.argv[4] === 'hide-preview';
const KEYS = Number(process.argv[5] ?? 15);
const CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline',
  'disabled-by-default-devtools.timeline.invalidationTracking', 'blink.user_timing'];

/** In the page: types `keys` characters one at a time, each between performance marks. */
async function typeInMiddle(keys) {
  const editor = document.getElementById('source');
  const preview = document.getElementById('preview');
  // CodeMirror's view, where www/main.js put the post in it.
  const view = document.documentElement.dataset.editor === 'codemirror'
    ? (await import(new URL('editor/build/codemirror.js', document.baseURI).href)).EditorView.findFromDOM(document.querySelector('.editor-host').shadowRoot)
    : null;
  const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
  const nextTask = () => new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = resolve;
    channel.port2.postMessage(0);
  });
  let changes = 0;
  const observer = new MutationObserver((records) => { changes += records.length; });
  observer.observe(preview, { childList: true, subtree: true, characterData: true, attributes: true });
  const latencies = [];
  for (let i = 0; i < keys; i += 1) {
    const text = view ? view.state.doc.toString() : editor.value;
    const at = text.indexOf('。', (text.length >> 1) + i * 41);
    if (view) {
      view.dispatch({ selection: { anchor: at }, scrollIntoView: true });
      view.focus();
    } else {
      editor.focus();
      editor.setSelectionRange(at, at);
    }
    await frame(); await frame();
    await new Promise((resolve) => setTimeout(resolve, 30 + (i * 7) % 17));
    changes = 0;
    const t0 = performance.now();
    performance.mark('keystroke');
    document.execCommand('insertText', false, '嗯');
    for (let frames = 0; frames < 600; frames += 1) {
      if (changes + observer.takeRecords().length > 0 || hidePreviewed()) break;
      await frame();
    }
    await frame();
    await nextTask();
    performance.mark('keystroke-painted');
    latencies.push(performance.now() - t0);
  }
  return latencies;
  function hidePreviewed() { return preview.style.display === 'none'; }
}

const server = await serveDirectory(root);
const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
try {
  const page = await browser.newPage();
  await page.route((url) => !url.href.startsWith(server.url), (route) => route.fulfill({ contentType: 'image/png', body: PIXEL }));
  await page.goto(server.url);
  await page.getByRole('region', { name: 'Preview' }).locator('.postview-body > *').first().waitFor();
  // Pasted, as an author would: postview's page puts a long post into CodeMirror.
  await pasteIntoPage(page, postOfSize(size));
  await page.waitForTimeout(2000);
  if (hidePreview) await page.evaluate(() => { document.getElementById('preview').style.display = 'none'; });
  await browser.startTracing(page, { categories: CATEGORIES });
  const latencies = await page.evaluate(typeInMiddle, KEYS);
  const trace = JSON.parse((await browser.stopTracing()).toString());
  report(trace.traceEvents ?? trace, latencies);
} finally {
  await browser.close();
  server.close?.();
}

function report(events, latencies) {
  const marks = (name) => events.filter((e) => e.name === name && /user_timing/.test(e.cat)).map((e) => e.ts).sort((a, b) => a - b);
  const ends = marks('keystroke-painted');
  const windows = marks('keystroke').map((start) => [start, ends.find((end) => end > start)]);
  const inside = (e) => windows.some(([start, end]) => e.ts >= start && e.ts + (e.dur ?? 0) <= end);
  const cpu = (e) => (e.tdur ?? e.dur) / 1000;
  const sorted = [...latencies].sort((a, b) => a - b);
  console.log(`${size} bytes, ${KEYS} keystrokes: keystroke → painted (wall clock) median ${sorted[sorted.length >> 1].toFixed(1)} ms; each: ${latencies.map((l) => l.toFixed(1)).join(' ')}`);
  const sums = new Map();
  const add = (key, ms) => sums.set(key, (sums.get(key) ?? 0) + ms);
  const work = events.filter((e) => e.ph === 'X' && e.dur && inside(e));
  for (const e of work) add(e.name, cpu(e));
  print('main-thread events, CPU ms per keystroke (nested events count in each)', sums);
  const detail = new Map();
  for (const e of work) {
    const data = e.args?.data ?? {};
    if (e.name === 'EventDispatch') detail.set(`event ${data.type}`, (detail.get(`event ${data.type}`) ?? 0) + cpu(e));
    if (e.name === 'Paint') {
      const c = data.clip ?? [];
      const xs = [c[0], c[2], c[4], c[6]], ys = [c[1], c[3], c[5], c[7]];
      const clip = c.length ? `${Math.round(Math.max(...xs) - Math.min(...xs))}×${Math.round(Math.max(...ys) - Math.min(...ys))}` : '?';
      const key = `paint layer ${data.layerId} node ${data.nodeId} clip ${clip}`;
      detail.set(key, (detail.get(key) ?? 0) + cpu(e));
    }
  }
  print('events by type and paints by layer, node and clip, CPU ms per keystroke', detail);
  const layouts = events.filter((e) => e.name === 'Layout' && inside(e)).map((e) =>
    `${cpu(e).toFixed(2)} ms (${e.args?.beginData?.dirtyObjects} of ${e.args?.beginData?.totalObjects} objects${forcedBy(e)})`);
  console.log(`layouts: ${layouts.join(', ')}`);
  const invalidations = new Map();
  for (const e of events) {
    if (!/InvalidationTracking/.test(e.name) || !windows.some(([start, end]) => e.ts >= start && e.ts <= end)) continue;
    const data = e.args?.data ?? {};
    const key = `${e.name.replace('InvalidationTracking', '')}: ${data.nodeName ?? ''} (${data.reason ?? ''})`;
    invalidations.set(key, (invalidations.get(key) ?? 0) + 1);
  }
  print('invalidations per keystroke', invalidations, 1);
}

function print(title, sums, digits = 2) {
  console.log(`${title}:`);
  for (const [name, total] of [...sums].sort((a, b) => b[1] - a[1]).slice(0, 20)) {
    console.log(`  ${(total / KEYS).toFixed(digits).padStart(8)}  ${name}`);
  }
}

/** ", forced by function at url:line" for a layout a script asked for, else "". */
function forcedBy(layout) {
  const frame = layout.args?.beginData?.stackTrace?.[0];
  return frame ? `, forced by ${frame.functionName || '(anonymous)'} at ${frame.url.split('/').pop()}:${frame.lineNumber}` : '';
}
