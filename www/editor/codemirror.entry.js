// The page's editor once the first preview is painted: CodeMirror 6, which lays out and paints
// only the lines in view, where a <textarea> lays out and paints its whole text on every
// keystroke (about 100 ms at 1 MB). main.js imports this module's bundle (../examples/build.mjs
// builds it into build/codemirror.js, ignored by git) after the first paint, so neither the
// first paint nor the cold start waits for CodeMirror; the textarea is the editor until then.
import { EditorView, drawSelection, highlightSpecialChars, keymap } from '@codemirror/view';
import { EditorSelection, EditorState } from '@codemirror/state';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { defaultHighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { markdown } from '@codemirror/lang-markdown';
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
 * is hidden (out of the accessibility tree: CodeMirror's textbox takes its name). Returns the
 * editor adapter to mount postview on.
 */
export function replaceTextarea(textarea, root, { label }) {
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
        syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
        markdown(),
        keymap.of([...defaultKeymap, ...historyKeymap]),
        EditorView.lineWrapping,
        EditorView.contentAttributes.of({ 'aria-label': label, spellcheck: 'false', autocorrect: 'off' }),
      ],
    }),
    scrollTo: top > 0 ? EditorView.scrollIntoView(top, { y: 'start' }) : undefined,
  });
  textarea.hidden = true;
  if (focused) view.focus();
  return codeMirrorAdapter(view);
}
