// The page: load the WebAssembly module, put the sample post in the editor, mount the previewer.
// Everything else (rendering, scheduling, diagnostics, image fallbacks) is postview's own `mount`.
import init, { mount } from './pkg/postview.js';

const editor = document.getElementById('source');
const preview = document.getElementById('preview');
const status = document.getElementById('status');

try {
  await init();
  if (editor.value === '') {
    const response = await fetch('sample-post.md');
    if (response.ok) editor.value = await response.text();
  }
  mount(editor, preview);
  status.textContent = 'Live preview';
} catch (error) {
  status.textContent = `The previewer could not start: ${error.message}`;
  status.classList.add('app-status-error');
  throw error;
}
