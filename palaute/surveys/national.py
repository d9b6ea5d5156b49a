"""The national customer-feedback questionnaires (THL's "asiakaspalautteen kansallinen
keruu") as pure data, in Finnish, Swedish and English.

No Django imports: a loader turns this into ``Questionnaire``, ``QuestionnaireVersion``,
``Item`` and ``OwnStatement`` rows. The texts are working texts (DESIGN.md section 3);
check them against THL's published language versions before production. Once loaded they
are data the administrator can edit, versioned so old answers keep their wording.

Every text is a tuple ``(fi, sv, en)``. SMS texts use only GSM-7 characters (a hyphen in
"0-10", a straight apostrophe) so that one message stays one 160-character part.
"""

from __future__ import annotations

EMPTY = ("", "", "")

# The agreement scale of the national statements, 1..5.
SCALE = [
    (1, "Täysin eri mieltä", "Helt av annan åsikt", "Strongly disagree"),
    (2, "Jokseenkin eri mieltä", "Delvis av annan åsikt", "Somewhat disagree"),
    (
        3,
        "Ei samaa eikä eri mieltä",
        "Varken av samma eller annan åsikt",
        "Neither agree nor disagree",
    ),
    (4, "Jokseenkin samaa mieltä", "Delvis av samma åsikt", "Somewhat agree"),
    (5, "Täysin samaa mieltä", "Helt av samma åsikt", "Strongly agree"),
]

# Shown beside the scale; stored as no answer, not as a scale value.
NO_OPINION = ("En osaa sanoa", "Kan inte säga", "Don't know")

# The children's face scale (7–12 years), from a very sad face (1) to a very happy one (5).
# The children's statements are claims about the visit, so the labels ask "is it true?".
CHILD_SCALE = [
    (1, "Ei ollenkaan totta", "Inte alls sant", "Not true at all"),
    (2, "Ei oikein totta", "Inte riktigt sant", "Not really true"),
    (3, "Siltä väliltä", "Mittemellan", "In between"),
    (4, "Melkein totta", "Nästan sant", "Mostly true"),
    (5, "Täysin totta", "Helt sant", "Completely true"),
]

AGE_GROUPS = [
    ("13-17", "13–17 vuotta", "13–17 år", "13–17 years"),
    ("18-29", "18–29 vuotta", "18–29 år", "18–29 years"),
    ("30-49", "30–49 vuotta", "30–49 år", "30–49 years"),
    ("50-64", "50–64 vuotta", "50–64 år", "50–64 years"),
    ("65-74", "65–74 vuotta", "65–74 år", "65–74 years"),
    ("75+", "75 vuotta tai yli", "75 år eller äldre", "75 years or over"),
]

# Answers to "Vastaan" (I answer as).
RESPONDENTS = [
    ("customer", "Asiakkaana", "Som kund", "As a customer"),
    ("relative", "Läheisenä", "Som närstående", "As a family member or friend"),
]

STATEMENT_CODES = [
    "saatavuus",
    "kohtaaminen",
    "osallistuminen",
    "turvallisuus",
    "tiedon_saanti",
    "ymmarrettavyys",
    "hyodyllisyys",
]


def _item(code: str, kind: str, text: tuple, help_text: tuple = EMPTY) -> dict:
    return {"code": code, "kind": kind, "text": text, "help": help_text}


def _statements(texts: dict) -> list[dict]:
    """The seven statement items in the national order."""
    return [_item(code, "statement", texts[code]) for code in STATEMENT_CODES]


NPS_HELP = (
    "0 = en lainkaan todennäköisesti, 10 = erittäin todennäköisesti",
    "0 = inte alls sannolikt, 10 = mycket sannolikt",
    "0 = not at all likely, 10 = extremely likely",
)

CONTACT_TEXT = (
    "Haluan, että minuun otetaan yhteyttä",
    "Jag vill att ni kontaktar mig",
    "I would like you to contact me",
)

CONTACT_HELP = (
    "Jätä yhteystietosi, niin otamme sinuun yhteyttä 14 päivän kuluessa. "
    "Ilman yhteydenottopyyntöä vastauksesi on nimetön.",
    "Lämna dina kontaktuppgifter, så kontaktar vi dig inom 14 dagar. "
    "Om du inte ber om kontakt är ditt svar anonymt.",
    "Leave your contact details and we will contact you within 14 days. "
    "If you do not ask to be contacted, your answer is anonymous.",
)

AGE_TEXT = ("Ikäni", "Min ålder", "My age")

OPEN_TEXT = (
    "Mitä muuta haluaisit kertoa?",
    "Vad mer vill du berätta?",
    "What else would you like to tell us?",
)

ADULT = {
    "code": "kansallinen-aikuiset",
    "audience": "adult",
    "name": (
        "Kansallinen asiakaspalaute",
        "Nationell kundrespons",
        "National customer feedback",
    ),
    "intro": (
        "Kerro, millaista palvelua sait. Vastaaminen vie muutaman minuutin. "
        "Vastaukset käsitellään nimettöminä, ja niiden avulla kehitämme palveluja.",
        "Berätta hurdan service du fick. Det tar några minuter att svara. "
        "Svaren behandlas anonymt, och vi använder dem för att utveckla servicen.",
        "Tell us about the service you received. Answering takes a few minutes. "
        "Answers are handled anonymously, and we use them to improve our services.",
    ),
    "items": [
        _item(
            "nps",
            "nps",
            (
                "Kuinka todennäköisesti suosittelisit saamaasi palvelua läheisellesi tai "
                "ystävällesi, jos hän olisi samanlaisessa tilanteessa?",
                "Hur sannolikt är det att du skulle rekommendera den service du fick till "
                "en närstående eller en vän, om hen var i en liknande situation?",
                "How likely would you be to recommend the service you received to a family "
                "member or friend in the same situation?",
            ),
            NPS_HELP,
        ),
        *_statements(
            {
                "saatavuus": (
                    "Sain apua silloin, kun tarvitsin.",
                    "Jag fick hjälp när jag behövde det.",
                    "I received help when I needed it.",
                ),
                "kohtaaminen": (
                    "Minua kohdeltiin ystävällisesti ja kunnioittavasti.",
                    "Jag blev bemött vänligt och med respekt.",
                    "I was treated kindly and with respect.",
                ),
                "osallistuminen": (
                    "Asiaani koskevat päätökset tehtiin yhdessä kanssani.",
                    "Besluten i mitt ärende fattades tillsammans med mig.",
                    "Decisions about my matter were made together with me.",
                ),
                "turvallisuus": (
                    "Koin oloni turvalliseksi hoidon tai palvelun aikana.",
                    "Jag kände mig trygg under vården eller servicen.",
                    "I felt safe during my care or service.",
                ),
                "tiedon_saanti": (
                    "Sain tarpeeksi tietoa asiani hoitamisesta.",
                    "Jag fick tillräckligt med information om hur mitt ärende sköts.",
                    "I received enough information about how my matter is dealt with.",
                ),
                "ymmarrettavyys": (
                    "Saamani tieto oli ymmärrettävää.",
                    "Informationen jag fick var lätt att förstå.",
                    "The information I received was easy to understand.",
                ),
                "hyodyllisyys": (
                    "Saamani hoito tai palvelu oli hyödyllistä.",
                    "Vården eller servicen jag fick var till nytta.",
                    "The care or service I received was useful.",
                ),
            }
        ),
        _item(
            "open",
            "open",
            OPEN_TEXT,
            (
                "Älä kirjoita henkilötunnuksia äläkä muiden ihmisten nimiä tai terveystietoja.",
                "Skriv inte personbeteckningar och inte heller andra personers namn "
                "eller hälsouppgifter.",
                "Please do not write personal identity codes or other people's names "
                "or health details.",
            ),
        ),
        _item(
            "respondent",
            "respondent",
            ("Vastaan", "Jag svarar", "I am answering"),
            (
                "Vastaatko omasta puolestasi vai läheisesi puolesta?",
                "Svarar du för din egen del eller för en närstående?",
                "Are you answering for yourself or for someone close to you?",
            ),
        ),
        _item("age", "age", AGE_TEXT),
        _item("contact", "contact", CONTACT_TEXT, CONTACT_HELP),
    ],
}

CHILD = {
    "code": "kansallinen-lapset",
    "audience": "child",
    "name": (
        "Kansallinen asiakaspalaute – lapset 7–12 vuotta",
        "Nationell kundrespons – barn 7–12 år",
        "National customer feedback – children aged 7–12",
    ),
    "intro": (
        "Kerro meille, miltä sinusta tuntui täällä. Oikeita tai vääriä vastauksia ei ole. "
        "Aikuinen saa auttaa sinua vastaamaan.",
        "Berätta för oss hur det kändes för dig här. Det finns inga rätta eller fel svar. "
        "En vuxen får hjälpa dig att svara.",
        "Tell us how things went for you here. There are no right or wrong answers. "
        "An adult can help you answer.",
    ),
    "items": [
        _item(
            "nps",
            "nps",
            (
                "Kertoisitko kaverillesi, että täältä saa hyvää apua?",
                "Skulle du berätta för en kompis att man får bra hjälp här?",
                "Would you tell a friend that you can get good help here?",
            ),
            (
                "0 = en ikinä, 10 = ihan varmasti",
                "0 = aldrig, 10 = helt säkert",
                "0 = never, 10 = definitely",
            ),
        ),
        *_statements(
            {
                "saatavuus": (
                    "Sain apua, kun tarvitsin sitä.",
                    "Jag fick hjälp när jag behövde det.",
                    "I got help when I needed it.",
                ),
                "kohtaaminen": (
                    "Minua kuunneltiin ja minulle oltiin ystävällisiä.",
                    "Man lyssnade på mig och var snäll mot mig.",
                    "People listened to me and were kind to me.",
                ),
                "osallistuminen": (
                    "Sain olla mukana päättämässä omista asioistani.",
                    "Jag fick vara med och bestämma om mina egna saker.",
                    "I got to have a say in things about me.",
                ),
                "turvallisuus": (
                    "Minulla oli turvallinen olo.",
                    "Jag kände mig trygg.",
                    "I felt safe.",
                ),
                "tiedon_saanti": (
                    "Minulle kerrottiin, mitä tapahtuu ja miksi.",
                    "Man berättade för mig vad som skulle hända och varför.",
                    "I was told what would happen and why.",
                ),
                "ymmarrettavyys": (
                    "Ymmärsin, mitä minulle kerrottiin.",
                    "Jag förstod det som man berättade för mig.",
                    "I understood what I was told.",
                ),
                "hyodyllisyys": (
                    "Se, mitä täällä tehtiin, auttoi minua.",
                    "Det som gjordes här hjälpte mig.",
                    "What was done here helped me.",
                ),
            }
        ),
        _item(
            "open",
            "open",
            (
                "Mitä muuta haluaisit kertoa meille?",
                "Vill du berätta något mer för oss?",
                "Is there anything else you would like to tell us?",
            ),
            (
                "Älä kirjoita henkilötunnusta äläkä muiden ihmisten nimiä. "
                "Aikuinen saa auttaa kirjoittamisessa.",
                "Skriv inte din personbeteckning eller andra personers namn. "
                "En vuxen får hjälpa dig att skriva.",
                "Do not write your personal identity code or other people's names. "
                "An adult can help you write.",
            ),
        ),
        _item(
            "contact",
            "contact",
            (
                "Haluan, että aikuinen täältä ottaa yhteyttä huoltajaani",
                "Jag vill att en vuxen här kontaktar min vårdnadshavare",
                "I would like an adult from here to contact my parent or guardian",
            ),
            (
                "Pyydä huoltajaasi jättämään yhteystietonsa, niin otamme häneen yhteyttä "
                "14 päivän kuluessa. Ilman yhteydenottopyyntöä vastauksesi on nimetön.",
                "Be din vårdnadshavare lämna sina kontaktuppgifter, så kontaktar vi hen "
                "inom 14 dagar. Om ni inte ber om kontakt är ditt svar anonymt.",
                "Ask your parent or guardian to leave their contact details and we will "
                "contact them within 14 days. Without a contact request your answer is "
                "anonymous.",
            ),
        ),
    ],
}

RELATIVE = {
    "code": "kansallinen-laheiset",
    "audience": "relative",
    "name": (
        "Kansallinen asiakaspalaute – läheiset",
        "Nationell kundrespons – närstående",
        "National customer feedback – family and friends",
    ),
    "intro": (
        "Tämä kysely on sinulle, joka olet läheisesi tukena hänen hoidossaan tai "
        "palvelussaan. Kerro, millaista palvelua läheisesi sai ja miten sinut otettiin "
        "huomioon. Vastaukset käsitellään nimettöminä.",
        "Den här enkäten är för dig som stöder en närstående i hens vård eller service. "
        "Berätta hurdan service din närstående fick och hur du blev beaktad. "
        "Svaren behandlas anonymt.",
        "This survey is for you if you support someone close to you in their care or "
        "service. Tell us about the service they received and how you were taken into "
        "account. Answers are handled anonymously.",
    ),
    "items": [
        _item(
            "nps",
            "nps",
            (
                "Kuinka todennäköisesti suosittelisit läheisesi saamaa palvelua jollekulle, "
                "jonka läheinen olisi samanlaisessa tilanteessa?",
                "Hur sannolikt är det att du skulle rekommendera den service din närstående "
                "fick till någon vars närstående var i en liknande situation?",
                "How likely would you be to recommend the service your loved one received "
                "to someone whose loved one was in the same situation?",
            ),
            NPS_HELP,
        ),
        *_statements(
            {
                "saatavuus": (
                    "Läheiseni sai apua silloin, kun hän tarvitsi.",
                    "Min närstående fick hjälp när hen behövde det.",
                    "My loved one received help when they needed it.",
                ),
                "kohtaaminen": (
                    "Minua ja läheistäni kohdeltiin ystävällisesti ja kunnioittavasti.",
                    "Jag och min närstående blev bemötta vänligt och med respekt.",
                    "My loved one and I were treated kindly and with respect.",
                ),
                "osallistuminen": (
                    "Minua kuultiin, kun läheiseni hoidosta tai palvelusta päätettiin.",
                    "Jag blev hörd när man beslutade om min närståendes vård eller service.",
                    "I was listened to when decisions were made about my loved one's care "
                    "or service.",
                ),
                "turvallisuus": (
                    "Läheiseni hoito tai palvelu oli mielestäni turvallista.",
                    "Jag upplevde att min närståendes vård eller service var trygg.",
                    "I felt that my loved one's care or service was safe.",
                ),
                "tiedon_saanti": (
                    "Sain tarpeeksi tietoa läheiseni hoidosta tai palvelusta.",
                    "Jag fick tillräckligt med information om min närståendes vård eller service.",
                    "I received enough information about my loved one's care or service.",
                ),
                "ymmarrettavyys": (
                    "Saamani tieto oli ymmärrettävää.",
                    "Informationen jag fick var lätt att förstå.",
                    "The information I received was easy to understand.",
                ),
                "hyodyllisyys": (
                    "Läheiseni saama hoito tai palvelu oli hyödyllistä.",
                    "Vården eller servicen som min närstående fick var till nytta.",
                    "The care or service my loved one received was useful.",
                ),
            }
        ),
        _item(
            "open",
            "open",
            OPEN_TEXT,
            (
                "Älä kirjoita henkilötunnuksia äläkä läheisesi tai muiden ihmisten terveystietoja.",
                "Skriv inte personbeteckningar och inte heller hälsouppgifter om din "
                "närstående eller andra personer.",
                "Please do not write personal identity codes or health details about your "
                "loved one or other people.",
            ),
        ),
        _item(
            "age",
            "age",
            AGE_TEXT,
            (
                "Valitse oma ikäryhmäsi, älä läheisesi.",
                "Välj din egen åldersgrupp, inte din närståendes.",
                "Choose your own age group, not your loved one's.",
            ),
        ),
        _item("contact", "contact", CONTACT_TEXT, CONTACT_HELP),
    ],
}

QUESTIONNAIRES = [ADULT, CHILD, RELATIVE]

# Organisation-specific statements for the demo county, kept apart from the national ones.
OWN_STATEMENTS_DEMO = [
    (
        "pshva-terveysasemat",
        "puhelinyhteys",
        (
            "Sain helposti yhteyden terveysasemalle puhelimitse.",
            "Jag fick lätt kontakt med hälsostationen per telefon.",
            "I could easily reach the health centre by phone.",
        ),
    ),
    (
        "pshva-terveysasemat",
        "odotusaika",
        (
            "Odotin vastaanotolle pääsyä kohtuullisen ajan.",
            "Väntetiden till mottagningen var rimlig.",
            "The waiting time for my appointment was reasonable.",
        ),
    ),
    (
        "pshva-suun-terveydenhuolto",
        "omahoidon_ohjeet",
        (
            "Sain selkeät ohjeet suun ja hampaiden omahoitoon.",
            "Jag fick tydliga råd om hur jag själv kan sköta mina tänder och min mun.",
            "I received clear advice on looking after my teeth and mouth at home.",
        ),
    ),
    (
        "pshva-kotihoito",
        "sovittu_aika",
        (
            "Kotihoidon työntekijät tulivat sovittuun aikaan.",
            "Hemvårdens personal kom vid den överenskomna tiden.",
            "The home care staff came at the agreed time.",
        ),
    ),
]

# SMS texts: at most 160 GSM-7 characters each once the placeholders are filled.
# Finnish stop words: EI and STOP; Swedish and English: STOP.
SMS_TEXTS = {
    "invitation": (
        "Kiitos käynnistä: {unit}. Kerro, miten onnistuimme: {url} "
        "Vastaa EI tai STOP, jos et halua enää viestejä.",
        "Tack för besöket: {unit}. Berätta hur vi lyckades: {url} "
        "Svara STOP om du inte vill ha fler meddelanden.",
        "Thank you for visiting {unit}. Please tell us how we did: {url} "
        "Reply STOP to get no more messages.",
    ),
    "question": (
        "{unit}: Kuinka todennäköisesti suosittelisit saamaasi palvelua läheisellesi "
        "tai ystävällesi? Vastaa numerolla 0-10.",
        "{unit}: Hur sannolikt är det att du skulle rekommendera servicen du fick till "
        "en närstående eller vän? Svara med en siffra 0-10.",
        "{unit}: How likely would you be to recommend the service you received to "
        "a family member or friend? Reply with a number 0-10.",
    ),
    "ask_text": (
        "Kiitos arviostasi! Voit vielä kertoa lyhyesti syyn vastaamalla tähän viestiin. "
        "Älä kirjoita henkilötunnusta.",
        "Tack för ditt svar! Du kan ännu kort berätta varför genom att svara på det här "
        "meddelandet. Skriv inte din personbeteckning.",
        "Thank you for your score! You can also reply with a short comment on why. "
        "Please do not write your personal identity code.",
    ),
    "thanks": (
        "Kiitos palautteestasi! Käytämme sitä palvelujemme kehittämiseen.",
        "Tack för din respons! Vi använder den för att utveckla vår service.",
        "Thank you for your feedback! We use it to improve our services.",
    ),
    "thanks_score_only": (
        "Kiitos vastauksestasi! Se auttaa meitä kehittämään palvelujamme.",
        "Tack för ditt svar! Det hjälper oss att utveckla vår service.",
        "Thank you for your answer! It helps us improve our services.",
    ),
    "bad_score": (
        "Emme saaneet selvää vastauksestasi. Vastaa numerolla 0-10.",
        "Vi kunde inte tolka ditt svar. Svara med en siffra 0-10.",
        "Sorry, we could not read your reply. Please answer with a number 0-10.",
    ),
    "stopped": (
        "Selvä, et saa meiltä enää palauteviestejä.",
        "Du får inte längre några förfrågningar om respons från oss.",
        "OK, you will get no more feedback messages from us.",
    ),
}
