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

/** Opens the page side by side and puts `post` (the long post unless said) in the editor. */
async function openWithLongPost(post = longPost()) {
  const opened = await browser.open({ viewport: { width: 1280, height: 800 } });
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

/**
 * Where line `line` (0-based) of the editor's text starts in its scrolled content, as the
 * textarea itself lays it out: a clone of it holding the text before that line (and an empty
 * last line, where the line would start) is as tall as that, plus its bottom padding.
 */
function editorLineTop(page, line) {
  return editorOf(page).evaluate((editor, line) => {
    const clone = editor.cloneNode();
    clone.value = `${editor.value.split('\n').slice(0, line).join('\n')}\n`;
    Object.assign(clone.style, { position: 'absolute', visibility: 'hidden', height: '0px', width: `${editor.offsetWidth}px` });
    editor.after(clone);
    // The same width for the text as the editor's, whose scrollbar takes some of it.
    clone.style.width = `${editor.offsetWidth + editor.clientWidth - clone.clientWidth}px`;
    const style = getComputedStyle(clone);
    const top = clone.scrollHeight - parseFloat(style.paddingBottom) - parseFloat(style.lineHeight);
    clone.remove();
    return top;
  }, line);
}

/** Types `text` into the editor just before the first `before`, as one edit. */
function insertBefore(page, before, text) {
  return editorOf(page).evaluate((editor, [before, text]) => {
    const at = editor.value.indexOf(before);
    editor.focus();
    editor.setSelectionRange(at, at);
    document.execCommand('insertText', false, text);
  }, [before, text]);
}

/** Scrolls the preview to heading `name`; says where the editor's top is and where it should be. */
async function previewToHeading(page, name) {
  await previewOf(page).getByRole('heading', { name, exact: true }).evaluate((h) => {
    const preview = h.closest('.preview');
    preview.scrollTop += h.getBoundingClientRect().top - preview.getBoundingClientRect().top;
  });
  await settle(page);
  await settle(page);
  const post = await editorOf(page).inputValue();
  const line = lineOf(post, `## ${name}`);
  const { top, lineHeight } = await editorOf(page).evaluate((e) => ({
    top: e.scrollTop,
    lineHeight: parseFloat(getComputedStyle(e).lineHeight),
  }));
  return { top, want: await editorLineTop(page, line), unwrapped: line * lineHeight, lineHeight };
}

test('after edits make paragraphs above wrap onto many more lines, the preview still brings a heading to the editor top', async () => {
  // Without its images, whose loading would move the preview under the test.
  const { page, close } = await openWithLongPost(longPost().replace(/^!\[.*\n\n/gm, ''));
  // A first scroll lays out the editor's hidden copy; the edits must then reach it.
  await previewOf(page).evaluate((preview) => { preview.scrollTop = 400; });
  await page.waitForFunction(() => document.querySelector('textarea').scrollTop > 0);
  const long = '这一段很长，长到在编辑器里要折成好几行。'.repeat(30);
  const edits = [
    // Inside a paragraph: the same blocks, one of them taller.
    ['这一节的第一段。', long, '第 20 节'],
    // New blocks: a heading and a long paragraph, before section 5.
    ['## 第 5 节', `## 新的一节\n\n${'新的一节里的段落也很长，要折成好几行。'.repeat(30)}\n\n`, '第 30 节'],
  ];
  for (const [before, text, heading] of edits) {
    await insertBefore(page, before, text);
    await previewOf(page).getByText(text.trim().slice(-20)).waitFor();
    const { top, want, unwrapped, lineHeight } = await previewToHeading(page, heading);
    assert.ok(want > unwrapped + 5 * lineHeight, 'the long paragraphs wrap');
    assert.ok(Math.abs(top - want) <= lineHeight, `${heading}: editor at ${top}px, its line starts at ${want}px`);
  }
  await close();
});
