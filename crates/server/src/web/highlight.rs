//! A document's text as HTML with its evidence marked. The text is untrusted
//! and every piece of it is escaped. Spans may overlap (the statement
//! sentence holds the amount, the donor…), so the text is cut at every span
//! boundary and each piece is marked with the fields that cover it: the
//! sentence lightly (`ev-statement`), a field within it strongly (`ev-field`).
//! Photo captions, which the text stages skip, are dimmed.

use crate::format::escape;

/// An evidence span, in code points.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Span {
    pub field: String,
    pub start: usize,
    pub end: usize,
}

/// HTML for the code points `from..to` of `text`.
pub fn highlight(text: &str, captions: &[(usize, usize)], spans: &[Span], from: usize, to: usize) -> String {
    highlight_linked(text, captions, spans, from, to, &[])
}

/// A link over a span of the text (a sentence a reviewer may pick).
pub struct Link {
    pub start: usize,
    pub end: usize,
    pub href: String,
    /// Marked as the one picked.
    pub picked: bool,
}

/// [`highlight`], with each piece of text under a link wrapped in it.
pub fn highlight_linked(
    text: &str,
    captions: &[(usize, usize)],
    spans: &[Span],
    from: usize,
    to: usize,
    links: &[Link],
) -> String {
    // Byte offset of each code point, and of the end.
    let offsets: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
    let n = offsets.len() - 1;
    let (from, to) = (from.min(n), to.min(n).max(from.min(n)));
    let mut cuts: Vec<usize> = vec![from, to];
    for &(a, b) in captions {
        cuts.extend([a, b]);
    }
    for s in spans {
        cuts.extend([s.start, s.end]);
    }
    for l in links {
        cuts.extend([l.start, l.end]);
    }
    cuts.retain(|&c| c >= from && c <= to);
    cuts.sort_unstable();
    cuts.dedup();
    let mut out = String::with_capacity((offsets[to] - offsets[from]) * 11 / 10);
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        let piece = escape(&text[offsets[a]..offsets[b]]);
        let mut fields: Vec<&str> =
            spans.iter().filter(|s| s.start <= a && s.end >= b && s.start < s.end).map(|s| s.field.as_str()).collect();
        fields.sort_unstable();
        fields.dedup();
        let caption = captions.iter().any(|&(s, e)| s <= a && e >= b);
        let link = links.iter().find(|l| l.start <= a && l.end >= b && l.start < l.end);
        if let Some(l) = link {
            let class = if l.picked { "sentence picked" } else { "sentence" };
            out.push_str(&format!(r#"<a class="{class}" href="{}">"#, escape(&l.href)));
        }
        if caption {
            out.push_str(r#"<span class="caption">"#);
        }
        if fields.is_empty() {
            out.push_str(&piece);
        } else {
            let strong: Vec<&str> = fields.iter().copied().filter(|f| *f != "statement").collect();
            let class = if strong.is_empty() { "ev-statement" } else { "ev-field" };
            let title = if strong.is_empty() { fields.join(", ") } else { strong.join(", ") };
            out.push_str(&format!(r#"<mark class="{class}" title="{}">{piece}</mark>"#, escape(&title)));
        }
        if caption {
            out.push_str("</span>");
        }
        if link.is_some() {
            out.push_str("</a>");
        }
    }
    out
}

/// The caption segments of a stored document's `segments` JSON.
pub fn captions(segments: &serde_json::Value) -> Vec<(usize, usize)> {
    segments
        .as_array()
        .map(|segs| {
            segs.iter()
                .filter(|s| s.get("kind").and_then(|k| k.as_str()) == Some("caption"))
                .filter_map(|s| Some((s.get("start")?.as_u64()? as usize, s.get("end")?.as_u64()? as usize)))
                .collect()
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(field: &str, start: usize, end: usize) -> Span {
        Span { field: field.into(), start, end }
    }

    #[test]
    fn nested_spans_and_escaping() {
        let text = "Ünited <b>pledges</b> £5m now.";
        let spans = [span("statement", 0, 30), span("amount", 22, 25)];
        let html = highlight(text, &[], &spans, 0, 30);
        assert!(html.contains("&lt;b&gt;pledges&lt;/b&gt;"), "{html}");
        assert!(html.contains(r#"<mark class="ev-field" title="amount">£5m</mark>"#), "{html}");
        assert!(html.starts_with(r#"<mark class="ev-statement" title="statement">Ünited"#), "{html}");
        assert!(!html.contains("<b>"));
    }

    #[test]
    fn windows_and_captions() {
        let text = "Caption here\nBody text.";
        let html = highlight(text, &[(0, 12)], &[span("donor", 13, 17)], 0, 100);
        assert!(html.starts_with(r#"<span class="caption">Caption here</span>"#), "{html}");
        assert!(html.contains(r#"<mark class="ev-field" title="donor">Body</mark>"#));
        assert_eq!(highlight(text, &[], &[], 13, 17), "Body");
    }

    #[test]
    fn sentences_link_around_their_marks() {
        let text = "A £5m. B <x>.";
        let links = [
            Link { start: 0, end: 6, href: "?sentence=0-6&a=1".into(), picked: false },
            Link { start: 7, end: 13, href: "?sentence=7-13".into(), picked: true },
        ];
        let html = highlight_linked(text, &[], &[span("amount", 2, 5)], 0, 100, &links);
        assert_eq!(
            html,
            r#"<a class="sentence" href="?sentence=0-6&amp;a=1">A </a><a class="sentence" href="?sentence=0-6&amp;a=1"><mark class="ev-field" title="amount">£5m</mark></a><a class="sentence" href="?sentence=0-6&amp;a=1">.</a> <a class="sentence picked" href="?sentence=7-13">B &lt;x&gt;.</a>"#
        );
    }
}
