//! The chain diagram of one offering (GL 2.2, FAQ 2.1) as a server-rendered SVG.
//!
//! Two pure steps, so that both can be tested and benchmarked without a server:
//! [`Diagram::from_picture`] turns the use-case's [`ChainPicture`] into a view model (boxes
//! by row, edges with their labels, the legend, every text already in the page's
//! language), and [`render_svg`] turns the view model into an SVG string. Every text is
//! escaped; the SVG uses presentation attributes (`fill=`, `stroke=`, …) only, never a
//! `style` attribute, so it passes the content security policy.
//!
//! Layout: the institution (when one is chosen) on the first row, the offering and its
//! provider below it, then the components of the offering, then the components of the
//! suppliers' offerings, and so on, one row per level of the chain. Within a row the boxes
//! are ordered by layer (application, platform, infrastructure), then by code. A supplier
//! offering used by several offerings is drawn once, at the shallowest level that uses it.
//! Edges run from the offering that uses a component to the component, labelled with the
//! component code, who selected the supplier and who holds the contract; a component the
//! provider cannot see into (FAQ 2.1 R3, "unknown infrastructure") is drawn dashed. The
//! drawing itself is in [`svg`]: boxes as wide as their longest text, long text wrapped.

use std::collections::HashMap;

use anzen_app::chain::ChainPicture;
use anzen_domain::chain::{ChainRole, ComponentAssessment, Visibility};
use anzen_domain::ids::{OfferingId, OrgId, SupplyLinkId};
use anzen_domain::supply::{ComponentCode, Layer, SupplyLink};

use crate::i18n::{self, Lang};
use crate::ui::common::label;

mod svg;
pub use svg::{esc, render_svg};

/// How a box is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BoxStyle {
    /// The viewed offering and its provider (provider A).
    Offering,
    /// A component of one of the layers.
    Layer(Layer),
    /// The medical institution chosen for the assessment.
    Institution,
}

impl BoxStyle {
    /// (fill, stroke) colours.
    const fn colours(self) -> (&'static str, &'static str) {
        match self {
            BoxStyle::Offering => ("#e8eef9", "#2f5597"),
            BoxStyle::Layer(Layer::Application) => ("#eaf4fb", "#1f6fa8"),
            BoxStyle::Layer(Layer::Platform) => ("#edf7ec", "#2e7d32"),
            BoxStyle::Layer(Layer::Infrastructure) => ("#fdf3e6", "#a05a00"),
            BoxStyle::Institution => ("#f5ecfa", "#7b3fa0"),
        }
    }

    const fn order(self) -> u8 {
        match self {
            BoxStyle::Institution => 0,
            BoxStyle::Offering => 1,
            BoxStyle::Layer(Layer::Application) => 2,
            BoxStyle::Layer(Layer::Platform) => 3,
            BoxStyle::Layer(Layer::Infrastructure) => 4,
        }
    }
}

/// One box of the diagram.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiagramBox {
    /// The row, 0 at the top.
    pub row: u32,
    pub style: BoxStyle,
    /// The first line, in bold (the code and layer, or the offering's name).
    pub heading: String,
    /// The lines below it (the party, its role, its offering, who manages its risks).
    pub lines: Vec<String>,
    /// FAQ 2.1 R3: the provider cannot see into the component; drawn dashed.
    pub unknown: bool,
    /// The whole text in one line, for the tooltip (`<title>`).
    pub tooltip: String,
    /// Sort key within the row.
    pub sort: String,
}

/// One edge: `from` uses `to` (positions in [`Diagram::boxes`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiagramEdge {
    pub from: usize,
    pub to: usize,
    pub label: Vec<String>,
    pub dashed: bool,
    pub tooltip: String,
}

/// A swatch of the legend.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Swatch {
    Box(BoxStyle),
    /// A dashed box and line: unknown infrastructure.
    Unknown,
    /// A solid line: a supply link.
    Link,
}

/// The view model of one diagram, every text in the page's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagram {
    pub title: String,
    pub description: String,
    pub boxes: Vec<DiagramBox>,
    pub edges: Vec<DiagramEdge>,
    pub legend: Vec<(Swatch, String)>,
}

/// What a key of the diagram names: an offering, or a supplier recorded without its offering
/// (one box per such link).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Key {
    Offering(OfferingId),
    Link(SupplyLinkId),
}

const fn code_order(c: ComponentCode) -> u8 {
    match c {
        ComponentCode::A1 => 0,
        ComponentCode::A2 => 1,
        ComponentCode::P1 => 2,
        ComponentCode::P2 => 3,
        ComponentCode::I1 => 4,
        ComponentCode::I2 => 5,
    }
}

fn t(lang: Lang, key: &'static str) -> &'static str {
    i18n::t(lang, key)
}

/// The names of a picture, with a fallback for a name that is not known.
pub(crate) struct PictureNames<'a> {
    lang: Lang,
    orgs: HashMap<OrgId, &'a str>,
    offerings: HashMap<OfferingId, &'a str>,
}

impl<'a> PictureNames<'a> {
    pub(crate) fn new(lang: Lang, picture: &'a ChainPicture) -> Self {
        Self {
            lang,
            orgs: picture
                .org_names
                .iter()
                .map(|(id, n)| (*id, n.as_str()))
                .collect(),
            offerings: picture
                .offering_names
                .iter()
                .map(|(id, n)| (*id, n.as_str()))
                .collect(),
        }
    }

    pub(crate) fn org(&self, id: OrgId) -> String {
        match self.orgs.get(&id) {
            Some(n) => (*n).to_owned(),
            None => format!("{} {}", t(self.lang, "chain.unnamed_org"), short_id(id)),
        }
    }

    pub(crate) fn offering(&self, id: OfferingId) -> String {
        match self.offerings.get(&id) {
            Some(n) => (*n).to_owned(),
            None => format!(
                "{} {}",
                t(self.lang, "chain.unnamed_offering"),
                short_id(id)
            ),
        }
    }
}

fn short_id(id: impl std::fmt::Display) -> String {
    id.to_string().chars().take(8).collect()
}

impl Diagram {
    /// The view model of a picture (with the chosen institution and who manages each
    /// component when the picture carries an assessment).
    pub fn from_picture(lang: Lang, picture: &ChainPicture) -> Diagram {
        let names = PictureNames::new(lang, picture);
        let assessed: HashMap<SupplyLinkId, &ComponentAssessment> = picture
            .assessment
            .iter()
            .flat_map(|a| a.components.iter())
            .filter_map(|c| c.link.map(|l| (l, c)))
            .collect();
        let role = |r: ChainRole| label(lang, r.label_ja(), r.label_en());
        let mut boxes: Vec<DiagramBox> = Vec::new();
        let mut index: HashMap<Key, usize> = HashMap::new();
        let top = u32::from(picture.institution.is_some());
        if let Some(inst) = picture.institution {
            let name = names.org(inst);
            boxes.push(DiagramBox {
                row: 0,
                style: BoxStyle::Institution,
                heading: name.clone(),
                lines: vec![role(ChainRole::Institution).to_owned()],
                unknown: false,
                tooltip: format!("{name} — {}", role(ChainRole::Institution)),
                sort: String::new(),
            });
        }
        let root_name = names.offering(picture.offering);
        let provider = names.org(picture.provider);
        let root = boxes.len();
        boxes.push(DiagramBox {
            row: top,
            style: BoxStyle::Offering,
            heading: root_name.clone(),
            lines: vec![provider.clone(), role(ChainRole::Provider).to_owned()],
            unknown: false,
            tooltip: format!("{root_name} — {provider} ({})", role(ChainRole::Provider)),
            sort: String::new(),
        });
        index.insert(Key::Offering(picture.offering), root);
        let mut edges: Vec<DiagramEdge> = Vec::new();
        if picture.institution.is_some() {
            edges.push(DiagramEdge {
                from: 0,
                to: root,
                label: vec![t(lang, "chain.edge.contracts").to_owned()],
                dashed: false,
                tooltip: t(lang, "chain.edge.contracts").to_owned(),
            });
        }
        // The links of each offering that uses components, in a stable order.
        let mut by_consumer: HashMap<OfferingId, Vec<&SupplyLink>> = HashMap::new();
        for l in &picture.links {
            by_consumer.entry(l.offering).or_default().push(l);
        }
        for list in by_consumer.values_mut() {
            list.sort_by_key(|l| (code_order(l.code), l.supplier, l.id));
        }
        // Breadth-first from the viewed offering; consumers the walk never reaches (links a
        // partner sees without the offering above them) start their own row below.
        let mut queue: Vec<OfferingId> = vec![picture.offering];
        let mut orphans: Vec<OfferingId> = by_consumer
            .keys()
            .copied()
            .filter(|o| *o != picture.offering)
            .collect();
        orphans.sort();
        let mut head = 0;
        let mut managed: HashMap<usize, Vec<String>> = HashMap::new();
        loop {
            if head == queue.len() {
                // Attach consumers not reached yet, one at a time.
                let Some(next) = orphans
                    .iter()
                    .copied()
                    .find(|o| !index.contains_key(&Key::Offering(*o)))
                else {
                    break;
                };
                let name = names.offering(next);
                index.insert(Key::Offering(next), boxes.len());
                boxes.push(DiagramBox {
                    row: top + 1,
                    style: BoxStyle::Offering,
                    heading: name.clone(),
                    lines: Vec::new(),
                    unknown: false,
                    tooltip: name.clone(),
                    sort: name,
                });
                queue.push(next);
                continue;
            }
            let consumer = queue[head];
            head += 1;
            let from = index[&Key::Offering(consumer)];
            let row = boxes[from].row + 1;
            let Some(links) = by_consumer.get(&consumer) else {
                continue;
            };
            for l in links {
                let key = match l.supplier_offering {
                    Some(o) => Key::Offering(o),
                    None => Key::Link(l.id),
                };
                let assessment = assessed.get(&l.id).copied();
                let unknown = l.visibility == Visibility::Unknown
                    || assessment.is_some_and(|a| a.unknown_infrastructure);
                let to = match index.get(&key) {
                    Some(&i) => i,
                    None => {
                        let supplier = names.org(l.supplier);
                        let mut lines =
                            vec![supplier.clone(), role(ChainRole::Supplier).to_owned()];
                        if let Some(o) = l.supplier_offering {
                            lines.push(names.offering(o));
                        }
                        let layer = l.code.layer();
                        let heading = format!(
                            "{} · {}",
                            l.code.code(),
                            label(lang, layer.label_ja(), layer.label_en())
                        );
                        let tooltip = format!("{heading} — {}", lines.join(" / "));
                        let i = boxes.len();
                        boxes.push(DiagramBox {
                            row,
                            style: BoxStyle::Layer(layer),
                            heading,
                            lines,
                            unknown: false,
                            tooltip,
                            sort: format!("{}{}", code_order(l.code), supplier),
                        });
                        if let Some(o) = l.supplier_offering {
                            queue.push(o);
                        }
                        index.insert(key, i);
                        i
                    }
                };
                if unknown {
                    boxes[to].unknown = true;
                }
                if let Some(a) = assessment {
                    let who = if a.managed_by.role == ChainRole::Institution {
                        t(lang, "chain.managed.institution")
                    } else {
                        t(lang, "chain.managed.provider")
                    };
                    let list = managed.entry(to).or_default();
                    if !list.iter().any(|w| w == who) {
                        list.push(who.to_owned());
                    }
                }
                let selected = names.org(l.selected_by);
                let holder = names.org(l.contract_holder);
                let label_lines = vec![
                    format!(
                        "{} {} {selected}",
                        l.code.code(),
                        t(lang, "chain.edge.selected_by")
                    ),
                    format!("{} {holder}", t(lang, "chain.edge.contract_holder")),
                ];
                let mut tooltip = label_lines.join(" / ");
                if let Some(a) = assessment {
                    tooltip.push_str(&format!(
                        " / {}",
                        label(lang, a.case.label_ja(), a.case.label_en())
                    ));
                }
                edges.push(DiagramEdge {
                    from,
                    to,
                    label: label_lines,
                    dashed: unknown,
                    tooltip,
                });
            }
        }
        for (i, who) in managed {
            let line = format!("{} {}", t(lang, "chain.managed.by"), who.join(" / "));
            boxes[i].tooltip.push_str(&format!(" / {line}"));
            boxes[i].lines.push(line);
        }
        for b in &mut boxes {
            if b.unknown {
                let marker = t(lang, "chain.unknown_marker").to_owned();
                b.tooltip.push_str(&format!(" / {marker}"));
                b.lines.push(marker);
            }
        }
        let legend = vec![
            (
                Swatch::Box(BoxStyle::Offering),
                t(lang, "chain.legend.offering").to_owned(),
            ),
            (
                Swatch::Box(BoxStyle::Layer(Layer::Application)),
                t(lang, "chain.legend.application").to_owned(),
            ),
            (
                Swatch::Box(BoxStyle::Layer(Layer::Platform)),
                t(lang, "chain.legend.platform").to_owned(),
            ),
            (
                Swatch::Box(BoxStyle::Layer(Layer::Infrastructure)),
                t(lang, "chain.legend.infrastructure").to_owned(),
            ),
            (
                Swatch::Box(BoxStyle::Institution),
                t(lang, "chain.legend.institution").to_owned(),
            ),
            (Swatch::Link, t(lang, "chain.legend.link").to_owned()),
            (Swatch::Unknown, t(lang, "chain.legend.unknown").to_owned()),
        ];
        Diagram {
            title: format!("{} — {root_name}", t(lang, "chain.title")),
            description: format!(
                "{} {}",
                t(lang, "chain.svg_description"),
                t(lang, "chain.table_alternative")
            ),
            boxes,
            edges,
            legend,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use anzen_domain::chain::{
        ChainComponent, ChainView, DirectContract, Visibility as V, classify,
    };
    use uuid::Uuid;

    fn org(n: u128) -> OrgId {
        OrgId::from_uuid(Uuid::from_u128(n))
    }
    fn off(n: u128) -> OfferingId {
        OfferingId::from_uuid(Uuid::from_u128(0x100 + n))
    }

    fn link(
        n: u128,
        offering: OfferingId,
        code: ComponentCode,
        supplier: OrgId,
        supplier_offering: Option<OfferingId>,
        by: OrgId,
        visibility: V,
    ) -> SupplyLink {
        SupplyLink {
            id: SupplyLinkId::from_uuid(Uuid::from_u128(0x900 + n)),
            owner: by,
            offering,
            code,
            supplier,
            supplier_offering,
            selected_by: by,
            contract_holder: by,
            visibility,
            description: None,
            created_at: "2026-01-01T00:00:00Z".parse().unwrap(),
        }
    }

    /// A: EHR on B's PaaS (which runs on C's IaaS, shared with D's API) and on an unknown
    /// line of E; names with markup in them.
    fn picture(with_institution: bool) -> ChainPicture {
        let (a, b, c, d, e, h) = (org(1), org(2), org(3), org(4), org(5), org(9));
        let links = vec![
            link(1, off(1), ComponentCode::P1, b, Some(off(2)), a, V::Known),
            link(2, off(1), ComponentCode::A1, d, Some(off(4)), a, V::Known),
            link(3, off(2), ComponentCode::I1, c, Some(off(3)), b, V::Known),
            link(4, off(4), ComponentCode::I1, c, Some(off(3)), d, V::Known),
            link(5, off(1), ComponentCode::I1, e, None, a, V::Unknown),
        ];
        let assessment = with_institution.then(|| {
            classify(&ChainView {
                offering: off(1),
                provider: a,
                institution: h,
                institution_contracts: vec![DirectContract {
                    provider: a,
                    offering: Some(off(1)),
                }],
                components: links
                    .iter()
                    .map(|l| ChainComponent::from_link(l, l.visibility))
                    .collect(),
            })
            .unwrap()
        });
        ChainPicture {
            offering: off(1),
            provider: a,
            links,
            institution: with_institution.then_some(h),
            assessment,
            network: None,
            org_names: vec![
                (a, "さくら<script>alert(1)</script>".into()),
                (b, "B & Co".into()),
                (c, "ひのき\"IaaS\"".into()),
                (d, "D".into()),
                (h, "みなと総合病院".into()),
            ],
            offering_names: vec![
                (off(1), "クラウド電子カルテ".into()),
                (off(2), "PaaS".into()),
                (off(3), "東京リージョン".into()),
            ],
        }
    }

    #[test]
    fn boxes_by_level_with_a_shared_offering_drawn_once() {
        let d = Diagram::from_picture(Lang::Ja, &picture(false));
        // Root, B's PaaS, D's API, E's line, C's region (once, under both).
        assert_eq!(d.boxes.len(), 5);
        assert_eq!(d.edges.len(), 5);
        assert_eq!(d.boxes[0].style, BoxStyle::Offering);
        let region = d
            .boxes
            .iter()
            .position(|b| b.lines.iter().any(|l| l == "東京リージョン"))
            .unwrap();
        assert_eq!(d.boxes[region].row, 2);
        assert_eq!(d.edges.iter().filter(|e| e.to == region).count(), 2);
        let line = d.boxes.iter().find(|b| b.unknown).unwrap();
        assert_eq!(line.row, 1);
        assert!(line.heading.starts_with("I1"));
        assert!(d.edges.iter().any(|e| e.dashed));
    }

    #[test]
    fn an_institution_adds_a_row_and_who_manages_each_component() {
        let d = Diagram::from_picture(Lang::En, &picture(true));
        assert_eq!(d.boxes[0].style, BoxStyle::Institution);
        assert_eq!(d.boxes[0].heading, "みなと総合病院");
        assert_eq!(d.boxes[1].row, 1);
        assert!(
            d.boxes
                .iter()
                .filter(|b| matches!(b.style, BoxStyle::Layer(_)))
                .all(|b| b.lines.iter().any(|l| l.starts_with("Risks managed by")))
        );
    }

    #[test]
    fn the_svg_escapes_text_and_has_no_style_or_script() {
        let svg = render_svg(&Diagram::from_picture(Lang::Ja, &picture(true)));
        assert!(svg.starts_with("<svg "), "{svg}");
        assert!(svg.ends_with("</svg>"));
        assert!(!svg.contains("<script"), "{svg}");
        assert!(svg.contains("&lt;script&gt;"));
        assert!(svg.contains("B &amp; Co"));
        assert!(!svg.contains("style="));
        assert!(svg.contains("stroke-dasharray"));
        assert!(svg.contains("<title id=\"chain-svg-title\">"));
        // Every opened group is closed.
        assert_eq!(svg.matches("<g ").count(), svg.matches("</g>").count());
        // Pure: the same model gives the same string.
        assert_eq!(
            svg,
            render_svg(&Diagram::from_picture(Lang::Ja, &picture(true)))
        );
    }

    #[test]
    fn long_names_are_wrapped_in_a_wider_box_never_shortened() {
        let mut p = picture(true);
        let long = "とても長い名前の医療情報クラウド基盤サービス株式会社 東日本データセンター";
        p.org_names.push((org(5), long.into()));
        let svg = render_svg(&Diagram::from_picture(Lang::Ja, &p));
        assert!(!svg.contains('…'), "nothing is shortened");
        // The name is there whole, over two lines of its box.
        let texts: Vec<&str> = svg
            .split("<text ")
            .skip(1)
            .map(|t| &t[t.find('>').unwrap() + 1..t.find("</text>").unwrap()])
            .collect();
        let joined = texts.concat();
        assert!(
            joined.contains(&long.replace(' ', "")) || joined.contains(long),
            "{texts:?}"
        );
        // Boxes are wider than the narrowest for these names.
        let width = |s: &str| -> f64 {
            let w = &s[s.find("width=\"").unwrap() + 7..];
            w[..w.find('"').unwrap()].parse().unwrap()
        };
        let first_box = &svg[svg.find("<g class=\"chain-box").unwrap()..];
        let first_rect = &first_box[first_box.find("<rect").unwrap()..];
        assert!(width(first_rect) > 200.0, "{first_rect}");
    }

    #[test]
    fn an_offering_without_components_is_one_box() {
        let mut p = picture(false);
        p.links.clear();
        let d = Diagram::from_picture(Lang::Ja, &p);
        assert_eq!(d.boxes.len(), 1);
        let svg = render_svg(&d);
        assert!(svg.contains("クラウド電子カルテ"));
    }
}
