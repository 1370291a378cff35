// The page: load the WebAssembly module, put the sample post in the editor, mount the previewer.
// Everything else (rendering, scheduling, diagnostics, image fallbacks, the draft in this
// browser, opening and saving files) is postview's own `mount`.
import init, { mount } from './pkg/postview.js';

const editor = document.getElementById('source');
const preview = document.getElementById('preview');
const status = document.getElementById('status');

function showProblem(text) {
  status.textContent = text;
  status.classList.add('app-status-error');
}

// A bug in postview stops its WebAssembly instance; postview then shows a notice in the preview
// and fires `postview:crash`. Mounting again runs in a fresh instance; the text in the editor
// was never the module's, so nothing is lost.
preview.addEventListener('postview:crash', (event) => {
  showProblem(`The preview hit a bug and was restarted; your text is safe. (${event.detail})`);
  // The editor's text is newer than the stored draft: keep it, and store it.
  setTimeout(() => mount(editor, preview, options({ restore: false })));
});

/** What postview keeps and wires besides the preview: the draft, the file buttons, the notices. */
const options = ({ restore }) => ({
  draft: { key: 'postview:draft', restore },
  files: {
    open: document.getElementById('open-file'),
    input: document.getElementById('file-input'),
    save: document.getElementById('save-file'),
  },
  status,
  alert: document.getElementById('alert'),
  toc: document.getElementById('toc'),
});

// The sample post loads while the module compiles; a stored draft replaces it when mount starts.
const sample = editor.value === '' ? fetch('sample-post.md').then((r) => (r.ok ? r.text() : ''), () => '') : null;

try {
  await init();
  if (sample) editor.value = await sample;
  status.textContent = 'Live preview';
  mount(editor, preview, options({ restore: true }));
} catch (error) {
  showProblem(`The previewer could not start: ${error.message}`);
  throw error;
}
