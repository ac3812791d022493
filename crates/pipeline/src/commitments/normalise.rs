//! The amount in EUR and USD at the ECB reference rate of the day the commitment was announced
//! (else the document's date).

use jiff::civil::Date;
use pledgewatch_rates::{Converted, RateTable, Unconverted};

use super::record::Amount;

/// The amount converted to EUR and USD on `on`, and why not when the ECB publishes no rate for
/// its currency that day (nothing without an amount or a date).
pub(super) fn to_eur_usd(
    amount: Option<&Amount>,
    on: Option<Date>,
    rates: &RateTable,
) -> (Option<Converted>, Option<Converted>, Option<Unconverted>) {
    match (amount, on) {
        (Some(a), Some(on)) => {
            let conv = rates.convert(a.value, &a.currency, on);
            let flag = conv.eur.as_ref().err().copied();
            (conv.eur.ok(), conv.usd.ok(), flag)
        }
        _ => (None, None, None),
    }
}
