// What the CodeMirror example needs from npm, bundled by ../build.mjs into build/codemirror.js
// (the browser cannot resolve npm's bare module names itself).
export { EditorView, basicSetup } from 'codemirror';
export { Compartment, StateEffect } from '@codemirror/state';
export { markdown } from '@codemirror/lang-markdown';
export { codeMirrorAdapter } from './postview-codemirror.js';
