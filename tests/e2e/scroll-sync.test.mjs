// Scroll sync end to end: editor and preview follow each other, anchored on the source lines of
// blocks, in Debian's Chromium against the built page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { editorOf, fillEditor, previewOf, useBrowser } from './browser.mjs';

const browser = useBrowser();

/** A long post of short lines (none wraps): 40 sections, each a heading, text and an image. */
function longPost() {
  let post = '---\ntitle: 很长的文章\n---\n\n';
  for (let n = 1; n <= 40; n += 1) {
    post += `## 第 ${n} 节\n\n`;
    post += '这一节的第一段。\n第二行。\n第三行。\n\n';
    if (n % 3 === 0) post += `![第 ${n} 节的图](https://img.example.org/${n}.png)\n\n`;
    post += '- 一项\n- 两项\n- 三项\n\n';
  }
  return post;
}

/** Opens the page side by side and puts the long post in the editor. */
async function openWithLongPost() {
  const opened = await browser.open({ viewport: { width: 1280, height: 800 } });
  const post = longPost();
  await fillEditor(opened.page, post);
  await previewOf(opened.page).getByRole('heading', { name: '第 40 节' }).waitFor();
  return { ...opened, post };
}

/** The 0-based line of `text` in `post`. */
const lineOf = (post, text) => post.split('\n').indexOf(text);

/** Where heading `name` sits in the preview's visible box: 0 at its top, 1 at its bottom. */
async function headingPlace(page, name) {
  const heading = previewOf(page).getByRole('heading', { name, exact: true });
  return heading.evaluate((h) => {
    const box = h.closest('.preview').getBoundingClientRect();
    return (h.getBoundingClientRect().top - box.top) / box.height;
  });
}

/** Waits for two animation frames in the page, so scroll events have been handled. */
const settle = (page) => page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));

// The editor is CodeMirror (www/main.js puts it in the textarea's place): it scrolls in its
// .cm-scroller, and draws only the lines in view.

/** Scrolls the editor so that 0-based `line` (the post's lines are short: none wraps) is at its top. */
function scrollEditorToLine(page, line) {
  return editorOf(page).evaluate(async (content, line) => {
    const scroller = content.closest('.cm-scroller');
    // Back to the top, where the first line is drawn, to measure it.
    scroller.scrollTop = 0;
    await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
    const first = content.querySelector('.cm-line').getBoundingClientRect();
    const top = first.top - scroller.getBoundingClientRect().top;
    scroller.scrollTop = top + line * first.height;
  }, line);
}

const editorScrollTop = (page) => editorOf(page).evaluate((content) => content.closest('.cm-scroller').scrollTop);

test('scrolling the editor to a heading brings that heading into view near the top', async () => {
  const { page, post, problems, close } = await openWithLongPost();
  await scrollEditorToLine(page, lineOf(post, '## 第 30 节'));
  await page.waitForFunction(() => document.querySelector('.preview').scrollTop > 0);
  await settle(page);
  const place = await headingPlace(page, '第 30 节');
  assert.ok(place >= -0.05 && place < 0.25, `heading at ${place} of the preview's height`);
  // The preview's own scroll event is not echoed back into the editor.
  const editorTop = await editorScrollTop(page);
  await settle(page);
  assert.equal(await editorScrollTop(page), editorTop);
  assert.deepEqual(problems, []);
  await close();
});

test('scrolling the preview to a heading brings its source line to the top of the editor', async () => {
  const { page, close } = await openWithLongPost();
  await previewOf(page).getByRole('heading', { name: '第 12 节', exact: true }).evaluate((h) => {
    const preview = h.closest('.preview');
    preview.scrollTop += h.getBoundingClientRect().top - preview.getBoundingClientRect().top;
  });
  await editorOf(page).evaluate((content) => new Promise((done) => {
    const scroller = content.closest('.cm-scroller');
    const check = () => (scroller.scrollTop > 0 ? done() : requestAnimationFrame(check));
    check();
  }));
  await settle(page);
  const topLines = await editorOf(page).evaluate((content) => {
    const top = content.closest('.cm-scroller').getBoundingClientRect().top;
    const lines = [...content.querySelectorAll('.cm-line')];
    return lines.filter((line) => line.getBoundingClientRect().bottom > top + 1).slice(0, 3).map((l) => l.textContent);
  });
  assert.ok(topLines.includes('## 第 12 节'), `the editor's top lines are ${JSON.stringify(topLines)}`);
  await close();
});
