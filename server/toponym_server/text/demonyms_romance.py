"""The countries French, Spanish, Italian and Portuguese news name by an adjective after a kind of place.

Romance languages write the country's adjective after the kind's word and before *de* (*la
ville française de Brest*, *la ciudad venezolana de Valencia*, *la città libica di Tripoli*, *o
estado americano da Geórgia*): the place is the one that country holds, as the English *the
French city of Brest* (see :mod:`~toponym_server.text.demonyms`). Each language's adjectives are
listed in their masculine singular and their other forms made by the language's endings.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

_FRENCH: dict[str, str] = {
    "afghan": "Afghanistan", "albanais": "Albania", "algérien": "Algeria", "allemand": "Germany",
    "américain": "United States", "états-unien": "United States", "angolais": "Angola", "argentin": "Argentina",
    "arménien": "Armenia", "australien": "Australia", "autrichien": "Austria", "azerbaïdjanais": "Azerbaijan",
    "azéri": "Azerbaijan", "bahreïni": "Bahrain", "bangladais": "Bangladesh", "belge": "Belgium",
    "béninois": "Benin", "biélorusse": "Belarus", "bélarusse": "Belarus", "birman": "Myanmar",
    "bolivien": "Bolivia", "bosnien": "Bosnia and Herzegovina", "brésilien": "Brazil",
    "britannique": "United Kingdom", "anglais": "United Kingdom", "écossais": "United Kingdom",
    "gallois": "United Kingdom", "bulgare": "Bulgaria", "burkinabé": "Burkina Faso", "burundais": "Burundi",
    "cambodgien": "Cambodia", "camerounais": "Cameroon", "canadien": "Canada", "chilien": "Chile",
    "chinois": "China", "chypriote": "Cyprus", "colombien": "Colombia",
    "congolais": "Democratic Republic of the Congo", "nord-coréen": "North Korea", "sud-coréen": "South Korea",
    "coréen": "South Korea", "costaricien": "Costa Rica", "croate": "Croatia", "cubain": "Cuba",
    "danois": "Denmark", "djiboutien": "Djibouti", "dominicain": "Dominican Republic", "égyptien": "Egypt",
    "émirati": "United Arab Emirates", "équatorien": "Ecuador", "érythréen": "Eritrea", "espagnol": "Spain",
    "estonien": "Estonia", "éthiopien": "Ethiopia", "finlandais": "Finland", "français": "France",
    "gabonais": "Gabon", "géorgien": "Georgia", "ghanéen": "Ghana", "grec": "Greece",
    "guatémaltèque": "Guatemala", "guinéen": "Guinea", "haïtien": "Haiti", "hondurien": "Honduras",
    "hongrois": "Hungary", "indien": "India", "indonésien": "Indonesia", "irakien": "Iraq", "iranien": "Iran",
    "irlandais": "Ireland", "islandais": "Iceland", "israélien": "Israel", "italien": "Italy",
    "ivoirien": "Ivory Coast", "jamaïcain": "Jamaica", "japonais": "Japan", "jordanien": "Jordan",
    "kazakh": "Kazakhstan", "kényan": "Kenya", "kirghiz": "Kyrgyzstan", "kosovar": "Kosovo",
    "koweïtien": "Kuwait", "laotien": "Laos", "letton": "Latvia", "libanais": "Lebanon", "libérien": "Liberia",
    "libyen": "Libya", "lituanien": "Lithuania", "luxembourgeois": "Luxembourg", "malgache": "Madagascar",
    "malaisien": "Malaysia", "malien": "Mali", "maltais": "Malta", "marocain": "Morocco",
    "mauritanien": "Mauritania", "mexicain": "Mexico", "moldave": "Moldova", "mongol": "Mongolia",
    "monténégrin": "Montenegro", "mozambicain": "Mozambique", "namibien": "Namibia", "néerlandais": "Netherlands",
    "hollandais": "Netherlands", "népalais": "Nepal", "nicaraguayen": "Nicaragua", "nigérian": "Nigeria",
    "nigérien": "Niger", "norvégien": "Norway", "néo-zélandais": "New Zealand", "omanais": "Oman",
    "ougandais": "Uganda", "ouzbek": "Uzbekistan", "pakistanais": "Pakistan", "palestinien": "Palestine",
    "panaméen": "Panama", "paraguayen": "Paraguay", "péruvien": "Peru", "philippin": "Philippines",
    "polonais": "Poland", "portugais": "Portugal", "qatari": "Qatar", "roumain": "Romania", "russe": "Russia",
    "rwandais": "Rwanda", "salvadorien": "El Salvador", "saoudien": "Saudi Arabia", "sénégalais": "Senegal",
    "serbe": "Serbia", "singapourien": "Singapore", "slovaque": "Slovakia", "slovène": "Slovenia",
    "somalien": "Somalia", "soudanais": "Sudan", "sud-soudanais": "South Sudan", "sud-africain": "South Africa",
    "sri-lankais": "Sri Lanka", "suédois": "Sweden", "suisse": "Switzerland", "syrien": "Syria",
    "tadjik": "Tajikistan", "taïwanais": "Taiwan", "tanzanien": "Tanzania", "tchadien": "Chad",
    "tchèque": "Czechia", "thaïlandais": "Thailand", "togolais": "Togo", "tunisien": "Tunisia", "turc": "Turkey",
    "turkmène": "Turkmenistan", "ukrainien": "Ukraine", "uruguayen": "Uruguay", "vénézuélien": "Venezuela",
    "vietnamien": "Vietnam", "yéménite": "Yemen", "zambien": "Zambia", "zimbabwéen": "Zimbabwe",
}  # fmt: skip

_SPANISH: dict[str, str] = {
    "afgano": "Afghanistan", "albanés": "Albania", "argelino": "Algeria", "alemán": "Germany",
    "estadounidense": "United States", "norteamericano": "United States", "americano": "United States",
    "angoleño": "Angola", "argentino": "Argentina", "armenio": "Armenia", "australiano": "Australia",
    "austriaco": "Austria", "azerbaiyano": "Azerbaijan", "bangladesí": "Bangladesh", "belga": "Belgium",
    "bielorruso": "Belarus", "birmano": "Myanmar", "boliviano": "Bolivia", "bosnio": "Bosnia and Herzegovina",
    "brasileño": "Brazil", "británico": "United Kingdom", "inglés": "United Kingdom", "escocés": "United Kingdom",
    "galés": "United Kingdom", "búlgaro": "Bulgaria", "camboyano": "Cambodia", "camerunés": "Cameroon",
    "canadiense": "Canada", "chileno": "Chile", "chino": "China", "chipriota": "Cyprus", "colombiano": "Colombia",
    "congoleño": "Democratic Republic of the Congo", "norcoreano": "North Korea", "surcoreano": "South Korea",
    "coreano": "South Korea", "costarricense": "Costa Rica", "croata": "Croatia", "cubano": "Cuba",
    "danés": "Denmark", "dominicano": "Dominican Republic", "egipcio": "Egypt", "emiratí": "United Arab Emirates",
    "ecuatoriano": "Ecuador", "eritreo": "Eritrea", "español": "Spain", "estonio": "Estonia", "etíope": "Ethiopia",
    "filipino": "Philippines", "finlandés": "Finland", "francés": "France", "georgiano": "Georgia",
    "ghanés": "Ghana", "griego": "Greece", "guatemalteco": "Guatemala", "guineano": "Guinea", "haitiano": "Haiti",
    "hondureño": "Honduras", "húngaro": "Hungary", "indio": "India", "indonesio": "Indonesia", "iraquí": "Iraq",
    "iraní": "Iran", "irlandés": "Ireland", "islandés": "Iceland", "israelí": "Israel", "italiano": "Italy",
    "marfileño": "Ivory Coast", "jamaicano": "Jamaica", "japonés": "Japan", "jordano": "Jordan",
    "kazajo": "Kazakhstan", "keniano": "Kenya", "kuwaití": "Kuwait", "letón": "Latvia", "libanés": "Lebanon",
    "liberiano": "Liberia", "libio": "Libya", "lituano": "Lithuania", "luxemburgués": "Luxembourg",
    "malgache": "Madagascar", "malasio": "Malaysia", "maliense": "Mali", "maltés": "Malta", "marroquí": "Morocco",
    "mauritano": "Mauritania", "mexicano": "Mexico", "moldavo": "Moldova", "mongol": "Mongolia",
    "montenegrino": "Montenegro", "mozambiqueño": "Mozambique", "namibio": "Namibia", "neerlandés": "Netherlands",
    "holandés": "Netherlands", "nepalí": "Nepal", "nicaragüense": "Nicaragua", "nigeriano": "Nigeria",
    "nigerino": "Niger", "noruego": "Norway", "neozelandés": "New Zealand", "omaní": "Oman", "ugandés": "Uganda",
    "uzbeko": "Uzbekistan", "pakistaní": "Pakistan", "palestino": "Palestine", "panameño": "Panama",
    "paraguayo": "Paraguay", "peruano": "Peru", "polaco": "Poland", "portugués": "Portugal", "catarí": "Qatar",
    "qatarí": "Qatar", "rumano": "Romania", "ruso": "Russia", "ruandés": "Rwanda", "salvadoreño": "El Salvador",
    "saudí": "Saudi Arabia", "saudita": "Saudi Arabia", "senegalés": "Senegal", "serbio": "Serbia",
    "singapurense": "Singapore", "eslovaco": "Slovakia", "esloveno": "Slovenia", "somalí": "Somalia",
    "sudanés": "Sudan", "sudafricano": "South Africa", "sueco": "Sweden", "suizo": "Switzerland", "sirio": "Syria",
    "tayiko": "Tajikistan", "taiwanés": "Taiwan", "tanzano": "Tanzania", "chadiano": "Chad", "checo": "Czechia",
    "tailandés": "Thailand", "tunecino": "Tunisia", "turco": "Turkey", "turcomano": "Turkmenistan",
    "ucraniano": "Ukraine", "uruguayo": "Uruguay", "venezolano": "Venezuela", "vietnamita": "Vietnam",
    "yemení": "Yemen", "zambiano": "Zambia", "zimbabuense": "Zimbabwe",
}  # fmt: skip

_ITALIAN: dict[str, str] = {
    "afgano": "Afghanistan", "albanese": "Albania", "algerino": "Algeria", "tedesco": "Germany",
    "americano": "United States", "statunitense": "United States", "angolano": "Angola", "argentino": "Argentina",
    "armeno": "Armenia", "australiano": "Australia", "austriaco": "Austria", "azero": "Azerbaijan",
    "bengalese": "Bangladesh", "belga": "Belgium", "bielorusso": "Belarus", "birmano": "Myanmar",
    "boliviano": "Bolivia", "bosniaco": "Bosnia and Herzegovina", "brasiliano": "Brazil",
    "britannico": "United Kingdom", "inglese": "United Kingdom", "scozzese": "United Kingdom",
    "gallese": "United Kingdom", "bulgaro": "Bulgaria", "cambogiano": "Cambodia", "camerunense": "Cameroon",
    "canadese": "Canada", "cileno": "Chile", "cinese": "China", "cipriota": "Cyprus", "colombiano": "Colombia",
    "congolese": "Democratic Republic of the Congo", "nordcoreano": "North Korea", "sudcoreano": "South Korea",
    "coreano": "South Korea", "costaricano": "Costa Rica", "croato": "Croatia", "cubano": "Cuba",
    "danese": "Denmark", "dominicano": "Dominican Republic", "egiziano": "Egypt",
    "emiratino": "United Arab Emirates", "ecuadoriano": "Ecuador", "eritreo": "Eritrea", "spagnolo": "Spain",
    "estone": "Estonia", "etiope": "Ethiopia", "filippino": "Philippines", "finlandese": "Finland",
    "francese": "France", "georgiano": "Georgia", "ghanese": "Ghana", "greco": "Greece",
    "guatemalteco": "Guatemala", "guineano": "Guinea", "haitiano": "Haiti", "honduregno": "Honduras",
    "ungherese": "Hungary", "indiano": "India", "indonesiano": "Indonesia", "iracheno": "Iraq", "iraniano": "Iran",
    "irlandese": "Ireland", "islandese": "Iceland", "israeliano": "Israel", "italiano": "Italy",
    "ivoriano": "Ivory Coast", "giamaicano": "Jamaica", "giapponese": "Japan", "giordano": "Jordan",
    "kazako": "Kazakhstan", "keniota": "Kenya", "kuwaitiano": "Kuwait", "lettone": "Latvia", "libanese": "Lebanon",
    "liberiano": "Liberia", "libico": "Libya", "lituano": "Lithuania", "lussemburghese": "Luxembourg",
    "malgascio": "Madagascar", "malese": "Malaysia", "maliano": "Mali", "maltese": "Malta", "marocchino": "Morocco",
    "mauritano": "Mauritania", "messicano": "Mexico", "moldavo": "Moldova", "mongolo": "Mongolia",
    "montenegrino": "Montenegro", "mozambicano": "Mozambique", "namibiano": "Namibia", "olandese": "Netherlands",
    "nepalese": "Nepal", "nicaraguense": "Nicaragua", "nigeriano": "Nigeria", "nigerino": "Niger",
    "norvegese": "Norway", "neozelandese": "New Zealand", "omanita": "Oman", "ugandese": "Uganda",
    "uzbeko": "Uzbekistan", "pakistano": "Pakistan", "palestinese": "Palestine", "panamense": "Panama",
    "paraguaiano": "Paraguay", "peruviano": "Peru", "polacco": "Poland", "portoghese": "Portugal",
    "qatariota": "Qatar", "rumeno": "Romania", "russo": "Russia", "ruandese": "Rwanda",
    "salvadoregno": "El Salvador", "saudita": "Saudi Arabia", "senegalese": "Senegal", "serbo": "Serbia",
    "singaporiano": "Singapore", "slovacco": "Slovakia", "sloveno": "Slovenia", "somalo": "Somalia",
    "sudanese": "Sudan", "sudafricano": "South Africa", "svedese": "Sweden", "svizzero": "Switzerland",
    "siriano": "Syria", "tagiko": "Tajikistan", "taiwanese": "Taiwan", "tanzaniano": "Tanzania", "ciadiano": "Chad",
    "ceco": "Czechia", "thailandese": "Thailand", "tunisino": "Tunisia", "turco": "Turkey",
    "turkmeno": "Turkmenistan", "ucraino": "Ukraine", "uruguaiano": "Uruguay", "venezuelano": "Venezuela",
    "vietnamita": "Vietnam", "yemenita": "Yemen", "zambiano": "Zambia", "zimbabwese": "Zimbabwe",
}  # fmt: skip

_PORTUGUESE: dict[str, str] = {
    "afegão": "Afghanistan", "albanês": "Albania", "argelino": "Algeria", "alemão": "Germany",
    "americano": "United States", "estadunidense": "United States", "norte-americano": "United States",
    "angolano": "Angola", "argentino": "Argentina", "armênio": "Armenia", "arménio": "Armenia",
    "australiano": "Australia", "austríaco": "Austria", "azerbaijano": "Azerbaijan", "belga": "Belgium",
    "bielorrusso": "Belarus", "birmanês": "Myanmar", "boliviano": "Bolivia", "bósnio": "Bosnia and Herzegovina",
    "brasileiro": "Brazil", "britânico": "United Kingdom", "inglês": "United Kingdom", "escocês": "United Kingdom",
    "galês": "United Kingdom", "búlgaro": "Bulgaria", "cambojano": "Cambodia", "camaronês": "Cameroon",
    "canadense": "Canada", "canadiano": "Canada", "chileno": "Chile", "chinês": "China", "cipriota": "Cyprus",
    "colombiano": "Colombia", "congolês": "Democratic Republic of the Congo", "norte-coreano": "North Korea",
    "sul-coreano": "South Korea", "coreano": "South Korea", "costarriquenho": "Costa Rica", "croata": "Croatia",
    "cubano": "Cuba", "dinamarquês": "Denmark", "dominicano": "Dominican Republic", "egípcio": "Egypt",
    "equatoriano": "Ecuador", "espanhol": "Spain", "estoniano": "Estonia", "etíope": "Ethiopia",
    "filipino": "Philippines", "finlandês": "Finland", "francês": "France", "georgiano": "Georgia",
    "ganês": "Ghana", "grego": "Greece", "guatemalteco": "Guatemala", "guineense": "Guinea", "haitiano": "Haiti",
    "hondurenho": "Honduras", "húngaro": "Hungary", "indiano": "India", "indonésio": "Indonesia",
    "iraquiano": "Iraq", "iraniano": "Iran", "irlandês": "Ireland", "islandês": "Iceland", "israelense": "Israel",
    "israelita": "Israel", "italiano": "Italy", "marfinense": "Ivory Coast", "jamaicano": "Jamaica",
    "japonês": "Japan", "jordaniano": "Jordan", "cazaque": "Kazakhstan", "queniano": "Kenya",
    "kuwaitiano": "Kuwait", "letão": "Latvia", "libanês": "Lebanon", "liberiano": "Liberia", "líbio": "Libya",
    "lituano": "Lithuania", "luxemburguês": "Luxembourg", "malgaxe": "Madagascar", "malaio": "Malaysia",
    "malinês": "Mali", "maltês": "Malta", "marroquino": "Morocco", "mauritano": "Mauritania",
    "mexicano": "Mexico", "moldavo": "Moldova", "mongol": "Mongolia", "montenegrino": "Montenegro",
    "moçambicano": "Mozambique", "namibiano": "Namibia", "holandês": "Netherlands", "neerlandês": "Netherlands",
    "nepalês": "Nepal", "nicaraguense": "Nicaragua", "nigeriano": "Nigeria", "nigerino": "Niger",
    "norueguês": "Norway", "neozelandês": "New Zealand", "omanense": "Oman", "ugandense": "Uganda",
    "uzbeque": "Uzbekistan", "paquistanês": "Pakistan", "palestino": "Palestine", "panamenho": "Panama",
    "paraguaio": "Paraguay", "peruano": "Peru", "polonês": "Poland", "polaco": "Poland", "português": "Portugal",
    "catariano": "Qatar", "romeno": "Romania", "russo": "Russia", "ruandês": "Rwanda",
    "salvadorenho": "El Salvador", "saudita": "Saudi Arabia", "senegalês": "Senegal", "sérvio": "Serbia",
    "singapurense": "Singapore", "eslovaco": "Slovakia", "esloveno": "Slovenia", "somali": "Somalia",
    "sudanês": "Sudan", "sul-africano": "South Africa", "sueco": "Sweden", "suíço": "Switzerland", "sírio": "Syria",
    "tajique": "Tajikistan", "taiwanês": "Taiwan", "tanzaniano": "Tanzania", "chadiano": "Chad",
    "tcheco": "Czechia", "checo": "Czechia", "tailandês": "Thailand", "tunisino": "Tunisia", "turco": "Turkey",
    "turcomeno": "Turkmenistan", "ucraniano": "Ukraine", "uruguaio": "Uruguay", "venezuelano": "Venezuela",
    "vietnamita": "Vietnam", "iemenita": "Yemen", "zambiano": "Zambia", "zimbabuano": "Zimbabwe",
}  # fmt: skip


def _french_forms(masculine: str) -> Iterable[str]:
    """The four forms of a French adjective of a country: *syrien*, *syrienne*, *syriens*, *syriennes*."""
    special = {"turc": "turque", "grec": "grecque", "ouzbek": "ouzbèke"}
    if masculine in special:
        feminine = special[masculine]
    elif masculine.endswith("e"):
        feminine = masculine
    elif masculine.endswith(("ien", "éen")):
        feminine = masculine + "ne"
    else:
        feminine = masculine + "e"
    plural = masculine if masculine.endswith(("s", "x")) else masculine + "s"
    return (masculine, feminine, plural, feminine + "s")


def _spanish_forms(masculine: str) -> Iterable[str]:
    """The forms of a Spanish adjective of a country: *venezolano*, *venezolana*, *venezolanos*, *venezolanas*."""
    stem, last = masculine[:-1], masculine[-1]
    if last == "o":
        return (masculine, stem + "a", stem + "os", stem + "as")
    if masculine.endswith(("és", "án", "ón")):
        plain = stem[:-1] + {"é": "e", "á": "a", "ó": "o"}[stem[-1]] + last
        return (masculine, plain + "a", plain + "es", plain + "as")
    if last in "ea":
        return (masculine, masculine + "s")
    if last == "í":
        return (masculine, masculine + "es", masculine + "s")
    return (masculine, masculine + "a", masculine + "es", masculine + "as")


def _italian_forms(masculine: str) -> Iterable[str]:
    """The forms of an Italian adjective of a country: *libico*, *libica*, *libici*, *libiche*."""
    stem, last = masculine[:-1], masculine[-1]
    if masculine.endswith("co"):  # *libico*: *libici*, *libiche*; *tedesco*: *tedeschi*
        return (masculine, stem + "a", stem + "i", stem + "hi", stem + "he")
    if last == "o":
        return (masculine, stem + "a", stem + "i", stem + "e")
    if last == "a":
        return (masculine, stem + "i", stem + "e")
    return (masculine, stem + "i")


def _portuguese_forms(masculine: str) -> Iterable[str]:
    """The forms of a Portuguese adjective of a country: *libanês*, *libanesa*, *libaneses*, *libanesas*."""
    stem, last = masculine[:-1], masculine[-1]
    if last == "o" and not masculine.endswith("ão"):
        return (masculine, stem + "a", stem + "os", stem + "as")
    if masculine.endswith("ês"):
        plain = masculine[:-2] + "es"
        return (masculine, plain + "a", plain + "es", plain + "as")
    if masculine.endswith("ão"):
        return (masculine, masculine[:-2] + "ã", masculine[:-2] + "ães", masculine[:-2] + "ãos", masculine[:-2] + "ãs")
    if masculine.endswith("ol"):
        return (masculine, masculine + "a", masculine[:-2] + "óis", masculine + "as")
    if last in "ea":
        return (masculine, masculine + "s")
    return (masculine, masculine + "a", masculine + "es", masculine + "as")


def _every_form(*tables: tuple[dict[str, str], Callable[[str], Iterable[str]]]) -> dict[str, str]:
    """Each form of each table's adjectives, lower-case, with its country; a form two languages share names one."""
    forms: dict[str, str] = {}
    for table, forms_of in tables:
        for masculine, country in table.items():
            for form in forms_of(masculine):
                forms.setdefault(form, country)
    return forms


COUNTRY_OF_ROMANCE_ADJECTIVE: dict[str, str] = _every_form(
    (_FRENCH, _french_forms), (_SPANISH, _spanish_forms), (_ITALIAN, _italian_forms), (_PORTUGUESE, _portuguese_forms)
)
"""Each form of the French, Spanish, Italian and Portuguese adjectives of countries, lower-case, and its country."""

PLACE_KINDS = frozenset(
    {
        "ville", "cité", "port", "capitale", "localité", "commune", "village", "bourg", "bourgade", "île",
        "station", "agglomération", "métropole", "enclave", "ciudad", "puerto", "capital", "localidad",
        "municipio", "pueblo", "villa", "aldea", "isla", "urbe", "città", "porto", "località", "comune", "paese",
        "villaggio", "cittadina", "isola", "cidade", "localidade", "município", "vila", "ilha",
        "villes", "ports", "localités", "communes", "villages", "îles", "ciudades", "puertos", "localidades",
        "municipios", "pueblos", "islas", "porti", "comuni", "paesi", "villaggi", "isole", "cidades", "portos",
        "municípios", "vilas", "ilhas",
    }
)  # fmt: skip
"""The words of a kind of place, singular or plural, before a Romance adjective of a country."""

DIVISION_KINDS = frozenset(
    {
        "région", "province", "département", "état", "canton", "préfecture", "gouvernorat", "district", "oblast",
        "comté", "región", "provincia", "departamento", "estado", "distrito", "cantón", "gobernación",
        "prefectura", "condado", "regione", "dipartimento", "stato", "distretto", "governatorato", "contea",
        "prefettura", "cantone", "região", "província", "cantão", "régions", "provinces", "départements", "états",
        "regiones", "provincias", "departamentos", "estados", "regioni", "stati", "regiões", "províncias",
    }
)  # fmt: skip
"""The words of a kind of division, singular or plural, before a Romance adjective of a country."""

TOWN_KINDS = frozenset(
    {
        "ville", "cité", "port", "capitale", "village", "bourg", "bourgade", "agglomération", "métropole", "ciudad",
        "puerto", "capital", "localidad", "pueblo", "villa", "aldea", "urbe", "città", "porto", "località", "paese",
        "villaggio", "cittadina", "cidade", "localidade", "vila", "villes", "ports", "villages", "ciudades",
        "puertos", "localidades", "pueblos", "porti", "paesi", "villaggi", "cidades", "portos", "vilas",
    }
)  # fmt: skip
"""The kinds of :data:`PLACE_KINDS` that are towns: never a division, as a commune or an island may be."""

_BEFORE = re.compile(
    r"(?<![^\W\d_])(?:(?P<first>[^\W\d_]+) )?(?P<kind>[^\W\d_]+) (?P<adjective>[^\W\d_]+(?:-[^\W\d_]+)?) "
    r"(?:de la |de |du |des |d['\u2019]|di |del |della |dello |dell['\u2019]|do |da |dos |das )\Z"
)
"""A kind's word (after another that may be its kind: *ville portuaire*), an adjective and *de*, ending the text."""


def romance_country_before(tail: str) -> tuple[str, bool, bool] | None:
    """The country a Romance adjective after a kind of place and before *de* ending ``tail`` names; the kind's sort.

    *la ville française de* gives ``("France", False, True)``, *l'État américain de* ``("United
    States", True, False)``, *la ville portuaire française de* ``("France", False, True)``; an
    adjective of no country, or no kind's word before it, gives ``None``.
    """
    match = _BEFORE.search(tail)
    if match is None:
        return None
    country = COUNTRY_OF_ROMANCE_ADJECTIVE.get(match["adjective"].lower())
    if country is None:
        return None
    for word in (match["kind"], match["first"]):
        kind = (word or "").lower()
        if kind in PLACE_KINDS or kind in DIVISION_KINDS:
            return country, kind in DIVISION_KINDS, kind in TOWN_KINDS
    return None


_AFTER = re.compile(r"[ \u00a0]+(?P<adjective>[^\W\d_]+)\b")


def romance_country_after(text: str, end: int) -> str | None:
    """The country a lower-case Romance adjective right after a name ending at ``end`` names, if any.

    French, Spanish, Italian and Portuguese write it after the name too: *le Jura français*,
    *Guadalajara española*. A capitalised word there is a name's (*Guinea Ecuatorial*).
    """
    match = _AFTER.match(text, end)
    if match is None or not match["adjective"].islower():
        return None
    return COUNTRY_OF_ROMANCE_ADJECTIVE.get(match["adjective"])
