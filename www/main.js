// The page: load the WebAssembly module, put the sample post in the editor, mount the previewer.
// Everything else (rendering, scheduling, diagnostics, image fallbacks, the draft in this
// browser, opening and saving files) is postview's own `mount`.
//
// Nothing is imported statically, so this module runs as soon as it is in and starts at once
// the three things the first preview waits for, side by side (index.html has them preloaded):
// the WebAssembly, compiled while it streams in; postview.js with the snippets it imports; the
// sample post. A static import would hold this module until postview.js and its snippets were
// all in (a second round trip, since the snippets are found only in postview.js), and only
// then would init() start compiling the WebAssembly.
// Streaming needs the server to send `application/wasm`; any other static server still works,
// compiling the same response once it is in (no second download).
const wasm = fetch('pkg/postview_bg.wasm').then((response) =>
  response.headers.get('content-type')?.startsWith('application/wasm')
    ? WebAssembly.compileStreaming(response)
    : response.arrayBuffer().then((bytes) => WebAssembly.compile(bytes)));
const postview = import('./pkg/postview.js');

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
preview.addEventListener('postview:crash', async (event) => {
  showProblem(`The preview hit a bug and was restarted; your text is safe. (${event.detail})`);
  const { mount } = await postview;
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
  const { default: init, mount } = await postview;
  await init({ module_or_path: wasm });
  if (sample) editor.value = await sample;
  status.textContent = 'Live preview';
  mount(editor, preview, options({ restore: true }));
} catch (error) {
  showProblem(`The previewer could not start: ${error.message}`);
  throw error;
}
