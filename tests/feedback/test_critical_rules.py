"""The automatic critical-feedback rules (C3): Finnish expressions matched in inflected
text, wildcards, same-sentence phrases, organisation scoping, score rules, term validation
and the default rule set created by a migration."""

from __future__ import annotations

import json

import pytest
from django.utils import translation

from palaute.feedback.critical import (
    DEFAULT_RULES,
    Match,
    check_feedback,
    find_terms,
    match_scores,
    match_text,
    rules_for,
    validate_terms,
)
from palaute.feedback.models import CriticalRule
from tests.factories import OrganizationFactory

DEFAULTS = [CriticalRule(**rule) for rule in DEFAULT_RULES]


def categories(text: str, rules=DEFAULTS) -> set[str]:
    return {match.category for match in match_text(text=text, rules=rules)}


def rule(code="test", terms="", **fields) -> CriticalRule:
    return CriticalRule(
        code=code,
        kind=fields.pop("kind", "expression"),
        category=fields.pop("category", "violence"),
        name_fi=code,
        terms=terms,
        **fields,
    )


# Inflected Finnish, per category


@pytest.mark.parametrize(
    ("text", "category"),
    [
        # violence
        ("Isääni lyötiin osastolla.", "violence"),
        ("Hoitaja löi äitiäni kasvoihin.", "violence"),
        ("Hoitaja on lyönyt asukasta useamman kerran.", "violence"),
        ("Koin väkivaltaa hoitajan taholta.", "violence"),
        ("Pelkään väkivallan jatkuvan kotona.", "violence"),
        ("Perheväkivallan uhrina en saanut apua.", "violence"),
        ("Vartija uhkaili minua käytävällä.", "violence"),
        ("Minua uhattiin puukolla.", "violence"),
        ("Hän sai tappouhkauksen toiselta asiakkaalta.", "violence"),
        ("Häntä potkaistiin ja tönäistiin.", "violence"),
        ("Minua pahoinpideltiin palvelutalossa.", "violence"),
        ("Hoitaja kuristi asukasta.", "violence"),
        ("Hoitajat kohtelivat äitiäni kovakouraisesti.", "violence"),
        ("Hänet sidottiin sänkyyn koko yöksi.", "violence"),
        # neglect
        ("Isäni hoito laiminlyötiin täysin.", "neglect"),
        ("Kyse on laiminlyönnistä.", "neglect"),
        ("Isä jätettiin heitteille.", "neglect"),
        ("Isä jätettiin yksin koko yöksi.", "neglect"),
        ("Äiti ei saanut ruokaa koko päivänä.", "neglect"),
        ("Mummo jäi ilman juotavaa.", "neglect"),
        ("Vaippaa ei vaihdettu koko päivänä.", "neglect"),
        ("Hän makasi märässä vaipassa tuntikausia.", "neglect"),
        ("Isä sai makuuhaavoja.", "neglect"),
        # abuse
        ("Mies ahdisteli minua odotushuoneessa.", "abuse"),
        ("Koin seksuaalista häirintää.", "abuse"),
        ("Lääkäri kosketteli minua epäasiallisesti.", "abuse"),
        ("Henkilökunta nöyryytti minua muiden edessä.", "abuse"),
        ("Lastani kiusattiin päiväkodissa.", "abuse"),
        ("Hoitaja kiusasi isääni.", "abuse"),
        ("Lapsi kertoi hyväksikäytöstä.", "abuse"),
        # self-harm
        ("Poikani puhui itsemurhasta ja hänet lähetettiin kotiin.", "self_harm"),
        ("Hän yritti itsemurhaa viime viikolla.", "self_harm"),
        ("Hänellä on itsetuhoisia ajatuksia.", "self_harm"),
        ("En halua enää elää.", "self_harm"),
        ("En jaksa elää näin.", "self_harm"),
        ("Haluan kuolla.", "self_harm"),
        ("Olen ajatellut tappaa itseni.", "self_harm"),
        ("Nuori viilteli itseään osastolla.", "self_harm"),
        # patient safety
        ("Äitini kaatui käytävällä eikä kukaan huomannut.", "patient_safety"),
        ("Isä on kaatunut kolme kertaa tällä viikolla.", "patient_safety"),
        ("Epäilen hoitovirhettä.", "patient_safety"),
        ("Hoitovirheen vuoksi jouduin uudelleen leikkaukseen.", "patient_safety"),
        ("Lääkevirheen takia hän joutui sairaalaan.", "patient_safety"),
        ("Raportoin lääkitysvirheestä.", "patient_safety"),
        ("Sain väärän lääkkeen.", "patient_safety"),
        ("Isä putosi sängystä yöllä.", "patient_safety"),
        ("Haluan ilmoittaa haittatapahtumasta.", "patient_safety"),
        ("Potilasturvallisuuden puutteet ovat huolestuttavia.", "patient_safety"),
        ("Lääkkeet unohdettiin antaa koko viikonlopun.", "patient_safety"),
        # danger
        ("Leikkipuiston keinu on hengenvaarallinen.", "danger"),
        ("Kerrostalossa oli tulipalo.", "danger"),
        ("Lapsi oli vähällä hukkua uimahallissa.", "danger"),
        ("Sortumisvaara vanhassa koulussa.", "danger"),
        ("Pommiuhkan vuoksi koulu tyhjennettiin.", "danger"),
    ],
)
def test_default_rules_find_inflected_finnish(text, category):
    assert category in categories(text)


@pytest.mark.parametrize(
    "text",
    [
        "Hoitaja oli ystävällinen ja sain hyvää palvelua.",
        "Lääkäri kertoi selkeästi.",
        "Kaikki sujui hyvin, kiitos!",
        "Sain apua nopeasti ja ajan heti seuraavalle päivälle.",
        "Odotusaika oli pitkä mutta palvelu hyvää.",
        "Katuvalo ei toimi Kauppakadulla.",
        "Koirien ulosteet maassa puistossa.",
        "Naapurin koira haukkuu koko päivän.",
        "Rakennustyömaan melu häiritsee.",
        "Vaari oli tyytyväinen hoitoon.",
        "Ruoka oli hyvää, ei valittamista.",
        "Tapasin lääkärin nopeasti ja hän tapaa potilaita joka päivä.",
        "Kiitos hyvästä hoidosta, olo on nyt turvallinen.",
        "Hoitaja kysyi vointiani ja toi ruokaa sekä juomaa.",
        "Tupakantumpit ja savukkeet lojuvat maassa.",
        "Hoitaja neuvoi lääkkeiden käytössä ja annostuksessa.",
        "Ei hätää, kaikki hyvin.",
        "",
    ],
)
def test_ordinary_feedback_matches_no_default_rule(text):
    assert match_text(text=text, rules=DEFAULTS) == []


def test_a_match_tells_what_matched_and_why():
    [match] = match_text(text="Hoitaja LÖI äitiäni.", rules=DEFAULTS)
    assert match == Match(rule_code="violence-fi", category="violence", matched="LÖI", term="lyödä")
    data = match.as_dict()
    assert json.loads(json.dumps(data)) == data
    assert data["rule_code"] == "violence-fi"
    assert data["category"] == "violence"
    assert data["matched"] == "LÖI"
    assert data["term"] == "lyödä"


def test_one_match_per_rule_and_one_per_each_rule_that_fires():
    text = "Minua lyötiin ja potkittiin. Sitten minua uhkailtiin. Äiti kaatui."
    matches = match_text(text=text, rules=DEFAULTS)
    assert sorted(m.rule_code for m in matches) == ["patient-safety-fi", "violence-fi"]


def test_terms_in_basic_form_match_verbs_and_nouns_by_lemma():
    verbs = [rule(terms="lyödä\nuhkailla\nkaatua")]
    for text in ("Häntä lyötiin.", "Hän löi.", "He lyövät.", "Minua uhkailtiin.", "Hän kaatui."):
        assert match_text(text=text, rules=verbs), text
    nouns = [rule(terms="väkivalta\nitsemurha")]
    for text in ("Väkivallan uhka.", "Väkivaltaa.", "Itsemurhaa.", "Itsemurhan jälkeen."):
        assert match_text(text=text, rules=nouns), text


def test_stem_fallback_reaches_unknown_compounds_but_not_other_known_words():
    compound = [rule(terms="lääkitysvirhe")]
    assert match_text(text="Kyse oli lääkitysvirheestä.", rules=compound)
    assert match_text(text="Lääkitysvirheen vuoksi.", rules=compound)
    danger = [rule(terms="vaara")]
    assert match_text(text="Olimme vaarassa.", rules=danger)
    assert not match_text(text="Vaari kävi vastaanotolla.", rules=danger)  # grandpa
    assert not match_text(text="Vaarallinen risteys.", rules=danger)  # another word


def test_prefix_wildcard():
    rules = [rule(terms="itsetuho*")]
    for text in ("Hän on itsetuhoinen.", "Itsetuhoisia ajatuksia.", "Itsetuhoisuus."):
        assert match_text(text=text, rules=rules), text
    assert not match_text(text="Itse tuhosin paperit.", rules=rules)


def test_suffix_wildcard_finds_compounds():
    rules = [rule(terms="*väkivalta")]
    for text in ("Perheväkivallan uhri.", "Lähisuhdeväkivaltaa.", "Väkivaltaa."):
        [match] = match_text(text=text, rules=rules)
        assert match.term == "*väkivalta"
    assert not match_text(text="Väkivaltainen mies.", rules=rules)
    # Without the wildcard, a compound is a word of its own.
    assert not match_text(text="Lähisuhdeväkivaltaa.", rules=[rule(terms="väkivalta")])


def test_contains_wildcard():
    rules = [rule(terms="*murha*")]
    assert match_text(text="Itsemurhayritys.", rules=rules)
    assert not match_text(text="Murehdin asiaa.", rules=rules)


def test_several_words_must_be_in_the_same_sentence():
    rules = [rule(terms="ei saada ruoka")]
    [match] = match_text(text="Äiti ei saanut ruokaa koko päivänä.", rules=rules)
    assert match.matched == "ei saanut ruokaa"
    assert not match_text(text="Äiti ei saanut apua. Ruokaa oli tarjolla.", rules=rules)
    assert not match_text(text="Äiti ei saanut apua\nRuokaa oli tarjolla", rules=rules)
    assert not match_text(text="Sain hyvää ruokaa.", rules=rules)


def test_inactive_and_score_rules_are_not_text_rules():
    rules = [
        rule(code="off", terms="lyödä", is_active=False),
        rule(code="score", kind="score", terms="lyödä", max_nps=2),
    ]
    assert match_text(text="Minua lyötiin.", rules=rules) == []


def test_bad_term_lines_are_skipped_rather_than_matching_everything():
    rules = [rule(terms="*\n**\nab\na*\n\nlyödä")]
    assert match_text(text="Hyvä palvelu.", rules=rules) == []
    assert match_text(text="Minua lyötiin.", rules=rules)


def test_find_terms_is_the_shared_matcher():
    hit = find_terms(text="Haluan tehdä muistutuksen.", terms=["kantelu", "muistutus"])
    assert (hit.term, hit.matched) == ("muistutus", "muistutuksen")
    assert find_terms(text="Kiitos.", terms=["muistutus"]) is None


# Scores


def score_rule(**fields):
    values = {"max_nps": 2, "statement_code": "turvallisuus", "statement_value": 1}
    values.update(fields)
    return rule(code="low", kind="score", category="low_score", **values)


@pytest.mark.parametrize(
    ("nps", "answers", "fires"),
    [
        (2, {"turvallisuus": 1}, True),
        (0, {"turvallisuus": 1, "saatavuus": 5}, True),
        (3, {"turvallisuus": 1}, False),
        (2, {"turvallisuus": 2}, False),
        (None, {"turvallisuus": 1}, False),
        (2, {}, False),
        (2, {"turvallisuus": None}, False),
        (2, {"saatavuus": 1}, False),
    ],
)
def test_score_rule_boundaries(nps, answers, fires):
    matches = match_scores(nps=nps, answers=answers, rules=[score_rule()])
    assert bool(matches) is fires
    if fires:
        [match] = matches
        assert match.category == "low_score"
        assert match.as_dict()["rule_code"] == "low"
        assert f"NPS {nps}" in match.matched


def test_score_rule_with_one_condition():
    only_nps = score_rule(statement_code="", statement_value=None)
    assert match_scores(nps=1, answers={}, rules=[only_nps])
    assert not match_scores(nps=5, answers={}, rules=[only_nps])
    only_statement = score_rule(max_nps=None)
    assert match_scores(nps=None, answers={"turvallisuus": 1}, rules=[only_statement])


def test_inactive_and_text_rules_are_not_score_rules():
    rules = [score_rule(is_active=False), rule(code="text", terms="lyödä", max_nps=5)]
    assert match_scores(nps=0, answers={"turvallisuus": 1}, rules=rules) == []


# Validation of terms


def test_validate_terms_accepts_good_lines():
    assert validate_terms("lyödä\n*väkivalta\nitsetuho*\n*murha*\nen halua elää\n\n") == []


@pytest.mark.parametrize(
    ("terms", "fragment"),
    [
        ("*", "“*”"),
        ("lyödä\n**", "Line 2"),
        ("ab", "at least 3 letters"),
        ("ab*", "at least 3 letters"),
        ("*ab", "at least 3 letters"),
        ("väk*ivalta", "beginning or the end"),
        ("***väki", "one * at each end"),
        ("kissa123", "letters only"),
        ("en ei", "one of the words"),
        ("en a elää", "single letter"),
        ("yksi kaksi kolme neljä viisi kuusi seitsemän", "at most 6 words"),
    ],
)
def test_validate_terms_explains_bad_lines(terms, fragment):
    with translation.override("en"):
        errors = validate_terms(terms)
    assert errors
    assert any(fragment in error for error in errors), errors


def test_validate_terms_numbers_each_bad_line():
    with translation.override("fi"):
        assert validate_terms("ok\nlyödä\n*")[0].startswith("Rivi 1")
    with translation.override("en"):
        errors = validate_terms("ok\nlyödä\n*")
    assert len(errors) == 2
    assert errors[0].startswith("Line 1")
    assert errors[1].startswith("Line 3")


# Rules in the database


@pytest.fixture
def tree(db):
    root = OrganizationFactory(code="county", kind="root", name_fi="Hyvinvointialue")
    area = OrganizationFactory(parent=root, code="area", name_fi="Terveyspalvelut")
    unit = OrganizationFactory(parent=area, code="unit", kind="service_unit", name_fi="Asema")
    other = OrganizationFactory(parent=root, code="other", name_fi="Sosiaalipalvelut")
    return {"root": root, "area": area, "unit": unit, "other": other}


def create_rule(code, organization=None, **fields) -> CriticalRule:
    values = {"kind": "expression", "category": "danger", "name_fi": code, "terms": "kissa"}
    values.update(fields)
    return CriticalRule.objects.create(code=code, organization=organization, **values)


def test_rules_for_takes_global_ancestor_and_own_rules_only(tree):
    CriticalRule.objects.all().delete()  # the migrated defaults are tested below
    everywhere = create_rule("everywhere")
    county = create_rule("county", tree["root"])
    area = create_rule("area", tree["area"])
    unit = create_rule("unit", tree["unit"])
    create_rule("other", tree["other"])
    create_rule("off", tree["area"], is_active=False)

    def codes(organization):
        return {r.code for r in rules_for(organization=organization)}

    assert codes(tree["unit"]) == {everywhere.code, county.code, area.code, unit.code}
    assert codes(tree["area"]) == {"everywhere", "county", "area"}
    assert codes(tree["root"]) == {"everywhere", "county"}
    assert codes(tree["other"]) == {"everywhere", "county", "other"}
    assert codes(None) == {"everywhere"}


def test_a_units_rule_does_not_apply_to_its_sibling(tree):
    CriticalRule.objects.all().delete()
    sibling = OrganizationFactory(parent=tree["area"], code="sibling", name_fi="Toinen asema")
    create_rule("unit", tree["unit"])
    assert [r.code for r in rules_for(organization=sibling)] == []


def test_check_feedback_combines_text_and_scores_of_the_organisation(tree):
    CriticalRule.objects.all().delete()
    create_rule("unit-words", tree["unit"], category="violence", terms="lyödä")
    create_rule(
        "low",
        None,
        kind="score",
        category="low_score",
        terms="",
        max_nps=2,
        statement_code="turvallisuus",
        statement_value=1,
    )
    create_rule("other-words", tree["other"], terms="kaatua")
    matches = check_feedback(
        organization=tree["unit"],
        text="Minua lyötiin. Isä kaatui.",
        nps=1,
        answers={"turvallisuus": 1},
    )
    assert [m.rule_code for m in matches] == ["unit-words", "low"]
    assert check_feedback(organization=tree["other"], text="Minua lyötiin.") == []
    assert check_feedback(organization=tree["unit"], text="Hyvää palvelua.", nps=9) == []


def test_the_migration_created_the_default_rules(db):
    stored = {r.code: r for r in CriticalRule.objects.filter(organization=None)}
    for default in DEFAULT_RULES:
        assert default["code"] in stored
        rule_ = stored[default["code"]]
        assert rule_.is_active
        assert (rule_.kind, rule_.category) == (default["kind"], default["category"])
        assert rule_.name_fi and rule_.name_sv and rule_.name_en
        assert validate_terms(rule_.terms) == []
    expression = {r.category for r in stored.values() if r.kind == "expression"}
    assert expression == {
        "danger",
        "violence",
        "neglect",
        "abuse",
        "self_harm",
        "patient_safety",
    }
    low = stored["low-nps-unsafe"]
    assert (low.kind, low.category, low.max_nps) == ("score", "low_score", 2)
    assert (low.statement_code, low.statement_value) == ("turvallisuus", 1)


def test_migrated_defaults_flag_feedback_anywhere(tree):
    matches = check_feedback(
        organization=tree["unit"],
        text="Isääni lyötiin osastolla.",
        nps=2,
        answers={"turvallisuus": 1},
    )
    assert {m.rule_code for m in matches} == {"violence-fi", "low-nps-unsafe"}
