// The page's editor for long texts: ordinary posts stay in the textarea; a paste that makes the
// text long goes straight into CodeMirror (the textarea never holds it), whole, with the caret
// after it, and so does a long file opened; a long draft comes back in CodeMirror; typing past
// the limit moves there too; should CodeMirror not load, nothing pasted is lost. The editor is always the textbox named
// "Markdown source". The long texts here are well past the page's LONG_TEXT (www/main.js), the
// short ones far under it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { codeMirrorIn, crashAndRemount, editorCaret, editorOf, editorText, previewOf, useBrowser } from './browser.mjs';

const browser = useBrowser();
const KEY = 'postview:draft';

/** A post of about `kilobytes` KB (UTF-8) whose last section is numbered `sections`. */
function longPost(kilobytes) {
  const section = (n) => `## 第 ${n} 节\n\n${'长文本的一段，用来把文章撑长。'.repeat(12)}\n\n- 一项\n- 另一项 **加粗**\n\n`;
  const parts = ['# 很长的文章\n\n'];
  let bytes = 0;
  for (let n = 1; bytes < kilobytes << 10; n += 1) {
    parts.push(section(n));
    bytes += Buffer.byteLength(parts[parts.length - 1]);
  }
  return { text: parts.join(''), sections: parts.length - 1 };
}

/** A page whose clipboard the test may write, so that Control+V is the browser's own paste. */
async function openWithClipboard(options = {}) {
  const context = await browser.newContext();
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const opened = await browser.open({ ...options, context });
  return { ...opened, close: () => context.close() };
}

/** Pastes `text` with Control+V where the editor's caret is. */
async function paste(page, text) {
  await page.evaluate((text) => navigator.clipboard.writeText(text), text);
  await page.keyboard.press('Control+V');
}

/** The textarea's own state: its text and whether it is shown. */
const textareaOf = (page) => page.evaluate(() => {
  const textarea = document.getElementById('source');
  return { value: textarea.value, hidden: textarea.hidden };
});

const isCodeMirror = (page) => page.evaluate(() => document.documentElement.dataset.editor === 'codemirror');

/** Resolves once localStorage holds `text` as the draft (stored as it is beside the draft's stamp). */
async function waitForStoredDraft(page, text) {
  await page.waitForFunction(([key, text]) => localStorage.getItem(`${key}:text`) === text && localStorage.getItem(key) !== null,
    [KEY, text], { polling: 100, timeout: 30_000 });
}

test('a long paste goes straight into CodeMirror, whole, with the caret after it, and the preview shows it', async () => {
  const { page, problems, close } = await openWithClipboard();
  const editor = editorOf(page);
  await editor.fill('# 开头\n\n前面。后面。\n');
  const before = await editorText(page);
  const at = before.indexOf('后面');
  await editor.evaluate((textarea, at) => textarea.setSelectionRange(at, at + 2), at);
  const { text, sections } = longPost(400);

  await paste(page, text);
  await codeMirrorIn(page);

  const whole = before.slice(0, at) + text + before.slice(at + 2);
  assert.equal(await editorText(page), whole);
  assert.equal(await editorCaret(page), at + text.length);
  assert.equal(await editor.evaluate((element) => element.tagName), 'DIV', 'the textbox is CodeMirror\'s');
  assert.ok(await editor.evaluate((element) => element.getRootNode().activeElement === element), 'CodeMirror has the focus');
  // The textarea never held the pasted text, and is out of sight and out of the accessibility tree.
  assert.deepEqual(await textareaOf(page), { value: before, hidden: true });
  // The label names no hidden element.
  assert.equal(await page.locator('label.pane-title').getAttribute('for'), null);
  const preview = previewOf(page);
  await preview.getByRole('heading', { name: `第 ${sections} 节`, exact: true }).waitFor({ timeout: 30_000 });
  assert.match(await preview.locator('.postview-body').textContent(), /前面。# 很长的文章/);
  await waitForStoredDraft(page, whole);
  assert.deepEqual(problems, []);
  await close();
});

/** In the page, from its start: notes in `window.shownLong` whether any frame showed the textarea holding a long text. */
function watchTextarea() {
  window.shownLong = false;
  const check = () => {
    const textarea = document.getElementById('source');
    if (textarea && !textarea.hidden && textarea.value.length > 80_000) window.shownLong = true;
    if (document.documentElement.dataset.editor !== 'codemirror') requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
}

test('the long draft comes back after a reload, in CodeMirror, the textarea never showing it, and typing there previews', async () => {
  const { page, problems, close } = await openWithClipboard({ initScript: watchTextarea });
  await editorOf(page).fill('');
  const { text, sections } = longPost(300);
  await paste(page, text);
  await codeMirrorIn(page);
  await waitForStoredDraft(page, text);

  await page.reload();
  await codeMirrorIn(page);
  assert.equal(await editorText(page), text);
  assert.equal(await page.evaluate(() => window.shownLong), false, 'no frame laid the draft out in the textarea');
  assert.deepEqual(await textareaOf(page).then(({ hidden }) => hidden), true);
  const preview = previewOf(page);
  await preview.getByRole('heading', { name: `第 ${sections} 节`, exact: true }).waitFor({ timeout: 30_000 });
  assert.match(await page.getByRole('status').textContent(), /^Restored your draft from /);

  await editorOf(page).press('Control+Home');
  await page.keyboard.type('# 改了标题\n\n');
  await preview.getByRole('heading', { level: 1, name: '改了标题' }).waitFor();
  assert.deepEqual(problems, []);
  await close();
});

test('after a crash the page mounts again on CodeMirror, with its text, and typing there still previews', async () => {
  const { page, problems, close } = await openWithClipboard();
  await editorOf(page).fill('');
  const { text } = longPost(300);
  await paste(page, text);
  await codeMirrorIn(page);
  await crashAndRemount(page);
  assert.equal(await editorText(page), text);
  problems.length = 0;
  await editorOf(page).press('Control+Home');
  await page.keyboard.type('# 崩溃之后\n\n');
  await previewOf(page).getByRole('heading', { level: 1, name: '崩溃之后' }).waitFor();
  assert.equal(await page.locator('.editor-host').count(), 1, 'one CodeMirror');
  assert.deepEqual(problems, []);
  await close();
});

test('a short paste stays in the textarea, which the page keeps for ordinary posts', async () => {
  const { page, problems, close } = await openWithClipboard();
  const editor = editorOf(page);
  await editor.fill('');
  await paste(page, '# 短文\n\n一小段。\n');
  await previewOf(page).getByRole('heading', { level: 1, name: '短文' }).waitFor();
  assert.equal(await editor.evaluate((element) => element.tagName), 'TEXTAREA');
  assert.equal(await editor.inputValue(), '# 短文\n\n一小段。\n');
  assert.equal(await isCodeMirror(page), false);
  assert.equal(await page.locator('label.pane-title').getAttribute('for'), 'source');
  assert.deepEqual(problems, []);
  await close();
});

test('typing past the limit moves the text to CodeMirror at the next idle moment, caret and all', async () => {
  const { page, problems, close } = await browser.open();
  const editor = editorOf(page);
  // Just under the limit, on a few long lines (quick to put in a textarea).
  const start = `# 快满了\n\n${'字'.repeat(79_990)}\n`;
  await editor.evaluate((textarea, text) => {
    textarea.value = text;
    textarea.dispatchEvent(new Event('input', { bubbles: true }));
  }, start);
  await editor.focus();
  await editor.press('Control+End');
  await page.keyboard.type('再打几个字就超过了');
  await codeMirrorIn(page);
  await page.keyboard.type('。');
  const text = `${start}再打几个字就超过了。`;
  assert.equal(await editorText(page), text);
  assert.equal(await editorCaret(page), text.length);
  await previewOf(page).getByText('再打几个字就超过了。').waitFor();
  assert.deepEqual(problems, []);
  await close();
});

test('a long paste taken back with undo in CodeMirror leaves the text as it was before it', async () => {
  const { page, close } = await openWithClipboard();
  await editorOf(page).fill('# 撤销之前\n');
  await editorOf(page).press('Control+End');
  const { text } = longPost(300);
  await paste(page, text);
  await codeMirrorIn(page);
  assert.equal(await editorText(page), `# 撤销之前\n${text}`);
  await page.keyboard.press('Control+Z');
  assert.equal(await editorText(page), '# 撤销之前\n');
  await previewOf(page).getByRole('heading', { level: 1, name: '撤销之前' }).waitFor();
  await page.waitForFunction(() => !document.getElementById('preview').textContent.includes('很长的文章'));
  await close();
});

test('when CodeMirror cannot be loaded, a long paste goes into the textarea, whole', async () => {
  const { page, close } = await openWithClipboard({
    beforeGoto: (page) => page.route('**/editor/build/codemirror.js', (route) => route.abort('failed')),
  });
  const editor = editorOf(page);
  await editor.fill('# 加载失败\n\n');
  await editor.press('Control+End');
  const { text, sections } = longPost(300);
  await paste(page, text);
  await previewOf(page).getByRole('heading', { name: `第 ${sections} 节`, exact: true }).waitFor({ timeout: 30_000 });
  assert.equal(await editor.evaluate((element) => element.tagName), 'TEXTAREA');
  assert.equal(await editor.inputValue(), `# 加载失败\n\n${text}`);
  assert.equal(await editor.evaluate((textarea) => textarea.readOnly), false, 'the textarea takes typing again');
  assert.equal(await isCodeMirror(page), false);
  await close();
});

/** Opens a file named `name` holding `text` through the Open… button, as an author would. */
async function openFile(page, name, text) {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Open…' }).click();
  await (await chooser).setFiles({ name, mimeType: 'text/markdown', buffer: Buffer.from(text) });
}

test('a long file opened goes straight into CodeMirror, and a long file dropped there replaces it', async () => {
  const { page, problems, close } = await browser.open();
  const before = await editorText(page);
  const { text, sections } = longPost(300);
  await openFile(page, 'long.md', text);
  await codeMirrorIn(page);
  assert.equal(await editorText(page), text);
  assert.deepEqual(await textareaOf(page), { value: before, hidden: true }, 'the textarea never held the file');
  await previewOf(page).getByRole('heading', { name: `第 ${sections} 节`, exact: true }).waitFor({ timeout: 30_000 });
  assert.equal(await page.getByRole('status').textContent(), 'Opened long.md');

  // Dropped onto CodeMirror: the file replaces the text (not inserted where it falls).
  const dropped = longPost(320);
  await editorOf(page).evaluate((content, text) => {
    const data = new DataTransfer();
    data.items.add(new File([text], 'dropped.md', { type: 'text/markdown' }));
    for (const kind of ['dragenter', 'dragover', 'drop']) {
      content.dispatchEvent(new DragEvent(kind, { dataTransfer: data, bubbles: true, cancelable: true, composed: true }));
    }
  }, dropped.text);
  await previewOf(page).getByRole('heading', { name: `第 ${dropped.sections} 节`, exact: true }).waitFor({ timeout: 30_000 });
  assert.equal(await editorText(page), dropped.text);
  assert.deepEqual(problems, []);
  await close();
});

test('a short file of many lines opens in CodeMirror too, and undo there brings the text before it back', async () => {
  const { page, problems, close } = await browser.open();
  const before = await editorText(page);
  // Far under LONG_TEXT, but more lines than OPEN_LINES (www/main.js): the browser's undoable
  // insert into a textarea would take seconds.
  const text = Array.from({ length: 400 }, (_, n) => `- 第 ${n + 1} 项`).join('\n');
  assert.ok(text.length < 8_000);
  await openFile(page, 'list.md', text);
  await codeMirrorIn(page);
  assert.equal(await editorText(page), text);
  assert.deepEqual(await textareaOf(page), { value: before, hidden: true }, 'the textarea never held the file');
  await previewOf(page).getByText('第 400 项', { exact: true }).waitFor();
  await editorOf(page).focus();
  await page.keyboard.press('Control+Z');
  assert.equal(await editorText(page), before);
  assert.deepEqual(problems, []);
  await close();
});
