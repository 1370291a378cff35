// Keystroke latency on the real page (www/index.html): one character typed in the middle of a
// post, to the end of the first frame in which the preview shows the change.
//
// What is measured, in the page: t0 = performance.now() just before
// document.execCommand('insertText') types one character into the "Markdown source" textbox
// (the editor's own edit is inside the figure: CodeMirror's, where the page put the post in it,
// handling the browser's edit of its content; a textarea's, with the `input` event it fires).
// The post goes in as a paste (pasteIntoPage), so the page picks the editor as it would for an
// author. "changed" is when a MutationObserver first hears that the "Preview" region changed
// (the render is done, nothing is painted yet). "painted" waits frame by frame (requestAnimationFrame) until that change, then one
// MessageChannel task more, which runs after that frame's style, layout and paint on the main
// thread (compositing on other threads is not included). Keystrokes land at spread-out moments
// of the 16.7 ms frame, as a person's do, not always just after a frame. "working" is "painted"
// less the time the main thread sat idle between the end of the edit's input event and the start
// of the next frame (requestAnimationFrame's timestamp): the work of a keystroke without the wait
// for the display, about 8 ms on average at 60 Hz, which a faster display shortens.
import { median } from './table.mjs';

/** Edits timed per input (the issue asks for at least 15), after untimed warm-up edits. */
const EDITS = 21;
const WARM_UP = 2;
/** The character typed: one the generated posts never contain, so each edit is visible. */
const TYPED = '嗯';

/**
 * In the page: types `edits` characters one at a time; returns each one's { changed, painted,
 * working } in ms, `working` being `painted` less the idle wait between the end of the edit's
 * input event and the start of the next frame.
 */
async function typeInMiddle({ editor, preview, edits, typed, glue }) {
  const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
  const nextTask = () => new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = resolve;
    channel.port2.postMessage(0);
  });
  const settle = async () => { await frame(); await frame(); await nextTask(); };
  // CodeMirror's view (the textbox is its content element), or none for a textarea.
  const view = editor instanceof HTMLTextAreaElement ? null : (await import(glue)).EditorView.findFromDOM(editor.getRootNode());
  const textOf = () => (view ? view.state.doc.toString() : editor.value);
  /** Puts the caret at `at` (scrolled into view) and the focus in the editor, as a click there would. */
  const placeCaret = (at) => {
    if (!view) {
      editor.focus();
      editor.setSelectionRange(at, at);
      return;
    }
    view.dispatch({ selection: { anchor: at }, scrollIntoView: true });
    view.focus();
  };

  await settle();

  let changes = 0;
  let changedAt = 0;
  const observer = new MutationObserver((records) => {
    if (changes === 0) changedAt = performance.now();
    changes += records.length;
  });
  observer.observe(preview, { childList: true, subtree: true, characterData: true, attributes: true });
  const latencies = [];
  for (let i = 0; i < edits; i += 1) {
    // Before a full stop in the middle of the post (moving on a little each time): body text.
    const current = textOf();
    placeCaret(current.indexOf('。', (current.length >> 1) + i * 41));
    await settle();
    await new Promise((resolve) => setTimeout(resolve, (i * 7) % 17));
    changes = 0;
    const t0 = performance.now();
    document.execCommand('insertText', false, typed);
    // The edit and its input event are done; the main thread idles until the next frame begins
    // (requestAnimationFrame's timestamp), unless it is already late for it.
    const handled = performance.now();
    let idle;
    do {
      const frameStart = await frame();
      idle ??= Math.max(0, frameStart - handled);
      const late = observer.takeRecords().length;
      if (changes === 0 && late > 0) changedAt = performance.now();
      changes += late;
    } while (changes === 0 && performance.now() - t0 < 10_000);
    await nextTask();
    const t1 = performance.now();
    if (changes === 0) throw new Error(`edit ${i}: the preview did not change within 10 s`);
    latencies.push({ changed: changedAt - t0, painted: t1 - t0, working: t1 - t0 - idle });
  }
  observer.disconnect();
  const shown = preview.textContent.split(typed).length - 1;
  if (shown !== edits) throw new Error(`the preview shows ${shown} of ${edits} typed characters`);
  return latencies;
}

/**
 * Puts `text` in the page's editor (its textarea, `#source`, on the pages timed here) in place of
 * its text, the way a paste does: a paste event, which the page may take (postview's page puts a
 * long paste into CodeMirror); if it does not, the text goes in as the browser's own paste would
 * (an untrusted event has no default action). Resolves once the preview shows all of the post.
 */
export async function pasteIntoPage(page, text) {
  await page.evaluate((text) => {
    const editor = document.getElementById('source');
    editor.focus();
    editor.select();
    const data = new DataTransfer();
    data.setData('text/plain', text);
    if (editor.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }))) {
      editor.value = text;
      editor.dispatchEvent(new Event('input', { bubbles: true }));
    }
  }, text);
  await page.waitForFunction(() => document.getElementById('preview').textContent.includes('慢一点，才看得清楚'), null, { timeout: 300_000, polling: 200 });
  // That sentence is in the post's first section: a huge post is still coming into the preview
  // (over frames, and in stages) when it shows. Keystrokes timed meanwhile would time the rest of
  // the paste too (a 1 MB post's took about a second): wait until the preview has stopped growing.
  await page.waitForFunction(() => {
    const length = document.getElementById('preview').textContent.length;
    const still = length === window.previewLength;
    window.previewLength = length;
    return still;
  }, null, { timeout: 300_000, polling: 500 });
}

/** { median, min, max } of one series. */
const summary = (values) => ({ median: median(values), min: Math.min(...values), max: Math.max(...values) });

/**
 * Opens www/index.html in `context` (served at `pageUrl`) for each input and returns
 * { inputName: { changed, painted, working, edits } } ({ median, min, max } in ms); `report(message)`
 * hears of each input done.
 */
export async function measureKeystrokes(context, pageUrl, inputs, report = () => {}) {
  const results = {};
  for (const input of inputs) {
    const page = await context.newPage();
    await page.goto(pageUrl);
    await page.getByRole('region', { name: 'Preview' }).locator('.postview-body > *').first().waitFor();
    await pasteIntoPage(page, input.text);
    // The textbox the paste left (postview's page: CodeMirror for a long post, else the textarea).
    const editor = await page.getByRole('textbox', { name: 'Markdown source' }).elementHandle();
    const preview = await page.getByRole('region', { name: 'Preview' }).elementHandle();
    const glue = new URL('editor/build/codemirror.js', pageUrl).href;
    const all = await page.evaluate(typeInMiddle, { editor, preview, edits: WARM_UP + EDITS, typed: TYPED, glue });
    const timed = all.slice(WARM_UP);
    results[input.name] = {
      changed: summary(timed.map((t) => t.changed)),
      painted: summary(timed.map((t) => t.painted)),
      working: summary(timed.map((t) => t.working)),
      edits: timed.length,
    };
    await page.close();
    report(`keystrokes on ${input.name} done`);
  }
  return results;
}
