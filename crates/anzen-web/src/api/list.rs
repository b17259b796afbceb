//! The shape of every listing: `{"items": [...], "total": n, "limit": l, "offset": o}`.

/// Declares the listing type `$name` of `$item`s, built from a use-case's `Listed` page.
macro_rules! list_of {
    ($(#[$doc:meta])* $name:ident of $item:ty) => {
        $(#[$doc])*
        #[derive(Debug, serde::Serialize, utoipa::ToSchema)]
        pub struct $name {
            /// The rows of this page.
            pub items: Vec<$item>,
            /// How many rows match in all.
            pub total: i64,
            /// The page size applied.
            pub limit: i64,
            /// The rows skipped before this page.
            pub offset: i64,
        }

        impl $name {
            #[allow(dead_code)]
            pub fn from_listed<T>(listed: anzen_app::ports::Listed<T>) -> Self
            where
                $item: From<T>,
            {
                Self {
                    items: listed.rows.into_iter().map(Into::into).collect(),
                    total: listed.total,
                    limit: listed.page.limit,
                    offset: listed.page.offset,
                }
            }

            /// A page cut from every row (for use-cases that return all rows).
            #[allow(dead_code)]
            pub fn from_all<T>(rows: Vec<T>, page: anzen_app::ports::Page) -> Self
            where
                $item: From<T>,
            {
                let total = i64::try_from(rows.len()).unwrap_or(i64::MAX);
                let skip = usize::try_from(page.offset).unwrap_or(usize::MAX);
                let take = usize::try_from(page.limit).unwrap_or(usize::MAX);
                Self {
                    items: rows.into_iter().skip(skip).take(take).map(Into::into).collect(),
                    total,
                    limit: page.limit,
                    offset: page.offset,
                }
            }
        }
    };
}

pub(crate) use list_of;

/// The query parameters of a plain listing.
#[derive(Debug, Default, serde::Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct PageParams {
    /// Rows per page, 1–500 (default 50).
    #[param(value_type = Option<i64>, minimum = 1, maximum = 500)]
    pub limit: Option<String>,
    /// Rows to skip (default 0).
    #[param(value_type = Option<i64>, minimum = 0)]
    pub offset: Option<String>,
}
