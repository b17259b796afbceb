//! Catalogues shipped as versioned data (placeholder; replaced below).
