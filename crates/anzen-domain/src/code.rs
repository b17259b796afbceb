//! Enumerations with a stable text code (stored in the database, used in the API and CLI)
//! and a Japanese and an English label (shown in the UI).

/// Declares an enum whose variants have a stable code and labels.
///
/// The generated type has `ALL`, `code()`, `label_ja()`, `label_en()`, `parse_field()`
/// (whose error names the field and lists the accepted codes) and serde as the code.
#[macro_export]
macro_rules! code_enum {
    (
        $(#[$doc:meta])*
        $name:ident {
            $( $(#[$vdoc:meta])* $variant:ident = $code:literal, $ja:literal, $en:literal; )+
        }
    ) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $( $(#[$vdoc])* $variant, )+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub const fn code(self) -> &'static str {
                match self { $($name::$variant => $code,)+ }
            }

            pub const fn label_ja(self) -> &'static str {
                match self { $($name::$variant => $ja,)+ }
            }

            pub const fn label_en(self) -> &'static str {
                match self { $($name::$variant => $en,)+ }
            }

            pub fn from_code(code: &str) -> Option<Self> {
                match code { $($code => Some($name::$variant),)+ _ => None }
            }

            /// Parses the code typed into `field`.
            pub fn parse_field(field: &str, value: &str) -> Result<Self, $crate::FieldError> {
                Self::from_code(value.trim()).ok_or_else(|| {
                    $crate::FieldError::new(field, format!("unknown value `{value}`"))
                        .with_accepted(Self::ALL.iter().map(|v| v.code()))
                })
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.code())
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.code())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                struct V;
                impl serde::de::Visitor<'_> for V {
                    type Value = $name;
                    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        f.write_str(concat!("one of ", $("`", $code, "` "),+))
                    }
                    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<$name, E> {
                        $name::from_code(v).ok_or_else(|| {
                            E::unknown_variant(v, &[$($code),+])
                        })
                    }
                }
                d.deserialize_str(V)
            }
        }
    };
}
