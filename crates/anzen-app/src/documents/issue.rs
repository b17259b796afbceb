//! Issuing a document and verifying an issued file.

use anzen_domain::FieldError;
use anzen_domain::access::{Action, Subject};
use anzen_domain::document::{DOCUMENT_INSTITUTION_NOT_SERVED, DocumentKind, document_audience};
use anzen_domain::ids::{OfferingId, OrgId};
use anzen_domain::risk::rules::refuse;
use anzen_render::Format;

use super::sha256_hex;
use crate::audit::event;
use crate::ports::{AuditQuery, ContractQuery, DocumentChanges, IssuedDocument, IssuedEntry, Page};
use crate::{App, AppError, Caller};

/// What to issue.
#[derive(Debug, Clone, PartialEq)]
pub struct DocumentRequest {
    pub kind: DocumentKind,
    pub offering: OfferingId,
    /// The institution the document is for; `None`: every institution (an institution's
    /// reader always gets its own).
    pub institution: Option<OrgId>,
    pub format: Format,
    /// What an audit-trail excerpt covers (other kinds take none).
    pub period: ExcerptParams,
}

/// The period (days in Japan, both included) and object of an audit-trail excerpt.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize)]
pub struct ExcerptParams {
    pub from: Option<jiff::civil::Date>,
    pub to: Option<jiff::civil::Date>,
    /// The object's type (`risk`, `agreement`, `document`…) and id.
    pub object_type: Option<String>,
    pub object_id: Option<String>,
}

impl ExcerptParams {
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }
}

/// A request as the CLI, the API and the forms give it: every field as text.
#[derive(Debug, Clone, Default)]
pub struct DocumentInput<'a> {
    pub kind: &'a str,
    pub offering: &'a str,
    pub institution: Option<&'a str>,
    /// Empty: `pdf`.
    pub format: &'a str,
    /// `YYYY-MM-DD` (audit-trail excerpt only).
    pub from: Option<&'a str>,
    pub to: Option<&'a str>,
    pub object_type: Option<&'a str>,
    pub object_id: Option<&'a str>,
}

fn given(v: Option<&str>) -> Option<&str> {
    v.map(str::trim).filter(|s| !s.is_empty())
}

fn parse_day(field: &str, v: Option<&str>) -> Result<Option<jiff::civil::Date>, FieldError> {
    given(v)
        .map(|s| {
            s.parse::<jiff::civil::Date>().map_err(|_| {
                FieldError::new(
                    field,
                    format!("`{s}` is not a date; use the form YYYY-MM-DD, e.g. 2026-04-01"),
                )
            })
        })
        .transpose()
}

impl DocumentRequest {
    /// Parses the request's text fields as the CLI, API and forms give them, each error
    /// naming its field and the accepted values.
    pub fn parse(input: &DocumentInput<'_>) -> Result<Self, FieldError> {
        let kind = DocumentKind::parse_field("kind", input.kind.trim())?;
        let offering = OfferingId::parse_field("offering", input.offering.trim())?;
        let institution = given(input.institution)
            .map(|i| OrgId::parse_field("institution", i))
            .transpose()?;
        let format = parse_format(given(Some(input.format)).unwrap_or("pdf"))?;
        let period = ExcerptParams {
            from: parse_day("from", input.from)?,
            to: parse_day("to", input.to)?,
            object_type: given(input.object_type).map(str::to_owned),
            object_id: given(input.object_id).map(str::to_owned),
        };
        if let (Some(from), Some(to)) = (period.from, period.to)
            && from > to
        {
            return Err(FieldError::new(
                "to",
                format!("the period ends ({to}) before it starts ({from})"),
            ));
        }
        if period.object_id.is_some() && period.object_type.is_none() {
            return Err(FieldError::new(
                "object_type",
                "name the type of the object whose entries to excerpt (e.g. risk, agreement)",
            ));
        }
        if kind != DocumentKind::AuditExcerpt && !period.is_empty() {
            let field = if period.from.is_some() {
                "from"
            } else if period.to.is_some() {
                "to"
            } else {
                "object_type"
            };
            return Err(FieldError::new(
                field,
                format!(
                    "only an audit-trail excerpt takes a period or an object, not {}",
                    kind.code()
                ),
            ));
        }
        Ok(Self {
            kind,
            offering,
            institution,
            format,
            period,
        })
    }
}

/// `pdf`, `docx` or `xlsx`.
pub fn parse_format(format: &str) -> Result<Format, FieldError> {
    Format::parse(format.trim().to_ascii_lowercase().as_str()).ok_or_else(|| FieldError {
        field: "format".into(),
        message: format!("unknown format {:?}", format.trim()),
        accepted: Format::ALL.iter().map(|f| f.as_str().to_string()).collect(),
    })
}

/// An issue checked and its data gathered, ready to render and record.
pub struct Prepared {
    model: super::Model,
    offering: anzen_domain::offering::Offering,
    institution: Option<OrgId>,
    source_digest: String,
    entries: Vec<IssuedEntry>,
    previous: Option<IssuedDocument>,
}

/// An issued document: its register entry and the file.
#[derive(Debug, Clone)]
pub struct IssuedFile {
    pub record: IssuedDocument,
    pub bytes: Vec<u8>,
    pub media_type: &'static str,
    /// `RT-20261207-3fa9c2d1.pdf`.
    pub file_name: String,
}

/// The answer to "was this exact file issued?".
#[derive(Debug, Clone, serde::Serialize)]
pub struct VerifiedDocument {
    pub sha256: String,
    /// The register entry, when this exact file was issued (and the caller may see it).
    pub issued: Option<IssuedDocument>,
    pub offering_name: Option<String>,
    pub institution_name: Option<String>,
    /// The sequence number of the audit entry that records the issue, when found and when
    /// it names this file's SHA-256.
    pub audit_seq: Option<i64>,
}

impl VerifiedDocument {
    /// Issued, and its audit entry names this file.
    pub fn is_issued(&self) -> bool {
        self.issued.is_some() && self.audit_seq.is_some()
    }
}

/// The entries of `before` and `after` compared by key.
pub(crate) fn compare(
    previous: Option<&IssuedDocument>,
    entries: &[IssuedEntry],
) -> DocumentChanges {
    let Some(prev) = previous else {
        return DocumentChanges::default();
    };
    let mut changes = DocumentChanges {
        previous: Some(prev.number.clone()),
        ..Default::default()
    };
    for e in entries {
        match prev.entries.iter().find(|p| p.key == e.key) {
            None => changes.added.push(e.caption.clone()),
            Some(p) if p.digest != e.digest => changes.changed.push(e.caption.clone()),
            Some(_) => {}
        }
    }
    for p in &prev.entries {
        if !entries.iter().any(|e| e.key == p.key) {
            changes.removed.push(p.caption.clone());
        }
    }
    changes
}

/// A number no other issue has: kind, day of issue (Japan), eight random hex digits.
fn new_number(kind: DocumentKind, day: jiff::civil::Date) -> String {
    // The tail of a version-7 UUID is random (its head is the time).
    let random = crate::new_uuid().simple().to_string();
    format!(
        "{}-{}-{}",
        kind.number_prefix(),
        day.strftime("%Y%m%d"),
        &random[random.len() - 8..]
    )
}

impl App {
    /// Builds the document the caller asked for, renders it, and records the issue.
    ///
    /// Refused, with nothing issued: a kind or institution the domain's policy does not give
    /// the caller (422 naming the field), an offering the caller may not see (404), an
    /// institution with no contract for the offering (422), a format the kind is not made in
    /// (422 with the accepted formats). Two issues of the same document at once: the second
    /// is a 409 and may be repeated.
    pub async fn issue_document(
        &self,
        caller: &Caller,
        req: &DocumentRequest,
    ) -> Result<IssuedFile, AppError> {
        let prepared = self.prepare_document(caller, req).await?;
        self.finish_document(caller, req, prepared).await
    }

    /// The checks and the data of an issue, before anything is rendered or recorded.
    pub(super) async fn prepare_document(
        &self,
        caller: &Caller,
        req: &DocumentRequest,
    ) -> Result<Prepared, AppError> {
        let principal = match caller {
            Caller::User(p) => Some(p),
            Caller::Operator { .. } => None,
        };
        let institution = document_audience(principal, req.kind, req.institution)?;
        let offerings = self.reach(caller, Subject::Offerings, Action::Read)?;
        let offering = self
            .store()
            .offering(offerings, req.offering)
            .await
            .map_err(AppError::from_store("offering"))?;
        if let Some(inst) = institution {
            self.check_served(caller, req.offering, inst).await?;
        }
        let model = self
            .build_model(caller, req, &offering, institution)
            .await?;
        if !model.formats().contains(&req.format) {
            return Err(FieldError {
                field: "format".into(),
                message: format!(
                    "{} is not made as {}",
                    req.kind.label_en(),
                    req.format.as_str()
                ),
                accepted: model.formats().iter().map(|f| f.as_str().into()).collect(),
            }
            .into());
        }
        let data = serde_json::to_vec(&model)
            .map_err(|e| AppError::Internal(format!("document data: {e}")))?;
        let source_digest = sha256_hex(&data);
        let entries: Vec<IssuedEntry> = model
            .entries()
            .into_iter()
            .map(|e| IssuedEntry {
                digest: sha256_hex(e.content.to_string().as_bytes()),
                key: e.key,
                caption: e.caption,
            })
            .collect();
        let previous = self
            .store()
            .last_document(req.kind, req.offering, institution)
            .await?;
        Ok(Prepared {
            model,
            offering,
            institution,
            source_digest,
            entries,
            previous,
        })
    }

    /// Renders a prepared document (off the async runtime) and records the issue.
    pub(super) async fn finish_document(
        &self,
        caller: &Caller,
        req: &DocumentRequest,
        prepared: Prepared,
    ) -> Result<IssuedFile, AppError> {
        let Prepared {
            mut model,
            offering,
            institution,
            source_digest,
            entries,
            previous,
        } = prepared;
        let version = match &previous {
            Some(p) if p.source_digest == source_digest => p.version,
            Some(p) => p.version + 1,
            None => 1,
        };
        let today = self.today_in_japan();
        let number = new_number(req.kind, today);
        {
            let cover = model.cover_mut();
            cover.issued_on = today;
            cover.version = version.to_string();
            cover.number = Some(number.clone());
            cover.source_digest = Some(source_digest.clone());
        }
        let format = req.format;
        let bytes = tokio::task::spawn_blocking(move || model.render(format))
            .await
            .map_err(|e| AppError::Internal(format!("rendering stopped: {e}")))?
            .map_err(|e| AppError::Internal(e.to_string()))?;
        let sha256 = sha256_hex(&bytes);

        let mut tx = self.store().begin().await?;
        let last = tx
            .last_document(req.kind, req.offering, institution)
            .await?;
        if last.as_ref().map(|l| &l.number) != previous.as_ref().map(|p| &p.number) {
            return Err(AppError::Conflict(
                "the same document was issued meanwhile; issue it again to number it after that one"
                    .into(),
            ));
        }
        let record = IssuedDocument {
            number: number.clone(),
            org: offering.provider,
            kind: req.kind,
            format: format.as_str().into(),
            offering: req.offering,
            institution,
            version,
            size_bytes: i64::try_from(bytes.len()).unwrap_or(i64::MAX),
            sha256: sha256.clone(),
            source_digest,
            params: serde_json::to_value(&req.period).unwrap_or_default(),
            changes: compare(previous.as_ref(), &entries),
            entries,
            issued_by: caller.label(),
            issued_by_user: caller.user_id(),
            issued_at: self.now(),
        };
        tx.insert_document(&record).await?;
        let after = serde_json::to_value(&record)
            .map_err(|e| AppError::Internal(format!("document record: {e}")))?;
        let summary = format!(
            "issued {number}: {} v{version} of {} ({}) for {} sha256={sha256}",
            req.kind.code(),
            offering.name.as_str(),
            format.as_str(),
            institution.map_or("all institutions".to_string(), |i| i.to_string()),
        );
        self.seal(
            tx.as_mut(),
            caller,
            event(
                "document.issue",
                "document",
                &number,
                Some(offering.provider),
                None,
                Some(&after),
                summary,
            ),
        )
        .await?;
        tx.commit().await?;
        Ok(IssuedFile {
            file_name: format!("{number}.{}", format.as_str()),
            media_type: format.media_type(),
            record,
            bytes,
        })
    }

    /// Whether `institution` has (or had) a contract for the offering: a document is made
    /// only for an institution the offering serves.
    async fn check_served(
        &self,
        caller: &Caller,
        offering: OfferingId,
        institution: OrgId,
    ) -> Result<(), AppError> {
        let reach = self.reach(caller, Subject::Contracts, Action::Read)?;
        let query = ContractQuery {
            offering: Some(offering),
            institution: Some(institution),
            ..Default::default()
        };
        let found = self
            .store()
            .list_contracts(reach, &query, Page::first(1))
            .await?;
        if found.total == 0 {
            return Err(refuse("institution", DOCUMENT_INSTITUTION_NOT_SERVED).into());
        }
        Ok(())
    }

    /// Whether `bytes` is a file anzen issued: its SHA-256 in the register (within the
    /// caller's reach) and the audit entry of the issue naming it.
    pub async fn verify_document(
        &self,
        caller: &Caller,
        bytes: &[u8],
    ) -> Result<VerifiedDocument, AppError> {
        let reach = self.reach(caller, Subject::Offerings, Action::Read)?;
        let sha256 = sha256_hex(bytes);
        let issued = self.store().document_by_sha256(reach, &sha256).await?;
        let mut verified = VerifiedDocument {
            sha256: sha256.clone(),
            issued: None,
            offering_name: None,
            institution_name: None,
            audit_seq: None,
        };
        let Some(doc) = issued else {
            return Ok(verified);
        };
        let offerings = self.store().offering_names(reach, &[doc.offering]).await?;
        verified.offering_name = offerings.into_iter().next().map(|(_, n)| n);
        if let Some(i) = doc.institution {
            let orgs = self.reach(caller, Subject::Organisations, Action::Read)?;
            let names = self.store().org_names(orgs, &[i]).await?;
            verified.institution_name = names.into_iter().next().map(|(_, n)| n);
        }
        // The audit entry, read with the register's own reach over the trail: a reader who
        // may not list the trail still learns whether the issue was recorded.
        let query = AuditQuery {
            action: Some("document.issue".into()),
            object_type: Some("document".into()),
            object_id: Some(doc.number.clone()),
            ..Default::default()
        };
        let entries = self
            .store()
            .list_audit(crate::ports::Reach::Owned(doc.org), &query, Page::first(5))
            .await?;
        verified.audit_seq = entries
            .rows
            .iter()
            .find(|e| e.summary.contains(&format!("sha256={sha256}")))
            .map(|e| e.seq);
        verified.issued = Some(doc);
        Ok(verified)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const OFFERING: &str = "01a24df6-76a6-76f4-875b-3000f2dddfa2";

    fn input<'a>(kind: &'a str, format: &'a str) -> DocumentInput<'a> {
        DocumentInput {
            kind,
            offering: OFFERING,
            format,
            ..Default::default()
        }
    }

    fn field(r: Result<DocumentRequest, FieldError>) -> String {
        r.map(|_| ()).unwrap_err().field
    }

    #[test]
    fn each_bad_field_is_named_with_the_accepted_values() {
        let e = DocumentRequest::parse(&input("minutes", "pdf")).unwrap_err();
        assert_eq!(e.field, "kind");
        assert!(e.accepted.contains(&"risk-treatment".to_string()), "{e:?}");
        let e = DocumentRequest::parse(&input("risk-treatment", "odt")).unwrap_err();
        assert_eq!((e.field.as_str(), e.accepted.len()), ("format", 3));
        let bad_offering = DocumentInput {
            offering: "nope",
            ..input("risk-treatment", "")
        };
        assert_eq!(field(DocumentRequest::parse(&bad_offering)), "offering");
        let bad_institution = DocumentInput {
            institution: Some("nope"),
            ..input("risk-treatment", "")
        };
        assert_eq!(
            field(DocumentRequest::parse(&bad_institution)),
            "institution"
        );
    }

    #[test]
    fn an_empty_format_is_pdf_and_an_empty_institution_is_none() {
        let r = DocumentRequest::parse(&DocumentInput {
            institution: Some("  "),
            ..input("risk-treatment", " ")
        })
        .unwrap();
        assert_eq!((r.format, r.institution), (Format::Pdf, None));
    }

    #[test]
    fn the_period_is_for_an_audit_excerpt_only_and_in_order() {
        let excerpt = |from, to, object_type, object_id| DocumentInput {
            from,
            to,
            object_type,
            object_id,
            ..input("audit-excerpt", "pdf")
        };
        let ok = DocumentRequest::parse(&excerpt(
            Some("2026-12-01"),
            Some("2026-12-07"),
            Some("risk"),
            Some("x"),
        ))
        .unwrap();
        assert_eq!(ok.period.from, Some(jiff::civil::date(2026, 12, 1)));
        let cases = [
            (excerpt(Some("2026-13-01"), None, None, None), "from"),
            (excerpt(None, Some("yesterday"), None, None), "to"),
            (
                excerpt(Some("2026-12-07"), Some("2026-12-01"), None, None),
                "to",
            ),
            (excerpt(None, None, None, Some("x")), "object_type"),
        ];
        for (i, want) in cases {
            assert_eq!(field(DocumentRequest::parse(&i)), want, "{i:?}");
        }
        let not_excerpt = DocumentInput {
            from: Some("2026-12-01"),
            ..input("risk-treatment", "pdf")
        };
        assert_eq!(field(DocumentRequest::parse(&not_excerpt)), "from");
        let not_excerpt = DocumentInput {
            object_type: Some("risk"),
            ..input("diagram", "pdf")
        };
        assert_eq!(field(DocumentRequest::parse(&not_excerpt)), "object_type");
    }

    #[test]
    fn changes_name_what_was_added_removed_and_changed() {
        let entry = |key: &str, digest: &str| IssuedEntry {
            key: key.into(),
            caption: format!("{key} caption"),
            digest: digest.into(),
        };
        assert_eq!(
            compare(None, &[entry("a", "1")]),
            DocumentChanges::default()
        );
        let previous = IssuedDocument {
            number: "RT-20261207-00000001".into(),
            org: anzen_domain::ids::OrgId::from_uuid(uuid::Uuid::nil()),
            kind: DocumentKind::RiskTreatment,
            format: "pdf".into(),
            offering: OfferingId::from_uuid(uuid::Uuid::nil()),
            institution: None,
            version: 1,
            sha256: String::new(),
            size_bytes: 0,
            source_digest: String::new(),
            params: serde_json::json!({}),
            entries: vec![entry("a", "1"), entry("b", "1"), entry("c", "1")],
            changes: DocumentChanges::default(),
            issued_by: "tests".into(),
            issued_by_user: None,
            issued_at: jiff::Timestamp::UNIX_EPOCH,
        };
        let c = compare(
            Some(&previous),
            &[entry("a", "1"), entry("b", "2"), entry("d", "1")],
        );
        assert_eq!(c.previous.as_deref(), Some("RT-20261207-00000001"));
        assert_eq!(c.added, vec!["d caption"]);
        assert_eq!(c.removed, vec!["c caption"]);
        assert_eq!(c.changed, vec!["b caption"]);
    }
}
