// The <post-preview> demo: importing the element defines it; the rest is the theme switch and
// a source set as a property.
import '../../pkg/post-preview.js';

const theme = document.getElementById('theme');
theme.addEventListener('change', () => {
  for (const element of document.querySelectorAll('post-preview')) element.theme = theme.value;
});

document.getElementById('by-property').source = '# 属性之外\n\n这一篇是用 `element.source = …` 设置的。';

// postview recovers by itself after a crash (the element mounts again); a page may still want to know.
document.addEventListener('postview:crash', (event) => console.warn('postview restarted:', event.detail));
