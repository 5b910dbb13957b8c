//! `ui/src/lib/bindings.ts` is generated from the Rust commands and committed; this fails when
//! it drifts. `npm run bindings` (UPDATE_BINDINGS=1) rewrites it.

use std::path::Path;

#[test]
fn bindings_match_the_rust_commands() {
    let committed = Path::new(env!("CARGO_MANIFEST_DIR")).join("ui/src/lib/bindings.ts");
    let dir = tempfile::tempdir().unwrap();
    let fresh = dir.path().join("bindings.ts");
    stillpoint::export_bindings(&fresh).unwrap();
    let fresh = std::fs::read_to_string(fresh).unwrap();
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        std::fs::write(&committed, &fresh).unwrap();
    }
    let current = std::fs::read_to_string(&committed).unwrap_or_default();
    assert!(
        current == fresh,
        "ui/src/lib/bindings.ts is out of date with the Rust commands: run `npm run bindings` and commit it"
    );
}
