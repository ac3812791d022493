//! The two shapes of the project's data files (`data/`): word lists and tab-separated tables,
//! read one way everywhere, so that every file skips its comments and header alike.

/// The entries of a list file, in order: lines trimmed, blank lines and `#` comments skipped.
pub(crate) fn entries(text: &'static str) -> impl Iterator<Item = &'static str> {
    text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// The rows of a table file: the header line and `#` comments skipped, cells trimmed.
pub(crate) fn rows(text: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    entries(text).skip(1).map(|l| l.split('\t').map(str::trim).collect())
}
