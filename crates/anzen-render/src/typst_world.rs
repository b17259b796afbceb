//! PDF through typst used as a library: a minimal [`World`] with the Japanese fonts compiled
//! in, the template as the main source, the house style
//! `house.typ` it may import, and the document's data as the virtual file
//! `data.json` (the template reads it with `json("data.json")`). No file system, no network,
//! no system fonts: the same input gives the same PDF on every machine.

use std::sync::LazyLock;

use typst::diag::{FileError, FileResult, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::layout::{Frame, FrameItem, Point};
use typst::model::Document;
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

/// The page numbers laid over a finished document's pages (see `page-numbers` in house.typ).
const PAGE_NUMBERS: &str = include_str!("../templates/page-numbers.typ");

/// Lays `template` out with `data` (JSON) as `data.json`.
fn compile(template: &str, data: String) -> Result<PagedDocument, RenderError> {
    let world = DocumentWorld {
        main: Source::new(project_file("main.typ")?, template.to_string()),
        house: Source::new(project_file("house.typ")?, HOUSE.to_string()),
        data_id: project_file("data.json")?,
        data: Bytes::from_string(data),
    };
    typst::compile::<PagedDocument>(&world)
        .output
        .map_err(|errors| RenderError::Template(diagnostics(&errors)))
}

/// Prints "n / m" in the footer of every page of `doc`.
///
/// The page count m is known only once the document is laid out: a footer that asked typst
/// for it (`counter(page).final()`) makes typst lay the whole document out a second time
/// (about a sixth of a long document's render time). Instead the document is laid out once
/// without them, and the page numbers are laid out here as a document of their own, a page
/// of the same size and margins per page (house.typ), each laid over its page.
fn add_page_numbers(doc: PagedDocument) -> Result<PagedDocument, RenderError> {
    let sizes: Vec<[f64; 2]> = doc
        .pages()
        .iter()
        .map(|p| [p.frame.width().to_pt(), p.frame.height().to_pt()])
        .collect();
    let numbers = compile(
        PAGE_NUMBERS,
        serde_json::json!({ "sizes": sizes }).to_string(),
    )?;
    if numbers.pages().len() != doc.pages().len() {
        return Err(RenderError::Template(format!(
            "{} page numbers for {} pages",
            numbers.pages().len(),
            doc.pages().len()
        )));
    }
    let pages = doc
        .pages()
        .iter()
        .zip(numbers.pages())
        .map(|(page, number)| {
            let mut page = page.clone();
            page.frame
                .push_frame(Point::zero(), without_tags(&number.frame));
            page
        })
        .collect();
    Ok(PagedDocument::new(pages, doc.info().clone()))
}

/// The frame's content without its introspection tags, which belong to the document it was
/// laid out in.
fn without_tags(frame: &Frame) -> Frame {
    let mut out = Frame::soft(frame.size());
    for (pos, item) in frame.items() {
        match item {
            FrameItem::Tag(_) => {}
            FrameItem::Group(group) => {
                let mut group = group.clone();
                group.frame = without_tags(&group.frame);
                out.push(*pos, FrameItem::Group(group));
            }
            other => out.push(*pos, other.clone()),
        }
    }
    out
}

/// Compiles `template` with `data` as `data.json`, adds the page numbers and exports the PDF.
pub fn render_pdf(template: &str, data: &serde_json::Value) -> Result<Vec<u8>, RenderError> {
    let json = serde_json::to_string(data).map_err(|e| RenderError::Data(e.to_string()))?;
    let laid_out = compile(template, json).and_then(add_page_numbers);
    // typst memoises layout work across compilations. Every issue differs from the last (its
    // number is in the header of every page), so nothing is reused: drop it all, or the
    // server's memory would grow by tens of MB with every document.
    typst::comemo::evict(0);
    let doc = laid_out?;
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
