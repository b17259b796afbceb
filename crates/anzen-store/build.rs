//! Embeds the migrations: writes `$OUT_DIR/migrations.rs`, one list per backend of
//! `(version, description, SQL)` with the SQL `include_str!`-ed, read by `src/embedded.rs`.
//!
//! It does what `sqlx::migrate!` did (file `<version>_<description>.sql`, the description with
//! `_` read as a space) without sqlx's proc-macro, whose build compiled a second copy of sqlx,
//! its drivers and the SQLite C sources for the host: the longest path of a cold release build.

use std::fmt::Write as _;
use std::path::Path;
use std::{env, fs};

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations");
    let mut out = String::from("// Written by build.rs from migrations/{sqlite,postgres}.\n");
    for (name, dir) in [("SQLITE", "sqlite"), ("POSTGRES", "postgres")] {
        let dir = root.join(dir);
        println!("cargo:rerun-if-changed={}", dir.display());
        let mut files: Vec<(i64, String, String)> = fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("reading {}: {e}", dir.display()))
            .map(|entry| entry.expect("a migration directory entry").path())
            .filter(|path| path.is_file())
            .filter_map(|path| migration(&path))
            .collect();
        files.sort_by_key(|(version, _, _)| *version);
        if let Some(pair) = files.windows(2).find(|w| w[0].0 == w[1].0) {
            panic!(
                "two migrations have version {} in {}",
                pair[0].0,
                dir.display()
            );
        }
        writeln!(out, "pub(crate) const {name}: &[(i64, &str, &str)] = &[").unwrap();
        for (version, description, path) in files {
            writeln!(
                out,
                "    ({version}, {description:?}, include_str!({path:?})),"
            )
            .unwrap();
        }
        out.push_str("];\n");
    }
    let target = Path::new(&env::var("OUT_DIR").expect("OUT_DIR")).join("migrations.rs");
    fs::write(&target, out).unwrap_or_else(|e| panic!("writing {}: {e}", target.display()));
}

/// `0005_risk.sql` → `(5, "risk", path)`; other files are not migrations (as for sqlx).
fn migration(path: &Path) -> Option<(i64, String, String)> {
    let name = path.file_name()?.to_str()?;
    let (version, rest) = name.split_once('_')?;
    let description = rest.strip_suffix(".sql")?;
    if description.ends_with(".up") || description.ends_with(".down") {
        panic!("{name}: reversible migrations are not used; write one forward migration");
    }
    let version = version
        .parse()
        .unwrap_or_else(|_| panic!("{name}: a migration's name starts with its version number"));
    Some((
        version,
        description.replace('_', " "),
        path.display().to_string(),
    ))
}
