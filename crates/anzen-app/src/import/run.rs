//! Reading an uploaded file off the async runtime: on a blocking thread, at most
//! [`ImportLimits::concurrent`] at a time, within the time limit. The reader checks its
//! [`Budget`] cooperatively; the waiting side stops waiting at the limit whatever the reader
//! does (`tokio::time::timeout`) and cancels the budget, so the reader stops at its next check.

use std::time::Duration;

use anzen_domain::controls::{CatalogueMeta, ControlCatalogue, ImportReport};

use super::budget::Budget;
use super::limits::{ImportLimits, Limit};
use super::xlsx::check_size;
use super::{ReadError, read_appendix2_csv_limited, read_appendix2_xlsx_limited, sha256_hex};
use crate::controls::ImportFormat;

/// Runs `read` on a blocking thread within `limits`: it waits at most the time limit for a
/// turn (then: [`Limit::Concurrent`]), and at most the time limit for the reading (then:
/// [`Limit::Time`]; the budget is cancelled and the turn is given back only once `read` has
/// returned, so an abandoned reader still counts against the concurrency limit).
pub async fn run_bounded<T, F>(limits: &ImportLimits, read: F) -> Result<T, ReadError>
where
    T: Send + 'static,
    F: FnOnce(&Budget) -> Result<T, ReadError> + Send + 'static,
{
    let turn = match tokio::time::timeout(limits.time, limits.gate().acquire_owned()).await {
        Ok(Ok(permit)) => permit,
        _ => return Err(limits.exceeded(Limit::Concurrent).into()),
    };
    let budget = Budget::new(limits);
    let shared = budget.clone();
    let task = tokio::task::spawn_blocking(move || {
        let _turn = turn;
        read(&shared)
    });
    // The budget started before the task: never wait longer than it allows.
    match tokio::time::timeout(limits.time + Duration::from_millis(1), task).await {
        Ok(Ok(result)) => result,
        Ok(Err(e)) => Err(ReadError::Failed(format!("the import reader failed: {e}"))),
        Err(_) => {
            budget.cancel();
            Err(budget.refusal().clone().into())
        }
    }
}

/// Reads an Appendix 2 file, the official workbook or the CSV template, off the async runtime
/// within `limits` (see [`run_bounded`]). The file's size is checked before it is copied for
/// the reader.
pub async fn read_appendix2(
    bytes: &[u8],
    format: ImportFormat,
    limits: &ImportLimits,
) -> Result<(ControlCatalogue, ImportReport), ReadError> {
    check_size(bytes, limits)?;
    let owned = bytes.to_vec();
    let read_limits = limits.clone();
    run_bounded(limits, move |budget| {
        let meta = CatalogueMeta::official_v1_1(Some(sha256_hex(&owned)));
        match format {
            ImportFormat::Xlsx => read_appendix2_xlsx_limited(&owned, meta, &read_limits, budget),
            ImportFormat::Csv => read_appendix2_csv_limited(&owned, meta, &read_limits, budget),
        }
    })
    .await
}

#[cfg(test)]
mod tests {
    use std::sync::mpsc;

    use super::*;
    use crate::import::LimitExceeded;

    fn limit_of<T: std::fmt::Debug>(r: Result<T, ReadError>) -> LimitExceeded {
        match r {
            Err(ReadError::Limit(l)) => l,
            other => panic!("expected a limit, got {other:?}"),
        }
    }

    #[tokio::test]
    async fn the_waiting_side_stops_at_the_time_limit_even_if_the_reader_does_not() {
        let mut limits = ImportLimits::default();
        limits.time = Duration::from_millis(50);
        // A reader that ignores its budget: it waits for the test, which lets it go only
        // after the answer came back.
        let (release, wait) = mpsc::channel::<()>();
        let (done, finished) = mpsc::channel::<bool>();
        let r = run_bounded(&limits, move |budget| {
            let _ = wait.recv();
            let _ = done.send(budget.is_over());
            Ok(())
        })
        .await;
        let refusal = limit_of(r);
        assert_eq!((refusal.limit, refusal.value), (Limit::Time, 50));
        release.send(()).unwrap();
        // The abandoned reader finds its budget cancelled.
        let over = tokio::task::spawn_blocking(move || finished.recv().unwrap())
            .await
            .unwrap();
        assert!(over);
    }

    #[tokio::test]
    async fn a_cooperative_reader_stops_when_cancelled() {
        let mut limits = ImportLimits::default();
        limits.time = Duration::from_millis(20);
        let (done, finished) = mpsc::channel();
        let r: Result<(), _> = run_bounded(&limits, move |budget| {
            let out = loop {
                if let Err(e) = budget.check() {
                    break Err(ReadError::Limit(e));
                }
                std::thread::yield_now();
            };
            let _ = done.send(());
            out
        })
        .await;
        assert_eq!(limit_of(r).limit, Limit::Time);
        // It returned by itself (the receive would wait forever otherwise; the test harness
        // would then report a hang rather than a pass).
        tokio::task::spawn_blocking(move || finished.recv().unwrap())
            .await
            .unwrap();
    }

    #[tokio::test]
    async fn readers_take_turns_and_a_late_one_is_told_why() {
        let mut limits = ImportLimits::default().with_concurrency(1);
        limits.time = Duration::from_secs(30);
        let (release, wait) = mpsc::channel::<()>();
        let first_limits = limits.clone();
        let first = tokio::spawn(async move {
            run_bounded(&first_limits, move |_| {
                let _ = wait.recv();
                Ok(1)
            })
            .await
        });
        // Wait until the first reader holds the only turn.
        while limits.gate().available_permits() > 0 {
            tokio::task::yield_now().await;
        }
        let mut impatient = limits.clone();
        impatient.time = Duration::from_millis(30);
        let refusal = limit_of(run_bounded(&impatient, |_| Ok(2)).await);
        assert_eq!((refusal.limit, refusal.value), (Limit::Concurrent, 1));
        assert!(refusal.to_string().contains("try again"), "{refusal}");
        release.send(()).unwrap();
        assert_eq!(first.await.unwrap().unwrap(), 1);
        // The turn is free again.
        assert_eq!(run_bounded(&limits, |_| Ok(3)).await.unwrap(), 3);
    }

    #[tokio::test]
    async fn a_panicking_reader_is_an_internal_failure() {
        let limits = ImportLimits::default();
        let r: Result<(), _> = run_bounded(&limits, |_| panic!("boom")).await;
        assert!(matches!(r, Err(ReadError::Failed(_))), "{r:?}");
        // Its turn is given back.
        assert_eq!(
            limits.gate().available_permits(),
            limits.concurrent() as usize
        );
    }

    #[tokio::test]
    async fn a_file_over_the_size_limit_is_refused_before_it_is_copied() {
        let mut limits = ImportLimits::default();
        limits.file_bytes = 10;
        let refusal = limit_of(read_appendix2(&[b'a'; 11], ImportFormat::Csv, &limits).await);
        assert_eq!((refusal.limit, refusal.value), (Limit::FileSize, 10));
        assert!(refusal.is_too_large());
    }
}
