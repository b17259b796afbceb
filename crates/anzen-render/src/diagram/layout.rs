//! Where each box of the two drawings goes, decided here and not in the template so that the
//! same data always gives the same picture and the placement is tested.
//!
//! A drawing is a grid of slots: `x` counts box widths from the left (a half slot centres a
//! short row), `row` counts rows from the top. The template measures the boxes' text at the
//! slot width and turns slots into coordinates: a row is as tall as its tallest box, so no
//! text is ever cut off, and a drawing taller than the page is scaled down as a whole (the
//! tables after it hold every text at full size).
//!
//! - The configuration (GL 5.1.1): one column per kind of component used, left to right from
//!   the terminals and media the staff handle to the lines, applications, servers, storage
//!   and external services; within a column, the provider's order, [`MAX_PER_COLUMN`] at
//!   most before the kind continues in a further column. A flow is drawn as arrows
//!   between the components it passes through, one arrow per pair, labelled with every flow
//!   that takes it (`F1・F3`).
//! - The supply chain (GL 2.2): the institution at the top when there is one, then the
//!   offering, then each level of the chain below it (breadth first; a node reached twice
//!   stays at its shallowest level); within a level by layer (application, platform,
//!   infrastructure), heading and key. A level wider than [`MAX_PER_ROW`] continues on the
//!   next row. Arrows run from the user of a component to the component, labelled with the
//!   link's number and code (`L2 P1`).

use std::collections::{BTreeMap, HashMap, VecDeque};

use serde::Serialize;

use super::{ChainLink, ChainNode, ConfigComponent, ConfigFlow, NodeKind};

/// The most boxes side by side (A4 landscape keeps them legible).
pub const MAX_PER_ROW: usize = 5;

/// The most components of one kind stacked in a column of the configuration; more continue
/// in the next column.
pub const MAX_PER_COLUMN: usize = 8;

/// A box's style, which the template maps to colours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Style {
    Component,
    Institution,
    Offering,
    Application,
    Platform,
    Infrastructure,
}

/// One box placed in the grid.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlacedBox {
    /// Slots from the left edge.
    pub x: f64,
    pub row: u32,
    pub style: Style,
    /// The first line, in bold.
    pub heading: String,
    /// The lines below it.
    pub lines: Vec<String>,
    /// Drawn with a dashed border.
    pub dashed: bool,
}

/// An arrow from one box to another (positions in [`Drawing::boxes`]).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Arrow {
    pub from: usize,
    pub to: usize,
    pub label: String,
    pub dashed: bool,
}

/// A drawing: its boxes, its arrows and how many slots wide it is.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Drawing {
    pub columns: usize,
    pub rows: u32,
    /// Arrows leave and enter boxes at their sides (`true`, the configuration: left to right)
    /// or at their top and bottom (`false`, the chain: top to bottom).
    pub horizontal: bool,
    pub boxes: Vec<PlacedBox>,
    pub arrows: Vec<Arrow>,
}

/// The number a reader finds a flow by: `F1`, `F2` … in the document's order.
pub fn flow_number(i: usize) -> String {
    format!("F{}", i + 1)
}

/// The number a reader finds a link by: `L1`, `L2` … in the document's order.
pub fn link_number(i: usize) -> String {
    format!("L{}", i + 1)
}

/// The configuration drawing.
pub fn configuration(components: &[ConfigComponent], flows: &[ConfigFlow]) -> Drawing {
    // Each kind's column, widened to several slots side by side when it holds more than
    // MAX_PER_COLUMN components.
    let mut count: BTreeMap<u32, usize> = BTreeMap::new();
    let mut seen: Vec<&str> = Vec::new();
    for c in components {
        if !seen.contains(&c.key.as_str()) {
            seen.push(c.key.as_str());
            *count.entry(c.kind.column()).or_default() += 1;
        }
    }
    let mut first_slot: BTreeMap<u32, usize> = BTreeMap::new();
    let mut columns = 0;
    for (&column, &n) in &count {
        first_slot.insert(column, columns);
        columns += n.div_ceil(MAX_PER_COLUMN);
    }
    let mut placed: HashMap<u32, usize> = HashMap::new();
    let mut index: HashMap<&str, usize> = HashMap::new();
    let mut boxes = Vec::with_capacity(components.len());
    let mut rows = 0;
    for c in components {
        if index.contains_key(c.key.as_str()) {
            continue;
        }
        let column = c.kind.column();
        let k = placed.entry(column).or_insert(0);
        let x = first_slot.get(&column).copied().unwrap_or(0) + *k / MAX_PER_COLUMN;
        let row = u32::try_from(*k % MAX_PER_COLUMN).unwrap_or(0);
        rows = rows.max(row + 1);
        *k += 1;
        let mut lines = vec![format!("{}・{}", c.kind.label(), c.environment)];
        lines.extend(c.location.clone());
        index.insert(c.key.as_str(), boxes.len());
        boxes.push(PlacedBox {
            x: x as f64,
            row,
            style: Style::Component,
            heading: c.name.clone(),
            lines,
            dashed: false,
        });
    }
    // One arrow per ordered pair of components, labelled with every flow over it.
    let mut pairs: BTreeMap<(usize, usize), Vec<String>> = BTreeMap::new();
    for (i, f) in flows.iter().enumerate() {
        let path: Vec<usize> = f
            .components
            .iter()
            .filter_map(|k| index.get(k.as_str()).copied())
            .collect();
        for w in path.windows(2) {
            if w[0] != w[1] {
                let names = pairs.entry((w[0], w[1])).or_default();
                if !names.contains(&flow_number(i)) {
                    names.push(flow_number(i));
                }
            }
        }
    }
    let arrows = pairs
        .into_iter()
        .map(|((from, to), names)| Arrow {
            from,
            to,
            label: names.join("・"),
            dashed: false,
        })
        .collect();
    Drawing {
        columns: columns.max(1),
        rows,
        horizontal: true,
        boxes,
        arrows,
    }
}

const fn kind_order(k: NodeKind) -> u8 {
    match k {
        NodeKind::Institution => 0,
        NodeKind::Offering => 1,
        NodeKind::Application => 2,
        NodeKind::Platform => 3,
        NodeKind::Infrastructure => 4,
    }
}

const fn style_of(k: NodeKind) -> Style {
    match k {
        NodeKind::Institution => Style::Institution,
        NodeKind::Offering => Style::Offering,
        NodeKind::Application => Style::Application,
        NodeKind::Platform => Style::Platform,
        NodeKind::Infrastructure => Style::Infrastructure,
    }
}

/// The supply-chain drawing.
pub fn chain(nodes: &[ChainNode], links: &[ChainLink]) -> Drawing {
    let mut index: HashMap<&str, usize> = HashMap::new();
    for (i, n) in nodes.iter().enumerate() {
        index.entry(n.key.as_str()).or_insert(i);
    }
    let is_inst = |i: usize| nodes[i].kind == NodeKind::Institution;
    let edges: Vec<(usize, usize, usize)> = links
        .iter()
        .enumerate()
        .filter_map(|(k, l)| Some((k, *index.get(l.from.as_str())?, *index.get(l.to.as_str())?)))
        .collect();
    // Levels: institutions 0; nodes no other (non-institution) node points at start level 1
    // (level 0 when there is no institution); then breadth first.
    let top = u32::from(nodes.iter().any(|n| n.kind == NodeKind::Institution));
    let mut level: Vec<Option<u32>> = vec![None; nodes.len()];
    let mut queue = VecDeque::new();
    for (i, slot) in level.iter_mut().enumerate() {
        if index.get(nodes[i].key.as_str()) != Some(&i) {
            continue; // a repeated key: drawn once, at its first node
        }
        if is_inst(i) {
            *slot = Some(0);
        } else if !edges
            .iter()
            .any(|&(_, f, t)| t == i && !is_inst(f) && f != i)
        {
            *slot = Some(top);
            queue.push_back(i);
        }
    }
    let visit = |queue: &mut VecDeque<usize>, level: &mut Vec<Option<u32>>| {
        while let Some(n) = queue.pop_front() {
            let next = level[n].unwrap_or(top) + 1;
            for &(_, f, t) in &edges {
                if f == n && level[t].is_none() {
                    level[t] = Some(next);
                    queue.push_back(t);
                }
            }
        }
    };
    visit(&mut queue, &mut level);
    // Nodes only a cycle reaches: start below everything placed so far, in their order.
    while let Some(i) = (0..nodes.len())
        .find(|&i| level[i].is_none() && index.get(nodes[i].key.as_str()) == Some(&i))
    {
        level[i] = Some(level.iter().flatten().max().map_or(top, |m| m + 1));
        queue.push_back(i);
        visit(&mut queue, &mut level);
    }
    let mut by_level: BTreeMap<u32, Vec<usize>> = BTreeMap::new();
    for (i, l) in level.iter().enumerate() {
        if let Some(l) = l {
            by_level.entry(*l).or_default().push(i);
        }
    }
    let mut slot: Vec<Option<usize>> = vec![None; nodes.len()];
    let mut boxes = Vec::new();
    let mut row = 0u32;
    let widest = by_level
        .values()
        .map(|m| m.len().min(MAX_PER_ROW))
        .max()
        .unwrap_or(1)
        .max(1);
    for members in by_level.values_mut() {
        members.sort_by(|&a, &b| {
            let (na, nb) = (&nodes[a], &nodes[b]);
            (kind_order(na.kind), &na.heading, &na.organisation, &na.key).cmp(&(
                kind_order(nb.kind),
                &nb.heading,
                &nb.organisation,
                &nb.key,
            ))
        });
        for chunk in members.chunks(MAX_PER_ROW) {
            let offset = (widest - chunk.len()) as f64 / 2.0;
            for (k, &i) in chunk.iter().enumerate() {
                let n = &nodes[i];
                let mut lines = vec![n.organisation.clone(), n.role.clone()];
                lines.extend(n.offering.clone().filter(|o| *o != n.heading));
                lines.extend(n.managed_by.iter().map(|m| format!("リスク管理: {m}")));
                if n.unknown {
                    lines.push(UNKNOWN_MARK.to_string());
                }
                slot[i] = Some(boxes.len());
                boxes.push(PlacedBox {
                    x: offset + k as f64,
                    row,
                    style: style_of(n.kind),
                    heading: n.heading.clone(),
                    lines,
                    dashed: n.unknown,
                });
            }
            row += 1;
        }
    }
    let arrows = edges
        .iter()
        .filter_map(|&(k, f, t)| {
            let l = &links[k];
            let label = match &l.code {
                Some(c) => format!("{} {c}", link_number(k)),
                None => format!("{} {}", link_number(k), l.role),
            };
            Some(Arrow {
                from: slot[f]?,
                to: slot[t]?,
                label,
                dashed: l.unknown,
            })
        })
        .collect();
    Drawing {
        columns: widest,
        rows: row,
        horizontal: false,
        boxes,
        arrows,
    }
}

/// The line on a box the provider cannot see into (FAQ 2.1 R3).
pub const UNKNOWN_MARK: &str = "把握できない構成要素（FAQ 2.1）";

#[cfg(test)]
mod tests {
    use super::super::ComponentKind;
    use super::*;

    fn comp(key: &str, kind: ComponentKind) -> ConfigComponent {
        ConfigComponent {
            key: key.into(),
            name: format!("名前{key}"),
            kind,
            environment: "本番環境".into(),
            location: None,
        }
    }

    fn flow(path: &[&str]) -> ConfigFlow {
        ConfigFlow {
            key: path.join("-"),
            who: "医師".into(),
            place: "診察室".into(),
            device: "端末".into(),
            what: "診療録".into(),
            how: "閲覧".into(),
            class: "患者個人情報等".into(),
            environment: "本番環境".into(),
            components: path.iter().map(|s| s.to_string()).collect(),
        }
    }

    #[test]
    fn configuration_columns_by_kind_and_one_arrow_per_pair() {
        let cs = [
            comp("srv", ComponentKind::Server),
            comp("pc", ComponentKind::Terminal),
            comp("pc2", ComponentKind::Terminal),
            comp("db", ComponentKind::Storage),
        ];
        let fs = [
            flow(&["pc", "srv", "db"]),
            flow(&["pc", "srv"]),
            flow(&["pc2", "nope", "db"]),
        ];
        let d = configuration(&cs, &fs);
        // Terminal, server, storage: three columns, none for unused kinds.
        assert_eq!(d.columns, 3);
        assert_eq!(d.rows, 2);
        let xs: Vec<(f64, u32)> = d.boxes.iter().map(|b| (b.x, b.row)).collect();
        assert_eq!(xs, vec![(1.0, 0), (0.0, 0), (0.0, 1), (2.0, 0)]);
        let labels: Vec<(usize, usize, &str)> = d
            .arrows
            .iter()
            .map(|a| (a.from, a.to, a.label.as_str()))
            .collect();
        // pc→srv by F1 and F2 once; srv→db by F1; pc2→db by F3 (the unknown key skipped).
        assert_eq!(labels, vec![(0, 3, "F1"), (1, 0, "F1・F2"), (2, 3, "F3")]);
    }

    #[test]
    fn a_crowded_kind_continues_in_the_next_column() {
        let mut cs: Vec<ConfigComponent> = (0..MAX_PER_COLUMN + 2)
            .map(|i| comp(&format!("s{i}"), ComponentKind::Server))
            .collect();
        cs.push(comp("db", ComponentKind::Storage));
        let d = configuration(&cs, &[]);
        assert_eq!(d.columns, 3);
        assert_eq!(d.rows, u32::try_from(MAX_PER_COLUMN).unwrap());
        assert_eq!(
            (d.boxes[MAX_PER_COLUMN].x, d.boxes[MAX_PER_COLUMN].row),
            (1.0, 0)
        );
        assert_eq!(d.boxes.last().unwrap().x, 2.0);
    }

    fn node(key: &str, kind: NodeKind) -> ChainNode {
        ChainNode {
            key: key.into(),
            kind,
            heading: key.into(),
            organisation: format!("{key}社"),
            role: "構成要素を提供する事業者".into(),
            offering: None,
            managed_by: None,
            unknown: false,
        }
    }

    fn link(from: &str, to: &str) -> ChainLink {
        ChainLink {
            key: format!("{from}>{to}"),
            from: from.into(),
            to: to.into(),
            code: Some("I1".into()),
            role: "I1 IaaS・通信回線".into(),
            description: None,
            selected_by: None,
            contract_holder: None,
            case: None,
            unknown: false,
        }
    }

    #[test]
    fn chain_levels_breadth_first_with_a_shared_node_once_and_wide_levels_wrapped() {
        let mut nodes = vec![
            node("inst", NodeKind::Institution),
            node("root", NodeKind::Offering),
            node("paas", NodeKind::Platform),
            node("api", NodeKind::Application),
            node("iaas", NodeKind::Infrastructure),
        ];
        let mut links = vec![
            link("inst", "root"),
            link("root", "paas"),
            link("root", "api"),
            link("paas", "iaas"),
            link("api", "iaas"),
            link("root", "iaas"), // also used directly: level 2, not 3
        ];
        let d = chain(&nodes, &links);
        let at = |k: &str| {
            let b = d.boxes.iter().find(|b| b.heading == k).unwrap();
            (b.row, b.x)
        };
        assert_eq!(at("inst").0, 0);
        assert_eq!(at("root").0, 1);
        // Level 2 ordered by layer: application, platform, infrastructure.
        assert_eq!(at("api"), (2, 0.0));
        assert_eq!(at("paas"), (2, 1.0));
        assert_eq!(at("iaas"), (2, 2.0));
        assert_eq!(d.columns, 3);
        assert_eq!(d.arrows.len(), 6);
        assert_eq!(d.arrows[1].label, "L2 I1");
        // Seven infrastructure nodes under the root: two rows of at most five.
        for i in 0..7 {
            let k = format!("n{i}");
            nodes.push(node(&k, NodeKind::Infrastructure));
            links.push(link("root", &k));
        }
        let d = chain(&nodes, &links);
        assert_eq!(d.columns, MAX_PER_ROW);
        assert_eq!(d.rows, 4);
        assert!(d.boxes.iter().all(|b| b.x + 1.0 <= d.columns as f64));
    }

    #[test]
    fn a_cycle_and_an_unknown_component_are_still_drawn() {
        let mut a = node("a", NodeKind::Offering);
        a.unknown = true;
        let nodes = vec![a, node("b", NodeKind::Platform)];
        let links = vec![link("a", "b"), link("b", "a")];
        let d = chain(&nodes, &links);
        assert_eq!(d.boxes.len(), 2);
        assert_eq!(d.arrows.len(), 2);
        assert!(d.boxes[0].dashed || d.boxes[1].dashed);
        assert!(
            d.boxes
                .iter()
                .any(|b| b.lines.iter().any(|l| l == UNKNOWN_MARK))
        );
    }
}
