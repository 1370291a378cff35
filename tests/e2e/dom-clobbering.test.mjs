// DOM clobbering: an author names elements after what the page or the browser looks up by name
// (`document.getElementById`, `document.cookie`, the page's own ids). The preview must not let any
// of those names reach `document`, and the page must keep working: the editor stays the textbox
// "Markdown source", typing still previews, and a crash remount still finds its elements.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { editorOf, previewOf, useBrowser } from './browser.mjs';

const browser = useBrowser();

/** Names that document or window already answer to, or that the page itself uses as ids. */
const CLOBBERING_POST = `# source

## preview

## status

Text[^preview] with raw HTML naming things the page looks up:

<img name="getElementById" src="https://img.example.com/x.png" alt="a">
<img name="cookie" id="cookie" src="https://img.example.com/x.png" alt="b">
<a id="defaultView" name="defaultView" href="#x">c</a>
<img name="body" src="https://img.example.com/x.png" alt="d">
<form name="forms"><input name="attributes"></form>
<embed name="querySelector">
<object name="createElement"></object>
<a id="source" href="#y">e</a>
<a id="preview" href="#y">f</a>

[^preview]: A footnote labelled like the page's preview.

End of the clobbering post.
`;

test('names and ids written by an author never shadow what document answers to', async () => {
  const { page, problems, close } = await browser.open();
  await editorOf(page).fill(CLOBBERING_POST);
  const preview = previewOf(page);
  await preview.getByText('End of the clobbering post.').waitFor();

  const look = await page.evaluate(() => ({
    getElementById: typeof document.getElementById,
    querySelector: typeof document.querySelector,
    createElement: typeof document.createElement,
    cookie: typeof document.cookie,
    body: document.body instanceof HTMLBodyElement,
    defaultView: document.defaultView === window,
    forms: document.forms instanceof HTMLCollection,
    // The page's own lookups by id still find the page's elements, not the author's.
    source: document.getElementById('source') instanceof HTMLTextAreaElement,
    preview: document.getElementById('preview')?.classList.contains('preview'),
  }));
  assert.deepEqual(look, {
    getElementById: 'function',
    querySelector: 'function',
    createElement: 'function',
    cookie: 'string',
    body: true,
    defaultView: true,
    forms: true,
    source: true,
    preview: true,
  });

  // No element in the preview carries a name or id that document itself answers to.
  const shadowing = await preview.evaluate((root) =>
    [...root.querySelectorAll('[name], [id]')]
      .flatMap((element) => [element.getAttribute('name'), element.getAttribute('id')])
      .filter((name) => name !== null && name in document));
  assert.deepEqual(shadowing, []);

  // The page still works as a person uses it: the label still names the editor, typing previews.
  await editorOf(page).press('Control+End');
  await page.keyboard.type('\n\nStill typing.');
  await preview.getByText('Still typing.').waitFor();
  assert.deepEqual(problems, []);
  await close();
});
