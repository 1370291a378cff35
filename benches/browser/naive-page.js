// The naive previewer's script: pulldown-cmark in WebAssembly (postview's render(), the same
// parser) and a full innerHTML of the result on every input event, nothing kept between edits.
import init, { render } from '/www/pkg/postview.js';

await init();
const editor = document.getElementById('source');
const preview = document.getElementById('preview');
const body = document.createElement('div');
body.className = 'postview-body';
preview.append(body);
const show = () => {
  body.innerHTML = render(editor.value).html;
};
editor.addEventListener('input', show);
// The page's sample post first, as on www/index.html (the harness waits for a preview).
editor.value = await (await fetch('/www/sample-post.md')).text();
show();
