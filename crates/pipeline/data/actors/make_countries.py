#!/usr/bin/env python3
"""Build countries.tsv from pycountry's ISO 3166-1 JSON plus the hand-written table below.

Usage:
    pip download --no-deps -d /tmp/pc pycountry && (cd /tmp/pc && unzip -oq pycountry-*.whl)
    python3 make_countries.py /tmp/pc/pycountry/databases/iso3166-1.json > countries.tsv

The ISO codes and the ISO short/official/common names come from pycountry (its data is
Debian's iso-codes). Everything else (usual English name, extra names, adjectives and
demonyms, seats, the ambiguity flag) is written by the project in HAND below.
HAND columns: code, usual name, extra names, adjectives, seats, ambiguous.
"""
import json
import re
import sys

HAND = r"""
AW	Aruba		Aruban|Arubans	Oranjestad	0
AF	Afghanistan		Afghan|Afghans	Kabul	0
AO	Angola		Angolan|Angolans	Luanda	0
AI	Anguilla		Anguillan|Anguillans		0
AX	Åland Islands	Aland Islands|Åland|Aland	Ålander|Ålanders	Mariehamn	0
AL	Albania		Albanian|Albanians	Tirana|Tiranë	0
AD	Andorra		Andorran|Andorrans	Andorra la Vella	0
AE	United Arab Emirates	UAE|U.A.E.	Emirati|Emiratis	Abu Dhabi	0
AR	Argentina		Argentine|Argentines|Argentinian|Argentinians|Argentinean|Argentineans	Buenos Aires|Casa Rosada	0
AM	Armenia		Armenian|Armenians	Yerevan	0
AS	American Samoa		American Samoan|American Samoans	Pago Pago	0
AQ	Antarctica		Antarctic		0
TF	French Southern Territories	French Southern and Antarctic Lands		Port-aux-Français	0
AG	Antigua and Barbuda	Antigua & Barbuda|Antigua	Antiguan|Antiguans|Barbudan|Barbudans	Saint John's|St. John's|St John's	0
AU	Australia	Commonwealth of Australia	Australian|Australians|Aussie|Aussies	Canberra	0
AT	Austria		Austrian|Austrians	Vienna	0
AZ	Azerbaijan		Azerbaijani|Azerbaijanis|Azeri|Azeris	Baku	0
BI	Burundi		Burundian|Burundians	Gitega|Bujumbura	0
BE	Belgium		Belgian|Belgians	Brussels	0
BJ	Benin		Beninese	Porto-Novo|Cotonou	0
BQ	Caribbean Netherlands	Caribbean Netherlands|Bonaire|Sint Eustatius	Bonairean|Bonaireans	Kralendijk	0
BF	Burkina Faso		Burkinabe|Burkinabè|Burkinabes	Ouagadougou	0
BD	Bangladesh		Bangladeshi|Bangladeshis	Dhaka	0
BG	Bulgaria		Bulgarian|Bulgarians	Sofia	0
BH	Bahrain		Bahraini|Bahrainis	Manama	0
BS	Bahamas	The Bahamas	Bahamian|Bahamians	Nassau	0
BA	Bosnia and Herzegovina	Bosnia|Bosnia-Herzegovina|Bosnia & Herzegovina|BiH	Bosnian|Bosnians|Herzegovinian|Herzegovinians	Sarajevo	0
BL	Saint Barthélemy	Saint-Barthélemy|St. Barthélemy|St Barthélemy|St. Barts|St Barts|Saint Barthelemy	Barthélemois	Gustavia	0
BY	Belarus		Belarusian|Belarusians|Belarussian|Belarussians	Minsk	0
BZ	Belize		Belizean|Belizeans	Belmopan	0
BM	Bermuda		Bermudian|Bermudians|Bermudan|Bermudans		0
BO	Bolivia		Bolivian|Bolivians	Sucre|La Paz	0
BR	Brazil		Brazilian|Brazilians	Brasília|Brasilia	0
BB	Barbados		Barbadian|Barbadians|Bajan|Bajans	Bridgetown	0
BN	Brunei	Brunei	Bruneian|Bruneians	Bandar Seri Begawan	0
BT	Bhutan		Bhutanese	Thimphu	0
BV	Bouvet Island				0
BW	Botswana		Motswana|Batswana|Botswanan|Botswanans	Gaborone	0
CF	Central African Republic		Central African|Central Africans	Bangui	0
CA	Canada		Canadian|Canadians	Ottawa|Parliament Hill	0
CC	Cocos (Keeling) Islands	Cocos Islands|Keeling Islands	Cocos Islander|Cocos Islanders	West Island	0
CH	Switzerland		Swiss	Bern|Berne	0
CL	Chile		Chilean|Chileans	Santiago|La Moneda	0
CN	China	PRC|P.R.C.|Mainland China	Chinese	Beijing|Peking|Zhongnanhai	0
CI	Ivory Coast	Ivory Coast|Cote d'Ivoire|Côte d’Ivoire|Cote d’Ivoire	Ivorian|Ivorians	Yamoussoukro|Abidjan	0
CM	Cameroon		Cameroonian|Cameroonians	Yaoundé|Yaounde	0
CD	Democratic Republic of the Congo	Democratic Republic of the Congo|Democratic Republic of Congo|DR Congo|D.R. Congo|DRC|D.R.C.|Congo-Kinshasa|Congo	Congolese	Kinshasa	1
CG	Republic of the Congo	Republic of Congo|Congo Republic|Congo-Brazzaville	Congolese	Brazzaville	0
CK	Cook Islands		Cook Islander|Cook Islanders	Avarua	0
CO	Colombia		Colombian|Colombians	Bogotá|Bogota|Casa de Nariño	0
KM	Comoros		Comoran|Comorian|Comorians	Moroni	0
CV	Cape Verde	Cape Verde	Cape Verdean|Cape Verdeans|Cabo Verdean|Cabo Verdeans	Praia	0
CR	Costa Rica		Costa Rican|Costa Ricans	San José	0
CU	Cuba		Cuban|Cubans	Havana	0
CW	Curaçao	Curacao	Curaçaoan|Curaçaoans|Curacaoan	Willemstad	0
CX	Christmas Island		Christmas Islander|Christmas Islanders	Flying Fish Cove	0
KY	Cayman Islands	Caymans|Cayman	Caymanian|Caymanians	George Town	0
CY	Cyprus		Cypriot|Cypriots	Nicosia	0
CZ	Czech Republic	Czech Republic|Czechia	Czech|Czechs	Prague	0
DE	Germany		German|Germans	Berlin	0
DJ	Djibouti		Djiboutian|Djiboutians	Djibouti City	0
DM	Dominica			Roseau	0
DK	Denmark		Danish|Dane|Danes	Copenhagen|Christiansborg	0
DO	Dominican Republic		Dominican|Dominicans	Santo Domingo	0
DZ	Algeria		Algerian|Algerians	Algiers	0
EC	Ecuador		Ecuadorian|Ecuadorians|Ecuadorean|Ecuadoreans	Quito	0
EG	Egypt		Egyptian|Egyptians	Cairo	0
ER	Eritrea		Eritrean|Eritreans	Asmara	0
EH	Western Sahara		Sahrawi|Sahrawis|Western Saharan|Western Saharans	Laayoune|El Aaiún	0
ES	Spain		Spanish|Spaniard|Spaniards	Madrid|Moncloa|La Moncloa	0
EE	Estonia		Estonian|Estonians	Tallinn|Toompea	0
ET	Ethiopia		Ethiopian|Ethiopians	Addis Ababa	0
FI	Finland		Finnish|Finn|Finns	Helsinki	0
FJ	Fiji		Fijian|Fijians	Suva	0
FK	Falkland Islands	Falklands|Malvinas|Islas Malvinas	Falkland Islander|Falkland Islanders|Falklander|Falklanders	Port Stanley	0
FR	France		French|Frenchman|Frenchmen|Frenchwoman|Frenchwomen	Paris|Élysée|Elysée|Elysee|Élysée Palace|Elysée Palace|Elysee Palace|Matignon|Quai d'Orsay	0
FO	Faroe Islands	Faroes|Faeroe Islands|Faeroes	Faroese	Tórshavn|Torshavn	0
FM	Micronesia	Micronesia	Micronesian|Micronesians	Palikir	0
GA	Gabon		Gabonese	Libreville	0
GB	United Kingdom	UK|U.K.|Britain|Great Britain	British|Briton|Britons|Brit|Brits	London|Downing Street|Number 10|No 10|No. 10|Whitehall|Westminster	0
GE	Georgia		Georgian|Georgians	Tbilisi	1
GG	Guernsey		Guernseyman|Guernseymen	Saint Peter Port|St Peter Port|St. Peter Port	0
GH	Ghana		Ghanaian|Ghanaians	Accra	0
GI	Gibraltar		Gibraltarian|Gibraltarians	Gibraltar	0
GN	Guinea	Guinea-Conakry	Guinean|Guineans	Conakry	1
GP	Guadeloupe		Guadeloupean|Guadeloupeans	Basse-Terre	0
GM	Gambia	The Gambia	Gambian|Gambians	Banjul	0
GW	Guinea-Bissau		Bissau-Guinean|Bissau-Guineans	Bissau	0
GQ	Equatorial Guinea		Equatorial Guinean|Equatorial Guineans|Equatoguinean|Equatoguineans	Malabo	0
GR	Greece	Hellas	Greek|Greeks|Hellenic	Athens|Maximos Mansion	0
GD	Grenada		Grenadian|Grenadians	St. George's|St George's|Saint George's	0
GL	Greenland		Greenlandic|Greenlander|Greenlanders	Nuuk	0
GT	Guatemala		Guatemalan|Guatemalans	Guatemala City	0
GF	French Guiana		French Guianese|Guianese	Cayenne	0
GU	Guam		Guamanian|Guamanians	Hagåtña|Hagatna	0
GY	Guyana		Guyanese	Georgetown	0
HK	Hong Kong	HKSAR|Hong Kong SAR	Hong Konger|Hong Kongers|Hongkonger|Hongkongers		0
HM	Heard Island and McDonald Islands	Heard and McDonald Islands			0
HN	Honduras		Honduran|Hondurans	Tegucigalpa	0
HR	Croatia		Croatian|Croatians|Croat|Croats	Zagreb	0
HT	Haiti		Haitian|Haitians	Port-au-Prince	0
HU	Hungary		Hungarian|Hungarians	Budapest	0
ID	Indonesia		Indonesian|Indonesians	Jakarta	0
IM	Isle of Man		Manx		0
IN	India	Bharat	Indian|Indians	New Delhi|Delhi	0
IO	British Indian Ocean Territory	Chagos Islands|Chagos Archipelago|BIOT	Chagossian|Chagossians	Diego Garcia	0
IE	Ireland	Republic of Ireland|Éire|Eire	Irish|Irishman|Irishmen|Irishwoman	Dublin|Leinster House	0
IR	Iran	Iran	Iranian|Iranians	Tehran|Teheran	0
IQ	Iraq		Iraqi|Iraqis	Baghdad	0
IS	Iceland		Icelandic|Icelander|Icelanders	Reykjavík|Reykjavik	0
IL	Israel		Israeli|Israelis	Jerusalem	0
IT	Italy		Italian|Italians	Rome|Palazzo Chigi|Quirinale|Quirinal Palace	0
JM	Jamaica		Jamaican|Jamaicans	Kingston	0
JE	Jersey		Jerseyman|Jerseymen	Saint Helier|St Helier|St. Helier	1
JO	Jordan		Jordanian|Jordanians	Amman	1
JP	Japan		Japanese	Tokyo	0
KZ	Kazakhstan	Kazakstan	Kazakh|Kazakhs|Kazakhstani|Kazakhstanis	Astana|Nur-Sultan	0
KE	Kenya		Kenyan|Kenyans	Nairobi	0
KG	Kyrgyzstan	Kirgizia	Kyrgyz|Kyrgyzstani|Kyrgyzstanis|Kirghiz	Bishkek	0
KH	Cambodia		Cambodian|Cambodians|Khmer	Phnom Penh	0
KI	Kiribati		I-Kiribati	Tarawa|South Tarawa	0
KN	Saint Kitts and Nevis	St Kitts and Nevis|St. Kitts and Nevis|Saint Kitts & Nevis|St Kitts & Nevis|St. Kitts & Nevis|St Kitts|St. Kitts|Saint Kitts	Kittitian|Kittitians|Nevisian|Nevisians	Basseterre	0
KR	South Korea	South Korea|Republic of Korea|ROK|R.O.K.|Korea	South Korean|South Koreans|Korean|Koreans	Seoul|Blue House|Cheong Wa Dae	0
KW	Kuwait		Kuwaiti|Kuwaitis	Kuwait City	0
LA	Laos	Laos|Lao PDR	Lao|Laotian|Laotians	Vientiane	0
LB	Lebanon		Lebanese	Beirut	0
LR	Liberia		Liberian|Liberians	Monrovia	0
LY	Libya		Libyan|Libyans	Tripoli	0
LC	Saint Lucia	St Lucia|St. Lucia	Saint Lucian|Saint Lucians|St Lucian|St Lucians	Castries	0
LI	Liechtenstein		Liechtensteiner|Liechtensteiners	Vaduz	0
LK	Sri Lanka		Sri Lankan|Sri Lankans	Sri Jayawardenepura Kotte|Colombo	0
LS	Lesotho		Basotho|Mosotho	Maseru	0
LT	Lithuania		Lithuanian|Lithuanians	Vilnius	0
LU	Luxembourg		Luxembourgish|Luxembourger|Luxembourgers	Luxembourg City	0
LV	Latvia		Latvian|Latvians	Riga	0
MO	Macao	Macau|Macao SAR|Macau SAR	Macanese		0
MF	Saint Martin	Saint-Martin|St Martin|St. Martin|Collectivity of Saint Martin		Marigot	0
MA	Morocco		Moroccan|Moroccans	Rabat	0
MC	Monaco		Monegasque|Monégasque|Monegasques|Monégasques	Monaco	0
MD	Moldova	Moldova	Moldovan|Moldovans	Chișinău|Chisinau|Chişinău	0
MG	Madagascar		Malagasy|Madagascan|Madagascans	Antananarivo	0
MV	Maldives		Maldivian|Maldivians	Malé	0
MX	Mexico		Mexican|Mexicans	Mexico City	0
MH	Marshall Islands		Marshallese	Majuro	0
MK	North Macedonia	Macedonia|FYROM|Former Yugoslav Republic of Macedonia	North Macedonian|North Macedonians|Macedonian|Macedonians	Skopje	0
ML	Mali		Malian|Malians	Bamako	0
MT	Malta		Maltese	Valletta	0
MM	Myanmar	Burma	Burmese	Naypyidaw|Nay Pyi Taw|Naypyitaw	0
ME	Montenegro		Montenegrin|Montenegrins	Podgorica	0
MN	Mongolia		Mongolian|Mongolians	Ulaanbaatar|Ulan Bator	0
MP	Northern Mariana Islands	Northern Marianas|CNMI	Northern Mariana Islander|Northern Mariana Islanders	Saipan	0
MZ	Mozambique		Mozambican|Mozambicans	Maputo	0
MR	Mauritania		Mauritanian|Mauritanians	Nouakchott	0
MS	Montserrat		Montserratian|Montserratians	Brades	0
MQ	Martinique		Martinican|Martinicans|Martiniquais	Fort-de-France	0
MU	Mauritius		Mauritian|Mauritians	Port Louis	0
MW	Malawi		Malawian|Malawians	Lilongwe	0
MY	Malaysia		Malaysian|Malaysians	Kuala Lumpur|Putrajaya	0
YT	Mayotte		Mahoran|Mahorans|Mahorais	Mamoudzou	0
NA	Namibia		Namibian|Namibians	Windhoek	0
NC	New Caledonia		New Caledonian|New Caledonians	Nouméa|Noumea	0
NE	Niger		Nigerien|Nigeriens	Niamey	0
NF	Norfolk Island		Norfolk Islander|Norfolk Islanders		0
NG	Nigeria		Nigerian|Nigerians	Abuja	0
NI	Nicaragua		Nicaraguan|Nicaraguans	Managua	0
NU	Niue		Niuean|Niueans	Alofi	0
NL	Netherlands	the Netherlands|Holland	Dutch|Dutchman|Dutchmen|Dutchwoman|Netherlander|Netherlanders	Amsterdam|The Hague	0
NO	Norway		Norwegian|Norwegians	Oslo	0
NP	Nepal		Nepali|Nepalis|Nepalese	Kathmandu	0
NR	Nauru		Nauruan|Nauruans	Yaren	0
NZ	New Zealand	NZ|Aotearoa	New Zealander|New Zealanders|Kiwi|Kiwis	Wellington	0
OM	Oman		Omani|Omanis	Muscat	0
PK	Pakistan		Pakistani|Pakistanis	Islamabad	0
PA	Panama		Panamanian|Panamanians	Panama City	0
PN	Pitcairn Islands	Pitcairn Islands	Pitcairn Islander|Pitcairn Islanders|Pitcairner|Pitcairners	Adamstown	0
PE	Peru		Peruvian|Peruvians	Lima	0
PH	Philippines		Philippine|Filipino|Filipinos|Filipina|Filipinas	Manila|Malacañang|Malacanang	0
PW	Palau		Palauan|Palauans	Ngerulmud	0
PG	Papua New Guinea	PNG	Papua New Guinean|Papua New Guineans	Port Moresby	0
PL	Poland		Polish|Pole|Poles	Warsaw	0
PR	Puerto Rico		Puerto Rican|Puerto Ricans	San Juan	0
KP	North Korea	North Korea|DPRK|D.P.R.K.	North Korean|North Koreans	Pyongyang	0
PT	Portugal		Portuguese	Lisbon	0
PY	Paraguay		Paraguayan|Paraguayans	Asunción|Asuncion	0
PS	Palestine	Palestine|State of Palestine|Palestinian territories|Palestinian Territories|Occupied Palestinian Territory|occupied Palestinian territory|Gaza|Gaza Strip|West Bank	Palestinian|Palestinians	Ramallah	0
PF	French Polynesia		French Polynesian|French Polynesians	Papeete	0
QA	Qatar		Qatari|Qataris	Doha	0
RE	Réunion	Reunion|La Réunion	Réunionese|Reunionese		1
RO	Romania		Romanian|Romanians	Bucharest	0
RU	Russia	Russia	Russian|Russians	Moscow|Kremlin	0
RW	Rwanda		Rwandan|Rwandans	Kigali	0
SA	Saudi Arabia	KSA	Saudi|Saudis|Saudi Arabian|Saudi Arabians	Riyadh	0
SD	Sudan		Sudanese	Khartoum|Port Sudan	0
SN	Senegal		Senegalese	Dakar	0
SG	Singapore		Singaporean|Singaporeans	Singapore	0
GS	South Georgia and the South Sandwich Islands	South Georgia|South Sandwich Islands		King Edward Point	0
SH	Saint Helena	Saint Helena|St Helena|St. Helena|Ascension Island|Tristan da Cunha	Saint Helenian|Saint Helenians|St Helenian|St Helenians		0
SJ	Svalbard and Jan Mayen	Svalbard|Jan Mayen		Longyearbyen	0
SB	Solomon Islands		Solomon Islander|Solomon Islanders	Honiara	0
SL	Sierra Leone		Sierra Leonean|Sierra Leoneans	Freetown	0
SV	El Salvador		Salvadoran|Salvadorans|Salvadorean|Salvadoreans	San Salvador	0
SM	San Marino		Sammarinese	City of San Marino	0
SO	Somalia		Somali|Somalis|Somalian|Somalians	Mogadishu	0
PM	Saint Pierre and Miquelon	St Pierre and Miquelon|St. Pierre and Miquelon|Saint-Pierre-et-Miquelon	Saint-Pierrais	Saint-Pierre	0
RS	Serbia		Serbian|Serbians|Serb|Serbs	Belgrade	0
SS	South Sudan		South Sudanese	Juba	0
ST	Sao Tome and Principe	São Tomé and Príncipe|São Tomé & Príncipe|Sao Tome & Principe	Santomean|Santomeans|São Toméan|Sao Tomean	São Tomé|Sao Tome	0
SR	Suriname	Surinam	Surinamese|Surinamer|Surinamers	Paramaribo	0
SK	Slovakia		Slovak|Slovaks|Slovakian|Slovakians	Bratislava	0
SI	Slovenia		Slovenian|Slovenians|Slovene|Slovenes	Ljubljana	0
SE	Sweden		Swedish|Swede|Swedes	Stockholm|Rosenbad	0
SZ	Eswatini	Swaziland	Swazi|Swazis|Emaswati	Mbabane|Lobamba	0
SX	Sint Maarten	Sint Maarten	Sint Maartener|Sint Maarteners	Philipsburg	0
SC	Seychelles		Seychellois		0
SY	Syria	Syria	Syrian|Syrians	Damascus	0
TC	Turks and Caicos Islands	Turks & Caicos Islands|Turks and Caicos	Turks and Caicos Islander|Turks and Caicos Islanders	Cockburn Town	0
TD	Chad		Chadian|Chadians	N'Djamena|N’Djamena|Ndjamena	1
TG	Togo		Togolese	Lomé|Lome	0
TH	Thailand		Thai|Thais	Bangkok	0
TJ	Tajikistan		Tajik|Tajiks|Tajikistani|Tajikistanis	Dushanbe	0
TK	Tokelau		Tokelauan|Tokelauans		0
TM	Turkmenistan		Turkmen|Turkmens|Turkmenistani	Ashgabat|Ashkhabad	0
TL	East Timor	East Timor|Timor Leste	Timorese|East Timorese	Dili	0
TO	Tonga		Tongan|Tongans	Nuku'alofa|Nukuʻalofa|Nuku’alofa	0
TT	Trinidad and Tobago	Trinidad & Tobago|Trinidad	Trinidadian|Trinidadians|Tobagonian|Tobagonians	Port of Spain|Port-of-Spain	0
TN	Tunisia		Tunisian|Tunisians	Tunis	0
TR	Turkey	Turkey|Turkiye|Republic of Turkey	Turkish|Turk|Turks	Ankara	1
TV	Tuvalu		Tuvaluan|Tuvaluans	Funafuti	0
TW	Taiwan	Taiwan|Republic of China|ROC|R.O.C.	Taiwanese	Taipei	0
TZ	Tanzania	Tanzania	Tanzanian|Tanzanians	Dodoma|Dar es Salaam	0
UG	Uganda		Ugandan|Ugandans	Kampala	0
UA	Ukraine		Ukrainian|Ukrainians	Kyiv|Kiev|Bankova	0
UM	United States Minor Outlying Islands	U.S. Minor Outlying Islands|US Minor Outlying Islands			0
UY	Uruguay		Uruguayan|Uruguayans	Montevideo	0
US	United States	US|U.S.|USA|U.S.A.|America|United States of America	American|Americans	Washington|Washington, D.C.|Washington D.C.|Washington DC	0
UZ	Uzbekistan		Uzbek|Uzbeks|Uzbekistani|Uzbekistanis	Tashkent	0
VA	Vatican City	Holy See|Vatican|Vatican City|Vatican City State		Vatican City	0
VC	Saint Vincent and the Grenadines	St Vincent and the Grenadines|St. Vincent and the Grenadines|Saint Vincent & the Grenadines|St Vincent|St. Vincent|Saint Vincent	Vincentian|Vincentians	Kingstown	0
VE	Venezuela	Venezuela	Venezuelan|Venezuelans	Caracas|Miraflores Palace	0
VG	British Virgin Islands	BVI	British Virgin Islander|British Virgin Islanders	Road Town	0
VI	U.S. Virgin Islands	U.S. Virgin Islands|US Virgin Islands|United States Virgin Islands|USVI	U.S. Virgin Islander|U.S. Virgin Islanders	Charlotte Amalie	0
VN	Vietnam	Vietnam	Vietnamese	Hanoi|Ha Noi	0
VU	Vanuatu		Ni-Vanuatu	Port Vila	0
WF	Wallis and Futuna	Wallis & Futuna	Wallisian|Wallisians|Futunan|Futunans	Mata-Utu|Mata Utu	0
WS	Samoa		Samoan|Samoans	Apia	0
YE	Yemen		Yemeni|Yemenis	Sanaa|Sana'a|Aden	0
ZA	South Africa		South African|South Africans	Pretoria|Cape Town	0
ZM	Zambia		Zambian|Zambians	Lusaka	0
ZW	Zimbabwe		Zimbabwean|Zimbabweans	Harare	0
XK	Kosovo	Kosovo|Republic of Kosovo	Kosovar|Kosovars|Kosovan|Kosovans	Pristina|Prishtina|Priština	0
"""

# ISO names that news never uses as written (inverted "X, Y of" forms, bracketed parts).
def usable_iso_name(n):
    if ", " in n and not n.startswith("Bonaire"):
        return False
    if "(" in n and not n.startswith("Cocos"):
        return False
    return True


# ISO names given to another row on purpose: bare "Congo" in news means the DRC far more often.
EXCLUDE = {"CG": {"Congo"}}


def strip_the(n):
    return n[4:] if n.startswith("the ") else n


def main(path):
    iso = {c["alpha_2"]: c for c in json.load(open(path, encoding="utf-8"))["3166-1"]}
    rows = []
    seen = set()
    for line in HAND.strip("\n").split("\n"):
        f = line.split("\t")
        assert len(f) == 6, line
        code, name, extra, adj, seats, amb = f
        assert code not in seen, code
        seen.add(code)
        names = [name]
        c = iso.get(code)
        if c is None:
            assert code == "XK", code  # Kosovo: user-assigned code, not in ISO 3166-1
        else:
            for k in ("name", "official_name", "common_name"):
                v = c.get(k)
                if v and usable_iso_name(v) and v not in EXCLUDE.get(code, ()):
                    names.append(strip_the(v))
        # Holy See is an ISO short name only in bracketed form; keep it.
        names += [x for x in extra.split("|") if x]
        out = []
        for n in names:
            if n not in out:
                out.append(n)
        rows.append((code, name, "|".join(out), adj, seats, amb))
    missing = set(iso) - seen
    assert not missing, missing
    print("# ISO 3166-1 countries (codes and ISO names: pycountry %s, data from Debian iso-codes) plus XK Kosovo." % VERSION)
    print("# Usual names, extra names, adjectives/demonyms, seats and the ambiguity flag are written by the project.")
    print("code\tname\tnames\tadjectives\tseats\tambiguous")
    for r in rows:
        print("\t".join(r))


VERSION = "26.2.16"

if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "/tmp/pc/pycountry/databases/iso3166-1.json")
