// The CodeMirror 6 example: a Markdown editor (CodeMirror with its Markdown language) and
// postview's live preview beside it, mounted through an editor adapter. Scroll sync, the caret's
// block, the list of problems, the draft kept in this browser and the Open… and Save .md buttons
// work as with the page's textarea; everything is postview's `mount`.
import init, { mount } from '../../pkg/postview.js';
import { EditorView, basicSetup, codeMirrorAdapter, markdown } from './build/codemirror.js';

const status = document.getElementById('status');
const timings = document.getElementById('timings');
const preview = document.getElementById('preview');

const sample = fetch('../../sample-post.md').then((r) => (r.ok ? r.text() : ''), () => '');

// CodeMirror in a shadow root: there it adopts its styles as constructed stylesheets, where in
// the document it would write a <style> element, which the page's CSP (no inline style) blocks.
// Its stylesheet here is a file of the page's own, in before CodeMirror first measures.
const editorRoot = document.getElementById('editor').attachShadow({ mode: 'open' });
const editorStyles = document.createElement('link');
editorStyles.rel = 'stylesheet';
editorStyles.href = new URL('editor.css', import.meta.url).href;
const stylesIn = new Promise((resolve) => {
  editorStyles.addEventListener('load', resolve);
  editorStyles.addEventListener('error', resolve);
});
editorRoot.append(editorStyles);
await stylesIn;

const view = new EditorView({
  parent: editorRoot,
  root: editorRoot,
  extensions: [
    basicSetup,
    markdown(),
    EditorView.lineWrapping,
    // CodeMirror's content element is already a textbox; this is its accessible name.
    EditorView.contentAttributes.of({ 'aria-label': 'Markdown source' }),
  ],
});

preview.addEventListener('postview:render', ({ detail }) => {
  const { renderMs, patchMs } = detail.timings;
  timings.textContent = `Rendered in ${renderMs.toFixed(1)} ms, shown in ${patchMs.toFixed(1)} ms`;
});
preview.addEventListener('postview:error', ({ detail }) => {
  timings.textContent = `The preview could not be updated: ${detail.message}`;
});
// After a crash the instance is fresh on the next call: mount again (the text is CodeMirror's,
// newer than the stored draft: kept, and stored).
preview.addEventListener('postview:crash', () => setTimeout(() => start({ restore: false })));

/** Mounts the preview on CodeMirror, with a draft of its own key, the file buttons and the notices. */
function start({ restore }) {
  mount({
    editor: codeMirrorAdapter(view),
    preview,
    options: {
      draft: { key: 'postview:codemirror-draft', restore },
      files: {
        open: document.getElementById('open-file'),
        input: document.getElementById('file-input'),
        save: document.getElementById('save-file'),
      },
      status,
      alert: document.getElementById('alert'),
    },
  });
}

try {
  await init();
  // The sample post, unless a stored draft replaces it when mount starts.
  view.dispatch({ changes: { from: 0, insert: await sample } });
  status.textContent = 'Live preview';
  start({ restore: true });
} catch (error) {
  status.textContent = `The previewer could not start: ${error.message}`;
  throw error;
}
