//! The server's Ed25519 audit key: created on first run (mode 0600), read on every start.

use std::io::Write;
use std::path::Path;

use anyhow::{Context, bail};
use anzen_app::{AuditSigner, Ed25519Signer};

/// Reads the key at `path`, or creates it (and its folder) when the file does not exist.
pub fn load_or_create(path: &Path) -> anyhow::Result<Ed25519Signer> {
    if path.exists() {
        return load(path);
    }
    if let Some(dir) = path.parent()
        && !dir.as_os_str().is_empty()
    {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("cannot create the key folder {}", dir.display()))?;
    }
    let signer = Ed25519Signer::generate()?;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options
        .open(path)
        .with_context(|| format!("cannot create the audit key file {}", path.display()))?;
    writeln!(file, "{}", hex_encode(&signer.secret_bytes()))
        .with_context(|| format!("cannot write the audit key file {}", path.display()))?;
    tracing::info!(path = %path.display(), key = %signer.key_id(), "created the audit signing key");
    Ok(signer)
}

/// Reads an existing key.
pub fn load(path: &Path) -> anyhow::Result<Ed25519Signer> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read the audit key file {}", path.display()))?;
    let bytes = hex_decode(text.trim()).with_context(|| {
        format!(
            "{}: not an audit key (expected 64 hexadecimal characters)",
            path.display()
        )
    })?;
    let Ok(secret) = <[u8; 32]>::try_from(bytes.as_slice()) else {
        bail!(
            "{}: not an audit key (expected 64 hexadecimal characters)",
            path.display()
        );
    };
    Ok(Ed25519Signer::from_secret(secret))
}

fn hex_encode(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn hex_decode(text: &str) -> anyhow::Result<Vec<u8>> {
    if !text.len().is_multiple_of(2) {
        bail!("odd length");
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).map_err(Into::into))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_created_key_is_read_back_and_private() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("keys/audit.key");
        let created = load_or_create(&path).unwrap();
        let loaded = load_or_create(&path).unwrap();
        assert_eq!(created.key_id(), loaded.key_id());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(
                std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
                0o600
            );
        }
        std::fs::write(&path, "zz").unwrap();
        assert!(
            load(&path)
                .unwrap_err()
                .to_string()
                .contains("not an audit key")
        );
    }
}
