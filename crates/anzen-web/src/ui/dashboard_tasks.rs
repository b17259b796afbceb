//! The institution's home: what waits for its own step, each group with its count in the words
//! of the task and links to the items (the rules are in `anzen_domain::tasks`).

use anzen_app::tasks::{InstitutionTasks, TaskItem};

use crate::i18n::{self, Lang};

/// At most this many items of a group are linked on the dashboard; the rest are one click on.
const SHOWN: usize = 5;

/// One group of tasks.
#[derive(Debug, Clone)]
pub struct TaskGroup {
    pub id: &'static str,
    /// The count in the words of the task ("2 件のリスクが貴院の同意を待っています").
    pub heading: String,
    pub items: Vec<TaskLink>,
    /// Where all of them are (when more than are shown, or a page of their own).
    pub all_href: String,
    pub all_label: String,
}

#[derive(Debug, Clone)]
pub struct TaskLink {
    pub href: String,
    pub label: String,
}

/// The groups with something waiting, in the order an institution works through them.
pub fn groups(lang: Lang, tasks: &InstitutionTasks, disclosures_href: &str) -> Vec<TaskGroup> {
    let t = |key| i18n::t(lang, key);
    let count = |key, n: usize| t(key).replace("{n}", &n.to_string());
    let links = |items: &[TaskItem],
                 href: &dyn Fn(&TaskItem) -> String,
                 label: &dyn Fn(&TaskItem) -> String| {
        items
            .iter()
            .take(SHOWN)
            .map(|i| TaskLink {
                href: href(i),
                label: label(i),
            })
            .collect::<Vec<_>>()
    };
    let versioned = |key: &'static str| {
        move |i: &TaskItem| {
            let mut s = format!("{} v{}", t(key), i.version.unwrap_or(1));
            if !i.title.is_empty() {
                s.push_str(&format!(" · {}", i.title));
            }
            s
        }
    };
    let title = |i: &TaskItem| i.title.clone();
    let mut out = Vec::new();
    let mut push = |id, heading: String, items: Vec<TaskLink>, all_href: &str, total: usize| {
        out.push(TaskGroup {
            id,
            heading,
            all_label: if total > items.len() || items.is_empty() {
                t("tasks.open_all").to_owned()
            } else {
                String::new()
            },
            items,
            all_href: all_href.to_owned(),
        });
    };
    let r = &tasks.risks_to_consent;
    if !r.is_empty() {
        push(
            "risks-to-consent",
            count("tasks.risks_to_consent", r.len()),
            links(r, &|i| format!("/risks/{}", i.id), &title),
            "/risks",
            r.len(),
        );
    }
    let a = &tasks.agreements_to_sign;
    if !a.is_empty() {
        push(
            "agreements-to-sign",
            count("tasks.agreements_to_sign", a.len()),
            links(
                a,
                &|i| format!("/agreements/{}", i.id),
                &versioned("tasks.agreement"),
            ),
            "/contracts",
            a.len(),
        );
    }
    let o = &tasks.rules_to_agree;
    if !o.is_empty() {
        push(
            "rules-to-agree",
            count("tasks.rules_to_agree", o.len()),
            links(
                o,
                &|i| format!("/operational-rules/{}", i.id),
                &versioned("tasks.rules"),
            ),
            "/operational-rules",
            o.len(),
        );
    }
    let ia = &tasks.incidents_to_acknowledge;
    if !ia.is_empty() {
        push(
            "incidents-to-acknowledge",
            count("tasks.incidents_to_acknowledge", ia.len()),
            links(ia, &|i| format!("/incidents/{}", i.id), &title),
            "/incidents",
            ia.len(),
        );
    }
    let p = &tasks.prevention_to_answer;
    if !p.is_empty() {
        push(
            "prevention-to-answer",
            count("tasks.prevention_to_answer", p.len()),
            links(p, &|i| format!("/incidents/{}", i.id), &title),
            "/incidents",
            p.len(),
        );
    }
    let n = usize::try_from(tasks.notices_to_acknowledge).unwrap_or(0);
    if n > 0 {
        push(
            "notices-to-acknowledge",
            count("tasks.notices_to_acknowledge", n),
            Vec::new(),
            "/notifications",
            n,
        );
    }
    if tasks.disclosures_received > 0 && !disclosures_href.is_empty() {
        push(
            "disclosures-received",
            count("tasks.disclosures_received", tasks.disclosures_received),
            Vec::new(),
            disclosures_href,
            tasks.disclosures_received,
        );
    }
    out
}
