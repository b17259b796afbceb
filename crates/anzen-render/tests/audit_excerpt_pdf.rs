//! Golden tests on the 監査証跡抜粋 PDF (written with the template).
