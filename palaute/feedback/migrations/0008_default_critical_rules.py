"""The default critical-feedback rules (C3): one expression rule per category and a rule
for a very low recommendation together with feeling unsafe. A frozen copy of
palaute.feedback.critical.DEFAULT_RULES as it was when this migration was written, so that
later edits of the module do not change what this migration does."""

from django.db import migrations

RULES = [
    {
        "code": "danger-fi",
        "kind": "expression",
        "category": "danger",
        "name_fi": "Vaara tai hengenvaara",
        "name_sv": "Fara eller livsfara",
        "name_en": "Danger or threat to life",
        "terms": "vaara\n"
        "*vaara\n"
        "hengenvaarallinen\n"
        "hätätilanne\n"
        "tulipalo\n"
        "hukkua\n"
        "hukkuminen\n"
        "räjähdys\n"
        "räjähtää\n"
        "kaasuvuoto\n"
        "sähköisku\n"
        "sortua\n"
        "pommi\n"
        "pommiuhka\n"
        "ase uhata\n"
        "puukko",
    },
    {
        "code": "violence-fi",
        "kind": "expression",
        "category": "violence",
        "name_fi": "Väkivalta tai uhkailu",
        "name_sv": "Våld eller hot",
        "name_en": "Violence or threats",
        "terms": "väkivalta\n"
        "*väkivalta\n"
        "väkivaltai*\n"
        "lyödä\n"
        "lyönti\n"
        "potkaista\n"
        "potkia\n"
        "uhkailla\n"
        "uhkailu\n"
        "uhata\n"
        "uhkaus\n"
        "*uhkaus\n"
        "pahoinpidellä\n"
        "pahoinpitely\n"
        "tönäistä\n"
        "töniä\n"
        "tuuppia\n"
        "kuristaa\n"
        "läimäyttää\n"
        "läpsiä\n"
        "retuuttaa\n"
        "riuhtoa\n"
        "kovakourainen\n"
        "kovakouraisesti\n"
        "puukottaa\n"
        "raiskata\n"
        "raiskaus\n"
        "sitoa sänky",
    },
    {
        "code": "neglect-fi",
        "kind": "expression",
        "category": "neglect",
        "name_fi": "Laiminlyönti tai heitteillejättö",
        "name_sv": "Försummelse",
        "name_en": "Neglect",
        "terms": "laiminlyödä\n"
        "laiminlyö*\n"
        "laiminlyönti\n"
        "heitteillä\n"
        "heitteille\n"
        "heitteillejättö\n"
        "jättää yksin\n"
        "jättää hoitamatta\n"
        "ei saada ruoka\n"
        "ei saada juoma\n"
        "ei saada juotava\n"
        "ilman ruoka\n"
        "ilman juoma\n"
        "ilman juotava\n"
        "nestehukka\n"
        "vaippa ei vaihtaa\n"
        "märkä vaippa\n"
        "likainen vaippa\n"
        "makuuhaava\n"
        "painehaava\n"
        "kukaan ei auttaa\n"
        "kukaan ei välittää",
    },
    {
        "code": "abuse-fi",
        "kind": "expression",
        "category": "abuse",
        "name_fi": "Häirintä, ahdistelu tai nöyryyttäminen",
        "name_sv": "Trakasserier, ofredande eller förnedring",
        "name_en": "Harassment, abuse or humiliation",
        "terms": "ahdistella\n"
        "ahdistelu\n"
        "häirintä\n"
        "*häirintä\n"
        "seksuaalinen\n"
        "seksuaalisesti\n"
        "koskettelu\n"
        "kosketella\n"
        "lähennellä\n"
        "lähentely\n"
        "nöyryyttää\n"
        "nöyryyttävä\n"
        "nöyryytys\n"
        "kiusata\n"
        "kiusaaminen\n"
        "simputtaa\n"
        "alistaa\n"
        "huutaa minulle\n"
        "rasistinen\n"
        "rasismi\n"
        "syrjiä\n"
        "syrjintä\n"
        "hyväksikäyttö",
    },
    {
        "code": "self-harm-fi",
        "kind": "expression",
        "category": "self_harm",
        "name_fi": "Itsetuhoisuus",
        "name_sv": "Självskada eller självmordstankar",
        "name_en": "Self-harm or suicidal thoughts",
        "terms": "itsemurha\n"
        "*itsemurha\n"
        "itsetuho*\n"
        "tappaa itse\n"
        "vahingoittaa itse\n"
        "satuttaa itse\n"
        "viiltää\n"
        "viillellä\n"
        "viiltely\n"
        "en halua elää\n"
        "ei haluta elää\n"
        "ei jaksaa elää\n"
        "haluta kuolla\n"
        "lopettaa elämä\n"
        "päättää päivä\n"
        "riistää henki\n"
        "hirttää",
    },
    {
        "code": "patient-safety-fi",
        "kind": "expression",
        "category": "patient_safety",
        "name_fi": "Potilas- tai asiakasturvallisuuden vaaratapahtuma",
        "name_sv": "Patient- eller klientsäkerhetsincident",
        "name_en": "Patient or client safety incident",
        "terms": "hoitovirhe\n"
        "*hoitovirhe\n"
        "lääkevirhe\n"
        "lääkitysvirhe\n"
        "*lääkitysvirhe\n"
        "väärä lääke\n"
        "väärä lääkitys\n"
        "väärä annos\n"
        "väärä annostus\n"
        "väärä potilas\n"
        "yliannostus\n"
        "kaatua äiti\n"
        "kaatua isä\n"
        "kaatua potilas\n"
        "kaatua asiakas\n"
        "kaatua osasto\n"
        "kaatua vuode\n"
        "kaatua sänky\n"
        "kaatua suihku\n"
        "kaatua hoitaja\n"
        "kaatua vanhus\n"
        "kaatua mummo\n"
        "kaatua ukki\n"
        "kaatua isoäiti\n"
        "kaatua isoisä\n"
        "kaatua puoliso\n"
        "kaatua hoitokoti\n"
        "kaatua kotihoito\n"
        "kaatuminen\n"
        "pudota sänky\n"
        "vaaratilanne\n"
        "vaaratapahtuma\n"
        "haittatapahtuma\n"
        "potilasturvallisuus\n"
        "asiakasturvallisuus\n"
        "läheltä piti\n"
        "potilasvahinko\n"
        "sairaalainfektio\n"
        "lääke unohtaa",
    },
    {
        "code": "low-nps-unsafe",
        "kind": "score",
        "category": "low_score",
        "name_fi": "Erittäin heikko suositus ja turvattomuuden kokemus",
        "name_sv": "Mycket låg rekommendation och känsla av otrygghet",
        "name_en": "Very low recommendation and feeling unsafe",
        "terms": "",
        "max_nps": 2,
        "statement_code": "turvallisuus",
        "statement_value": 1,
    },
]


def create_rules(apps, schema_editor):
    CriticalRule = apps.get_model("feedback", "CriticalRule")
    for rule in RULES:
        data = dict(rule)
        code = data.pop("code")
        CriticalRule.objects.get_or_create(code=code, defaults=data)


def delete_rules(apps, schema_editor):
    CriticalRule = apps.get_model("feedback", "CriticalRule")
    CriticalRule.objects.filter(code__in=[rule["code"] for rule in RULES]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("feedback", "0007_critical_rules_and_alerts"),
    ]

    operations = [
        migrations.RunPython(create_rules, delete_rules),
    ]
