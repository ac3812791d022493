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

#[cfg(test)]
mod tests {
    use jiff::civil::date;
    use rust_decimal::Decimal;

    use super::*;
    use crate::mentions::Qualifier;

    fn amount(value: i64, currency: &str) -> Amount {
        Amount { value: Decimal::from(value), currency: currency.into(), qualifier: Qualifier::Exact, upper: None }
    }

    #[test]
    fn a_date_after_the_newest_rate_waits_for_rates_even_in_euros() {
        let rates = RateTable::embedded();
        let after = date(2026, 11, 2); // the embedded rates end on 2026-10-30
        let (eur, usd, flag) = to_eur_usd(Some(&amount(100, "GBP")), Some(after), rates);
        assert_eq!((eur, usd, flag), (None, None, Some(Unconverted::RatesStale)));
        // Euros are euros on any date, but their USD value needs that day's rate.
        let (eur, usd, flag) = to_eur_usd(Some(&amount(100, "EUR")), Some(after), rates);
        assert_eq!(eur.map(|c| c.value), Some(Decimal::from(100)));
        assert_eq!((usd, flag), (None, Some(Unconverted::RatesStale)));
        let (_, usd, flag) = to_eur_usd(Some(&amount(100, "EUR")), Some(date(2026, 10, 30)), rates);
        assert!(usd.is_some() && flag.is_none());
    }
}
