// The page: load the WebAssembly module, put the sample post in the editor, mount the previewer.
// Everything else (rendering, scheduling, diagnostics, image fallbacks, the draft in this
// browser, opening and saving files) is postview's own `mount`.
import init, { mount } from './pkg/postview.js';

const editor = document.getElementById('source');
const preview = document.getElementById('preview');
const status = document.getElementById('status');

try {
  await init();
  if (editor.value === '') {
    // A stored draft replaces it when mount starts.
    const response = await fetch('sample-post.md');
    if (response.ok) editor.value = await response.text();
  }
  status.textContent = 'Live preview';
  mount(editor, preview, {
    draft: { key: 'postview:draft' },
    files: {
      open: document.getElementById('open-file'),
      input: document.getElementById('file-input'),
      save: document.getElementById('save-file'),
    },
    status,
    alert: document.getElementById('alert'),
  });
} catch (error) {
  status.textContent = `The previewer could not start: ${error.message}`;
  status.classList.add('app-status-error');
  throw error;
}
