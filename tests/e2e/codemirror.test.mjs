// The CodeMirror 6 example (www/examples/codemirror/) end to end: postview mounted beside a real
// CodeMirror through an editor adapter, in Debian's Chromium against the built page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { editorOf, editorText, fillEditor, previewOf, saveFile, useBrowser, waitForEditorText } from './browser.mjs';

const browser = useBrowser();

/** The example's draft key (its own: the page's draft is another post). */
const KEY = 'postview:codemirror-draft';
const OPENED_POST = await readFile(new URL('../fixtures/drafts/opened-post.md', import.meta.url), 'utf8');

/** A long post of short lines (none wraps): 40 sections, each a heading, text and a list. */
function longPost() {
  let post = '---\ntitle: 很长的文章\n---\n\n';
  for (let n = 1; n <= 40; n += 1) {
    post += `## 第 ${n} 节\n\n这一节的第一段。\n第二行。\n第三行。\n\n- 一项\n- 两项\n- 三项\n\n`;
  }
  return post;
}

// CodeMirror sits in a shadow root on #editor (its styles are constructed stylesheets there):
// the page's queries for its elements go through that root.

/** The example, side by side. */
const openExample = () =>
  browser.open({ path: 'examples/codemirror/', viewport: { width: 1280, height: 800 } });

/** The example's CodeMirror bundle, relative to it. */
const GLUE = './build/codemirror.js';
const codeMirrorText = (page) => editorText(page, GLUE);
const waitForCodeMirrorText = (page, text) => waitForEditorText(page, text, GLUE);

/** Pastes all of `text` but its last character into CodeMirror, then types that one. */
async function typeIntoCodeMirror(page, text) {
  await fillEditor(page, text.slice(0, -1));
  await page.keyboard.press('Control+End');
  await page.keyboard.type(text.slice(-1));
}

/** Resolves once localStorage holds `text` as the example's draft. */
async function waitForStoredDraft(page, text) {
  // The text is stored as it is beside the draft's stamp (under the key itself).
  await page.waitForFunction(([key, text]) => localStorage.getItem(`${key}:text`) === text && localStorage.getItem(key) !== null, [KEY, text]);
}

/** The status line postview writes to (the example's render timings have a line of their own). */
const statusOf = (page) => page.locator('#status');

/** Opens the example with the long post pasted in. */
async function openWithLongPost() {
  const opened = await openExample();
  const post = longPost();
  await fillEditor(opened.page, post);
  await previewOf(opened.page).getByRole('heading', { name: '第 40 节' }).waitFor();
  await scrollSettled(opened.page);
  return { ...opened, post };
}

/**
 * Resolves once neither pane has scrolled for five frames: the paste scrolls CodeMirror to its
 * end when CodeMirror next measures (a frame or more later on a busy machine), and the preview
 * follows. A test that scrolls a pane before then can have its scroll undone by that one.
 */
async function scrollSettled(page) {
  await page.evaluate(async () => {
    const scroller = document.getElementById('editor').shadowRoot.querySelector('.cm-scroller');
    const preview = document.querySelector('.preview');
    const where = () => `${scroller.scrollTop} ${preview.scrollTop}`;
    let [last, still] = [where(), 0];
    for (let frames = 0; still < 5 && frames < 300; frames += 1) {
      await new Promise(requestAnimationFrame);
      const now = where();
      [last, still] = [now, now === last ? still + 1 : 0];
    }
  });
}

/**
 * Reads `read()` until `ok` holds of it or 5 s have gone by, and returns the last reading: a
 * synced pane may take a few frames to get where it goes on a busy machine, and the test then
 * asserts on where it ended up.
 */
async function eventually(page, read, ok) {
  let value = await read();
  for (const giveUp = Date.now() + 5000; !ok(value) && Date.now() < giveUp;) {
    await page.waitForTimeout(50);
    value = await read();
  }
  return value;
}

/** Where heading `name` sits in the preview's visible box: 0 at its top, 1 at its bottom. */
async function headingPlace(page, name) {
  const heading = previewOf(page).getByRole('heading', { name, exact: true });
  return heading.evaluate((h) => {
    const box = h.closest('.preview').getBoundingClientRect();
    return (h.getBoundingClientRect().top - box.top) / box.height;
  });
}

test('the editor is CodeMirror, a textbox named "Markdown source"; typing in it updates the preview and marks the caret\'s block', async () => {
  const { page, problems, close } = await openExample();
  const editor = editorOf(page);
  assert.equal(await editor.evaluate((e) => e.classList.contains('cm-content')), true);
  await previewOf(page).locator('.postview-body h2').first().waitFor();
  await editor.focus();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('\n\n## 新加的一节\n\n刚刚打的字。');
  await previewOf(page).getByRole('heading', { name: '新加的一节' }).waitFor();
  await previewOf(page).getByText('刚刚打的字。').waitFor();
  await page.waitForFunction(() => document.querySelector('.postview-caret-block')?.textContent === '刚刚打的字。');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await page.waitForFunction(() => document.querySelector('.postview-caret-block')?.textContent === '新加的一节');
  assert.deepEqual(problems, []);
  await close();
});

test('the example reports each render through postview:render in its status line', async () => {
  const { page, close } = await openExample();
  await page.getByRole('status').getByText(/Rendered in [\d.]+ ms, shown in [\d.]+ ms/).waitFor();
  await close();
});

test('scrolling CodeMirror to a heading brings that heading into view near the top of the preview', async () => {
  const { page, post, problems, close } = await openWithLongPost();
  const index = post.split('\n').indexOf('## 第 30 节');
  await page.evaluate(async (index) => {
    // CodeMirror draws only the lines in view: back to the top, where the first one is drawn.
    const scroller = document.getElementById('editor').shadowRoot.querySelector('.cm-scroller');
    scroller.scrollTop = 0;
    await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
    const first = document.getElementById('editor').shadowRoot.querySelector('.cm-line');
    const top = first.getBoundingClientRect().top - scroller.getBoundingClientRect().top + scroller.scrollTop;
    scroller.scrollTop = top + index * first.getBoundingClientRect().height;
  }, index);
  // The preview is already scrolled (it followed CodeMirror to the end of the paste): wait for
  // the heading to come near its top, as it should within a few frames.
  const place = await eventually(page, () => headingPlace(page, '第 30 节'), (place) => place >= -0.05 && place < 0.25);
  assert.ok(place >= -0.05 && place < 0.25, `heading at ${place} of the preview's height`);
  assert.deepEqual(problems, []);
  await close();
});

test('scrolling the preview to a heading brings its source line to the top of CodeMirror', async () => {
  const { page, close } = await openWithLongPost();
  await previewOf(page).getByRole('heading', { name: '第 12 节', exact: true }).evaluate((h) => {
    const preview = h.closest('.preview');
    preview.scrollTop += h.getBoundingClientRect().top - preview.getBoundingClientRect().top;
  });
  // CodeMirror is already scrolled (to the caret, at the end of the paste), and it may take it a
  // few frames on a busy machine to measure the lines it lands on and settle.
  const topLines = await eventually(page, () => cmTopLines(page), (lines) => lines.includes('## 第 12 节'));
  assert.ok(topLines.includes('## 第 12 节'), `CodeMirror's top lines are ${JSON.stringify(topLines)}`);
  await close();
});

/** The text of the first three lines CodeMirror shows at its top. */
function cmTopLines(page) {
  return page.evaluate(() => {
    const top = document.getElementById('editor').shadowRoot.querySelector('.cm-scroller').getBoundingClientRect().top;
    const lines = [...document.getElementById('editor').shadowRoot.querySelectorAll('.cm-line')];
    return lines.filter((line) => line.getBoundingClientRect().bottom > top + 1).slice(0, 3).map((l) => l.textContent);
  });
}

/** About 1 MB of post: numbered sections of Chinese text, headings and lists. */
function megabytePost() {
  const section = (n) => `## 第 ${n} 节\n\n${'这是一段很长的正文，用来把文章撑到一兆字节。'.repeat(20)}\n\n- 一项\n- 两项\n\n`;
  let post = '---\ntitle: 一兆字节\n---\n\n';
  let n = 0;
  while (post.length * 3 < 1024 * 1024) post += section((n += 1));
  return { post, sections: n };
}

test('a 1 MB paste into CodeMirror still previews whole (how long the page was busy is printed)', async (t) => {
  const { page, problems, close } = await openExample();
  await previewOf(page).locator('.postview-body h2').first().waitFor();
  const { post, sections } = megabytePost();
  await page.evaluate(() => {
    window.busy = [];
    new PerformanceObserver((list) => window.busy.push(...list.getEntries().map((e) => e.duration))).observe({ type: 'longtask' });
  });
  const started = Date.now();
  await fillEditor(page, post);
  await previewOf(page).getByRole('heading', { name: `第 ${sections} 节`, exact: true }).waitFor({ timeout: 60_000 });
  const shownAfter = Date.now() - started;
  const busy = await page.evaluate(() => window.busy);
  const longest = Math.max(0, ...busy);
  const total = busy.reduce((sum, ms) => sum + ms, 0);
  t.diagnostic(
    `1 MB paste (${post.length} characters): previewed whole after ${shownAfter} ms; ${busy.length} long tasks, ` +
      `the longest ${longest.toFixed(0)} ms, ${total.toFixed(0)} ms in all`,
  );
  // CodeMirror draws only what is in view: its DOM holds a screenful of lines, not 1 MB.
  const drawnLines = await page.evaluate(() => document.getElementById('editor').shadowRoot.querySelectorAll('.cm-line').length);
  assert.ok(drawnLines < 400, `${drawnLines} lines drawn`);
  assert.deepEqual(problems, []);
  await close();
});

test('after a crash postview:error says so, the example mounts again on CodeMirror and typing still previews', async () => {
  const { page, problems, close } = await openExample();
  await previewOf(page).locator('.postview-body h2').first().waitFor();
  const kind = page.evaluate(() => new Promise((resolve) => {
    const preview = document.getElementById('preview');
    preview.addEventListener('postview:error', ({ detail }) => resolve(detail.kind), { once: true });
  }));
  await page.evaluate(async () => {
    const postview = await import('../../pkg/postview.js');
    try {
      postview.__panicForTesting();
    } catch {
      // The trap is the point.
    }
  });
  assert.equal(await kind, 'crash');
  await previewOf(page).locator('.postview-body h2').first().waitFor();
  problems.length = 0;
  await editorOf(page).focus();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('\n\n## 崩溃之后\n');
  await previewOf(page).getByRole('heading', { name: '崩溃之后' }).waitFor();
  assert.deepEqual(problems, [], 'nothing calls into the dead instance');
  await close();
});

test('clicking a problem in the preview puts CodeMirror\'s caret on its line', async () => {
  const { page, close } = await openExample();
  await previewOf(page).locator('.postview-body h2').first().waitFor();
  await fillEditor(page, '---\ntitle: 日期不对\ndate: 不是日期\n---\n\n正文。\n');
  const place = previewOf(page).locator('.diagnostic-place').first();
  await place.waitFor();
  await editorOf(page).evaluate((content) => content.blur());
  await place.click();
  await page.waitForFunction(() => document.getElementById('editor').shadowRoot.querySelector('.cm-activeLine')?.textContent === 'date: 不是日期');
  assert.equal(await editorOf(page).evaluate((content) => content === content.getRootNode().activeElement), true);
  await close();
});

test('text typed in CodeMirror is stored as a draft and is back in CodeMirror, rendered, after a reload', async () => {
  const { page, problems, close } = await openExample();
  await previewOf(page).locator('.postview-body h2').first().waitFor();
  const text = '# 草稿还在\n\n在 CodeMirror 里刚写的一段。!';
  await typeIntoCodeMirror(page, text);
  await waitForStoredDraft(page, text);
  await page.reload();
  await previewOf(page).getByRole('heading', { level: 1, name: '草稿还在' }).waitFor();
  assert.equal(await codeMirrorText(page), text);
  assert.match(await statusOf(page).textContent(), /^Restored your draft from /);
  assert.equal(await page.evaluate(() => localStorage.getItem('postview:draft')), null, "the page's draft is not touched");
  assert.deepEqual(problems, []);
  await close();
});

test('Open… puts the chosen file in CodeMirror, renders it, stores it, and undo brings the old text back', async () => {
  const { page, problems, close } = await openExample();
  await previewOf(page).locator('.postview-body h2').first().waitFor();
  const before = await codeMirrorText(page);
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Open…' }).click();
  await (await chooser).setFiles({ name: 'opened-post.md', mimeType: 'text/markdown', buffer: Buffer.from(OPENED_POST) });
  await previewOf(page).getByRole('heading', { level: 1, name: '从文件打开' }).waitFor();
  assert.equal(await codeMirrorText(page), OPENED_POST);
  assert.equal(await statusOf(page).textContent(), 'Opened opened-post.md');
  await waitForStoredDraft(page, OPENED_POST);

  await editorOf(page).focus();
  await page.keyboard.press('Control+z');
  await waitForCodeMirrorText(page, before);
  await previewOf(page).getByRole('heading', { level: 1, name: '从文件打开' }).waitFor({ state: 'detached' });
  assert.deepEqual(problems, []);
  await close();
});

test('Save .md downloads CodeMirror\'s text as a file named after the title', async () => {
  const { page, close } = await openExample();
  await previewOf(page).locator('.postview-body h2').first().waitFor();
  const text = '---\ntitle: My First Post!\n---\n\n正文。!';
  await typeIntoCodeMirror(page, text);
  await waitForCodeMirrorText(page, text);
  assert.deepEqual(await saveFile(page), { name: 'my-first-post.md', text });
  assert.equal(await statusOf(page).textContent(), 'Saved my-first-post.md');
  await close();
});

test('two CodeMirror tabs: a tab without edits of its own follows the other tab\'s newer draft', async () => {
  const context = await browser.newContext();
  const open = () => browser.open({ context, path: 'examples/codemirror/' });
  const a = await open();
  const b = await open();
  await previewOf(b.page).locator('.postview-body h2').first().waitFor();
  await typeIntoCodeMirror(a.page, '# A 写的\n!');
  await waitForCodeMirrorText(b.page, '# A 写的\n!');
  await previewOf(b.page).getByRole('heading', { level: 1, name: 'A 写的' }).waitFor();
  assert.match(await statusOf(b.page).textContent(), /another tab/);
  assert.deepEqual([...a.problems, ...b.problems], []);
  await context.close();
});
