//! The rule texts of the provision forms (FAQ 2, 2.1; GL 2.2.1–2.2.3), as data.
//!
//! Each constant cites its rule id of the domain notes (§15) or its guideline section.
//! Texts whose reading is anzen's own (a case the FAQ leaves open) are marked
//! [`Confidence::Inferred`](crate::chain::Confidence::Inferred) and say so.

use super::rule::rule_text;

// ── Forms of the whole chain ────────────────────────────────────────────────────────────

rule_text!(
    /// GL 2.2.1 (Fig. 2-2): one provider. The 2.2.1 body text is only partly known (notes §2.1).
    SINGLE_PROVIDER, "GL 2.2.1", "GL 2.2.1", Must, PartlySeen,
    "事業者Aが単独で医療情報システム等を提供する形態です（GL 2.2.1、図2-2）。事業者Aがシステム全体のリスクマネジメントを行い、医療機関等は医療情報安全管理ガイドラインに基づいて事業者Aを選定・契約します。",
    "Provider A alone provides the system (GL 2.2.1, Fig. 2-2). A manages the risks of the whole system; the institution selects and contracts A under the MHLW guideline."
);
rule_text!(
    /// FAQ2-R1: the whole supply chain is in scope.
    WHOLE_SUPPLY_CHAIN, "FAQ2-R1", "FAQ 2; GL 2.2.2", Must, Confirmed,
    "医療機関等と直接の契約関係のない事業者も、サプライチェーンの一部として機能している場合は本ガイドラインの適用範囲です。システム全体が適用範囲であり、サプライチェーン全体を考慮して運用する必要があります（FAQ 2）。",
    "Providers with no direct contract with the institution are in scope when they work as part of the supply chain; the whole system is in scope and must be run with the whole supply chain in mind (FAQ 2)."
);
rule_text!(
    /// GL 2.2.3 as summarised in FAQ 2.1: the institution contracts several providers itself.
    INSTITUTION_CONTRACTS_SEVERAL, "FAQ2.1-R2", "FAQ 2.1; GL 2.2.3", Must, Confirmed,
    "医療機関等が複数の事業者と契約しています（GL 2.2.3 医療機関等が複数事業者と契約するケース）。事業者Aが選定も契約もしていない構成要素は医療機関等がリスクマネジメントを確認し、事業者Aはそれらの構成要素（情報連携のためのAPI等を含む）を対応の対象範囲に含めます（FAQ 2.1）。",
    "The institution contracts several providers itself (GL 2.2.3). For components A neither selected nor contracts, the institution confirms the risk management, and A includes those components (APIs for information exchange included) in the scope of its response (FAQ 2.1)."
);

// ── Cases of one component ──────────────────────────────────────────────────────────────

rule_text!(
    /// FAQ2.1-R1 (GL 2.2.2, case 1): A selected B and contracts B directly.
    SELECTED_AND_CONTRACTED, "FAQ2.1-R1", "FAQ 2.1; GL 2.2.2 case 1", Must, Confirmed,
    "事業者Aがこの構成要素の提供事業者を選定した上で直接契約しているため（GL 2.2.2 ケース1）、事業者Aがこの構成要素を含めてリスクマネジメントを行い、医療機関等と合意形成を行います（FAQ 2.1）。",
    "A selected the supplier of this component and contracts it directly (GL 2.2.2, case 1), so A's risk management includes the component and A reaches agreement with the institution (FAQ 2.1)."
);
rule_text!(
    /// GL 2.2.2 case 2: a component further down a chain A arranged. That C is B's supplier
    /// (a deeper chain) is inferred: the figure of case 2 is not known (notes §2.2).
    DEEPER_IN_PROVIDER_CHAIN, "GL 2.2.2", "GL 2.2.2 case 2; FAQ 2.1", Must, Inferred,
    "事業者Aのリスクマネジメントに含まれる事業者の先にある構成要素です（GL 2.2.2 ケース2）。事業者Aのリスクマネジメントは事業者B及びCの構成要素を含みます。ケース2のCをBの調達先（より深いチェーン）と読むのは、図が不明なための推定です。",
    "A component further down a chain within A's risk management (GL 2.2.2, case 2): A's risk management includes both B's and C's components. Reading C as B's supplier (a deeper chain) is inferred, because the figure of case 2 is not known."
);
rule_text!(
    /// FAQ2.1-R4: A procured B, but the institution signed with B: treated as 2.2.2.
    PROCURED_INSTITUTION_SIGNED, "FAQ2.1-R4", "FAQ 2.1; GL 2.2.2", Must, Confirmed,
    "事業者Aがこの構成要素の提供事業者を調達しましたが、契約上は医療機関等が直接契約しています。事業者Aは構成要素を具体的に把握しているため、GL 2.2.2と同様に事業者Aが構成要素を含めてリスクマネジメントを行い、医療機関等と合意形成を行います（FAQ 2.1）。",
    "A procured the supplier of this component, but the institution signed the contract with it. A knows the component concretely, so as in GL 2.2.2 A's risk management includes it and A reaches agreement with the institution (FAQ 2.1)."
);
rule_text!(
    /// FAQ2.1-R4 by analogy: A procured the supplier, but a third party holds the contract.
    PROCURED_OTHER_SIGNED, "FAQ2.1-R4", "FAQ 2.1; GL 2.2.2", Must, Inferred,
    "事業者Aがこの構成要素の提供事業者を選定（調達）しましたが、契約は医療機関等でも事業者Aでもない者が締結しています。FAQ 2.1（Aが調達し医療機関等が契約する場合）に準じ、Aが構成要素を把握しているものとしてAのリスクマネジメントに含めました（推定）。契約関係を確認してください。",
    "A selected (procured) the supplier, but a party other than A and the institution holds the contract. By analogy with FAQ 2.1 (A procures, the institution signs), A is taken to know the component and it is included in A's risk management (inferred). Check the contracts."
);
rule_text!(
    /// Not in the FAQ: A contracts the supplier but did not select it. GL 2.2.3 needs both
    /// "not selected" and "no contract", so it does not apply; A's contract lets it manage.
    CONTRACTED_NOT_SELECTED, "FAQ2.1-R1", "FAQ 2.1; GL 2.2.2", Must, Inferred,
    "事業者Aは選定していませんが、この構成要素の提供事業者と直接契約しています。GL 2.2.3は事業者Aが選定に関与せず直接契約もない場合なので当たらず、契約に基づき事業者Aがリスクマネジメントを行えるものとしてAのリスクマネジメントに含めました（推定）。確認してください。",
    "A did not select the supplier but contracts it directly. GL 2.2.3 needs both \"not selected\" and \"no contract\", so it does not apply; with the contract A can manage the risks, so the component is included in A's risk management (inferred). Review it."
);
rule_text!(
    /// FAQ2.1-R2 (GL 2.2.3): A neither selected nor contracts the supplier.
    INSTITUTION_ARRANGED, "FAQ2.1-R2", "FAQ 2.1; GL 2.2.3", Must, Confirmed,
    "事業者Aはこの構成要素の提供事業者の選定に関与しておらず、直接の契約もありません（GL 2.2.3）。事業者Aはこの事業者に対してリスクマネジメントを行うことはできず、医療機関等がそのリスクマネジメントを確認する必要があります（FAQ 2.1）。",
    "A was not involved in selecting the supplier of this component and has no contract with it (GL 2.2.3). A cannot manage that supplier's risks; the institution must confirm its risk management (FAQ 2.1)."
);
rule_text!(
    /// GL 2.2.3 by analogy: neither A nor the institution selected or contracts the supplier.
    ARRANGED_BY_THIRD_PARTY, "FAQ2.1-R2", "FAQ 2.1; GL 2.2.3", Must, Inferred,
    "この構成要素は事業者Aも医療機関等も選定・契約していません。事業者Aが選定に関与せず直接契約もないため、GL 2.2.3に準じて医療機関等が確認するものとしました（推定）。選定者と契約者を確認してください。",
    "Neither A nor the institution selected or contracts the supplier of this component. A was not involved and has no contract, so GL 2.2.3 is applied by analogy and the institution confirms it (inferred). Check who selected and contracts the supplier."
);
rule_text!(
    /// GL 2.2.3 by analogy: a component behind a supplier that the institution arranged.
    DEEPER_IN_INSTITUTION_CHAIN, "FAQ2.1-R2", "FAQ 2.1; GL 2.2.3", Must, Inferred,
    "医療機関等が選定・契約した事業者の先にある構成要素です。事業者Aは選定にも契約にも関与していないため、GL 2.2.3に準じて、医療機関等がその事業者のリスクマネジメントを通じて確認するものとしました（推定）。",
    "A component behind a supplier the institution arranged. A was involved neither in selecting nor in contracting, so GL 2.2.3 is applied by analogy: the institution confirms it through that supplier's risk management (inferred)."
);

// ── Duties ──────────────────────────────────────────────────────────────────────────────

rule_text!(
    /// FAQ2.1-R1, R4: A's risk management includes the component.
    A_MANAGES, "FAQ2.1-R1", "FAQ 2.1; GL 2.2.2", Must, Confirmed,
    "事業者Aは、この構成要素を含めてリスクマネジメントを行ってください（FAQ 2.1、GL 2.2.2）。",
    "A must include this component in its risk management (FAQ 2.1, GL 2.2.2)."
);
rule_text!(
    /// FAQ2.1-R1, R4: A reaches agreement with the institution.
    A_AGREES, "FAQ2.1-R1", "FAQ 2.1; GL 2.2.2", Must, Confirmed,
    "事業者Aは、この構成要素を含めたリスクマネジメントの結果に基づき医療機関等と合意形成を行ってください（FAQ 2.1）。",
    "A must reach agreement with the institution on the basis of risk management that includes this component (FAQ 2.1)."
);
rule_text!(
    /// FAQ2-R2 (should): A confirms that a supplier it selected follows the guideline.
    CONFIRM_SUPPLIER, "FAQ2-R2", "FAQ 2", Should, Confirmed,
    "事業者Aは、自らが選定した事業者が、サプライチェーンの一部として本ガイドラインに沿ったサービスを提供しているか確認すべきです（FAQ 2）。",
    "A should confirm that the supplier it selected provides its service in line with this guideline, as part of the supply chain (FAQ 2)."
);
rule_text!(
    /// FAQ2.1-R2: the institution confirms the supplier's risk management.
    INSTITUTION_CONFIRMS, "FAQ2.1-R2", "FAQ 2.1; GL 2.2.3", Must, Confirmed,
    "医療機関等は、この構成要素を提供する事業者のリスクマネジメントを自ら確認する必要があります（FAQ 2.1、GL 2.2.3）。",
    "The institution must itself confirm the risk management of the supplier of this component (FAQ 2.1, GL 2.2.3)."
);
rule_text!(
    /// FAQ2-R3: institutions, too, must pay attention to the selection of PaaS/IaaS providers.
    INSTITUTION_ATTENDS_SELECTION, "FAQ2-R3", "FAQ 2", Should, Confirmed,
    "医療機関等がPaaSやIaaS等の事業者の選定に注意を払わない場合、医療情報の漏えいをはじめとしたセキュリティ上のリスクが高まります（FAQ 2）。選定に注意を払ってください。",
    "If the institution pays no attention to the selection of PaaS, IaaS and similar providers, security risks such as leaks of medical information rise (FAQ 2). Pay attention to the selection."
);
rule_text!(
    /// GL 2.2.3 as quoted in FAQ 2.1: A includes B's components, APIs included, in its scope.
    INCLUDE_IN_SCOPE, "FAQ2.1-R2", "GL 2.2.3; FAQ 2.1", Must, Confirmed,
    "本ガイドラインが求める対応の対象範囲に、この事業者が提供する構成要素（情報連携のためのAPI等を含む）を含めてください（GL 2.2.3、FAQ 2.1）。",
    "Include the components this supplier provides (APIs for information exchange included) in the scope of the response this guideline requires (GL 2.2.3, FAQ 2.1)."
);
rule_text!(
    /// FAQ2.1-R3 (a): unknown infrastructure: tell the institution the risks.
    UNKNOWN_EXPLAIN_RISKS, "FAQ2.1-R3", "FAQ 2.1", Must, Confirmed,
    "事業者Aはこの構成要素（不明なインフラ等）を把握していません。不明な構成要素の上で事業者Aのシステムが利用される場合にどのようなリスクがあるかを、提供前に医療機関等に伝えてください（FAQ 2.1）。",
    "A does not know this component (unknown infrastructure or the like). Before providing its system, A must tell the institution which risks arise when its system runs on the unknown component (FAQ 2.1)."
);
rule_text!(
    /// FAQ2.1-R3 (b): unknown infrastructure: make clear the scope of A's responsibility.
    UNKNOWN_STATE_BOUNDARY, "FAQ2.1-R3", "FAQ 2.1", Must, Confirmed,
    "不明な構成要素について、事業者Aの負う責任の範囲を明確にしてください（FAQ 2.1）。",
    "For the unknown component, A must make clear the scope of its own responsibility (FAQ 2.1)."
);
rule_text!(
    /// FAQ2.1-R3 (c): unknown infrastructure: reach agreement before providing.
    UNKNOWN_AGREE, "FAQ2.1-R3", "FAQ 2.1", Must, Confirmed,
    "リスクと事業者Aの責任の範囲について医療機関等と合意形成した上で、事業者Aのシステムを提供してください（FAQ 2.1）。",
    "A must reach agreement with the institution on the risks and on the scope of its responsibility before it provides its system (FAQ 2.1)."
);
rule_text!(
    /// FAQ3-R1: the lifecycle agreement (GL 3.2) also applies between providers. The FAQ
    /// says it "can be applied" (適応できます), hence a recommendation.
    LIFECYCLE_BETWEEN_PROVIDERS, "FAQ3-R1", "FAQ 3; GL 3.2", Should, Confirmed,
    "構成要素を利用する事業者と提供する事業者の間でも、ライフサイクルにおける義務と責任について合意形成してください（FAQ 3、GL 3.2）。",
    "The provider that uses a component and the provider that supplies it should also agree their duties and responsibilities over the lifecycle (FAQ 3, GL 3.2)."
);
rule_text!(
    /// FAQ2.1-R5 (should): agree duties such as notifying service or contract changes.
    NOTIFY_CHANGES, "FAQ2.1-R5", "FAQ 2.1", Should, Confirmed,
    "ある事業者の提供サービスや契約の変更は、他の事業者の提供サービスに影響を及ぼすことがあります。サービスや契約の変更に関する通知などの責務について、関係者間で検討し合意形成することが望まれます（FAQ 2.1）。",
    "A change of one provider's service or contract can affect the others' services. The parties should consider and agree duties such as notifying one another of service or contract changes (FAQ 2.1)."
);

// ── Notes on the data ───────────────────────────────────────────────────────────────────

rule_text!(
    /// FAQ2.1-R4's premise: a component A procured is one A knows concretely.
    SELECTED_BUT_UNKNOWN, "FAQ2.1-R4", "FAQ 2.1", Note, Inferred,
    "事業者Aが選定（調達）した構成要素ですが、事業者Aはその内容を把握していないと記録されています。Aが調達した場合はAが構成要素を具体的に把握していることが前提です（FAQ 2.1）。構成要素の内容を把握し、記録を見直してください。",
    "A selected (procured) this component, but it is recorded as unknown to A. FAQ 2.1 assumes that A knows a component it procured concretely; learn what it contains and review the record."
);
rule_text!(
    /// GL 2.2.3 / FAQ 2.1: the institution is recorded as holding a contract that is missing.
    INSTITUTION_CONTRACT_NOT_RECORDED, "FAQ2.1-R2", "FAQ 2.1; GL 2.2.3", Note, Inferred,
    "この構成要素は医療機関等が契約しているとされていますが、医療機関等とその提供事業者との契約が登録されていません（FAQ 2.1、GL 2.2.3）。契約を確認してください。",
    "The institution is recorded as holding the contract for this component, but no contract between the institution and its supplier is recorded (FAQ 2.1, GL 2.2.3). Check the contract."
);
