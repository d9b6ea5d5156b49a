"""Health information in feedback: diagnoses, symptoms, medications, treatments, test
results, pregnancy, disabilities, mental health and substance use.

Finnish words are matched by their lemma: every inflected form of every term, taken from
simplemma's dictionaries when the lists were built (``data/build_lexicon.py``), maps back
to its term, so "diabeetikkona", "masennuslääkkeitä" (a compound whose last part is
"lääke"), "anafylaksiariski" (one whose first part is a term), "allergiastaan" (with a
possessive suffix) and "verikokeiden" are found. Words in their other senses ("nurmikon
leikkaus" is mowing, "kuumeinen kiire" is hurry) are listed as exclusions, and general
words ("lääke", "pyörätuoli", "tauti") count only with a person near. Swedish and English
terms are matched by the start of the word (``data/health-phrases.txt``) and Swedish and
English compounds by their last part ("ryggvärken", "lungsjukdomen", "tendinitis");
medicines also by the stems of their international names ("-pratsoli", "-statin",
"-sartan"). A verb of injury or a symptom counts beside a body part, also one with a
possessive suffix ("jalkaani sattuu", "polveni pettää", "she tore a ligament").

The terms are organised by ICD-10 chapter and kind (diagnoses, symptoms, medicines,
treatments, tests, aids, pregnancy, mental health and substance use) rather than by the
misses of a labelled set, so that wording no set has shown is found too.

What a person says in their own words is matched by constructions rather than terms:
what they can or cannot do ("ei pysty enää pukeutumaan", "kan inte gå", "can barely
read"), symptoms beside a body part ("olkapää on jäykkä"), sleep, weight, drinking, falls
at home, mood, test results and what a diagnosis verb names ("nukun huonosti", "paino
laskee", "mina värden", "äidillä todettiin X"). They are tried only where their first word
stands, and not when a group or a thing is the subject ("moni ei jaksa kävellä",
"sovellus kaatui kahdesti").
"""

from __future__ import annotations

import re
from functools import cache

from . import lexicon

WORD_RE = re.compile(r"[^\W\d_]+(?:[-:][^\W\d_]+)*")


@cache
def _phrases() -> re.Pattern:
    phrases = lexicon.health_phrases()
    return re.compile(
        r"(?<![^\W\d_])(?:(?:"
        + lexicon.trie_pattern(list(phrases.prefixes))
        + r")[^\W\d_]*|(?:"
        + lexicon.trie_pattern(list(phrases.whole))
        + r")(?![^\W\d_]))"
    )


@cache
def _phrase_starts() -> frozenset[str]:
    """The first three letters of the phrases: a text with no word starting so has none
    of them."""
    phrases = lexicon.health_phrases()
    return frozenset(term[:3] for term in (*phrases.prefixes, *phrases.whole))


def find(text: str) -> list[tuple[int, int, float]]:
    """(start, end, confidence) of the health terms in the text; terms side by side
    ("diagnosoitu masennus") are one finding."""
    finnish = lexicon.health_fi()
    lowered = text.lower()
    if len(lowered) != len(text):  # a rare letter whose lower case is longer
        lowered = "".join(char.lower()[0] for char in text)
    words = WORD_RE.findall(lowered)
    tokens = set(words)
    hits = {t for t in tokens if t in finnish.words or t in finnish.excluded}
    hits.update(t for t in tokens if "-" in t and any(p in finnish.words for p in t.split("-")))
    hits.update(_compounds(t, finnish) for t in tokens if len(t) > 6 and t not in finnish.words)
    hits.discard("")
    found: list[tuple[int, int, float]] = []
    if hits - finnish.excluded:
        previous = ""
        for match in WORD_RE.finditer(lowered):
            word = match.group()
            before, previous = previous, word
            if word not in hits or word in finnish.excluded:
                continue
            if before in finnish.not_after.get(word, ()):
                continue
            if word in finnish.general and not _about_a_person(text, match.start(), match.end()):
                continue
            confidence = 0.9 if word in finnish.words else 0.8
            found.append((match.start(), match.end(), confidence))
    if tokens & finnish.verbs:
        found += _injuries(lowered, words, finnish)
    beginnings = {t[:3] for t in tokens}
    starts = tokens & CONSTRUCTION_STARTS
    if not beginnings.isdisjoint(CONSTRUCTION_PREFIX_STARTS):
        starts.update(t for t in tokens if t.startswith(CONSTRUCTION_PREFIXES))
    if starts:
        found += _constructions(lowered, starts)
    if tokens & ACRONYM_WORDS:
        found += [(m.start(), m.end(), 0.85) for m in ACRONYMS.finditer(text)]
    found += _drugs(lowered, tokens)
    if beginnings & _phrase_starts():
        phrases = lexicon.health_phrases()
        for match in _phrases().finditer(lowered):
            if match.group() in phrases.excluded:
                continue
            if match.group().startswith(phrases.general) and not _about_a_person(
                text, match.start(), match.end()
            ):
                continue
            found.append((match.start(), match.end(), 0.85))
    return _merge(text, found)


# Words that put a person in a sentence: pronouns, family words and verbs in the first
# person, in the three languages.
_PERSON_WORDS = """minä mä mää minulla mulla minulle mulle minun mun minut minua me meillä
    meidän meitä meidät hän hänellä hänelle hänen hänet häntä hänestä se sillä äiti äidillä
    äidin äidille isä isällä isän isälle mies miehellä vaimo vaimolla poika pojalla pojan
    tytär tyttärellä tyttären lapsi lapsella lapsen vauva vauvalla mummo mummolla mummon
    vaari pappa ukki isoäiti isoisä asiakas asiakkaalla asiakkaan potilas potilaalla
    potilaan naapuri naapurilla ystävä ystävällä veli siskolla sisko olen olin en enkä
    käytän käyn kävin sain saan hain haen tarvitsen otan pääsin jouduin odotan odotin
    jag mig min mitt mina vi oss vår han hon hans hennes honom henne mamma pappa son
    dotter barn mormor farmor morfar farfar fru sambo
    i i'm i've my me we our he she his her him mother father mum mom dad son daughter
    wife husband child baby grandmother grandfather patient friend"""
PERSON_WORDS = frozenset(_PERSON_WORDS.split())
# A possessive suffix ("lääkkeensä", "ystäväni") or a capitalised word inside a sentence,
# as a name is ("Lumin lääke"), also puts a person there.
POSSESSIVE_RE = re.compile(r"[^\W\d_]{3,}(?:ni|nsa|nsä|mme|nne)\b")
NAME_INSIDE_RE = re.compile(r"(?:(?<=[^\W\d_] )|(?<=[^\W\d_], ))[A-ZÅÄÖ][a-zåäö]+")
SENTENCE_RE = re.compile(r"[.!?\n]")


def _about_a_person(text: str, start: int, end: int) -> bool:
    """Whether a person stands in the sentence of text[start:end] or the one before it,
    for the general words ("lääke", "pyörätuoli") that are health information only then."""
    ends = [m.end() for m in SENTENCE_RE.finditer(text, max(0, start - 400), start)]
    begin = ends[-2] if len(ends) > 1 else (max(0, start - 400) if ends else 0)
    stop = SENTENCE_RE.search(text, end)
    context = text[begin : stop.start() if stop else len(text)]
    lowered = context.lower()
    return bool(
        PERSON_WORDS.intersection(WORD_RE.findall(lowered))
        or POSSESSIVE_RE.search(lowered)
        or NAME_INSIDE_RE.search(context)
    )


def _alternatives(words: str) -> str:
    return "(?:" + "|".join(sorted(words.split(), key=len, reverse=True)) + ")"


# What a person can or cannot do: a negation, a verb of ability and an activity of daily
# living ("ei pysty enää pukeutumaan", "en jaksa kävellä", "kan inte längre gå", "can
# barely read"). The activities are the ones a disability or an illness takes away, so
# "en pysty ymmärtämään päätöstä" is no finding. Up to two words may stand between the
# parts ("ei hän pysty enää kunnolla kävelemään").
_FI_NEGATION = _alternatives("ei en et eikä enkä etkä ettei etten")
_FI_ABILITY = _alternatives(
    "pysty pystynyt pystyneet kykene kyennyt kyenneet jaksa jaksanut jaksaneet osaa osannut"
)
_FI_BODY = _alternatives(
    "kävelemään kävellä liikkumaan liikkua syömään syödä juomaan juoda "
    "pukeutumaan pukeutua pukemaan peseytymään peseytyä pesemään seisomaan seistä istumaan "
    "istua nousemaan nousta nostamaan nostaa hengittämään hengittää nielemään niellä "
    "kumartumaan kääntymään kiipeämään käymään käydä ulkoilemaan ulkoilla "
    "työskentelemään työskennellä laittamaan kantamaan kantaa"
)
# Reading, hearing, seeing and speaking count without an object ("ei pysty lukemaan
# enää", "can barely hear on the phone"), not with one ("en pysty lukemaan liitettä",
# "cannot read the attachment").
_ALONE = (
    r"(?=\s*(?:[.,;:!?)]|$)|\s+(?:enää|vielä|itse|lainkaan|ollenkaan|kunnolla|mitään|kuin|"
    r"ilman|yksin|hyvin|juuri|puhelimessa|anymore|any\s+more|at\s+all|properly|well|"
    r"without|anything|on\s+the\s+phone|längre|själv|alls|ordentligt|utan|något|i\s+telefon)\b)"
)
_FI_SENSE = _alternatives(
    "lukemaan lukea kirjoittamaan kirjoittaa puhumaan puhua kuulemaan kuulla näkemään "
    "nähdä muistamaan muistaa"
)
_FI_ACTIVITY = rf"(?:{_FI_BODY}|{_FI_SENSE}{_ALONE})"
# A verb of daily living, negated or said to come back: "ei enää puhu", "ei kuule
# mitään", "kuulee taas", "kävelee jo".
_FI_SENSES = _alternatives("puhu kuule näe kävele muista tunnista syö pidätä liiku nouse")
_FI_SENSES_AGAIN = _alternatives(
    "kuulee kuulen näkee näen puhuu puhun kävelee kävelen syö syön liikkuu liikun"
)
_SV_ACTIVITY = (
    _alternatives("äta resa lyfta klä tvätta duscha andas svälja")[:-1]
    + "|"
    + _alternatives("tala prata höra läsa skriva")
    + _ALONE
    + ")"
)
_EN_ACTIVITY = (
    _alternatives("eat dress wash shower stand breathe swallow climb lift")[:-1]
    + "|"
    + _alternatives("read hear speak talk remember")
    + _ALONE
    + ")"
)
# "Can't walk there", "kan inte gå till skolan": a way that is closed, not a person who
# cannot walk.
_NOT_A_WAY = (
    r"(?!\s+(?:there|on|across|through|along|over|past|to|into|till|på|över|genom|längs|dit|"
    r"där|in\s+the)\b)"
)
_W = r"[^\W\d_]+"
# Drinks that make drinking a habit: "juo viinaa päivittäin", "dricker sprit varje dag".
_ALCOHOL = (
    r"(?:alkoholia|viinaa|olutta|kaljaa|kossua|alkohol|sprit|öl|vin|alcohol|beer|wine|"
    r"vodka|liquor)"
)
_WORDS = r"(?:[^\W\d_]+\s+){0,2}?"
CONSTRUCTIONS = re.compile(
    rf"(?<![^\W\d_])(?:"
    rf"(?<!(?:ll[aä]|ss[aä])\s){_FI_NEGATION}\s+{_WORDS}{_FI_ABILITY}\s+{_WORDS}{_FI_ACTIVITY}"
    rf"|(?<!kukaan\s){_FI_NEGATION}\s+(?:enää\s+|vielä\s+|kunnolla\s+|juuri\s+)?{_FI_SENSES}"
    rf"(?=\s+(?:enää|vielä|kunnolla|mitään|juuri|kuin|ilman|yksin|itse|öisin|minua|meitä|häntä|"
    rf"omaisiaan|lapsiaan|läheisiään)\b)"
    rf"|{_FI_SENSES_AGAIN}\s+(?:taas|jo|uudelleen|jälleen|nyt\s+taas)\s+"
    rf"(?:{_FI_ACTIVITY}|ilman|päivittäin|kunnolla|radiota|itse)"
    rf"|(?<!man\s)kan\s+(?:[^\W\d_]+\s+)?(?:inte|knappt|knappast|ej)\s+"
    rf"(?:längre\s+|alls\s+|själv\s+|heller\s+)?(?:{_SV_ACTIVITY}|gå{_NOT_A_WAY})"
    rf"|orkar\s+(?:inte|knappt)\s+(?:längre\s+)?(?:{_SV_ACTIVITY}|gå)"
    rf"|klarar\s+(?:{_W}\s+)?(?:inte|knappt|ej)\s+(?:längre\s+)?(?:av\s+)?(?:att\s+)?"
    rf"(?:{_SV_ACTIVITY}|gå|laga\s+mat|sköta\s+sig|ta\s+sig|resa\s+sig|komma\s+upp)"
    rf"|svårt\s+att\s+(?:{_SV_ACTIVITY}|gå|resa\s+sig|komma\s+(?:upp|ur)|röra\s+sig|minnas)"
    rf"|(?:hjälp|apua|help)\s+(?:med\s+att\s+|med\s+|with\s+|to\s+)?"
    rf"(?:duscha|dusch|påklädning|klä\s+på\s+sig|tvätta\s+sig|toalettbesök|"
    rf"(?:him|her|me|them)\s+(?:to\s+)?(?:shower|wash|bathe|dress|get\s+dressed|eat|"
    rf"use\s+the\s+toilet|get\s+out\s+of\s+bed)|"
    rf"peseytymi{_W}|pukeutumi{_W}|syömi{_W}|wc-käyn{_W}|suihku{_W}|"
    rf"getting\s+dressed|showering|bathing|the\s+toilet|toileting)"
    rf"|(?<!you\s)(?:can't|cannot|can\s+not|can\s+no\s+longer|can\s+barely|can\s+hardly"
    rf"|could\s+barely|could\s+hardly|unable\s+to|no\s+longer\s+able\s+to"
    rf"|struggles?\s+to|struggling\s+to|finds?\s+it\s+hard\s+to|finding\s+it\s+hard\s+to"
    rf"|barely)\s+(?:{_EN_ACTIVITY}|walk{_NOT_A_WAY}|get\s+up|get\s+out\s+of\s+bed"
    rf"|manage\s+(?:the\s+)?stairs)"
    rf"|(?:barely|hardly)\s+(?:see|sleep|move)"
    rf")(?![^\W\d_])"
)

# What the writer says of sleep, weight, drinking, falls, mood, speech, test results and
# operations in their own words: "nukun huonosti", "paino laskee", "juovansa päivittäin",
# "kaatui kotonaan", "mina värden", "minut leikattiin", "she has lost 6 kg". A fall
# counts at home or again and again; on ice it is an accident the feedback is about.
# A verb of diagnosis, and the words after it that name what was found, whatever the
# words are: "hänellä todettiin X", "sairastaa X", "diagnosed with X", "fick diagnosen
# X". "Todettiin" counts after a person ("äidillä todettiin"), not after an inspection.
# What an inspection finds: "katselmuksella todettiin puutteita".
_NOT_A_DIAGNOSIS = r"(?!\s+(?:puut|vik|ongelm|tarve|tarpe|korjau|home|kosteu|vauri|halkea|rikko))"
_DIAGNOSED = (
    rf"(?:(?:(?<=ll[aäe]\s)|(?<=ll[aäe]\son\s))todet(?:tiin|tu){_NOT_A_DIAGNOSIS}"
    r"|sairastaa|sairastan|sairastavat|sairastanut|sairasti|sairastin|sairastavan"
    r"|diagnosoitiin|diagnosoitu|diagnosed\s+with|(?:fick|har)\s+diagnosen"
    r"|diagnostiserad(?:es)?\s+med)"
)
_STOP = r"(?:ja|and|och|että|ettei|att|that|jo|myös|also|också|but|mutta|men)\b"
STATES = re.compile(
    rf"(?<![^\W\d_])(?:"
    rf"(?:nukun|nukkuu|nukkunut|nukkuneet|nukkuvat|nukumme|sover|sov|sleeps?|slept|sleeping)"
    rf"\s+(?:{_W}\s+)?(?:huonosti|dåligt|badly|poorly)"
    rf"|valvo{_W}\s+(?:öisin|yöt|öitä)|(?:min|hans|hennes)\s+(?:egen\s+)?sömn\s+(?:är|var)\s+(?:{_W}\s+)?dålig"
    rf"|paino[^\W\d_]*\s+(?:on\s+|ei\s+)?(?:laskee|laskenut|nousee|noussut|putoaa|pudonnut|nouse)"
    rf"|(?:lost|gained|put\s+on)\s+(?:\d+|a\s+lot\s+of)\s*(?:kg|kilos?|weight)"
    rf"|(?:gått|gick)\s+(?:ner|upp)\s+(?:{_W}\s+)?(?:\d+\s+)?(?:kilo|i\s+vikt)"
    rf"|(?:laihtunut|lihonut|laihtui|lihoi)\s+\d+\s+kilo[^\W\d_]*"
    rf"|(?:juo|juon|juovansa|juonut|juoneet|juomaan)\s+(?:{_ALCOHOL}\s+)?"
    rf"(?:(?:(?:jo|taas|nykyään|lähes|melkein|ihan)\s+)?"
    rf"(?:päivittäin|joka\s+päivä|koko\s+ikänsä|liikaa)|{_ALCOHOL}"
    rf"|(?:{_W}\s+){{0,2}}?(?:putkeen|putkessa))"
    rf"|alkoholin\s+kanssa\s+(?:ongelm|vaike){_W}"
    rf"|(?:dricker|drack|druckit|drinking|drinks|drank)\s+(?:{_ALCOHOL}\s+)?"
    rf"(?:för\s+mycket|varje\s+dag|dagligen|heavily|too\s+much|every\s+day|a\s+lot(?!\s+of))"
    rf"|känner\s+(?:inte|ej)\s+(?:längre\s+)?igen"
    rf"|(?:röker|röka|smokes?|smoking|polttaa|poltan)\s+(?:{_W}\s+)?(?:cannabis|hasch|marijuana|weed|kannabista|pilveä)"
    rf"|(?:kaatui|kaatunut|kaatuneet|kaatuillut|kaaduin|kaatuu|föll|fallit|fell|falls)\s+(?:{_W}\s+)?"
    rf"(?:kotona[^\W\d_]*|kotonaan|keittiössä|kylpyhuoneessa|lattialle|sängystä|suihkussa|"
    rf"kahdesti|kolmesti|useasti|toistuvasti|usein|hemma|i\s+badrummet|ur\s+sängen|"
    rf"(?:två|tre|flera)\s+gånger|twice|at\s+home|out\s+of\s+bed|several\s+times|repeatedly|"
    rf"(?:kaksi|kolme|neljä|monta|useita|useamman)\s+kerta[^\W\d_]*)"
    rf"|kaatuneena"
    rf"|(?:omat\s+)?(?:tulokseni|tuloksensa|arvoni|arvonsa|labratulokseni)"
    rf"|(?:mina|hans|hennes)\s+(?:värden|provsvar|provresultat|blodvärden)"
    rf"|(?:my|his|her)\s+(?:test\s+)?(?:results|levels|values|blood\s+sugar|sugar|iron)"
    rf"|(?:arvot|sokerit|verensokerit)\s+(?:ovat|olivat|on|ovat\s+nyt)\s+(?:{_W}\s+)?(?:normaalit|hyvät|huonot|koholla|korkeat|matalat|heitelleet)"
    rf"|(?:result|test)\s+came\s+back\s+(?:positive|negative)"
    rf"|mieliala[^\W\d_]*\s+(?:on\s+|oli\s+|ollut\s+)?(?:{_W}\s+)?(?:matala|huono|alhainen|maassa)"
    rf"|(?:muisti|muistin|näkö|näön|kuulo|kuulon)\s+(?:on\s+|oli\s+)?(?:{_W}\s+)?"
    rf"(?:heikentynyt|heikkenee|heikentyi|heikkenemi{_W}|huonontunut|pettää|pettänyt)"
    rf"|(?:kuulee|kuulen|näkee|näen|kävelee|kävelen|muistaa|muistan)\s+(?:{_W}\s+)?huonosti"
    rf"|(?:trouble|difficulty|difficulties|problems)\s+(?:with\s+)?(?:remembering|walking|"
    rf"swallowing|breathing|hearing|seeing|speaking|standing|eating|concentrating)"
    rf"|(?:unohtaa|unohtelee|unohti|unohtanut|glömmer|forgets)\s+(?:{_W}\s+)?(?:syödä|juoda|ottaa|äta|dricka|ta|to\s+eat|to\s+take)"
    rf"|(?:ramlat|ramlade|ramlar)\s+(?:{_W}\s+)?(?:hemma|(?:två|tre|flera)\s+gånger|ur\s+sängen)"
    rf"|kuulee\s+ääniä|hör\s+röster|hearing\s+voices|dark\s+place"
    rf"|(?:minut|hänet|sinut|meidät|heidät)\s+(?:{_W}\s+){{0,2}}?(?:leikattiin|leikataan|operoitiin|nukutettiin|elvytettiin)"
    rf"|leikattavana|leikattavaksi"
    rf"|puhe\s+(?:on\s+)?(?:edelleen\s+|vielä\s+|yhä\s+)?(?:palannut|palautuu|palautunut|katosi|"
    rf"hävisi|sammaltaa|sammaltavaa|takkuavaa|takkuaa|puuroista|epäselvää)"
    rf"|(?:går|gick)\s+med\s+(?:käpp|rollator)[^\W\d_]*|(?:keppien|kepin|kävelykepin|rollaattorin)\s+kanssa"
    rf"|with\s+a\s+(?:cane|walker|walking\s+stick)"
    rf"|förlorade\s+talet|svaghet\s+i\s+{_W}|svårare\s+att\s+(?:gå|andas|äta|svälja|tala|höra)"
    rf"|(?:sai|sain|saanut|saivat|saa|fick|got|had|received)\s+(?:{_W}\s+)?"
    rf"(?:rokotteen|rokotuksen|rokotteet|rokotukset|vaccinet|vaccinationen|vaccine|"
    rf"vaccination|jab|booster)"
    rf"|{_DIAGNOSED}\s+(?:(?!{_STOP}){_W}\s*){{1,3}}"
    rf"|(?:rv|raskausviikko|raskausviikolla|graviditetsvecka|gravidvecka)\s*\d{{1,2}}(?:\+\d)?"
    rf"|(?:låg|ligger|legat|ligga)\s+(?:{_W}\s+){{0,2}}?(?:inne|inlagd|på\s+sjukhus{_W}?)|vårdades\s+mot\s+sin\s+vilja|(?:dåligt|nedsatt)\s+immunförsvar"
    rf")(?![^\W\d_])"
)

# Medicines by the stems of their international non-proprietary names (WHO), in Finnish,
# Swedish and English spelling and any inflection: "amlodipiinia", "bisoprolol",
# "penicillin", "omeprazole", "adalimumabi". A stem needs three letters before it
# ("april" is no "-pril") and at most six after it.
_DRUG_STEMS = """pratsol prazol statiin statin sartaan sartan olol dipiin dipin tsepaam zepam
    semidi semide tiatsidi thiazide afiili afil sepiini zepine oksetiini oxetine pramiini
    pramine triptyliini triptyline tiapiini tiapine peridoni peridone profeeni profen
    kloviiri clovir ksabaani xaban gatraani gatran
    tsolaam zolam mabi mab tinibi tinib gliptiin gliptin glifotsiin gliflozin floksasiin
    floxacin sykliin cyclin silliin cillin mysiin mycin pariin parin setron triptaan
    triptan lukast dronaat dronat tidiin tidin priil pril"""
DRUG_STEMS = tuple(_DRUG_STEMS.split())

# Diagnoses written as capitals only, where the lower-case word is another ("Ms", "als",
# "tia"): matched as written.
ACRONYMS = re.compile(r"(?<![\w-])(?:MS|ALS|HPV|MPR|COPD|TIA|SLE|ME/CFS)(?![\w])")


ACRONYM_WORDS = frozenset({"ms", "als", "hpv", "mpr", "copd", "tia", "sle", "me"})
# The first words of CONSTRUCTIONS and STATES: the patterns are tried only where one
# stands, which keeps them cheap.
_STARTS = """näkö näön kuulo kuulon muistin muistaa muistan trouble difficulty difficulties problems
    klarar svårt hjälp apua help struggling find finds finding dricker drack druckit
    drinking drinks drank känner manage use climb ei en et emme ette eivät eikä enkä
    etkä eivätkä ettei etten kuulee kuulen näkee näen puhuu puhun kävelee kävelen syö
    syön liikkuu liikun kan orkar can cannot could unable no struggle struggles barely
    hardly nukun nukkuu nukkunut nukkuneet nukkuvat nukumme sover sov sleep sleeps slept
    sleeping min hans hennes lost gained put gått gick laihtunut lihonut laihtui lihoi
    juo juon juovansa juonut juoneet juomaan alkoholin röker röka smoke smokes smoking
    polttaa poltan kaatui kaatunut kaatuneet kaatuillut kaaduin kaatuu föll fallit fell
    falls kaatuneena omat tulokseni tuloksensa arvoni arvonsa labratulokseni mina my his
    her arvot sokerit verensokerit result test hör hearing dark minut hänet sinut meidät
    heidät leikattavana leikattavaksi puhe går keppien kepin kävelykepin rollaattorin
    with förlorade svaghet svårare låg ligger legat ligga vårdades dåligt nedsatt muisti unohtaa
    unohtelee unohti unohtanut glömmer forgets ramlat ramlade ramlar sai sain saanut
    saivat saa fick got had received rv raskausviikko raskausviikolla graviditetsvecka
    gravidvecka todettiin todettu sairastaa sairastan sairastavat
    sairastanut sairasti sairastin sairastavan diagnosoitiin diagnosoitu diagnosed har
    diagnostiserad diagnostiserades"""
CONSTRUCTION_STARTS = frozenset(_STARTS.split())
CONSTRUCTION_PREFIXES = ("valvo", "paino", "mieliala")
CONSTRUCTION_PREFIX_STARTS = frozenset(prefix[:3] for prefix in CONSTRUCTION_PREFIXES)


def _constructions(lowered: str, starts: set[str]) -> list[tuple[int, int, float]]:
    """The constructions that begin at a whole word of ``starts``."""
    found = []
    for word in starts:
        start = lowered.find(word)
        while start >= 0:
            end = start + len(word)
            if (start == 0 or not lowered[start - 1].isalpha()) and (
                end == len(lowered) or not lowered[end].isalpha()
            ):
                for pattern in (CONSTRUCTIONS, STATES):
                    match = pattern.match(lowered, start)
                    if match and not _said_of_no_one(lowered, start):
                        found.append((match.start(), match.end(), 0.8))
            start = lowered.find(word, end)
    return found


# Subjects that make a construction no person's health: groups ("moni ei jaksa kävellä",
# "we cannot hear"), apps ("sovellus kaatui kahdesti"), trees and things.
_NOT_A_PERSON = """moni monet monelle iäkkäät vanhukset asukkaat lapset kaikki ihmiset kukaan
    kuljettajat autoilijat pyöräilijät jalankulkijat asiakkaat me vi we they de ni
    people kids children residents many everyone nobody you alla många äldre
    elderly drivers sovellus sovellukset sivusto sivu palvelu järjestelmä lomake ohjelma
    kone tietokone verkkopalvelu app website system server puu puut kuusi koivu aita
    aidat tolppa pylväs liikennemerkki teline kauppa yritys koira kissa koirani koiramme
    kissani kissamme dog bussi auto juna hissi ratikka raitiovaunu bus car train lift elevator"""
NOT_A_PERSON = frozenset(_NOT_A_PERSON.split())


def _said_of_no_one(lowered: str, start: int) -> bool:
    """Whether one of the three words before ``start``, in its sentence, is a group or a
    thing rather than a person."""
    before = lowered[max(0, start - 50) : start]
    cut = max(before.rfind("."), before.rfind("\n"), before.rfind("!"), before.rfind("?"))
    return not NOT_A_PERSON.isdisjoint(WORD_RE.findall(before[cut + 1 :])[-3:])


@cache
def _drug_stems() -> re.Pattern:
    """The stems of medicines' names and the last parts of Swedish and English compounds
    (``-`` lines of ``data/health-phrases.txt``: "-värk", "-sjukdom", "-itis")."""
    endings = [*DRUG_STEMS, *lexicon.health_phrases().suffixes]
    return re.compile(lexicon.trie_pattern(endings))


def _drugs(lowered: str, tokens: set[str]) -> list[tuple[int, int, float]]:
    """Words with the stem of a medicine's international name or a health word as their
    last part ("ryggvärk", "lungsjukdomen", "tendinitis"): at least three letters before
    it and at most six (an inflection; for a last part, as many as its line says) after
    it. Looked for in the text's distinct words of six letters or more, then found in the
    text."""
    words = " ".join(token for token in tokens if len(token) >= 6)
    suffixes = lexicon.health_phrases().suffixes
    hits = set()
    for match in _drug_stems().finditer(words):
        start, end = match.start(), match.end()
        most = suffixes.get(match.group(), 6)
        while start > 0 and words[start - 1].isalpha():
            start -= 1
        while end < len(words) and end - match.end() <= most and words[end].isalpha():
            end += 1
        whole = end == len(words) or not words[end].isalpha()
        if match.start() - start >= 3 and end - match.end() <= most and whole:
            hits.add(words[start:end])
    if not hits:
        return []
    pattern = r"(?<![^\W\d_])(?:" + "|".join(map(re.escape, hits)) + r")(?![^\W\d_])"
    return [(m.start(), m.end(), 0.8) for m in re.finditer(pattern, lowered)]


# How many words apart a verb of injury and a body part may be ("ranne murtui", "polveni
# leikattiin viime viikolla", "kaatui ja löi päänsä").
NEAR = 4


def _injuries(
    lowered: str, words: list[str], finnish: lexicon.HealthForms
) -> list[tuple[int, int, float]]:
    """A verb of injury or treatment with a body part near it, as one finding from the one
    to the other: "polveni leikattiin", "she broke her wrist". The positions of the words
    are found only when a pair is (common verbs such as "huono" mostly stand alone)."""
    pairs = []
    for index, word in enumerate(words):
        if word in finnish.verbs:
            low, high = max(0, index - NEAR), min(len(words), index + NEAR + 1)
            parts = [i for i in range(low, high) if _body_part(words[i], finnish)]
            if parts:
                pairs.append((min(index, *parts), max(index, *parts)))
    if not pairs:
        return []
    spans = [m.span() for m in WORD_RE.finditer(lowered)]
    return [(spans[first][0], spans[last][1], 0.8) for first, last in pairs]


def _body_part(word: str, finnish: lexicon.HealthForms) -> bool:
    """Whether the word is a body part, also with a possessive suffix ("jalkaani",
    "polveni", "selkänsä")."""
    if word in finnish.body_parts:
        return True
    if not word.endswith(POSSESSIVES):
        return False
    for ending in POSSESSIVES:
        if word.endswith(ending) and len(word) > len(ending) + 2:
            stem = word[: -len(ending)]
            return stem in finnish.body_parts or stem + "n" in finnish.body_parts
    return False


# Clitics that may end any Finnish word: "rollaattorillakaan", "lääkkeetkin".
CLITICS = ("kaan", "kään", "kin", "han", "hän", "pa", "pä", "ko", "kö")


def _compounds(word: str, finnish: lexicon.HealthForms) -> str:
    """The word when it is a health term with a clitic ("rollaattorillakaan") or a
    possessive suffix ("allergiastaan"), its last part is one ("masennuslääkkeitä") or its
    first part is one ("anafylaksiariski"), else ""."""
    if word.endswith(CLITICS):
        for clitic in CLITICS:
            if word.endswith(clitic) and word[: -len(clitic)] in finnish.words:
                return word if word[: -len(clitic)] not in finnish.excluded else ""
    if _head(word, finnish):
        return word if word not in finnish.excluded else ""
    if word[-1] == "n" and word[-2] == word[-3]:  # "allergiastaan", "verenpainettaan"
        stems = [word[:-2]]
    elif word.endswith(POSSESSIVES):
        stems = [word[: -len(ending)] for ending in POSSESSIVES if word.endswith(ending)]
    else:
        stems = []
    for stem in stems:
        if stem in finnish.words or _head(stem, finnish):
            return word if stem not in finnish.excluded else ""
    if len(word) >= 10 and word[:6] in _lemma_starts() and word not in finnish.excluded:
        lemmas = _lemmas()
        for cut in range(len(word) - 4, 5, -1):
            if word[:cut] in lemmas:
                return "" if word[cut:].startswith(SERVICE_PARTS) else word
    return ""


def _head(word: str, finnish: lexicon.HealthForms) -> bool:
    """Whether the word ends in a health term that may end a compound."""
    for length in finnish.head_lengths.get(word[-4:], ()):
        if length <= len(word) - 3 and word[-length:] in finnish.heads:
            return True
    return False


# Possessive suffixes: "sokeritautiani", "lääkkeensä".
POSSESSIVES = ("ni", "si", "nsa", "nsä", "mme", "nne")
# Last parts that make a compound of a health term a service, a place or a campaign
# ("diabeteshoitaja", "synnytyssairaala", "influenssarokotus"), not a person's health.
SERVICE_PARTS = (
    "hoitaja",
    "skötare",
    "sköterska",
    "mottagning",
    "piste",
    "rokot",
    "kertomu",
    "potila",
    "sairaala",
    "ohjaaja",
    "ohje",
    "luiska",
    "suunnitelm",
    "osasto",
    "poliklinik",
    "klinik",
    "vastaanot",
    "palvelu",
    "yksikkö",
    "lääkäri",
    "neuvol",
    "ryhmä",
    "yhdistys",
    "liitto",
    "viikko",
    "päivä",
    "kampanja",
    "ohjau",
    "nurkka",
    "nurkkau",
    "huone",
    "tiedote",
    "esite",
)


@cache
def _lemmas() -> frozenset[str]:
    """The health terms in their basic form: a compound may start with one
    ("anafylaksiariski", "sekavuusoireita")."""
    finnish = lexicon.health_fi()
    return (
        frozenset(lemma for lemma in finnish.words.values() if len(lemma) >= 6) - finnish.excluded
    )


@cache
def _lemma_starts() -> frozenset[str]:
    return frozenset(lemma[:6] for lemma in _lemmas())


def _merge(text: str, found: list[tuple[int, int, float]]) -> list[tuple[int, int, float]]:
    """One finding per stretch of text: overlapping matches (a Finnish and a Swedish
    "diabetes") and terms with only a space or a bracket between them
    ("raskaana (rv 32)") are reported once."""
    merged: list[tuple[int, int, float]] = []
    for start, end, confidence in sorted(found):
        if merged and (
            start < merged[-1][1]
            or (start - merged[-1][1] <= 2 and not text[merged[-1][1] : start].strip(" ()"))
        ):
            previous = merged[-1]
            merged[-1] = (previous[0], max(previous[1], end), max(previous[2], confidence))
        else:
            merged.append((start, end, confidence))
    return merged
