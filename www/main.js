// The page: load the WebAssembly module, put the sample post in the editor, mount the previewer.
// Everything else (rendering, scheduling, diagnostics, image fallbacks) is postview's own `mount`.
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
  setTimeout(() => mount(editor, preview));
});

try {
  await init();
  if (editor.value === '') {
    const response = await fetch('sample-post.md');
    if (response.ok) editor.value = await response.text();
  }
  mount(editor, preview);
  status.textContent = 'Live preview';
} catch (error) {
  showProblem(`The previewer could not start: ${error.message}`);
  throw error;
}
