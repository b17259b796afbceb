//! Table tests of the scope rules (being written).
