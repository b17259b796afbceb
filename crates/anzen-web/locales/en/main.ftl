### anzen: UI texts (English)
### Format: Fluent (https://projectfluent.org/). Each text is `identifier = text`;
### the identifier is the code's key with its dots written as hyphens
### (risks.status.open -> risks-status-open). Keep variables such as { $limit } as they are.
### A text of several lines continues on indented lines.
### Add texts with scripts/i18n-add (the Japanese ja/main.ftl needs the same identifiers).

## a11y

a11y-main_nav = Main menu
a11y-skip_to_content = Skip to main content

## account

account-mfa-already = An authenticator app is already set up.
account-mfa-disabled = Multi-factor authentication is not set up. An authenticator app protects your account even if your password leaks.
account-mfa-enabled = Multi-factor authentication with an authenticator app is on.
account-mfa-enrol = Set up an authenticator app
account-mfa-required = Your organisation requires multi-factor authentication. Set up an authenticator app before you next sign in.
account-password-change = Change password
account-password-confirm = New password (again)
account-password-current = Current password
account-password-forced = You signed in with a temporary password. Set a new password to continue.
account-password-mismatch = The two new passwords do not match.
account-password-new = New password
account-password-policy = At least 12 characters, without your login id, not one repeated character, not a commonly used password.
account-password-title = Password
account-tokens-create = Create API token
account-tokens-created = API token created
account-tokens-created_at = Created
account-tokens-days = Valid for (days)
account-tokens-days_hint = 1 to 366 days. Leave empty for no expiry.
account-tokens-expires_at = Expires
account-tokens-heading = API tokens
account-tokens-intro = Tokens for the JSON API (/api/v1). They act with your role.
account-tokens-last_used_at = Last used
account-tokens-name = Name
account-tokens-name_hint = A name that says what it is for (e.g. audit export).
account-tokens-no_expiry = No expiry
account-tokens-prefix = Starts with
account-tokens-revoke = Revoke
account-tokens-revoked = The API token has been revoked.
account-tokens-revoked_badge = Revoked
account-tokens-secret = Token
account-tokens-shown_once = This token is shown only once. Store it in a safe place now.

## action

action-add = Add
action-back = Back
action-cancel = Cancel
action-clear_filters = Clear filters
action-edit = Edit
action-export_csv = Export CSV
action-next = Next
action-save = Save
action-search = Search

## agreements

agreements-add_subcontractor = Name a subcontractor
agreements-add_subcontractor_hint = A subcontractor named here can be made responsible for duties in the new version (FAQ 3.1).
agreements-agree = Agree to this version
agreements-agree_heading = Agreement
agreements-agree_hint = You agree to exactly the version shown (its digest). If the content has changed meanwhile, nothing is recorded.
agreements-agreed = Your agreement is recorded.
agreements-agreed_already = You agreed to this version on
agreements-confidence = Confidence
agreements-consents = Agreed by
agreements-counterparty = Counterparty
agreements-created_at = Created
agreements-created_by = Created by
agreements-digest = Digest
agreements-duty = Duty
agreements-duty_key = Duty key
agreements-duty_key_hint = Lower-case letters, digits, `.`, `_` and `-` (e.g. op.backup_check). A duty outside the catalogue needs a title.
agreements-duty_title = Duty title
agreements-gaps = Points to review (GL 3.2, FAQ 3.1)
agreements-intro = For each contract, agree who bears which duty in each phase of the lifecycle (GL 3.2, Fig. 3-4). Internal agreements with subcontractors can be recorded too (FAQ 3.1).
agreements-kind = Kind of agreement
agreements-kind_hint = With the institution, or an internal agreement with a subcontractor (FAQ 3.1: operation by A, development by B).
agreements-list = Agreements
agreements-matrix = Responsibility matrix
agreements-matrix_intro = Each phase's duties and the party responsible. References and confidence come from anzen's duty catalogue (inferred entries say so).
agreements-matrix_title = Lifecycle responsibility agreement
agreements-new_duty = Add a duty (optional)
agreements-no_consents = No agreement yet
agreements-none = This contract has no agreement yet.
agreements-open = Open an agreement
agreements-open_link = Agreements
agreements-opened = Version 1 of the agreement is open; both parties need to agree.
agreements-own_duty = Agreement-specific
agreements-parties_only = Only users of the two parties (auditors excepted) can agree.
agreements-party-institution = Institution
agreements-party-provider = Provider
agreements-party-subcontractor = Subcontractor
agreements-phase = Phase
agreements-provider = Provider
agreements-reagreement = Re-agreement
agreements-reagreement_explained = A change in the supply chain affects this agreement. Review it, make a new version and have both parties agree again (GL 3.2.1, FAQ 2.1).
agreements-reagreement_needed = Re-agreement needed
agreements-remove = Remove
agreements-responsible = Responsible party
agreements-revise = Change responsibilities (new version)
agreements-revise_intro = A change makes a new version; both parties must agree again (GL 3.2.1).
agreements-revised = New version made: version
agreements-save_version = Save as a new version
agreements-status = Status
agreements-subcontractor = Subcontractor
agreements-subcontractor_hint = The counterparty of an internal agreement (one of the suppliers of the offering's components).
agreements-subcontractor_none = (none)
agreements-subcontractors = Subcontractors named
agreements-title = Contract and agreements
agreements-version = Version
agreements-versions = Versions and agreements

## app

app-name = anzen

## audit

audit-action = Action
audit-actor = Actor
audit-actor_hint = Part of a login id.
audit-all = All
audit-at = When
audit-from = From
audit-hash = Hash
audit-intro = Every change is recorded in a signed hash chain, so tampering can be detected. Dates are in Japan time.
audit-object = Object
audit-object_type = Object type
audit-org = Organisation
audit-summary = Summary
audit-to = To

## certifications

certifications-add = Add a certification
certifications-auditor_hint = External audit only: the auditor's qualification (システム監査技術者 or CISA).
certifications-auditor_none = (not an external audit)
certifications-auditor_qualification = Auditor's qualification
certifications-days_left = Days left
certifications-equivalent_hint = Other equivalent certification only: its name.
certifications-equivalent_name = Name of the equivalent certification
certifications-expires = is the expiry date
certifications-issuer = Issuer or auditor
certifications-kind = Kind
certifications-kind_hint = The Privacy Mark or ISMS first; equivalent certifications (ISMAP, CS Gold Mark, FedRAMP, SOC 2, SOC 3), and failing those an external audit by a qualified auditor, are accepted too (GL 4.4, FAQ 4.2).
certifications-list = Certifications
certifications-none = No certification is recorded.
certifications-not_qualified = No minimum qualification
certifications-notice_heading = A certificate shows a minimum qualification
certifications-org = Organisation
certifications-qualification = Minimum qualification (GL 4.4)
certifications-qualified = Minimum qualification held
certifications-scope = Scope
certifications-scope_hint = The organisation, sites and services the certificate covers.
certifications-status = Status
certifications-valid_from = Valid from
certifications-valid_to = Valid until

## chain

chain-assess = Assess for this institution
chain-assessment = Provision form
chain-back_to_offering = Back to the offering
chain-bearer = Borne by
chain-case = Case
chain-components = Components (the diagram as a table)
chain-diagram_link = Diagram
chain-duty = Duty
chain-edge-contract_holder = Contract:
chain-edge-contracts = Contracts the offering
chain-edge-selected_by = selected by
chain-error-already_agreed = You have already agreed to this version.
chain-error-answer = Give the information disclosed (GL 4.1).
chain-error-auditor_only = The auditor's qualification applies only to an external audit.
chain-error-certificate_dates = The certificate expires before it becomes valid.
chain-error-cycle = The supplier's offering already builds on this offering; the link would form a cycle in the supply chain.
chain-error-duty_key = A duty key is 1–100 characters of a–z, 0–9, `.`, `_` and `-`.
chain-error-duty_title = A duty outside the default catalogue needs a title.
chain-error-duty_twice = The same duty of a phase is given twice; every duty has exactly one responsible party (GL 3.2).
chain-error-equivalent_only = The name applies only to another equivalent certification.
chain-error-erasure_certificate = A device that stored medical information needs the certificate that its data can no longer be read (別紙2 ③-8).
chain-error-internal_parties = An internal agreement gives duties only to the provider or its subcontractor, the counterparty (FAQ 3.1).
chain-error-item = Name the item (a Table 4-1 item or your own extra item).
chain-error-name_subcontractor = Name the subcontractor before making it responsible for a duty.
chain-error-no_contract = This institution has no contract for this offering.
chain-error-no_duties = An agreement needs at least one duty with its responsible party (GL 3.2).
chain-error-not_party = Only users of the two parties to the agreement can agree to it.
chain-error-own_offering = Choose one of your own offerings.
chain-error-self_supply = An offering cannot supply itself.
chain-error-serial_required = The serial number is required: the ledger identifies each device by it (FAQ 6.1 (エ)).
chain-error-serial_taken = A device with this serial number is already in the ledger.
chain-error-stale_digest = The content changed since it was shown; review the current version and agree to it.
chain-error-subcontractor_needed = An internal agreement names the subcontractor (FAQ 3.1).
chain-error-summary = Say what changes.
chain-error-unchanged = The content is unchanged, so no new version is made.
chain-form = Provision form
chain-institution = Institution
chain-institution_hint = Choose an institution that contracts this offering to see the provision form (GL 2.2.1–2.2.3), who manages each component's risks and the duties that follow.
chain-institution_none = (none)
chain-intro = The offering's components (application, platform, infrastructure; A1–I2), the providers that supply them, who selected them and who holds the contract (GL 2.2, FAQ 2.1).
chain-known = Known
chain-legend-application = Application-layer component (A1, A2)
chain-legend-infrastructure = Infrastructure-layer component (I1, I2)
chain-legend-institution = Medical institution
chain-legend-link = Uses the component (label: who selected it, who holds the contract)
chain-legend-offering = The offering and its provider (A)
chain-legend-platform = Platform-layer component (P1, P2)
chain-legend-unknown = Dashed: unknown infrastructure (not known to A, FAQ 2.1)
chain-level = Level
chain-level_of_rule = Level
chain-managed-by = Risks managed by
chain-managed-institution = the institution, which confirms them (GL 2.2.3)
chain-managed-provider = provider A (GL 2.2.2)
chain-managed_by = Risks managed by
chain-network = Duties as a regional network operator (FAQ 2.2)
chain-network-no_duties = FAQ 2.2 gives it no duties.
chain-network-not_target = As an operator that only coordinates, it is not a target provider under this guideline (FAQ 2.2).
chain-network-target = As an operator entrusted with managing medical information, it is a target provider under this guideline (FAQ 2.2).
chain-no_components = No component supplied by another provider is recorded (one provider, GL 2.2.1).
chain-reference = Reference
chain-rule = Rule
chain-supplier_offering = Supplier's offering
chain-svg_description = The supply chain of the offering: the institution, the offering and its provider, its components, and their components further down; edge labels show who selected the supplier and who holds the contract; dashed means unknown infrastructure.
chain-table_alternative = The table below gives the same information.
chain-title = Supply chain diagram
chain-towards = Towards
chain-unknown_explained = A does not know this component: it must explain the risks, state the scope of its responsibility and reach agreement with the institution before providing (FAQ 2.1).
chain-unknown_marker = Unknown infrastructure
chain-unnamed_offering = Offering
chain-unnamed_org = Organisation
chain-used_by = Used by
chain-visibility = Known to A

## checklist

checklist-answer = Answer
checklist-changes = Changes since the previous edition ({ $previous }) — added: { $added } / removed: { $removed } / reworded: { $reworded }
checklist-choose_file = Choose a file.
checklist-col-answered_by = Answered by
checklist-col-checked_on = Date checked
checklist-col-evidence = Evidence
checklist-col-key = No.
checklist-col-reply = Answer
checklist-col-target_on = Target date (for No)
checklist-col-title = Item
checklist-edition_file = Edition file (TOML)
checklist-edition_heading = Import a new fiscal year's edition
checklist-edition_import = Import the edition
checklist-edition_imported = Imported checklist edition { $label }. Offerings to answer again: { $count }.
checklist-edition_intro = The checklist is revised every fiscal year and its numbering changes. Import the MHLW provider version in the format of catalogs/mhlw-checklist-provider.toml (version R8, FY2026 …) to see what changed and which offerings must answer again.
checklist-editions = Editions
checklist-export_hint = The checklist in its layout (XLSX, PDF) is issued as a document; fill in the XLSX and import it below.
checklist-file = Filled-in checklist (XLSX)
checklist-fiscal_year = fiscal year { $year } (April { $year } to March of the next year)
checklist-import = Import
checklist-import_heading = Import a filled-in checklist
checklist-imported = The checklist answers were imported.
checklist-intro = The institution sends the provider version of the checklist for each system; the provider answers each item Yes or No with the date checked, and gives a target date within the fiscal year for each No (MHLW checklist manual). Items anzen can judge from its records (the device ledger, the operational rules) are answered from them and marked so; a person's answer takes precedence.
checklist-progress = { $answered } of { $items } items answered ({ $no } No, { $open_targets } without a target date)
checklist-reanswer = A new fiscal year's edition was imported. This offering answered the previous edition: answer this one again.
checklist-reply-no = No
checklist-reply-yes = Yes
checklist-save = Save
checklist-short = MHLW checklist
checklist-source-data = Judged from anzen's records
checklist-source-person = Answered by a person
checklist-target_hint = Required for No: a date within the checklist's fiscal year.
checklist-title = MHLW cybersecurity checklist (provider version)
checklist-to_documents = Go to the documents
checklist-unanswered = Not answered

## common

common-actions = Actions
common-no = No
common-yes = Yes

## contracts

contracts-add = Add contract
contracts-date_hint = As YYYY-MM-DD (e.g. 2026-04-01).
contracts-ending_soon = Ending soon
contracts-ends_on = Ends on
contracts-ends_on_hint = As YYYY-MM-DD. Leave empty for an open-ended contract.
contracts-entered_date = Date entered
contracts-institution = Medical institution
contracts-kind = Kind of contract
contracts-kind_hint = Provision, operation and maintenance contracts are contracts in the FAQ's sense; a sale alone is not (FAQ 1).
contracts-no_institutions = There is no medical institution to choose. Register the organisation first.
contracts-no_offerings = There is no offering to choose. Assess and save one with the scope wizard first.
contracts-offering = Offering
contracts-open_ended = Open-ended
contracts-period = Period
contracts-provider = Provider
contracts-reference = Reference
contracts-starts_on = Starts on

## controls

controls-builtin_warning = This version is the built-in partial list (English paraphrases), not the wording of Appendix 2. Import the official Appendix 2 (xlsx) before relying on this statement of applicability.
controls-catalogue-builtin = built-in, partial paraphrase
controls-catalogue-imported = Imported
controls-catalogue-items = Items
controls-catalogue-latest = latest
controls-catalogue-source = File
controls-catalogue-title = Appendix 2 version
controls-catalogues-intro = The versions of Appendix 2 (the control items of the former guidelines). An imported version never changes, and importing the same file (SHA-256) again changes nothing. A new version shows what changed against the previous one and the statements and risks to review (FAQ 5.3, 5.4).
controls-catalogues-title = Appendix 2 versions
controls-col-catalogue_version = Appendix 2 version
controls-col-details = Justification, how, evidence
controls-col-heading = Category / title
controls-col-key = Key
controls-col-kind = Kind
controls-col-origin = Text
controls-col-risks = Linked risks
controls-col-state = Statement state
controls-col-stated = Stated by, when
controls-col-stated_at = Stated at
controls-col-stated_by = Stated by
controls-col-status = Status
controls-col-text = Control text
controls-col-version = Version
controls-conflict = The statement changed after you opened it; check the current version and save again.
controls-count-stated = Stated
controls-desirable = desirable
controls-edit = Change
controls-error-accepted_risk = A regulatory requirement cannot rest on an accepted risk: laws must be met uniformly, whatever the risk analysis says (FAQ 7-R1).
controls-error-by = Give the date by which the control will be in place (FAQ 5.3-R7: until then it is not adopted).
controls-error-control_description = Say what the control does (FAQ 5.3).
controls-error-evidence = Name the evidence that the control is in place (FAQ 5.3-R3).
controls-error-finding = Record the documented finding that the law does not reach this offering (FAQ 7-R1).
controls-error-how = Say how the control is implemented (FAQ 5.3-R3: Appendix 2 is the minimum check, made through risk management).
controls-error-legal_basis = Name the law or notice whose scope excludes the offering (FAQ 7.1-R2).
controls-error-no_risk = No such risk on this offering.
controls-error-not_a_field = This field does not belong to the chosen status.
controls-error-regulatory_only_status = This status is only for chapter 6 regulatory requirements (FAQ 7); a control that does not concern the offering is `not applicable` with its reason (FAQ 5.3-R7).
controls-error-regulatory_status = A regulatory requirement cannot be `not applicable` or `alternative`: laws must be met uniformly, whatever the risk analysis says (FAQ 7-R1); the only way out is `legally not applicable` with the finding and its legal basis.
controls-error-what = Describe the measure: a measure outside Appendix 2 must be described (FAQ 5.3-R4, 5.3-R7).
controls-error-why = Give the reason: not adopting a control needs a reasonable reason, e.g. the item does not concern the system (FAQ 5.3-R7).
controls-error-why_equivalent = Say why the alternative is equivalent: not adopting a control needs a reasonable reason (FAQ 5.3-R7).
controls-field-alt_what = The alternative measure
controls-field-by = To be in place by
controls-field-evidence = Evidence
controls-field-finding = Finding that the law does not reach the offering
controls-field-how = How it is implemented
controls-field-legal_basis = Legal basis
controls-field-plan_what = What will be put in place
controls-field-why = Why it does not apply
controls-field-why_equivalent = Why it is equivalent
controls-form-if_adopted = If adopted
controls-form-if_alternative = If an alternative measure
controls-form-if_legally_not_applicable = If legally not applicable
controls-form-if_not_applicable = If not applicable
controls-form-if_planned = If planned
controls-form-intro = Choose the status and fill in every text it needs. Not adopting a control needs a reasonable reason (FAQ 5.3). Fields of other statuses are not saved.
controls-hint-evidence = Rules, configuration records, inspection logs, …
controls-hint-finding = E.g. the service stores no document with a storage duty
controls-hint-how = Which mechanism or procedure implements it
controls-hint-risks = The risks of this offering the statement rests on. A regulatory requirement cannot rest on an accepted risk (FAQ 7).
controls-hint-why = E.g. the offering has no component the item is about
controls-hint-why_equivalent = Why it is as effective, based on the risk analysis
controls-history = History
controls-import-already = Already imported, nothing changed:
controls-import-choose_file = Choose the file to import (.xlsx or .csv)
controls-import-column = column
controls-import-done = Imported
controls-import-file = Whole file
controls-import-file_hint = The official Appendix 2 workbook (.xlsx), or the CSV template (UTF-8) for releases published only as a PDF
controls-import-file_label = Appendix 2 file
controls-import-header = Column
controls-import-heading = Import a new version
controls-import-intro = If any row is wrong, nothing is imported and every error is listed by row and column.
controls-import-message = Problem
controls-import-place = Where
controls-import-refused = The file was not imported
controls-import-row = row
controls-import-submit = Import
controls-no_risks = This offering has no risks yet.
controls-offering_link = Statement of applicability
controls-paraphrase_note = anzen's paraphrase; check the official Appendix 2 for the wording.
controls-provider-add = Add a control of your own
controls-provider-description_hint = What the control does
controls-provider-empty = No controls of your own yet.
controls-provider-intro = Measures outside Appendix 2 may be adopted when the risk analysis supports them (FAQ 5.3). The controls defined here appear in every offering's statement table.
controls-provider-key_hint = Letters, digits, . _ - (e.g. SAKURA-01)
controls-provider-title = Provider controls
controls-regulatory-all_met = Every regulatory requirement is met.
controls-regulatory-intro = The chapter 6 regulatory requirements must be met uniformly, whatever the risk analysis says; they cannot be closed as not applicable or by accepting a risk (FAQ 7).
controls-regulatory-reason = Why not met
controls-regulatory-rule = A regulatory requirement cannot be marked not applicable. Only when the law itself does not reach the offering, record that finding and its legal basis as legally not applicable (FAQ 7).
controls-regulatory-title = Regulatory requirements not met
controls-regulatory-unmet = Not met
controls-report-dropped = Rows left out (page headers and footers)
controls-report-expected = Claimed total (unverified)
controls-report-gaps = Numbering gaps
controls-report-heading = Import report
controls-report-references = MHLW references
controls-report-sheet = Sheet
controls-report-warnings = Warnings
controls-report-without_mhlw = Items without a related MHLW requirement
controls-review-added = added
controls-review-against = Against the previous version
controls-review-changed = changed
controls-review-heading = Changes and what to review
controls-review-moved = Possibly moved (confirm by hand)
controls-review-nothing = None.
controls-review-removed = removed
controls-review-risks = Risks to review
controls-review-statements = Statements to review
controls-review-unchanged = unchanged
controls-risk_accepted = accepted
controls-saved = Statement saved
controls-section-appendix2 = Appendix 2 controls
controls-section-provider = Provider controls
controls-section-regulatory = Regulatory requirements (chapter 6)
controls-state-carried = Carried over
controls-state-none = No statement yet
controls-state-to_review = To review
controls-state_it = State
controls-statement-title = Statement
controls-table-intro = For this offering, state per Appendix 2 control, provider control and regulatory requirement whether it is adopted, replaced by an alternative, not applicable or planned (like an ISMS statement of applicability, FAQ 5.3).
controls-table-title = Statement of applicability
controls-version = version

## dashboard

dashboard-audit_heading = Latest audit trail entries
dashboard-audit_more = Show the whole audit trail
dashboard-certification_warnings = Certifications need attention (GL 4.4, FAQ 4.2)
dashboard-contracts = Contracts
dashboard-contracts_ending = Contracts ending within 90 days
dashboard-empty-contracts = No contracts yet. Record your contracts with medical institutions to make your obligations as a provider clear.
dashboard-empty-offerings = No offerings yet. Start with the scope wizard to find out whether your offering is in the guideline's scope.
dashboard-empty-offerings_read_only = There are no offerings for you to see yet.
dashboard-ending_heading = Contracts ending soon (within 90 days)
dashboard-none_ending = No contract ends within the next 90 days.
dashboard-notifications_unacknowledged = Unacknowledged change notices
dashboard-offerings_in_scope = Offerings in scope
dashboard-offerings_out_of_scope = Offerings out of scope
dashboard-organisations = Organisations
dashboard-own_disclosures = Information disclosed to you (Table 4-1)
dashboard-regulatory_unmet = Regulatory requirements not met
dashboard-risks_awaiting_consent = Risks awaiting consent
dashboard-risks_declined = Risks declined by an institution (answer awaited)
dashboard-risks_flagged = Risks marked for review
dashboard-risks_re_consent = Risks needing re-consent
dashboard-risks_reopened = Risks whose treatment no longer meets the criterion
dashboard-risks_residual_pending = Risks whose residual risk awaits agreement
dashboard-risks_review_overdue = Risk reviews overdue
dashboard-summary = Summary

## devices

devices-add = Add a device
devices-all_places = All
devices-by_kind = By kind (in service)
devices-disposal = Disposal
devices-disposal_state = In service or disposed
devices-dispose = Record disposal
devices-disposed = Disposed
devices-disposed_any = All
devices-disposed_flash = Disposal recorded:
devices-disposed_on = Disposed on
devices-edit = Edit device
devices-encryption = Encryption
devices-erasure_certificate = Erasure certificate
devices-erasure_certificate_hint = The reference of the certificate that the media can no longer be read (別紙2 ③-8); required for a device that stored medical information.
devices-erasure_required = This device stores medical information: its disposal needs the certificate that its data can no longer be read (別紙2 ③-8).
devices-form_intro = Record the devices you hand out or manage (dedicated PCs, tablets, network devices…) in the ledger (FAQ 6.1 (エ)).
devices-holder = Holder
devices-in_service = In service
devices-institution = Deployed at
devices-institution_hint = The institution the device is deployed at; leave empty for your own premises.
devices-intro = The ledger of the devices you hand out or manage, and the counts per place (FAQ 6.1 (エ)).
devices-kind = Kind
devices-location = Location
devices-location_hint = Site, room.
devices-method = Method
devices-model = Model
devices-none = No device in the ledger.
devices-os_firmware = OS or firmware
devices-os_firmware_hint = Name and version.
devices-own_premises = Own premises
devices-permitted_use = Where it may be used
devices-permitted_use_hint = Where a device handed out may be used (FAQ 6.1).
devices-serial = Serial number
devices-serial_hint = Used for the stocktake (required).
devices-stocktake = Stocktake (per place)
devices-stocktake_intro = The counts to check at the stocktake (FAQ 6.1).
devices-stores_medical_information = Stores medical information
devices-storing = Storing medical information
devices-support_ended = Support ended
devices-support_ends_on = Support ends on
devices-warnings = Warnings

## disclosures

disclosures-answer = What was disclosed
disclosures-answer_hint = Record the information given. Items anzen can answer come pre-filled with its suggestion.
disclosures-at = When
disclosures-by = By
disclosures-by_hand = By hand
disclosures-extra = Extra item
disclosures-extra_hint = The name of an item beyond Table 4-1 (FAQ 4.1).
disclosures-extra_item = An extra item beyond Table 4-1
disclosures-history = What was disclosed, and when
disclosures-intro = The Table 4-1 items for the early stage (purpose ①) and the contract stage (purpose ②) (GL 4.1, FAQ 4.1).
disclosures-item = Item
disclosures-item_hint = A Table 4-1 item, or an extra one.
disclosures-last = Last disclosed
disclosures-none = Nothing has been disclosed yet.
disclosures-not_yet = Not yet
disclosures-record = Record
disclosures-record_heading = Record what was disclosed
disclosures-recorded = Disclosure recorded:
disclosures-stage = Stage
disclosures-stage-contract = ② Contract stage (purpose ②)
disclosures-stage-early = ① Early stage (purpose ①)
disclosures-stage-extra = Extra item
disclosures-suggested = anzen's suggestion
disclosures-title = Disclosure to the institution

## documents

documents-all_institutions = Every institution
documents-all_link = All issued documents and verification
documents-audit_entry = Audit entry
documents-changed = Changed since the last issue
documents-changes = Changes since the last issue
documents-empty = No document issued yet. Choose a kind and a format and issue one: it is recorded here.
documents-first_issue = First issue
documents-format = Format
documents-format-docx = DOCX (Word, for editing)
documents-format-pdf = PDF
documents-format-xlsx = XLSX (Excel, for spreadsheets)
documents-from = From
documents-institution = For institution
documents-intro = Issue the documents given to medical institutions from the current data as PDF, DOCX or XLSX. Each issue's number and file SHA-256 are recorded in the audit trail (GL ch. 3, 4, 6).
documents-issue = Issue and download
documents-issue_background = Issue in the background (with progress)
documents-issue_hint = The PDF of a large document (300 risks, every Appendix 2 control) can take a few seconds to make.
documents-issued = Issued documents
documents-issued_at = Issued at
documents-issued_by = Issued by
documents-job-download = Download
documents-job-elapsed = { $seconds } s
documents-job-elapsed_label = Elapsed
documents-job-rendering_hint = This page refreshes every second; the download appears once the document is ready.
documents-job-state = State
documents-job-state-done = Issued
documents-job-state-failed = Not issued
documents-job-state-rendering = Generating
documents-job-title = Document generation
documents-job-to_list = To the issued documents
documents-kind = Kind of document
documents-list_intro = The documents issued, and a check of whether a file is exactly one of them. An institution's users see only the documents issued for their institution.
documents-needs_institution = choose an institution
documents-no_change = No change since the last issue
documents-number = Document number
documents-offering = Offering
documents-period = Period of the audit-trail excerpt
documents-period_hint = Used for the audit-trail excerpt only. Leave empty for the whole trail.
documents-title = Documents
documents-to = To
documents-verify-choose_file = Choose the file to check.
documents-verify-file = File to check (PDF, DOCX, XLSX)
documents-verify-heading = Check a file
documents-verify-intro = Checks by SHA-256 whether a document you hold is exactly one anzen issued (not one byte changed).
documents-verify-issued = This file is exactly a document anzen issued.
documents-verify-not_issued = This file is not in the register of issues (it was changed, or it is another file).
documents-verify-submit = Check
documents-version = Version

## empty

empty-audit = There are no audit trail entries yet.
empty-contracts = No contracts have been registered.
empty-generic = There is nothing to show.
empty-offerings = No offerings have been registered.
empty-organisations = No organisations have been registered.
empty-search = No items match your search.
empty-supply_chain = No supply-chain links have been registered.
empty-users = No users have been registered.

## error

error-busy = The system is busy
error-busy_message = The database is busy, so nothing was done (nothing was saved). Please wait a moment and try again.
error-csrf = The form could not be verified. Please reload the page and try again.
error-field-accepted = Accepted values
error-field-access_until_required = An auditor's access must end: give the last day (YYYY-MM-DD).
error-field-auditors_only = An access end applies to auditors only.
error-field-date = This is not a date. Use the form YYYY-MM-DD, e.g. 2026-04-01.
error-field-days = Enter a number of days between 1 and 366.
error-field-ends_before_start = The end date is before the start date.
error-field-institution_kind = Choose the kind of medical institution.
error-field-institution_kind_other = The institution kind applies only to medical institutions.
error-field-one_line = Enter one line without line breaks or control characters.
error-field-own_supplier = A provider cannot supply its own offering; use A2, P2 or I2 for components it prepares itself.
error-field-password_common = This is a commonly used password that attackers try first; choose another (a change of case or digits and symbols added at the end do not make it different).
error-field-password_contains_login = The password must not contain the login id.
error-field-password_current = This is not your current password.
error-field-password_login = The password must differ from the login id.
error-field-password_repeated = The password must not be one repeated character.
error-field-password_same = The new password must differ from the current one.
error-field-password_short = Enter at least 12 characters.
error-field-past = The date must not be in the past.
error-field-required = This is required.
error-field-role_fit = This role does not fit the organisation's kind.
error-field-taken = This is already taken.
error-field-too_long = This is too long.
error-field-unknown_id = The chosen item was not found. Choose again from the list.
error-field-unknown_offering = The chosen offering was not found. Choose again from the list.
error-field-unknown_value = This is not one of the choices.
error-forbidden = You do not have permission to do this.
error-internal = An unexpected error occurred. Please try again later.
error-not_found = Page not found.

## evaluations

evaluations-add = Record an evaluation
evaluations-availability = Availability
evaluations-confidentiality = Confidentiality
evaluations-control_key = Appendix 2 control
evaluations-empty = No safety evaluation has been recorded yet.
evaluations-evaluated_on = Evaluated on
evaluations-evaluator = Evaluator
evaluations-evaluator_type = Evaluator type
evaluations-evaluator_type_hint = A self-assessment by the staff who do the work is less objective; an independent internal audit or a third party is desirable (GL 4.3).
evaluations-finding_text = Finding
evaluations-findings = Findings
evaluations-findings_hint = Up to five; blank rows are ignored.
evaluations-impact = Impact
evaluations-integrity = Integrity
evaluations-intro = Record the results of evaluating the offering's safety management and give them to the institutions (GL 4.3, Table 4-1 ②-4). The latest evaluation becomes the suggested answer to ②-4.
evaluations-latest = Latest
evaluations-likelihood = Likelihood
evaluations-no_finding = (no finding)
evaluations-no_findings = No findings.
evaluations-organisation = Evaluating organisation
evaluations-organisation_hint = Required for an external evaluation (the third party); leave empty for an internal one.
evaluations-planned_by = Planned by
evaluations-raise_risk = Raise as a risk
evaluations-raise_statement = Raise a planned Appendix 2 statement
evaluations-raised_risk = Raised as a risk
evaluations-raised_statement = Planned statement raised:
evaluations-result = Overall result
evaluations-result_hint = The result must agree with the findings (satisfactory: nothing to correct; with findings: at least a minor finding; unsatisfactory: a major finding).
evaluations-save = Record the evaluation
evaluations-scope = Scope
evaluations-severity = Severity
evaluations-summary = Summary
evaluations-title = Safety evaluations (GL 4.3)

## exemption

exemption-basis = Basis of the exemption
exemption-basis_hint = Only "does not handle medical information directly" exempts (GL 4.4, FAQ 4.2). Other grounds can be recorded but exempt nothing.
exemption-caveat = A certificate such as the Privacy Mark or ISMS only shows a minimum qualification; exempt or not, the guideline's safety management (risk management) is still required (FAQ 4.2).
exemption-heading = Exemption from the certification requirement (GL 4.4)
exemption-intro = A provider that does not handle medical information directly can record why the Privacy Mark / ISMS requirement does not apply to it. Every record and change is kept in the audit trail.
exemption-not_effective = Does not exempt
exemption-reason = Reason
exemption-reason_hint = Describe the resources or services you provide and why they never touch medical information.
exemption-recorded = Recorded exemption
exemption-save = Record the exemption
exemption-withdraw = Withdraw the exemption

## flash

flash-created = Created.
flash-kind-error = Error
flash-kind-info = Information
flash-kind-success = Success
flash-mfa_optional = Multi-factor authentication is optional again (administrators still need it).
flash-mfa_required = Multi-factor authentication is now required of every member; those without it set it up at their next sign-in.
flash-password_changed = Your password has been changed; your sessions on other devices and browsers were signed out.
flash-saved = Saved.
flash-signed_in = You are signed in.
flash-signed_out = You have been signed out.
flash-verdict_saved = The verdict has been saved.

## footer

footer-note = anzen — a self-hosted tool for the safety management of medical information systems

## form

form-choose = Choose
form-error_heading = There is a problem with your input. Please check the fields below.
form-required_note = Fields marked * are required.

## import

import-limit-cell_length = { $place }A cell holds more than { $limit } characters (limit { $limit } characters)
import-limit-cells = { $place }The table has more than { $limit } filled cells or shared strings (limit { $limit } cells)
import-limit-columns = { $place }The table has more than { $limit } columns (limit { $limit } columns)
import-limit-concurrent = { $limit } imports are being read already; try again in a minute (limit { $limit } at a time)
import-limit-expanded = The workbook expands to more than { $limit } (limit { $limit })
import-limit-file_size = The file is larger than { $limit } (limit { $limit })
import-limit-part_size = The part { $part } of the workbook expands to more than { $limit } (limit { $limit })
import-limit-parts = The workbook has more than { $limit } parts (limit { $limit })
import-limit-ratio = The part { $part } is compressed more than { $limit }, as a zip bomb is (limit { $limit })
import-limit-rows = { $place }The table has more than { $limit } rows (limit { $limit } rows)
import-limit-sheet = sheet
import-limit-text = The cells hold more than { $limit } of text (limit { $limit })
import-limit-time = Reading the file took longer than { $limit } (limit { $limit })

## incidents

incidents-acknowledge = Acknowledge the report
incidents-acknowledged = Acknowledged
incidents-acknowledged_done = The acknowledgement was recorded.
incidents-acknowledgement = Acknowledgement
incidents-affected = Affected institutions
incidents-affected_hint = Choose among the institutions contracting this offering; only those chosen are notified, in anzen and by mail (GL 3.2 crisis response).
incidents-agree = Agree to the prevention measures
incidents-all_link = All incidents
incidents-answer = Answer to the prevention measures
incidents-answer_hint = Agree to the prevention measures shown, for your institution, or decline them with your reason (GL 3.2 crisis response).
incidents-answered_done = Your answer to the prevention measures was recorded.
incidents-availability = Availability
incidents-cause_unknown = Under investigation
incidents-close = Close
incidents-close_hint = An incident closes once its cause and prevention measures are recorded and every affected institution agreed to the measures as they stand (GL 3.2 crisis response).
incidents-closed_at = Closed
incidents-closed_done = The incident was closed.
incidents-confidentiality = Confidentiality
incidents-decline = Decline
incidents-decline_reason = Why you decline
incidents-detected_at = Detected at
incidents-empty = No incidents recorded.
incidents-field-actions = Actions taken and recovery outlook
incidents-field-cause = Cause
incidents-field-description = What happened and its scope
incidents-field-prevention = Prevention measures
incidents-field-title = Title
incidents-impact = What was harmed
incidents-impact_hint = Choose everything harmed: confidentiality, integrity, availability.
incidents-incident = Incident
incidents-institution = Institution
incidents-integrity = Integrity
incidents-intro = When an information-security incident happens, the provider reports it in as much detail as it can to the affected institutions, takes remedial actions, and proposes prevention measures for their agreement (GL 3.2 crisis response). Recording one marks every risk of the offering for review (GL 5.1.7).
incidents-no_institutions = No institution contracts this offering.
incidents-not_acknowledged = Not acknowledged
incidents-not_answered = Not answered
incidents-nothing_proposed = Not proposed yet
incidents-occurred_at = Occurred at
incidents-offering = Offering
incidents-parties_intro = Each institution acknowledges and answers for itself only; an institution does not see the others.
incidents-prevention_hint = Record the cause first. A change makes a new version, which the institutions answer again.
incidents-reason = Reason
incidents-record = Record an incident
incidents-record_hint = Recording notifies the affected institutions and marks the offering's risks for review.
incidents-recorded_by = Recorded by
incidents-recorded_done = The incident was recorded and the affected institutions notified; institutions notified
incidents-status = Status
incidents-time_hint = In Japanese time.
incidents-title = Incidents
incidents-update = Update actions, cause and prevention measures
incidents-update_hint = An update notifies the affected institutions.
incidents-updated_done = The incident was updated and the affected institutions notified.
incidents-version = version

## lang

lang-switch = Language

## list

list-range = Showing
list-total = Total

## login

login-error-invalid_code = The verification code is incorrect.
login-error-invalid_credentials = The login ID or password is incorrect.
login-error-too_many_attempts = Too many attempts. Please wait a while and try again.
login-heading = Sign in to anzen
login-login_id = Login ID
login-mfa-code = Verification code
login-mfa-code_hint = Enter the 6-digit code shown in your authenticator app.
login-mfa-heading = Multi-factor authentication
login-mfa-recovery_code_hint = If you cannot use your authenticator app, enter one of your saved recovery codes.
login-mfa-verify = Verify
login-password = Password
login-submit = Sign in
login-title = Sign in

## mfa

mfa-enrol-confirm = Complete setup
mfa-enrol-intro = To protect your account, register an authenticator app.
mfa-enrol-recovery_codes = Recovery codes
mfa-enrol-recovery_codes_notice = These codes are shown only once. Store them in a safe place in case you lose access to your authenticator app.
mfa-enrol-secret = Setup key
mfa-enrol-step_code = Enter the verification code shown in your authenticator app.
mfa-enrol-step_key = Add the following setup key to your authenticator app.
mfa-enrol-title = Set up multi-factor authentication

## nav

nav-account = Account
nav-audit = Audit trail
nav-certifications = Certifications
nav-contracts = Contracts
nav-dashboard = Dashboard
nav-devices = Device ledger
nav-documents = Documents
nav-notifications = Change notices
nav-offerings = Offerings
nav-operational_rules = Operational rules
nav-organisations = Organisations
nav-risks = Risks
nav-sign_out = Sign out
nav-signed_in_as = Signed in as
nav-supply_chain = Supply chain
nav-users = Users

## notifications

notifications-acknowledge = Acknowledge
notifications-acknowledged = Acknowledged
notifications-acknowledged_flash = Acknowledged.
notifications-announce = Announce a change
notifications-announce_intro = Announce a change of one of your offerings or of your organisation to every party it reaches through the chain (providers of offerings built on it, and the institutions contracting them) (FAQ 2.1).
notifications-announced = Change announced. Organisations notified:
notifications-at = When
notifications-change = Change
notifications-change-contract = Contract changed
notifications-change-incident = Incident
notifications-change-offering = Offering changed
notifications-change-organisation = Organisation changed
notifications-change-supply_link = Supply link changed
notifications-from = From
notifications-intro = Changes in the supply chain that reach your organisation (FAQ 2.1).
notifications-kind = What changes
notifications-kind-offering = An offering
notifications-kind-organisation = The organisation
notifications-mail = Mail
notifications-mail-failed = Failed
notifications-mail-none = Not mailed
notifications-mail-queued = Queued
notifications-mail-sent = Sent
notifications-none = No change notice.
notifications-not_acknowledged = Not acknowledged
notifications-offering = Offering
notifications-offering_hint = For a change of an offering.
notifications-send = Notify
notifications-summary = What changes
notifications-summary_hint = What the affected parties read (up to 500 characters).
notifications-unacknowledged = Unacknowledged
notifications-why = Why you

## offerings

offerings-change = Change
offerings-decision_changed = Decision changed
offerings-description = Description
offerings-history = Verdict history
offerings-name = Name
offerings-profile = What the verdict is based on (scope profile)
offerings-provider = Provider
offerings-reassess = Re-assess with the wizard
offerings-recorded_at = Recorded
offerings-recorded_by = Recorded by
offerings-revision = Revision
offerings-scope_all = All
offerings-scope_filter = Verdict
offerings-search = Search by name
offerings-updated_at = Updated

## oprules

oprules-agree = Agree to this version
oprules-agreed_count = Institutions agreed
oprules-agreed_flash = Your agreement to this version is recorded
oprules-answer = Answer
oprules-ask = Ask
oprules-based_on = based on version
oprules-current = Current
oprules-decline = Decline
oprules-decline_reason = Why you do not agree (the provider answers)
oprules-edit_intro = Each item (ア)–(サ) is required. Check and edit the items drafted from anzen's data. Write them concretely enough for both parties to be satisfied (GL 5.1.6 (2), FAQ 6.1). Once issued, the institutions it covers are asked to agree.
oprules-empty = No operational rules have been issued yet. A provider starts from a draft filled from anzen's data with "New version".
oprules-extra = An additional item (optional)
oprules-extra_body = Text
oprules-extra_hint = (ア)–(サ) are the minimum; add what your agreements need (FAQ 6.1).
oprules-extra_title = Title
oprules-institution = Institution
oprules-institutions = Institutions covered and their agreement
oprules-intro = The operational rules document what was agreed with the institutions (GL 5.1.6 (2), FAQ 6.1). Each institution whose contracts a version covers agrees to its exact content (SHA-256), or declines with a reason or asks; the provider answers.
oprules-issue = Issue this version
oprules-issued = Operational rules issued
oprules-issued_at = Issued
oprules-issued_by = Issued by
oprules-items_empty = No measure of a risk treatment is assigned to your institution.
oprules-items_heading = What your own operational rules must include (Table 4-1 ②-3)
oprules-items_intro = The measures the provider's risk treatments assign to your institution (FAQ 5.2). Put them into your own operational rules.
oprules-new = New version
oprules-no_institutions = No contract is covered by this version.
oprules-no_responses = No response yet.
oprules-prefill = Drafted from
oprules-question = Question
oprules-recorded = Recorded:
oprules-respond_heading = Your answer to this version
oprules-respond_intro = You agree to the content shown (its SHA-256). If you cannot agree, give your reason; until the provider answers, the same content cannot be agreed to (GL 5.1.6 (1)).
oprules-responses = Responses
oprules-scope = Covers
oprules-scope_general = Every offering
oprules-scope_hint = Rules set for one offering apply to its contracts instead of the general rules.
oprules-standing = Standing
oprules-superseded = Superseded
oprules-superseded_hint = A newer version exists; agreement is given to the current version.
oprules-title = Operational rules
oprules-version = Version
oprules-version_n = version { $n }
oprules-your_standing = Your standing

## orgs

orgs-add = Add organisation
orgs-created_at = Registered
orgs-institution_kind = Kind of medical institution
orgs-institution_kind_hint = Only for medical institutions.
orgs-institution_kind_none = — (not a medical institution)
orgs-kind = Kind
orgs-name = Name
orgs-registered_by = Registered by

## pagination

pagination-first = First page
pagination-label = Pagination
pagination-next = Next page
pagination-previous = Previous page

## readiness

readiness-all_ready = Every contract has the information and agreements it needs before providing.
readiness-heading = Agree before providing (FAQ 2.1, 6.1)
readiness-intro = For each contract: the Table 4-1 information given, the responsibility matrix agreed, the operational rules agreed and every risk needing consent agreed. A contract started without them is recorded in the audit trail.
readiness-not_ready = Not ready
readiness-started_unready = Started without agreement

## risks

risks-assessed_at = Assessed at
risks-cia-availability = Availability
risks-cia-confidentiality = Confidentiality
risks-cia-integrity = Integrity
risks-col-cia = What it harms (confidentiality, integrity, availability)
risks-col-id = ID
risks-col-impact = Impact
risks-col-level = Risk level
risks-col-likelihood = Likelihood
risks-col-matrix_version = Matrix version
risks-col-measures = Measures (owner)
risks-col-next_review = Next review
risks-col-offering = Offering
risks-col-option = Treatment
risks-col-residual_impact = Residual impact
risks-col-residual_level = Residual risk
risks-col-residual_likelihood = Residual likelihood
risks-col-review_marks = Review marks
risks-col-revision = Revision
risks-col-status = Status
risks-col-threat = Threat
risks-col-title = Risk
risks-col-updated_at = Updated
risks-col-vulnerability = Vulnerability
risks-component-add = Add a component
risks-component-country = Country (ISO code)
risks-component-country_hint = The two-letter ISO 3166-1 code, e.g. JP (Japan), US. It answers Table 4-1 ①-1, ②-1 and ②-2 (GL 6.1)
risks-component-holds_medical_info = Stores medical information (answers Table 4-1 ①-1, ②-1, ②-2)
risks-component-holds_medical_info_badge = Stores medical information
risks-component-kind = Kind
risks-component-location = Location (region)
risks-component-location_hint = E.g. IaaS Tokyo region, the provider's development site
risks-component-name = Name
risks-component-name_hint = E.g. medical records database, maintenance terminal
risks-config-heading = Configuration (components)
risks-config-none = No components recorded yet.
risks-config-risks = Risks of this offering
risks-consent-agreed = Agreed
risks-consent-agreed_already = Your institution has agreed to the current content.
risks-consent-changed = The provider changed the risk (level, treatment, measures, residual risk or explanation) after you agreed. Please read the new content.
risks-consent-confirm = I have read the above and agree
risks-consent-confirm_hint = Your agreement is recorded for exactly the content shown on this page (the risk, the options weighed, the residual risk, why this choice, your institution's duties). If it changes, you will be asked to agree again.
risks-consent-declined = Declined (answer awaited)
risks-consent-done = Your agreement has been recorded.
risks-consent-heading = Agreement
risks-consent-institutions_only = Only a reviewer of an institution the risk touches can agree; the provider alone can never make sharing or accepting effective (FAQ 5.1).
risks-consent-intro = The provider's explanation of a risk it identified and evaluated, and of its treatment. Read it, and press the button below if you agree (FAQ 5.1, 5.2).
risks-consent-missing = Not agreed
risks-consent-no_duties = None of this risk's measures falls to your institution.
risks-consent-not_affected = This risk does not touch a contract of your institution in force; no agreement is needed.
risks-consent-own_duties = What your institution is asked to do
risks-consent-preview = See what the institutions are shown
risks-consent-stale = The risk changed after this page was shown. Read the new content, then agree again.
risks-consent-title = Review and agree to a risk's treatment
risks-consents-at = When
risks-consents-content = Content agreed to
risks-consents-current = Current content
risks-consents-digest = Content digest
risks-consents-none = No agreement yet.
risks-consents-superseded = An earlier content
risks-consents-user = Agreed by
risks-criterion = Risk criterion
risks-duties-duty = Duty
risks-duties-empty = No risk treatment asks anything of your institution.
risks-duties-intro = The measures of the providers' risk treatments that your institution carries out (FAQ 5.2).
risks-duties-title = Our duties
risks-effective = Treatment in effect
risks-empty = No risks recorded yet.
risks-environment_hint = Development and test environments count too (GL 5.2).
risks-error-revision = The revision is not valid; open the page again.
risks-explanation-none = No explanation yet.
risks-export_xlsx = Export XLSX
risks-filter-any = All
risks-filter-flagged = Marked for review
risks-filter-level = Risk level (before treatment)
risks-filter-residual_level = Residual level
risks-filter-review = Review
risks-filter-review_due = Review due
risks-filter-review_overdue = Review overdue
risks-filter-search = Search risk, threat, vulnerability
risks-flow-add = Add an information flow
risks-flow-as_assessed = As assessed
risks-flow-changed = The information flow as assessed and as it is now
risks-flow-class = Class of information
risks-flow-class_hint = The class guides the impact (patient personal information has a high impact).
risks-flow-components = Components it passes through
risks-flow-current = Current
risks-flow-device = On which device or medium
risks-flow-device_hint = E.g. a development and maintenance terminal
risks-flow-edit = Edit the information flow
risks-flow-edit_intro = Saving marks the risks assessed on this flow for review (GL 5.1.7). Until they are reassessed, they keep the flow as they were assessed on it.
risks-flow-environment = Environment
risks-flow-heading = Information flow
risks-flow-how = How it is processed
risks-flow-how_hint = E.g. read for fault analysis
risks-flow-intro = Describe a flow by who, where, on which device or medium, what, and how it is processed (GL 5.1.1, 5.2).
risks-flow-marked = risks marked for review:
risks-flow-place = Where
risks-flow-place_hint = E.g. the provider's data centre
risks-flow-what = What
risks-flow-what_hint = E.g. the production medical records database
risks-flow-who = Who
risks-flow-who_hint = E.g. development and maintenance staff
risks-flows-heading = Information flows
risks-flows-none = No information flows recorded yet.
risks-heat-inherent = Risks before treatment
risks-heat-intro = How many risks sit at each impact (rows) and likelihood (columns); colour and letter give the risk level.
risks-heat-legend = Risk levels and their criteria
risks-heat-residual = Residual risks
risks-heat-title = Heat map
risks-impact = Impact
risks-impact_hint = Judge it by the importance and volume of the information the flow handles (GL 5.1.2).
risks-institutions-intro = The institutions that contract the offering. Sharing or accepting takes effect with every institution's agreement.
risks-institutions-none = No institution contracts this offering now; sharing or accepting cannot take effect.
risks-intro = The risks identified on each information flow (GL 5.1, FAQ 5).
risks-likelihood = Likelihood
risks-likelihood_hint = Judge how likely the threat is to exploit the vulnerability (GL 5.1.2).
risks-marked = Marked for review
risks-matrix-cells = Risk matrix
risks-matrix-corner = Impact \ likelihood
risks-matrix-created = Risk matrix version recorded:
risks-matrix-criteria = Risk criteria and review intervals
risks-matrix-define = Define a new version
risks-matrix-define_intro = Set the level of each cell and the review interval (days) of each level. Risks assessed before keep their version and are marked for review.
risks-matrix-example = This is anzen's example, not taken from the guideline (its S–D criteria follow the example of Table 5-2).
risks-matrix-interval = Review interval (days)
risks-matrix-intro = The risk level of each combination of impact and likelihood (GL 5.1.2, 5.1.3).
risks-matrix-label = Label
risks-matrix-meaning = What it means
risks-matrix-requirement = Treatment
risks-matrix-save = Record as a new version
risks-matrix-scales = Impact and likelihood scales
risks-matrix-title = Risk matrix
risks-matrix-version = Version
risks-measure = Measure
risks-measure-controls = Controls
risks-measure-controls_hint = Appendix 2 keys or your own; separate several with commas.
risks-measure-description = Description
risks-measure-done = Done
risks-measure-done_yes = Done
risks-measure-due = Due
risks-measure-owner = Owner
risks-measures = Measures
risks-measures-hint = Rows without a description are ignored. A measure owned by an institution appears in its view and in what it agrees to (FAQ 5.2).
risks-measures-more = More measure rows
risks-new = Identify a risk
risks-new-flow_hint = Identify risks per information flow (GL 5.1.1).
risks-new-intro = Identify a risk on an offering's information flow and analyse it by impact and likelihood (GL 5.1.1, 5.1.2).
risks-new-no_flow = (no information flow)
risks-new-no_offerings = There is no offering to record a risk on.
risks-new-threat_hint = E.g. unauthorised login, data taken away
risks-new-title_hint = E.g. unauthorised login with a four-digit password
risks-new-vulnerability_hint = E.g. passwords are four digits
risks-notice-control = Control
risks-notice-control_hint = An Appendix 2 item key (e.g. 1.1/①-1 or 1.1-1-1) or the key of one of your own controls; each offering's statement of applicability lists them.
risks-notice-description = Description
risks-notice-intro = Technology moves on, and a residual risk once accepted may no longer be (FAQ 5.2). Name the control whose technology changed (an Appendix 2 item key or one of your own controls): every risk with a measure implementing it is marked for review. Check the list with "Preview" before you raise the notice.
risks-notice-new = Raise a technology-change notice
risks-notice-preview = Preview
risks-notice-preview_heading = Risks this notice will mark for review
risks-notice-preview_none = No risk has a measure implementing this control.
risks-notice-raise = Raise and mark for review
risks-notice-raised = Notice raised; risks marked for review:
risks-notice-title = Title
risks-notice-title_hint = E.g. multi-factor authentication is now expected
risks-option-accept_hint = Take the risk as it is; needs every institution's agreement (FAQ 5.1).
risks-option-avoid_hint = Stop the activity that causes it.
risks-option-needs_consent = needs the institutions' agreement
risks-option-reduce_hint = Lower the impact or likelihood with measures.
risks-option-share_hint = Share it, e.g. by insurance or contract; needs every institution's agreement (FAQ 5.1).
risks-overdue = Overdue
risks-owner-institution = Institution
risks-owner-provider = Provider
risks-owner-subcontractor = Subcontractor
risks-re_consent = Re-consent needed
risks-reassess = Reassess
risks-reassess-current = Current assessment
risks-reassess-intro = Analyse the risk again on the current matrix. A changed level means the institutions must agree again.
risks-reassessed = Reassessed. Risk level:
risks-reopened = Treatment reopened:
risks-requirement-case_by_case = Decide case by case
risks-requirement-mandatory = Treatment mandatory
risks-requirement-min_measures = at least measures:
risks-requirement-not_needed = No treatment needed
risks-residual-impact = Residual impact
risks-residual-likelihood = Residual likelihood
risks-residual-none = The residual risk has not been evaluated yet.
risks-review-catalogue = New control catalogue version
risks-review-component = A component its flow passes through changed
risks-review-flow = The information flow changed since the assessment (revision)
risks-review-heading = Residual risk review
risks-review-incident = Incident recorded
risks-review-intro = A review is recorded by reassessing the risk (GL 5.1.7, FAQ 5.2): the reassessment clears the review marks and schedules the next review by the level's interval. A risk cannot merely be marked reviewed. To change the treatment, decide it again after the reassessment.
risks-review-mark = Review by reassessing
risks-review-matrix = New risk matrix version
risks-review-scheduled = Scheduled review
risks-review-supply_chain = Supply chain changed
risks-review-technology = Technology change
risks-reviewed = Marked reviewed. Next review:
risks-section-consents = Consent history
risks-section-explanation = Explanation for the institutions
risks-section-inherent = Analysis and evaluation (before treatment)
risks-section-institutions = Institutions it touches and their agreement
risks-section-residual = Residual risk
risks-section-risk = The risk
risks-section-treatment = Treatment
risks-title = Risk register
risks-treat = Decide the treatment
risks-treated = Treatment recorded:
risks-treatment-explanation_hint = Shown to the institutions: make the risk, the options weighed, the residual risk and why this choice clear (FAQ 5.1).
risks-treatment-intro = Choose the treatment by the level's criterion and record the measures and the residual risk (GL 5.1.4, 5.1.5). A change means the institutions must agree again.
risks-treatment-none = No treatment decided yet.
risks-treatment-options_considered = Options weighed
risks-treatment-options_hint = Why the other options were not chosen; required to share or accept.
risks-treatment-rationale = Why this treatment
risks-treatment-rationale_hint = Required unless the level needs no treatment.
risks-voice-answer = Answer
risks-voice-answered_done = Your answer has been recorded.
risks-voice-ask = Ask a question
risks-voice-asked_done = Your question has been recorded; the provider will answer it.
risks-voice-decline = Decline
risks-voice-decline_hint = Give your reason. The treatment does not take effect until the provider answers it or revises the risk (GL 5.1.6 (1)).
risks-voice-declined_done = Your decline has been recorded; the provider will answer it.
risks-voice-declined_open = Your institution declined this content. The provider's answer or a revision is awaited (GL 5.1.6 (1)).
risks-voice-question = Question
risks-voice-reason = Reason for declining
risks-voice-thread = Questions and answers
risks-voice-thread_empty = No questions or answers yet.
risks-voice-unanswered = Not answered

## scope

scope-not_asked = not asked for these answers (the default)
scope-q-connected_to_medical_information_system-help = A device is in scope when it is under contract and connected. A system supplied to a business that serves institutions (inpatient meals, dental laboratory work) is in scope when it is connected.
scope-q-connected_to_medical_information_system-label = Connected to a medical information system
scope-q-connected_to_medical_information_system-question = Is it connected to a medical information system, over a network included?
scope-q-contract-maintenance-help = Maintenance you carry out on your own judgement (for example under a contract for work, 請負) counts. Staff sent to work under the institution's direction do not count, and shipping security patches under a product warranty alone does not bring you into scope.
scope-q-contract-maintenance-label = Maintenance
scope-q-contract-maintenance-question = How do you maintain the system?
scope-q-contract-operation-help = Contracts in the FAQ's sense include not only provision but also contracts to operate or manage the systems and devices that make up a medical information system.
scope-q-contract-operation-label = Operation contract
scope-q-contract-operation-question = Do you have a contract with a medical institution to operate or manage the system (system operation outsourcing and the like)?
scope-q-contract-provision-help = The typical contract in the FAQ's sense is one to provide a system that receives medical information from the institution and stores or processes it: a cloud EHR, external storage of records or images, an online consultation system.
scope-q-contract-provision-label = Provision contract
scope-q-contract-provision-question = Do you have a contract with a medical institution to provide this system or service?
scope-q-contract-remote_maintenance_in_terms-help = Even without an explicit maintenance contract, terms of service that provide for remote maintenance are treated like a maintenance contract.
scope-q-contract-remote_maintenance_in_terms-label = Remote maintenance in the terms
scope-q-contract-remote_maintenance_in_terms-question = Although no maintenance contract was signed, do your terms of service say that you carry out remote maintenance?
scope-q-contract-sale_only-help = A sale with no operation, management or maintenance contract is not a contract in the FAQ's sense: after delivery the institution runs the product under its own responsibility.
scope-q-contract-sale_only-label = Sale only
scope-q-contract-sale_only-question = Is a sale of the product the only agreement with the institution?
scope-q-deployment-help = Systems and devices inside the institution are in scope, in principle, whenever a contract covers them. For services outside it (a cloud, a data centre), the suppliers of the resources they depend on are in scope too, besides the provider that offers the service.
scope-q-deployment-label = Deployment
scope-q-deployment-question = Where is the system or device installed?
scope-q-equipment-help = Medical devices, PCs and other terminals, multifunction printers and network devices are in scope when a contract covers them and they are connected (over a network included) to the medical information system. A test device that stores no medical information and is not connected is out of scope.
scope-q-equipment-label = Kind of device
scope-q-equipment-question = Is what you provide a device? If so, which kind?
scope-q-handles_medical_information-help = Providing a system that receives and processes medical information is the typical case. Records that care providers make on the instruction of medical staff are medical information too (FAQ 1.4).
scope-q-handles_medical_information-label = Handles medical information
scope-q-handles_medical_information-question = Does it receive medical information and process it (store it, transform it, …)?
scope-q-institution_self_operated-help = When the institution processes the information itself, on its own premises and without entrusting anyone, the guideline does not apply. A RIS or PACS bought outright and run by the hospital with no later maintenance is the typical case.
scope-q-institution_self_operated-label = Run by the institution itself
scope-q-institution_self_operated-question = Does the medical institution run this system itself, without entrusting any provider with processing, operating or maintaining it?
scope-q-merged_into_phr_with_other_data-help = If you do, the whole PHR service that takes in the information is in scope.
scope-q-merged_into_phr_with_other_data-label = Merged into a PHR service
scope-q-merged_into_phr_with_other_data-question = Do you load the received information into a PHR service that already holds other PHR data?
scope-q-network_operator-help = An operator entrusted by participating institutions with managing medical information is a target provider. One that only coordinates participants and specifications, with no responsibility for the information, is not.
scope-q-network_operator-label = Regional network operator
scope-q-network_operator-question = Do you operate a regional medical information network, and in which role?
scope-q-patient_directed_receipt-help = A PHR service that receives information an institution sends on the patient's instruction is a type-3 target provider. If the institution gives the patient a URL or QR code and the patient registers it, the information was sent to the patient, and the service is out of scope (FAQ 1.4 note 2).
scope-q-patient_directed_receipt-label = Receipt on the patient's instruction
scope-q-patient_directed_receipt-question = Do you receive medical information from a medical institution on the patient's instruction?
scope-q-records_care_information-help = A care system that records both is in scope as a whole, care information included.
scope-q-records_care_information-label = Records care information
scope-q-records_care_information-question = Alongside medical information, does it record care information that is not medical information (such as the size of a resident's bed)?
scope-q-serves_institution_contractor-help = You are a target provider when that system connects to the institution's medical information system; without a connection this rule does not bring you in.
scope-q-serves_institution_contractor-label = Serves a business that serves institutions
scope-q-serves_institution_contractor-question = Do you provide a system to a business that itself serves medical institutions (inpatient meals, dental laboratory work) or to an online consultation provider?
scope-q-service-help = Any name your team recognises. The verdict and its history record it, and it becomes the offering's name when you save.
scope-q-service-label = Service name
scope-q-service-question = What is the name of the system, service or device you want to assess?
scope-q-stores_medical_information-help = For devices, storing medical information makes the difference: a test device that stores none is in scope only when it is both under contract and connected.
scope-q-stores_medical_information-label = Stores medical information
scope-q-stores_medical_information-question = Does it keep (store) medical information?
scope-q-supplies_in_scope_service-help = The whole supply chain is in scope. A supplier of what a service outside the institution needs is a target provider whether or not its own service connects to the medical information system (type 2, FAQ 1 and 2).
scope-q-supplies_in_scope_service-label = Supplies what an in-scope service needs
scope-q-supplies_in_scope_service-question = With no direct contract with a medical institution, do you supply resources or services (IaaS, PaaS, data centre, lines, …) that a medical information system offered to institutions needs?

## supply

supply-add = Add supply link
supply-code = Component (Fig. 2-2)
supply-code_hint = A = application, P = platform, I = infrastructure; 1 used as a service, 2 prepared in-house (GL 2.2.1).
supply-contract_holder = Contract held by
supply-contract_holder_hint = Who holds the contract with the supplier; empty means your organisation (FAQ 2.1).
supply-default_provider = Your organisation (the offering's provider)
supply-description = Description
supply-intro = Records who supplies each component of an offering, who selected the supplier and who holds the contract (GL 2.2.2, 2.2.3, FAQ 2.1).
supply-offering = Offering
supply-selected_by = Selected by
supply-selected_by_hint = Who selected the supplier; empty means your organisation (GL 2.2.3).
supply-supplier = Supplier
supply-supplier_offering_hint = The id of the supplier's offering when it is in anzen (optional); the chain diagram then shows its components too.
supply-visibility_hint = Choose unknown when A cannot see into the component; A then explains the risks, states its responsibility and reaches agreement (FAQ 2.1).

## users

users-access_until = Access until
users-access_until_hint = Auditors only: the last day of access (YYYY-MM-DD, Japan time).
users-add = Add user
users-choose_org = Continue with this organisation
users-created = User created
users-disabled = Disabled
users-display_name = Name
users-login = Login ID
users-login_hint = An e-mail address or short name: a–z, digits and . _ @ + -.
users-mfa = MFA
users-mfa_heading = Require multi-factor authentication
users-mfa_make_optional = Make it optional
users-mfa_off = Not set up
users-mfa_on = Set up
users-mfa_optional_now = Multi-factor authentication is currently required of administrators only.
users-mfa_require = Require it of every member
users-mfa_required_now = Multi-factor authentication is currently required of every member.
users-must_change_password = Must change password
users-org = Organisation
users-org_hint = You create users of your organisation and of the organisations it registered.
users-password_reset = Password reset (the user's sessions ended and their API tokens were revoked)
users-reset_password = Reset password
users-role = Role
users-role_hint = Only roles that fit the chosen organisation are offered.
users-status = Status
users-temporary_note = A temporary password is shown once after creation; the user changes it at the first sign-in.
users-temporary_password = Temporary password
users-temporary_shown_once = The temporary password is shown only once. Pass it to the user by a safe channel; they change it at their next sign-in.

## verdict

verdict-categories = Categories
verdict-covers_non_medical_data = The whole system is in scope, data that is not medical information included (FAQ 1.4).
verdict-heading = Verdict
verdict-in_scope = In scope
verdict-in_scope_text = The guideline applies.
verdict-out_of_scope = Out of scope
verdict-out_of_scope_text = The guideline does not apply.
verdict-reasons = Reasons

## wizard

wizard-answers = Answers
wizard-error-choose = Choose one of the answers.
wizard-error-conflict = Someone else changed this offering after you started. Start the re-assessment again from the offering's page.
wizard-error-state = The wizard's answers could not be read. Please start again.
wizard-read_only = Your role cannot save verdicts; you can review the result only.
wizard-reassessing = You are re-assessing an existing offering; its current answers are pre-selected.
wizard-restart = Start again
wizard-save_existing = Apply this verdict to the offering
wizard-save_new = Save as a new offering
wizard-start = Scope wizard
wizard-step = Question
wizard-title = Scope wizard
