//! The server's keys, each created on first run (mode 0600, in a folder created 0700) and read
//! on every start: the Ed25519 audit key that signs the audit trail, and the secrets key that
//! encrypts TOTP secrets at rest. Both are 32 bytes written as 64 hexadecimal characters.

use std::io::Write;
use std::path::Path;

use anyhow::{Context, bail};
use anzen_app::{AuditSigner, Ed25519Signer, XChaChaCipher};

/// Reads the audit key at `path`, or creates it (and its folder) when the file does not exist.
pub fn load_or_create(path: &Path) -> anyhow::Result<Ed25519Signer> {
    if path.exists() {
        return load(path);
    }
    let signer = Ed25519Signer::generate()?;
    write_new_key(path, "audit key", &signer.secret_bytes())?;
    tracing::info!(path = %path.display(), key = %signer.key_id(), "created the audit signing key");
    Ok(signer)
}

/// Reads an existing audit key.
pub fn load(path: &Path) -> anyhow::Result<Ed25519Signer> {
    Ok(Ed25519Signer::from_secret(read_key(path, "audit key")?))
}

/// Reads the secrets key at `path`, or creates it (and its folder) when the file does not
/// exist.
pub fn load_or_create_secrets(path: &Path) -> anyhow::Result<XChaChaCipher> {
    if path.exists() {
        return Ok(XChaChaCipher::from_key(read_key(path, "secrets key")?));
    }
    let key = XChaChaCipher::generate_key()?;
    write_new_key(path, "secrets key", &key)?;
    tracing::info!(path = %path.display(), "created the key that encrypts secrets at rest");
    Ok(XChaChaCipher::from_key(key))
}

/// Writes a new key file, mode 0600; never replaces one.
fn write_new_key(path: &Path, what: &str, key: &[u8; 32]) -> anyhow::Result<()> {
    if let Some(dir) = path.parent()
        && !dir.as_os_str().is_empty()
        && !dir.exists()
    {
        anzen_store::create_private_dir(dir)
            .with_context(|| format!("cannot create the key folder {}", dir.display()))?;
    }
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options
        .open(path)
        .with_context(|| format!("cannot create the {what} file {}", path.display()))?;
    writeln!(file, "{}", hex_encode(key))
        .with_context(|| format!("cannot write the {what} file {}", path.display()))?;
    Ok(())
}

fn read_key(path: &Path, what: &str) -> anyhow::Result<[u8; 32]> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read the {what} file {}", path.display()))?;
    let article = if what.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    let not_a_key = || {
        format!(
            "{}: not {article} {what} (expected 64 hexadecimal characters)",
            path.display()
        )
    };
    let bytes = hex_decode(text.trim()).with_context(not_a_key)?;
    let Ok(key) = <[u8; 32]>::try_from(bytes.as_slice()) else {
        bail!(not_a_key());
    };
    Ok(key)
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
    use anzen_app::SecretCipher;

    #[cfg(unix)]
    fn mode(path: &Path) -> u32 {
        use std::os::unix::fs::PermissionsExt;
        std::fs::metadata(path).unwrap().permissions().mode() & 0o777
    }

    #[test]
    fn a_created_key_is_read_back_and_private() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("keys/audit.key");
        let created = load_or_create(&path).unwrap();
        let loaded = load_or_create(&path).unwrap();
        assert_eq!(created.key_id(), loaded.key_id());
        #[cfg(unix)]
        {
            assert_eq!(mode(&path), 0o600);
            assert_eq!(mode(&dir.path().join("keys")), 0o700);
        }
        std::fs::write(&path, "zz").unwrap();
        assert!(
            load(&path)
                .unwrap_err()
                .to_string()
                .contains("not an audit key")
        );
    }

    #[test]
    fn the_secrets_key_is_created_private_and_opens_what_it_sealed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("keys/secrets.key");
        let created = load_or_create_secrets(&path).unwrap();
        let sealed = created.seal(b"JBSWY3DPEHPK3PXP", b"ctx").unwrap();
        let loaded = load_or_create_secrets(&path).unwrap();
        assert_eq!(loaded.open(&sealed, b"ctx").unwrap(), b"JBSWY3DPEHPK3PXP");
        #[cfg(unix)]
        {
            assert_eq!(mode(&path), 0o600);
            assert_eq!(mode(&dir.path().join("keys")), 0o700);
        }
        std::fs::write(&path, "0123").unwrap();
        let err = load_or_create_secrets(&path).unwrap_err().to_string();
        assert!(err.contains("not a secrets key"), "{err}");
    }
}
