// A huge paste on the page is rendered in stages (src/browser/previewer.rs, STAGE_BYTES): the
// post's beginning shows at once and the rest over the next frames, instead of the page freezing
// for one render of all of it. What a person sees: the preview and the table of contents fill in
// from the top, all of the post is there in the end, `postview:render` tells of the whole post
// once, and typing while it fills in is not lost.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { codeMirrorIn, editorText, previewOf, useBrowser } from './browser.mjs';

const browser = useBrowser();

/** A post of about `kilobytes` KB (UTF-8) of numbered sections; how many sections it has. */
function hugePost(kilobytes) {
  const section = (n) => `## 第 ${n} 节\n\n${'很长的文章里的一段正文。'.repeat(16)}\n\n- 一项\n- 另一项 **加粗**\n\n`;
  const parts = [];
  let bytes = 0;
  for (let n = 1; bytes < kilobytes << 10; n += 1) {
    parts.push(section(n));
    bytes += Buffer.byteLength(parts[parts.length - 1]);
  }
  return { text: parts.join(''), sections: parts.length };
}

/** The page, with a clipboard the test may write (Control+V is the browser's own paste). */
async function openWithClipboard() {
  const context = await browser.newContext();
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const opened = await browser.open({ context });
  return { ...opened, close: () => context.close() };
}

/**
 * In the page: notes every frame's count of the pasted post's table-of-contents entries
 * (`window.tocCounts`) and every `postview:render`'s word count (`window.renders`).
 */
function watchRenders() {
  window.tocCounts = [];
  window.renders = [];
  document.querySelector('.preview').addEventListener('postview:render', (event) => window.renders.push(event.detail.stats.words));
  const count = () => {
    // The pasted post's entries only (not the sample post's, shown before the paste).
    window.tocCounts.push([...document.querySelectorAll('#toc a')].filter((a) => /^第 \d+ 节$/.test(a.textContent)).length);
    requestAnimationFrame(count);
  };
  requestAnimationFrame(count);
}

/** The words the module's own render() counts in `text`. */
const wordsOf = (page, text) => page.evaluate(async (text) => (await import('./pkg/postview.js')).render(text).stats.words, text);

/**
 * Opens the page, watches its renders (`watchRenders`) and pastes a post of about `kilobytes` KB
 * over its whole text with Control+V; resolves once CodeMirror has it.
 */
async function pasteHugePost(kilobytes) {
  const opened = await openWithClipboard();
  const { page } = opened;
  const post = hugePost(kilobytes);
  await page.evaluate(watchRenders);
  await page.getByRole('textbox', { name: 'Markdown source' }).focus();
  await page.keyboard.press('Control+A');
  await page.evaluate((text) => navigator.clipboard.writeText(text), post.text);
  await page.keyboard.press('Control+V');
  await codeMirrorIn(page);
  return { ...opened, ...post };
}

test('a huge paste fills the preview and its table of contents in from the top, and postview:render tells of the whole post once', async () => {
  const { page, problems, close, text, sections } = await pasteHugePost(1024);
  await previewOf(page).getByRole('heading', { name: `第 ${sections} 节`, exact: true }).waitFor({ timeout: 60_000 });
  await page.waitForFunction(() => window.renders.length > 0, null, { timeout: 60_000 });

  const counts = await page.evaluate(() => window.tocCounts);
  const partway = counts.filter((count) => count > 0 && count < sections);
  assert.ok(partway.length > 0, `the table of contents went from none to all ${sections} entries in one frame`);
  assert.ok(partway.every((count, i) => i === 0 || count >= partway[i - 1]), 'the table of contents only grew');
  assert.equal(await page.locator('#toc a').count(), sections);
  // One render event, and it counts every word of the post (no event for a part of it).
  assert.deepEqual(await page.evaluate(() => window.renders), [await wordsOf(page, text)]);
  assert.deepEqual(problems, []);
  await close();
});

test('typing at the top while a huge paste is still filling in the preview ends with both in it', async () => {
  const { page, problems, close, text, sections } = await pasteHugePost(2048);
  await page.keyboard.press('Control+Home');
  await page.keyboard.type('# 新开头\n\n');
  const typedWhileFilling = await page.evaluate(() => window.renders.length === 0);

  const preview = previewOf(page);
  await preview.getByRole('heading', { name: '新开头', exact: true }).waitFor({ timeout: 60_000 });
  await preview.getByRole('heading', { name: `第 ${sections} 节`, exact: true }).waitFor({ timeout: 60_000 });
  const final = `# 新开头\n\n${text}`;
  assert.equal(await editorText(page), final);
  const words = await wordsOf(page, final);
  await page.waitForFunction((words) => window.renders.at(-1) === words, words, { timeout: 60_000 });
  assert.ok(typedWhileFilling, 'the typing came after the whole paste was in (a faster machine: paste more)');
  // Every section once, in order, after the new heading.
  const headings = await preview.locator('.postview-body h1, .postview-body h2').allTextContents();
  assert.deepEqual(headings, ['新开头', ...Array.from({ length: sections }, (_, i) => `第 ${i + 1} 节`)]);
  assert.deepEqual(problems, []);
  await close();
});
