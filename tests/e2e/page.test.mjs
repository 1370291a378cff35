// The page end to end, driven as a person would: through the textbox "Markdown source" and the
// region "Preview", in Debian's Chromium, against the same build `make serve` serves.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { editorOf, previewOf, useBrowser } from './browser.mjs';

const browser = useBrowser();

/** Replaces the editor's text the way a paste would, then types one more character. */
async function typeIntoEditor(page, text) {
  const editor = editorOf(page);
  await editor.fill(text.slice(0, -1));
  await editor.press('End');
  await page.keyboard.press('Control+End');
  await page.keyboard.type(text.slice(-1));
}

test('the page loads the sample post with no console errors', async () => {
  const { page, problems, close } = await browser.open();
  const preview = previewOf(page);
  await assert.doesNotReject(preview.getByRole('heading', { level: 1 }).waitFor());
  assert.match(await preview.getByRole('heading', { level: 1 }).textContent(), /技术沙龙/);
  assert.equal(await preview.locator('header time').getAttribute('datetime'), '2024-11-22T23:14:24');
  assert.deepEqual(await preview.getByRole('list', { name: 'Tags' }).getByRole('listitem').allTextContents(), ['线下活动']);
  assert.equal(await preview.getByRole('heading', { level: 2 }).count(), 3);
  assert.equal(await preview.locator('.postview-body img').count(), 3);
  assert.equal(await preview.locator('.postview-body blockquote').count(), 1);
  assert.equal(await preview.locator('.postview-body hr').count(), 1);
  assert.equal(await preview.locator('.postview-body table').count(), 1);
  assert.match(await preview.locator('.postview-body > .postview-chunk:last-child > p:last-child > code').textContent(), /过几天再补/);
  assert.doesNotMatch(await preview.locator('.postview-body').textContent(), /title:|date:|tags:/);
  assert.deepEqual(problems, []);
  await close();
});

test('a server that sends the WebAssembly without its media type still gets a preview', async () => {
  let served = 0;
  const { page, problems, close } = await browser.open({
    beforeGoto: (page) => page.route('**/postview_bg.wasm', async (route) => {
      const response = await route.fetch();
      served += 1;
      await route.fulfill({ response, headers: { ...response.headers(), 'content-type': 'application/octet-stream' } });
    }),
  });
  assert.ok(served >= 1, 'the page asked for the WebAssembly through the route');
  assert.match(await previewOf(page).getByRole('heading', { level: 1 }).textContent(), /技术沙龙/);
  assert.deepEqual(problems, []);
  await close();
});

test('typing a post shows its title, tags and body', async () => {
  const { page, problems, close } = await browser.open();
  await typeIntoEditor(page, '---\ntitle: 新的文章\ntags:\n  - 随笔\n  - Rust\n---\n\n## 开头\n\n这是**正文**。!');
  const preview = previewOf(page);
  await preview.getByRole('heading', { level: 1, name: '新的文章' }).waitFor();
  assert.deepEqual(await preview.getByRole('list', { name: 'Tags' }).getByRole('listitem').allTextContents(), ['随笔', 'Rust']);
  assert.equal(await preview.getByRole('heading', { level: 2 }).textContent(), '开头');
  assert.equal(await preview.locator('.postview-body strong').textContent(), '正文');
  assert.match(await preview.locator('.postview-body').textContent(), /这是正文。!/);
  assert.deepEqual(problems, []);
  await close();
});

test('a TOML post shows its title, its front matter format, its other keys on demand and where its excerpt ends', async () => {
  const { page, problems, close } = await browser.open();
  await typeIntoEditor(page, '+++\ntitle = "火锅笔记"\ntags = ["美食"]\nlastmod = 2024-11-30\n\n[params]\nrating = 4.5\n+++\n\n第一段。\n\n<!--more-->\n\n第二段。!');
  const preview = previewOf(page);
  await preview.getByRole('heading', { level: 1, name: '火锅笔记' }).waitFor();
  assert.equal(await preview.locator('header .post-format').textContent(), 'Front matter: TOML');
  assert.equal(await preview.locator('header .post-updated time').getAttribute('datetime'), '2024-11-30');
  assert.deepEqual(await preview.getByRole('list', { name: 'Tags' }).getByRole('listitem').allTextContents(), ['美食']);
  assert.equal(await preview.getByRole('separator', { name: 'End of the excerpt' }).count(), 1);
  // Every other key sits in a collapsed table that opens on a click.
  const otherKeys = preview.getByRole('rowheader', { name: 'params' });
  assert.equal(await otherKeys.isVisible(), false);
  await preview.locator('header details > summary').click();
  await otherKeys.waitFor();
  assert.match(await preview.getByRole('row', { name: /params/ }).textContent(), /rating: 4\.5/);
  assert.doesNotMatch(await preview.locator('.postview-body').textContent(), /title =|\+\+\+|more/);
  assert.deepEqual(problems, []);
  await close();
});

test('a front matter error shows a diagnostic with its place while the body still renders', async () => {
  const { page, close } = await browser.open();
  await typeIntoEditor(page, '---\ntitle: 好的标题\ntags: [未闭合\n---\n\n正文照常显示。');
  const preview = previewOf(page);
  const diagnostic = preview.getByRole('list', { name: 'Problems' }).getByRole('listitem');
  await diagnostic.first().waitFor();
  assert.match(await diagnostic.first().textContent(), /^Line \d+, column \d+error: front matter is not valid YAML/);
  assert.match(await preview.locator('.postview-body').textContent(), /正文照常显示/);
  // Clicking the place puts the caret there in the editor.
  await diagnostic.first().getByRole('button').click();
  const caret = await editorOf(page).evaluate((e) => e.selectionStart);
  assert.ok(caret > 0, `caret at ${caret}`);
  await close();
});

test('an unclosed front matter is reported and never shown as body text', async () => {
  const { page, close } = await browser.open();
  await typeIntoEditor(page, '---\ntitle: 忘了关\ndate: 2024-11-22\n\n第一段正文。');
  const preview = previewOf(page);
  await preview.getByText('第一段正文。').waitFor();
  assert.match(await preview.getByRole('list', { name: 'Problems' }).textContent(), /never closed/);
  assert.doesNotMatch(await preview.locator('.postview-body').textContent(), /title|date/);
  assert.equal(await preview.getByRole('heading', { level: 1 }).textContent(), '忘了关');
  await close();
});

test('images that fail to load show their alt text in a placeholder', async () => {
  const { page, close } = await browser.open({ brokenImages: true });
  const placeholders = previewOf(page).locator('.image-placeholder');
  // Images load lazily: the last one fails only once the reader scrolls down to it.
  await previewOf(page).locator('.postview-body img').nth(2).scrollIntoViewIfNeeded();
  await placeholders.nth(2).waitFor();
  assert.deepEqual(await placeholders.allTextContents(), ['会场照片.png', '幻灯片截图_20241121.png', '合影.jpg']);
  const image = previewOf(page).locator('img').first();
  assert.equal(await image.getAttribute('loading'), 'lazy');
  assert.equal(await image.getAttribute('referrerpolicy'), 'no-referrer');
  assert.equal(await image.isVisible(), false);
  await close();
});

test('links in the preview open in a new tab', async () => {
  const { page, close } = await browser.open();
  const link = previewOf(page).getByRole('link', { name: '沙龙报名页' });
  assert.equal(await link.getAttribute('target'), '_blank');
  assert.equal(await link.getAttribute('rel'), 'noopener noreferrer');
  await close();
});

test('a narrow screen stacks the editor above the preview', async () => {
  const { page, close } = await browser.open({ viewport: { width: 480, height: 900 } });
  const editorBox = await editorOf(page).boundingBox();
  const previewBox = await previewOf(page).boundingBox();
  assert.ok(previewBox.y >= editorBox.y + editorBox.height - 1, `editor ${JSON.stringify(editorBox)} preview ${JSON.stringify(previewBox)}`);
  const wide = await browser.open({ viewport: { width: 1280, height: 800 } });
  const [e, p] = [await editorOf(wide.page).boundingBox(), await previewOf(wide.page).boundingBox()];
  assert.ok(p.x >= e.x + e.width - 1, 'side by side on a wide screen');
  await wide.close();
  await close();
});

test('an alert shows its title, and a footnote reference and its back-link jump both ways', async () => {
  const { page, problems, close } = await browser.open();
  const preview = previewOf(page);
  const tip = preview.getByRole('note');
  await tip.waitFor();
  assert.match(await tip.textContent(), /^Tip\s*第一次上台/);
  const targetId = () => page.evaluate(() => document.querySelector(':target')?.id);
  for (const [number, label] of [['1', '1'], ['2', '好友']]) {
    await preview.getByRole('link', { name: number, exact: true }).click();
    assert.equal(await targetId(), `fn:${label}`);
    await preview.getByRole('link', { name: `Back to reference ${number}` }).click();
    assert.equal(await targetId(), `fnref:${label}`);
  }
  assert.deepEqual(problems, []);
  await close();
});
