// An editor adapter (`EditorAdapter` in postview.d.ts) over a CodeMirror 6 EditorView. It only
// reports (the text, the line at the top, the caret's line, that something changed) and obeys
// (scroll to a line, put the caret somewhere); postview decides what to render and where to
// scroll. Copy it next to your own CodeMirror setup: it needs only `@codemirror/state` and the view.
// ../build.mjs bundles it with CodeMirror, into this example's build/codemirror.js and into the
// page's editor (www/editor/build/), so that each has one copy of `@codemirror/state`.
import { Compartment, StateEffect } from '@codemirror/state';

/**
 * The edit a CodeMirror update made, as one change postview applies to the text it keeps (so it
 * need not copy the whole text out again): the span from the first changed place to the last,
 * in the text before the update (UTF-16 offsets, as CodeMirror's are), and what it holds after.
 */
function changeOf(update) {
  let [from, to, fromAfter, toAfter] = [Infinity, -Infinity, Infinity, -Infinity];
  update.changes.iterChangedRanges((fromA, toA, fromB, toB) => {
    [from, to] = [Math.min(from, fromA), Math.max(to, toA)];
    [fromAfter, toAfter] = [Math.min(fromAfter, fromB), Math.max(toAfter, toB)];
  });
  return { from, to, insert: update.state.sliceDoc(fromAfter, toAfter) };
}

/** The adapter `mount({ editor, preview })` takes for `view`. */
export function codeMirrorAdapter(view) {
  const doc = () => view.state.doc;
  /** The document height (CodeMirror's own measure) at the top of the scroller's visible area. */
  const heightAtTop = () => view.scrollDOM.getBoundingClientRect().top - view.documentTop;
  return {
    text: () => doc().toString(),
    // notify('change') comes from CodeMirror's update listener, once its state holds the edit.
    textReadyOnChange: true,

    topLine() {
      const height = Math.max(0, heightAtTop());
      const block = view.lineBlockAtHeight(height);
      const past = block.height > 0 ? (height - block.top) / block.height : 0;
      return doc().lineAt(block.from).number + Math.min(1, Math.max(0, past));
    },

    scrollToLine(line) {
      const number = Math.min(Math.max(1, Math.floor(line)), doc().lines);
      const block = view.lineBlockAt(doc().line(number).from);
      const past = Math.max(0, line - number) * block.height;
      view.scrollDOM.scrollTop += block.top + past - heightAtTop();
      // The heights of lines CodeMirror has not drawn are estimates, so that can land a few
      // lines off: CodeMirror scrolls there again once it has measured them (in the same frame).
      view.dispatch({ effects: view.constructor.scrollIntoView(block.from, { y: 'start', yMargin: -past }) });
    },

    caretLine: () => doc().lineAt(view.state.selection.main.head).number,

    setText(text) {
      view.dispatch({ changes: { from: 0, to: doc().length, insert: text } });
    },

    setCaret(line, column) {
      const at = doc().line(Math.min(Math.max(1, line), doc().lines));
      // Columns count characters; CodeMirror positions count UTF-16 code units.
      const offset = [...at.text].slice(0, Math.max(0, column - 1)).join('').length;
      view.dispatch({ selection: { anchor: at.from + offset }, scrollIntoView: true });
      view.focus();
    },

    listen(notify) {
      const reports = new Compartment();
      const listener = view.constructor.updateListener.of((update) => {
        if (update.docChanged) notify('change', changeOf(update));
        else if (update.selectionSet) notify('caret');
      });
      view.dispatch({ effects: StateEffect.appendConfig.of(reports.of(listener)) });
      const onScroll = () => notify('scroll');
      view.scrollDOM.addEventListener('scroll', onScroll, { passive: true });
      return () => {
        view.scrollDOM.removeEventListener('scroll', onScroll);
        view.dispatch({ effects: reports.reconfigure([]) });
      };
    },
  };
}
