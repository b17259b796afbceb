//! The command-line grammar.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// anzen — 医療情報を取り扱う情報システム・サービスの提供事業者における安全管理ガイドラインの
/// 安全管理プロセスを運用するシステム / runs the safety-management process of the MIC/METI
/// provider guideline.
#[derive(Debug, Parser)]
#[command(name = "anzen", version, about, long_about = None)]
pub struct Cli {
    /// Configuration file (default: ./anzen.toml when present).
    #[arg(long, global = true, env = "ANZEN_CONFIG")]
    pub config: Option<PathBuf>,

    /// Database URL, overriding the configuration (sqlite://PATH or postgres://…).
    #[arg(long, global = true)]
    pub database_url: Option<String>,

    /// Who is acting, recorded in histories (default: the OS user).
    #[arg(long, global = true, env = "ANZEN_ACTOR")]
    pub actor: Option<String>,

    /// Act as a member of this organisation (id): see and change only its rows.
    #[arg(long = "as-org", global = true)]
    pub as_org: Option<String>,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Apply the database migrations this anzen brings, listing them (take a backup first:
    /// `anzen backup`). A database migrated by a newer anzen is refused, by every command.
    Migrate {
        /// List the pending migrations without applying any: exit status 1 when there are
        /// some, 0 when the database is up to date. Creates no database.
        #[arg(long)]
        check: bool,
    },
    /// Organisations: providers, medical institutions, partner providers.
    #[command(subcommand)]
    Org(OrgCommand),
    /// Offerings and their scope verdicts.
    #[command(subcommand)]
    Offering(OfferingCommand),
    /// Contracts between medical institutions and providers.
    #[command(subcommand)]
    Contract(ContractCommand),
    /// Supply links: components of an offering supplied by other providers.
    #[command(subcommand)]
    Supply(SupplyCommand),
    /// Scope determination (FAQ 1, 1.1–1.4, 2.2).
    #[command(subcommand)]
    Scope(ScopeCommand),
    /// The guideline catalogues shipped with anzen.
    #[command(subcommand)]
    Catalog(CatalogCommand),
    /// Configuration.
    #[command(subcommand)]
    Config(ConfigCommand),
    /// User accounts.
    #[command(subcommand)]
    User(UserCommand),
    /// The signed audit trail.
    #[command(subcommand)]
    Audit(AuditCommand),
    /// API tokens of users, for scripts and automation (without the web form).
    #[command(subcommand)]
    Token(TokenCommand),
    /// The background job queue shared by every app node.
    #[command(subcommand)]
    Jobs(JobsCommand),
    /// Documents for medical institutions (risk treatment list, Table 4-1 disclosure pack,
    /// responsibility division, Appendix 2 statement, diagram, device ledger, audit excerpt):
    /// issue them as PDF, DOCX or XLSX, list them, verify a file.
    #[command(subcommand)]
    Document(DocumentCommand),
    /// Serve the web application and the JSON API.
    Serve,
    /// Ask a running server whether it is ready (GET /readyz): exit status 0 when it is,
    /// 1 with a one-line reason when it is not or does not answer. For scripts and container
    /// health checks.
    Healthcheck {
        /// The server's own address (plain HTTP), e.g. http://127.0.0.1:8080. Default: from
        /// server.bind in the configuration.
        #[arg(long)]
        url: Option<String>,
    },
    /// Write a signed archive of the whole database to a new file: one consistent snapshot,
    /// taken while anzen keeps running (SQLite and PostgreSQL alike).
    Backup {
        /// The archive to create (never replaces an existing file).
        file: PathBuf,
    },
    /// Restore an archive into an empty database. The whole archive is checked first (its
    /// digests and its signature with the audit key); the restore is read back and the audit
    /// chain verified before it stands. A truncated or altered archive writes nothing.
    Restore {
        /// The archive written by `anzen backup`.
        file: PathBuf,
    },
    /// Create a fresh database (SQLite in --dir, or the global --database-url) with a
    /// fictional but realistic data set and a checkpoint of its audit chain, then serve it.
    Demo(DemoArgs),
}

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Create a user account. The password is read from standard input with
    /// --password-stdin; otherwise a temporary one is generated and printed. Either way the
    /// user must change it at the first sign-in.
    Add {
        /// The user's organisation (id).
        #[arg(long)]
        org: String,
        /// The sign-in name: 3–254 characters, letters a-z, digits and . _ @ + - (an e-mail
        /// address fits; stored in lower case).
        #[arg(long)]
        login: String,
        /// The name shown in histories and lists (one line, at most 200 characters).
        #[arg(long)]
        display_name: String,
        /// provider_admin, provider_member, institution_reviewer, partner or auditor.
        #[arg(long)]
        role: String,
        /// For an auditor: the last day of access (YYYY-MM-DD).
        #[arg(long, default_value = "")]
        access_until: String,
        /// Read the initial password from standard input (its line end is dropped) instead of
        /// generating one.
        #[arg(long)]
        password_stdin: bool,
    },
    /// List user accounts.
    List(ListArgs),
}

#[derive(Debug, Subcommand)]
pub enum TokenCommand {
    /// Create an API token for a user; the token is printed once (only its hash is kept).
    Create {
        /// The login of the user the token acts as (with the user's role).
        #[arg(long)]
        user: String,
        /// Days until the token expires (1–366); without it, it never expires.
        #[arg(long, value_name = "DAYS", allow_hyphen_values = true)]
        expires: Option<String>,
        /// A name to recognise the token by.
        #[arg(long, default_value = "cli")]
        name: String,
    },
    /// Revoke an API token by its id (see `anzen token list`).
    Revoke {
        /// The token's id.
        id: String,
    },
    /// List a user's API tokens.
    List {
        /// The user's login.
        #[arg(long)]
        user: String,
        /// Output format.
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
}

#[derive(Debug, Subcommand)]
pub enum DocumentCommand {
    /// Issue a document: render it from the current data, number it, and record the SHA-256
    /// of the file in the signed audit trail. KIND: risk-treatment, disclosure,
    /// responsibility, applicability, diagram, device-ledger or audit-excerpt.
    Render {
        /// The kind of document.
        kind: String,
        /// The offering (id).
        #[arg(long)]
        offering: String,
        /// The medical institution it is for (id); without it, for every institution.
        #[arg(long)]
        institution: Option<String>,
        /// pdf, docx or xlsx.
        #[arg(long, default_value = "pdf")]
        format: String,
        /// Audit-trail excerpt: the first day of the period (YYYY-MM-DD, Japan).
        #[arg(long)]
        from: Option<String>,
        /// Audit-trail excerpt: the last day of the period (YYYY-MM-DD, Japan).
        #[arg(long)]
        to: Option<String>,
        /// Audit-trail excerpt: only the entries of this object type (risk, agreement…).
        #[arg(long)]
        object_type: Option<String>,
        /// Audit-trail excerpt: only the entries of this object (id), with --object-type.
        #[arg(long)]
        object_id: Option<String>,
        /// The file to write (written whole or not at all).
        #[arg(short = 'o', long = "output")]
        output: PathBuf,
    },
    /// Say whether this exact file was issued by anzen: when, by whom, for whom. Exit status
    /// 0 when it was, 3 when it was not (changed, or never issued).
    Verify {
        /// The file to check.
        file: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// The issued documents, newest first.
    List {
        /// Only this offering's (id).
        #[arg(long)]
        offering: Option<String>,
        #[command(flatten)]
        list: ListArgs,
    },
}

#[derive(Debug, Subcommand)]
pub enum JobsCommand {
    /// Run the pending job of a recurring kind now, due or not: purge_sessions,
    /// review_reminders or refresh_statuses.
    Run {
        /// The job's kind.
        name: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Check the whole hash chain, its signatures and its signed head: name the first broken
    /// entry and any missing newest entries. Reads only: a missing database or audit key is
    /// an error, never created.
    Verify {
        /// A checkpoint file (from `anzen audit checkpoint`): also prove that nothing at or
        /// before it was removed or changed.
        #[arg(long)]
        checkpoint: Option<PathBuf>,
    },
    /// Print a signed checkpoint of the chain's head (JSON, anzen/audit-checkpoint/v1) to keep
    /// outside the system; the whole chain is verified first. Reads only.
    Checkpoint,
    /// Sign the chain's head when it carries no signature (a database whose upgrade to signed
    /// heads was interrupted), after checking that it names the newest entry.
    SignHead,
}

impl Command {
    /// Whether the command works on an existing database and audit key only: it creates
    /// neither and applies no migration (the commands that only read, and signing the head).
    pub fn opens_existing(&self) -> bool {
        match self {
            Command::Org(OrgCommand::List(_))
            | Command::Offering(OfferingCommand::List(_) | OfferingCommand::Show { .. })
            | Command::Contract(ContractCommand::List(_))
            | Command::Supply(SupplyCommand::List { .. })
            | Command::User(UserCommand::List(_))
            | Command::Document(DocumentCommand::Verify { .. } | DocumentCommand::List { .. })
            | Command::Audit(_) => true,
            Command::Migrate { .. }
            | Command::Org(_)
            | Command::Offering(_)
            | Command::Contract(_)
            | Command::Supply(_)
            | Command::Scope(_)
            | Command::Catalog(_)
            | Command::Config(_)
            | Command::User(_)
            | Command::Token(_)
            | Command::Jobs(_)
            | Command::Document(_)
            | Command::Serve
            | Command::Demo(_) => false,
            // It opens nothing: it asks a running server.
            Command::Healthcheck { .. } => false,
            // They open the database themselves (a backup never creates one; a restore
            // fills an empty one).
            Command::Backup { .. } | Command::Restore { .. } => false,
        }
    }
}

#[derive(Debug, Clone, Copy, Default, ValueEnum)]
pub enum Format {
    #[default]
    Text,
    Json,
}

#[derive(Debug, Clone, Copy, Default, ValueEnum)]
pub enum VerdictFormat {
    #[default]
    Json,
    Text,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
    /// Rows to show.
    #[arg(long, default_value_t = 100)]
    pub limit: i64,
    /// Rows to skip.
    #[arg(long, default_value_t = 0)]
    pub offset: i64,
}

#[derive(Debug, Subcommand)]
pub enum OrgCommand {
    /// Register an organisation.
    Add {
        /// provider, medical_institution or partner.
        #[arg(long)]
        kind: String,
        /// For a medical institution: hospital, clinic, dental_clinic, pharmacy, midwifery_home,
        /// home_visit_nursing_station, care_provider, regional_network_operator.
        #[arg(long, default_value = "")]
        institution_kind: String,
        /// The organisation's name (one line, at most 200 characters).
        #[arg(long)]
        name: String,
        /// The registering organisation (id).
        #[arg(long, default_value = "")]
        registered_by: String,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// List organisations.
    List(ListArgs),
}

#[derive(Debug, Subcommand)]
pub enum OfferingCommand {
    /// Record an offering with its scope profile (anzen/scope-profile/v1 JSON).
    Add {
        /// The offering provider (organisation id).
        #[arg(long)]
        provider: String,
        /// Scope profile file (JSON), or - for standard input.
        #[arg(long)]
        profile: PathBuf,
        /// Name (default: the profile's service).
        #[arg(long)]
        name: Option<String>,
        /// What the offering does, for people reading the register (at most 4,000 characters).
        #[arg(long, default_value = "")]
        description: String,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Change the scope profile; the new verdict is kept beside the old ones.
    SetProfile {
        /// Offering id.
        id: String,
        #[arg(long)]
        profile: PathBuf,
        /// The revision you last saw (refused if the offering changed since).
        #[arg(long)]
        revision: Option<i64>,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// List offerings with their current verdict.
    List(ListArgs),
    /// Show an offering with its verdict history.
    Show {
        id: String,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
}

#[derive(Debug, Subcommand)]
pub enum ContractCommand {
    /// Record a contract.
    Add {
        /// The medical institution (organisation id).
        #[arg(long)]
        institution: String,
        /// The provider the institution contracts with (organisation id).
        #[arg(long)]
        provider: String,
        /// The offering the contract is for (offering id).
        #[arg(long)]
        offering: String,
        /// provision, operation, maintenance or sale.
        #[arg(long)]
        kind: String,
        /// YYYY-MM-DD
        #[arg(long)]
        starts_on: String,
        /// YYYY-MM-DD (empty: open-ended)
        #[arg(long, default_value = "")]
        ends_on: String,
        /// The contract's own number or name (at most 200 characters).
        #[arg(long, default_value = "")]
        reference: String,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// List contracts.
    List(ListArgs),
}

#[derive(Debug, Subcommand)]
pub enum SupplyCommand {
    /// Record that a component of an offering is supplied by another provider.
    Add {
        /// The offering whose component is supplied (offering id).
        #[arg(long)]
        offering: String,
        /// A1, A2, P1, P2, I1 or I2 (GL 2.2.1, Fig. 2-2).
        #[arg(long)]
        code: String,
        /// The supplying provider (organisation id).
        #[arg(long)]
        supplier: String,
        /// The supplier's offering the component is (offering id; optional).
        #[arg(long, default_value = "")]
        supplier_offering: String,
        /// Who selected the supplier (default: the offering's provider).
        #[arg(long, default_value = "")]
        selected_by: String,
        /// Who holds the contract with the supplier (default: the offering's provider).
        #[arg(long, default_value = "")]
        contract_holder: String,
        /// known or unknown: whether the offering's provider can see into the component
        /// (FAQ 2.1 R3; default known).
        #[arg(long, default_value = "")]
        visibility: String,
        /// What the supplier provides (at most 2,000 characters).
        #[arg(long, default_value = "")]
        description: String,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// List supply links.
    List {
        /// Only the links of this offering.
        #[arg(long)]
        offering: Option<String>,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
}

#[derive(Debug, Subcommand)]
pub enum ScopeCommand {
    /// Decide whether the guideline applies to the offering a profile describes.
    Check {
        /// Scope profile file (anzen/scope-profile/v1 JSON), or - for standard input.
        file: PathBuf,
        #[arg(long, value_enum, default_value_t)]
        format: VerdictFormat,
    },
}

#[derive(Debug, Subcommand)]
pub enum CatalogCommand {
    /// List the catalogues and the stored versions of Appendix 2 (別紙2), or the items of one
    /// catalogue.
    List {
        /// Show the items of this catalogue (its id).
        #[arg(long)]
        catalog: Option<String>,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Import a version of Appendix 2 (別紙2) from the official workbook (.xlsx) or the CSV
    /// template (.csv). Prints the import report and the difference with the previous
    /// version; a file with any bad row imports nothing and lists every bad row (exit 2).
    /// Importing the same file again changes nothing.
    Import {
        /// The .xlsx or .csv file.
        file: PathBuf,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Print the CSV template that `catalog import` reads (its header rows, UTF-8 with a
    /// byte-order mark), to fill in when the official workbook is not at hand. Needs no
    /// database.
    Template,
}

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Print a commented example configuration.
    Example,
}

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Folder for the demo's audit key and checkpoint, and its SQLite database unless the
    /// global --database-url names another (created; must not already hold them).
    #[arg(long, default_value = "demo-data")]
    pub dir: PathBuf,
    /// Replace an existing demo: its SQLite database, key and checkpoint in that folder; with
    /// a PostgreSQL --database-url, every table in the database's current schema is dropped.
    #[arg(long)]
    pub force: bool,
    /// Where to listen.
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub bind: String,
    /// Create the data and exit without serving.
    #[arg(long)]
    pub no_serve: bool,
    /// The password of every demo account (default: a random one, printed).
    #[arg(long, env = "ANZEN_DEMO_PASSWORD")]
    pub password: Option<String>,
}
