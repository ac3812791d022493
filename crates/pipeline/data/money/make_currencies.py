#!/usr/bin/env python3
"""Build currencies.tsv: every ISO 4217 code in pycountry's data (iso4217.json, from Debian's
iso-codes) with English unit names, symbols and minor-unit names written by the project.

Usage:
    pip download --no-deps -d /tmp/pc pycountry && (cd /tmp/pc && unzip -oq pycountry-*.whl)
    python3 make_currencies.py /tmp/pc/pycountry/databases/iso4217.json > currencies.tsv

File order matters for ambiguous names and symbols ("$", "¥", "kr", "Fr.", "£", "Rs",
"krone", "peso", ...): the row that comes first is the default, so HAND lists the currencies
most likely in news first. HAND columns: code, name, names, symbols, minor.
Rows marked historic are withdrawn codes that news from 2014 on still uses (not in pycountry).
"""
import json
import sys

PYCOUNTRY_VERSION = "26.2.16"

HAND = r"""
USD	US dollar	dollar|dollars|US dollar|US dollars|U.S. dollar|U.S. dollars|American dollar|American dollars|greenback|greenbacks	$|US$|U.S.$|USD	cent|cents
EUR	Euro	euro|euros|Euro|Euros	€|EUR	cent|cents|euro cent|euro cents
GBP	Pound sterling	pound|pounds|sterling|pound sterling|pounds sterling|British pound|British pounds|quid	£|GBP	penny|pence|p
JPY	Japanese yen	yen|Japanese yen	¥|JP¥|JPY	sen
CHF	Swiss franc	Swiss franc|Swiss francs|franc|francs	CHF|Fr.|SFr.|SFr	centime|centimes|Rappen
CNY	Chinese yuan	yuan|renminbi|Chinese yuan|yuan renminbi	CN¥|RMB|CNY	jiao|fen
CAD	Canadian dollar	Canadian dollar|Canadian dollars	C$|CA$|Can$|CAD|$	cent|cents
AUD	Australian dollar	Australian dollar|Australian dollars	A$|AU$|AUD|$	cent|cents
NZD	New Zealand dollar	New Zealand dollar|New Zealand dollars|NZ dollar|NZ dollars	NZ$|NZD|$	cent|cents
SEK	Swedish krona	krona|kronor|Swedish krona|Swedish kronor|Swedish crown|Swedish crowns	SEK|kr|kr.	öre
NOK	Norwegian krone	krone|kroner|Norwegian krone|Norwegian kroner|Norwegian crown|Norwegian crowns	NOK|kr|kr.	øre
DKK	Danish krone	krone|kroner|Danish krone|Danish kroner|Danish crown|Danish crowns	DKK|kr|kr.	øre
ISK	Icelandic króna	Icelandic krona|Icelandic kronur|Icelandic króna|Icelandic krónur	ISK|kr	eyrir|aurar
UAH	Ukrainian hryvnia	hryvnia|hryvnias|hryvnya|hryvnas|hryvni|hryvnyas|Ukrainian hryvnia|Ukrainian hryvnias	₴|UAH|грн	kopiyka|kopiykas|kopiyky|kopeck|kopecks
RUB	Russian ruble	rouble|roubles|ruble|rubles|Russian rouble|Russian roubles|Russian ruble|Russian rubles	₽|RUB|руб.	kopek|kopeks|kopeck|kopecks
PLN	Polish zloty	zloty|zlotys|zlotych|złoty|złotys|złotych|Polish zloty|Polish zlotys|Polish złoty	zł|PLN	grosz|groszy
CZK	Czech koruna	koruna|korunas|koruny|Czech koruna|Czech korunas|Czech crown|Czech crowns	Kč|CZK	haléř|haler|haléřů
HUF	Hungarian forint	forint|forints|Hungarian forint|Hungarian forints	Ft|HUF	fillér|filler
RON	Romanian leu	leu|lei|Romanian leu|Romanian lei	RON	ban|bani
TRY	Turkish lira	lira|liras|Turkish lira|Turkish liras	₺|TL|TRY	kuruş|kurus
ILS	Israeli new shekel	shekel|shekels|new shekel|new shekels|Israeli shekel|Israeli shekels|new Israeli shekel|new Israeli shekels	₪|NIS|ILS	agora|agorot
INR	Indian rupee	rupee|rupees|Indian rupee|Indian rupees	₹|Rs|Rs.|INR	paisa|paise
KRW	South Korean won	won|South Korean won|Korean won	₩|KRW	jeon
HKD	Hong Kong dollar	Hong Kong dollar|Hong Kong dollars	HK$|HKD|$	cent|cents
SGD	Singapore dollar	Singapore dollar|Singapore dollars	S$|SGD|$	cent|cents
TWD	New Taiwan dollar	New Taiwan dollar|New Taiwan dollars|Taiwan dollar|Taiwan dollars|Taiwanese dollar|Taiwanese dollars	NT$|TWD|$	cent|cents
MXN	Mexican peso	peso|pesos|Mexican peso|Mexican pesos	Mex$|MX$|MXN|$	centavo|centavos
BRL	Brazilian real	reais|reals|Brazilian real|Brazilian reais	R$|BRL	centavo|centavos
ZAR	South African rand	rand|rands|South African rand	R|ZAR	cent|cents
SAR	Saudi riyal	riyal|riyals|Saudi riyal|Saudi riyals	SR|SAR	halala|halalas
AED	UAE dirham	dirham|dirhams|UAE dirham|UAE dirhams|Emirati dirham|Emirati dirhams	AED|Dh|Dhs	fils
QAR	Qatari riyal	Qatari riyal|Qatari riyals	QR|QAR	dirham|dirhams
KWD	Kuwaiti dinar	Kuwaiti dinar|Kuwaiti dinars	KD|KWD	fils
BHD	Bahraini dinar	Bahraini dinar|Bahraini dinars	BD|BHD	fils
OMR	Omani rial	Omani rial|Omani rials	OMR	baisa|baiza
JOD	Jordanian dinar	Jordanian dinar|Jordanian dinars	JD|JOD	piastre|piastres|fils
EGP	Egyptian pound	Egyptian pound|Egyptian pounds	E£|LE|EGP|£	piastre|piastres
IRR	Iranian rial	rial|rials|Iranian rial|Iranian rials	IRR|﷼	
IQD	Iraqi dinar	Iraqi dinar|Iraqi dinars	IQD	fils
IDR	Indonesian rupiah	rupiah|rupiahs|Indonesian rupiah	Rp|IDR	sen
PKR	Pakistani rupee	Pakistani rupee|Pakistani rupees|Pakistan rupee|Pakistan rupees	Rs|Rs.|₨|PKR	paisa|paise
BDT	Bangladeshi taka	taka|takas|Bangladeshi taka	৳|Tk|BDT	poisha
LKR	Sri Lankan rupee	Sri Lankan rupee|Sri Lankan rupees|Sri Lanka rupee	Rs|Rs.|LKR	cent|cents
NPR	Nepalese rupee	Nepalese rupee|Nepalese rupees|Nepali rupee|Nepali rupees	Rs|Rs.|NPR	paisa|paise
MUR	Mauritian rupee	Mauritian rupee|Mauritian rupees|Mauritius rupee	Rs|MUR	cent|cents
SCR	Seychellois rupee	Seychellois rupee|Seychellois rupees|Seychelles rupee|Seychelles rupees	SR|SCR	cent|cents
MYR	Malaysian ringgit	ringgit|ringgits|Malaysian ringgit	RM|MYR	sen
THB	Thai baht	baht|Thai baht	฿|THB	satang
PHP	Philippine peso	Philippine peso|Philippine pesos	₱|PHP	sentimo|sentimos|centavo|centavos
VND	Vietnamese dong	dong|Vietnamese dong|Vietnamese đồng	₫|VND	
KPW	North Korean won	North Korean won	₩|KPW	chon
ARS	Argentine peso	Argentine peso|Argentine pesos|Argentinian peso|Argentinian pesos	AR$|ARS|$	centavo|centavos
CLP	Chilean peso	Chilean peso|Chilean pesos	CLP$|CLP|$	
COP	Colombian peso	Colombian peso|Colombian pesos	COL$|COP|$	centavo|centavos
CUP	Cuban peso	Cuban peso|Cuban pesos	CUP	centavo|centavos
DOP	Dominican peso	Dominican peso|Dominican pesos	RD$|DOP	centavo|centavos
UYU	Uruguayan peso	Uruguayan peso|Uruguayan pesos	$U|UYU	centésimo|centésimos
PEN	Peruvian sol	soles|Peruvian sol|Peruvian soles|nuevo sol|nuevos soles	S/|S/.|PEN	céntimo|céntimos
BOB	Bolivian boliviano	boliviano|bolivianos|Bolivian boliviano|Bolivian bolivianos	Bs.|Bs|BOB	centavo|centavos
VES	Venezuelan bolívar	bolívar|bolívars|bolivar|bolivars|bolívares|bolivares|Venezuelan bolívar|Venezuelan bolivar|bolívar soberano	Bs.S|Bs.S.|Bs.|VES	céntimo|céntimos
VED	Venezuelan digital bolívar	digital bolívar|digital bolivar	VED	
PYG	Paraguayan guaraní	guaraní|guaranís|guarani|guaranis|Paraguayan guarani|Paraguayan guaraní	₲|PYG	
CRC	Costa Rican colón	colón|colones|colon|Costa Rican colón|Costa Rican colon	₡|CRC	céntimo|céntimos
SVC	Salvadoran colón	Salvadoran colón|Salvadoran colon	₡|SVC	centavo|centavos
GTQ	Guatemalan quetzal	quetzal|quetzales|Guatemalan quetzal	GTQ	centavo|centavos
HNL	Honduran lempira	lempira|lempiras|Honduran lempira	HNL	centavo|centavos
NIO	Nicaraguan córdoba	córdoba|córdobas|cordoba|cordobas|Nicaraguan córdoba|Nicaraguan cordoba	NIO	centavo|centavos
PAB	Panamanian balboa	balboa|balboas|Panamanian balboa	B/.|PAB	centésimo|centésimos
HTG	Haitian gourde	gourde|gourdes|Haitian gourde	HTG	centime|centimes
JMD	Jamaican dollar	Jamaican dollar|Jamaican dollars	J$|JMD	cent|cents
TTD	Trinidad and Tobago dollar	Trinidad and Tobago dollar|Trinidad and Tobago dollars|TT dollar|TT dollars	TT$|TTD	cent|cents
BBD	Barbados dollar	Barbados dollar|Barbados dollars|Barbadian dollar|Barbadian dollars	Bds$|BBD	cent|cents
BSD	Bahamian dollar	Bahamian dollar|Bahamian dollars	B$|BSD	cent|cents
BZD	Belize dollar	Belize dollar|Belize dollars	BZ$|BZD	cent|cents
BMD	Bermudian dollar	Bermudian dollar|Bermudian dollars|Bermuda dollar|Bermuda dollars	BD$|BMD	cent|cents
KYD	Cayman Islands dollar	Cayman Islands dollar|Cayman Islands dollars	CI$|KYD	cent|cents
XCD	East Caribbean dollar	East Caribbean dollar|East Caribbean dollars	EC$|XCD	cent|cents
XCG	Caribbean guilder	Caribbean guilder|Caribbean guilders	Cg|XCG	cent|cents
AWG	Aruban florin	Aruban florin|Aruban florins	Afl.|AWG	cent|cents
SRD	Surinamese dollar	Surinamese dollar|Surinamese dollars	Sr$|SRD	cent|cents
GYD	Guyanese dollar	Guyanese dollar|Guyanese dollars|Guyana dollar|Guyana dollars	G$|GY$|GYD	cent|cents
BND	Brunei dollar	Brunei dollar|Brunei dollars	B$|BND	sen|cent|cents
FJD	Fijian dollar	Fijian dollar|Fijian dollars|Fiji dollar|Fiji dollars	FJ$|FJD	cent|cents
SBD	Solomon Islands dollar	Solomon Islands dollar|Solomon Islands dollars	SI$|SBD	cent|cents
LRD	Liberian dollar	Liberian dollar|Liberian dollars	L$|LRD	cent|cents
NAD	Namibian dollar	Namibian dollar|Namibian dollars|Namibia dollar|Namibia dollars	N$|NAD	cent|cents
PGK	Papua New Guinean kina	kina|Papua New Guinean kina|PNG kina	PGK	toea
TOP	Tongan paʻanga	pa'anga|paʻanga|Tongan pa'anga|Tongan paʻanga	T$|TOP	seniti
WST	Samoan tālā	tala|tālā|Samoan tala|Samoan tālā	WS$|WST	sene
VUV	Vanuatu vatu	vatu|Vanuatu vatu	VT|VUV	
XPF	CFP franc	CFP franc|CFP francs|Pacific franc|Pacific francs	XPF	
KES	Kenyan shilling	shilling|shillings|Kenyan shilling|Kenyan shillings|Kenya shilling|Kenya shillings	KSh|Ksh|KES	cent|cents
TZS	Tanzanian shilling	Tanzanian shilling|Tanzanian shillings	TSh|TZS	cent|cents
UGX	Ugandan shilling	Ugandan shilling|Ugandan shillings|Uganda shilling|Uganda shillings	USh|UGX	
SOS	Somali shilling	Somali shilling|Somali shillings	Sh.So.|SOS	cent|cents
NGN	Nigerian naira	naira|nairas|Nigerian naira	₦|NGN	kobo
GHS	Ghanaian cedi	cedi|cedis|Ghanaian cedi|Ghana cedi	GH₵|GH¢|GHS	pesewa|pesewas
ETB	Ethiopian birr	birr|Ethiopian birr	Br|ETB	santim
ERN	Eritrean nakfa	nakfa|Eritrean nakfa	Nfk|ERN	cent|cents
SDG	Sudanese pound	Sudanese pound|Sudanese pounds	SDG|LS	piastre|piastres
SSP	South Sudanese pound	South Sudanese pound|South Sudanese pounds	SSP	piaster|piasters
LBP	Lebanese pound	Lebanese pound|Lebanese pounds|Lebanese lira	LL|L.L.|LBP	piastre|piastres
SYP	Syrian pound	Syrian pound|Syrian pounds|Syrian lira	£S|LS|SYP	piastre|piastres
FKP	Falkland Islands pound	Falkland Islands pound|Falkland Islands pounds|Falklands pound	FK£|FKP|£	penny|pence
GIP	Gibraltar pound	Gibraltar pound|Gibraltar pounds	GIP|£	penny|pence
SHP	Saint Helena pound	Saint Helena pound|Saint Helena pounds|St Helena pound	SHP|£	penny|pence
MAD	Moroccan dirham	Moroccan dirham|Moroccan dirhams	MAD|DH	centime|centimes
DZD	Algerian dinar	Algerian dinar|Algerian dinars	DA|DZD	centime|centimes
TND	Tunisian dinar	Tunisian dinar|Tunisian dinars	DT|TND	millime|millimes
LYD	Libyan dinar	Libyan dinar|Libyan dinars	LD|LYD	dirham|dirhams
YER	Yemeni rial	Yemeni rial|Yemeni rials	YER	fils
XOF	West African CFA franc	CFA franc|CFA francs|West African CFA franc|West African CFA francs|CFA franc BCEAO	F CFA|FCFA|CFA|XOF	centime|centimes
XAF	Central African CFA franc	CFA franc|CFA francs|Central African CFA franc|Central African CFA francs|CFA franc BEAC	F CFA|FCFA|XAF	centime|centimes
CDF	Congolese franc	Congolese franc|Congolese francs	FC|CDF	centime|centimes
BIF	Burundian franc	Burundian franc|Burundian francs|Burundi franc|Burundi francs	FBu|BIF	
RWF	Rwandan franc	Rwandan franc|Rwandan francs|Rwanda franc|Rwanda francs	FRw|RF|RWF	
GNF	Guinean franc	Guinean franc|Guinean francs	FG|GNF	
DJF	Djiboutian franc	Djiboutian franc|Djiboutian francs|Djibouti franc|Djibouti francs	Fdj|DJF	
KMF	Comorian franc	Comorian franc|Comorian francs|Comoro franc|Comoro francs	CF|KMF	
ZMW	Zambian kwacha	kwacha|Zambian kwacha	ZK|ZMW	ngwee
MWK	Malawian kwacha	Malawian kwacha|Malawi kwacha	MK|MWK	tambala
MZN	Mozambican metical	metical|meticais|Mozambican metical	MT|MTn|MZN	centavo|centavos
AOA	Angolan kwanza	kwanza|kwanzas|Angolan kwanza	Kz|AOA	cêntimo|cêntimos
BWP	Botswana pula	pula|Botswana pula	BWP	thebe
LSL	Lesotho loti	loti|maloti|Lesotho loti	LSL	sente|lisente
SZL	Swazi lilangeni	lilangeni|emalangeni|Swazi lilangeni	SZL	cent|cents
MGA	Malagasy ariary	ariary|Malagasy ariary	Ar|MGA	iraimbilanja
MRU	Mauritanian ouguiya	ouguiya|ouguiyas|Mauritanian ouguiya	UM|MRU	khoums
MVR	Maldivian rufiyaa	rufiyaa|Maldivian rufiyaa	Rf|MRf|MVR	laari
GMD	Gambian dalasi	dalasi|dalasis|Gambian dalasi	GMD	butut|bututs
SLE	Sierra Leonean leone	leone|leones|Sierra Leonean leone	Le|SLE	cent|cents
CVE	Cape Verdean escudo	escudo|escudos|Cape Verdean escudo|Cabo Verde escudo	Esc|CVE	centavo|centavos
STN	São Tomé and Príncipe dobra	dobra|dobras|São Tomé dobra	Db|STN	cêntimo|cêntimos
ZWG	Zimbabwe Gold	ZiG|Zimbabwe Gold|Zimbabwe gold	ZiG|ZWG	
GEL	Georgian lari	lari|laris|Georgian lari	₾|GEL	tetri
AMD	Armenian dram	dram|drams|Armenian dram|Armenian drams	֏|AMD	luma
AZN	Azerbaijani manat	manat|manats|Azerbaijani manat|Azerbaijani manats	₼|AZN	qəpik|qapik
TMT	Turkmenistan manat	Turkmen manat|Turkmenistan manat|Turkmen manats	TMT	tenge
KZT	Kazakhstani tenge	tenge|Kazakh tenge|Kazakhstani tenge	₸|KZT	tiyn
KGS	Kyrgyz som	som|soms|Kyrgyz som|Kyrgyzstani som	KGS	tyiyn
UZS	Uzbek sum	Uzbek sum|Uzbek som|Uzbekistani som|Uzbekistani sum|so'm	UZS	tiyin
TJS	Tajik somoni	somoni|Tajik somoni|Tajikistani somoni	TJS	diram
BYN	Belarusian ruble	Belarusian ruble|Belarusian rubles|Belarusian rouble|Belarusian roubles	Br|BYN	kopek|kopeks
MDL	Moldovan leu	Moldovan leu|Moldovan lei	MDL	ban|bani
BAM	Bosnia and Herzegovina convertible mark	convertible mark|convertible marks|Bosnian convertible mark|Bosnia and Herzegovina convertible mark|Bosnian mark|marka	KM|BAM	fening|feninga
RSD	Serbian dinar	Serbian dinar|Serbian dinars	din.|RSD	para
MKD	Macedonian denar	denar|denars|denari|Macedonian denar|Macedonian denars	den|MKD	deni
ALL	Albanian lek	lek|leks|lekë|Albanian lek	Lek|ALL	qindarka
AFN	Afghan afghani	afghani|afghanis|Afghan afghani	؋|Af|Afs|AFN	pul
BTN	Bhutanese ngultrum	ngultrum|ngultrums|Bhutanese ngultrum	Nu.|BTN	chhertum
KHR	Cambodian riel	riel|riels|Cambodian riel	៛|KHR	sen
LAK	Lao kip	kip|Lao kip|Laotian kip	₭|LAK	att
MMK	Myanmar kyat	kyat|kyats|Myanmar kyat|Burmese kyat	Ks|MMK	pya
MNT	Mongolian tögrög	tugrik|tugriks|tögrög|togrog|Mongolian tugrik|Mongolian tögrög	₮|MNT	möngö|mongo
MOP	Macanese pataca	pataca|patacas|Macanese pataca|Macau pataca	MOP$|MOP	avo|avos
XDR	Special drawing right	Special Drawing Right|Special Drawing Rights|special drawing right|special drawing rights|SDR|SDRs	SDR|XDR	
XUA	ADB unit of account	ADB unit of account	XUA	
XSU	Sucre	SUCRE	XSU	
XAD	Arab accounting dinar	Arab accounting dinar	XAD	
BOV	Bolivian Mvdol	Mvdol	BOV	
CHE	WIR euro	WIR euro	CHE	
CHW	WIR franc	WIR franc	CHW	
CLF	Chilean unit of account (UF)	Unidad de Fomento	CLF	
COU	Colombian unit of real value (UVR)	Unidad de Valor Real	COU	
MXV	Mexican investment unit (UDI)	Unidad de Inversión|Unidad de Inversion	MXV	
UYI	Uruguay peso en unidades indexadas (UI)	Unidades Indexadas	UYI	
UYW	Uruguayan unidad previsional	Unidad Previsional	UYW	
USN	US dollar (next day)		USN	
XAU	Gold (one troy ounce)		XAU	
XAG	Silver (one troy ounce)		XAG	
XPT	Platinum (one troy ounce)		XPT	
XPD	Palladium (one troy ounce)		XPD	
XBA	European Composite Unit (EURCO)		XBA	
XBB	European Monetary Unit (E.M.U.-6)		XBB	
XBC	European Unit of Account 9 (E.U.A.-9)		XBC	
XBD	European Unit of Account 17 (E.U.A.-17)		XBD	
XTS	Code reserved for testing		XTS	
XXX	No currency		XXX	
"""

# Withdrawn codes that news from 2014 on still uses; the ECB published rates for both.
HISTORIC = r"""
BGN	Bulgarian lev	lev|leva|Bulgarian lev|Bulgarian leva	лв|BGN	stotinka|stotinki
HRK	Croatian kuna	kuna|kunas|kune|Croatian kuna|Croatian kunas	kn|HRK	lipa|lipe
"""


def rows_of(text):
    out = []
    for line in text.strip("\n").split("\n"):
        f = line.split("\t")
        assert len(f) == 5, line
        out.append(f)
    return out


def main(path):
    iso = {c["alpha_3"] for c in json.load(open(path, encoding="utf-8"))["4217"]}
    rows = rows_of(HAND)
    codes = [r[0] for r in rows]
    assert len(codes) == len(set(codes)), "duplicate code"
    missing = iso - set(codes)
    extra = set(codes) - iso
    assert not missing, missing
    assert not extra, extra
    hist = rows_of(HISTORIC)
    assert not ({r[0] for r in hist} & iso), "historic code is current"
    for r in rows + hist:
        if r[0] not in r[3].split("|"):
            r[3] = (r[3] + "|" + r[0]).strip("|")
    print("# ISO 4217 currencies: codes from pycountry %s (data: Debian iso-codes); names, symbols" % PYCOUNTRY_VERSION)
    print("# and minor units written by the project. File order = default for ambiguous names/symbols.")
    print("code\tname\tnames\tsymbols\tminor")
    for r in rows:
        print("\t".join(r))
    print("# Historic (withdrawn from ISO 4217, not in pycountry; still in news and past ECB rates):")
    for r in hist:
        print("\t".join(r))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "/tmp/pc/pycountry/databases/iso4217.json")
