// The page: load the WebAssembly module, put the sample post in the editor, mount the previewer;
// when the text is long, or a paste is about to make it long, CodeMirror takes the textarea's
// place (editor/). Everything else (rendering, scheduling, diagnostics, image fallbacks, the
// draft in this browser, opening and saving files) is postview's own `mount`.
//
// Nothing is imported statically, so this module runs as soon as it is in and starts at once
// the three things the first preview waits for, side by side (index.html has them preloaded):
// the WebAssembly, compiled while it streams in; postview.js (the build bundles the snippets it
// imports into it: otherwise they are found only once it is parsed, a second round trip); the
// sample post. A static import would hold this module until postview.js was in, and only then
// would init() start compiling the WebAssembly.
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
const label = document.querySelector('label[for="source"]');

function showProblem(text) {
  status.textContent = text;
  status.classList.add('app-status-error');
}

/**
 * Texts longer than this (UTF-16 code units) are edited in CodeMirror, shorter ones in the
 * textarea. A textarea's own handling of a keystroke is about 1 ms and CodeMirror's 3–6 ms, but
 * Chromium lays out and paints a textarea's whole text on every edit and on a paste, which grows
 * with the text; CodeMirror draws only the lines in view. Measured keystroke → painted (README,
 * "How it stays fast"): the two cross between the 100 KB benchmark post (55 775 UTF-16 units)
 * and the 150 KB one (83 655).
 */
const LONG_TEXT = 80_000;

/**
 * Files of more lines than this open in CodeMirror even when short. postview opens a file into a
 * textarea as an undoable edit (so that undo brings the text before it back), and the browser's
 * undoable insert grows faster than the lines put in: Open… of the benchmark posts took 1.0 s
 * for 328 lines, 2.3 s for 808 and 6.7 s for 1 608 here (page frozen). CodeMirror's is quick,
 * and undoable too.
 */
const OPEN_LINES = 200;

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
  draft: { restore },
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

/** Runs `task` once the page is idle (or after a second at most). */
const whenIdle = (task) => requestIdleCallback(task, { timeout: 1000 });

/** CodeMirror's bundle and its place, hidden, beside the textarea: loaded once, when first needed. */
let codeMirror;
function loadCodeMirror() {
  codeMirror ??= (async () => {
    const module = await import('./editor/build/codemirror.js');
    const host = document.createElement('div');
    host.className = 'editor-host';
    host.hidden = true;
    textarea.after(host);
    const root = await module.prepareHost(host, new URL('editor/editor.css', import.meta.url).href);
    return { module, host, root };
  })();
  // A failed load is tried again the next time (the textarea stays the editor meanwhile).
  codeMirror.catch(() => { codeMirror = null; });
  return codeMirror;
}

/**
 * Pastes waiting for CodeMirror, in the order made: { from, to, text }, each in the text as it
 * will be once the ones before it are in.
 */
let pastes = [];

/**
 * Puts `pastes` into the textarea, with one input event. Not undoable: the browser's undoable
 * edit of a textarea (execCommand) grows faster than the lines put in: 2.6 s for 1 000 short
 * lines here, 21 s for 3 000.
 */
function pasteIntoTextarea(pastes) {
  if (pastes.length === 0) return;
  for (const { from, to, text } of pastes) textarea.setRangeText(text, from, to, 'end');
  textarea.focus();
  textarea.dispatchEvent(new Event('input', { bubbles: true }));
}

/** The switch under way, if any. */
let switching;

/**
 * CodeMirror in the textarea's place: its bundle and stylesheet load while the textarea is still
 * the editor; then, in one task, the text, selection and scroll position move over (the pending
 * pastes put in as one paste of CodeMirror's own, which its undo takes back) and the textarea is
 * hidden; in the next, the previewer is mounted again on CodeMirror (the same draft, which the
 * textarea's previewer stored as it stopped). Marks the page `data-editor="codemirror"`. Should CodeMirror
 * not load, the textarea stays the editor and the pending pastes go into it.
 */
function switchToCodeMirror() {
  switching ??= (async () => {
    try {
      const [{ module, host, root }, { mount }] = await Promise.all([loadCodeMirror(), postview]);
      if (editor !== textarea) return;
      // One task from here to the wait: nothing typed in the textarea can fall between.
      const pasted = pastes.length > 0;
      textarea.readOnly = false;
      const adapter = module.replaceTextarea(textarea, root, { label, pastes });
      pastes = [];
      editorHost = host;
      editor = adapter;
      // The previewer moves to CodeMirror in a task of its own: with a huge paste, CodeMirror
      // taking the text and postview reading it and showing its first part were one task of
      // 160–220 ms at 4 MB. Typing in CodeMirror meanwhile is read by the new previewer; the
      // old one, on the now hidden textarea, keeps the draft until then.
      await new Promise((resolve) => setTimeout(resolve));
      // The preview stays where it is, unless a paste moved the caret (the preview then follows
      // CodeMirror's scroll to it): kept only then, as each read or write of it lays out the page.
      const scrolled = pasted ? null : preview.scrollTop;
      previewer?.destroy();
      previewer = mount({ editor, preview, options: options({ restore: false }) });
      if (scrolled !== null) preview.scrollTop = scrolled;
      document.documentElement.dataset.editor = 'codemirror';
    } catch (error) {
      console.error('CodeMirror could not take the textarea\'s place:', error);
      if (editor === textarea) {
        textarea.readOnly = false;
        textarea.hidden = false;
        pasteIntoTextarea(pastes);
        pastes = [];
      }
    } finally {
      switching = null;
    }
  })();
  return switching;
}

/** Where `position` (in the textarea's text) will be once `paste` is in. */
const afterPaste = (position, { from, to, text }) =>
  (position <= from ? position : Math.max(position - to, 0) + from + text.length);

/**
 * Whether `text` in place of the textarea's `from`–`to` is for CodeMirror: it would make the
 * text long, `always` says so, or pastes already wait for CodeMirror (this one follows them).
 * Then it waits too (with `from` and `to` as they will be once the ones before it are in), the
 * textarea takes no typing until CodeMirror is in, and the switch starts.
 */
function forCodeMirror(from, to, text, always = false) {
  if (editor !== textarea) return false;
  const long = textarea.textLength - (to - from) + text.length > LONG_TEXT;
  if (pastes.length === 0 && !long && !always) return false;
  for (const earlier of pastes) [from, to] = [afterPaste(from, earlier), afterPaste(to, earlier)];
  pastes.push({ from, to, text });
  textarea.readOnly = true;
  switchToCodeMirror();
  return true;
}

/** Line breaks as the textarea and CodeMirror keep them, so that both count the same length. */
const normalized = (text) => text.replace(/\r\n?/g, '\n');

// A paste that would make the text long goes straight to CodeMirror: the textarea never lays it
// out. Should CodeMirror not load, it goes into the textarea.
textarea.addEventListener('paste', (event) => {
  const text = normalized(event.clipboardData?.getData('text/plain') ?? '');
  if (forCodeMirror(textarea.selectionStart, textarea.selectionEnd, text)) event.preventDefault();
});

/** Whether `text` has more than `limit` lines (without splitting it). */
function hasMoreLines(text, limit) {
  let at = -1;
  for (let breaks = 0; breaks < limit; breaks += 1) {
    at = text.indexOf('\n', at + 1);
    if (at === -1) return false;
  }
  return true;
}

// So does a long file opened (Open…, or dropped onto the textarea), or one of many lines: postview
// asks first.
textarea.addEventListener('postview:open', (event) => {
  const text = normalized(event.detail.text);
  if (forCodeMirror(0, textarea.textLength, text, hasMoreLines(text, OPEN_LINES))) event.preventDefault();
});

// Text that became long otherwise (typed, dropped as text): CodeMirror takes over at the next
// idle moment.
textarea.addEventListener('input', () => {
  if (editor === textarea && !switching && textarea.textLength > LONG_TEXT) whenIdle(switchToCodeMirror);
});

// The sample post loads while the module compiles; a stored draft replaces it when mount starts.
const sample = textarea.value === '' ? fetch('sample-post.md').then((r) => (r.ok ? r.text() : ''), () => '') : null;

try {
  const { default: init, mount } = await postview;
  await init({ module_or_path: wasm });
  if (sample) textarea.value = await sample;
  status.textContent = 'Live preview';
  previewer = mount(textarea, preview, options({ restore: true }));
  // A long draft (or a long text the page was loaded with) is CodeMirror's: the textarea is
  // hidden before the first paint, so that it never lays that text out.
  if (textarea.textLength > LONG_TEXT) textarea.hidden = true;
} catch (error) {
  showProblem(`The previewer could not start: ${error.message}`);
  throw error;
}

// A long text: CodeMirror takes over after the first paint (which does not wait for it).
// Otherwise CodeMirror loads in idle time, so that a long paste finds it ready.
await painted();
if (textarea.hidden) {
  switchToCodeMirror();
} else {
  whenIdle(() => loadCodeMirror().catch(() => {}));
}
