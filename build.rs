//! Build script: gives the browser layer DOMPurify (from npm) as a `.js` file.
//!
//! wasm-bindgen ships an imported module under the name it was given, and npm's DOMPurify is an
//! `.mjs` file: servers that do not know that extension (wasm-bindgen's own test server among
//! them) send it as `application/octet-stream`, which a browser refuses to run as a module. A
//! `.js` copy is served as JavaScript by every static file server.

use std::{env, fs, path::Path};

const FROM: &str = "node_modules/dompurify/dist/purify.es.mjs";
const TO: &str = "vendor/dompurify.js";

fn main() {
    println!("cargo:rerun-if-changed={FROM}");
    println!("cargo:rerun-if-changed={TO}");
    // Only the browser build imports it; native builds and tests need no npm packages.
    if env::var("CARGO_CFG_TARGET_ARCH").as_deref() != Ok("wasm32") {
        return;
    }
    let module = fs::read(FROM)
        .unwrap_or_else(|error| panic!("{FROM} is missing ({error}): run `npm ci` first (`make setup` does)"));
    if fs::read(TO).ok().as_deref() != Some(&module[..]) {
        fs::create_dir_all(Path::new(TO).parent().unwrap()).unwrap();
        fs::write(TO, module).unwrap();
    }
}
