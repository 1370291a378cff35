// The Decap CMS example (www/examples/decap/) end to end: Decap CMS on its in-memory test-repo
// backend, its preview pane showing each post through postview's render() and enhance(), in
// Debian's Chromium against the built page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser } from './browser.mjs';
import { domRuleViolations, installTripwires } from './dom-rules.mjs';

const browser = useBrowser();

/** Decap's preview pane: an iframe Decap fills with the preview template's output. */
const paneOf = (page) => page.frameLocator('#preview-pane');

/** Opens the example on Decap's list of posts; payloads may call `top.__xss(name)` (a tripwire). */
const openExample = () =>
  browser.open({
    path: 'examples/decap/',
    viewport: { width: 1400, height: 900 },
    initScript: installTripwires,
    ready: (page) => page.getByRole('link', { name: '十一月读书笔记' }).waitFor(),
  });

/** Opens a new post in Decap's editor, its preview pane showing. */
async function openNewPost(page) {
  await page.getByRole('link', { name: /Post$/ }).click();
  await page.getByLabel('Title').waitFor();
}

/** Types `lines` into Decap's Markdown body field (its raw mode, a Slate editor), Enter between. */
async function typeIntoBody(page, lines) {
  await page.locator('[data-slate-editor="true"]').click();
  for (const [index, line] of lines.entries()) {
    if (index > 0) await page.keyboard.press('Enter');
    await page.keyboard.insertText(line);
  }
}

/**
 * Records in `window.__ran` of the page any Content-Security-Policy violation on an element of the
 * preview pane's document (the iframe inherits the page's CSP): a handler it had to stop got in.
 */
async function watchPane(page) {
  await paneOf(page).locator('body').waitFor();
  await page.evaluate(() => {
    const pane = document.getElementById('preview-pane').contentDocument;
    pane.addEventListener('securitypolicyviolation', (event) => {
      if (event.target?.nodeType === Node.ELEMENT_NODE) window.__ran.push(`CSP blocked ${event.violatedDirective} in the pane`);
    });
  });
}

/**
 * The console errors but one: sanitizing parses the author's raw HTML in an inert document,
 * and Chromium reports each `on…` attribute there as a blocked inline handler of the page (on
 * no element; nothing ran). What does run or reach the pane is checked by the tripwires and
 * the DOM rules instead.
 */
const errorsBeyondSanitizing = (problems) =>
  problems.filter((problem) => !problem.startsWith('Executing inline event handler violates'));

/** The texts of the elements `selector` matches in the preview pane. */
const textsIn = (page, selector) => paneOf(page).locator(selector).allInnerTexts();

test('a post opened in Decap shows in its preview pane as postview renders it: the front matter fields as the header, the body as HTML, code enhanced', async () => {
  const { page, problems, close } = await openExample();
  await page.getByRole('link', { name: '在成都办一场小型技术分享会的记录' }).click();
  const pane = paneOf(page);
  await pane.getByRole('heading', { level: 1, name: '在成都办一场小型技术分享会的记录' }).waitFor();
  assert.equal(await pane.locator('.post-date time').getAttribute('datetime'), '2026-10-18T20:30:00');
  assert.deepEqual(await textsIn(page, '.post-tags li'), ['线下活动', '社区']);
  assert.deepEqual(await textsIn(page, '.post-categories li'), ['随笔']);
  assert.equal(await pane.locator('h2').first().getAttribute('id'), '为什么要办线下活动');
  // CJK-friendly emphasis: the closing ** after a full-width comma still closes.
  assert.deepEqual(await textsIn(page, '.postview-body strong'), ['真正认识一个人，']);
  await pane.locator('.markdown-alert-tip[role="note"]').waitFor();
  await pane.locator('[id="fn:照片"]').waitFor();
  // enhance() in the iframe: the code block's language label, then highlight.js's spans.
  await pane.locator('.postview-code-language', { hasText: 'python' }).waitFor();
  await pane.locator('pre code .hljs-keyword').first().waitFor();
  assert.equal(await pane.locator('.postview-diagnostics').isHidden(), true);
  assert.deepEqual(problems, []);
  await close();
});

test('typing a new post into Decap\'s fields updates the preview pane: title and tags in the header, a heading with its id and a CJK bold run in the body', async () => {
  const { page, problems, close } = await openExample();
  await openNewPost(page);
  await page.getByLabel('Title').fill('周末的分享会');
  await page.getByLabel('Tags').fill('线下活动, 读书');
  await typeIntoBody(page, ['## 什么是 PyCon？', '', '**真，**她说。']);
  const pane = paneOf(page);
  await pane.getByRole('heading', { level: 1, name: '周末的分享会' }).waitFor();
  await pane.locator('h2[id="什么是-pycon"]').waitFor();
  await pane.locator('.postview-body strong', { hasText: '真，' }).waitFor();
  assert.deepEqual(await textsIn(page, '.post-tags li'), ['线下活动', '读书']);
  assert.deepEqual(await textsIn(page, '.postview-body p'), ['真，她说。']);
  assert.deepEqual(problems, []);
  await close();
});

test('hostile Markdown typed into the body arrives sanitized in the preview pane, and the refused link is listed as a problem at its body line', async () => {
  const { page, problems, close } = await openExample();
  await openNewPost(page);
  await watchPane(page);
  await page.getByLabel('Title').fill('<img src=x onerror=top.__xss("title")>');
  await typeIntoBody(page, [
    '开头的一段。',
    '',
    '<img src="https://example.com/a.png" alt="图" onerror="top.__xss(\'img\')">',
    '',
    '[点我](javascript:top.__xss(\'link\'))',
    '',
    '<a href="javascript:top.__xss(\'raw-link\')">原始链接</a> <svg onload="top.__xss(\'svg\')"></svg>',
    '',
    '<script>top.__xss("script")</script>',
    '',
    '结尾的一段。',
  ]);
  const pane = paneOf(page);
  await pane.getByText('结尾的一段。').waitFor();
  await pane.locator('.postview-body img[alt="图"]').waitFor();
  // The title is text in the header, never markup.
  assert.equal(await pane.locator('.post-title').innerText(), '<img src=x onerror=top.__xss("title")>');
  assert.deepEqual(await pane.locator('.postview-decap').evaluate(domRuleViolations), []);
  assert.equal(await pane.getByText('点我').evaluate((e) => e.closest('a')?.getAttribute('href') ?? null), null);
  await pane.getByRole('list', { name: 'Problems' }).getByText(/^Body, line 5: warning: the link to `javascript:/).waitFor();
  assert.deepEqual(await page.evaluate(() => window.__ran), []);
  assert.deepEqual(errorsBeyondSanitizing(problems), []);
  await close();
});
