//! Documents generated as a job (issue: long documents are generated as a job): the request
//! is checked and its data gathered at once (a bad request is refused with nothing issued,
//! as for a direct issue); rendering and recording then run in the background while the
//! caller follows the job's state and fetches the file when it is done.
//!
//! Jobs live in the memory of the node that started them (a load balancer must send the
//! caller back to it): at most [`RUNNING`] render at once (more: busy, try again), and the
//! last [`KEPT`] finished ones are kept for [`KEPT_FOR_MINUTES`] minutes. Only the caller
//! who started a job sees it; the issue itself is recorded like any other. A server that
//! stops waits for the jobs still rendering ([`App::wait_for_document_jobs`]).

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

use jiff::{SignedDuration, Timestamp};

use super::issue::{DocumentRequest, IssuedFile};
use crate::{App, AppError, Caller, new_uuid};

/// How many jobs render at once on a node.
pub const RUNNING: usize = 4;
/// How many finished jobs a node keeps.
pub const KEPT: usize = 16;
/// How long a finished job is kept.
pub const KEPT_FOR_MINUTES: i64 = 15;

/// Where a job is.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum JobState {
    /// The data was gathered; the file is being rendered and recorded.
    Rendering,
    /// Issued: the number and the file's name.
    Done { number: String, file_name: String },
    /// Refused or failed while rendering or recording; nothing was issued.
    Failed { code: String, message: String },
}

/// A job as its caller sees it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct JobView {
    pub id: String,
    pub kind: anzen_domain::document::DocumentKind,
    pub format: anzen_render::Format,
    pub state: JobState,
    pub started_at: Timestamp,
    pub finished_at: Option<Timestamp>,
}

struct Job {
    view: JobView,
    owner: String,
    file: Option<IssuedFile>,
}

/// The jobs of this node.
#[derive(Default)]
pub struct DocumentJobs {
    jobs: Mutex<VecDeque<Job>>,
    /// How many jobs are rendering: a stopping server waits for it to reach 0.
    rendering: tokio::sync::watch::Sender<usize>,
}

impl std::fmt::Debug for DocumentJobs {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DocumentJobs").finish_non_exhaustive()
    }
}

fn owner_of(caller: &Caller) -> String {
    caller
        .user_id()
        .map_or_else(|| caller.label(), |u| format!("user:{u}"))
}

impl DocumentJobs {
    fn with<T>(&self, f: impl FnOnce(&mut VecDeque<Job>) -> T) -> T {
        let mut jobs = self
            .jobs
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        f(&mut jobs)
    }

    /// Drops finished jobs past their time or beyond the number kept.
    fn prune(jobs: &mut VecDeque<Job>, now: Timestamp) {
        let limit = SignedDuration::from_mins(KEPT_FOR_MINUTES);
        jobs.retain(|j| {
            j.view
                .finished_at
                .is_none_or(|t| now.duration_since(t) < limit)
        });
        let mut finished = jobs.iter().filter(|j| j.view.finished_at.is_some()).count();
        while finished > KEPT {
            if let Some(i) = jobs.iter().position(|j| j.view.finished_at.is_some()) {
                jobs.remove(i);
            }
            finished -= 1;
        }
    }
}

impl App {
    /// Starts a document job: the request is checked and the data gathered now (a refusal
    /// is returned at once, nothing issued); rendering and recording run in the background.
    pub async fn start_document_job(
        &self,
        caller: &Caller,
        req: &DocumentRequest,
    ) -> Result<JobView, AppError> {
        let now = self.now();
        let running = self.document_jobs().with(|jobs| {
            DocumentJobs::prune(jobs, now);
            jobs.iter()
                .filter(|j| j.view.state == JobState::Rendering)
                .count()
        });
        if running >= RUNNING {
            return Err(AppError::Busy(format!(
                "{RUNNING} documents are being generated on this server; try again in a moment"
            )));
        }
        let prepared = self.prepare_document(caller, req).await?;
        let view = JobView {
            id: new_uuid().to_string(),
            kind: req.kind,
            format: req.format,
            state: JobState::Rendering,
            started_at: now,
            finished_at: None,
        };
        self.document_jobs().with(|jobs| {
            jobs.push_back(Job {
                view: view.clone(),
                owner: owner_of(caller),
                file: None,
            });
        });
        let counted = RenderingMark::new(self.document_jobs.clone());
        crate::ops::DOCUMENT_JOBS_STARTED.inc();
        let app = self.clone();
        let caller = caller.clone();
        let req = req.clone();
        let id = view.id.clone();
        tokio::spawn(async move {
            let _counted = counted;
            let result = app.finish_document(&caller, &req, prepared).await;
            let finished = app.now();
            app.document_jobs().with(|jobs| {
                if let Some(j) = jobs.iter_mut().find(|j| j.view.id == id) {
                    j.view.finished_at = Some(finished);
                    match result {
                        Ok(file) => {
                            j.view.state = JobState::Done {
                                number: file.record.number.clone(),
                                file_name: file.file_name.clone(),
                            };
                            j.file = Some(file);
                        }
                        Err(e) => {
                            crate::ops::DOCUMENT_JOBS_FAILED.inc();
                            j.view.state = JobState::Failed {
                                code: e.code().to_owned(),
                                message: e.to_string(),
                            };
                        }
                    }
                }
            });
        });
        Ok(view)
    }

    /// How many document jobs of this node are rendering now.
    pub fn document_jobs_rendering(&self) -> usize {
        *self.document_jobs().rendering.borrow()
    }

    /// Waits until no document job of this node is rendering (a stopping server lets them
    /// finish, so that an issue the caller was promised is recorded).
    pub async fn wait_for_document_jobs(&self) {
        let mut rendering = self.document_jobs().rendering.subscribe();
        // The sender lives as long as the app: the wait ends only when the count is 0.
        let _ = rendering.wait_for(|n| *n == 0).await;
    }

    /// The document jobs this node keeps: (rendering, done, failed).
    pub fn document_job_counts(&self) -> (usize, usize, usize) {
        self.document_jobs().with(|jobs| {
            let mut counts = (0, 0, 0);
            for j in jobs.iter() {
                match j.view.state {
                    JobState::Rendering => counts.0 += 1,
                    JobState::Done { .. } => counts.1 += 1,
                    JobState::Failed { .. } => counts.2 += 1,
                }
            }
            counts
        })
    }

    /// A job the caller started.
    pub fn document_job(&self, caller: &Caller, id: &str) -> Result<JobView, AppError> {
        let owner = owner_of(caller);
        self.document_jobs().with(|jobs| {
            jobs.iter()
                .find(|j| j.view.id == id && j.owner == owner)
                .map(|j| j.view.clone())
                .ok_or(AppError::NotFound {
                    what: "document job",
                })
        })
    }

    /// The file of a finished job the caller started; a job still rendering is a conflict.
    pub fn document_job_file(&self, caller: &Caller, id: &str) -> Result<IssuedFile, AppError> {
        let owner = owner_of(caller);
        self.document_jobs().with(|jobs| {
            let j = jobs
                .iter()
                .find(|j| j.view.id == id && j.owner == owner)
                .ok_or(AppError::NotFound {
                    what: "document job",
                })?;
            match (&j.view.state, &j.file) {
                (JobState::Done { .. }, Some(f)) => Ok(f.clone()),
                (JobState::Failed { message, .. }, _) => Err(AppError::Conflict(format!(
                    "the document was not issued: {message}"
                ))),
                _ => Err(AppError::Conflict(
                    "the document is still being generated; ask again in a moment".into(),
                )),
            }
        })
    }
}

/// One job counted as rendering while it lives (released even if the job's task panics).
struct RenderingMark(Arc<DocumentJobs>);

impl RenderingMark {
    fn new(jobs: Arc<DocumentJobs>) -> Self {
        jobs.rendering.send_modify(|n| *n += 1);
        Self(jobs)
    }
}

impl Drop for RenderingMark {
    fn drop(&mut self) {
        self.0.rendering.send_modify(|n| *n = n.saturating_sub(1));
    }
}

/// The jobs of a new app.
pub(crate) fn new_jobs() -> Arc<DocumentJobs> {
    Arc::new(DocumentJobs::default())
}
