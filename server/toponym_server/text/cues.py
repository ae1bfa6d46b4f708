"""The words around a name that say what kind of thing it names, in the languages of the news it reads.

English, French, German and Arabic are covered most; Persian, Russian, Ukrainian, Spanish,
Turkish and Kurdish by their function words and the words that most often stand beside a name.

Lists are lower-case and folded where the script has case; Arabic entries are written without
harakat. They are deliberately short: each entry must be a strong signal on its own.
"""

from __future__ import annotations

# Before a name: it names a person (President Bashar al-Assad, Mr Smith, le président Macron).
PERSON_TITLES = frozenset(
    {
        # English
        "president", "prime", "premier", "ministerpräsident", "ministerpräsidentin", "bundeskanzler",
        "bundeskanzlerin", "minister", "mr", "mrs", "ms", "dr", "general", "gen", "colonel", "col",
        "captain", "sheikh", "shaykh", "sheik", "imam", "caliph", "king", "queen", "prince", "princess",
        "emir", "sultan", "pope", "saint", "senator", "governor", "mayor", "commander", "chancellor",
        "secretary", "spokesman", "spokeswoman", "leader", "ayatollah", "mullah", "sir", "lord", "lady",
        "representative", "congressman", "congresswoman", "lieutenant", "admiral", "sergeant", "professor",
        "ambassador", "pastor", "reverend", "bishop", "rabbi", "judge", "coach", "sheriff",
        "actress", "actor", "singer", "rapper", "novelist", "comedian", "filmmaker",  # *actress Regina King*
        # English abbreviations, written with a full stop (Sen. Elizabeth Warren, Gov. Gavin Newsom); not
        # Miss., Mississippi's
        "sen", "rep", "gov", "lt", "sgt", "capt", "cmdr", "adm", "maj", "rev", "prof", "pres", "supt", "atty",
        # French
        "président", "presidente", "ministre", "m", "mme", "monsieur", "madame", "général", "cheikh",
        "calife", "roi", "reine", "chancelier", "chancelière", "porte-parole",
        # Italian, Spanish and Portuguese
        "governatore", "sindaco", "ministro", "ministra", "assessore", "prefetto", "senatore", "deputato",
        "gobernador", "gobernadora", "alcalde", "alcaldesa", "senador", "senadora", "diputado", "diputada",
        "presidenta", "canciller", "governador", "governadora", "prefeito", "prefeita", "vereador",
        # German
        "präsident", "präsidentin", "herr", "frau", "kanzler", "kanzlerin", "ministerin",
        "scheich", "kalif", "könig", "königin", "bürgermeister", "bürgermeisterin", "bundespräsident",
        "bundespräsidentin", "oberbürgermeister", "oberbürgermeisterin", "botschafter", "botschafterin",
        # Arabic
        "الرئيس", "رئيس", "الشيخ", "شيخ", "الخليفة", "الملك", "الأمير", "الوزير", "وزير", "الجنرال", "السيد",
    }
)

# Person titles that open more places' names than people's in the news (Saint Petersburg, Saint
# Louis): a run opening on one names a person only where no place is written as its first two words.
PLACE_NAME_TITLES = frozenset({"saint", "sainte"})

# Abbreviations of the first word of a place's name, written with a full stop that ends no
# sentence (St. Louis, Ste. Genevieve, Mt. Vernon, Ft. Worth, Pt. Pleasant, Sta. Rosa, Sto. Tomas),
# with the words they stand for.
NAME_ABBREVIATIONS = {
    "st": ("Saint",), "ste": ("Sainte",), "mt": ("Mount",), "ft": ("Fort",), "pt": ("Point", "Port"),
    "sta": ("Santa",), "sto": ("Santo",),
}  # fmt: skip

# Words of a storm, before its name (Hurricane Milton, Typhoon Haiyan, Storm Ciarán, le cyclone
# Freddy, Sturmtief Sabine): storms bear people's names, and many people's names are places'
# somewhere (Milton, Florence, Sandy, Helene as Greece's *Hellene*). Capitalised before a name, or
# right before one in lower case but for *storm* (*as the storm hit Florida*). Not Arabic's
# *إعصار*: in a sentence opening on its verb the word after it is the place the storm hit.
STORM_WORDS = frozenset(
    {
        "hurricane", "typhoon", "cyclone", "superstorm", "storm",
        "ouragan", "typhon", "tempête", "hurrikan", "taifun", "zyklon", "orkan", "sturmtief", "sturm",
        "huracán", "tifón", "ciclón", "tormenta", "ураган", "тайфун", "циклон", "шторм",
    }
)  # fmt: skip
STORM_WORDS_IN_LOWER_CASE = STORM_WORDS - {"storm", "sturm", "tormenta", "шторм"}

# Arabic name elements that start a person's name (Abu Bakr, Ibn Saud, Umm Kulthum) when the
# whole name is not a place (Abu Kamal and Umm Qasr are).
PERSON_NAME_STARTS = frozenset({"abu", "abou", "ibn", "bin", "ben", "umm", "أبو", "ابو", "ابن", "بن", "أم"})

# Given names the news writes before a surname that no place bears alone: with the word after them
# they are a person's name, unless a place is named so (*John Denver*, *Andrea Orlando*, *Mark Nelson*;
# not *George Town*, *John Day*, written so). Given names that are places too are
# :data:`GIVEN_NAMES_OF_PLACES`.
GIVEN_NAMES = frozenset(
    {
        # English
        "john", "james", "robert", "michael", "william", "david", "richard", "joseph", "thomas", "christopher",
        "daniel", "matthew", "anthony", "mark", "donald", "steven", "stephen", "paul", "andrew", "joshua",
        "kenneth", "kevin", "brian", "george", "timothy", "ronald", "edward", "jason", "jeffrey", "ryan", "jacob",
        "gary", "nicholas", "eric", "jonathan", "larry", "justin", "scott", "brandon", "benjamin", "samuel",
        "gregory", "alexander", "frank", "patrick", "raymond", "jack", "dennis", "jerry", "peter", "joe", "keir",
        "rishi", "boris", "kamala", "hillary", "bernie", "mary", "patricia", "jennifer", "linda", "barbara",
        "susan", "jessica", "sarah", "karen", "lisa", "margaret", "sandra", "ashley", "emily", "donna",
        "michelle", "carol", "amanda", "melissa", "deborah", "stephanie", "rebecca", "sharon", "laura", "amy",
        "anna", "emma", "olivia", "julia", "reginald",
        # French, German, Italian, Spanish and Portuguese
        "jean", "michel", "philippe", "alain", "françois", "nicolas", "emmanuel", "jacques", "christophe",
        "thierry", "olivier", "sébastien", "julien", "catherine", "isabelle", "nathalie", "hans", "klaus",
        "wolfgang", "jürgen", "stefan", "andreas", "markus", "ursula", "friedrich", "olaf", "annalena", "monika",
        "petra", "heinz", "andrea", "matteo", "giuseppe", "giovanni", "marco", "luca", "paolo", "sergio",
        "maurizio", "arno",  # Mauritius in Italian, a river and an atoll (*Maurizio Fugatti*, *Arno Kompatscher*)
        "juan", "carlos", "luis", "jorge", "manuel", "javier", "andrés", "fernando", "ricardo", "alejandro",
        "diego", "luiz", "jair", "gustavo",
    }
)  # fmt: skip

# In or right after a name: it names an organisation, not a place (Islamic State, the Syrian
# Observatory for Human Rights, AsiaNews, the US Air Force).
ORGANISATION_WORDS = frozenset(
    {
        # English
        "state", "observatory", "agency", "agencies", "news", "army", "forces", "force", "front", "party",
        "council", "committee", "ministry", "organization", "organisation", "union", "brigade", "brigades",
        "militia", "coalition", "cross", "crescent", "الأمم", "alliance", "group", "institute", "university", "bank",
        "company", "corporation",
        "times", "post", "press", "network", "television", "tv", "radio", "heritage", "nations", "court",
        "office", "department", "service", "guard", "guards", "movement", "association",
        "foundation", "fund", "federation", "league", "club", "church", "mosque", "school", "hospital",
        "airways", "airlines", "inc", "ltd", "corp",
        "reform", "plaid",  # parties: Reform UK, Plaid Cymru
        # Movements the news names daily whose names some place also bears (*Hamas*: Hamm, Germany, in
        # another language)
        "hamas", "hamas's", "hamas’s",
        # French
        "état", "observatoire", "agence", "armée", "parti", "conseil", "comité", "ministère", "syndicat", "milice",
        "gouvernement", "université", "banque", "société",
        # Spanish and Turkish (not *government*: *the US government* names the country as much as its state)
        "ejército", "ministerio", "fuerzas", "ordusu", "bakanlığı",
        # German
        "staat", "beobachtungsstelle", "agentur", "armee", "partei", "rat", "ausschuss", "ministerium",
        "gewerkschaft", "miliz", "koalition", "regierung", "universität", "gesellschaft",
        "streitkräfte", "luftwaffe",
        # Arabic
        "الدولة", "دولة", "المرصد", "مرصد", "وكالة", "الجيش", "جيش", "قوات", "جبهة", "حزب", "مجلس", "وزارة",
        "منظمة", "التحالف", "الحكومة", "حكومة", "ميليشيا", "لواء", "كتائب", "تنظيم", "جماعة",
    }
)

# A business's common noun right before a capitalised name: the name is the business's (*l'opérateur
# Orange*, *the carmaker Renault*, *der Konzern Bayer*), not the place it may also name.
BUSINESS_NOUNS = frozenset(
    {
        "company", "firm", "operator", "carrier", "retailer", "airline", "carmaker", "automaker", "brand",
        "insurer", "broadcaster", "brewer", "opérateur", "entreprise", "société", "compagnie", "constructeur",
        "marque", "assureur", "unternehmen", "konzern", "firma", "empresa", "compañía", "aerolínea",
        "operadora", "azienda", "società",
    }
)  # fmt: skip

# Words of a sports club's name around a place's (Real Madrid, Olympique de Marseille, FC Bayern
# München; Manchester United, Blackburn Rovers): before or after another word of a run, they make
# it a club's name, unless some place is written so (Ciudad Real, the United States).
CLUB_WORDS_BEFORE = frozenset(
    {
        "real", "olympique", "atlético", "atletico", "inter", "borussia", "fc", "afc",
        "air",  # Air India: an airline
        "tour", "giro", "vuelta",  # the Tour de France, the Giro d'Italia: races
        # German, Austrian and Swiss clubs (Eintracht Frankfurt, VfL Wolfsburg, SC Freiburg, 1. FSV
        # Mainz 05, Red Bull Salzburg, Rapid Wien) and others of Europe's (Sporting Braga, Athletic
        # Bilbao, PSV Eindhoven, CSKA Moskau, Zenit St. Petersburg)
        "eintracht", "vfl", "vfb", "sc", "fsv", "tsv", "tsg", "spvgg", "bayer", "hertha", "werder", "fortuna",
        "arminia", "hansa", "dynamo", "dinamo", "rapid", "sturm", "bull", "ssc", "sporting", "athletic",
        "racing", "deportivo", "celta", "psv", "cska", "spartak", "lokomotiv", "zenit",
        # the Indian Premier League's named before their city (Sunrisers Hyderabad, Royal Challengers Bengaluru)
        "sunrisers", "challengers",
    }
)  # fmt: skip
CLUB_WORDS_AFTER = frozenset(
    {
        "united", "rovers", "wanderers", "albion", "hotspur", "fc", "afc", "cf",
        # The North American leagues' teams, by the plural each is named with after its city
        # (Houston Rockets, Boston Celtics, the Red Sox, Maple Leafs); not those named by a word
        # a text writes of its own (Heat, Magic, Jazz, Thunder, Wild, Lightning).
        "rockets", "celtics", "lakers", "knicks", "nets", "warriors", "clippers", "suns", "spurs", "mavericks",
        "nuggets", "pistons", "pacers", "bucks", "cavaliers", "hawks", "hornets", "raptors", "sixers", "grizzlies",
        "pelicans", "timberwolves", "blazers", "wizards", "bulls", "cowboys", "patriots", "eagles", "steelers",
        "packers", "bears", "seahawks", "rams", "chiefs", "broncos", "raiders", "chargers", "dolphins", "jets",
        "bills", "ravens", "bengals", "browns", "texans", "colts", "jaguars", "titans", "falcons", "panthers",
        "saints", "buccaneers", "cardinals", "commanders", "lions", "vikings", "giants", "yankees", "sox",
        "dodgers", "mets", "cubs", "astros", "braves", "phillies", "padres", "mariners", "orioles", "jays",
        "rays", "twins", "tigers", "royals", "guardians", "athletics", "angels", "rangers", "pirates", "reds",
        "brewers", "rockies", "diamondbacks", "nationals", "marlins", "canadiens", "leafs", "bruins", "flyers",
        "penguins", "capitals", "blackhawks", "wings", "oilers", "flames", "canucks", "sabres", "islanders",
        "devils", "predators", "stars", "ducks", "sharks", "coyotes", "jackets", "knights", "kraken",
        # and the Indian Premier League's (Mumbai Indians, Chennai Super Kings, Kolkata Knight Riders)
        "indians", "kings", "riders", "sunrisers",
        # and the Pakistan Super League's (Lahore Qalandars, Peshawar Zalmi, Quetta Gladiators, Multan Sultans)
        "qalandars", "zalmi", "gladiators", "sultans",
    }
)  # fmt: skip

# Organisations' words that also end places' names (West Bank, Free State, Borno State): a place
# of several words written so is no organisation for them.
PLACE_ORGANISATION_WORDS = frozenset({"bank", "state", "department"})

# Capitalised words that name a people of a place, not the place, before a word they describe (Iraqi
# officials, Saudi delegations, Syrian President ...): those of the form of DEMONYM_ENDINGS are found
# by their ending; these are not, for their ending is also one of place names (Kobani, Tripoli) or no
# adjective's (French, Dutch).
DEMONYMS = frozenset(
    {
        "iraqi", "israeli", "yemeni", "saudi", "omani", "qatari", "kuwaiti", "bahraini", "emirati", "pakistani",
        "bangladeshi", "somali", "azerbaijani", "azeri", "nepali", "kashmiri", "punjabi", "bengali", "yazidi",
        "houthi", "türk", "turk", "kurd", "arab", "afghan", "uzbek", "tajik", "kazakh", "turkmen", "thai",
        "suriyeli", "iraklı", "israilli", "lübnanlı", "iranlı", "rus",
        "french", "dutch", "greek", "swiss", "czech", "welsh", "slovak", "spanish",
        # and a faith's (Sikh pilgrims: no Wusu, China, named so too)
        "sikh", "hindu", "muslim", "christian", "jewish", "buddhist", "sunni", "shiite", "shia", "druze", "alawite",
        "coptic", "maronite",
    }
)

# Given names that are also the names of countries, first-level divisions or great cities (Jordan
# Peterson, Georgia O'Keeffe, Paris Hilton, Israel Katz): before a capitalised word that is no
# mention they are a person's given name, though a major place's name elsewhere stands before a
# German noun (hat Hamburg Container umgeschlagen).
GIVEN_NAMES_OF_PLACES = frozenset(
    {
        "jordan", "georgia", "giorgia", "israel", "chad", "paris", "victoria", "brooklyn", "florence", "sydney",
        "austin", "dallas", "madison", "savannah", "charlotte", "india", "virginia", "carolina", "orlando",
        "adelaide", "chelsea", "santiago", "milan", "denver", "houston", "phoenix", "aurora", "regina", "tyler",
        "kingston", "lincoln", "jackson", "camden", "devon", "hudson", "eden", "lorraine", "valencia", "angela",
        "nancy", "sabine", "sofia", "eugene", "marion", "troy", "helena", "augusta", "elizabeth", "alexandria",
    }
)  # fmt: skip

# Nouns of a people whose plural ends on an *s* as a German genitive does (*Poles*, *Turks*): the
# singular is some place's name (*Pole* is Poland's in Afrikaans, *Turk* an old name of Angren).
PEOPLE_NOUNS = frozenset(
    {
        "pole", "german", "serb", "croat", "dane", "swede", "finn", "scot", "brit", "jew", "slav", "yank", "frank",
        "moor", "celt", "norman", "saxon", "hun", "goth", "viking", "bosniak", "slovene", "magyar", "tatar",
        "cossack", "roma", "sikh", "hindu", "muslim", "christian", "catholic", "copt", "maronite", "druze",
        "alawite", "sunni", "shiite", "american", "african", "asian", "european", "latino", "arab", "kurd", "turk",
    }
)  # fmt: skip

# Given names that end as the German genitive of a major place's name does (*Frances*, *Georges*):
# no genitive, even before a capitalised word (*Frances McDormand*, *Georges Pompidou*).
GIVEN_NAMES_LIKE_GENITIVES = frozenset({"frances", "georges", "charles", "jules", "agnes", "carlos", "marcos"})

# Landforms' words ending a name (the Bekaa Valley, the Golan Heights): the embedded gazetteer
# holds towns and areas, not landforms, so such a name counts only as some place spells it (Bega
# Valley), never by a near spelling of another's (the Bekaa Valley is not Bega Valley).
LANDFORM_WORDS = frozenset(
    {
        "valley", "valleys", "mountains", "mountain", "hills", "heights", "highlands", "plain", "plains",
        "plateau", "desert", "coast", "delta", "peninsula", "basin", "gorge", "canyon", "marshes", "gap",
        # French and German
        "vallée", "montagnes", "plaine", "désert", "côte", "gebirge", "berge", "ebene", "wüste", "küste",
    }
)  # fmt: skip

# Facilities' words ending a name (Erbil Airport, Beirut Harbor, Berlin Zoo, Tower Bridge): after
# another word of a capitalised run such a word is the facility's, never a place of its own (Airport,
# Hawaii; Harbor, Oregon; Bridge, Cornwall); the name before it may be a place's (Erbil).
FACILITY_WORDS = frozenset(
    {
        "airport", "airfield", "airbase", "harbor", "harbour", "port", "bridge", "zoo", "tower", "towers",
        "church", "cathedral", "mosque", "temple", "synagogue", "hospital", "clinic", "beach", "station",
        "stadium", "arena", "square", "park", "palace", "prison", "jail", "market", "bazaar", "dam", "mall",
        "camp", "base", "barracks", "university", "college", "school", "hotel", "museum", "castle",
        "crossing", "checkpoint", "refinery", "terminal", "plant", "factory", "mine",
    }
)  # fmt: skip

# Words of a direction, a size, or a water's or a landform's kind: beside another word of a
# capitalised run, not a common one, they are a piece of that name (*South Ossetia*, *the Big Island*,
# *Vancouver Island*, *the Spratly Islands*, *South London*), never a place of their own, although the
# gazetteer names places so (Cameroon's South region, Iceland as *Island*, Hong Kong's Islands district).
NAME_PART_WORDS = frozenset(
    {
        "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central", "centre",
        "center", "northeast", "northwest", "southeast", "southwest", "upper", "lower", "middle", "inner",
        "outer", "greater", "big", "great", "little",
        "island", "islands", "isle", "isles", "sea", "lake", "lakes", "river", "bay", "cape", "strait",
        "straits", "channel", "sound", "ocean", "point", "falls", "springs", "mount", "gulf", "canal",
        *LANDFORM_WORDS,
    }
)  # fmt: skip

# Of those, the words of a water's or a landform's kind: after a name in its run, they make it that
# water's or land's name (*the Suez Canal*, *the Mississippi River*, *Vancouver Island*), not a place's.
WATER_AND_LANDFORM_WORDS = frozenset(
    {
        "island", "islands", "isle", "isles", "sea", "lake", "lakes", "river", "bay", "strait", "straits",
        "channel", "sound", "ocean", "falls", "gulf", "canal", *LANDFORM_WORDS,
    }
)  # fmt: skip

# Before a capitalised name, the word of a water or a landform it names (*Lake Ontario*, *Mount
# Hermon*, *Loch Ness*), unless some place is written with it (*Lake Charles*, *Mount Vernon*); and
# in Arabic a canal's, a river's, a lake's, a gulf's, a strait's or the sea's (*قناة السويس*, *خليج عدن*).
WATER_AND_LANDFORM_WORDS_BEFORE = frozenset(
    {"lake", "mount", "mt", "loch", "lac", "lago", "mont", "monte", "campi", "mar"}
    | {"قناة", "نهر", "بحيرة", "خليج", "مضيق", "البحر"}
)
# The same in lower case before a name: a river's (*rio Paraná*, *le fleuve Niger*) or a square's
# (*piazza Duomo*, *rue de Paris*, *praça*); and before *of* (*the Strait of Hormuz*, *the Gulf of Mexico*), with a
# salt flat's and a volcano's (*el salar de Uyuni*, *el volcán de Santa Ana*).
WATER_AND_SQUARE_WORDS_IN_LOWER_CASE = frozenset(
    {
        "river", "rio", "río", "fleuve", "rivière", "fiume", "piazza", "piazzale", "viale", "corso", "largo", "rue",
        "boulevard", "calle", "avenida", "praça", "rua", "avenue", "lac", "lago", "gare",
        # Russian and Ukrainian, but *улицы*, also *the streets* (*улицы Грозного*: of Grozny)
        "улица", "улице", "улицу", "улицей", "проспект", "проспекте", "площадь", "площади", "бульвар", "бульваре",
        "переулок", "переулке", "вулиця", "вулиці", "проспекті", "майдан", "майдані",
        # a river's bank and mouth, in Russian and Ukrainian (on the Dnieper's left bank: the river, not Dnipro)
        "берег", "берега", "берегу", "берегом", "берегах", "берегам", "устье", "устья", "устьи", "низовьях",
        "верховьях", "березі",
    }
)  # fmt: skip
WATERS_OF = frozenset(
    {
        "strait", "straits", "gulf", "sea", "bay", "lake", "lago", "lac", "golfo", "golfe", "estrecho", "détroit",
        "stretto", "bahía", "baía", "baie", "canal", "salar", "volcán", "volcan", "vulcano",
    }
)  # fmt: skip
# Capitalised, before *of* and a name: an institution's, a building's, a square's or a water's word,
# which names the thing (*University of Idaho*, *Universidad de Chile*, *Plaza de Mayo*, *Palacio de
# López*, *Canal de Panamá*, *Golfo de México*), not the place, unless some place is written so
# (*Mar del Plata*, *Puerto de la Cruz*).
INSTITUTION_WORDS_OF = frozenset(
    {
        "university", "universidad", "universidade", "università", "université", "plaza", "palacio", "palais",
        "palazzo", "teatro", "museo", "estadio", "catedral", "parque", "banco", "colegio", "instituto",
        "coupe", "copa",  # *la Coupe de France*, *la Copa del Rey*: cups
        "consejo", "conseil", "consiglio", "conselho", "ministerio", "ministère", "ministero", "ministério",
        "mar", *WATERS_OF,
    }
)  # fmt: skip

# The endings of a possessive (Aleppo's, with a straight or a curly apostrophe): a name's, not part of it.
POSSESSIVES = ("'s", "\u2019s")

# Abbreviations the news writes countries' names by (*US officials*, *UK and French envoys*): after a
# person's name and a comma they are a place, not the state a person represents (*Warren, MA*).
COUNTRY_ABBREVIATIONS = frozenset({"us", "uk", "usa", "uae"})

# Words that alone never mean the place the gazetteer names so: *the Gulf* of the news is the
# Persian Gulf (*Gulf states*), not Papua New Guinea's Gulf Province, which is written so; *el
# Congreso* and *la Guardia* (Nacional, Civil) are a parliament and a police, not the villages
# written so with their article.
# Nor does a continent's name, which the gazetteer holds no place for: *Africa* is no Mahdia (its Latin
# name), *Europa* no Urupá, *Азии* no Asia in the Philippines. Not *America*, which stands for the US.
CONTINENTS = frozenset(
    {
        "africa", "afrique", "afrika", "afrikas", "áfrica", "африка", "африки", "африке", "африку", "африкой",
        "europe", "europa", "europas", "европа", "европы", "европе", "европу", "европой",
        "asia", "asie", "asien", "asiens", "ásia", "азия", "азии", "азию", "азией",
        "oceania", "océanie", "ozeanien", "ozeaniens", "oceanía", "океания", "океании", "океанию", "океанией",
        "americas", "amériques", "américas", "americhe",
    }
)  # fmt: skip
NEWS_AGENCIES = frozenset(
    {
        "afp", "ap", "efe", "ansa", "dpa", "apa", "sda", "ats", "belga", "reuters", "tass", "ria", "xinhua",
        "kyodo", "yonhap", "anadolu", "pap", "čtk", "ctk", "mti", "hina", "tanjug", "bta", "agerpres", "lusa",
        "notimex", "ani", "pti", "ians", "sana", "qna", "spa", "wam", "kuna", "bna", "petra", "mena", "aps",
        "map", "tap", "قنا", "واس", "كونا", "وام", "بنا", "سانا", "بترا", "سبأ", "رويترز", "الأناضول",
    }
)  # fmt: skip
"""News agencies a dateline names in brackets, in lower case: some are places' names too (*قنا*, QNA: Qena;
*Belga*: Belgium's sound; *Petra*), but not there."""
REPUBLIC_WORDS = frozenset(
    "республик" + ending for ending in ("а", "и", "е", "у", "ой", "ою")
) | frozenset("республік" + ending for ending in ("а", "и", "і", "у", "ою"))
"""The cases of the Russian and Ukrainian word *republic*: a village is named so (*Республіка*), but
capitalised before a republic's name (*Власти Республики Каракалпакстан*) the word is none."""
WATERS_AND_MOUNTAINS_ALONE = frozenset(
    {
        "pacífico", "pacifico", "atlántico", "atlântico", "atlantique", "caribe", "stretto", "sahel", "amazonía",
        "amazonia",
        "amazônia",
        "волга", "волги", "волге", "волгу", "волгой", "обь", "оби", "обью", "амур", "амура", "амуре", "амуру",
        "амуром", "неман", "немана", "немане", "неману", "эльбрус", "эльбруса", "эльбрусе", "карпаты", "карпат",
        "карпатах", "карпатами",
    }
)  # fmt: skip
"""Oceans, a sea, a strait, regions, rivers and mountains the news names alone, capitalised (*el Pacífico*, *lo
Stretto*, *the Sahel*, *la Amazonía*, *на Волге*, *в Оби*, *через Амур*), where the gazetteer holds only a village
of their name (or a division: Burkina Faso's Sahel region, Colombia's Atlántico), or a division it sounds like
(*Amazonas*)."""
NO_PLACE_ALONE = (
    frozenset({"gulf", "congreso", "guardia", "niño", "niña"})
    | CONTINENTS
    | REPUBLIC_WORDS
    | WATERS_AND_MOUNTAINS_ALONE
)

# Capitalised words that are not place names at the start of a sentence or in a title, and
# words that are places somewhere but almost never in running text (months, days, pronouns).
COMMON_WORDS = frozenset(
    {
        # English
        "the", "a", "an", "this", "that", "these", "those", "there", "here", "now", "then", "thus", "however",
        "but", "and", "or", "if", "when", "while", "after", "before", "over", "under", "as", "at", "in", "on",
        "of", "for", "from", "with", "by", "to", "it", "its", "he", "she", "they", "we", "you", "i", "his",
        "her", "their", "our", "local", "across", "aid", "à", "national", "international", "also", "even", "many",
        "most", "some", "all", "one", "two", "three",
        "eight", "nine", "ten", "first", "last", "new", "old", "commenting", "according", "following",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
        "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
        "mr", "mrs", "said", "says", "say", "caliphate", "jihadists", "terrorists", "militants", "rebels",
        "sources", "experts", "officials", "god", "allah", "internet", "web", "online", "media", "europe's",
        "towns",  # *Great Spa Towns*: no Towns County, Georgia
        # Spanish and Portuguese *national* (*Guardia Nacional*, the club Nacional): no Distrito Nacional
        "nacional", "nacionales",
        # French
        "le", "la", "les", "un", "une", "des", "du", "de", "au", "aux", "ce", "cette", "ces", "il", "elle", "ils",
        "elles", "nous", "vous", "mais", "et", "ou", "selon", "après", "avant", "dans", "sur", "sous", "pour", "par",
        "avec", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "janvier", "février",
        "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre",
        # German
        "der", "die", "das", "den", "dem", "ein", "eine", "einer", "eines", "und", "oder", "aber", "nach",
        "vor", "bei", "mit", "von", "zu", "auf", "aus", "im", "am", "es", "sie", "er", "wir", "ihr", "laut",
        "ab", "bis", "seit", "über", "unter", "gegen", "durch", "für", "ohne", "trotz", "wegen", "während",
        "zwischen", "hinter", "neben",  # prepositions opening a sentence (*Ab Juli*: Ibb, Yemen)
        "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag", "januar", "februar",
        "märz", "juni", "juli", "oktober", "dezember", "kalifat", "grenze", "regierung", "truppen", "kämpfer",
        "hause",  # *zu Hause*, *nach Hause*: at home
        "mitte", "berg", "dorf", "stadt", "land", "seite", "ende", "anfang", "frieden", "krieg", "gebiet",
        "nähe", "zeit", "jahr", "jahre", "woche", "tag", "tage", "experten", "quellen",
        "polizei", "länder", "busse",  # Poland's sound, Lander (Wyoming), Boussé (Burkina Faso)
        "gäste", "übersee",  # guests (Geeste), overseas (Übersee, Bavaria)
        "deutsch", "bahn",  # German (Deutsch Krawarn: Kravaře), the railway (Bahn: Banie, Poland)
        "grad",  # a degree (*minus 20 Grad*; Grad, Slovenia)
        # units of length and time after a number (*bei 7,40 Metern*: Méteren; *vier Stunden*)
        "meter", "metern", "kilometer", "kilometern", "zentimeter", "zentimetern", "stunde", "stunden",
        "minute", "minuten", "sekunden", "wochen", "monate", "monaten", "jahren", "prozent",
        "muren",  # mudflows (*lösten sich kleinere Muren*; Mörön, Mongolia)
        "grüne", "grünen",  # the Greens, the party (*CDU und Grüne*; Grône, Valais)
        "kauf",  # a purchase (*in Kauf nehmen*, to put up with), near some spellings of Głogów
        "patrimonio",  # heritage (*Patrimonio de la Humanidad*; Patrimonio, Corsica)
        "vale",  # a valley (*o Vale do Taquari*) and a mining company in Portuguese; Valais is so named too
        "governo", "gobierno",  # the government (*O Governo de São Tomé e Príncipe*), which opens no place's name
        # Arabic function words and common nouns
        "في", "من", "على", "إلى", "الى", "عن", "مع", "بعد", "قبل", "حيث", "التي", "الذي", "هذا", "هذه", "ذلك",
        "تلك", "كان", "كانت", "قد", "لقد", "أن", "إن", "ان", "او", "أو", "ثم", "كما", "بين", "حول", "منذ",
        "الحدود", "الحدودية", "المنطقة", "منطقة", "المدينة", "مدينة", "القوات", "السلطات", "المصادر", "الخلافة",
        "مقاتلي", "مقاتلو", "المسلحين", "الإرهابيين", "العام", "الماضي", "اليوم", "أمس", "الأسبوع",
        # words a place's name is met in once a letter is read as a proclitic (*لجنة*, a committee: ل +
        # Djenné; *وصول*, arrival: و + Sool; *بدوره*, in turn: ب + Dura), and nouns news writes daily
        "لجنة", "اللجنة", "لجان", "وصول", "بدوره", "دوره", "طوله", "بكلفة", "كلفة", "القطار", "قطار", "ليل",
        "ليلة", "العاصمة", "إطار", "لاجئ", "لاجئين", "بيان", "حين", "توقعت", "سبع", "سبعة",
        # Arabic months, of the Levant and Iraq and of the Gregorian calendar (*آب*, August, folds as
        # Ibb's *إب*; *مايو* is Mayo's), and nouns a place's name is also written as (*العصابة*, the
        # gang: Assaba; *الساحل*, the coast; *حالة*, a case)
        "كانون", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب", "أيلول", "تشرين", "يناير", "فبراير",
        "مارس", "أبريل", "ابريل", "مايو", "يونيو", "يوليو", "أغسطس", "اغسطس", "سبتمبر", "أكتوبر", "اكتوبر",
        "نوفمبر", "ديسمبر", "حالة", "الحالة", "العصابة", "عصابة", "الساحل",
        # and more such nouns, and a phrase (*سلطات*, authorities: Settat; *حصار*, a siege: Hisar; *شباب*,
        # youth: Shabab; *رياض الأطفال*, kindergartens; *لأول مرة*, for the first time: Laval)
        "سلطات", "حصار", "شباب", "رياض", "لأول",
        "وقف", "دولة",  # a halt (*لوقف إطلاق النار*, for a ceasefire: Al Waqf), a state (*لدولة*: Dhule)
        "دون", "بدون", "البلاد",  # without (Dunn, NC), the country (Al Bilad, Yemen)
        "طول", "بطول", "فرقة",  # length (Ţabl, Iran), a troupe or a division (ف + Raqqa)
        # Arabic days of the week (الأربعاء is also a town in Algeria)
        "السبت", "الأحد", "الاحد", "الاثنين", "الإثنين", "الثلاثاء", "الأربعاء", "الاربعاء", "الخميس", "الجمعة",
        # Persian function words and days of the week (دوشنبه, Monday, is Dushanbe's name)
        "به", "از", "در", "با", "را", "که", "این", "آن", "برای", "تا", "یا", "هم", "روز", "شنبه", "یکشنبه",
        "دوشنبه", "سه\u200cشنبه", "سهشنبه", "چهارشنبه", "پنجشنبه", "پنج\u200cشنبه", "جمعه",
        # Russian and Ukrainian function words (Из Ракки opening a sentence is *from* Raqqa)
        "в", "во", "из", "на", "с", "со", "у", "к", "по", "под", "о", "об", "от", "до", "за", "для", "и", "а",
        "но", "или", "не", "что", "это", "как", "при", "після", "та", "і", "й", "з", "із", "зі", "біля", "від",
        "после", "перед", "через", "также", "однако", "кроме", "ранее", "позже", "вчера", "сегодня", "завтра",
        "накануне", "тогда", "здесь", "там", "все", "всё", "он", "она", "они", "мы", "вы", "я", "его", "её",
        "столица", "столицы", "столице", "столицу", "столицей",  # the capital (Столица: Sofia)
        "работа", "работы", "работу", "работе", "работой",  # work (*Работу предприятий*: Rabat)
        "их", "этот", "эта", "эти", "тот", "те", "где", "когда", "если", "так", "уже", "ещё", "еще",
        "только", "сам", "сама", "сами", "само", "також", "вчора", "сьогодні", "він", "вона", "вони", "ми",
        "ви", "це", "цей", "ця", "ці", "де", "коли", "якщо", "вже", "ще", "тільки",
        # Spanish, Turkish and Kurdish (Kurmanji) function words
        "en", "el", "los", "las", "desde", "hacia", "según", "y", "con", "bir", "ve", "ile", "li", "ji", "bi",
        "û", "di",
        # Portuguese and Italian function words (No Porto, Em Lisboa, Nel Lazio opening a sentence are
        # *in* Porto, Lisbon and Lazio; Para Manaus *to* Manaus, not Pará de Minas)
        "o", "os", "um", "uma", "em", "no", "na", "nos", "nas", "ao", "aos", "às", "pelo", "pela", "para",
        "por", "mas", "e", "que", "gli", "nel", "nella", "nei", "negli", "nelle", "dal", "dalla",
        "dai", "dalle", "alla", "alle", "sulla", "per", "tra", "fra", "che",
        # (*Ad Ancona*, *ad* before a vowel, is *in* Ancona; *Si vota* no Sývota, whose key ignores the space)
        "ad", "ed", "si", "non", "anche", "dopo", "mentre",
        # Spain's regional governments and communities (*la Junta estudia*, *la Comunidad*), which
        # towns of the Americas are named as (La Junta, Chihuahua; La Comunidad, Colombia)
        "junta", "xunta", "generalitat", "comunidad",
        # Feasts, which some hamlet is named after or comes near (*before Christmas* is no Christmas,
        # Florida); not *Natal*, Christmas in Portuguese and a city of 800,000, nor *Lent*, a Dutch
        # town, nor a name of several words (*Christmas Island*)
        "christmas", "xmas", "easter", "thanksgiving", "halloween", "hanukkah", "passover", "ramadan",
        "ramazan", "diwali", "eid", "advent", "pentecost", "nowruz", "navruz", "noël", "pâques",
        "toussaint", "weihnachten", "ostern", "pfingsten", "silvester", "navidad", "pascua", "natale",
        "pasqua", "páscoa", "рождество", "пасха", "рамадан", "رمضان",
        # Hebrew function words, many of which start with a letter that may be a proclitic (הוא)
        "הוא", "היא", "הם", "הן", "אני", "אנחנו", "של", "את", "על", "עם", "אל", "מן", "לא", "כי", "מה", "כל",
        "גם", "אם", "או", "זה", "זאת", "אשר", "יש", "אין", "היה", "הייתה", "היו", "אבל", "רק", "עוד", "כמו",
        "אחרי", "לפני", "בין", "ליד", "שם", "כאן", "היום", "אתמול", "מחר", "השנה", "העיר", "הכפר",
    }
)

# Right before a one-word name: it is a common noun (der Regen, die Lage, the Mill), unless the
# name is a country or a region, which some languages write with an article (le Mali, die Schweiz).
ARTICLES = frozenset(
    {
        "the", "a", "an", "le", "la", "les", "un", "une", "du", "des", "der", "die", "das", "dem", "den", "ein",
        "eine", "einem", "einen", "einer", "eines", "kein", "keine", "zum", "zur", "vom", "beim", "im", "diese",
        "dieser", "dieses", "el", "los", "las", "il", "lo", "gli",
    }
)

# Plural division words closing a list of names (Sacramento, Yolo and Sonoma counties), each with
# its singular: each name of the list is that division.
PLURAL_DIVISION_WORDS = {
    "counties": "county", "provinces": "province", "states": "state", "regions": "region",
    "governorates": "governorate", "districts": "district", "oblasts": "oblast", "prefectures": "prefecture",
    "departments": "department", "municipalities": "municipality", "cantons": "canton", "raions": "raion",
}  # fmt: skip

# Between two names of a list (Aleppo, Homs and Hama): the names are of one kind.
LIST_SEPARATORS = frozenset(
    {
        ",", "and", "or", "und", "oder", "et", "ou", "y", "o", "و", "،", "/", "и", "или", "і", "та", "й", "ve", "û",
        # A Romance list repeats its preposition, *de* among them, which alone cues no place: *autour
        # de Tyr et de Nabatiyé*, *cerca de Quito y de Guayaquil*, *vicino a Roma e di Napoli*
        "et de", "et d'", "et d’", "et du", "ou de", "y de", "o de", "e de", "e do", "e da", "e di", "e del",
    }
)  # fmt: skip

# Nouns a prominent place is written as too: only a place cue before one (*في سيول*, in Seoul) or a list
# makes it the place (*تسببت سيول مفاجئة*: sudden floods; *قالت جدة سبعينية*: a grandmother in her seventies).
NOUNS_NAMED_AS_PLACES = frozenset({"سيول", "جدة", "الخمس"})  # and a fifth (*بنسبة الخمس*): Al Khums

# Right before a name: it names a place (in Aleppo, near al-Tanf, nach Damaskus, à Alep, في حلب, в
# Харькове, the city of, مدينة, سلطنة).
PLACE_PREPOSITIONS = frozenset(
    {
        "in", "near", "at", "from", "to", "into", "around", "outside", "towards", "toward", "across", "via", "off",
        "à", "au", "aux", "en", "près", "vers", "depuis", "dans",
        "nach", "bei", "aus", "nahe", "um", "richtung",
        "في", "من", "إلى", "الى", "قرب", "بالقرب", "مدينة", "ميناء", "محافظة", "بلدة", "قرية", "سلطنة", "مملكة",
        "جمهورية", "عاصمة", "city", "town", "village", "province", "port", "stadt", "ville", "نحو", "داخل", "شمال",
        "جنوب", "شرق", "غرب", "ريف",
        # A crossing, a camp, an area; at, towards, via; a city's or a governorate's word after a
        # proclitic (*لمدينة البوكمال*, *بمحافظة*): in Arabic, without capitals, a cue is all a name has
        "منفذ", "معبر", "مخيم", "منطقة", "عند", "باتجاه", "عبر", "حتى", "لمدينة", "بمدينة", "ومدينة",
        "لمحافظة", "بمحافظة", "ومحافظة", "لبلدة", "ببلدة", "وبلدة", "مدن", "بلدات", "قرى",
        "в", "во", "из", "под", "около", "возле", "близ", "у", "з", "із", "біля", "поблизу", "від", "до", "к",
    }
)

# Lower-case words that may stand inside a multi-word place name (Deir ez-Zor, Abu al-Duhur, Sant
# Cugat del Vallès, Frankfurt am Main, Stratford-upon-Avon).
NAME_CONNECTORS = frozenset(
    {
        "al", "el", "ad", "ar", "as", "at", "az", "an", "ash", "ez", "es", "ed", "er", "et", "en", "de", "del",
        "della", "di", "da", "do", "dos", "das", "du", "des", "la", "le", "los", "las", "von", "van", "der",
        "den", "am", "im", "upon", "on", "sur", "sous", "les", "y", "i", "bin", "ibn", "bani", "beni", "nad", "pod",
        "ob", "sul", "sulla",
    }
)
