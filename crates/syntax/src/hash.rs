//! Feature keys: every feature is a 64-bit hash of its template and values, so that
//! extracting one allocates nothing and the weight tables never hold a string.

/// Mixes a value into a running hash (the splitmix64 finaliser over a sum).
#[inline]
pub fn mix(h: u64, v: u64) -> u64 {
    let mut z = h ^ v.wrapping_add(0x9E37_79B9_7F4A_7C15).wrapping_add(h << 6).wrapping_add(h >> 2);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// A feature key from a template id and up to three values.
#[inline]
pub fn key(template: u64, a: u64, b: u64, c: u64) -> u64 {
    mix(mix(mix(mix(0x5157_4E47, template), a), b), c)
}

/// FNV-1a over a string's bytes, ASCII letters lowercased on the fly.
#[inline]
pub fn lower(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in s.as_bytes() {
        h ^= b.to_ascii_lowercase() as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h | 1
}

/// The hash of the last `n` characters (lowercased).
#[inline]
pub fn suffix(s: &str, n: usize) -> u64 {
    let start = s.char_indices().rev().nth(n.saturating_sub(1)).map_or(0, |(i, _)| i);
    lower(&s[start..]) ^ (n as u64) << 56
}

/// The hash of the first `n` characters (lowercased).
#[inline]
pub fn prefix(s: &str, n: usize) -> u64 {
    let end = s.char_indices().nth(n).map_or(s.len(), |(i, _)| i);
    lower(&s[..end]) ^ 0x77 << 56
}

/// A word's shape, compressed: `Xx`, `x`, `X`, `d`, `d,d`, `Xx-x`… (runs of one class
/// collapse; at most eight symbols), as a hash.
pub fn shape(s: &str) -> u64 {
    let mut h: u64 = 0x1234_5678;
    let mut last = 0u8;
    let mut n = 0;
    for c in s.chars() {
        let k = if c.is_uppercase() {
            b'X'
        } else if c.is_lowercase() {
            b'x'
        } else if c.is_numeric() {
            b'd'
        } else if (c as u32) < 128 {
            c as u8
        } else {
            b'o'
        };
        if k != last {
            h = mix(h, k as u64);
            last = k;
            n += 1;
            if n == 8 {
                break;
            }
        }
    }
    h
}

/// The form a word is known by: digits and years collapse into classes, others lowercase.
pub fn norm_word(s: &str) -> u64 {
    let b = s.as_bytes();
    if !b.is_empty() && b[0].is_ascii_digit() {
        if b.len() == 4 && b.iter().all(u8::is_ascii_digit) {
            return 0xA1;
        }
        return 0xA2 ^ (b.len().min(8) as u64) << 4;
    }
    lower(s)
}
