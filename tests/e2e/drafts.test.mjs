// Drafts end to end: the editor's text survives a reload, a full storage is said out loud, two
// tabs never overwrite each other unasked, files open (picker and drop) and save, and leaving
// asks first only when edits are not stored. Driven through the page's accessible names.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { crashAndRemount, editorOf, previewOf, saveFile, useBrowser } from './browser.mjs';

const KEY = 'postview:draft';
const OPENED_POST = await readFile(new URL('../fixtures/drafts/opened-post.md', import.meta.url), 'utf8');

const browser = useBrowser();

const alertOf = (page) => page.getByRole('alert');

/** Replaces the editor's text the way a paste would, then types its last character. */
async function typeIntoEditor(page, text) {
  await editorOf(page).fill(text.slice(0, -1));
  await page.keyboard.press('Control+End');
  await page.keyboard.type(text.slice(-1));
}

/** Resolves once localStorage holds `text` as the draft. */
async function waitForStoredDraft(page, text) {
  // The text is stored as it is beside the draft's stamp (under the key itself).
  await page.waitForFunction(([key, text]) => localStorage.getItem(`${key}:text`) === text && localStorage.getItem(key) !== null, [KEY, text]);
}

/** Drops a file named `name` holding `text` onto the editor, as dragging it there does. */
function dropFile(page, name, type, text) {
  return editorOf(page).evaluate((editor, [name, type, text]) => {
    const data = new DataTransfer();
    data.items.add(new File([text], name, { type }));
    for (const kind of ['dragenter', 'dragover', 'drop']) {
      editor.dispatchEvent(new DragEvent(kind, { dataTransfer: data, bubbles: true, cancelable: true }));
    }
  }, [name, type, text]);
}

async function waitForEditorText(page, text) {
  await page.waitForFunction(([editor, text]) => editor.value === text, [await editorOf(page).elementHandle(), text]);
}

/** Fills the page's localStorage until not even one more character fits. */
async function fillStorage(page) {
  await page.evaluate(() => {
    let chunk = 'x'.repeat(1 << 20);
    for (let i = 0; chunk.length > 0; i += 1) {
      try {
        localStorage.setItem(`filler:${i}`, chunk);
      } catch {
        chunk = chunk.slice(0, chunk.length >> 1);
      }
    }
  });
}

async function emptyStorageFiller(page) {
  await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('filler:')).forEach((k) => localStorage.removeItem(k)));
}

/** Closes the page as a person leaving it would; resolves to the dialogs it showed (accepted). */
async function leave(page) {
  const dialogs = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.type());
    dialog.accept();
  });
  const closed = new Promise((resolve) => page.once('close', resolve));
  await page.close({ runBeforeUnload: true });
  await closed;
  return dialogs;
}

test('typed text is stored as a draft and is back, rendered, after a reload', async () => {
  const { page, problems, close } = await browser.open();
  const text = '# 草稿还在\n\n刚写的一段。!';
  await typeIntoEditor(page, text);
  await waitForStoredDraft(page, text);
  await page.reload();
  await previewOf(page).getByRole('heading', { level: 1, name: '草稿还在' }).waitFor();
  assert.equal(await editorOf(page).inputValue(), text);
  assert.match(await page.getByRole('status').textContent(), /^Restored your draft from /);
  assert.deepEqual(problems, []);
  await close();
});

test('reloading right after typing stores the edits on the way out, without asking', async () => {
  const { page, close } = await browser.open();
  const dialogs = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.type());
    dialog.dismiss();
  });
  await typeIntoEditor(page, '# 马上刷新\n!');
  await page.reload();
  await previewOf(page).getByRole('heading', { level: 1, name: '马上刷新' }).waitFor();
  assert.equal(await editorOf(page).inputValue(), '# 马上刷新\n!');
  assert.deepEqual(dialogs, []);
  await close();
});

test('a fresh browser shows the sample post and stores nothing until the author types', async () => {
  const { page, close } = await browser.open();
  assert.match(await previewOf(page).getByRole('heading', { level: 1 }).textContent(), /技术沙龙/);
  assert.equal(await page.evaluate((key) => localStorage.getItem(key), KEY), null);
  assert.equal(await alertOf(page).count(), 0);
  await close();
});

test('a full storage shows a warning, keeps the text, and the warning goes when a save succeeds', async () => {
  const { page, close } = await browser.open();
  await fillStorage(page);
  await typeIntoEditor(page, '# 存不下\n\n这段文字还在编辑器里。!');
  const warning = alertOf(page);
  await warning.waitFor();
  assert.equal(
    await warning.textContent(),
    'Your draft could not be saved in this browser (storage is full): save it as a file.',
  );
  assert.equal(await editorOf(page).inputValue(), '# 存不下\n\n这段文字还在编辑器里。!');
  await previewOf(page).getByRole('heading', { level: 1, name: '存不下' }).waitFor();

  await emptyStorageFiller(page);
  await page.keyboard.type('?');
  await waitForStoredDraft(page, '# 存不下\n\n这段文字还在编辑器里。!?');
  await warning.waitFor({ state: 'hidden' });
  await close();
});

test('leaving asks first when the edits could not be stored, and not when they were', async () => {
  const context = await browser.newContext();
  const stored = await browser.open({ context });
  await typeIntoEditor(stored.page, '已经存好了!');
  await waitForStoredDraft(stored.page, '已经存好了!');
  assert.deepEqual(await leave(stored.page), []);

  const unstored = await browser.open({ context });
  await fillStorage(unstored.page);
  // Longer than the stored draft it would replace by more than the few characters a full
  // storage may have left (fillStorage stops at a key plus one character), so it cannot fit.
  await typeIntoEditor(unstored.page, `${'还没存下的一段更长的文字。'.repeat(4)}!`);
  await alertOf(unstored.page).waitFor();
  assert.deepEqual(await leave(unstored.page), ['beforeunload']);
  await context.close();
});

/** Tells the page it is hidden, as switching away from its tab does: the draft is stored now. */
async function hide(page) {
  await page.evaluate(() => window.dispatchEvent(new Event('pagehide')));
}

test('two tabs: an idle tab follows the other, a tab with its own edits is asked first', async () => {
  const context = await browser.newContext();
  // The clock is the context's: once paused, no save timer fires in either tab, so B's edits stay
  // unstored for as long as the test needs, and A stores only when it is hidden.
  const a = await browser.open({ context, beforeGoto: (page) => page.clock.install() });
  const b = await browser.open({ context });

  await typeIntoEditor(a.page, '# A 写的\n!');
  await waitForEditorText(b.page, '# A 写的\n!');
  assert.match(await b.page.getByRole('status').textContent(), /another tab/);

  await a.page.clock.pauseAt(Date.now() + 60_000);
  await typeIntoEditor(b.page, '# B 改的\n!');
  await typeIntoEditor(a.page, '# A 又改了\n!');
  await hide(a.page);
  await waitForStoredDraft(a.page, '# A 又改了\n!');
  await b.page.getByRole('button', { name: "Load the other tab's version" }).waitFor();
  assert.match(await alertOf(b.page).textContent(), /changed in another tab/);
  assert.equal(await editorOf(b.page).inputValue(), '# B 改的\n!', 'B keeps its text until it chooses');

  await b.page.getByRole('button', { name: "Load the other tab's version" }).click();
  assert.equal(await editorOf(b.page).inputValue(), '# A 又改了\n!');
  assert.equal(await alertOf(b.page).count(), 0);

  await typeIntoEditor(b.page, '# B 坚持\n!');
  await typeIntoEditor(a.page, '# A 第三版\n!');
  await hide(a.page);
  await waitForStoredDraft(a.page, '# A 第三版\n!');
  await b.page.getByRole('button', { name: 'Keep mine' }).click();
  await waitForStoredDraft(a.page, '# B 坚持\n!');
  await waitForEditorText(a.page, '# B 坚持\n!');
  await context.close();
});

test('Open… puts the chosen file in the editor, renders it, stores it, and undo brings the old text back', async () => {
  const { page, problems, close } = await browser.open();
  const before = await editorOf(page).inputValue();
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Open…' }).click();
  await (await chooser).setFiles({ name: 'opened-post.md', mimeType: 'text/markdown', buffer: Buffer.from(OPENED_POST) });
  await previewOf(page).getByRole('heading', { level: 1, name: '从文件打开' }).waitFor();
  assert.equal(await editorOf(page).inputValue(), OPENED_POST);
  assert.equal(await page.getByRole('status').textContent(), 'Opened opened-post.md');
  await waitForStoredDraft(page, OPENED_POST);

  await editorOf(page).press('Control+z');
  await waitForEditorText(page, before);
  assert.deepEqual(problems, []);
  await close();
});

/** In the page, first thing: `postview:open` never reaches the page's own listener (which sends long files to CodeMirror), as on an embedder's page that has none. */
function withoutOpenRouting() {
  window.addEventListener('postview:open', (event) => event.stopImmediatePropagation(), true);
}

/** A post of `lines` short lines (a heading, then numbered lines). */
const manyLines = (lines) => `# 很多行\n${Array.from({ length: lines - 1 }, (_, i) => `第 ${i + 1} 行`).join('\n')}\n`;

/** Opens `text` as `name` through Open…. */
async function openFile(page, name, text) {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Open…' }).click();
  await (await chooser).setFiles({ name, mimeType: 'text/markdown', buffer: Buffer.from(text) });
}

test('a long file opened into a textarea goes in at once, and Undo open brings the text before it back', async () => {
  const { page, problems, close } = await browser.open({ initScript: withoutOpenRouting });
  const before = await editorOf(page).inputValue();
  const long = manyLines(1600);
  await openFile(page, 'long.md', long);
  await previewOf(page).getByText('第 1599 行').waitFor();
  assert.equal(await editorOf(page).inputValue(), long);
  assert.equal(await editorOf(page).evaluate((e) => e.tagName), 'TEXTAREA');
  await waitForStoredDraft(page, long);
  await alertOf(page).getByText(/Opened long\.md at once/).waitFor();
  await alertOf(page).getByRole('button', { name: 'Undo open' }).click();
  await waitForEditorText(page, before);
  await previewOf(page).getByText('第 1599 行').waitFor({ state: 'detached' });
  await waitForStoredDraft(page, before);
  assert.equal(await page.getByRole('status').textContent(), 'Undid opening long.md');
  assert.equal(await alertOf(page).getByRole('button', { name: 'Undo open' }).count(), 0);
  assert.deepEqual(problems, []);
  await close();
});

test('typing after a long file was opened at once takes the Undo open button away, keeping what was typed', async () => {
  const { page, problems, close } = await browser.open({ initScript: withoutOpenRouting });
  const long = manyLines(1600);
  await openFile(page, 'long.md', long);
  const undo = alertOf(page).getByRole('button', { name: 'Undo open' });
  await undo.waitFor();
  await editorOf(page).press('Control+End');
  await page.keyboard.type('新加的一行');
  await undo.waitFor({ state: 'detached' });
  assert.equal(await editorOf(page).inputValue(), `${long}新加的一行`);
  // A short file still goes in as the browser's undoable edit, with no button.
  await openFile(page, 'short.md', OPENED_POST);
  await waitForEditorText(page, OPENED_POST);
  assert.equal(await undo.count(), 0);
  await editorOf(page).press('Control+z');
  await waitForEditorText(page, `${long}新加的一行`);
  assert.deepEqual(problems, []);
  await close();
});

test('a Markdown file dropped onto the editor opens; another kind of file is refused with a warning', async () => {
  const { page, close } = await browser.open();
  const drop = (name, type, text) => dropFile(page, name, type, text);

  await drop('dropped.md', '', OPENED_POST);
  await previewOf(page).getByRole('heading', { level: 2, name: '打开的文件' }).waitFor();
  assert.equal(await editorOf(page).inputValue(), OPENED_POST);

  await drop('photo.png', 'image/png', 'not text');
  await alertOf(page).waitFor();
  assert.match(await alertOf(page).textContent(), /photo\.png is not a Markdown or text file/);
  assert.equal(await editorOf(page).inputValue(), OPENED_POST);
  await close();
});

test('Save .md downloads the editor text as a file named after the title', async () => {
  const { page, close } = await browser.open();
  const text = '---\ntitle: My First Post!\n---\n\n正文。!';
  await typeIntoEditor(page, text);
  assert.deepEqual(await saveFile(page), { name: 'my-first-post.md', text });

  await typeIntoEditor(page, 'No title here.');
  assert.equal((await saveFile(page)).name, 'post.md');
  await close();
});

test('after a crash the page mounts again with the editor text, which is newer than the stored draft', async () => {
  const { page, problems, close } = await browser.open();
  await typeIntoEditor(page, '# 存过的\n!');
  await waitForStoredDraft(page, '# 存过的\n!');
  await typeIntoEditor(page, '# 崩溃前刚写的\n!');
  await crashAndRemount(page);
  await previewOf(page).getByRole('heading', { level: 1, name: '崩溃前刚写的' }).waitFor();
  assert.equal(await editorOf(page).inputValue(), '# 崩溃前刚写的\n!');
  await waitForStoredDraft(page, '# 崩溃前刚写的\n!');
  problems.length = 0;
  await editorOf(page).press('End');
  await page.keyboard.type('?');
  await waitForStoredDraft(page, '# 崩溃前刚写的\n!?');
  assert.deepEqual(problems, [], 'nothing calls into the dead instance');
  await close();
});

test('one alert never hides another: a refused file leaves the storage warning in place', async () => {
  const { page, close } = await browser.open();
  await fillStorage(page);
  await typeIntoEditor(page, '# 存不下的草稿\n\n还在编辑器里。!');
  const storageWarning = alertOf(page).getByText(/Your draft could not be saved in this browser/);
  await storageWarning.waitFor();

  await dropFile(page, 'photo.png', 'image/png', 'not text');
  await alertOf(page).getByText(/photo\.png is not a Markdown or text file/).waitFor();
  assert.equal(await storageWarning.count(), 1, 'the storage warning is still shown');

  // Storage works again: its warning goes, the file's stays until the author acts on it.
  await emptyStorageFiller(page);
  await page.keyboard.type('?');
  await storageWarning.waitFor({ state: 'detached' });
  assert.match(await alertOf(page).textContent(), /photo\.png is not a Markdown or text file/);
  await close();
});
