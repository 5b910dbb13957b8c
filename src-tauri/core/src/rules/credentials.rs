//! Credentials as a therapist types them ("PT, CST-D"): read as whole tokens, ignoring case, so the
//! rules (which accept some) and the checks of the rule files (which name them) agree.

/// Whether a credentials string ("PT, CST-D") holds one of `accepted` as a whole token,
/// ignoring case: "cst-t" matches CST-T, "RCST" does not match CST.
pub fn holds_credential(credentials: &str, accepted: &[String]) -> bool {
    let accepted: Vec<String> = accepted.iter().flat_map(|a| credential_tokens(a)).collect();
    credential_tokens(credentials).any(|token| accepted.contains(&token))
}

/// The credentials in a string, uppercased: split on commas, semicolons, slashes, whitespace
/// and brackets; typographic dashes read as hyphens; a trailing full stop dropped.
pub(super) fn credential_tokens(credentials: &str) -> impl Iterator<Item = String> + '_ {
    credentials
        .split(|c: char| c.is_whitespace() || ",;/()[]".contains(c))
        .map(|token| token.trim_end_matches('.'))
        .filter(|token| !token.is_empty())
        .map(|token| {
            token
                .chars()
                .map(|c| match c {
                    '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
                    c => c,
                })
                .flat_map(char::to_uppercase)
                .collect()
        })
}
