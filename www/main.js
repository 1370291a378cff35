// The page: load the WebAssembly module, put the sample post in the editor, mount the previewer;
// once the first preview is painted, CodeMirror takes the textarea's place (editor/). Everything
// else (rendering, scheduling, diagnostics, image fallbacks, the draft in this browser, opening
// and saving files) is postview's own `mount`.
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

const textarea = document.getElementById('source');
const preview = document.getElementById('preview');
const status = document.getElementById('status');

function showProblem(text) {
  status.textContent = text;
  status.classList.add('app-status-error');
}

/** What postview follows: the textarea, then CodeMirror's adapter once it took the textarea's place. */
let editor = textarea;
/** CodeMirror's element, once it is there: a file dropped on it opens. */
let editorHost;
/** The mounted previewer; null from a crash until it is mounted again. */
let previewer;

// A bug in postview stops its WebAssembly instance; postview then shows a notice in the preview
// and fires `postview:crash`. Mounting again runs in a fresh instance; the text in the editor
// was never the module's, so nothing is lost.
preview.addEventListener('postview:crash', async (event) => {
  showProblem(`The preview hit a bug and was restarted; your text is safe. (${event.detail})`);
  previewer = null;
  const { mount } = await postview;
  // The editor's text is newer than the stored draft: keep it, and store it. (Unless CodeMirror
  // took the textarea's place meanwhile, and mounted it.)
  setTimeout(() => (previewer ??= mount({ editor, preview, options: options({ restore: false }) })));
});

/** What postview keeps and wires besides the preview: the draft, the file buttons, the notices. */
const options = ({ restore }) => ({
  draft: { key: 'postview:draft', restore },
  files: {
    open: document.getElementById('open-file'),
    input: document.getElementById('file-input'),
    save: document.getElementById('save-file'),
    drop: editorHost,
  },
  status,
  alert: document.getElementById('alert'),
  toc: document.getElementById('toc'),
});

/** Resolves once the page has painted what it shows now. */
const painted = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));

/**
 * CodeMirror in the textarea's place: its bundle and stylesheet load while the textarea is still
 * the editor; then, in one task, the text, selection and scroll position move over, the textarea
 * is hidden and the previewer is mounted again on CodeMirror (the same draft, which the
 * textarea's previewer stored as it stopped). Marks the page `data-editor="codemirror"`.
 */
async function switchToCodeMirror(mount) {
  const { prepareHost, replaceTextarea } = await import('./editor/build/codemirror.js');
  const host = document.createElement('div');
  host.className = 'editor-host';
  textarea.after(host);
  const root = await prepareHost(host, new URL('editor/editor.css', import.meta.url).href);
  editorHost = host;
  // One task from here: nothing typed in the textarea can fall between.
  const adapter = replaceTextarea(textarea, root, { label: 'Markdown source' });
  const scrolled = preview.scrollTop;
  previewer?.destroy();
  editor = adapter;
  previewer = mount({ editor, preview, options: options({ restore: false }) });
  preview.scrollTop = scrolled;
  document.documentElement.dataset.editor = 'codemirror';
}

// The sample post loads while the module compiles; a stored draft replaces it when mount starts.
const sample = textarea.value === '' ? fetch('sample-post.md').then((r) => (r.ok ? r.text() : ''), () => '') : null;

try {
  const { default: init, mount } = await postview;
  await init({ module_or_path: wasm });
  if (sample) textarea.value = await sample;
  status.textContent = 'Live preview';
  previewer = mount(textarea, preview, options({ restore: true }));
} catch (error) {
  showProblem(`The previewer could not start: ${error.message}`);
  throw error;
}

// After the first paint. Should CodeMirror not load, the textarea stays the editor.
await painted();
try {
  await switchToCodeMirror((await postview).mount);
} catch (error) {
  console.error('CodeMirror could not take the textarea\'s place; the textarea stays the editor:', error);
}
