//! The checklist's editions: the built-in one (`catalogs/mhlw-checklist-provider.toml`) and
//! those a provider imports each fiscal year in the same format. A new edition lists what
//! changed and the offerings that must answer it again (guideline-notes §7).

use anzen_domain::FieldError;
use anzen_domain::access::{Action, Subject};
use anzen_domain::catalog::{CatalogId, parse_catalog};
use anzen_domain::checklist::{Edition, EditionChanges, check_import_rights, edition_changes};
use anzen_domain::ids::OfferingId;

use crate::audit::event;
use crate::catalogs::builtin_catalogue;
use crate::import::sha256_hex;
use crate::ports::{Reads, StoredEdition};
use crate::{App, AppError, Caller};

/// The largest edition file accepted (the R7 catalogue is about 12 KiB).
pub const MAX_EDITION_BYTES: usize = 512 * 1024;

/// An edition as listed.
#[derive(Debug, Clone, serde::Serialize)]
pub struct EditionView {
    pub edition: Edition,
    /// Shipped with anzen (`true`) or imported.
    pub builtin: bool,
    pub imported_by: Option<String>,
    pub imported_at: Option<jiff::Timestamp>,
    /// What changed since the edition before it.
    pub changes: EditionChanges,
}

/// What an import did.
#[derive(Debug, Clone, serde::Serialize)]
pub struct EditionImport {
    pub edition: EditionView,
    /// Whether this is now the newest edition.
    pub current: bool,
    /// The offerings of the importer that answered the previous edition: they must answer
    /// this one (a new fiscal year).
    pub reanswer: Vec<(OfferingId, String)>,
}

fn builtin_edition() -> Result<Edition, AppError> {
    let c = builtin_catalogue(CatalogId::MhlwChecklistProvider)?;
    Edition::from_catalog(c).map_err(|e| AppError::Internal(format!("the built-in checklist: {e}")))
}

fn stored_edition(s: &StoredEdition) -> Result<Edition, AppError> {
    let c = parse_catalog(&s.label, &s.source)
        .map_err(|e| AppError::Internal(format!("stored checklist edition {}: {e}", s.label)))?;
    Edition::from_catalog(&c)
        .map_err(|e| AppError::Internal(format!("stored checklist edition {}: {e}", s.label)))
}

impl App {
    /// The editions the caller's organisation uses, oldest fiscal year first (the last is
    /// the newest).
    pub(crate) async fn checklist_editions_of(
        &self,
        caller: &Caller,
    ) -> Result<Vec<Edition>, AppError> {
        Ok(self
            .checklist_editions(caller)
            .await?
            .into_iter()
            .map(|v| v.edition)
            .collect())
    }

    /// Every edition the caller's organisation uses, with what changed in each.
    pub async fn checklist_editions(&self, caller: &Caller) -> Result<Vec<EditionView>, AppError> {
        self.reach(caller, Subject::Controls, Action::Read)?;
        editions_in(self.store().as_ref(), caller).await
    }
}

/// The editions through `reads` (the pool, or a use-case's transaction).
pub(super) async fn editions_in(
    reads: &dyn Reads,
    caller: &Caller,
) -> Result<Vec<EditionView>, AppError> {
    {
        let stored = reads.checklist_editions(caller.org()).await?;
        let mut all = vec![(builtin_edition()?, None)];
        for s in &stored {
            all.push((stored_edition(s)?, Some(s)));
        }
        all.sort_by(|a, b| {
            a.0.fiscal_year
                .cmp(&b.0.fiscal_year)
                .then(a.0.label.cmp(&b.0.label))
        });
        let mut out: Vec<EditionView> = Vec::with_capacity(all.len());
        for (i, (e, s)) in all.iter().enumerate() {
            let previous = i.checked_sub(1).map(|p| &all[p].0);
            out.push(EditionView {
                changes: edition_changes(previous, e),
                edition: e.clone(),
                builtin: s.is_none(),
                imported_by: s.map(|s| s.imported_by.clone()),
                imported_at: s.map(|s| s.imported_at),
            });
        }
        Ok(out)
    }
}

impl App {
    /// Imports an edition of the checklist from its catalogue file (the TOML format of
    /// `catalogs/mhlw-checklist-provider.toml`, version `R8`, `FY2026` …) for the caller's
    /// organisation (an operator without one: installation-wide). Who may import is
    /// `check_import_rights`. A label already known is a conflict; nothing is half-stored.
    pub async fn import_checklist_edition(
        &self,
        caller: &Caller,
        file_name: &str,
        bytes: &[u8],
    ) -> Result<EditionImport, AppError> {
        let reach = self.reach(caller, Subject::Controls, Action::Write)?;
        check_import_rights(reach).map_err(AppError::Forbidden)?;
        if bytes.len() > MAX_EDITION_BYTES {
            return Err(FieldError::new(
                "file",
                format!(
                    "the file has {} bytes; an edition is at most {MAX_EDITION_BYTES} bytes",
                    bytes.len()
                ),
            )
            .into());
        }
        let text = std::str::from_utf8(bytes).map_err(|_| {
            FieldError::new(
                "file",
                "not UTF-8 text: send the edition as a TOML catalogue (see catalogs/mhlw-checklist-provider.toml)",
            )
        })?;
        let catalog = parse_catalog(file_name, text).map_err(|e| {
            FieldError::new(
                e.item_key.as_deref().map_or_else(
                    || e.error.field.clone(),
                    |k| format!("items[{k}].{}", e.error.field),
                ),
                e.to_string(),
            )
            .with_accepted(e.error.accepted.clone())
        })?;
        let edition = Edition::from_catalog(&catalog)?;
        let mut tx = self.store().begin().await?;
        let known = editions_in(tx.as_reads(), caller).await?;
        if known.iter().any(|k| k.edition.label == edition.label) {
            return Err(AppError::Conflict(format!(
                "the checklist edition `{}` is known already",
                edition.label
            )));
        }
        let previous = known
            .iter()
            .rfind(|k| k.edition.fiscal_year <= edition.fiscal_year)
            .map(|k| &k.edition);
        let current = known
            .iter()
            .all(|k| k.edition.fiscal_year <= edition.fiscal_year);
        let now = self.now();
        let stored = StoredEdition {
            owner: caller.org(),
            label: edition.label.clone(),
            fiscal_year: edition.fiscal_year,
            source: text.to_owned(),
            sha256: sha256_hex(bytes),
            imported_by: caller.label(),
            imported_at: now,
        };
        tx.insert_checklist_edition(&stored).await?;
        let mut reanswer = Vec::new();
        if let (Some(prev), Some(org)) = (previous, caller.org()) {
            let sheets = tx.checklist_sheets(org).await?;
            let ids: Vec<OfferingId> = sheets
                .iter()
                .filter(|s| s.edition == prev.label)
                .map(|s| s.offering)
                .collect();
            reanswer = tx.offering_names(reach, &ids).await?;
        }
        let changes = edition_changes(previous, &edition);
        self.seal(
            tx.as_mut(),
            caller,
            event(
                "checklist.edition_import",
                "mhlw_checklist_edition",
                &edition.label,
                caller.org(),
                None,
                Some(&serde_json::json!({
                    "label": edition.label,
                    "fiscal_year": edition.fiscal_year,
                    "sha256": stored.sha256,
                    "changes": changes,
                })),
                format!(
                    "チェックリスト（事業者確認用）{}（{}年度）を取り込み: 追加 {}、削除 {}、文言変更 {}、再回答が必要なサービス {}",
                    edition.label,
                    edition.fiscal_year,
                    changes.added.len(),
                    changes.removed.len(),
                    changes.reworded.len(),
                    reanswer.len()
                ),
            ),
        )
        .await?;
        tx.commit().await?;
        Ok(EditionImport {
            edition: EditionView {
                edition,
                builtin: false,
                imported_by: Some(stored.imported_by),
                imported_at: Some(now),
                changes,
            },
            current,
            reanswer,
        })
    }
}
