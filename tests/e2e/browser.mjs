// Debian's Chromium under playwright-core, started the way this machine allows (no downloads,
// no background network), and a page on www/ whose outside images are answered locally.
import { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { chromium } from 'playwright-core';
import { serveWww } from './static-server.mjs';

export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
export const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

// A 1×1 transparent PNG, served for every image from outside the page.
export const PIXEL = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');

/** Resolves once the page's region named "Preview" shows the post's first block. */
const firstPreview = (page) => page.getByRole('region', { name: 'Preview' }).locator('.postview-body > *').first().waitFor();

/** Resolves once CodeMirror has taken the textarea's place on the previewer's page (www/main.js). */
export const codeMirrorIn = (page) => page.waitForFunction(() => document.documentElement.dataset.editor === 'codemirror');

/** Starts the server and the browser; returns { url, open, close }. */
export async function startBrowser() {
  const server = await serveWww();
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });

  /**
   * Opens the page and waits for the first preview. Outside images load (a pixel) unless
   * `brokenImages`, in which case they fail. Console errors and page errors are collected.
   * A fresh browser context (empty storage) unless `context` is given: pages in one context
   * share localStorage, like two tabs. `beforeGoto(page)` runs before the page loads.
   * `initScript` (a function) runs in every document before its own scripts. `path` is the page
   * under www/ (the previewer's by default); it must show a region named "Preview", unless
   * `ready(page)` says otherwise: it resolves once the page has shown its first preview.
   */
  async function open({ brokenImages = false, viewport, context: shared, beforeGoto, initScript, path = '', ready } = {}) {
    const context = shared ?? (await browser.newContext(viewport ? { viewport } : {}));
    if (initScript) await context.addInitScript(initScript);
    const page = await context.newPage();
    const problems = [];
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(String(error)));
    await page.route((url) => !url.href.startsWith(server.url), (route) =>
      brokenImages ? route.abort('failed') : route.fulfill({ contentType: 'image/png', body: PIXEL }));
    await beforeGoto?.(page);
    await page.goto(server.url + path);
    await (ready ?? firstPreview)(page);
    return { page, problems, close: () => (shared ? page.close() : context.close()) };
  }

  return {
    url: server.url,
    open,
    /** A browser context for pages that share storage; the caller closes it. */
    newContext: () => browser.newContext(),
    close: async () => {
      await browser.close();
      await server.close();
    },
  };
}

/**
 * Starts the browser before a test file's tests and closes it after them; returns an object
 * with the started browser's `open`, `newContext` and `url`.
 */
export function useBrowser() {
  let started;
  before(async () => {
    started = await startBrowser();
  });
  after(async () => {
    await started?.close();
  });
  return {
    open: (options) => started.open(options),
    newContext: () => started.newContext(),
    get url() {
      return started.url;
    },
  };
}

/**
 * Makes postview panic in `page` (its glue at `glue`, relative to the page); resolves to the name
 * of the error thrown (a panic traps the instance: `RuntimeError`), or null if none was.
 */
export function panicInPage(page, glue = './pkg/postview.js') {
  return page.evaluate(async (path) => {
    const postview = await import(path);
    try {
      postview.__panicForTesting();
      return null;
    } catch (error) {
      return error.constructor.name;
    }
  }, glue);
}

/** Makes postview panic (its instance traps) and waits until the page has mounted it again. */
export async function crashAndRemount(page) {
  await panicInPage(page);
  await page.getByRole('status').getByText(/restarted/).waitFor();
}

/** Clicks Save .md and resolves to the file it downloads: { name, text }. */
export async function saveFile(page) {
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Save .md' }).click();
  const file = await download;
  return { name: file.suggestedFilename(), text: await readFile(await file.path(), 'utf8') };
}

/** The page's editor and preview, by their accessible names (part of postview's contract). */
export const editorOf = (page) => page.getByRole('textbox', { name: 'Markdown source' });
export const previewOf = (page) => page.getByRole('region', { name: 'Preview' });

/**
 * Replaces all the text of the page's editor with `text`, as a paste does. CodeMirror is given a
 * paste event (Playwright's `fill` would put the text in through the browser's own editing,
 * which writes inline styles into CodeMirror's content that the page's CSP then blocks); a
 * textarea is filled.
 */
export async function fillEditor(page, text) {
  const editor = editorOf(page);
  if (await editor.evaluate((element) => element instanceof HTMLTextAreaElement)) return editor.fill(text);
  await editor.focus();
  await page.keyboard.press('Control+A');
  await editor.evaluate((content, text) => {
    const data = new DataTransfer();
    data.setData('text/plain', text);
    content.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}

/** The page's CodeMirror bundle, relative to the page. */
const PAGE_EDITOR = './editor/build/codemirror.js';

/**
 * The whole text of the page's editor: CodeMirror's, through its own API (it draws only the
 * lines in view), or a textarea's value. `glue` is the CodeMirror bundle, relative to the page.
 */
export function editorText(page, glue = PAGE_EDITOR) {
  return editorOf(page).evaluate(async (element, glue) => {
    if (element instanceof HTMLTextAreaElement) return element.value;
    const { EditorView } = await import(glue);
    return EditorView.findFromDOM(element.getRootNode()).state.doc.toString();
  }, glue);
}

/** Where the caret is in the page's editor: a UTF-16 offset into its text. */
export function editorCaret(page, glue = PAGE_EDITOR) {
  return editorOf(page).evaluate(async (element, glue) => {
    if (element instanceof HTMLTextAreaElement) return element.selectionStart;
    const { EditorView } = await import(glue);
    return EditorView.findFromDOM(element.getRootNode()).state.selection.main.head;
  }, glue);
}

/** Resolves once the page's editor holds `text`; fails (with both texts) after ten seconds. */
export async function waitForEditorText(page, text, glue) {
  for (const deadline = Date.now() + 10_000; Date.now() < deadline; await page.waitForTimeout(50)) {
    if ((await editorText(page, glue)) === text) return;
  }
  assert.equal(await editorText(page, glue), text);
}
