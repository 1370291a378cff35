//! The preview body, patched block by block: only blocks whose HTML changed are parsed and
//! inserted, everything else (images included) stays the very same DOM nodes.
//!
//! The body holds chunks (`<div class="postview-chunk">`) of about [`CHUNK_SIZE`] blocks, which
//! the stylesheet gives `content-visibility: auto` so the browser skips laying out chunks out of
//! view. A block is not wrapped: its top-level nodes sit in its chunk as the full render would
//! put them, each element marked with `data-line` (its first source line) for scroll sync. A
//! block's nodes run from its first node up to the next block's first node or the chunk's end,
//! so nodes added beside them later (an image's placeholder) go when the block goes.

use std::ops::Range;

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, Element, Node};

use super::caret::CARET_BLOCK;
use super::enhance::{Enhancements, Scope};
use super::image_fallback;
use crate::Block;

/// Blocks per chunk: big enough that a 1 MB post has a few hundred chunks, small enough that
/// laying out the chunks in view stays cheap.
pub const CHUNK_SIZE: usize = 64;

/// At most this much new block HTML (bytes) is parsed and put in per call of
/// [`PatchedBody::show`]: about 16 ms of `innerHTML` and layout here. The rest waits for the
/// next call, so that a pasted 10 MB post is shown over a few seconds of frames instead of
/// freezing the page for them.
pub const HTML_PER_FRAME: usize = 64 * 1024;

/// The attribute giving an element's first source line (1-based, editor lines).
pub const LINE_ATTRIBUTE: &str = "data-line";

/// A preview body and the blocks it shows.
pub struct PatchedBody {
    body: Element,
    /// A `<div>` in a document with no window, where new blocks' HTML is parsed: its images do
    /// not load until their block is in the page, and the parse is the one `innerHTML` does.
    parser: Element,
    blocks: Vec<ShownBlock>,
    chunks: Vec<Chunk>,
    /// The elements of the block the caret is in, which carry [`CARET_BLOCK`].
    highlighted: Vec<Element>,
}

/// A block as shown: what it was made from, and its first node in the body.
struct ShownBlock {
    key: u32,
    html: String,
    start_line: usize,
    first: Node,
}

/// A chunk element and how many consecutive blocks it holds.
struct Chunk {
    element: Element,
    len: usize,
}

impl PatchedBody {
    /// Takes over `body` (emptying it).
    pub fn new(body: Element) -> Result<PatchedBody, JsValue> {
        body.set_text_content(None);
        let inert = body.owner_document().ok_or("no document")?.implementation()?.create_html_document()?;
        let parser = inert.create_element("div")?;
        Ok(PatchedBody { body, parser, blocks: vec![], chunks: vec![], highlighted: vec![] })
    }

    /// Makes the body show `blocks`, or the first part of them: true when it shows them all,
    /// false when more than [`HTML_PER_FRAME`] of new HTML is left for the next call (with the
    /// same blocks, or newer ones). With as many blocks as before, each changed block is
    /// replaced; otherwise the blocks already shown before and after the edit (the common
    /// prefix and suffix) stay, and the ones between are replaced.
    pub fn show(&mut self, blocks: &[Block]) -> Result<bool, JsValue> {
        if self.blocks.len() == blocks.len() {
            self.replace_each(blocks)?;
            return Ok(true);
        }
        let prefix = self.blocks.iter().zip(blocks).take_while(|(old, new)| old.shows(new)).count();
        let most = self.blocks.len().min(blocks.len()) - prefix;
        let suffix =
            self.blocks.iter().rev().zip(blocks.iter().rev()).take(most).take_while(|(o, n)| o.shows(n)).count();
        self.remove(prefix..self.blocks.len() - suffix)?;
        let middle = &blocks[prefix..blocks.len() - suffix];
        let now = fitting_in_a_frame(middle);
        self.insert(prefix, &middle[..now])?;
        // Kept blocks move when lines are added or removed above them, the front matter's too.
        self.renumber(0, &blocks[..prefix])?;
        self.renumber(self.blocks.len() - suffix, &blocks[blocks.len() - suffix..])?;
        self.rebalance()?;
        Ok(now == middle.len())
    }

    /// Highlights the block written on editor `line` (the last block starting at or before
    /// it), and no other. Elements already highlighted are left alone: a class taken off and
    /// put back is a style recalculation and a repaint of the block on every keystroke.
    pub fn highlight_line(&mut self, line: usize) {
        let index = self.blocks.partition_point(|block| block.start_line <= line);
        let wanted: Vec<Element> = match index.checked_sub(1) {
            Some(index) => self
                .nodes_of(index)
                .into_iter()
                .filter_map(|node| node.dyn_into::<Element>().ok())
                .filter(|element| !element.class_list().contains("image-placeholder"))
                .collect(),
            None => vec![],
        };
        if wanted == self.highlighted {
            return;
        }
        for element in self.highlighted.drain(..) {
            if !wanted.contains(&element) {
                let _ = element.class_list().remove_1(CARET_BLOCK);
            }
        }
        for element in wanted {
            if element.class_list().add_1(CARET_BLOCK).is_ok() {
                self.highlighted.push(element);
            }
        }
    }

    /// As many blocks as before: each block whose HTML changed is replaced on its own. An edit
    /// can change blocks far apart (renaming a heading renames the ids of later headings with
    /// the same text; a new footnote reference renumbers later ones), and the blocks between
    /// them stay.
    fn replace_each(&mut self, blocks: &[Block]) -> Result<(), JsValue> {
        for (index, block) in blocks.iter().enumerate() {
            if !self.blocks[index].shows(block) {
                self.remove(index..index + 1)?;
                self.insert(index, std::slice::from_ref(block))?;
            }
        }
        self.renumber(0, blocks)?;
        self.rebalance()
    }

    /// Removes the shown blocks in `range`, nodes and all.
    fn remove(&mut self, range: Range<usize>) -> Result<(), JsValue> {
        if range.is_empty() {
            return Ok(());
        }
        let (mut chunk, mut chunk_end) = self.locate(range.start);
        for index in range.clone() {
            while index >= chunk_end {
                chunk += 1;
                chunk_end += self.chunks[chunk].len;
            }
            for node in self.nodes_of(index) {
                node.parent_node().ok_or("a block node is out of the body")?.remove_child(&node)?;
            }
            self.chunks[chunk].len -= 1;
        }
        self.blocks.drain(range);
        Ok(())
    }

    /// Parses `new` and puts it before the shown block at `at` (or at the end).
    fn insert(&mut self, at: usize, new: &[Block]) -> Result<(), JsValue> {
        if new.is_empty() {
            return Ok(());
        }
        let document = self.document()?;
        let fragment = document.create_document_fragment();
        let mut shown = Vec::with_capacity(new.len());
        let mut enhancements = Enhancements::default();
        for block in new {
            let first = self.parse_into(&fragment, block, &document, &mut enhancements)?;
            shown.push(ShownBlock { key: block.key, html: block.html.clone(), start_line: block.start_line, first });
        }
        if at < self.blocks.len() {
            let (chunk, _) = self.locate(at);
            let anchor = &self.blocks[at].first;
            self.chunks[chunk].element.insert_before(&fragment, Some(anchor))?;
            self.chunks[chunk].len += new.len();
        } else {
            if self.chunks.is_empty() {
                let element = self.new_chunk(None)?;
                self.chunks.push(Chunk { element, len: 0 });
            }
            let last = self.chunks.last_mut().expect("a chunk was just made");
            last.element.append_child(&fragment)?;
            last.len += new.len();
        }
        self.blocks.splice(at..at, shown);
        enhancements.start();
        Ok(())
    }

    /// Parses one block's HTML, marks its elements with its line and its refused images, adds
    /// what it needs enhanced to `enhancements`, moves its nodes to the end of `fragment`, and
    /// returns its first node. A block whose HTML is empty (raw HTML the sanitizer removed
    /// entirely) gets an empty text node to stand for it.
    fn parse_into(
        &self,
        fragment: &Node,
        block: &Block,
        document: &Document,
        enhancements: &mut Enhancements,
    ) -> Result<Node, JsValue> {
        self.parser.set_inner_html(&block.html);
        image_fallback::mark_missing_sources(&self.parser);
        enhancements.collect(&self.parser, document, Scope::Fresh)?;
        let Some(first) = self.parser.first_child() else {
            let empty: Node = document.create_text_node("").into();
            fragment.append_child(&empty)?;
            return Ok(empty);
        };
        while let Some(node) = self.parser.first_child() {
            mark_line(&node, block.start_line)?;
            fragment.append_child(&node)?;
        }
        Ok(first)
    }

    /// Updates `data-line` on the kept blocks from `from` on whose first line moved.
    fn renumber(&mut self, from: usize, new: &[Block]) -> Result<(), JsValue> {
        for (offset, block) in new.iter().enumerate() {
            if self.blocks[from + offset].start_line != block.start_line {
                self.blocks[from + offset].start_line = block.start_line;
                for node in self.nodes_of(from + offset) {
                    mark_line(&node, block.start_line)?;
                }
            }
        }
        Ok(())
    }

    /// Drops empty chunks and splits chunks grown past twice [`CHUNK_SIZE`].
    fn rebalance(&mut self) -> Result<(), JsValue> {
        for chunk in self.chunks.iter().filter(|chunk| chunk.len == 0) {
            chunk.element.remove();
        }
        self.chunks.retain(|chunk| chunk.len > 0);
        let mut index = 0;
        let mut first_block = 0;
        while index < self.chunks.len() {
            if self.chunks[index].len > 2 * CHUNK_SIZE {
                self.split(index, first_block)?;
            }
            first_block += self.chunks[index].len;
            index += 1;
        }
        Ok(())
    }

    /// Cuts chunk `index` (whose first block is `first_block`) into chunks of [`CHUNK_SIZE`]
    /// blocks: it keeps the first, and each later piece moves once into a new chunk after it.
    /// (Moving "all but the first" again and again would move a pasted 1 MB post's 8,000 blocks
    /// over a hundred times each: 35 s of DOM work.)
    fn split(&mut self, index: usize, first_block: usize) -> Result<(), JsValue> {
        let len = self.chunks[index].len;
        let after = self.chunks[index].element.next_sibling();
        let document = self.document()?;
        let mut pieces = Vec::new();
        for start in (first_block + CHUNK_SIZE..first_block + len).step_by(CHUNK_SIZE) {
            let end = (start + CHUNK_SIZE).min(first_block + len);
            let fragment = document.create_document_fragment();
            for block in start..end {
                for node in self.nodes_of(block) {
                    fragment.append_child(&node)?;
                }
            }
            let element = self.new_chunk(after.as_ref())?;
            element.append_child(&fragment)?;
            pieces.push(Chunk { element, len: end - start });
        }
        self.chunks[index].len = CHUNK_SIZE;
        self.chunks.splice(index + 1..index + 1, pieces);
        Ok(())
    }

    /// A new, empty chunk element in the body, before `before` (or last).
    fn new_chunk(&self, before: Option<&Node>) -> Result<Element, JsValue> {
        let element = self.document()?.create_element("div")?;
        element.set_class_name("postview-chunk");
        self.body.insert_before(&element, before)?;
        Ok(element)
    }

    /// The chunk holding block `index`, and the index just past that chunk's last block.
    fn locate(&self, index: usize) -> (usize, usize) {
        let mut end = 0;
        for (chunk, Chunk { len, .. }) in self.chunks.iter().enumerate() {
            end += len;
            if index < end {
                return (chunk, end);
            }
        }
        (self.chunks.len().saturating_sub(1), end)
    }

    /// Block `index`'s nodes: from its first node up to the next block's, or its chunk's end.
    fn nodes_of(&self, index: usize) -> Vec<Node> {
        let next = self.blocks.get(index + 1).map(|block| &block.first);
        let mut nodes = vec![self.blocks[index].first.clone()];
        while let Some(node) = nodes.last().and_then(Node::next_sibling) {
            if Some(&node) == next {
                break;
            }
            nodes.push(node);
        }
        nodes
    }

    fn document(&self) -> Result<Document, JsValue> {
        self.body.owner_document().ok_or_else(|| "the preview body is not in a document".into())
    }
}

/// How many of `blocks` to put in now: as many as fit in [`HTML_PER_FRAME`], at least one.
fn fitting_in_a_frame(blocks: &[Block]) -> usize {
    let mut bytes = 0;
    blocks
        .iter()
        .take_while(|block| {
            let fits = bytes == 0 || bytes + block.html.len() <= HTML_PER_FRAME;
            bytes += block.html.len();
            fits
        })
        .count()
}

impl ShownBlock {
    fn shows(&self, block: &Block) -> bool {
        // Every block shown is compared on every render: a word at a time (see `bytes`).
        let (shown, new) = (self.html.as_bytes(), block.html.as_bytes());
        self.key == block.key && shown.len() == new.len() && crate::bytes::common_prefix(shown, new) == shown.len()
    }
}

/// Puts `line` on `node` if it is an element (text between blocks cannot carry it).
fn mark_line(node: &Node, line: usize) -> Result<(), JsValue> {
    match node.dyn_ref::<Element>() {
        Some(element) => element.set_attribute(LINE_ATTRIBUTE, &line.to_string()),
        None => Ok(()),
    }
}
