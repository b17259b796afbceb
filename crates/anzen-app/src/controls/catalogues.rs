//! Catalogue versions: listing, importing the official file (xlsx or the CSV template), and
//! the review a new version asks for (FAQ 5.3, 5.4; appendix2.md §7.3 rules 6 and 7).

use std::collections::{BTreeMap, BTreeSet};

use anzen_domain::access::{Action, Reach, Subject};
use anzen_domain::controls::{ControlCatalogue, StatementSubject, diff_catalogues};
use anzen_domain::ids::OrgId;
use anzen_domain::risk::ReviewReason;
use uuid::Uuid;

use super::{
    APPENDIX2, BUILTIN_CATALOGUE_ID, CatalogueReview, CatalogueVersion, ImportError, ImportFormat,
    ImportOutcome, RiskToReview, StatementToReview, builtin_partial, names_key,
};
use crate::audit::event;
use crate::import::{read_appendix2, sha256_hex};
use crate::ports::{Page, Reads, RiskQuery, RiskRow, StatementQuery, StoredCatalogue};
use crate::{App, AppError, Caller, new_uuid};

/// The longest file name kept.
const MAX_NAME: usize = 200;

/// A catalogue version with its items, built-in or stored.
#[derive(Debug, Clone)]
pub(crate) struct Loaded {
    pub version: CatalogueVersion,
    pub catalogue: ControlCatalogue,
    pub report: Option<anzen_domain::controls::ImportReport>,
}

fn clean_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let t: String = base
        .chars()
        .filter(|c| !c.is_control())
        .take(MAX_NAME)
        .collect();
    let t = t.trim();
    if t.is_empty() {
        "upload".to_owned()
    } else {
        t.to_owned()
    }
}

impl App {
    /// The versions of Appendix 2 the caller sees, oldest first: the built-in partial one,
    /// the installation-wide imports and those of the caller's own organisation.
    pub async fn list_catalogue_versions(
        &self,
        caller: &Caller,
    ) -> Result<Vec<CatalogueVersion>, AppError> {
        self.reach(caller, Subject::Controls, Action::Read)?;
        self.catalogue_versions(self.store().as_ref(), caller.org())
            .await
    }

    /// The versions `owner` sees (see [`crate::ports::ControlReads::list_catalogues`]),
    /// read through `db`.
    pub(crate) async fn catalogue_versions(
        &self,
        db: &dyn Reads,
        owner: Option<OrgId>,
    ) -> Result<Vec<CatalogueVersion>, AppError> {
        let mut out = vec![CatalogueVersion::builtin(builtin_partial()?)];
        out.extend(
            db.list_catalogues(APPENDIX2, owner)
                .await?
                .iter()
                .map(CatalogueVersion::stored),
        );
        Ok(out)
    }

    /// A version by id that `owner` sees (the built-in one is [`BUILTIN_CATALOGUE_ID`]);
    /// another provider's version is "not found".
    pub(crate) async fn load_catalogue(
        &self,
        db: &dyn Reads,
        owner: Option<OrgId>,
        id: Uuid,
    ) -> Result<Loaded, AppError> {
        if id == BUILTIN_CATALOGUE_ID {
            let c = builtin_partial()?;
            return Ok(Loaded {
                version: CatalogueVersion::builtin(c),
                catalogue: c.clone(),
                report: None,
            });
        }
        let s = db
            .catalogue_version(id)
            .await
            .map_err(AppError::from_store("catalogue version"))?;
        if s.imported_org.is_some() && s.imported_org != owner {
            return Err(AppError::NotFound {
                what: "catalogue version",
            });
        }
        Ok(loaded(s))
    }

    /// A version `owner` sees, by its label (statements name versions by label).
    pub(crate) async fn catalogue_by_label(
        &self,
        db: &dyn Reads,
        owner: Option<OrgId>,
        label: &str,
    ) -> Result<Option<Loaded>, AppError> {
        let builtin = builtin_partial()?;
        if label == builtin.meta.version {
            return Ok(Some(Loaded {
                version: CatalogueVersion::builtin(builtin),
                catalogue: builtin.clone(),
                report: None,
            }));
        }
        Ok(db
            .catalogue_by_version(APPENDIX2, owner, label)
            .await?
            .map(loaded))
    }

    /// The newest version `owner` sees: its latest import or installation-wide version, or
    /// the built-in one.
    pub(crate) async fn latest_catalogue(
        &self,
        db: &dyn Reads,
        owner: Option<OrgId>,
    ) -> Result<Loaded, AppError> {
        let versions = self.catalogue_versions(db, owner).await?;
        let last = versions.last().map_or(BUILTIN_CATALOGUE_ID, |v| v.id);
        self.load_catalogue(db, owner, last).await
    }

    /// A version the caller sees, with the report of its import (none for the built-in one).
    pub async fn catalogue_version(
        &self,
        caller: &Caller,
        id: Uuid,
    ) -> Result<
        (
            CatalogueVersion,
            Option<anzen_domain::controls::ImportReport>,
        ),
        AppError,
    > {
        self.reach(caller, Subject::Controls, Action::Read)?;
        let l = self
            .load_catalogue(self.store().as_ref(), caller.org(), id)
            .await?;
        Ok((l.version, l.report))
    }

    /// What version `id` changed against the one before it (among the versions the caller
    /// sees), with the statements and risks (within the caller's reach) that must be
    /// reviewed. The built-in version is compared with itself (nothing changed).
    pub async fn catalogue_review(
        &self,
        caller: &Caller,
        id: Uuid,
    ) -> Result<CatalogueReview, AppError> {
        let reach = self.reach(caller, Subject::Controls, Action::Read)?;
        self.review_of_version(self.store().as_ref(), caller, reach, id)
            .await
    }

    /// Imports a version of Appendix 2 from the bytes of its file (appendix2.md §7.3): all or
    /// nothing (a file with any error gives every error, by row and column, and nothing is
    /// stored); the same file again (same SHA-256) is a no-op. A new version marks for review
    /// the risks whose measures name a changed or removed control (FAQ 5.3, 5.4).
    pub async fn import_catalogue(
        &self,
        caller: &Caller,
        file_name: &str,
        bytes: &[u8],
        format: Option<ImportFormat>,
    ) -> Result<ImportOutcome, ImportError> {
        let reach = self.reach(caller, Subject::Controls, Action::Write)?;
        if !matches!(reach, Reach::Owned(_) | Reach::Everything) {
            return Err(
                AppError::Forbidden("catalogues are imported by a provider's members").into(),
            );
        }
        // The version belongs to the importing provider (an operator acting for no
        // organisation publishes an installation-wide one): no other provider's statements or
        // risks change because of it.
        let owner = caller.org();
        let name = clean_name(file_name);
        let sha = sha256_hex(bytes);
        let format = format.unwrap_or_else(|| ImportFormat::sniff(&name, bytes));
        // Read the file before the write transaction opens: reading may take up to the import
        // time limit, and on SQLite the transaction holds the write lock.
        let (catalogue, report) =
            read_appendix2(bytes, format, &self.settings().import_limits).await?;
        let mut tx = self.store().begin().await?;
        if let Some(existing) = tx.catalogue_by_sha256(APPENDIX2, owner, &sha).await? {
            let loaded = self
                .load_catalogue(tx.as_reads(), owner, existing.id)
                .await?;
            let review = self
                .review_of_version(tx.as_reads(), caller, reach, existing.id)
                .await?;
            return Ok(ImportOutcome {
                version: loaded.version,
                already_imported: true,
                report: loaded.report.unwrap_or_else(empty_report),
                review,
                risks_marked: 0,
            });
        }
        let previous = self.latest_catalogue(tx.as_reads(), owner).await?;
        let stored = StoredCatalogue {
            id: new_uuid(),
            catalogue,
            report: report.clone(),
            source_name: name,
            imported_by: caller.label(),
            imported_org: owner,
            imported_at: self.now(),
        };
        let new = loaded(stored.clone());
        let diff = diff_catalogues(&previous.catalogue, &new.catalogue);
        let keys = review_keys(&previous.catalogue, &diff);
        // The owner's risks that name a changed or removed control (FAQ 5.3, 5.4); every
        // provider's for an installation-wide version.
        let owners_risks = owner.map_or(Reach::Everything, Reach::Owned);
        let all = tx
            .list_risks(owners_risks, &RiskQuery::default(), Page::all())
            .await?;
        let to_mark: Vec<&RiskRow> = all
            .rows
            .iter()
            .filter(|r| {
                keys.iter().any(|(key, ascii)| {
                    anzen_domain::risk::review::uses_control(&r.risk, key, ascii.as_deref())
                })
            })
            .collect();
        let reason = ReviewReason::CatalogueVersion {
            catalogue: APPENDIX2.to_owned(),
            version: new.version.version.clone(),
        };
        tx.insert_catalogue(&stored)
            .await
            .map_err(AppError::from_store("catalogue version"))?;
        let mut per_org: BTreeMap<OrgId, usize> = BTreeMap::new();
        for row in &to_mark {
            let mut risk = row.risk.clone();
            if risk.review_flags.contains(&reason) {
                continue;
            }
            let expected = risk.revision;
            risk.review_flags.push(reason.clone());
            risk.revision += 1;
            risk.updated_at = self.now();
            // A catalogue version changes no level nor criterion, but the status it leaves is
            // the one rule's again (GL 5.1.3 表5-2, FAQ 5.1), never the one read before.
            let ctx = self.risk_context(tx.as_reads(), &risk).await?;
            let status = anzen_domain::risk::RiskStatus::of(&ctx.state_of(&risk));
            tx.update_risk(&risk, expected, status)
                .await
                .map_err(AppError::from_store("risk"))?;
            *per_org.entry(risk.owner).or_default() += 1;
        }
        let marked: usize = per_org.values().sum();
        let after = serde_json::json!({
            "catalogue": APPENDIX2,
            "version": new.version.version,
            "source_sha256": sha,
            "source_name": stored.source_name,
            "items": new.catalogue.items.len(),
            "added": diff.added,
            "changed": diff.changed.iter().map(|c| &c.key).collect::<Vec<_>>(),
            "removed": diff.removed,
            "risks_marked": marked,
        });
        self.seal(
            tx.as_mut(),
            caller,
            event(
                "control_catalogue.import",
                "control_catalogue",
                stored.id,
                caller.org(),
                None,
                Some(&after),
                format!(
                    "Appendix 2 {} ({} items; +{} ~{} −{} against {}; {marked} risks marked for review)",
                    new.version.version,
                    new.catalogue.items.len(),
                    diff.added.len(),
                    diff.changed.len(),
                    diff.removed.len(),
                    previous.version.version,
                ),
            ),
        )
        .await?;
        for (org, n) in &per_org {
            self.seal(
                tx.as_mut(),
                caller,
                event(
                    "risk.mark_review",
                    "control_catalogue",
                    stored.id,
                    Some(*org),
                    None,
                    None,
                    format!(
                        "{n} risks marked for review: Appendix 2 {} changed or removed controls their measures name",
                        new.version.version
                    ),
                ),
            )
            .await?;
        }
        let review = self
            .review(tx.as_reads(), caller, reach, &previous, &new)
            .await?;
        tx.commit().await?;
        Ok(ImportOutcome {
            version: new.version,
            already_imported: false,
            report,
            review,
            risks_marked: marked,
        })
    }

    /// The review version `id` asks for against the version before it that the caller sees.
    async fn review_of_version(
        &self,
        db: &dyn Reads,
        caller: &Caller,
        reach: Reach,
        id: Uuid,
    ) -> Result<CatalogueReview, AppError> {
        let owner = caller.org();
        let to = self.load_catalogue(db, owner, id).await?;
        let versions = self.catalogue_versions(db, owner).await?;
        let at = versions.iter().position(|v| v.id == id).unwrap_or(0);
        let from = match at.checked_sub(1) {
            Some(i) => self.load_catalogue(db, owner, versions[i].id).await?,
            None => to.clone(),
        };
        self.review(db, caller, reach, &from, &to).await
    }

    /// The review `to` asks for against `from`, within the caller's reach.
    async fn review(
        &self,
        db: &dyn Reads,
        caller: &Caller,
        reach: Reach,
        from: &Loaded,
        to: &Loaded,
    ) -> Result<CatalogueReview, AppError> {
        let diff = diff_catalogues(&from.catalogue, &to.catalogue);
        let keys = review_keys(&from.catalogue, &diff);
        let removed: BTreeSet<&str> = diff.removed.iter().map(String::as_str).collect();
        let statements = db
            .current_statements(reach, &StatementQuery::default())
            .await?;
        let mut statements_to_review: Vec<_> = statements
            .iter()
            .filter_map(|s| match s.statement.subject() {
                StatementSubject::Appendix2 {
                    catalogue_version,
                    key,
                } if *catalogue_version != to.version.version && keys.contains_key(key) => {
                    Some(StatementToReview {
                        offering: s.statement.offering(),
                        catalogue_version: catalogue_version.clone(),
                        key: key.clone(),
                        status: s.statement.status(),
                        removed: removed.contains(key.as_str()),
                    })
                }
                _ => None,
            })
            .collect();
        statements_to_review.sort_by(|a, b| (a.offering, &a.key).cmp(&(b.offering, &b.key)));
        let risks_to_review = match self.reach(caller, Subject::Risks, Action::Read) {
            Ok(risk_reach) => db
                .list_risks(risk_reach, &RiskQuery::default(), Page::all())
                .await?
                .rows
                .iter()
                .filter_map(|r| {
                    let controls = named_controls(r, &keys);
                    (!controls.is_empty()).then(|| RiskToReview {
                        id: r.risk.id,
                        offering: r.risk.offering,
                        title: r.risk.title.to_string(),
                        controls,
                    })
                })
                .collect(),
            Err(AppError::Forbidden(_)) => Vec::new(),
            Err(e) => return Err(e),
        };
        Ok(CatalogueReview {
            from: from.version.clone(),
            to: to.version.clone(),
            diff,
            statements_to_review,
            risks_to_review,
        })
    }
}

fn loaded(s: StoredCatalogue) -> Loaded {
    let summary = crate::ports::CatalogueSummary {
        id: s.id,
        catalogue: s.catalogue.meta.id.clone(),
        version: s.catalogue.meta.version.clone(),
        source_sha256: s.catalogue.meta.source_sha256.clone().unwrap_or_default(),
        source_name: s.source_name.clone(),
        items: i64::try_from(s.catalogue.items.len()).unwrap_or(i64::MAX),
        imported_by: s.imported_by.clone(),
        imported_org: s.imported_org,
        imported_at: s.imported_at,
    };
    let mut version = CatalogueVersion::stored(&summary);
    version.complete = s.catalogue.meta.complete;
    version.text_origin = s.catalogue.text_origin;
    Loaded {
        version,
        catalogue: s.catalogue,
        report: Some(s.report),
    }
}

/// The keys to review (changed or removed in `diff`) with their ASCII form in the old version.
fn review_keys(
    old: &ControlCatalogue,
    diff: &anzen_domain::controls::CatalogueDiff,
) -> BTreeMap<String, Option<String>> {
    diff.keys_to_review()
        .into_iter()
        .map(|k| {
            let ascii = old.item(&k).map(|i| i.ascii_key.clone());
            (k, ascii)
        })
        .collect()
}

/// The keys among `keys` that the measures of a risk name.
fn named_controls(row: &RiskRow, keys: &BTreeMap<String, Option<String>>) -> Vec<String> {
    let mut out: Vec<String> = keys
        .iter()
        .filter(|(key, ascii)| {
            row.risk
                .treatment
                .iter()
                .flat_map(|t| t.measures.iter())
                .flat_map(|m| m.controls.iter())
                .any(|c| names_key(c, key, ascii.as_deref()))
        })
        .map(|(k, _)| k.clone())
        .collect();
    out.dedup();
    out
}

fn empty_report() -> anzen_domain::controls::ImportReport {
    anzen_domain::controls::ImportReport {
        sheet: None,
        items: 0,
        references: 0,
        per_major: Vec::new(),
        per_middle: Vec::new(),
        marked: 0,
        without_mhlw_reference: Vec::new(),
        numbering_gaps: Vec::new(),
        dropped_rows: Vec::new(),
        warnings: Vec::new(),
        expected_total: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_are_kept_short_and_without_paths() {
        assert_eq!(clean_name("C:\\Users\\a\\別紙2.xlsx"), "別紙2.xlsx");
        assert_eq!(clean_name("../../x.csv"), "x.csv");
        assert_eq!(clean_name(" \u{7} "), "upload");
        assert_eq!(clean_name(&"a".repeat(500)).len(), MAX_NAME);
    }

    #[test]
    fn formats_are_sniffed() {
        assert_eq!(
            ImportFormat::sniff("x", b"PK\x03\x04rest"),
            ImportFormat::Xlsx
        );
        assert_eq!(
            ImportFormat::sniff("a.csv", b"PK\x03\x04"),
            ImportFormat::Xlsx
        );
        assert_eq!(ImportFormat::sniff("a.csv", b"a,b"), ImportFormat::Csv);
        assert_eq!(ImportFormat::sniff("upload", b"a,b"), ImportFormat::Csv);
        assert_eq!(ImportFormat::sniff("a.xlsx", b"%PDF"), ImportFormat::Xlsx);
        assert_eq!(ImportFormat::sniff("a", &[0xff, 0xfe]), ImportFormat::Xlsx);
    }
}
