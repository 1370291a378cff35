// Scroll sync end to end: editor and preview follow each other, anchored on the source lines of
// blocks, in Debian's Chromium against the built page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { editorOf, previewOf, useBrowser } from './browser.mjs';

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
  await editorOf(opened.page).fill(post);
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

test('scrolling the editor to a heading brings that heading into view near the top', async () => {
  const { page, post, problems, close } = await openWithLongPost();
  const line = lineOf(post, '## 第 30 节');
  await editorOf(page).evaluate((editor, line) => {
    editor.scrollTop = line * parseFloat(getComputedStyle(editor).lineHeight);
  }, line);
  await page.waitForFunction(() => document.querySelector('.preview').scrollTop > 0);
  await settle(page);
  const place = await headingPlace(page, '第 30 节');
  assert.ok(place >= -0.05 && place < 0.25, `heading at ${place} of the preview's height`);
  // The preview's own scroll event is not echoed back into the editor.
  const editorTop = await editorOf(page).evaluate((e) => e.scrollTop);
  await settle(page);
  assert.equal(await editorOf(page).evaluate((e) => e.scrollTop), editorTop);
  assert.deepEqual(problems, []);
  await close();
});

test('scrolling the preview to a heading brings its source line to the top of the editor', async () => {
  const { page, post, close } = await openWithLongPost();
  const line = lineOf(post, '## 第 12 节');
  await previewOf(page).getByRole('heading', { name: '第 12 节', exact: true }).evaluate((h) => {
    const preview = h.closest('.preview');
    preview.scrollTop += h.getBoundingClientRect().top - preview.getBoundingClientRect().top;
  });
  await page.waitForFunction(() => document.querySelector('textarea').scrollTop > 0);
  await settle(page);
  const { top, lineHeight } = await editorOf(page).evaluate((e) => ({
    top: e.scrollTop,
    lineHeight: parseFloat(getComputedStyle(e).lineHeight),
  }));
  const shownLine = top / lineHeight;
  assert.ok(Math.abs(shownLine - line) <= 2, `editor shows line ${shownLine}, the heading is on line ${line}`);
  await close();
});
