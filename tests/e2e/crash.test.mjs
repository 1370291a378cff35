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

test('after a trap without a panic (an abort, running out of memory) the preview restarts the same way', async () => {
  const { page, problems, close } = await browser.open();
  const editor = editorOf(page);
  const preview = previewOf(page);
  await editor.fill('---\ntitle: 陷阱之前\n---\n\n写到一半。');
  await preview.getByRole('heading', { level: 1, name: '陷阱之前' }).waitFor();

  // The trap happens inside an animation frame, where no caller can catch it: only the door
  // every callback goes through sees it.
  await page.evaluate(async () => (await import('./pkg/postview.js')).__trapForTesting());

  await page.getByRole('status').getByText(/hit a bug and was restarted; your text is safe/).waitFor();
  assert.ok(problems.some((problem) => /unreachable/.test(problem)), `the trap is reported: ${problems}`);
  assert.equal(await editor.inputValue(), '---\ntitle: 陷阱之前\n---\n\n写到一半。');
  await preview.getByRole('heading', { level: 1, name: '陷阱之前' }).waitFor();

  problems.length = 0;
  await editor.press('End');
  await editor.pressSequentially('接着写');
  await preview.getByText('写到一半。接着写').waitFor();
  assert.deepEqual(problems, [], 'nothing calls into the trapped instance');
  await close();
});
