// Lazy part: code highlighting with highlight.js (its core and the languages posts use most).
// Output is highlight.js's: the code's text, escaped, in <span class="hljs-…"> elements.
import hljs from 'highlight.js/lib/core';
import bash from 'highlight.js/lib/languages/bash';
import c from 'highlight.js/lib/languages/c';
import cpp from 'highlight.js/lib/languages/cpp';
import csharp from 'highlight.js/lib/languages/csharp';
import css from 'highlight.js/lib/languages/css';
import diff from 'highlight.js/lib/languages/diff';
import go from 'highlight.js/lib/languages/go';
import java from 'highlight.js/lib/languages/java';
import javascript from 'highlight.js/lib/languages/javascript';
import json from 'highlight.js/lib/languages/json';
import kotlin from 'highlight.js/lib/languages/kotlin';
import markdown from 'highlight.js/lib/languages/markdown';
import php from 'highlight.js/lib/languages/php';
import python from 'highlight.js/lib/languages/python';
import ruby from 'highlight.js/lib/languages/ruby';
import rust from 'highlight.js/lib/languages/rust';
import shell from 'highlight.js/lib/languages/shell';
import sql from 'highlight.js/lib/languages/sql';
import swift from 'highlight.js/lib/languages/swift';
import typescript from 'highlight.js/lib/languages/typescript';
import xml from 'highlight.js/lib/languages/xml';
import yaml from 'highlight.js/lib/languages/yaml';
import { inSlices } from './slices.js';

const LANGUAGES = {
  bash, c, cpp, csharp, css, diff, go, java, javascript, json, kotlin, markdown, php, python, ruby,
  rust, shell, sql, swift, typescript, xml, yaml,
};
for (const [name, language] of Object.entries(LANGUAGES)) hljs.registerLanguage(name, language);

/** Longer code stays plain: highlighting is main-thread work. */
const MAX_CODE = 64 * 1024;

/** Highlights each `<code class="language-…">` in a language it knows; the others stay plain. */
export function enhance(codes) {
  return inSlices(codes, (code) => {
    const language = [...code.classList].find((name) => name.startsWith('language-'))?.slice('language-'.length);
    const text = code.textContent;
    if (!language || !hljs.getLanguage(language) || text.length > MAX_CODE) return;
    const { value } = hljs.highlight(text, { language, ignoreIllegals: true });
    code.innerHTML = value;
    code.classList.add('hljs');
  });
}
