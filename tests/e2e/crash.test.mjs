// A panic or a trap inside postview's WebAssembly: the page says so, keeps the text, mounts a
// fresh instance and goes on previewing; the dead instance is never called again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { editorOf, panicInPage, previewOf, useBrowser } from './browser.mjs';

const browser = useBrowser();

/**
 * Opens the page with a post titled `title` whose body is `body`, runs `crash(page, problems)`,
 * then checks the page restarted: the notice, the text kept, the post previewed again, and
 * typing `typed` still previews with nothing calling into the dead instance.
 */
async function assertRecoversFrom(crash, { title, body, typed }) {
  const { page, problems, close } = await browser.open();
  const editor = editorOf(page);
  const preview = previewOf(page);
  const text = `---\ntitle: ${title}\n---\n\n${body}`;
  await editor.fill(text);
  await preview.getByRole('heading', { level: 1, name: title }).waitFor();
  // Scroll sync measures the editor in a hidden copy of its text, kept in the page.
  const mirrors = () => page.evaluate(() => document.querySelectorAll('.postview-scroll-mirror').length);
  await editor.dispatchEvent('scroll');
  assert.equal(await mirrors(), 1);

  await crash(page, problems);

  await page.getByRole('status').getByText(/hit a bug and was restarted; your text is safe/).waitFor();
  assert.equal(await mirrors(), 0, "the dead instance's hidden copy went with it");
  assert.equal(await editor.inputValue(), text);
  await preview.getByRole('heading', { level: 1, name: title }).waitFor();

  problems.length = 0;
  await editor.press('End');
  await editor.pressSequentially(typed);
  await preview.getByText(`${body}${typed}`).waitFor();
  assert.deepEqual(problems, [], 'nothing calls into the dead instance');
  await close();
}

test('after a panic the preview restarts, the text is kept and typing still previews', async () => {
  await assertRecoversFrom(async (page) => {
    assert.equal(await panicInPage(page), 'RuntimeError', 'a panic traps the instance');
  }, { title: '崩溃之前', body: '还没写完的草稿。', typed: '又写了几个字' });
});

/**
 * A crash for assertRecoversFrom: postview's `hook` (a __trap…ForTesting export) makes it trap
 * later, in a callback no caller can catch; only the door every callback goes through sees it.
 */
const trapThrough = (hook) => async (page, problems) => {
  await page.evaluate(async (name) => (await import('./pkg/postview.js'))[name](), hook);
  await page.getByRole('status').getByText(/restarted/).waitFor();
  assert.ok(problems.some((problem) => /unreachable/.test(problem)), `the trap is reported: ${problems}`);
};

test('after a trap without a panic (an abort, running out of memory) the preview restarts the same way', async () => {
  // In an animation frame.
  await assertRecoversFrom(trapThrough('__trapForTesting'), { title: '陷阱之前', body: '写到一半。', typed: '接着写' });
});

test('after a trap once a promise settles (as after reading an opened file) the preview restarts the same way', async () => {
  await assertRecoversFrom(trapThrough('__trapAfterPromiseForTesting'), { title: '读文件之前', body: '等着读完。', typed: '读完了' });
});

test('after a trap without a panic inside a call the embedder makes, the preview restarts the same way', async () => {
  await assertRecoversFrom(async (page, problems) => {
    const thrown = await page.evaluate(async () => {
      const postview = await import('./pkg/postview.js');
      try {
        postview.__trapNowForTesting();
        return 'nothing';
      } catch (error) {
        return error.constructor.name;
      }
    });
    assert.equal(thrown, 'RuntimeError', 'the embedder gets the trap');
    await page.getByRole('status').getByText(/restarted/).waitFor();
    assert.ok(problems.some((problem) => /unreachable/.test(problem)), `the trap is reported: ${problems}`);
  }, { title: '嵌入者调用之前', body: '正在渲染。', typed: '渲染完了' });
});

test('after a panic, render() called by the embedder runs in a fresh instance with its text', async () => {
  const { page, close } = await browser.open();
  const html = await page.evaluate(async () => {
    const postview = await import('./pkg/postview.js');
    try {
      postview.__panicForTesting();
    } catch {
      // The trap is the point.
    }
    return postview.render('# 恢复之后\n').html;
  });
  assert.equal(html, '<h1 id="恢复之后">恢复之后</h1>\n');
  await close();
});
