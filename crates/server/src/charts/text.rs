//! How wide a label is drawn, estimated without a font: SVG text is not
//! measured on the server, so each chart makes room for its widest label
//! from these widths (a little generous for system-ui at 12 px) instead of
//! letting a long name or a large value run past the edge and be clipped.

/// The drawn width of `s` in px at 12 px, slightly over the real one.
pub fn width(s: &str) -> f64 {
    s.chars()
        .map(|c| match c {
            'i' | 'j' | 'l' | '.' | ',' | ':' | ';' | '\'' | '|' | '!' | 'I' | ' ' => 3.6,
            'f' | 't' | 'r' | '(' | ')' | '-' | '[' | ']' => 4.6,
            'm' | 'w' | '—' | '…' => 10.0,
            'M' | 'W' | '@' | '%' => 11.0,
            '0'..='9' | '€' | '$' | '£' | '≤' | '+' => 7.0,
            c if c.is_ascii_uppercase() => 8.4,
            c if c.is_ascii_lowercase() => 6.9,
            // Other scripts and symbols: as wide as the widest letters.
            _ => 11.0,
        })
        .sum()
}

/// `s` cut to fit `max` px, with an ellipsis when cut.
pub fn fit(s: &str, max: f64) -> String {
    if width(s) <= max {
        return s.to_string();
    }
    let mut out = String::new();
    let room = max - width("…");
    for c in s.chars() {
        let mut next = out.clone();
        next.push(c);
        if width(&next) > room {
            break;
        }
        out = next;
    }
    format!("{}…", out.trim_end())
}

/// `s` on at most two lines of `max` px each: broken at a space where one
/// fits, the second line cut with an ellipsis if even that is too long.
pub fn two_lines(s: &str, max: f64) -> Vec<String> {
    if width(s) <= max {
        return vec![s.to_string()];
    }
    let words: Vec<&str> = s.split(' ').collect();
    let mut first = String::new();
    let mut used = 0;
    for (i, w) in words.iter().enumerate() {
        let candidate = if first.is_empty() { w.to_string() } else { format!("{first} {w}") };
        if width(&candidate) > max {
            break;
        }
        first = candidate;
        used = i + 1;
    }
    if used == 0 {
        // One word longer than a line: cut it, the rest on the second line.
        let head = fit(s, max);
        let kept = head.trim_end_matches('…').chars().count();
        let rest: String = s.chars().skip(kept).collect();
        return vec![head.trim_end_matches('…').to_string(), fit(rest.trim_start(), max)];
    }
    let rest = words[used..].join(" ");
    vec![first, fit(&rest, max)]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_labels_fit_their_room() {
        let name = "International Bank for Reconstruction and Development";
        let lines = two_lines(name, 150.0);
        assert_eq!(lines.len(), 2);
        assert!(lines.iter().all(|l| width(l) <= 150.0), "{lines:?}");
        assert!(lines[1].ends_with('…'), "{lines:?}");
        assert_eq!(two_lines("Norway", 150.0), ["Norway"]);
        let one_word = "Wwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwww";
        assert!(two_lines(one_word, 100.0).iter().all(|l| width(l) <= 100.0));
        assert!(width(&fit("€123,456,789 tn", 40.0)) <= 40.0);
    }
}
