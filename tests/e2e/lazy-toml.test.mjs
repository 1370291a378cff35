// The TOML parser is a second WebAssembly module (pkg/lazy/toml/), fetched the first time a post
// has TOML front matter: the first download goes without it. While it loads, the preview shows
// the body and a warning; once it is in, the post's header; if it cannot be loaded, an error
// says so and the rest still renders. render() callers await loadFormats() to have it first.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { editorOf, previewOf, useBrowser } from './browser.mjs';

const browser = useBrowser();
const TOML_WASM = '**/lazy/toml/postview_toml_bg.wasm';
const TOML_POST = '+++\ntitle = "火锅笔记"\ntags = ["美食"]\n+++\n\n第一段照常显示。\n';

/** Pastes `text` into the editor (one input event, as a paste gives). */
async function paste(page, text) {
  await editorOf(page).fill(text);
}

const problemsList = (page) => previewOf(page).getByRole('list', { name: 'Problems' }).getByRole('listitem');

test('a TOML post previews its body with a warning while its parser loads, then its header once it is in', async () => {
  let release;
  const gate = new Promise((resolve) => {
    release = resolve;
  });
  const requested = [];
  let asked;
  const wasmAsked = new Promise((resolve) => {
    asked = resolve;
  });
  const { page, problems, close } = await browser.open({
    beforeGoto: (p) => p.route(TOML_WASM, async (route) => {
      requested.push(route.request().url());
      asked();
      await gate;
      await route.continue();
    }),
  });
  assert.deepEqual(requested, [], 'a YAML post never fetches the TOML parser');
  await paste(page, TOML_POST);
  const preview = previewOf(page);
  await problemsList(page).filter({ hasText: 'TOML front matter is not read yet' }).waitFor();
  assert.match(await problemsList(page).first().textContent(), /^Line 2, column 1warning: /);
  assert.match(await preview.locator('.postview-body').textContent(), /第一段照常显示/);
  // The parser's wasm is on its way (held back here): still the body and the warning only.
  await wasmAsked;
  assert.equal(requested.length, 1);
  assert.equal(await problemsList(page).filter({ hasText: 'TOML front matter is not read yet' }).count(), 1);
  assert.equal(await preview.getByRole('heading', { level: 1 }).count(), 0);
  release();
  await preview.getByRole('heading', { level: 1, name: '火锅笔记' }).waitFor();
  assert.deepEqual(await preview.getByRole('list', { name: 'Tags' }).getByRole('listitem').allTextContents(), ['美食']);
  assert.equal(await problemsList(page).count(), 0, 'the warning is gone');
  assert.deepEqual(problems, []);
  await close();
});

test('a TOML parser that cannot be loaded gives an error diagnostic and the rest still renders', async () => {
  const { page, problems, close } = await browser.open({
    beforeGoto: (p) => p.route(TOML_WASM, (route) => route.fulfill({ status: 404, body: 'not found' })),
  });
  await paste(page, TOML_POST);
  const error = problemsList(page).filter({ hasText: "postview's TOML parser is not available" });
  await error.waitFor();
  assert.match(await error.textContent(), /^Line 2, column 1error: TOML front matter is not read: .*could not be loaded/);
  assert.match(await previewOf(page).locator('.postview-body').textContent(), /第一段照常显示/);
  // Typing on renders as before, the error staying; the load is not retried on every frame.
  await page.keyboard.type('再写一句。');
  await previewOf(page).locator('.postview-body').getByText(/再写一句/).waitFor();
  assert.equal(await error.count(), 1);
  assert.ok(problems.length >= 1 && problems.every((p) => /TOML parser|404/.test(p)), problems.join('\n'));
  await close();
});

test('render() reads TOML after loadFormats(); before, it warns and the body renders', async () => {
  const { page, problems, close } = await browser.open();
  const result = await page.evaluate(async (post) => {
    const { render, loadFormats } = await import('./pkg/postview.js');
    const before = render(post);
    await loadFormats();
    const after = render(post);
    const summary = (r) => ({ title: r.meta.title ?? null, diagnostics: r.diagnostics.map((d) => d.severity), html: r.html });
    return { before: summary(before), after: summary(after) };
  }, TOML_POST);
  assert.deepEqual(result.before.diagnostics, ['warning']);
  assert.equal(result.before.title, null);
  assert.deepEqual(result.after, { title: '火锅笔记', diagnostics: [], html: result.before.html });
  assert.deepEqual(problems, []);
  await close();
});

test('loadFormats() rejects with the reason when the TOML parser cannot be loaded', async () => {
  const { page, close } = await browser.open({
    beforeGoto: (p) => p.route(TOML_WASM, (route) => route.fulfill({ status: 404, body: 'not found' })),
  });
  const message = await page.evaluate(async () => {
    const { loadFormats } = await import('./pkg/postview.js');
    return loadFormats().then(() => 'resolved', (error) => String(error.message));
  });
  assert.match(message, /TOML parser could not be loaded/);
  await close();
});
