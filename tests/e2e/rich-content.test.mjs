// Code highlighting, math and diagrams in the live page: each library (pkg/lazy/) is loaded only
// when a post needs it, enhances the blocks just put in, and leaves unchanged blocks alone.
// Hostile code info strings, TeX and Mermaid run nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { editorOf, previewOf, useBrowser } from './browser.mjs';
import { domRuleViolations, imagesSettled, installTripwires } from './dom-rules.mjs';

const browser = useBrowser();

const PLAIN_POST = '---\ntitle: 纯文字\n---\n\n只有文字，没有代码，也没有公式。\n\n## 小结\n\n一句话。\n';

/**
 * Opens the page with a post that needs no lazy part in place of the sample post, and records
 * every request for a lazy part (their paths under pkg/lazy/) in `lazy`.
 */
async function openPlain(options = {}) {
  const lazy = [];
  const opened = await browser.open({
    ...options,
    beforeGoto: async (page) => {
      page.on('request', (request) => {
        const [, path] = request.url().split('/pkg/lazy/');
        if (path) lazy.push(path);
      });
      await page.route('**/sample-post.md', (route) =>
        route.fulfill({ contentType: 'text/markdown; charset=utf-8', body: PLAIN_POST }));
    },
  });
  await previewOf(opened.page).getByRole('heading', { name: '小结' }).waitFor();
  return { ...opened, lazy };
}

const RUST = '```rust\nfn main() {\n    let answer = 42;\n}\n```';
const PYTHON = '```python\ndef greet(name):\n    return "hi " + name\n```';

test('a post without code, math or diagrams requests no lazy part', async () => {
  const { page, lazy, problems, close } = await openPlain();
  await editorOf(page).fill(`${PLAIN_POST}\n再加一段，\`行内代码\`和价格 5 元不算。\n`);
  await previewOf(page).getByText('再加一段').waitFor();
  assert.deepEqual(lazy, []);
  // The same page asks for the highlighter as soon as a fenced block with a language appears;
  // a request made for the plain post would have come before it, in this list.
  await editorOf(page).fill(`${PLAIN_POST}\n${RUST}\n`);
  await previewOf(page).locator('.hljs-keyword').first().waitFor();
  assert.deepEqual(lazy, ['highlight.js']);
  assert.deepEqual(problems, []);
  await close();
});

test('fenced code is highlighted under its language label, with a Copy code button', async () => {
  const { page, problems, close } = await openPlain();
  await editorOf(page).fill(`# 代码\n\n${RUST}\n\n\`\`\`nosuchlanguage\nplain <b>text</b>\n\`\`\`\n`);
  const preview = previewOf(page);
  await preview.locator('.hljs-keyword').first().waitFor();
  const [rust, unknown] = await preview.locator('pre').all();
  assert.deepEqual(await rust.locator('.hljs-keyword').allTextContents(), ['fn', 'let']);
  assert.equal(await rust.locator('.postview-code-language').textContent(), 'rust');
  assert.equal(await rust.getByRole('button', { name: 'Copy code' }).count(), 1);
  // An unknown language stays plain text, with its label and button.
  assert.equal(await unknown.locator('.postview-code-language').textContent(), 'nosuchlanguage');
  assert.equal(await unknown.locator('code').evaluate((code) => code.childElementCount), 0);
  assert.equal(await unknown.locator('code').textContent(), 'plain <b>text</b>\n');
  assert.equal(await unknown.getByRole('button', { name: 'Copy code' }).count(), 1);
  assert.deepEqual(problems, []);
  await close();
});

test('Copy code puts the block\'s code on the clipboard', async () => {
  const context = await browser.newContext();
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const { page, close } = await openPlain({ context });
  await editorOf(page).fill(`${RUST}\n\n${PYTHON}\n`);
  const python = previewOf(page).locator('pre').nth(1);
  await python.locator('.hljs-keyword').first().waitFor();
  await python.getByRole('button', { name: 'Copy code' }).click();
  await python.locator('.postview-copied').waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), 'def greet(name):\n    return "hi " + name\n');
  await close();
  await context.close();
});

test('editing one code block re-highlights it and leaves the other blocks\' elements untouched', async () => {
  const { page, close } = await openPlain();
  const editor = editorOf(page);
  const preview = previewOf(page);
  await editor.fill(`# 两段代码\n\n${RUST}\n\n中间一段。\n\n${PYTHON}\n`);
  await preview.locator('pre').nth(1).locator('.hljs-keyword').first().waitFor();
  // Tag every element shown now, and watch for any change inside the first code block.
  await preview.evaluate((root) => {
    for (const element of root.querySelectorAll('.postview-body *')) element.postviewTestTag = true;
    window.firstBlockChanges = [];
    new MutationObserver((records) => window.firstBlockChanges.push(...records))
      .observe(root.querySelector('pre'), { subtree: true, childList: true, characterData: true, attributes: true });
  });
  await editor.fill(`# 两段代码\n\n${RUST}\n\n中间一段。\n\n${PYTHON.replace('greet', 'welcome')}\n`);
  const edited = preview.locator('pre').nth(1);
  await edited.locator('.hljs-title', { hasText: 'welcome' }).waitFor();
  const untouched = await preview.evaluate((root) => {
    const [first, second] = root.querySelectorAll('pre');
    const kept = (element) => [element, ...element.querySelectorAll('*')].every((e) => e.postviewTestTag === true);
    return { first: kept(first), middle: kept(root.querySelector('.postview-body p')), second: second.postviewTestTag === true };
  });
  assert.deepEqual(untouched, { first: true, middle: true, second: false });
  assert.equal(await page.evaluate(() => window.firstBlockChanges.length), 0);
  assert.equal(await edited.locator('.postview-code-bar').count(), 1, 'one label and button, not two');
  await close();
});

test('math renders as MathML, and a formula with an error shows it in place while the rest renders', async () => {
  const { page, lazy, problems, close } = await openPlain();
  await editorOf(page).fill('质能方程 $E = mc^2$，错误的 $\\frac{1}$ 公式。\n\n$$\\sum_{i=1}^{n} i = \\frac{n(n+1)}{2}$$\n\n最后一段照常显示。\n');
  const preview = previewOf(page);
  await preview.locator('.math-display math').waitFor();
  assert.equal(await preview.locator('.math-inline math').count(), 1);
  assert.equal(await preview.locator('.math-display math[display="block"]').count(), 1);
  const error = preview.locator('.postview-math-error');
  assert.equal(await error.locator('code').textContent(), '\\frac{1}');
  assert.match(await error.locator('.postview-math-message').textContent(), /Unexpected end of input/);
  assert.match(await preview.locator('.postview-body').textContent(), /最后一段照常显示/);
  assert.deepEqual(lazy, ['math.js']);
  assert.deepEqual(problems, []);
  await close();
});

test('a post with two thousand formulas renders every one (in slices, yielding between them)', async () => {
  const { page, close } = await openPlain();
  const formulas = Array.from({ length: 2000 }, (_, i) => `$x_{${i}}^2$`).join(' ');
  await editorOf(page).fill(`${formulas}\n\n最后一段。\n`);
  await page.waitForFunction(() => document.querySelectorAll('.postview-body .math-inline math').length === 2000);
  assert.equal(await previewOf(page).locator('.postview-math-error').count(), 0);
  await close();
});

test('a mermaid block is drawn as an SVG diagram, and a broken one shows its error', async () => {
  const { page, problems, close } = await openPlain();
  const diagram = '```mermaid\ngraph LR\n  A[写稿] --> B[预览]\n```';
  await editorOf(page).fill(`${diagram}\n\n\`\`\`mermaid\ngraph LR\n  A[写稿] -->\n\`\`\`\n\n后面的段落。\n`);
  const preview = previewOf(page);
  await preview.locator('.postview-diagram svg').waitFor();
  assert.match(await preview.locator('.postview-diagram svg').textContent(), /写稿.*预览/s);
  const error = preview.getByRole('note');
  await error.waitFor();
  assert.match(await error.textContent(), /^This diagram could not be drawn: Parse error on line \d+/);
  // The broken diagram's source is still there to fix.
  assert.match(await preview.locator('pre:has(.postview-diagram-error) code').textContent(), /A\[写稿\] -->/);
  assert.match(await preview.locator('.postview-body').textContent(), /后面的段落/);
  assert.deepEqual(problems, []);
  await close();
});

/** Attacks on the enhanced content; each calls __xss (or alert) if anything runs. */
const ATTACKS = [
  '```js" onmouseover="__xss(\'info-quote\')\nlet a = 1;\n```',
  '```<img/src/onerror=__xss(\'info-img\')>\nlet b = 2;\n```',
  '```javascript\n</code><img src=x onerror=__xss(\'code-breakout\')>\n```',
  '$\\href{javascript:__xss(\'tex-href\')}{click}$',
  '$\\url{javascript:__xss(\'tex-url\')}$',
  '$\\htmlClass{x" onclick="__xss(\'tex-class\')}{y}$',
  '$\\htmlData{onclick=__xss(\'tex-data\')}{z}$',
  '$\\htmlStyle{background:url(javascript:__xss(\'tex-style\'))}{w}$',
  '$$\\includegraphics{javascript:__xss(\'tex-graphics\')}$$',
  '```mermaid\ngraph TD\n  A["<img src=x onerror=__xss(\'mermaid-label\')>"] --> B\n```',
  '```mermaid\ngraph TD\n  A[<a href="javascript:__xss(\'mermaid-link\')">go</a>] --> B\n```',
  '```mermaid\ngraph TD\n  A --> B\n  click A callback "__xss"\n  click B href "javascript:__xss(\'mermaid-click\')"\n```',
  '```mermaid\n%%{init: {"securityLevel": "loose", "themeCSS": "} * { background: url(javascript:__xss(1)) }"}}%%\ngraph TD\n  A[<img src=x onerror=__xss(\'mermaid-init\')>] --> B\n  click A call __xss("mermaid-call")\n```',
  '```mermaid\nsequenceDiagram\n  Alice->>Bob: <script>__xss(\'mermaid-sequence\')</script>\n  link Alice: x @ javascript:__xss(\'mermaid-actor-link\')\n```',
];

test('hostile info strings, TeX and Mermaid run nothing and keep the DOM rules', async () => {
  const { page, close } = await openPlain({ initScript: installTripwires });
  const dialogs = [];
  page.on('dialog', async (dialog) => {
    dialogs.push(dialog.message());
    await dialog.dismiss();
  });
  const preview = previewOf(page);
  await editorOf(page).fill(`${ATTACKS.join('\n\n')}\n\n最后一段。\n`);
  await preview.getByText('最后一段').waitFor();
  // Every enhancement done: one highlighted block (the others' languages are not languages), six formulas, five diagrams or errors.
  await page.waitForFunction(() => {
    const body = document.querySelector('.postview-body');
    return body.querySelectorAll('code.hljs').length === 1
      && body.querySelectorAll('.math math, .postview-math-error').length === 6
      && body.querySelectorAll('.postview-diagram, .postview-diagram-error').length === 5;
  });
  // Hover and click everything, as a curious reader would.
  for (const element of await preview.locator('.postview-body a, .postview-body math *, .postview-diagram .node').all()) {
    await element.click({ force: true, timeout: 2000 }).catch(() => {});
  }
  await preview.evaluate(imagesSettled);
  assert.deepEqual(await page.evaluate(() => window.__ran.splice(0)), []);
  assert.deepEqual(await preview.evaluate(domRuleViolations), []);
  assert.deepEqual(dialogs, []);
  await close();
});
