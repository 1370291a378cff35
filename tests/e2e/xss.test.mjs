// The XSS corpus (tests/fixtures/xss/) in Chromium: typed into the live page, and rendered by
// render() alone into a page without a Content-Security-Policy, as a CMS would embed postview.
// Either way nothing may run and the DOM rules (dom-rules.mjs) must hold.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { previewOf, startBrowser } from './browser.mjs';
import { domRuleViolations, imagesSettled, installTripwires } from './dom-rules.mjs';

const FIXTURES = new URL('../fixtures/xss/', import.meta.url);
const HARNESS = new URL('./xss-harness.html', import.meta.url);

let browser;
let corpus;
before(async () => {
  browser = await startBrowser();
  const names = (await readdir(FIXTURES)).filter((f) => f.endsWith('.md') && f !== 'README.md').sort();
  corpus = await Promise.all(names.map(async (file) => ({
    name: file.slice(0, -'.md'.length),
    source: await readFile(new URL(file, FIXTURES), 'utf8'),
  })));
});
after(async () => {
  await browser?.close();
});

/** Opens a page with the tripwires set and every dialog recorded (and dismissed). */
async function openGuarded() {
  const opened = await browser.open({ initScript: installTripwires });
  const dialogs = [];
  opened.page.on('dialog', async (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    await dialog.dismiss();
  });
  return { ...opened, dialogs };
}

/** What ran since the last look, and which rules break inside `root` (a locator) once its images settled. */
async function inspect(page, root) {
  await root.evaluate(imagesSettled);
  return {
    ran: await page.evaluate(() => window.__ran.splice(0)),
    violations: await root.evaluate(domRuleViolations),
  };
}


/** A paragraph after the attack, so the test knows the preview shows this attack. */
const endMarker = (name) => `End of attack ${name}.`;

test('the corpus holds at least fifty attacks', () => {
  assert.ok(corpus.length >= 50, `${corpus.length} attacks`);
});

test('every attack typed into the live page runs nothing and keeps the DOM rules', async () => {
  const { page, dialogs, close } = await openGuarded();
  const editor = page.getByRole('textbox', { name: 'Markdown source' });
  const preview = previewOf(page);
  const failures = [];
  for (const { name, source } of corpus) {
    await editor.fill(`${source}\n\n${endMarker(name)}\n`);
    await preview.getByText(endMarker(name)).waitFor();
    const { ran, violations } = await inspect(page, preview);
    for (const problem of [...ran, ...violations]) failures.push(`${name}: ${problem}`);
  }
  assert.deepEqual(failures, []);
  assert.deepEqual(dialogs, []);
  await close();
});

/** The harness page (no CSP; inserts render()'s output so that scripts in it would run). */
async function openHarness() {
  const opened = await openGuarded();
  const harnessUrl = `${browser.url}xss-harness.html`;
  const harness = await readFile(HARNESS, 'utf8');
  await opened.page.route(harnessUrl, (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body: harness }));
  await opened.page.goto(harnessUrl);
  await opened.page.waitForFunction(() => document.body.dataset.ready === 'true');
  return opened;
}

test('render() output inserted into a page without a CSP runs nothing and keeps the DOM rules', async () => {
  const { page, dialogs, close } = await openHarness();
  const failures = [];
  for (const options of [undefined, { rawHtml: 'escape' }]) {
    for (const { name, source } of corpus) {
      await page.evaluate(([s, o]) => window.renderAndInsert(s, o), [source, options]);
      const { ran, violations } = await inspect(page, page.locator('#post'));
      for (const problem of [...ran, ...violations]) failures.push(`${name} (${options?.rawHtml ?? 'default'}): ${problem}`);
    }
  }
  assert.deepEqual(failures, []);
  assert.deepEqual(dialogs, []);
  await close();
});

const REFUSED_ATTACK = `<img src="missing.png" onerror="__xss('refused')">`;

/** The attack's img must be text inside `root`: nothing ran, no rule broken, no img element. */
async function assertShownAsText(page, root) {
  assert.deepEqual(await inspect(page, root), { ran: [], violations: [] });
  assert.equal(await root.locator('img').count(), 0);
  assert.match(await root.textContent(), /<img src="missing.png" onerror=/);
}

test('a post with more raw HTML than can be sanitized says it is too complex to preview safely', async () => {
  const { page, close } = await openGuarded();
  const source = `# Many tags\n\n${REFUSED_ATTACK.repeat(10_001)}\n`;
  await page.getByRole('textbox', { name: 'Markdown source' }).fill(source);
  const problems = previewOf(page).getByRole('list', { name: 'Problems' });
  await problems.getByText('too complex to preview safely').waitFor();
  await assertShownAsText(page, previewOf(page));
  await close();
});

test('render() where there is no DOM (a worker) shows raw HTML as text and says why', async () => {
  const { page, close } = await openHarness();
  const diagnostics = await page.evaluate((s) => window.renderInWorkerAndInsert(s), REFUSED_ATTACK);
  assert.deepEqual(diagnostics.map((d) => d.message), [
    'the raw HTML could not be sanitized (there is no HTML sanitizer without a DOM); its raw HTML is shown as text',
  ]);
  await assertShownAsText(page, page.locator('#post'));
  await close();
});

test('a sanitizer that throws in the browser shows raw HTML as text and says why', async () => {
  const { page, close } = await openHarness();
  const source = `<a href="https://example.com/">a raw link</a> ${REFUSED_ATTACK}\n`;
  // postview's DOMPurify hook sets target on raw links; make that throw, mid-sanitize.
  const diagnostics = await page.evaluate((s) => {
    const setAttribute = Element.prototype.setAttribute;
    Element.prototype.setAttribute = function refuseTarget(name, value) {
      if (name === 'target') throw new Error('setAttribute refused');
      return setAttribute.call(this, name, value);
    };
    try {
      return window.renderAndInsert(s);
    } finally {
      Element.prototype.setAttribute = setAttribute;
    }
  }, source);
  assert.deepEqual(diagnostics.map((d) => d.message), [
    'the raw HTML could not be sanitized (setAttribute refused); its raw HTML is shown as text',
  ]);
  await assertShownAsText(page, page.locator('#post'));
  assert.equal(await page.locator('#post a').count(), 0);
  await close();
});
