// <post-preview> on its demo page (www/examples/element/): a post from an attribute, a property
// or a slotted textarea, previewed in a shadow root that has its own stylesheet and theme, with
// everything the page's preview does (highlighting, math, diagrams, footnotes, image fallbacks,
// sanitizing, crash recovery) still working behind the shadow boundary.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { editorOf, panicInPage, useBrowser } from './browser.mjs';
import { domRuleViolations, imagesSettled, installTripwires } from './dom-rules.mjs';

const browser = useBrowser();
const DEMO = 'examples/element/';
const XSS = new URL('../fixtures/xss/', import.meta.url);

/** The demo page, once each element shows its first post. */
async function openDemo(options = {}) {
  const opened = await browser.open({ path: DEMO, ...options });
  for (const name of ['Attribute preview', 'Property preview']) {
    await regionOf(opened.page, name).locator('.postview-body > *').first().waitFor();
  }
  // Each shadow root links the stylesheet: computed colours mean something once it is in.
  await opened.page.waitForFunction(() =>
    [...document.querySelectorAll('post-preview')].every((element) => element.shadowRoot.querySelector('link').sheet));
  return opened;
}

/** An element's preview, by its accessible name ("Preview" unless the host's `label` says otherwise). */
const regionOf = (page, name = 'Preview') => page.getByRole('region', { name, exact: true });
/** Runs `fn(element, arg)` on the `<post-preview>` with this id. */
const onElement = (page, id, fn, arg) => page.locator(`post-preview#${id}`).evaluate(fn, arg);
/** A computed style property of the first element `locator` finds. */
const styleOf = (locator, property) => locator.first().evaluate((e, p) => getComputedStyle(e)[p], property);

test('a source attribute, a source property and a slotted textarea each render in a shadow root', async () => {
  const { page, problems, close } = await openDemo();
  const expected = [
    ['Preview', '在自定义元素里预览'],
    ['Attribute preview', '属性里的文章'],
    ['Property preview', '属性之外'],
  ];
  for (const [name, heading] of expected) {
    const region = regionOf(page, name);
    await region.getByRole('heading', { name: heading }).waitFor();
    assert.equal(await region.evaluate((e) => e.getRootNode() instanceof ShadowRoot), true, `${name} is in a shadow root`);
  }
  // The property is the attribute, reflected; changing either renders again.
  const reflected = await onElement(page, 'by-property', (element) => {
    element.source = '# 第二版';
    return element.getAttribute('source');
  });
  assert.equal(reflected, '# 第二版');
  await regionOf(page, 'Property preview').getByRole('heading', { name: '第二版' }).waitFor();
  await onElement(page, 'by-attribute', (element) => element.setAttribute('source', '改过的**属性**'));
  await regionOf(page, 'Attribute preview').locator('strong', { hasText: '属性' }).waitFor();
  // The post's header, tags and reading time come from postview, as on the page.
  await regionOf(page).getByText('Web Components').waitFor();
  assert.deepEqual(problems, []);
  await close();
});

test('typing in the slotted textarea updates the preview, and the textarea keeps its own label', async () => {
  const { page, problems, close } = await openDemo();
  const editor = editorOf(page);
  await editor.fill('# 新标题\n\n第一段。');
  await editor.press('End');
  await editor.pressSequentially('又打了几个字');
  await regionOf(page).getByText('第一段。又打了几个字').waitFor();
  assert.equal(await onElement(page, 'live', (element) => element.source), '# 新标题\n\n第一段。又打了几个字');
  // Setting the property with a slotted textarea replaces the textarea's text.
  await onElement(page, 'live', (element) => { element.source = '# 换掉'; });
  assert.equal(await editor.inputValue(), '# 换掉');
  await regionOf(page).getByRole('heading', { name: '换掉' }).waitFor();
  assert.deepEqual(problems, []);
  await close();
});

test('a textarea slotted later becomes the source; once it is removed the attribute is again', async () => {
  const { page, problems, close } = await openDemo();
  await onElement(page, 'by-attribute', (element) => {
    const textarea = document.createElement('textarea');
    textarea.setAttribute('aria-label', 'Second source');
    textarea.value = '# 后来的编辑器';
    element.append(textarea);
  });
  const preview = regionOf(page, 'Attribute preview');
  await preview.getByRole('heading', { name: '后来的编辑器' }).waitFor();
  const editor = page.getByRole('textbox', { name: 'Second source' });
  await editor.press('End');
  await editor.pressSequentially('，在打字');
  await preview.getByRole('heading', { name: '后来的编辑器，在打字' }).waitFor();
  await editor.evaluate((textarea) => textarea.remove());
  await preview.getByRole('heading', { name: '属性里的文章' }).waitFor();
  assert.deepEqual(problems, []);
  await close();
});

test('the theme switch and the color scheme change the colours; custom properties re-theme it', async () => {
  const { page, problems, close } = await openDemo();
  const preview = regionOf(page);
  const LIGHT = 'rgb(255, 255, 255)';
  const DARK = 'rgb(22, 26, 32)';
  await page.emulateMedia({ colorScheme: 'light' });
  assert.equal(await styleOf(preview, 'backgroundColor'), LIGHT, 'auto follows a light system');
  await page.emulateMedia({ colorScheme: 'dark' });
  assert.equal(await styleOf(preview, 'backgroundColor'), DARK, 'auto follows a dark system');
  await page.getByLabel('Theme').selectOption('light');
  assert.equal(await styleOf(preview, 'backgroundColor'), LIGHT, 'theme="light" on a dark system');
  await page.emulateMedia({ colorScheme: 'light' });
  await page.getByLabel('Theme').selectOption('dark');
  assert.equal(await onElement(page, 'live', (element) => element.getAttribute('theme')), 'dark');
  assert.equal(await styleOf(preview, 'backgroundColor'), DARK, 'theme="dark" on a light system');
  assert.equal(await styleOf(preview.locator('.postview-body p'), 'color'), 'rgb(230, 230, 230)');

  const link = preview.locator('.footnote-reference a');
  assert.equal(await styleOf(link, 'color'), 'rgb(108, 177, 255)', 'the dark accent');
  await onElement(page, 'live', (element) => element.style.setProperty('--postview-accent', 'rgb(1, 2, 3)'));
  assert.equal(await styleOf(link, 'color'), 'rgb(1, 2, 3)', 'the page set --postview-accent on the element');
  // The page's own rules do not reach inside: a page rule for `p` leaves the post's alone (a
  // constructed stylesheet: the page's CSP allows no <style> element).
  await page.evaluate(() => {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync('p { color: rgb(255, 0, 0) !important; }');
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  });
  assert.equal(await styleOf(preview.locator('.postview-body p'), 'color'), 'rgb(230, 230, 230)');
  assert.deepEqual(problems, []);
  await close();
});

test('code is highlighted, math is MathML and a diagram is drawn inside the shadow root', async () => {
  const { page, problems, close } = await openDemo();
  const preview = regionOf(page);
  await page.emulateMedia({ colorScheme: 'light' });
  const keyword = preview.locator('.hljs-keyword').first();
  await keyword.waitFor();
  assert.equal(await keyword.textContent(), 'fn');
  // The highlighter's colours come from the element's stylesheet, not the page's.
  assert.equal(await styleOf(keyword, 'color'), 'rgb(207, 34, 46)');
  await preview.getByRole('button', { name: 'Copy code' }).waitFor();
  await preview.locator('math').first().waitFor();

  await editorOf(page).fill('# 图\n\n```mermaid\nflowchart LR\n  写作 --> 预览\n```\n');
  const diagram = preview.locator('.postview-diagram svg');
  await diagram.waitFor({ timeout: 30_000 });
  assert.match(await diagram.textContent(), /写作[\s\S]*预览/);
  assert.equal(await preview.locator('.postview-diagram-error').count(), 0);
  assert.deepEqual(problems, []);
  await close();
});

/** A post whose footnote and heading are far below the links to them. */
const LONG_POST = [
  '[跳到小结](#小结)，引用一个脚注[^远]。',
  ...Array.from({ length: 60 }, (_, i) => `第 ${i + 1} 段，把脚注推到很下面。`),
  '## 小结',
  '结尾。',
  '[^远]: 很远的脚注。',
].join('\n\n');

/** Whether the top of `locator`'s element is in the visible part of `region` (its scroll container). */
function topInView([element, region]) {
  const box = element.getBoundingClientRect();
  const view = region.getBoundingClientRect();
  return box.top >= view.top - 1 && box.top < view.bottom;
}
const handles = async (locator, region) => [await locator.elementHandle(), await region.elementHandle()];
const isInView = async (page, locator, region) => page.evaluate(topInView, await handles(locator, region));
const waitInView = async (page, locator, region) => page.waitForFunction(topInView, await handles(locator, region));

test('footnote links and links to headings scroll inside the shadow root', async () => {
  const { page, problems, close } = await openDemo();
  const preview = regionOf(page);
  await editorOf(page).fill(LONG_POST);
  const note = preview.locator('.footnote-definition');
  await note.waitFor();
  // Filling left the caret at the end, and scroll sync the preview at its bottom: back to the top.
  await preview.evaluate((region) => { region.scrollTop = 0; });
  assert.equal(await isInView(page, note, preview), false, 'the note starts out of view');
  const urlBefore = page.url();

  await preview.locator('.footnote-reference a').click();
  await waitInView(page, note, preview);
  assert.equal(page.url(), urlBefore, 'the page itself did not navigate');

  const reference = preview.locator('.footnote-reference');
  assert.equal(await isInView(page, reference, preview), false);
  await preview.getByRole('link', { name: 'Back to reference 1' }).click();
  await waitInView(page, reference, preview);

  const heading = preview.getByRole('heading', { name: '小结' });
  assert.equal(await isInView(page, heading, preview), false);
  await preview.getByRole('link', { name: '跳到小结' }).click();
  await waitInView(page, heading, preview);
  assert.deepEqual(problems, []);
  await close();
});

test('an image that fails to load shows its placeholder inside the shadow root', async () => {
  const { page, close } = await openDemo({ brokenImages: true });
  const preview = regionOf(page, 'Property preview');
  // Images load lazily: the element must be in view for the image to be asked for at all.
  await preview.scrollIntoViewIfNeeded();
  await onElement(page, 'by-property', (element) => {
    element.source = '![封面图](https://images.example.com/cover.jpg)';
  });
  await preview.locator('.image-placeholder').getByText('封面图').waitFor();
  assert.equal(await preview.getByRole('img', { name: '封面图' }).count(), 1, 'the placeholder, the broken image hidden');
  await close();
});

test('every hostile post of the XSS corpus set as the source runs nothing and keeps the DOM rules', async () => {
  const files = (await readdir(XSS)).filter((f) => f.endsWith('.md') && f !== 'README.md').sort();
  assert.ok(files.length >= 50, `${files.length} attacks`);
  const { page, close } = await openDemo({ initScript: installTripwires });
  const dialogs = [];
  page.on('dialog', async (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    await dialog.dismiss();
  });
  const preview = regionOf(page, 'Property preview');
  const failures = [];
  for (const file of files) {
    const end = `End of attack ${file}.`;
    const source = `${await readFile(new URL(file, XSS), 'utf8')}\n\n${end}\n`;
    await onElement(page, 'by-property', (element, text) => { element.source = text; }, source);
    await preview.getByText(end).waitFor();
    await preview.evaluate(imagesSettled);
    const ran = await page.evaluate(() => window.__ran.splice(0));
    for (const problem of [...ran, ...(await preview.evaluate(domRuleViolations))]) failures.push(`${file}: ${problem}`);
  }
  assert.deepEqual(failures, []);
  assert.deepEqual(dialogs, []);
  await close();
});

test('after a panic each element mounts itself again, keeps its text and says so from its host', async () => {
  const { page, problems, close } = await openDemo();
  const editor = editorOf(page);
  const text = '---\ntitle: 崩溃之前\n---\n\n还没写完。';
  await editor.fill(text);
  await regionOf(page).getByRole('heading', { level: 1, name: '崩溃之前' }).waitFor();
  await page.evaluate(() => {
    window.crashes = [];
    document.addEventListener('postview:crash', (event) =>
      window.crashes.push({ from: event.target.id, composed: event.composed, detail: typeof event.detail }));
  });

  assert.equal(await panicInPage(page, '../../pkg/postview.js'), 'RuntimeError', 'a panic traps the instance');
  const crashes = await page.evaluate(() => window.crashes);
  assert.deepEqual(crashes.map((c) => c.from).sort(), ['by-attribute', 'by-property', 'live']);
  assert.ok(crashes.every((c) => c.composed && c.detail === 'string'), JSON.stringify(crashes));

  // Mounted again in a fresh instance: the notice gives way to the post, the text is the same.
  await regionOf(page).getByRole('heading', { level: 1, name: '崩溃之前' }).waitFor();
  await regionOf(page, 'Attribute preview').getByRole('heading', { name: '属性里的文章' }).waitFor();
  await regionOf(page, 'Property preview').getByRole('heading', { name: '属性之外' }).waitFor();
  assert.equal(await regionOf(page).locator('.postview-crash').count(), 0);
  assert.equal(await editor.inputValue(), text);

  problems.length = 0;
  await editor.press('End');
  await editor.pressSequentially('接着写');
  await regionOf(page).getByText('还没写完。接着写').waitFor();
  await onElement(page, 'by-property', (element) => { element.source = '# 崩溃之后'; });
  await regionOf(page, 'Property preview').getByRole('heading', { name: '崩溃之后' }).waitFor();
  assert.deepEqual(problems, [], 'nothing calls into the dead instance');
  await close();
});
