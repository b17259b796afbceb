//! PDF through typst used as a library: a minimal [`World`] with the Japanese fonts compiled
//! in, the template as the main source, the house style
//! `house.typ` it may import, and the document's data as the virtual file
//! `data.json` (the template reads it with `json("data.json")`). No file system, no network,
//! no system fonts: the same input gives the same PDF on every machine.

use std::sync::LazyLock;

use typst::diag::{FileError, FileResult, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_layout::PagedDocument;

use crate::RenderError;

/// BIZ UDPMincho (明朝: running text and table body cells) and BIZ UDPGothic (ゴシック:
/// titles, headings, header and label cells, bold, page header and footer), Regular and
/// Bold; both Morisawa, SIL OFL 1.1 (see fonts/OFL.txt). The Mincho has no bold face.
static FONT_FILES: &[&[u8]] = &[
    include_bytes!("../fonts/BIZUDPMincho-Regular.ttf"),
    include_bytes!("../fonts/BIZUDPGothic-Regular.ttf"),
    include_bytes!("../fonts/BIZUDPGothic-Bold.ttf"),
];

/// What every render shares: the standard library and the parsed fonts (parsed once).
struct Shared {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
}

static SHARED: LazyLock<Shared> = LazyLock::new(|| {
    let fonts: Vec<Font> = FONT_FILES
        .iter()
        .flat_map(|b| Font::iter(Bytes::new(*b)))
        .collect();
    Shared {
        library: LazyHash::new(Library::default()),
        book: LazyHash::new(FontBook::from_fonts(&fonts)),
        fonts,
    }
});

/// Parses the fonts and builds typst's standard library now rather than in the first
/// render (a server calls this at start, off its async runtime, so the first document a user
/// asks for is not the slowest).
pub fn warm_up() {
    LazyLock::force(&SHARED);
}

/// The families a template may name (the fonts compiled in).
pub fn font_families() -> Vec<String> {
    SHARED
        .book
        .families()
        .map(|(name, _)| name.to_string())
        .collect()
}

/// The house style every template imports (`#import "house.typ": *`).
const HOUSE: &str = include_str!("../templates/house.typ");

fn project_file(name: &str) -> Result<FileId, RenderError> {
    Ok(RootedPath::new(
        VirtualRoot::Project,
        VirtualPath::new(name).map_err(|e| RenderError::Template(format!("{e:?}")))?,
    )
    .intern())
}

struct DocumentWorld {
    main: Source,
    house: Source,
    data_id: FileId,
    data: Bytes,
}

impl World for DocumentWorld {
    fn library(&self) -> &LazyHash<Library> {
        &SHARED.library
    }
    fn book(&self) -> &LazyHash<FontBook> {
        &SHARED.book
    }
    fn main(&self) -> FileId {
        self.main.id()
    }
    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else if id == self.house.id() {
            Ok(self.house.clone())
        } else {
            Err(FileError::AccessDenied)
        }
    }
    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.data_id {
            Ok(self.data.clone())
        } else {
            Err(FileError::AccessDenied)
        }
    }
    fn font(&self, index: usize) -> Option<Font> {
        SHARED.fonts.get(index).cloned()
    }
    /// Templates print the issue date from the data, never "today": a document rendered
    /// twice from the same data is the same document.
    fn today(&self, _: Option<Duration>) -> Option<Datetime> {
        None
    }
}

fn diagnostics(errors: &[SourceDiagnostic]) -> String {
    errors
        .iter()
        .map(|e| e.message.to_string())
        .collect::<Vec<_>>()
        .join("; ")
}

/// Compiles `template` with `data` as `data.json` and exports the PDF.
pub fn render_pdf(template: &str, data: &serde_json::Value) -> Result<Vec<u8>, RenderError> {
    let data_id = project_file("data.json")?;
    let json = serde_json::to_string(data).map_err(|e| RenderError::Data(e.to_string()))?;
    let world = DocumentWorld {
        main: Source::new(project_file("main.typ")?, template.to_string()),
        house: Source::new(project_file("house.typ")?, HOUSE.to_string()),
        data_id,
        data: Bytes::from_string(json),
    };
    let warned = typst::compile::<PagedDocument>(&world);
    // typst memoises layout work across compilations. Every issue differs from the last (its
    // number is in the header of every page), so nothing is reused: drop it all, or the
    // server's memory would grow by tens of MB with every document.
    typst::comemo::evict(0);
    let doc = warned
        .output
        .map_err(|errors| RenderError::Template(diagnostics(&errors)))?;
    let options = typst_pdf::PdfOptions {
        creator: typst::foundations::Smart::Custom(Some("anzen".into())),
        // Untagged: the structure tree for screen readers made the 300-risk list 3.3 MB
        // instead of 0.8 MB and cost about 70 ms of every render. Switch it back on here if
        // tagged PDF (PDF/UA) is wanted.
        tagged: false,
        ..Default::default()
    };
    typst_pdf::pdf(&doc, &options).map_err(|errors| RenderError::Template(diagnostics(&errors)))
}
