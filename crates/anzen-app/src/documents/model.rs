//! The model of each kind of document, behind one type so that issuing, numbering and
//! verifying are written once.

use anzen_render::{Cover, Document, Entry, Format, RenderError};

/// A document's data, ready to render.
#[derive(Debug, Clone, serde::Serialize)]
#[serde(untagged)]
pub enum Model {
    RiskTreatment(anzen_render::RiskTreatmentList),
    Disclosure(anzen_render::disclosure_pack::DisclosurePack),
    Responsibility(anzen_render::responsibility::ResponsibilityDivision),
    DeviceLedger(anzen_render::DeviceLedger),
    Diagram(anzen_render::diagram::ConfigurationDiagram),
    AuditExcerpt(anzen_render::audit_excerpt::AuditExcerpt),
    Applicability(anzen_render::StatementOfApplicability),
    OperationalRules(anzen_render::OperationalRules),
    MhlwChecklist(anzen_render::MhlwChecklist),
}

/// Runs `$body` with `$d` bound to the model of whichever kind `$m` holds.
macro_rules! each {
    ($m:expr, $d:ident => $body:expr) => {
        match $m {
            Model::RiskTreatment($d) => $body,
            Model::Disclosure($d) => $body,
            Model::Responsibility($d) => $body,
            Model::DeviceLedger($d) => $body,
            Model::Diagram($d) => $body,
            Model::AuditExcerpt($d) => $body,
            Model::Applicability($d) => $body,
            Model::OperationalRules($d) => $body,
            Model::MhlwChecklist($d) => $body,
        }
    };
}

/// The formats of a document of type `D`.
fn formats_of<D: Document>(_: &D) -> &'static [Format] {
    D::FORMATS
}

impl Model {
    pub fn cover(&self) -> &Cover {
        each!(self, d => d.cover())
    }

    pub fn cover_mut(&mut self) -> &mut Cover {
        each!(self, d => d.cover_mut())
    }

    /// The formats this document is made in.
    pub fn formats(&self) -> &'static [Format] {
        each!(self, d => formats_of(d))
    }

    pub fn render(&self, format: Format) -> Result<Vec<u8>, RenderError> {
        each!(self, d => d.render(format))
    }

    pub fn entries(&self) -> Vec<Entry> {
        each!(self, d => d.entries())
    }
}
