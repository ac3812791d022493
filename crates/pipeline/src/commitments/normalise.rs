//! The amount in EUR and USD at the ECB reference rate of the day the commitment was announced
//! (else the document's date).

use jiff::civil::Date;
use pledgewatch_rates::{Converted, RateTable, Unconverted};

use super::record::Amount;

/// The amount converted to EUR and USD on `on`, and why EUR (else USD) is missing: no ECB
/// rate for its currency that day, or `rates_stale` when the date is after the newest rate
/// (converted once the rates are updated). Nothing without an amount or a date.
pub(super) fn to_eur_usd(
    amount: Option<&Amount>,
    on: Option<Date>,
    rates: &RateTable,
) -> (Option<Converted>, Option<Converted>, Option<Unconverted>) {
    match (amount, on) {
        (Some(a), Some(on)) => {
            let conv = rates.convert(a.value, &a.currency, on);
            (conv.eur.ok(), conv.usd.ok(), conv.unconverted())
        }
        _ => (None, None, None),
    }
}
