//! Static currency facts: the euro's irrevocable conversion rates and the ISO 4217 code list.

use jiff::civil::{Date, date};
use rust_decimal::Decimal;

/// A former euro-area currency, fixed to the euro from `since` on.
pub(crate) struct Fixed {
    pub code: &'static str,
    /// Units of the currency per euro, as `mantissa / 10^scale` (kept as integers so the
    /// table is `const`; these are the legally fixed six-significant-digit rates).
    mantissa: i64,
    scale: u32,
    /// First day the euro was the currency's legal tender unit.
    pub since: Date,
}

impl Fixed {
    pub fn rate(&self) -> Decimal {
        Decimal::new(self.mantissa, self.scale)
    }
}

const fn fixed(code: &'static str, mantissa: i64, scale: u32, since: Date) -> Fixed {
    Fixed { code, mantissa, scale, since }
}

const Y1999: Date = date(1999, 1, 1);

/// Irrevocable conversion rates fixed by the EU Council (Regulation (EC) 2866/98 and its
/// amendments for each later member, and Council Regulation (EU) 2025/1407 for Bulgaria).
/// After adoption the ECB stops quoting these currencies; amounts announced in them are
/// converted at these rates, exactly as the law requires.
pub(crate) const FIXED: &[Fixed] = &[
    fixed("ATS", 137_603, 4, Y1999),
    fixed("BEF", 403_399, 4, Y1999),
    fixed("DEM", 195_583, 5, Y1999),
    fixed("ESP", 166_386, 3, Y1999),
    fixed("FIM", 594_573, 5, Y1999),
    fixed("FRF", 655_957, 5, Y1999),
    fixed("IEP", 787_564, 6, Y1999),
    fixed("ITL", 193_627, 2, Y1999),
    fixed("LUF", 403_399, 4, Y1999),
    fixed("NLG", 220_371, 5, Y1999),
    fixed("PTE", 200_482, 3, Y1999),
    fixed("GRD", 340_750, 3, date(2001, 1, 1)),
    fixed("SIT", 239_640, 3, date(2007, 1, 1)),
    fixed("CYP", 585_274, 6, date(2008, 1, 1)),
    fixed("MTL", 429_300, 6, date(2008, 1, 1)),
    fixed("SKK", 301_260, 4, date(2009, 1, 1)),
    fixed("EEK", 156_466, 4, date(2011, 1, 1)),
    fixed("LVL", 702_804, 6, date(2014, 1, 1)),
    fixed("LTL", 345_280, 5, date(2015, 1, 1)),
    fixed("HRK", 753_450, 5, date(2023, 1, 1)),
    fixed("BGN", 195_583, 5, date(2026, 1, 1)),
];

pub(crate) fn fixed_rate(code: &str) -> Option<&'static Fixed> {
    FIXED.iter().find(|f| f.code == code)
}

/// ISO 4217 codes (current, plus recently replaced ones still found in announcements).
/// Only used to tell "the ECB does not publish it" (e.g. UAH) from "not a currency" (e.g. XYZ);
/// currencies with an ECB series or a fixed euro rate are recognised without this list.
/// XXX (no currency) and XTS (testing) are deliberately absent.
const ISO_4217: &str = "AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD \
BND BOB BOV BRL BSD BTN BWP BYN BYR BZD CAD CDF CHE CHF CHW CLF CLP CNY COP COU CRC CUC CUP \
CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HRK \
HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR \
LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRO MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK \
NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE \
SLL SOS SRD SSP STD STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD USN UYI \
UYU UYW UZS VED VEF VES VND VUV WST XAF XAG XAU XBA XBB XBC XBD XCD XCG XDR XOF XPD XPF XPT \
XSU XUA YER ZAR ZMK ZMW ZWG ZWL";

pub(crate) fn is_iso_4217(code: &str) -> bool {
    ISO_4217.split_ascii_whitespace().any(|c| c == code)
}
