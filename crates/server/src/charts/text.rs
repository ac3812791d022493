//! How wide a label is drawn, estimated without a font: SVG text is not
//! measured on the server, so each chart makes room for its widest label
//! from these widths (a little generous for system-ui at 12 px) instead of
//! letting a long name or a large value run past the edge and be clipped.

/// The drawn width of `s` in px at 12 px, at or over the real one (the
/// widths are DejaVu Sans's, the widest of the usual system-ui fonts).
pub fn width(s: &str) -> f64 {
    s.chars()
        .map(|c| match c {
            'i' | 'j' | 'l' | '.' | ',' | ':' | ';' | '\'' | '’' | '|' | '!' | 'I' | ' ' => 4.0,
            'f' | 't' | 'r' | '(' | ')' | '-' | '[' | ']' => 5.2,
            'm' | 'w' => 11.8,
            'M' | 'W' | '@' | '%' | '—' | '…' => 12.0,
            '0'..='9' | '€' | '$' | '£' | '≤' | '+' | '·' => 7.7,
            c if c.is_ascii_uppercase() => 9.2,
            c if c.is_ascii_lowercase() => 7.6,
            // Other scripts and symbols: as wide as the widest letters.
            _ => 12.0,
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

    /// Widths Chromium measured (`getBBox`) for system-ui at 12 px on Debian (DejaVu Sans).
    #[test]
    fn estimates_are_never_narrower_than_drawn() {
        let measured = [
            ("Saint Vincent and the Grenadines", 201.8),
            ("€900 bn", 49.6),
            ("2026-01", 50.1),
            ("United Kingdom", 96.3),
            ("mmmmmmmmmm", 116.9),
            ("WWWWWWWWWW", 118.8),
            ("abcdefghijklmnopqrstuvwxyz", 175.8),
            ("ABCDEFGHIJKLMNOPQRSTUVWXYZ", 209.7),
            ("0123456789", 76.4),
            ("iiiiijjjjjllll", 46.7),
            ("ffffttttrrrr", 54.5),
            ("€1.23 bn · €500 m · ≤€2 bn", 166.7),
            ("Côte d’Ivoire", 76.4),
        ];
        for (s, drawn) in measured {
            assert!(width(s) >= drawn, "{s}: {} < {drawn}", width(s));
            assert!(width(s) <= drawn * 1.35, "{s}: {} is far too generous", width(s));
        }
    }

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
