// The page's editor for long texts: CodeMirror 6, which lays out and paints only the lines in
// view, where a <textarea> lays out and paints its whole text on every keystroke (about 100 ms
// at 1 MB) and on a paste (1.5 s for a 1 MB paste). main.js imports this module's bundle
// (../examples/build.mjs builds it into build/codemirror.js, ignored by git) in idle time after
// the first paint, or when a long text needs it; the textarea is the editor until then. Plain
// text, as the textarea shows it: no Markdown highlighting (@codemirror/lang-markdown brings the
// HTML, CSS and JavaScript parsers along: the bundle was 175 KB gzipped with it, 92 KB without,
// and creating the view on a 300 KB paste took about 115 ms with it, 60 ms without).
import { EditorView, drawSelection, highlightSpecialChars, keymap } from '@codemirror/view';
import { EditorSelection, EditorState } from '@codemirror/state';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { codeMirrorAdapter } from '../examples/codemirror/postview-codemirror.js';

// For whoever needs the view behind the page's editor (the tests: `EditorView.findFromDOM`).
export { EditorView };

/**
 * Makes `host` (an empty element) ready for CodeMirror: a shadow root, where CodeMirror adopts
 * its styles as constructed stylesheets (in the document it would write a <style> element, which
 * the page's CSP blocks), with `stylesheet` (a URL) loaded into it. Resolves to the shadow root.
 */
export async function prepareHost(host, stylesheet) {
  const root = host.attachShadow({ mode: 'open' });
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = stylesheet;
  const loaded = new Promise((resolve) => {
    link.addEventListener('load', resolve);
    link.addEventListener('error', resolve);
  });
  root.append(link);
  await loaded;
  return root;
}

/**
 * Puts CodeMirror in `textarea`'s place, in `root` (from `prepareHost`), all in the calling
 * task, so nothing typed can fall between: the textarea's text, selection and focus move over,
 * CodeMirror scrolls to the place in the text the textarea showed at its top, and the textarea
 * is hidden (out of the accessibility tree). CodeMirror's textbox takes the name of `label` (the
 * textarea's <label>, which then names nothing: a click on it focuses CodeMirror). `pastes`
 * ({ from, to, text }, each in the text as it is once the ones before it are in) go in as one
 * paste of CodeMirror's own, undoable there, with the caret after the last and scrolled into
 * view. Returns the editor adapter to mount postview on.
 */
export function replaceTextarea(textarea, root, { label, pastes = [] }) {
  const text = textarea.value;
  const focused = document.activeElement === textarea;
  // The textarea's top, as a place in the text: as far into the text as it is scrolled into
  // its height (CodeMirror estimates the heights of lines it has not drawn the same way).
  const scrollable = textarea.scrollHeight - textarea.clientHeight;
  const top = scrollable > 0 ? Math.round((textarea.scrollTop / scrollable) * text.length) : 0;
  const view = new EditorView({
    parent: root,
    root,
    state: EditorState.create({
      doc: text,
      selection: EditorSelection.single(textarea.selectionStart, textarea.selectionEnd),
      extensions: [
        history(),
        drawSelection(),
        highlightSpecialChars(),
        keymap.of([...defaultKeymap, ...historyKeymap]),
        EditorView.lineWrapping,
        EditorView.contentAttributes.of({ 'aria-label': label.textContent, spellcheck: 'false', autocorrect: 'off' }),
      ],
    }),
    scrollTo: top > 0 && pastes.length === 0 ? EditorView.scrollIntoView(top, { y: 'start' }) : undefined,
  });
  if (pastes.length > 0) {
    const last = pastes[pastes.length - 1];
    view.dispatch(
      ...pastes.map(({ from, to, text }) => ({ changes: { from, to, insert: text }, sequential: true })),
      { selection: { anchor: last.from + last.text.length }, sequential: true, scrollIntoView: true, userEvent: 'input.paste' },
    );
  }
  textarea.hidden = true;
  root.host.hidden = false;
  label.removeAttribute('for');
  label.addEventListener('click', () => view.focus());
  if (focused) view.focus();
  return codeMirrorAdapter(view);
}
