//! The live previewer in the browser (web-sys + gloo, wasm32 only): listens to an editor,
//! renders on the next animation frame and patches the preview.

pub mod crash;
mod diagnostics_list;
mod image_fallback;
mod previewer;
mod sanitizer;

pub use previewer::Previewer;
pub use sanitizer::{with_sanitizer, DomPurify};
