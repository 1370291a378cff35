// enhance(element) end to end: HTML a page put in itself from render() gets what the live
// preview gives its own (code labels, Copy code, highlighting, MathML), from the lazy parts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser } from './browser.mjs';

const browser = useBrowser();

test('enhance() highlights code and renders math in HTML the page inserted from render(), once', async () => {
  const { page, problems, close } = await browser.open();
  const found = await page.evaluate(async () => {
    const { render, enhance } = await import('./pkg/postview.js');
    const container = document.createElement('div');
    document.body.append(container);
    container.innerHTML = render('```js\nconst answer = 42;\n```\n\n质能方程 $E=mc^2$。\n').html;
    enhance(container);
    enhance(container);
    const ready = () => container.querySelector('pre code .hljs-keyword') && container.querySelector('span.math math');
    for (let tries = 0; !ready() && tries < 500; tries += 1) await new Promise((done) => setTimeout(done, 20));
    return {
      bars: container.querySelectorAll('.postview-code-bar').length,
      language: container.querySelector('.postview-code-language').textContent,
      keyword: container.querySelector('.hljs-keyword')?.textContent,
      maths: container.querySelectorAll('span.math math').length,
    };
  });
  assert.deepEqual(found, { bars: 1, language: 'js', keyword: 'const', maths: 1 });
  assert.deepEqual(problems, []);
  await close();
});

test('enhance() enhances HTML in an iframe\'s document, as a CMS preview pane is, and its Copy code button copies', async () => {
  const context = await browser.newContext();
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const { page, problems, close } = await browser.open({ context });
  await page.evaluate(async () => {
    const { render, enhance } = await import('./pkg/postview.js');
    const frame = document.createElement('iframe');
    frame.id = 'pane';
    document.body.append(frame);
    const container = frame.contentDocument.createElement('div');
    frame.contentDocument.body.append(container);
    container.innerHTML = render('```js\nconst answer = 42;\n```\n').html;
    enhance(container);
  });
  const pane = page.frameLocator('#pane');
  await pane.locator('pre code .hljs-keyword', { hasText: 'const' }).waitFor();
  assert.equal(await pane.locator('.postview-code-language').innerText(), 'js');
  await pane.getByRole('button', { name: 'Copy code' }).click();
  // The clipboard itself, not the button's two-second "copied" mark, which a busy machine can miss.
  await page.waitForFunction(async () => (await navigator.clipboard.readText()) === 'const answer = 42;\n');
  assert.deepEqual(problems, []);
  await close();
  await context.close();
});
