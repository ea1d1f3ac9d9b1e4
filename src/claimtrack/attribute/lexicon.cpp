// The attribution vocabulary. Lists are deliberately plain so that a reviewer can see
// what counts as a reporting verb; they are general German/English newspaper usage and
// contain no article-specific words.

#include "claimtrack/attribute/lexicon.h"

namespace claimtrack::attribute {

namespace {
void Add(std::unordered_set<std::string>& set, std::initializer_list<const char*> words) {
  for (const char* w : words) set.insert(w);
}
bool EndsWith(const std::string& s, std::string_view suf) {
  return s.size() >= suf.size() && s.compare(s.size() - suf.size(), suf.size(), suf) == 0;
}
}  // namespace

Lexicon::Lexicon() {
  Add(verbs_de,
      {"sagte",           "sagt",          "sagten",        "gesagt",       "erklärte",
       "erklärt",         "erklärten",     "betonte",       "betont",       "betonten",
       "warnte",          "warnt",         "warnten",       "gewarnt",      "forderte",
       "fordert",         "forderten",     "gefordert",     "berichtete",   "berichtet",
       "berichteten",     "schätzte",      "schätzt",       "schätzten",    "bestätigte",
       "bestätigt",       "bestätigten",   "versicherte",   "versichert",   "versicherten",
       "meinte",          "meint",         "meinten",       "erläuterte",   "erläutert",
       "unterstrich",     "unterstreicht", "behauptete",    "behauptet",    "bekräftigte",
       "bekräftigt",      "bekräftigten",  "argumentierte", "argumentiert", "kritisierte",
       "kritisiert",      "mahnte",        "mahnt",         "ergänzte",     "ergänzt",
       "schrieb",         "schreibt",      "verkündete",    "verkündet",    "mitteilte",
       "mitteilten",      "mitgeteilt",    "ankündigte",    "angekündigt",  "hinzufügte",
       "versprach",       "verspricht",    "meldete",       "meldet",       "meldeten",
       "prognostizierte", "räumte",        "beklagte",      "beklagt",      "erinnerte",
       "sprach",          "spricht",       "zitierte",      "twitterte",    "erklärt",
       "angegeben",       "bekanntgab",    "feststellte",   "klarstellte",  "bezifferte",
       "beziffert",       "bezifferten",   "beteuerte",     "beteuert",     "insistierte",
       "schätzen",        "warnen",        "fordern",       "berichten",    "erklären",
       "betonen",         "sagen",         "meinen",        "kritisieren",  "bestätigen",
       "nannte",          "nennt",         "nannten",       "sprechen",     "sprachen"});
  Add(verbs_en, {"said",         "says",       "told",       "tells",     "announced", "announces",
                 "estimated",    "estimates",  "claimed",    "claims",    "warned",    "warns",
                 "added",        "adds",       "stated",     "explained", "insisted",  "noted",
                 "argued",       "wrote",      "confirmed",  "reported",  "stressed",  "predicted",
                 "acknowledged", "admitted",   "revealed",   "suggested", "tweeted",   "declared",
                 "asserted",     "emphasised", "emphasized", "pledged",   "promised",  "disclosed",
                 "testified",    "maintained", "estimate",   "say",       "insists",   "argues",
                 "notes",        "writes",     "posted",     "reminded",  "recalled",  "conceded",
                 "cautioned",    "boasted",    "replied",    "responded", "explains",  "warn",
                 "claim"});
  separable = {{"teilte", {"mit"}},
               {"teilt", {"mit"}},
               {"teilten", {"mit"}},
               {"kündigte", {"an"}},
               {"kündigt", {"an"}},
               {"kündigten", {"an"}},
               {"fügte", {"hinzu"}},
               {"fügt", {"hinzu"}},
               {"stellte", {"fest", "klar", "vor"}},
               {"stellt", {"fest", "klar", "vor"}},
               {"stellten", {"fest", "klar", "vor"}},
               // "geht davon aus" (ParticleLater asks for the "davon")
               {"geht", {"aus"}},
               {"gehen", {"aus"}},
               {"ging", {"aus"}},
               {"gingen", {"aus"}},
               {"hob", {"hervor"}},
               {"hebt", {"hervor"}},
               {"räumte", {"ein"}},
               {"räumt", {"ein"}},
               {"gab", {"an", "bekannt", "zu"}},
               {"gibt", {"an", "bekannt", "zu"}},
               {"gaben", {"an", "bekannt", "zu"}},
               {"wies", {"hin"}},
               {"weist", {"hin"}},
               {"machte", {"deutlich", "klar"}},
               {"macht", {"deutlich", "klar"}},
               {"rief", {"auf"}},
               {"ruft", {"auf"}}};
  verbs_de.erase("räumte");  // only with its particle ("räumte ... ein")
  Add(aux_de, {"hat", "hatte", "haben", "hatten", "habe", "hätte", "hätten"});
  Add(skip_before_en,
      {"has",   "have",       "had",      "also",       "previously", "earlier",    "later",
       "again", "repeatedly", "recently", "separately", "then",       "reportedly", "further",
       "once",  "publicly",   "has",      "privately",  "already",    "now"});
  Add(skip_after_de,
      {"sich", "auch", "zudem", "nun", "dann", "jedoch", "aber", "bereits", "später", "außerdem",
       "ebenfalls", "zuletzt", "nochmals", "erneut", "daher", "deshalb", "allerdings", "indes"});
  Add(determiners, {"der",     "die",  "das",    "des",     "dem",   "den",       "the",   "a",
                    "an",      "ein",  "eine",   "einer",   "eines", "einem",     "einen", "some",
                    "several", "many", "einige", "mehrere", "viele", "zahlreiche"});
  Add(possessive_det, {"sein",  "seine", "seiner", "seines", "seinem", "seinen", "ihr", "ihre",
                       "ihrer", "ihres", "ihrem",  "ihren",  "unser",  "unsere", "his", "her",
                       "their", "its",   "our",    "my",     "mein",   "meine"});
  Add(stop,
      {"der", "die", "das", "des", "dem", "den", "ein", "eine", "einer", "er", "sie", "es", "wir",
       "ich", "ihr", "man", "dies", "diese", "dieser", "dieses", "auch", "aber", "und", "oder",
       "doch", "denn", "so", "dann", "nun", "noch", "schon", "nach", "vor", "bei", "mit", "von",
       "zu", "im", "am", "um", "in", "auf", "für", "über", "unter", "gegen", "ohne", "seit", "bis",
       "wie", "wenn", "als", "ob", "dass", "weil", "während", "zwar", "jedoch", "gestern", "heute",
       "morgen", "zudem", "außerdem", "deshalb", "daher", "dabei", "damit", "dazu", "hier", "dort",
       "bisher", "inzwischen", "jetzt", "zugleich", "gleichzeitig", "allerdings", "immerhin",
       "trotzdem", "derzeit", "insgesamt", "zunächst", "schließlich", "erst", "bereits",
       "ebenfalls", "weiter", "weiterhin", "laut", "zufolge", "nur", "mehr", "rund", "etwa", "fast",
       "knapp", "man", "alle", "viele", "einige", "keine", "kein", "montag", "dienstag", "mittwoch",
       "donnerstag", "freitag", "samstag", "sonntag", "januar", "februar", "märz", "april", "juni",
       "juli", "august", "september", "oktober", "november", "dezember", "wochenende", "abend",
       "morgen", "vormittag", "nachmittag", "the", "a", "an", "this", "that", "these", "those",
       "he", "she", "it", "we", "they", "i", "you", "his", "her", "their", "its", "our", "but",
       "and", "or", "then", "now", "also", "yet", "still", "however", "meanwhile", "yesterday",
       "today", "tomorrow", "on", "at", "for", "from", "with", "by", "of", "to", "as", "if", "when",
       "while", "after", "before", "since", "until", "according", "speaking", "monday", "tuesday",
       "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march",
       "june", "july", "october", "november", "december", "there", "here", "what", "who", "which",
       "about", "some", "many", "more", "most", "only", "nearly", "almost", "around", "last",
       "next", "last", "mr", "mrs", "ms", "dr", "herr", "frau", "sir", "zwei", "drei", "vier",
       "fünf", "two", "three", "four", "five", "sein", "seine", "ihre", "unser", "mit", "bbc",
       "reuters", "afp", "dpa", "apa", "ap", "danach", "davor", "dafür", "darauf", "daraufhin",
       "zuvor", "anschließend", "seither", "damals", "indes", "dennoch", "ebenso", "vielmehr",
       "stattdessen", "dort", "demnach", "somit", "also", "zwar", "nämlich", "offenbar",
       "vermutlich", "angeblich", "tatsächlich", "unterdessen", "mittlerweile", "bislang",
       "künftig", "zuletzt", "erstmals", "wieder", "kürzlich", "jüngst", "gerade", "trotz", "wegen",
       "hinter", "neben", "zwischen", "man", "da", "offiziell", "inoffiziell", "zumindest", "wohl",
       "eigentlich", "konkret", "generell", "grundsätzlich", "ohnehin", "übrigens", "hingegen",
       "dagegen", "jedenfalls", "freilich", "womöglich", "möglicherweise", "vorerst", "nie",
       "stets", "immer", "oft", "häufig", "teilweise", "meist", "meistens", "keiner", "niemand",
       "hälfte", "both", "neither", "none", "nobody", "officially", "overall", "instead", "indeed",
       "together",
       // Adjectives that open "Early estimates put ...", "Latest figures show ...": a
       // capital at the start of a sentence, not a name. (Not "new", "independent":
       // "new Prime Minister Yulia Tymoshenko said".)
       "early", "initial", "preliminary", "latest", "provisional", "vorläufige", "vorläufigen",
       "neueste", "neuesten"});
  Add(unnamed, {"experten",
                "expertinnen",
                "angaben",
                "schätzungen",
                "schätzung",
                "berichten",
                "berichte",
                "bericht",
                "medienberichten",
                "informationen",
                "beobachtern",
                "beobachter",
                "analysten",
                "kreisen",
                "insidern",
                "quellen",
                "diplomaten",
                "daten",
                "zahlen",
                "studie",
                "umfrage",
                "statistik",
                "prognose",
                "prognosen",
                "forschern",
                "forscher",
                "wissenschaftlern",
                "medien",
                "regierungskreisen",
                "sicherheitskreisen",
                "militärkreisen",
                "beamte",
                "beamten",
                "behörden",
                "behördenangaben",
                "polizeiangaben",
                "augenzeugen",
                "officials",
                "official",
                "experts",
                "analysts",
                "sources",
                "source",
                "reports",
                "report",
                "estimates",
                "estimate",
                "figures",
                "data",
                "observers",
                "diplomats",
                "insiders",
                "researchers",
                "scientists",
                "study",
                "survey",
                "polls",
                "poll",
                "media",
                "authorities",
                "witnesses",
                "people",
                "critics",
                "kritiker",
                "befürworter",
                "eigenen",
                "offiziellen",
                "inoffiziellen",
                "ersten",
                "vorläufigen",
                "unbestätigten",
                "aktuellen",
                "neuesten",
                "jüngsten"});
  Add(konjunktiv, {"sei",    "seien",  "habe",   "hätten", "hätte", "werde",   "könne",
                   "müsse",  "solle",  "wolle",  "dürfe",  "gebe",  "liege",   "lägen",
                   "stehe",  "bleibe", "gehe",   "komme",  "wisse", "wären",   "wäre",
                   "würden", "würde",  "seiest", "mögen",  "möge",  "brauche", "zähle"});
  Add(boundary_words,
      {"wie",    "als",   "so",      "dass",     "daß",     "that",   "while",   "as",  "but",
       "aber",   "doch",  "denn",    "weil",     "nachdem", "where",  "because", "and", "während",
       "obwohl", "wobei", "whereas", "although", "after",   "before", "when"});
  Add(honorific_m, {"mr", "herr", "sir"});
  Add(honorific_f, {"mrs", "ms", "frau", "miss"});
  Add(particles,
      {"von", "van", "de", "da", "del", "al", "bin", "ter", "zu", "le", "la", "di", "der", "den"});
  Add(role_modifiers_en, {"foreign",  "defence", "defense",  "prime",  "deputy",  "vice", "press",
                          "interior", "finance", "economy",  "health", "former",  "new",  "top",
                          "senior",   "chief",   "military", "state",  "general", "white"});
  Add(spokes, {"spokesman", "spokeswoman", "spokesperson", "spokespeople", "spokesmen", "office",
               "sprecher", "sprecherin", "pressesprecher", "pressesprecherin", "sprecherinnen",
               "press", "secretary"});
  Add(org_heads_en, {"ministry",
                     "government",
                     "department",
                     "army",
                     "military",
                     "office",
                     "police",
                     "council",
                     "commission",
                     "agency",
                     "administration",
                     "parliament",
                     "embassy",
                     "command",
                     "forces",
                     "staff",
                     "service",
                     "institute",
                     "bank",
                     "research",
                     "reserve",
                     "reporter",
                     "times",
                     "journal",
                     "post",
                     "association",
                     "federation",
                     "union",
                     "group",
                     "party",
                     "corporation",
                     "corp",
                     "company",
                     "statistics",
                     "board",
                     "authority",
                     "organisation",
                     "organization",
                     "fund",
                     "court",
                     "committee",
                     "bureau",
                     "foundation",
                     "trust",
                     "society",
                     "airlines",
                     "airways",
                     "motors",
                     "news",
                     "telegraph",
                     "guardian",
                     "agency",
                     "institution",
                     "university",
                     "commission",
                     "consortium",
                     "inc",
                     "ltd",
                     "plc",
                     "ag",
                     "gmbh"});
  org_suffixes_de = {"ministerium", "ministeriums", "regierung", "amt",        "amts",
                     "amtes",       "behörde",      "armee",     "polizei",    "militär",
                     "militärs",    "agentur",      "institut",  "instituts",  "kommission",
                     "rat",         "rats",         "partei",    "bank",       "kanzleramt",
                     "generalstab", "generalstabs", "botschaft", "verwaltung", "staatsanwaltschaft",
                     "zentrale",    "dienst",       "dienstes"};
  // Listed after the generic suffixes above: more bodies by their last word.
  for (const char* suf :
       {"verband", "verbands", "verbandes", "institutes", "behörden", "kammer", "gericht",
        "gerichts", "gerichtshof", "rechnungshof", "werk", "werks", "werkes", "stelle", "wache",
        "gewerkschaft", "kasse", "konzern", "konzerns", "fonds", "büro", "statistik", "stiftung",
        "versicherung", "gesellschaft", "vereinigung", "organisation", "verein", "vereins",
        "zentrum", "zentrums", "ministerien", "ämter",
        // papers and boards, not sources by their "-ung"/"-ion": "Netzzeitung",
        // "Gefängnisdirektion"
        "zeitung", "zeitschrift", "direktion"}) {
    org_suffixes_de.push_back(suf);
  }
  Add(org_nouns, {"bahn",
                  "post",
                  "polizei",
                  "feuerwehr",
                  "konzern",
                  "unternehmen",
                  "firma",
                  "gewerkschaft",
                  "regierung",
                  "bundesregierung",
                  "kommission",
                  "bank",
                  "notenbank",
                  "zentralbank",
                  "institut",
                  "behörde",
                  "ministerium",
                  "amt",
                  "statistikamt",
                  "verband",
                  "kammer",
                  "gericht",
                  "partei",
                  "armee",
                  "airline",
                  "fluglinie",
                  "fluggesellschaft",
                  "gruppe",
                  "versicherer",
                  "hersteller",
                  "opposition",
                  "koalition",
                  "stadt",
                  "gemeinde",
                  "land",
                  "bund",
                  "küstenwache",
                  "rettung",
                  "uno",
                  "nato",
                  "eu",
                  "ezb",
                  "police",
                  "government",
                  "ministry",
                  "company",
                  "firm",
                  "tories",
                  "labour",
                  "democrats",
                  "republicans",
                  "conservatives",
                  "council",
                  "army",
                  "navy",
                  "commission",
                  "treasury",
                  "parliament",
                  "congress",
                  "senate",
                  "bundestag",
                  "nationalrat",
                  "landtag",
                  "pentagon",
                  "kreml",
                  "kremlin"});
  source_heads = {"angaben",    "schätzungen",  "schätzung",  "berichten",    "berichte",
                  "bericht",    "umfrage",      "umfragen",   "studie",       "studien",
                  "prognose",   "prognosen",    "berechnung", "berechnungen", "erhebung",
                  "erhebungen", "untersuchung", "analyse",    "analysen",     "gutachten",
                  "expertise",  "hochrechnung", "auswertung", "experten",     "expertinnen",
                  "analysten",  "forscher",     "forschern",  "ermittler",    "ermittlern",
                  "ökonomen",   "kritiker",     "beobachter", "beobachtern",  "statistiken",
                  "zählung",    "befragung",    "messungen",  "daten"};
  noun_suffixes_de = {"ung",  "ungen",  "heit",  "heiten", "keit",  "keiten", "schaft",
                      "tion", "tionen", "ismus", "nis",    "nisse", "tät"};
  Add(unnamed, {"umfragen",      "studien",
                "prosecutors",   "investigators",
                "economists",    "campaigners",
                "doctors",       "residents",
                "lawyers",       "regulators",
                "officers",      "activists",
                "organisers",    "organizers",
                "rescuers",      "traders",
                "dealers",       "bankers",
                "executives",    "shareholders",
                "statistics",    "ministers",
                "mps",           "ermittler",
                "ermittlern",    "ökonomen",
                "helfer",        "aktivisten",
                "fachleute",     "gutachten",
                "erhebung",      "untersuchung",
                "berechnungen",  "berechnung",
                "hochrechnung",  "auswertung",
                "firmenangaben", "unternehmensangaben"});
  Add(descriptions, {"company",
                     "firm",
                     "group",
                     "bank",
                     "lender",
                     "insurer",
                     "retailer",
                     "airline",
                     "carrier",
                     "carmaker",
                     "maker",
                     "manufacturer",
                     "operator",
                     "club",
                     "ministry",
                     "government",
                     "department",
                     "agency",
                     "regulator",
                     "watchdog",
                     "authority",
                     "organisation",
                     "organization",
                     "union",
                     "party",
                     "council",
                     "broadcaster",
                     "network",
                     "konzern",
                     "unternehmen",
                     "firma",
                     "gruppe",
                     "hersteller",
                     "versicherer",
                     "airline",
                     "fluglinie",
                     "fluggesellschaft",
                     "händler",
                     "kette",
                     "verband",
                     "institut",
                     "bank",
                     "ministerium",
                     "regierung",
                     "behörde",
                     "autobauer",
                     "autokonzern",
                     "energiekonzern",
                     "ölkonzern",
                     "sender",
                     "gewerkschaft",
                     "partei",
                     "verein",
                     "klub",
                     "club"});
  Add(places,
      {"moskau",      "kiew",     "kyjiw",      "kyiv",    "kiev",     "moscow", "washington",
       "peking",      "beijing",  "berlin",     "brüssel", "brussels", "london", "paris",
       "wien",        "vienna",   "russland",   "russia",  "ukraine",  "china",  "usa",
       "deutschland", "germany",  "frankreich", "france",  "polen",    "poland", "österreich",
       "austria",     "israel",   "iran",       "teheran", "tehran",   "ankara", "türkei",
       "turkey",      "warschau", "warsaw",     "nato",    "eu",       "uno",    "un",
       "kreml",       "kremlin"});
  role_stems_de = {"generalsekretär", "ministerpräsident", "premierminister", "präsident",
                   "kanzler",         "minister",          "sprecher",        "chef",
                   "premier",         "bürgermeister",     "botschafter",     "vorsitzende",
                   "kommissar",       "berater",           "beauftragte",     "befehlshaber",
                   "kommandeur",      "sekretär",          "gouverneur",      "regierungssprecher",
                   "landesrat",       "stadtrat",          "direktor",        "geschäftsführer"};
  // Every inflected form of the German role stems, longest stems first (list order).
  for (const auto& stem : role_stems_de) {
    for (std::string_view suf : {"innen", "in", "en", "es", "n", "s", "r", ""}) {
      bool fem = suf == "in" || suf == "innen";
      std::string canonical = stem == "regierungssprecher" ? "sprecher" : stem;
      role_forms_.push_back(RoleForm{stem + std::string(suf), canonical, fem});
    }
  }
  Add(role_heads_en, {"president",
                      "chancellor",
                      "minister",
                      "spokesman",
                      "spokeswoman",
                      "spokesperson",
                      "chief",
                      "premier",
                      "secretary",
                      "leader",
                      "ambassador",
                      "commander",
                      "adviser",
                      "advisor",
                      "envoy",
                      "governor",
                      "mayor",
                      "head",
                      "director",
                      "chairman",
                      "chairwoman",
                      "chair",
                      "secretary-general",
                      "vice-president",
                      "commissioner"});
  Add(pronouns_m, {"er", "ihm", "he", "him"});
  Add(pronouns_f, {"sie", "she", "her", "ihr"});
  Add(pronouns_body, {"it"});
  Add(colon_pronouns, {"er", "sie", "he", "she", "they", "ihm", "ihr"});
  Add(backshift_en, {"would", "could", "might"});
  Add(new_clause,
      {"while", "whereas", "während", "wohingegen", "and", "und", "but", "aber", "sowie"});
  Add(coordinators, {"and", "but", "aber", "doch"});
  Add(so_followers, {"am", "im", "an", "in", "auf", "bei", "gegenüber", "vor", "nach", "zu", "zum",
                     "zur", "on", "at", "weiter", "zuletzt"});
  Add(agencies, {"reuters", "dpa", "afp", "apa", "ap", "bbc"});
  Add(postmodifier_openers,
      {"des", "der", "von", "vom", "aus", "im", "in", "für", "bei", "am", "ohne"});
  Add(finite_de, {"ist", "sind", "war", "waren", "wird", "werden", "wurde", "wurden", "worden"});
  Add(object_det_de, {"den", "dem", "einen", "einem"});
  Add(genitive_det_de, {"des", "der", "eines", "einer"});
  Add(definite, {"the", "der", "die", "das", "des", "dem", "den"});
  Add(indefinite, {"ein", "eine", "einer", "einem", "einen", "eines", "a", "an"});
  Add(joining_particles, {"von", "van", "de", "al", "bin", "da", "ter", "di", "del"});
  description_heads_de = {"konzern",     "konzerns",    "hersteller",
                          "herstellers", "unternehmen", "unternehmens"};
  Add(body_modifiers_en,
      {"defence", "defense", "foreign", "interior", "health", "finance", "emergencies", "armed"});
  Add(in_phrase_de, {"in", "im", "bei", "beim"});
  Add(secretary_of, {"state", "defense", "defence", "war"});
  nach_heads_de = {"angaben",      "worten",        "informationen", "aussage",       "aussagen",
                   "darstellung",  "stellungnahme", "mitteilung",    "erkenntnissen", "erkenntnis",
                   "ermittlungen", "ergebnis",      "ergebnissen",   "endergebnis",   "auskunft",
                   "meldung",      "meldungen",     "einschätzung",  "ansicht",       "auffassung",
                   "schilderung"};
  Add(summary_nouns_de,
      {"zahlen", "ergebnisse", "angaben", "daten", "informationen", "details", "zahl", "ergebnis"});
  Add(gehen_forms, {"geht", "gehen", "ging", "gingen"});
  Add(name_glue, {"für", "of", "for", "and", "und", "the", "der", "des", "die", "von", "de", "du",
                  "la", "del", "zur", "zum"});
  other_by_particle = {{"meldete", {"an", "ab"}},
                       {"meldet", {"an", "ab"}},
                       {"meldeten", {"an", "ab"}},
                       {"melden", {"an", "ab"}}};
}

bool Lexicon::IsOrgWord(const std::string& low) const {
  if (org_nouns.count(low)) return true;
  for (std::string_view end : {"s", "es", "n", "en"}) {
    if (low.size() > end.size() + 2 && EndsWith(low, end) &&
        org_nouns.count(low.substr(0, low.size() - end.size())))
      return true;
  }
  for (const auto& suf : org_suffixes_de) {
    // A suffix alone ("amt", "rat") must be part of a longer compound.
    if (low.size() > suf.size() + (suf.size() <= 4 ? 3 : 0) && EndsWith(low, suf)) return true;
    if (low == suf && suf.size() > 4) return true;
  }
  return false;
}

bool Lexicon::IsSourceWord(const std::string& low, bool german_noun) const {
  if (unnamed.count(low)) return true;
  for (const auto& head : source_heads) {
    if (!EndsWith(low, head)) continue;
    if (low.size() == head.size()) return true;
    // A compound: "dna-schätzungen", "firmenangaben"; "kandidaten" is no "daten".
    char before = low[low.size() - head.size() - 1];
    if (before == '-' || (head.size() >= 6 && low.size() >= head.size() + 3)) return true;
  }
  if (german_noun) {
    for (const auto& suf : noun_suffixes_de) {
      if (low.size() >= suf.size() + 5 && EndsWith(low, suf)) return true;
    }
  }
  return false;
}

std::string Lexicon::RoleStem(const std::string& low, bool* female) const {
  *female = false;
  if (role_heads_en.count(low)) {
    *female = low == "spokeswoman" || low == "chairwoman";
    if (low == "spokeswoman" || low == "spokesman" || low == "spokesperson") return "spokes";
    if (low == "secretary-general") return "secretary general";
    if (low == "vice-president") return "president";
    return low;
  }
  for (const auto& f : role_forms_) {
    if (EndsWith(low, f.form)) {
      *female = f.female;
      return f.stem;
    }
  }
  return "";
}

}  // namespace claimtrack::attribute
