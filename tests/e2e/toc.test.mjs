// The table of contents and the reading time end to end: the panel "Table of contents" follows
// the headings as the author types, and clicking an entry brings its heading into view.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { crashAndRemount, editorOf, previewOf, useBrowser } from './browser.mjs';

const browser = useBrowser();

const tocOf = (page) => page.getByRole('navigation', { name: 'Table of contents' });

/** A post long enough to scroll: 30 sections of a few paragraphs each. */
function longPost() {
  let post = '---\ntitle: 目录测试\n---\n\n';
  for (let n = 1; n <= 30; n += 1) {
    post += `## 第 ${n} 节\n\n${'这一段有一些文字，用来占地方。'.repeat(6)}\n\n第二段。\n\n`;
  }
  return post;
}

/** Where heading `name` sits in the preview's visible box: 0 at its top, 1 at its bottom. */
function headingPlace(page, name) {
  return previewOf(page)
    .getByRole('heading', { name, exact: true })
    .evaluate((h) => {
      const box = h.closest('.preview').getBoundingClientRect();
      return (h.getBoundingClientRect().top - box.top) / box.height;
    });
}

/** Waits for two animation frames in the page, so scroll events have been handled. */
const settle = (page) => page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));

test('typing a new heading adds it to the table of contents, and clicking it brings the heading into view', async () => {
  const { page, problems, close } = await browser.open({ viewport: { width: 1280, height: 800 } });
  await editorOf(page).fill(longPost());
  const toc = tocOf(page);
  await toc.getByRole('link', { name: '第 30 节' }).waitFor();
  assert.equal(await toc.getByRole('link').count(), 30);
  assert.equal(await toc.getByRole('link', { name: '标题' }).count(), 0);

  // Type a new heading at the end, as the author would.
  await editorOf(page).press('Control+End');
  await page.keyboard.type('## 标题\n\n最后一段。');
  const entry = toc.getByRole('link', { name: '标题', exact: true });
  await entry.waitFor();
  assert.equal(await toc.getByRole('link').count(), 31);
  assert.equal(await entry.getAttribute('href'), '#标题');

  // The new heading is far below the preview's fold until its entry is clicked; it is the last,
  // so the preview scrolls as far as it can and the heading shows in its lower part.
  await previewOf(page).locator('.preview').evaluate((p) => (p.scrollTop = 0));
  await settle(page);
  assert.ok((await headingPlace(page, '标题')) > 1, 'the heading starts out of view');
  await entry.click();
  await page.waitForFunction(() => document.querySelector('.preview').scrollTop > 0);
  await settle(page);
  const last = await headingPlace(page, '标题');
  assert.ok(last >= 0 && last < 0.95, `heading at ${last} of the preview's height`);
  // A heading in the middle comes to the top.
  await toc.getByRole('link', { name: '第 15 节', exact: true }).click();
  await settle(page);
  const middle = await headingPlace(page, '第 15 节');
  assert.ok(middle >= -0.05 && middle < 0.1, `heading at ${middle} of the preview's height`);
  // The page's address is not changed by the click (the preview scrolled, nothing navigated).
  assert.equal(new URL(page.url()).hash, '');
  assert.deepEqual(problems, []);
  await close();
});

test('renaming and removing headings updates the table of contents', async () => {
  const { page, close } = await browser.open();
  await editorOf(page).fill('# 一\n\n## 二\n\n### 三\n');
  const toc = tocOf(page);
  await toc.getByRole('link', { name: '三' }).waitFor();
  assert.deepEqual(await toc.getByRole('link').allTextContents(), ['一', '二', '三']);
  assert.deepEqual(await toc.locator('li').evaluateAll((items) => items.map((i) => i.className)), [
    'toc-level-1',
    'toc-level-2',
    'toc-level-3',
  ]);
  await editorOf(page).fill('# 一\n\n## 改了\n');
  await toc.getByRole('link', { name: '改了' }).waitFor();
  assert.deepEqual(await toc.getByRole('link').allTextContents(), ['一', '改了']);
  await close();
});

test('the post shows its word count and reading time under its header', async () => {
  const { page, close } = await browser.open();
  await editorOf(page).fill(`---\ntitle: 字数\n---\n\n${'汉'.repeat(600)} and three words\n`);
  const stats = previewOf(page).locator('.postview-stats');
  await page.waitForFunction(() => /603 words/.test(document.querySelector('.postview-stats')?.textContent ?? ''));
  assert.equal(await stats.textContent(), '603 words · 3 min read');
  await close();
});

test('a long table of contents is still one list of every heading in order, and its last entries lead to their headings', async () => {
  const { page, problems, close } = await browser.open({ viewport: { width: 1280, height: 800 } });
  // More headings than one part of the panel holds (src/browser/toc_panel.rs): it is laid out in parts.
  let post = '---\ntitle: 很多节\n---\n\n';
  for (let n = 1; n <= 300; n += 1) post += `## 第 ${n} 节\n\n第 ${n} 节的一段话。\n\n`;
  await editorOf(page).fill(post);
  const toc = tocOf(page);
  await toc.getByRole('link', { name: '第 300 节', exact: true }).waitFor();
  assert.equal(await toc.getByRole('list').count(), 1, 'one list for assistive technology');
  const items = toc.getByRole('list').getByRole('listitem');
  assert.equal(await items.count(), 300);
  assert.deepEqual(
    await items.evaluateAll((entries) => [0, 63, 64, 299].map((i) => entries[i].textContent)),
    ['第 1 节', '第 64 节', '第 65 节', '第 300 节'],
  );
  await toc.getByRole('link', { name: '第 290 节', exact: true }).click();
  await settle(page);
  const place = await headingPlace(page, '第 290 节');
  assert.ok(place >= -0.05 && place < 0.5, `heading at ${place} of the preview's height`);
  assert.deepEqual(problems, []);
  await close();
});

test('renaming a heading in a long table of contents redraws the entries near it, not the whole list', async () => {
  const { page, problems, close } = await browser.open();
  let post = '';
  for (let n = 1; n <= 300; n += 1) post += `## 第 ${n} 节\n\n第 ${n} 节的一段话。\n\n`;
  await editorOf(page).fill(post);
  const toc = tocOf(page);
  await toc.getByRole('link', { name: '第 300 节', exact: true }).waitFor();
  // Marks on the first and last entries' nodes: a redrawn entry is a new node, without its mark.
  const mark = (name) => toc.getByRole('link', { name, exact: true }).evaluate((link) => { link.marked = true; });
  await mark('第 1 节');
  await mark('第 300 节');
  await mark('第 200 节');
  const at = post.indexOf('## 第 200 节') + '## 第 200 节'.length;
  await editorOf(page).evaluate((textarea, at) => textarea.setSelectionRange(at, at), at);
  await page.keyboard.type('（改）');
  await toc.getByRole('link', { name: '第 200 节（改）', exact: true }).waitFor();
  const marked = (name) => toc.getByRole('link', { name, exact: true }).evaluate((link) => link.marked === true);
  assert.equal(await marked('第 1 节'), true, 'the first entry was drawn again');
  assert.equal(await marked('第 300 节'), true, 'the last entry was drawn again');
  assert.equal(await marked('第 200 节（改）'), false);
  assert.equal(await toc.getByRole('list').getByRole('listitem').count(), 300);
  assert.deepEqual(problems, []);
  await close();
});

test('after a crash the page mounts again with one table of contents, not two', async () => {
  const { page, close } = await browser.open();
  await editorOf(page).fill('## 崩溃前的标题\n\n正文。');
  const toc = tocOf(page);
  await toc.getByRole('link', { name: '崩溃前的标题' }).waitFor();
  await crashAndRemount(page);
  await editorOf(page).press('Control+End');
  await page.keyboard.type('\n\n## 之后');
  await toc.getByRole('link', { name: '之后' }).waitFor();
  assert.equal(await toc.locator('ol').count(), 1);
  assert.deepEqual(await toc.getByRole('link').allTextContents(), ['崩溃前的标题', '之后']);
  await close();
});
