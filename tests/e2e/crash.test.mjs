// A panic inside postview's WebAssembly: the page says so, keeps the text, mounts a fresh
// instance and goes on previewing; the dead instance is never called again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { editorOf, previewOf, useBrowser } from './browser.mjs';

const browser = useBrowser();

test('after a panic the preview restarts, the text is kept and typing still previews', async () => {
  const { page, problems, close } = await browser.open();
  const editor = editorOf(page);
  const preview = previewOf(page);
  await editor.fill('---\ntitle: 崩溃之前\n---\n\n还没写完的草稿。');
  await preview.getByRole('heading', { level: 1, name: '崩溃之前' }).waitFor();

  const thrown = await page.evaluate(async () => {
    const postview = await import('./pkg/postview.js');
    try {
      postview.__panicForTesting();
      return null;
    } catch (error) {
      return error.constructor.name;
    }
  });
  assert.equal(thrown, 'RuntimeError', 'a panic traps the instance');

  await page.getByRole('status').getByText(/hit a bug and was restarted; your text is safe/).waitFor();
  assert.equal(await editor.inputValue(), '---\ntitle: 崩溃之前\n---\n\n还没写完的草稿。');
  await preview.getByRole('heading', { level: 1, name: '崩溃之前' }).waitFor();

  problems.length = 0;
  await editor.press('End');
  await editor.pressSequentially('又写了几个字');
  await preview.getByText('还没写完的草稿。又写了几个字').waitFor();
  assert.deepEqual(problems, [], 'nothing calls into the dead instance');
  await close();
});
