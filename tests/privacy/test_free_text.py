"""Home addresses, people's names and health information: inflected Finnish, Swedish and
English, and the hard negatives that look like them."""

import pytest

from palaute.privacy.checks import FindingKind, check_fields, check_text


def found(text: str, kind: FindingKind) -> list[str]:
    return [text[f.start : f.end] for f in check_text(text) if f.kind == kind]


ADDRESS, NAME, HEALTH = FindingKind.ADDRESS, FindingKind.NAME, FindingKind.HEALTH


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("Asun osoitteessa Kauppakatu 12 B 7, 70100 Kuopio.", "Kauppakatu 12 B 7"),
        ("Meillä Kauppakadulla 12 B 7 on veto-ongelma.", "Kauppakadulla 12 B 7"),
        ("Äidin osoite on Koivukuja 3 as. 4.", "Koivukuja 3 as. 4"),
        ("Rantatie 5a:n kohdalla asuu perhe.", "Rantatie 5a:n"),
        ("Minna Canthin katu 22 A 5 on kotini.", "Minna Canthin katu 22 A 5"),
        ("Jag bor på Storgatan 4 B 12 i Vasa.", "Storgatan 4 B 12"),
        ("Vi bor på Strandvägen 7 A 2.", "Strandvägen 7 A 2"),
        ("My flat is at 12 Elm Street.", "12 Elm Street"),
        ("Asun Harjula 5:ssä, soittakaa.", "Harjula 5"),
    ],
)
def test_home_addresses_with_house_numbers_are_found(text, address):
    assert found(text, ADDRESS) == [address]


@pytest.mark.parametrize(
    "text",
    [
        "Kauppakadulla on iso kuoppa suojatien kohdalla.",
        "Valtatie 5 on ruuhkainen aamuisin.",
        "Puijonkadulla ajetaan 50 km/h liian kovaa.",
        "Bussi 12 ei pysähtynyt Snellmaninkadun pysäkillä.",
        "Linja 4 kulkee Minna Canthin katua pitkin.",
        "Postinumero 70100 ja kaupunki Kuopio.",
    ],
)
def test_streets_without_house_numbers_and_numbers_that_are_not_are_not_addresses(text):
    assert found(text, ADDRESS) == []


def test_in_the_place_field_only_an_address_with_a_flat_is_a_home():
    place = {"address": "Kauppakatu 12"}
    home = {"address": "Kauppakatu 12 B 7"}
    assert check_fields(place, places=("address",)) == []
    assert [f.kind for f in check_fields(home, places=("address",))] == [ADDRESS]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Hoitaja Virtasen käytös oli asiatonta.", ["Virtasen"]),
        ("Kysyin asiaa naapurin Mattilta, joka ei tiennyt.", ["Mattilta"]),
        ("Puhuin lääkäri Korhoselle puhelimessa.", ["Korhoselle"]),
        ("Anna-Liisa Mäkisen vastaanotolla oli jonoa.", ["Anna-Liisa Mäkisen"]),
        ("Opettaja Heikki kohteli poikaani huonosti.", ["Heikki"]),
        ("Kiitos vielä Pirjolle ja Eetulle avusta.", ["Pirjolle", "Eetulle"]),
        ("Terveisin\nMatti Virtanen", ["Matti Virtanen"]),
        ("Doktor Lindqvist var mycket vänlig.", ["Lindqvist"]),
        ("Tack till sjuksköterskan Anna för hjälpen.", ["Anna"]),
        ("Nurse Johnson was very kind to my mother.", ["Johnson"]),
        ("Asiakas Mohammed Al-Rashid odotti tulkkia.", ["Mohammed Al-Rashid"]),
    ],
)
def test_names_are_found_in_their_inflected_forms(text, names):
    assert found(text, NAME) == names


@pytest.mark.parametrize(
    "text",
    [
        "Kuopion Vesi katkaisi veden ilman ilmoitusta.",
        "Savon Voima lähetti väärän laskun.",
        "Minna Canthin kadulla on kuoppa.",
        "Snellmaninkadun valot eivät pala.",
        "Lahdessa ja Salossa on parempi lumenaura.",
        "Kallion terveysasemalla oli pitkä jono.",
        "Toivo on, että asia korjataan pian.",
        "Usko palvelun paranemiseen on mennyt.",
        "Puiston penkit on maalattu hienosti, kiitos!",
        "Aleksis Kiven patsaan ympäristö on roskainen.",
        "The library in Kuopio is open on Monday.",
    ],
)
def test_places_streets_organisations_and_words_are_not_names(text):
    assert found(text, NAME) == []


@pytest.mark.parametrize(
    ("text", "health"),
    [
        ("Olen diabeetikkona joutunut odottamaan insuliinia.", ["diabeetikkona", "insuliinia"]),
        ("Sain masennuslääkkeitä liian vähän.", ["masennuslääkkeitä"]),
        ("Verikokeiden tulokset tulivat viikon päästä.", ["Verikokeiden"]),
        ("Lonkkaleikkauksen jälkeen kotiin pääsy viivästyi.", ["Lonkkaleikkauksen"]),
        ("Minulla on diagnosoitu masennus.", ["diagnosoitu masennus"]),
        ("Äidilläni on muistisairaus ja kohonnut verenpaine.", ["muistisairaus", "verenpaine"]),
        ("Olen raskaana viikolla 32.", ["raskaana"]),
        ("Hän sai Marevan-annoksen väärin.", ["Marevan-annoksen"]),
        ("Jag har diabetes och högt blodtryck.", ["diabetes", "högt blodtryck"]),
        ("I had chest pain and my blood test results were lost.", ["chest pain", "blood test"]),
    ],
)
def test_health_information_is_found_in_inflected_finnish_and_other_languages(text, health):
    assert found(text, HEALTH) == health


@pytest.mark.parametrize(
    "text",
    [
        "Nurmikon leikkaus on jäänyt tekemättä.",
        "Puiden leikkaus aloitetaan ensi viikolla.",
        "Hiustenleikkaus maksoi liikaa.",
        "Lumen hoito on ollut huonoa koko talven.",
        "Meillä on kuumeinen kiire ennen joulua.",
        "Lääkäri oli ystävällinen ja terveysasemalla siistiä.",
        "Ajanvaraus päivystykseen toimi hyvin.",
        "Kirjaston tietokoneessa oli tietokonevirus.",
    ],
)
def test_other_senses_of_health_words_and_service_words_are_not_health(text):
    assert found(text, HEALTH) == []


@pytest.mark.parametrize(
    ("text", "health"),
    [
        # What a person can or cannot do, with words between the parts
        ("Isä ei pysty enää pukeutumaan itse.", ["ei pysty enää pukeutumaan"]),
        ("Enkä jaksa kävellä pysäkille asti.", ["Enkä jaksa kävellä"]),
        ("Hän ei enää puhu kuin muutaman sanan.", ["ei enää puhu"]),
        ("Nyt mummo kuulee taas radiota.", ["kuulee taas radiota"]),
        ("Nu kan hon inte gå alls.", ["kan hon inte gå"]),
        ("He can barely read anymore.", ["can barely read"]),
        # Symptoms in the writer's own words, beside a body part or not
        ("Olkapää on edelleen jäykkä.", ["Olkapää on edelleen jäykkä"]),
        ("Mina fötter känns konstiga.", ["fötter känns"]),
        ("Sertraliini ei auta ja nukun huonosti.", ["Sertraliini", "nukun huonosti"]),
        ("Paino laskee koko ajan.", ["Paino laskee"]),
        ("She has lost 6 kg since summer.", ["lost 6 kg"]),
        ("Hän kertoo juovansa päivittäin.", ["juovansa päivittäin"]),
        ("Äitini kaatui kotonaan viime viikolla.", ["kaatui kotonaan"]),
        ("Venlan sokerit ovat heitelleet.", ["sokerit ovat heitelleet"]),
        ("Omat tulokseni en ole saanut.", ["Omat tulokseni"]),
        ("Barnmorskan kollade mina värden.", ["mina värden"]),
        ("Minut leikattiin samana yönä.", ["Minut leikattiin"]),
        # Inflected compounds and possessives, capitals-only diagnoses, medicine stems
        ("Keittiö ei tiennyt hänen seesamiallergiastaan.", ["seesamiallergiastaan"]),
        ("Lääkäri hoitaa sokeritautiani.", ["sokeritautiani"]),
        ("Hänellä on anafylaksiariski.", ["anafylaksiariski"]),
        ("Jag har MS och använder rollator.", ["MS", "rollator"]),
        ("Käytän Amlodipiinia aamuisin.", ["Amlodipiinia"]),
        ("He takes bisoprolol and a statin.", ["bisoprolol", "statin"]),
        ("Jag är gravid och har foglossning.", ["gravid", "foglossning"]),
        ("I had a lot of pain. My partner has a knee injury.", ["pain", "knee injury"]),
        (
            "Äidillä todettiin lokakuussa virtsatietulehdus.",
            ["todettiin lokakuussa virtsatietulehdus"],
        ),
        ("Tyttäreni sai rokotteen väärään käteen.", ["sai rokotteen"]),
        ("Selkä on niin jumissa etten pääse ylös.", ["Selkä on niin jumissa"]),
        ("He can barely hear on the phone.", ["can barely hear"]),
        ("Mummo ei pysty lukemaan enää.", ["ei pysty lukemaan"]),
        ("Min pappa har blivit glömsk.", ["glömsk"]),
        ("Äiti liikkuu nykyään rollaattorilla.", ["rollaattorilla"]),
        ("Hänen lääkkeensä jaetaan dosettiin.", ["lääkkeensä"]),
        ("Päiväkodissa Lumi tarvitsee lääkettä ulkoilun aikana.", ["lääkettä"]),
        ("My father uses a wheelchair now.", ["uses a wheelchair"]),
        (
            "Äitini muisti on heikentynyt, ja hän unohtaa syödä.",
            ["muisti on heikentynyt", "unohtaa syödä"],
        ),
        ("Pappa har ramlat flera gånger hemma.", ["ramlat flera gånger"]),
        ("Poikani rokotettiin koulussa ilman lupaa.", ["rokotettiin"]),
        ("Han fick stelkrampsspruta på akuten.", ["stelkrampsspruta"]),
        ("He got his flu jab at the pharmacy.", ["flu jab"]),
        ("Min mamma klarar inte längre att duscha själv.", ["klarar inte längre att duscha"]),
        ("Pappa orkar inte gå till affären längre.", ["orkar inte gå"]),
        ("Han dricker för mycket och har tappat kontrollen.", ["dricker för mycket"]),
        ("Mormor känner inte igen oss längre.", ["känner inte igen"]),
        ("My mum can't manage the stairs any more.", ["can't manage the stairs"]),
        ("He is struggling to breathe at night.", ["struggling to breathe"]),
        ("She needs help getting dressed in the morning.", ["help getting dressed"]),
        ("My son wets the bed every night.", ["wets the bed"]),
        ("Isoisä kuulee huonosti puhelimessa.", ["kuulee huonosti"]),
        ("Hän ei aja enää näön heikkenemisen vuoksi.", ["näön heikkenemisen"]),
        ("My mother has trouble remembering things.", ["trouble remembering"]),
        ("Äijä on juonut taas viikon putkeen.", ["juonut taas viikon putkeen"]),
        ("Mun selkä on ihan kipee ja oksettaa.", ["kipee", "oksettaa"]),
    ],
)
def test_what_a_person_can_do_and_how_they_feel_is_health(text, health):
    assert found(text, HEALTH) == health


@pytest.mark.parametrize(
    "text",
    [
        # Noise, buses, pavements and apps: not the writer's health
        "Musiikki soi yöllä, enkä saa nukuttua ennen aamua.",
        "We have a baby and cannot sleep because of the bass.",
        "Vi bor här och kan inte sova med öppet fönster.",
        "The bus is so full that I can't get on with the pram.",
        "En pysty ymmärtämään tätä päätöstä.",
        "Puu kaatui tiellä myrskyssä ja aidat kaatuivat jalkakäytävälle.",
        "Sovellus kaatuu aina kun painan lähetä.",
        "Opasteet vastaanotoille ovat sekavia.",
        "Diabeteshoitajan vastaanotto siirtyi ensi viikkoon.",
        "Ms Virtanen from the library was helpful in April.",
        "The form says 'virus detected' for every file.",
        "Kävin huhtikuussa mittauttamassa tontin rajat.",
        "Kukaan ei kuule mitään, kun kone pitää meteliä.",
        "Jalkakäytävällä ei pysty kävelemään lumen takia.",
        "I can't walk there because the road is closed.",
        "Vi kan inte gå till skolan när vägen är avstängd.",
        "Tarkastuksessa todettiin puutteita kaiteissa.",
        "Katselmuksella todettiin puutteita valaistuksessa.",
        "Moni ei jaksa kävellä kauppaan asti, kun bussi lakkautettiin.",
        "Emme pysty kulkemaan puiston läpi rakennustyön vuoksi.",
        "En pysty lukemaan liitettä, se ei aukea.",
        "I cannot read the attachment.",
        "The sign is so small that I can barely read it.",
        "Jag kan inte läsa skylten, den är för liten.",
        "My kids cannot hear the teacher because of the noise.",
        "Sovellus kaatui kahdesti.",
        "Bussi ei jaksa nousta mäkeä talvella.",
        "Koululaiset rokotetaan ensi viikolla liikuntasalissa.",
        "Please use the stairs while the lift is repaired.",
        "We can't use the stairs during the renovation.",
        "Vi behöver hjälp med att tvätta fönstren.",
        "I need help with washing the car park.",
        "Hän juo kahvia päivittäin kahvilassa.",
        "Han dricker kaffe varje dag på torget.",
        "The kids drink a lot of juice at school.",
        "Meidän koiramme ei pysty kävelemään jäisellä kadulla.",
        "The park is sick of litter, honestly.",
        # General words with no person near: a group, a thing or a tree
        "Rollaattorilla tai pyörätuolilla on mahdotonta päästä reunakiven yli.",
        "Onko kaupungilla alennuksia pitkäaikaissairaille tai eläkeläisille?",
        "Koivut näyttävät sairailta, onko niissä jokin tauti?",
        "Ansökan om parkeringstillstånd för rörelsehindrade.",
    ],
)
def test_everyday_words_beside_the_new_constructions_are_not_health(text):
    assert found(text, HEALTH) == []


@pytest.mark.parametrize(
    ("text", "health"),
    [
        # Infections, development, injuries: inflected, and as a compound's last part
        ("Sain punkkiaivokuumeen viime kesänä.", ["punkkiaivokuumeen"]),
        ("Lapsella on jalkasilsaa eikä hän voi mennä uimaan.", ["jalkasilsaa"]),
        ("Minulla on polvivamma ja nilkan nyrjähdys.", ["polvivamma", "nyrjähdys"]),
        ("Hänellä on kova niskajumi.", ["niskajumi"]),
        ("Tyttäreni dysleksia ei ole koulun tiedossa.", ["dysleksia"]),
        ("Poikani on kehitysviivästymän vuoksi kotona.", ["kehitysviivästymän"]),
        # Medicines by class and by the stem of their international name; tests
        ("Käytän triptaaneja ja furosemidia.", ["triptaaneja", "furosemidia"]),
        ("Spirometrian tulokset tulivat vasta kuukauden päästä.", ["Spirometrian"]),
        ("Hampaani juurihoidettiin kahdesti.", ["juurihoidettiin"]),
        # A symptom beside a body part with a possessive suffix
        ("Jalkaani sattuu ja polveni pettää portaissa.", ["Jalkaani sattuu ja polveni pettää"]),
        # Pregnancy weeks, hospital stays, a person's condition and sobriety
        ("Olen raskaana (rv 32) ja pysäkiltä puuttuu penkki.", ["raskaana (rv 32"]),
        ("Isä joutui sairaalaan ja on teho-osastolla.", ["joutui sairaalaan", "teho-osastolla"]),
        ("Hänen vointinsa on huonontunut syksyllä.", ["vointinsa on huonontunut"]),
        ("Veljeni on ollut raitis kaksi vuotta.", ["ollut raitis"]),
        # Swedish and English compounds by their last part
        ("Jag har haft ryggvärken i veckor.", ["ryggvärken"]),
        ("Lungsjukdomen gör att jag inte orkar gå.", ["Lungsjukdomen"]),
        ("Han har hjärtflimmer och benprotesen skaver.", ["hjärtflimmer", "benprotesen"]),
        ("I have tendinitis and had an appendectomy.", ["tendinitis", "appendectomy"]),
        ("Her headaches got worse.", ["headaches"]),
        # What a person says in their own words
        ("Min pappa ligger på sjukhuset.", ["ligger på sjukhuset"]),
        ("Jag mår illa av avgaserna.", ["mår illa"]),
        ("Hon fick sy stygn i pannan.", ["stygn"]),
        ("I use a wheelchair and the ramp is broken.", ["use a wheelchair"]),
        ("Every morning I help him shower and eat.", ["help him shower"]),
        ("My son is non-verbal and autistic.", ["non-verbal", "autistic"]),
        ("I found a lump in my breast.", ["found a lump"]),
    ],
)
def test_health_words_of_every_kind_are_found_inflected_and_in_compounds(text, health):
    assert found(text, HEALTH) == health


@pytest.mark.parametrize(
    "text",
    [
        # Comparatives and words that contain a health word's last part
        "Vakavammat tapaukset hoidetaan ensin päivystyksessä.",
        "Vaativammat reitit ovat kiinni talven.",
        "Det är livsviktigt att vägen plogas.",
        "Onko välipalan ravintosisältöä mietitty?",
        "The man with a moustache parked on the pavement.",
        # Service rooms, devices, damage to buildings, outages and places
        "Imetysnurkkaus puuttuu kirjastosta.",
        "Kirjaston tabletit ovat rikki.",
        "Vi har en vattenskada i källaren.",
        "Sähköhäiriö kesti koko illan.",
        "Vesikatko kesti koko päivän.",
        "Valot palavat täydellä teholla koko yön.",
        "Siellä ei liiku ketään yöllä.",
        "Huono tie ja huonot jalkakäytävät.",
        "Kupittaan puistossa on roskia.",
        "Legionellaa löytyi uimahallin suihkuista.",
    ],
)
def test_words_that_only_look_like_the_new_health_words_are_not_health(text):
    assert found(text, HEALTH) == []


def test_a_specialty_is_health_only_when_a_person_is_treated_there():
    """A visit to a specialty names what a person is treated for; its opening hours do
    not."""
    assert found("Poikani pääsi vihdoin neurologin vastaanotolle.", HEALTH) == ["neurologin"]
    assert found("Min dotter väntar på tid till ungdomspsykiatrin.", HEALTH) == [
        "ungdomspsykiatrin"
    ]
    assert found("My dad was moved to the cardiology ward.", HEALTH) == ["cardiology ward"]
    assert found("Neurologian poliklinikan aukioloajat muuttuvat ensi viikolla.", HEALTH) == []
    assert found("The cardiology ward has a new entrance from the car park.", HEALTH) == []


def test_a_finding_overlapping_another_is_reported_once():
    text = "Lähetä osoitteeseen matti.virtanen@example.fi tai soita 040 123 4567."
    assert [f.kind for f in check_text(text)] == [FindingKind.EMAIL, FindingKind.PHONE]


def test_an_email_address_after_a_signature_dash_is_found():
    text = "Saunan kiuas ei lämpene. -kalle.mattila@example.fi"
    assert [text[f.start : f.end] for f in check_text(text)] == ["kalle.mattila@example.fi"]
    joined = "Lähetä osoitteeseen tuote-esite@example.fi"
    assert [joined[f.start : f.end] for f in check_text(joined)] == ["tuote-esite@example.fi"]
