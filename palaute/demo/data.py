"""Demo data: a city like Kuopio and a wellbeing services county like North Savo.

Pure data, no Django imports. The loader (``palaute.demo.loader``) turns it into
organisations, topics, staff users and feedback. Everything here is fictional: the places
are real-sounding, the people and the feedback are made up.
"""

from __future__ import annotations


def _org(code: str, kind: str, fi: str, sv: str, en: str, children=(), **extra) -> dict:
    """An organisation node; ``extra`` holds the optional keys (policy, moderation, email)."""
    node = {"code": code, "kind": kind, "name_fi": fi, "name_sv": sv, "name_en": en}
    node.update(extra)
    node["children"] = list(children)
    return node


def _topic(
    code: str,
    names: tuple[str, str, str],
    descriptions: tuple[str, str, str] = ("", "", ""),
    *,
    organization: str | None = None,
    location_mode: str = "optional",
    state: str = "active",
    children=(),
    **extra,
) -> dict:
    """A topic node; ``extra`` holds the optional keys (policy, keywords, elsewhere_*)."""
    node = {
        "service_code": code,
        "name_fi": names[0],
        "name_sv": names[1],
        "name_en": names[2],
        "description_fi": descriptions[0],
        "description_sv": descriptions[1],
        "description_en": descriptions[2],
        "organization": organization,
        "location_mode": location_mode,
        "state": state,
    }
    node.update(extra)
    node["children"] = list(children)
    return node


def _signed(sender: str, *texts: str) -> list[str]:
    """Answer texts with the responsible unit's signature."""
    return [f"{text}\n\nYstävällisin terveisin\n{sender}" for text in texts]


# ---------------------------------------------------------------------------------------
# Organisations
# ---------------------------------------------------------------------------------------

_ROOT, _AREA, _DOMAIN, _UNIT, _SERVICE_UNIT = (
    "root",
    "service_area",
    "domain",
    "responsibility_unit",
    "service_unit",
)

ORGANIZATIONS: list[dict] = [
    _org(
        "kuopio",
        _ROOT,
        "Kuopion kaupunki",
        "Kuopio stad",
        "City of Kuopio",
        publication_policy="allowed",
        moderation_mode="post",
        email="palaute@example.fi",
        children=[
            _org(
                "kuopio-kaupunkiymparisto",
                _AREA,
                "Kaupunkiympäristön palvelualue",
                "Serviceområdet för stadsmiljö",
                "Urban Environment Service Area",
                children=[
                    _org(
                        "kuopio-katu-ja-liikennesuunnittelu",
                        _UNIT,
                        "Katu- ja liikennesuunnittelu",
                        "Gatu- och trafikplanering",
                        "Street and Traffic Planning",
                    ),
                    _org(
                        "kuopio-kunnossapito",
                        _UNIT,
                        "Kunnossapito",
                        "Gatuunderhåll",
                        "Street Maintenance",
                        email="kunnossapito@example.fi",
                    ),
                    _org(
                        "kuopio-puistot-ja-viheralueet",
                        _UNIT,
                        "Puistot ja viheralueet",
                        "Parker och grönområden",
                        "Parks and Green Areas",
                    ),
                    _org(
                        "kuopio-rakennusvalvonta",
                        _UNIT,
                        "Rakennusvalvonta",
                        "Byggnadstillsyn",
                        "Building Control",
                        moderation_mode="pre",
                    ),
                    _org(
                        "kuopio-joukkoliikenne",
                        _UNIT,
                        "Joukkoliikenne",
                        "Kollektivtrafik",
                        "Public Transport",
                    ),
                    _org(
                        "kuopio-ymparistopalvelut",
                        _UNIT,
                        "Ympäristö- ja jätehuoltopalvelut",
                        "Miljö- och avfallshanteringstjänster",
                        "Environmental and Waste Management Services",
                    ),
                    _org(
                        "kuopio-kaavoitus", _UNIT, "Kaavoitus", "Planläggning", "Land Use Planning"
                    ),
                ],
            ),
            _org(
                "kuopio-elinvoima",
                _AREA,
                "Elinvoima- ja konsernipalvelut",
                "Livskrafts- och koncerntjänster",
                "Vitality and Group Services",
                children=[
                    _org(
                        "kuopio-kaupunkimarkkinointi",
                        _UNIT,
                        "Kaupunkimarkkinointi ja matkailu",
                        "Stadsmarknadsföring och turism",
                        "City Marketing and Tourism",
                    ),
                    _org(
                        "kuopio-tyollisyyspalvelut",
                        _UNIT,
                        "Työllisyyspalvelut",
                        "Sysselsättningstjänster",
                        "Employment Services",
                    ),
                ],
            ),
            _org(
                "kuopio-sote",
                _AREA,
                "Sosiaali- ja terveyspalvelut",
                "Social- och hälsovårdstjänster",
                "Social and Health Services",
                publication_policy="never",
                children=[
                    _org(
                        "kuopio-terveysneuvonta",
                        _UNIT,
                        "Terveysneuvonta",
                        "Hälsorådgivning",
                        "Health Advice Line",
                    ),
                    _org(
                        "kuopio-aikuissosiaalityo",
                        _UNIT,
                        "Aikuissosiaalityö",
                        "Socialt arbete för vuxna",
                        "Adult Social Work",
                    ),
                ],
            ),
            _org(
                "kuopio-hyvinvointi",
                _AREA,
                "Hyvinvoinnin edistämisen palvelualue",
                "Serviceområdet för främjande av välfärd",
                "Wellbeing Promotion Service Area",
                children=[
                    _org(
                        "kuopio-liikunta-ja-ulkoilu",
                        _DOMAIN,
                        "Liikunta ja ulkoilu",
                        "Idrott och friluftsliv",
                        "Sports and Outdoor Recreation",
                        children=[
                            _org(
                                "kuopio-liikuntapaikat",
                                _UNIT,
                                "Liikuntapaikat",
                                "Idrottsplatser",
                                "Sports Facilities",
                            ),
                            _org(
                                "kuopio-uimahallit",
                                _UNIT,
                                "Uimahallit ja uimarannat",
                                "Simhallar och badstränder",
                                "Swimming Halls and Beaches",
                            ),
                            _org(
                                "kuopio-ulkoilureitit",
                                _UNIT,
                                "Ulkoilureitit ja ladut",
                                "Friluftsleder och skidspår",
                                "Outdoor Trails and Ski Tracks",
                            ),
                        ],
                    ),
                ],
            ),
            _org(
                "kuopio-kasvu-ja-oppiminen",
                _AREA,
                "Kasvun ja oppimisen palvelualue",
                "Serviceområdet för uppväxt och lärande",
                "Growth and Learning Service Area",
                children=[
                    _org(
                        "kuopio-varhaiskasvatus",
                        _UNIT,
                        "Varhaiskasvatus",
                        "Småbarnspedagogik",
                        "Early Childhood Education",
                    ),
                ],
            ),
            _org(
                "kuopion-vesi",
                _AREA,
                "Kuopion Vesi",
                "Kuopio Vatten",
                "Kuopio Water",
                email="vesi.palaute@example.fi",
                children=[
                    _org(
                        "kuopion-vesi-verkostot",
                        _UNIT,
                        "Verkostot",
                        "Ledningsnät",
                        "Water and Sewer Networks",
                    ),
                    _org(
                        "kuopion-vesi-asiakaspalvelu",
                        _UNIT,
                        "Asiakaspalvelu ja laskutus",
                        "Kundtjänst och fakturering",
                        "Customer Service and Billing",
                    ),
                ],
            ),
        ],
    ),
    _org(
        "pshva",
        _ROOT,
        "Pohjois-Savon hyvinvointialue",
        "Norra Savolax välfärdsområde",
        "North Savo wellbeing services county",
        publication_policy="never",
        email="asiakaspalaute@example.fi",
        children=[
            _org(
                "pshva-perhe-ja-sosiaalipalvelut",
                _AREA,
                "Perhe- ja sosiaalipalvelut",
                "Familje- och socialtjänster",
                "Family and Social Services",
                children=[
                    _org(
                        "pshva-lapsiperheiden-palvelut",
                        _UNIT,
                        "Lapsiperheiden palvelut",
                        "Tjänster för barnfamiljer",
                        "Services for Families with Children",
                        children=[
                            _org(
                                "pshva-lastensuojelu-kuopio",
                                _SERVICE_UNIT,
                                "Lastensuojelu, Kuopio",
                                "Barnskydd, Kuopio",
                                "Child Welfare, Kuopio",
                            ),
                            _org(
                                "pshva-perheneuvola-kuopio",
                                _SERVICE_UNIT,
                                "Perheneuvola, Kuopio",
                                "Familjerådgivningen, Kuopio",
                                "Family Counselling Clinic, Kuopio",
                            ),
                        ],
                    ),
                ],
            ),
            _org(
                "pshva-terveyspalvelut",
                _AREA,
                "Terveyspalvelut",
                "Hälsotjänster",
                "Health Services",
                children=[
                    _org(
                        "pshva-perusterveydenhuolto",
                        _DOMAIN,
                        "Perusterveydenhuolto",
                        "Primärvård",
                        "Primary Health Care",
                        children=[
                            _org(
                                "pshva-terveysasemat",
                                _UNIT,
                                "Terveysasemat",
                                "Hälsostationer",
                                "Health Centres",
                                children=[
                                    _org(
                                        "pshva-tk-mannisto",
                                        _SERVICE_UNIT,
                                        "Kuopion terveysasema, Männistö",
                                        "Kuopio hälsostation, Männistö",
                                        "Kuopio Health Centre, Männistö",
                                        email="mannisto.terveysasema@example.fi",
                                    ),
                                    _org(
                                        "pshva-tk-petonen",
                                        _SERVICE_UNIT,
                                        "Kuopion terveysasema, Petonen",
                                        "Kuopio hälsostation, Petonen",
                                        "Kuopio Health Centre, Petonen",
                                    ),
                                    _org(
                                        "pshva-tk-siilinjarvi",
                                        _SERVICE_UNIT,
                                        "Siilinjärven terveysasema",
                                        "Siilinjärvi hälsostation",
                                        "Siilinjärvi Health Centre",
                                    ),
                                ],
                            ),
                        ],
                    ),
                    _org(
                        "pshva-suun-terveydenhuolto",
                        _DOMAIN,
                        "Suun terveydenhuolto",
                        "Munhälsovård",
                        "Oral Health Care",
                        children=[
                            _org(
                                "pshva-hammashoitolat",
                                _UNIT,
                                "Hammashoitolat",
                                "Tandkliniker",
                                "Dental Clinics",
                                children=[
                                    _org(
                                        "pshva-suun-th-kuopio-keskusta",
                                        _SERVICE_UNIT,
                                        "Suun terveydenhuolto, Kuopio keskusta",
                                        "Munhälsovård, Kuopio centrum",
                                        "Oral Health Care, Kuopio City Centre",
                                    ),
                                    _org(
                                        "pshva-suun-th-siilinjarvi",
                                        _SERVICE_UNIT,
                                        "Suun terveydenhuolto, Siilinjärvi",
                                        "Munhälsovård, Siilinjärvi",
                                        "Oral Health Care, Siilinjärvi",
                                    ),
                                ],
                            ),
                        ],
                    ),
                ],
            ),
            _org(
                "pshva-ikaihmisten-palvelut",
                _AREA,
                "Ikäihmisten palvelut",
                "Tjänster för äldre",
                "Services for Older People",
                children=[
                    _org(
                        "pshva-kotihoito",
                        _UNIT,
                        "Kotihoito",
                        "Hemvård",
                        "Home Care",
                        children=[
                            _org(
                                "pshva-kotihoito-kuopio-ita",
                                _SERVICE_UNIT,
                                "Kotihoito, Kuopion itäinen alue",
                                "Hemvård, Kuopios östra område",
                                "Home Care, Eastern Kuopio",
                            ),
                        ],
                    ),
                    _org(
                        "pshva-asumispalvelut",
                        _UNIT,
                        "Asumispalvelut",
                        "Boendetjänster",
                        "Housing Services",
                        children=[
                            _org(
                                "pshva-palveluasuminen-kuopio",
                                _SERVICE_UNIT,
                                "Ympärivuorokautinen palveluasuminen, Kuopio",
                                "Serviceboende med heldygnsomsorg, Kuopio",
                                "24-hour Assisted Living, Kuopio",
                            ),
                        ],
                    ),
                ],
            ),
            _org(
                "pshva-ensihoito-ja-paivystys",
                _AREA,
                "Ensihoito ja päivystys",
                "Prehospital akutsjukvård och jour",
                "Emergency Medical Services and Emergency Care",
                children=[
                    _org(
                        "pshva-paivystys",
                        _UNIT,
                        "Yhteispäivystys",
                        "Samjour",
                        "Joint Emergency Services",
                        children=[
                            _org(
                                "pshva-paivystys-kys",
                                _SERVICE_UNIT,
                                "Päivystys, KYS",
                                "Jouren, KUS",
                                "Emergency Department, Kuopio University Hospital",
                            ),
                        ],
                    ),
                    _org(
                        "pshva-ensihoito",
                        _UNIT,
                        "Ensihoito",
                        "Prehospital akutsjukvård",
                        "Emergency Medical Services",
                    ),
                ],
            ),
        ],
    ),
]


# ---------------------------------------------------------------------------------------
# Topics. Group nodes are not chosen by residents; leaves take the feedback.
# ---------------------------------------------------------------------------------------

TOPICS: list[dict] = [
    _topic(
        "kaupunkiymparisto",
        ("Kaupunkiympäristö", "Stadsmiljö", "Urban environment"),
        organization="kuopio-kaupunkiymparisto",
        children=[
            _topic(
                "kadut-ja-liikenne",
                ("Kadut ja liikenne", "Gator och trafik", "Streets and traffic"),
                organization="kuopio-katu-ja-liikennesuunnittelu",
                children=[
                    _topic(
                        "katujen-kunnossapito",
                        (
                            "Katujen kunnossapito ja auraus",
                            "Gatuunderhåll och snöplogning",
                            "Street maintenance and snow ploughing",
                        ),
                        (
                            "Katujen ja kevyen liikenteen väylien kunto, auraus, hiekoitus ja "
                            "puhtaanapito.",
                            "Skicket på gator och gång- och cykelvägar, snöplogning, sandning och "
                            "renhållning.",
                            "Condition, snow ploughing, gritting and cleaning of streets and "
                            "pedestrian and cycle paths.",
                        ),
                        organization="kuopio-kunnossapito",
                        location_mode="required",
                        keywords="auraus,hiekoitus,lumi,liukkaus,kuoppa,harjaus,katupöly",
                    ),
                    _topic(
                        "katuvalot",
                        ("Katuvalot", "Gatubelysning", "Street lighting"),
                        (
                            "Pimeät, vilkkuvat tai vaurioituneet katuvalot.",
                            "Släckta, blinkande eller skadade gatlyktor.",
                            "Street lights that are out, flickering or damaged.",
                        ),
                        organization="kuopio-kunnossapito",
                        location_mode="required",
                        keywords="katuvalo,valaistus,valopylväs,pimeä",
                    ),
                    _topic(
                        "liikennevalot-ja-merkit",
                        (
                            "Liikennevalot ja liikennemerkit",
                            "Trafikljus och trafikmärken",
                            "Traffic lights and traffic signs",
                        ),
                        (
                            "Liikennevalojen toiminta sekä liikennemerkit ja tiemerkinnät.",
                            "Trafikljusens funktion samt trafikmärken och vägmarkeringar.",
                            "Traffic light operation, traffic signs and road markings.",
                        ),
                        location_mode="required",
                        keywords="liikennevalo,liikennemerkki,tiemerkintä,risteys",
                    ),
                    _topic(
                        "pyoraily-ja-kavely",
                        ("Pyöräily ja kävely", "Cykling och gång", "Cycling and walking"),
                        (
                            "Kävely- ja pyöräilyreitit, suojatiet ja pyöräpysäköinti.",
                            "Gång- och cykelleder, övergångsställen och cykelparkering.",
                            "Walking and cycling routes, pedestrian crossings and bicycle parking.",
                        ),
                        keywords="pyörätie,suojatie,jalkakäytävä,pyöräteline",
                    ),
                    _topic(
                        "pysakointi",
                        ("Pysäköinti", "Parkering", "Parking"),
                        (
                            "Pysäköintipaikat, pysäköintimaksut ja pysäköinnin valvonta.",
                            "Parkeringsplatser, parkeringsavgifter och parkeringsövervakning.",
                            "Parking spaces, parking fees and parking enforcement.",
                        ),
                        keywords="pysäköinti,parkkipaikka,pysäköintiautomaatti,virhemaksu",
                    ),
                    _topic(
                        "kaupunkipyorat",
                        ("Kaupunkipyörät", "Stadscyklar", "City bikes"),
                        (
                            "Kaupunkipyöräjärjestelmä ei ole tällä hetkellä käytössä.",
                            "Stadscykelsystemet är för närvarande inte i bruk.",
                            "The city bike system is not currently in use.",
                        ),
                        state="inactive",
                    ),
                ],
            ),
            _topic(
                "puistot",
                ("Puistot ja viheralueet", "Parker och grönområden", "Parks and green areas"),
                organization="kuopio-puistot-ja-viheralueet",
                children=[
                    _topic(
                        "leikkipaikat",
                        ("Leikkipaikat", "Lekplatser", "Playgrounds"),
                        (
                            "Leikkipuistojen ja leikkivälineiden kunto ja turvallisuus.",
                            "Lekparkernas och lekredskapens skick och säkerhet.",
                            "Condition and safety of playgrounds and play equipment.",
                        ),
                        location_mode="required",
                        keywords="leikkipuisto,keinu,hiekkalaatikko,liukumäki",
                    ),
                    _topic(
                        "puistojen-hoito",
                        ("Puistojen hoito", "Skötsel av parker", "Park maintenance"),
                        (
                            "Puistojen nurmikot, istutukset, penkit ja roska-astiat.",
                            "Parkernas gräsmattor, planteringar, bänkar och papperskorgar.",
                            "Lawns, plantings, benches and litter bins in parks.",
                        ),
                        location_mode="required",
                        keywords="puisto,nurmikko,penkki,kukat,roskis",
                    ),
                    _topic(
                        "puut-ja-metsat",
                        ("Puut ja metsät", "Träd och skogar", "Trees and forests"),
                        (
                            "Katu- ja puistopuut sekä kaupungin lähimetsien hoito.",
                            "Gatu- och parkträd samt skötseln av stadens närskogar.",
                            "Street and park trees and the care of the city's local forests.",
                        ),
                        keywords="puu,metsä,hakkuu,oksat,lähimetsä",
                    ),
                ],
            ),
            _topic(
                "rakennusvalvonta",
                ("Rakennusvalvonta", "Byggnadstillsyn", "Building control"),
                (
                    "Rakennuslupien neuvonta ja käsittely sekä rakennusten kunnon valvonta.",
                    "Rådgivning och handläggning av bygglov samt tillsyn över byggnaders skick.",
                    "Building permit advice and processing and supervision of building condition.",
                ),
                organization="kuopio-rakennusvalvonta",
                keywords="rakennuslupa,lupapiste,rakentaminen,purku",
            ),
            _topic(
                "joukkoliikenne",
                ("Joukkoliikenne", "Kollektivtrafik", "Public transport"),
                organization="kuopio-joukkoliikenne",
                children=[
                    _topic(
                        "vilkku-bussit",
                        ("Vilkku-bussit", "Vilkku-bussarna", "Vilkku buses"),
                        (
                            "Vilkku-bussien reitit, aikataulut, liput ja kuljettajien palvelu.",
                            "Vilkku-bussarnas linjer, tidtabeller, biljetter och förarnas service.",
                            "Vilkku bus routes, timetables, tickets and driver service.",
                        ),
                        keywords="bussi,vilkku,aikataulu,lippu,kuljettaja",
                    ),
                    _topic(
                        "pysakit",
                        ("Pysäkit", "Hållplatser", "Bus stops"),
                        (
                            "Bussipysäkit, katokset ja aikataulunäytöt.",
                            "Busshållplatser, väderskydd och tidtabellsskärmar.",
                            "Bus stops, shelters and timetable displays.",
                        ),
                        location_mode="required",
                        keywords="pysäkki,katos,aikataulunäyttö",
                    ),
                ],
            ),
            _topic(
                "jatehuolto",
                (
                    "Jätehuolto ja roskaantuminen",
                    "Avfallshantering och nedskräpning",
                    "Waste management and littering",
                ),
                (
                    "Roskaantuminen, luvattomat jätteet ja kierrätyspisteet.",
                    "Nedskräpning, olovligt avfall och återvinningspunkter.",
                    "Littering, illegally dumped waste and recycling points.",
                ),
                organization="kuopio-ymparistopalvelut",
                keywords="roskat,jäte,kierrätys,roskaantuminen",
            ),
            _topic(
                "kaavoitus",
                ("Kaavoitus", "Planläggning", "Land use planning"),
                (
                    "Asemakaavat, yleiskaava ja maankäytön suunnittelu.",
                    "Detaljplaner, generalplan och markanvändningsplanering.",
                    "Local detailed plans, the master plan and land use planning.",
                ),
                organization="kuopio-kaavoitus",
                keywords="asemakaava,yleiskaava,maankäyttö,kaavaluonnos",
            ),
        ],
    ),
    _topic(
        "hyvinvointi",
        ("Hyvinvointi ja vapaa-aika", "Välfärd och fritid", "Wellbeing and leisure"),
        organization="kuopio-hyvinvointi",
        children=[
            _topic(
                "liikunta-ja-ulkoilu",
                ("Liikunta ja ulkoilu", "Idrott och friluftsliv", "Sports and outdoor recreation"),
                organization="kuopio-liikunta-ja-ulkoilu",
                children=[
                    _topic(
                        "liikuntapaikat",
                        (
                            "Liikuntapaikat ja kentät",
                            "Idrottsplatser och planer",
                            "Sports venues and fields",
                        ),
                        (
                            "Urheilukentät, kuntoportaat, ulkokuntosalit ja luistelukentät.",
                            "Idrottsplaner, motionstrappor, utegym och skridskobanor.",
                            "Sports fields, exercise stairs, outdoor gyms and skating rinks.",
                        ),
                        organization="kuopio-liikuntapaikat",
                        keywords="kenttä,tekonurmi,kuntoportaat,ulkokuntosali,luistelu",
                    ),
                    _topic(
                        "uimahallit-ja-rannat",
                        (
                            "Uimahallit ja uimarannat",
                            "Simhallar och badstränder",
                            "Swimming halls and beaches",
                        ),
                        (
                            "Uimahallit, maauimalat ja yleiset uimarannat.",
                            "Simhallar, utomhusbassänger och allmänna badstränder.",
                            "Swimming halls, outdoor pools and public beaches.",
                        ),
                        organization="kuopio-uimahallit",
                        keywords="uimahalli,uimaranta,sinilevä,allas",
                    ),
                    _topic(
                        "ladut-ja-reitit",
                        (
                            "Ladut ja ulkoilureitit",
                            "Skidspår och friluftsleder",
                            "Ski tracks and outdoor trails",
                        ),
                        (
                            "Hiihtoladut, ulkoilureitit ja luontopolut.",
                            "Skidspår, friluftsleder och naturstigar.",
                            "Ski tracks, outdoor trails and nature paths.",
                        ),
                        organization="kuopio-ulkoilureitit",
                        keywords="latu,hiihto,ulkoilureitti,luontopolku,pitkospuut",
                    ),
                    _topic(
                        "liikuntaneuvonta",
                        (
                            "Liikuntaneuvonta ja ohjatut ryhmät",
                            "Motionsrådgivning och ledda grupper",
                            "Exercise counselling and guided groups",
                        ),
                        (
                            "Liikuntaneuvonta sekä ohjatut liikuntaryhmät eri-ikäisille.",
                            "Motionsrådgivning och ledda motionsgrupper för alla åldrar.",
                            "Exercise counselling and guided exercise groups for all ages.",
                        ),
                        location_mode="none",
                        keywords="liikuntaryhmä,jumppa,vesijumppa,liikuntaneuvonta",
                    ),
                ],
            ),
            _topic(
                "kirjastot",
                ("Kirjastot", "Bibliotek", "Libraries"),
                (
                    "Kirjastojen palautteet annetaan kirjaston omassa palvelussa.",
                    "Respons om biblioteken ges i bibliotekets egen tjänst.",
                    "Feedback on libraries is given in the library's own service.",
                ),
                location_mode="none",
                state="elsewhere",
                elsewhere_url="https://www.kuopio.fi/kirjasto",
                elsewhere_text_fi=(
                    "Kirjastojen palautteet käsitellään Kuopion kaupunginkirjaston omalla "
                    "palautelomakkeella. Siirry kirjaston sivuille antamaan palautetta."
                ),
                elsewhere_text_sv=(
                    "Respons om biblioteken behandlas via Kuopio stadsbiblioteks egen "
                    "responsblankett. Gå till bibliotekets webbplats för att ge respons."
                ),
                elsewhere_text_en=(
                    "Feedback on libraries is handled through Kuopio City Library's own feedback "
                    "form. Please go to the library's website to give feedback."
                ),
            ),
        ],
    ),
    _topic(
        "vesihuolto",
        ("Kuopion Vesi", "Kuopio Vatten", "Kuopio Water"),
        organization="kuopion-vesi",
        children=[
            _topic(
                "vesijohto-ja-viemari",
                ("Vesijohto ja viemäri", "Vattenledning och avlopp", "Water mains and sewers"),
                (
                    "Vesijohto- ja viemäriverkoston viat, vuodot ja vesikatkot.",
                    "Fel, läckor och avbrott i vatten- och avloppsnätet.",
                    "Faults, leaks and interruptions in the water and sewer network.",
                ),
                organization="kuopion-vesi-verkostot",
                location_mode="required",
                keywords="vesivuoto,viemäri,vesikatko,kaivonkansi",
            ),
            _topic(
                "veden-laatu",
                ("Veden laatu", "Vattenkvalitet", "Water quality"),
                (
                    "Talousveden maku, haju, väri ja kovuus.",
                    "Hushållsvattnets smak, lukt, färg och hårdhet.",
                    "Taste, odour, colour and hardness of tap water.",
                ),
                keywords="vesi,maku,haju,kovuus,sameus",
            ),
            _topic(
                "vesilaskut",
                ("Vesilaskut", "Vattenräkningar", "Water bills"),
                (
                    "Vesilaskut, mittarilukemat ja vesihuollon maksut.",
                    "Vattenräkningar, mätarställningar och vattentjänstavgifter.",
                    "Water bills, meter readings and water service charges.",
                ),
                organization="kuopion-vesi-asiakaspalvelu",
                location_mode="none",
                keywords="lasku,mittarilukema,perusmaksu,e-lasku",
            ),
            _topic(
                "hulevedet",
                ("Hulevedet", "Dagvatten", "Stormwater"),
                (
                    "Sadevesikaivot, ojat ja tulvivat kadut.",
                    "Dagvattenbrunnar, diken och översvämmade gator.",
                    "Storm drains, ditches and flooded streets.",
                ),
                organization="kuopion-vesi-verkostot",
                keywords="sadevesi,kaivo,oja,tulva",
            ),
        ],
    ),
    _topic(
        "elinvoima",
        ("Elinvoima ja työllisyys", "Livskraft och sysselsättning", "Vitality and employment"),
        organization="kuopio-elinvoima",
        children=[
            _topic(
                "matkailu-ja-tapahtumat",
                ("Matkailu ja tapahtumat", "Turism och evenemang", "Tourism and events"),
                (
                    "Kaupungin tapahtumat, matkailuneuvonta ja opasteet.",
                    "Stadens evenemang, turistinformation och skyltning.",
                    "City events, tourist information and signposting.",
                ),
                organization="kuopio-kaupunkimarkkinointi",
                keywords="tapahtuma,matkailu,opaste,satama",
            ),
            _topic(
                "tyollisyyspalvelut",
                ("Työllisyyspalvelut", "Sysselsättningstjänster", "Employment services"),
                (
                    "Työnhakijoiden ja työnantajien palvelut sekä nuorten työllisyyspalvelut.",
                    "Tjänster för arbetssökande och arbetsgivare samt sysselsättningstjänster för "
                    "unga.",
                    "Services for jobseekers and employers and employment services for young people.",
                ),
                organization="kuopio-tyollisyyspalvelut",
                location_mode="none",
                keywords="työnhaku,palkkatuki,valmennus,kesätyö",
            ),
        ],
    ),
    _topic(
        "sote",
        (
            "Sosiaali- ja terveyspalvelut",
            "Social- och hälsovårdstjänster",
            "Social and health services",
        ),
        organization="kuopio-sote",
        publication_policy="never",
        location_mode="none",
        children=[
            _topic(
                "terveysneuvonta",
                ("Terveysneuvonta", "Hälsorådgivning", "Health advice line"),
                (
                    "Puhelimitse annettava terveysneuvonta ja palveluohjaus.",
                    "Hälsorådgivning och servicehänvisning per telefon.",
                    "Health advice and service guidance by telephone.",
                ),
                organization="kuopio-terveysneuvonta",
                publication_policy="never",
                location_mode="none",
            ),
            _topic(
                "sosiaalityo",
                ("Sosiaalityö", "Socialt arbete", "Social work"),
                (
                    "Aikuissosiaalityö ja täydentävä toimeentulotuki.",
                    "Socialt arbete för vuxna och kompletterande utkomststöd.",
                    "Adult social work and supplementary social assistance.",
                ),
                organization="kuopio-aikuissosiaalityo",
                publication_policy="never",
                location_mode="none",
            ),
        ],
    ),
    _topic(
        "kasvu-ja-oppiminen",
        ("Kasvu ja oppiminen", "Uppväxt och lärande", "Growth and learning"),
        organization="kuopio-kasvu-ja-oppiminen",
        location_mode="none",
        children=[
            _topic(
                "varhaiskasvatus-ja-koulut",
                (
                    "Varhaiskasvatus ja koulut",
                    "Småbarnspedagogik och skolor",
                    "Early childhood education and schools",
                ),
                (
                    "Varhaiskasvatus, perusopetus ja lukiot.",
                    "Småbarnspedagogik, grundläggande utbildning och gymnasier.",
                    "Early childhood education, basic education and upper secondary schools.",
                ),
                location_mode="none",
                state="elsewhere",
                elsewhere_email="kasvunjaoppimisen.asiointi@kuopio.fi",
                elsewhere_text_fi=(
                    "Kasvun ja oppimisen palvelualue ei ole vielä palautepalvelussa. Lähetä "
                    "palaute suoraan päiväkodin tai koulun palvelusähköpostiin tai osoitteeseen "
                    "kasvunjaoppimisen.asiointi@kuopio.fi."
                ),
                elsewhere_text_sv=(
                    "Serviceområdet för uppväxt och lärande finns ännu inte i responstjänsten. "
                    "Skicka din respons direkt till daghemmets eller skolans e-postadress eller "
                    "till kasvunjaoppimisen.asiointi@kuopio.fi."
                ),
                elsewhere_text_en=(
                    "The Growth and Learning Service Area is not yet on the feedback service. "
                    "Please send your feedback directly to the service email of the day care "
                    "centre or school, or to kasvunjaoppimisen.asiointi@kuopio.fi."
                ),
            ),
        ],
    ),
    _topic(
        "hyvinvointialue",
        (
            "Hyvinvointialueen palvelut",
            "Välfärdsområdets tjänster",
            "Wellbeing services county services",
        ),
        organization="pshva",
        publication_policy="never",
        location_mode="none",
        children=[
            _topic(
                "terveysasemat",
                ("Terveysasemat", "Hälsostationer", "Health centres"),
                organization="pshva-terveysasemat",
                location_mode="none",
                children=[
                    _topic(
                        "terveysasema-mannisto",
                        (
                            "Männistön terveysasema",
                            "Männistö hälsostation",
                            "Männistö health centre",
                        ),
                        (
                            "Männistön terveysaseman vastaanotot, laboratorio ja ajanvaraus.",
                            "Mottagningar, laboratorium och tidsbokning vid Männistö hälsostation.",
                            "Appointments, laboratory and booking at Männistö health centre.",
                        ),
                        organization="pshva-tk-mannisto",
                        location_mode="none",
                    ),
                    _topic(
                        "terveysasema-petonen",
                        ("Petosen terveysasema", "Petonen hälsostation", "Petonen health centre"),
                        (
                            "Petosen terveysaseman vastaanotot ja ajanvaraus.",
                            "Mottagningar och tidsbokning vid Petonen hälsostation.",
                            "Appointments and booking at Petonen health centre.",
                        ),
                        organization="pshva-tk-petonen",
                        location_mode="none",
                    ),
                    _topic(
                        "terveysasema-siilinjarvi",
                        (
                            "Siilinjärven terveysasema",
                            "Siilinjärvi hälsostation",
                            "Siilinjärvi health centre",
                        ),
                        (
                            "Siilinjärven terveysaseman vastaanotot ja ajanvaraus.",
                            "Mottagningar och tidsbokning vid Siilinjärvi hälsostation.",
                            "Appointments and booking at Siilinjärvi health centre.",
                        ),
                        organization="pshva-tk-siilinjarvi",
                        location_mode="none",
                    ),
                ],
            ),
            _topic(
                "suun-terveydenhuolto",
                ("Suun terveydenhuolto", "Munhälsovård", "Oral health care"),
                (
                    "Hammaslääkärin ja suuhygienistin vastaanotot Kuopion keskustassa.",
                    "Tandläkar- och munhygienistmottagningar i Kuopio centrum.",
                    "Dentist and dental hygienist appointments in central Kuopio.",
                ),
                organization="pshva-suun-th-kuopio-keskusta",
                location_mode="none",
            ),
            _topic(
                "kotihoito",
                ("Kotihoito", "Hemvård", "Home care"),
                (
                    "Kotiin annettava hoito ja tuki Kuopion itäisellä alueella.",
                    "Vård och stöd i hemmet i Kuopios östra område.",
                    "Care and support at home in eastern Kuopio.",
                ),
                organization="pshva-kotihoito-kuopio-ita",
                location_mode="none",
            ),
            _topic(
                "palveluasuminen",
                (
                    "Ympärivuorokautinen palveluasuminen",
                    "Serviceboende med heldygnsomsorg",
                    "24-hour assisted living",
                ),
                (
                    "Ikäihmisten ympärivuorokautinen palveluasuminen Kuopiossa.",
                    "Serviceboende med heldygnsomsorg för äldre i Kuopio.",
                    "24-hour assisted living for older people in Kuopio.",
                ),
                organization="pshva-palveluasuminen-kuopio",
                location_mode="none",
            ),
            _topic(
                "paivystys",
                ("Päivystys", "Jour", "Emergency care"),
                (
                    "Kuopion yliopistollisen sairaalan yhteispäivystys.",
                    "Samjouren vid Kuopio universitetssjukhus.",
                    "Joint emergency department of Kuopio University Hospital.",
                ),
                organization="pshva-paivystys-kys",
                location_mode="none",
            ),
            _topic(
                "lastensuojelu",
                (
                    "Lastensuojelu ja perhepalvelut",
                    "Barnskydd och familjetjänster",
                    "Child welfare and family services",
                ),
                (
                    "Lastensuojelu, perhetyö ja lapsiperheiden sosiaalityö.",
                    "Barnskydd, familjearbete och socialt arbete för barnfamiljer.",
                    "Child welfare, family work and social work for families with children.",
                ),
                organization="pshva-lastensuojelu-kuopio",
                location_mode="none",
            ),
            _topic(
                "perheneuvola",
                ("Perheneuvola", "Familjerådgivning", "Family counselling"),
                (
                    "Kasvatus- ja perheneuvonta lapsiperheille.",
                    "Uppfostrings- och familjerådgivning för barnfamiljer.",
                    "Child guidance and family counselling for families with children.",
                ),
                organization="pshva-perheneuvola-kuopio",
                location_mode="none",
            ),
        ],
    ),
]


# ---------------------------------------------------------------------------------------
# Places in Kuopio: (address, latitude, longitude), WGS84
# ---------------------------------------------------------------------------------------

PLACES: list[tuple[str, float, float]] = [
    ("Kauppakatu 40", 62.892500, 27.678600),
    ("Kuopion kauppatori", 62.892400, 27.678000),
    ("Snellmaninpuisto", 62.892900, 27.685800),
    ("Väinölänniemen uimaranta", 62.885800, 27.696000),
    ("Väinölänniemen stadion", 62.887400, 27.691300),
    ("Kallaveden rantaraitti, Väinölänniemi", 62.887700, 27.697800),
    ("Puijon maja", 62.909700, 27.656800),
    ("Puijonsarven latu", 62.925000, 27.655000),
    ("Kuopion matkustajasatama", 62.893600, 27.697000),
    ("Kuopion matkakeskus", 62.897000, 27.678600),
    ("Tullinportinkatu 27", 62.897300, 27.682200),
    ("Puijonkatu 21", 62.894000, 27.676500),
    ("Haapaniemenkatu 14", 62.891200, 27.671800),
    ("Suokatu 42", 62.889600, 27.678900),
    ("Minna Canthin katu 20, Niirala", 62.884800, 27.678700),
    ("Kuopion uimahalli", 62.884900, 27.665300),
    ("Männistön kirkko", 62.901800, 27.699900),
    ("Pohjolankatu, Itkonniemi", 62.901000, 27.700500),
    ("Inkiläntie, Inkilänmäki", 62.909000, 27.681000),
    ("Kelloniementie, Kelloniemi", 62.897500, 27.717000),
    ("Alavan kirkko", 62.876700, 27.718500),
    ("Savilahdentie 6", 62.891800, 27.633800),
    ("Kuopion yliopistollinen sairaala", 62.895500, 27.638000),
    ("Linnanpellon ostoskeskus", 62.877500, 27.647000),
    ("Neulaniementie 2, Neulamäki", 62.876500, 27.624000),
    ("Rauhalahden ulkoilualue", 62.874300, 27.612500),
    ("Särkiniemen uimaranta", 62.873000, 27.635000),
    ("Niuvanniemen luontopolku", 62.918200, 27.617500),
    ("Petosen ostoskeskus", 62.855500, 27.630000),
    ("Jynkän ostoskeskus", 62.862000, 27.598000),
    ("Lehtoniementie, Saaristokaupunki", 62.859600, 27.648000),
    ("Pitkälahden silta", 62.864500, 27.572000),
]


# ---------------------------------------------------------------------------------------
# Sample feedback: service code -> [(title, text)]. A text ending in ? is a question.
# ---------------------------------------------------------------------------------------

SAMPLES: dict[str, list[tuple[str, str]]] = {
    "katujen-kunnossapito": [
        (
            "Jalkakäytävä auraamatta Puijonkadulla",
            "Puijonkadun jalkakäytävää ei ole aurattu tänä "
            "aamuna lainkaan, vaikka lunta tuli yöllä reilusti. Kahdeksan aikaan lunta oli nilkkoihin "
            "asti, ja lastenrattaiden kanssa piti kävellä ajoradalla.",
        ),
        (
            "Kiitos nopeasta hiekoituksesta",
            "Haapaniemenkatu oli aamulla ihan peilijäässä, mutta jo "
            "puoli kymmeneltä hiekoitusauto oli käynyt. Kiitos nopeasta toiminnasta!",
        ),
        (
            "Iso kuoppa ajoradalla",
            "Savilahdentie 6:n kohdalla on ajoradalla syvä kuoppa, johon "
            "vesi kerääntyy. Sitä on vaikea huomata pimeällä, ja pyöräilijälle se on oikeasti "
            "vaarallinen.",
        ),
        (
            "Lumivalli tonttiliittymän edessä",
            "Aura-auto jätti taas korkean vallin "
            "tonttiliittymämme eteen Neulaniementiellä, jo kolmannen kerran tällä viikolla. Eikö "
            "vallia voisi jättää vähän sivuun?",
        ),
        (
            "Hiekoitushiekat pois",
            "Hiekka pölisee jo kovasti, kun kadut ovat kuivuneet. Milloin "
            "Petosen ostoskeskuksen ympäristön kadut harjataan?",
        ),
        (
            "Liukas kevyen liikenteen väylä",
            "Kallaveden rantaraitti Väinölänniemellä on ollut kaksi "
            "päivää todella liukas. Näin itse kaksi kaatumista samana aamuna.",
        ),
    ],
    "katuvalot": [
        (
            "Katuvalot pimeänä Puijonkadulla",
            "Puijonkadun katuvalot ovat olleet pimeänä "
            "Haapaniemenkadun ja Tullinportinkadun välillä jo viikon. Illalla on tosi pimeää "
            "kävellä.",
        ),
        (
            "Valo palaa päivälläkin",
            "Kelloniementien varressa yksi katuvalo palaa koko päivän. Turhaa sähkönkulutusta.",
        ),
        (
            "Vilkkuva katuvalo",
            "Inkiläntien katuvalo vilkkuu iltaisin jatkuvasti päälle ja pois. "
            "Valo osuu suoraan makuuhuoneen ikkunaan ja häiritsee nukkumista.",
        ),
        (
            "Valopylväs vinossa",
            "Auto on ilmeisesti törmännyt valopylvääseen Linnanpellon "
            "ostoskeskuksen kohdalla. Pylväs nojaa vinossa kevyen liikenteen väylän päälle, ja "
            "johtoja näkyy.",
        ),
        (
            "Milloin valot korjataan?",
            "Ilmoitin jo kaksi viikkoa sitten Rauhalahden ulkoilualueen "
            "parkkipaikan pimeistä valoista. Onko korjaus jo tilattu?",
        ),
        (
            "Kiitos uusista valoista",
            "Väinölänniemen rantaraitille vaihdetut uudet valot ovat tosi "
            "hyvät. Iltalenkki tuntuu nyt paljon turvallisemmalta.",
        ),
    ],
    "liikennevalot-ja-merkit": [
        (
            "Jalankulkijan valo ei vaihdu",
            "Tullinportinkadun ja Puijonkadun risteyksessä "
            "jalankulkijan valo ei vaihdu vihreäksi, vaikka nappia painaa. Ihmiset kävelevät punaisia "
            "päin.",
        ),
        (
            "Nopeusrajoitusmerkki kaatunut",
            "Pohjolankadulla Itkonniemen kohdalla "
            "nopeusrajoitusmerkki on kaatunut ojaan. Se on ollut siinä ainakin viikon.",
        ),
        (
            "Valojen ajoitus Savilahdentiellä",
            "Savilahdentiellä joutuu ruuhka-aikaan pysähtymään "
            "lähes joka valoissa. Voisiko valojen ajoitusta säätää niin, että liikenne sujuisi "
            "paremmin?",
        ),
        (
            "Pensas peittää kärkikolmion",
            "Kauppakadun ja Suokadun risteyksessä pensas peittää "
            "kärkikolmion lähes kokonaan. Autoilijat eivät huomaa merkkiä ajoissa.",
        ),
        (
            "Kiitos äänimerkistä",
            "Kauppatorin suojatien uusi äänimerkki on todella hyvä asia meille "
            "näkövammaisille. Kiitos!",
        ),
    ],
    "pyoraily-ja-kavely": [
        (
            "Pyörätie katkeaa yllättäen",
            "Neulamäestä keskustaan ajaessa pyörätie loppuu "
            "Neulaniementiellä kuin seinään, ja pyöräilijät ohjataan ajoradalle. Tähän kaivattaisiin "
            "selkeää jatkoa.",
        ),
        (
            "Rantaraitti on loistava",
            "Rantaraitti Väinölänniemeltä satamaan on upea työmatkareitti. "
            "Kiitos, että se pidetään kunnossa talvellakin!",
        ),
        (
            "Suojatie heti mutkan jälkeen",
            "Kelloniementiellä koulun lähellä oleva suojatie on heti "
            "mutkan jälkeen, eivätkä autoilijat näe kävelijöitä ajoissa. Lapset ylittävät tien tästä "
            "joka aamu.",
        ),
        (
            "Lisää pyörätelineitä matkakeskukselle",
            "Kuopion matkakeskuksen edessä telineet ovat "
            "aina täynnä, ja pyöriä on pitkin pihaa. Voisiko telineitä lisätä?",
        ),
        (
            "Kova vauhti kävelykadulla",
            "Kauppakadun kävelyalueella ajetaan sähköpotkulaudoilla ja "
            "pyörillä todella kovaa. Iäkkäänä ihmisenä pelkään jo kävellä siellä.",
        ),
    ],
    "pysakointi": [
        (
            "Pysäköintiautomaatti rikki",
            "Suokadun pysäköintiautomaatti ei ota vastaan kortteja eikä "
            "kolikoita. Maksoin sovelluksella, mutta kaikilla ei sellaista ole.",
        ),
        (
            "Liian vähän invapaikkoja",
            "Kauppatorin ympäristössä on liian vähän liikuntaesteisten "
            "pysäköintipaikkoja. Lauantaisin niitä ei löydy lainkaan.",
        ),
        (
            "Autot jalkakäytävällä",
            "Haapaniemenkadulla autoja pysäköidään jatkuvasti "
            "jalkakäytävälle, ja rattaiden kanssa joutuu kiertämään ajoradan kautta. Valvontaa "
            "tarvitaan.",
        ),
        (
            "Asukaspysäköintitunnus",
            "Muutin keskustaan Puijonkadulle. Miten haen "
            "asukaspysäköintitunnuksen ja paljonko se maksaa?",
        ),
        (
            "Hyvät opasteet",
            "Uudet pysäköinnin opasteet keskustassa kertovat hyvin, missä on "
            "vapaita paikkoja. Hyvä uudistus!",
        ),
    ],
    "leikkipaikat": [
        (
            "Rikkinäinen keinu",
            "Saaristokaupungin Lehtoniemen leikkipuistossa keinun istuin on "
            "haljennut, ja terävä reuna voi satuttaa lasta. Keinu kannattaisi poistaa käytöstä heti.",
        ),
        (
            "Lasinsiruja hiekkalaatikossa",
            "Jynkän ostoskeskuksen lähellä olevan leikkipaikan "
            "hiekkalaatikossa on rikottuja pulloja. Huomasimme ne tänään viiden aikaan.",
        ),
        (
            "Uusi leikkipaikka on ihana",
            "Kiitos Snellmaninpuiston uudistetusta leikkipaikasta! "
            "Lapset ovat innoissaan uudesta kiipeilytelineestä.",
        ),
        (
            "Varjoa leikkipuistoon",
            "Petosen leikkipuistossa ei ole yhtään varjoisaa paikkaa, ja "
            "helteellä telineet kuumenevat. Voisiko sinne istuttaa puita tai rakentaa katoksen?",
        ),
        (
            "Välineitä pienemmille",
            "Linnanpellon leikkipaikalle kaivattaisiin välineitä myös alle "
            "kolmevuotiaille. Nykyiset telineet ovat pienille liian korkeita.",
        ),
    ],
    "puistojen-hoito": [
        (
            "Roska-astiat täynnä",
            "Väinölänniemen roska-astiat olivat täynnä koko viikonlopun, ja "
            "lokit levittivät roskia pitkin nurmea. Kesällä tyhjennyksiä tarvittaisiin useammin.",
        ),
        (
            "Nurmikko leikkaamatta",
            "Niiralan puistossa Minna Canthin kadun varressa nurmikko on jo "
            "polvenkorkuista. Milloin se on tarkoitus leikata?",
        ),
        (
            "Kauniit kukkaistutukset",
            "Kauppatorin kukkaistutukset ovat tänä kesänä erityisen "
            "kauniita. Kiitos puistotyöntekijöille!",
        ),
        (
            "Penkin laudat irti",
            "Snellmaninpuistossa yhden penkin istuinlaudat ovat irti. Siihen ei "
            "voi istua turvallisesti.",
        ),
        (
            "Koirien jätökset nurmella",
            "Koiranomistajat jättävät jätöksiä Snellmaninpuiston "
            "nurmelle. Puistoon kaivattaisiin lisää roska-astioita ja koirapussiautomaatteja.",
        ),
    ],
    "puut-ja-metsat": [
        (
            "Kallistunut koivu polun vieressä",
            "Rauhalahden ulkoilualueella polun varressa on iso "
            "koivu, joka kallistui pahasti viime myrskyssä. Se voi kaatua polulle.",
        ),
        (
            "Miksi lähimetsää hakattiin?",
            "Neulamäen lähimetsästä kaadettiin todella paljon puita. "
            "Metsä oli meille tärkeä ulkoilupaikka, miksi hakkuu oli näin laaja?",
        ),
        (
            "Oksat peittävät stop-merkin",
            "Inkilänmäellä puun oksat peittävät stop-merkin lähes "
            "kokonaan. Oksat pitäisi karsia ennen kuin sattuu jotain.",
        ),
        (
            "Siisti harvennus",
            "Puijon rinteen harvennus tehtiin siististi, ja polut raivattiin heti "
            "perään. Metsä näyttää nyt valoisammalta.",
        ),
        (
            "Haavat varjostavat pihaa",
            "Taloyhtiömme tontin vieressä kaupungin maalla kasvavat "
            "haavat varjostavat pihaa lähes koko päivän. Voisiko niitä harventaa?",
        ),
    ],
    "rakennusvalvonta": [
        (
            "Lupahakemuksen käsittely kestää",
            "Jätimme omakotitalon lupahakemuksen jo kaksi "
            "kuukautta sitten, eikä mitään ole kuulunut. Kauanko käsittely vielä kestää?",
        ),
        (
            "Hyvää neuvontaa",
            "Sain rakennusvalvonnan puhelinneuvonnasta selkeät ohjeet "
            "aurinkopaneelien asentamiseen. Kiitos asiantuntevasta palvelusta!",
        ),
        (
            "Autio rakennus",
            "Tullinportinkadun varrella on autio rakennus, jonka ikkunat ovat rikki "
            "ja jonne nuoret menevät iltaisin. Rakennus on vaarallisessa kunnossa.",
        ),
        (
            "Ohjeet vaikeaselkoisia",
            "Lupapisteen ohjeet ovat tavalliselle ihmiselle vaikeita. "
            "Kaupungin sivuille kaivattaisiin yksinkertainen esimerkki esimerkiksi vajan "
            "rakentamisesta.",
        ),
        (
            "Katos tontin rajalla",
            "Naapuri on rakentanut ison katoksen aivan tonttien rajalle. Onko tähän haettu lupa?",
        ),
    ],
    "vilkku-bussit": [
        (
            "Bussi ajoi pysäkin ohi",
            "Linjan 9 bussi ajoi tänä aamuna 7.42 pysäkin ohi, vaikka "
            "näytin selvästi merkkiä. Myöhästyin töistä.",
        ),
        (
            "Ystävällinen kuljettaja",
            "Kiitos kuljettajalle, joka odotti Kauppatorilla, kun juoksin "
            "lasten kanssa bussiin. Tällainen palvelu ilahduttaa!",
        ),
        (
            "Lisää iltavuoroja Saaristokaupunkiin",
            "Saaristokaupunkiin ei pääse bussilla myöhään "
            "illalla, sillä viimeinen vuoro lähtee keskustasta liian aikaisin.",
        ),
        (
            "Seutulippu sovellukseen",
            "Voiko Vilkku-sovelluksella ostaa myös seutulipun Siilinjärvelle?",
        ),
        (
            "Kylmä bussi",
            "Linjan 4 bussissa oli eilen aamulla todella kylmä, lämmitys ei ilmeisesti "
            "toiminut. Matka kesti yli puoli tuntia.",
        ),
    ],
    "pysakit": [
        (
            "Pysäkiltä puuttuu katos",
            "Petosen ostoskeskuksen pysäkillä ei ole katosta, ja sateella "
            "odottaminen on kurjaa. Pysäkki on kuitenkin todella vilkas.",
        ),
        (
            "Aikataulunäyttö pimeänä",
            "Kauppatorin pysäkin reaaliaikainen näyttö on ollut pimeänä jo useamman päivän.",
        ),
        (
            "Pysäkki täynnä lunta",
            "Savilahdentien pysäkki on täynnä lunta, eikä bussiin pääse "
            "nousemaan kahlaamatta hangessa.",
        ),
        (
            "Kiitos matkakeskuksen pysäkeistä",
            "Matkakeskuksen uudet pysäkit ovat hyvät. Vaihto "
            "junasta bussiin on nyt paljon helpompaa.",
        ),
        (
            "Penkki pysäkille",
            "Moni iäkäs odottaa bussia Alavan kirkon pysäkillä seisaaltaan. "
            "Voisiko pysäkille saada penkin?",
        ),
    ],
    "jatehuolto": [
        (
            "Roskainen uimaranta",
            "Väinölänniemen uimarannalla oli sunnuntaiaamuna valtavasti "
            "tölkkejä ja pizzalaatikoita. Roska-astioita pitäisi olla enemmän.",
        ),
        (
            "Sohva metsässä",
            "Joku on tuonut Rauhalahden ulkoilualueen metsään vanhan sohvan ja "
            "jätesäkkejä. Ne ovat polun vieressä lähellä parkkipaikkaa.",
        ),
        (
            "Kierrätyspiste täynnä",
            "Linnanpellon ostoskeskuksen kierrätyspisteen kartonkiastia on "
            "viikonloppuisin aina täynnä, ja pahvit jätetään maahan.",
        ),
        (
            "Kiitos siivoustalkoista",
            "Kaupungin järjestämät siivoustalkoot Niuvanniemessä olivat "
            "mukava tapahtuma. Saimme kerättyä tosi paljon roskaa!",
        ),
        (
            "Tupakantumpit kadulla",
            "Tumppeja on joka puolella Kauppakadun kiveyksessä. Miksi "
            "kävelykadulla ei ole tuhkakuppeja?",
        ),
    ],
    "kaavoitus": [
        (
            "Missä kaavaluonnos on nähtävillä?",
            "Mistä näen Saaristokaupungin uuden "
            "asemakaavaluonnoksen, ja mihin mennessä siitä voi jättää mielipiteen?",
        ),
        (
            "Lähimetsä säilytettävä",
            "Toivon, että Neulamäen lähimetsä säilytetään kaavassa "
            "viheralueena. Se on tärkeä alueen lapsille ja ulkoilijoille.",
        ),
        (
            "Hyvä asukastilaisuus",
            "Keskustan kaavoituksen asukastilaisuus oli hyvin järjestetty, ja "
            "kysymyksiin vastattiin selkeästi. Kiitos!",
        ),
        (
            "Liian korkeita taloja satamaan",
            "Satamaan suunnitellut kerrostalot ovat liian korkeita "
            "ja peittävät järvinäkymät. Rakentamisen pitäisi sopia Kuopion kaupunkikuvaan.",
        ),
        (
            "Kaavakartat puhelimella",
            "Kaavakarttoja on hankala katsoa puhelimella. Karttapalvelun "
            "mobiiliversiota kannattaisi kehittää.",
        ),
    ],
    "liikuntapaikat": [
        (
            "Tekonurmi kulunut puhki",
            "Väinölänniemen stadionin viereisen tekonurmen pinta on "
            "kulunut puhki maalien edestä. Pelatessa voi loukkaantua.",
        ),
        (
            "Kentän valot sammuvat liian aikaisin",
            "Jynkän kentän valot sammuvat jo yhdeksältä "
            "illalla. Moni harrastaja pelaisi mielellään vielä myöhemmin.",
        ),
        (
            "Kuntoportaat mahtavat",
            "Puijon kuntoportaat ovat kovassa käytössä ja hyvässä kunnossa. Kiitos!",
        ),
        (
            "Luistelukentän jäädytys",
            "Pakkasta on ollut jo viikon. Milloin Petosen koulun luistelukenttä jäädytetään?",
        ),
        (
            "Ulkokuntosalin tanko heiluu",
            "Kelloniemen ulkokuntosalin leuanvetotanko on löystynyt ja "
            "heiluu. Joku voi loukkaantua.",
        ),
    ],
    "uimahallit-ja-rannat": [
        (
            "Opetusallas liian kylmä",
            "Kuopion uimahallin opetusaltaan vesi on ollut viime viikkoina "
            "selvästi kylmempää kuin ennen. Lasten uimakoulussa palelee.",
        ),
        (
            "Siisti uimaranta",
            "Väinölänniemen uimaranta oli eilen todella siisti, ja uimavalvojat "
            "olivat paikalla. Kiitos hyvästä kesästä!",
        ),
        (
            "Sinilevää rannalla",
            "Särkiniemen uimarannalla näkyi tänään paljon sinilevää. Onko veden laatu tarkistettu?",
        ),
        (
            "Suihkut rikki",
            "Miesten pukuhuoneessa kaksi suihkua ei toimi, ja ruuhka-aikaan jonot ovat pitkät.",
        ),
        (
            "Aikaisempi aukeaminen",
            "Uimahalli voisi aueta arkiaamuisin jo kuudelta, jotta ehtisi uimaan ennen töitä.",
        ),
    ],
    "ladut-ja-reitit": [
        (
            "Puijon ladut loistokunnossa",
            "Puijon ladut olivat tänään upeassa kunnossa, ja "
            "perinteisen hiihdon urat oli juuri ajettu. Kiitos latukoneen kuljettajille!",
        ),
        (
            "Latu ajamatta",
            "Rauhalahden valaistua latua ei ole ajettu viikonlopun lumisateen "
            "jälkeen. Milloin latukone tulee?",
        ),
        (
            "Kävelijät ladulla",
            "Puijonsarven ladulla kävellään ja ulkoilutetaan koiria, ja latu "
            "menee rikki. Opastekyltit auttaisivat.",
        ),
        (
            "Pitkospuut lahonneet",
            "Niuvanniemen luontopolun pitkospuut ovat lahonneet monesta "
            "kohdasta. Yksi lauta petti jalan alla.",
        ),
        (
            "Latutilanne kartalle",
            "Olisi hienoa, jos latujen kunnostustiedot näkyisivät kartalla "
            "reaaliajassa, kuten monessa muussa kaupungissa.",
        ),
    ],
    "liikuntaneuvonta": [
        (
            "Hyvä tuolijumppa",
            "Ikäihmisten tuolijumppa Männistössä on ollut todella hyvä. Ohjaaja "
            "huomioi kaikki osallistujat.",
        ),
        (
            "Ryhmät täyttyvät heti",
            "Vesijumpparyhmät täyttyvät muutamassa minuutissa "
            "ilmoittautumisen alettua. Ryhmiä tarvitaan lisää.",
        ),
        (
            "Ilmoittautuminen ei toiminut",
            "Verkkoilmoittautuminen ei toiminut puhelimella, ja kun "
            "pääsin tietokoneelle, ryhmä oli jo täynnä.",
        ),
        (
            "Miten pääsen liikuntaneuvontaan?",
            "Lääkäri suositteli minulle liikunnan aloittamista. Miten pääsen liikuntaneuvontaan?",
        ),
        (
            "Kiitos aloittelijaryhmästä",
            "Aloittelijoiden kuntosaliryhmä madalsi kynnystä aloittaa "
            "liikunta. Kiitos kannustavasta ohjauksesta!",
        ),
    ],
    "vesijohto-ja-viemari": [
        (
            "Vettä pulppuaa kadulle",
            "Haapaniemenkadulla vettä pulppuaa kaivonkannen ympäriltä ja "
            "valuu pitkin katua. Huomasin sen seitsemältä aamulla.",
        ),
        ("Viemärin haju", "Suokadulla viemäristä nousee paha haju varsinkin lämpiminä päivinä."),
        (
            "Vesikatkosta ei ilmoitettu",
            "Vesi oli tänään Inkilänmäellä poikki puolitoista tuntia "
            "ilman ennakkoilmoitusta. Olisi ollut mukava tietää etukäteen.",
        ),
        (
            "Nopea korjaus",
            "Kiitos nopeasta vuodon korjauksesta Kelloniemessä. Vesi palasi jo samana iltana.",
        ),
        (
            "Kaivonkansi kolisee",
            "Puijonkadulla kaivonkansi kolisee aina, kun auto ajaa yli, myös "
            "öisin. Voisiko sen korjata?",
        ),
    ],
    "veden-laatu": [
        (
            "Ruskeaa vettä hanasta",
            "Hanasta tuli tänä aamuna ruskeaa vettä Alavassa. Onko verkostossa tehty töitä?",
        ),
        ("Kloorin maku", "Vedessä on viime päivinä ollut selvä kloorin maku ja haju Petosessa."),
        ("Hyvää vettä", "Kuopion hanavesi on todella hyvää. Kiitos siitä!"),
        (
            "Veden kovuus",
            "Tarvitsen tiedon astianpesukoneen säätöä varten. Mikä on veden kovuus Neulamäessä?",
        ),
        (
            "Sameaa vettä katkon jälkeen",
            "Vesikatkon jälkeen vesi oli sameaa useamman tunnin. "
            "Tiedotteessa voisi kertoa, kuinka kauan hanaa kannattaa valuttaa.",
        ),
    ],
    "vesilaskut": [
        (
            "Arviolasku liian suuri",
            "Sain arviolaskun, joka on kaksinkertainen normaaliin "
            "kulutukseemme verrattuna. Ilmoitin mittarilukeman, mutta laskua ei korjattu.",
        ),
        ("E-lasku ei tullut", "Tilasin e-laskun jo keväällä, mutta lasku tuli silti paperisena."),
        (
            "Perusmaksun korotus",
            "Perusmaksu nousi taas, eikä siitä kerrottu juuri mitään. Miksi "
            "korotuksista ei tiedoteta selkeämmin?",
        ),
        (
            "Nopea asiakaspalvelu",
            "Asiakaspalvelu selvitti laskuvirheen saman päivän aikana. Kiitos!",
        ),
        (
            "Mittarilukeman ilmoittaminen",
            "Lukeman ilmoittaminen verkossa on hankalaa, kun sivusto "
            "kysyy asiakasnumeroa, jota en löydä laskusta.",
        ),
    ],
    "hulevedet": [
        (
            "Risteys tulvii sateella",
            "Suokadun ja Kauppakadun risteys tulvii joka kerta "
            "rankkasateella. Sadevesikaivot eivät vedä.",
        ),
        (
            "Sadevesikaivo tukossa",
            "Neulaniementiellä sadevesikaivo on täynnä hiekkaa ja lehtiä, ja "
            "vesi lammikoituu kevyen liikenteen väylälle.",
        ),
        (
            "Kellari kastui",
            "Rankkasateen jälkeen kellarimme Itkonniemessä kastui. Voiko syy olla "
            "kaupungin hulevesiverkostossa?",
        ),
        (
            "Sadepuutarhoja keskustaan",
            "Hulevesiä voisi hallita paremmin lisäämällä keskustaan "
            "viherkattoja ja sadepuutarhoja.",
        ),
        (
            "Oja tukossa Jynkässä",
            "Jynkässä tien vieressä oleva oja on tukossa, ja vesi nousee "
            "pihoille. Toivomme pikaista tarkistusta.",
        ),
    ],
    "matkailu-ja-tapahtumat": [
        (
            "Upea ulkoesitys torilla",
            "Tanssifestivaalin ulkoesitys Kauppatorilla oli hieno kokemus. "
            "Lisää tällaisia maksuttomia tapahtumia!",
        ),
        (
            "Matkailuneuvonta kiinni",
            "Olimme lauantaina Kuopiossa matkailijoina, eikä "
            "matkailuneuvontaa löytynyt auki. Mistä saa tietoa viikonloppuisin?",
        ),
        (
            "Opasteet Puijolle",
            "Puijon maja on vaikea löytää autolla, koska opasteita on vähän. "
            "Ulkomaiset matkailijat eksyvät helposti.",
        ),
        (
            "Tapahtumakalenterin haku",
            "Kaupungin tapahtumakalenterista puuttuu haku päivämäärän "
            "mukaan. Menojen suunnittelu on siksi hankalaa.",
        ),
        (
            "Satamaan lisää palveluja",
            "Kuopion matkustajasatamaan kaivattaisiin kesällä enemmän "
            "kahviloita ja pyörävuokrausta.",
        ),
    ],
    "tyollisyyspalvelut": [
        (
            "Hyvä työnhakuvalmennus",
            "Osallistuin työnhakuvalmennukseen ja sain paljon apua "
            "ansioluettelon päivittämiseen. Kiitos valmentajalle!",
        ),
        (
            "Yhteydenotto ei onnistu",
            "Olen yrittänyt tavoittaa omaa asiantuntijaani jo kaksi "
            "viikkoa, mutta kukaan ei vastaa.",
        ),
        (
            "Palkkatuki pienyrittäjälle",
            "Olen pienyrittäjä ja harkitsen ensimmäisen työntekijän "
            "palkkaamista. Mistä saan tietoa palkkatuesta?",
        ),
        (
            "Tapaamiset myös etänä",
            "Olisi hyvä, jos tapaamisia voisi järjestää myös etänä. Asun "
            "kaukana keskustasta, ja bussimatka on pitkä.",
        ),
        (
            "Kiitos nuorten palveluille",
            "Nuorten työllisyyspalvelut auttoivat poikaani löytämään kesätyön. Iso kiitos!",
        ),
    ],
    "terveysneuvonta": [
        (
            "Puhelinaika liian lyhyt",
            "Terveysneuvonnan puhelinpalvelu on auki liian lyhyen ajan "
            "päivässä. Työssäkäyvänä en ehdi soittaa.",
        ),
        (
            "Kiitos selkeästä neuvonnasta",
            "Sain terveysneuvonnasta selkeät ohjeet siitä, mihin "
            "minun kannattaa ottaa yhteyttä. Kiitos ystävällisestä palvelusta.",
        ),
        (
            "Takaisinsoitto ei tullut",
            "Jätin takaisinsoittopyynnön aamulla, mutta kukaan ei soittanut koko päivänä.",
        ),
        (
            "Tietoa rokotuksista",
            "Tietoa aikuisten rokotuksista oli vaikea löytää verkkosivuilta. Mistä sen löytäisi?",
        ),
        (
            "Neuvontaa chatissa",
            "Olisi hyvä, jos terveysneuvontaa saisi myös chatin kautta. Kaikki "
            "eivät halua soittaa.",
        ),
    ],
    "sosiaalityo": [
        (
            "Päätös viipyy",
            "Täydentävän toimeentulotuen hakemukseni käsittely on kestänyt jo yli "
            "kolme viikkoa. Milloin päätös tulee?",
        ),
        (
            "Hyvä kohtaaminen",
            "Sosiaalityöntekijä kuunteli ja otti tilanteeni vakavasti. Tunsin, "
            "että minua autettiin.",
        ),
        (
            "Vaikea saada yhteyttä",
            "Sosiaalityön puhelinajat ovat hyvin lyhyet, ja linjat ovat aina varattuina.",
        ),
        (
            "Lomakkeet selkeämmiksi",
            "Hakemuslomakkeet ovat sekavia, ja niissä käytetään vaikeita "
            "termejä. Selkokielinen ohje auttaisi.",
        ),
        (
            "Kiitos nopeasta avusta",
            "Sain kiireellisen ajan samalle päivälle, kun asumistilanteeni "
            "muuttui yllättäen. Kiitos nopeasta avusta.",
        ),
    ],
    "terveysasema-mannisto": [
        (
            "Puhelinjono liian pitkä",
            "Soitin Männistön terveysasemalle aamulla kahdeksalta, mutta "
            "jonotusaika oli yli tunnin. Takaisinsoittokaan ei toiminut.",
        ),
        (
            "Ystävällinen hoitaja",
            "Sain Männistön terveysasemalla todella ystävällistä ja "
            "asiantuntevaa palvelua. Hoitaja selitti kaiken ymmärrettävästi.",
        ),
        (
            "Kylmä odotustila",
            "Odotustilassa oli tänään kylmä, ja istumapaikkoja oli liian vähän. "
            "Moni joutui seisomaan.",
        ),
        (
            "Pysäköinti terveysasemalla",
            "Terveysaseman pysäköintipaikat ovat aina täynnä. Onko "
            "lähellä muita paikkoja asiakkaille?",
        ),
        (
            "Laboratorio aikaisemmin auki",
            "Laboratorio voisi aueta aikaisemmin, jotta näytteille ehtisi ennen töitä.",
        ),
    ],
    "terveysasema-petonen": [
        (
            "Nopea palvelu",
            "Pääsin Petosen terveysasemalla lääkärille samana päivänä. Kiitos "
            "sujuvasta palvelusta!",
        ),
        (
            "Ilmoittautumisautomaatti",
            "Ilmoittautumisautomaatti ei tunnistanut Kela-korttia, eikä "
            "aulassa ollut ketään neuvomassa.",
        ),
        (
            "Viesti hoitajalle verkossa",
            "En löytänyt sivuilta ohjetta sähköiseen asiointiin. Voiko "
            "Petosen terveysaseman hoitajalle lähettää viestin verkossa?",
        ),
        (
            "Painava ulko-ovi",
            "Terveysaseman ulko-ovi on painava eikä aukea automaattisesti. "
            "Rollaattorin kanssa sisälle pääseminen on vaikeaa.",
        ),
        (
            "Kiireettömiä aikoja ei ole",
            "Kiireettömälle vastaanotolle ei ollut aikoja seuraavalle "
            "kuukaudelle. Odotusajat ovat liian pitkiä.",
        ),
    ],
    "terveysasema-siilinjarvi": [
        (
            "Pitkä odotus vastaanotolle",
            "Odotin Siilinjärven terveysasemalla yli tunnin varatun "
            "aikani jälkeen. Kukaan ei kertonut, miksi vastaanotto oli myöhässä.",
        ),
        (
            "Hyvä hoito",
            "Lääkäri ja hoitaja olivat molemmat ammattitaitoisia ja rauhallisia. Kiitos "
            "hyvästä hoidosta.",
        ),
        (
            "Aulan opasteet",
            "Remontin jälkeen aulassa on vaikea löytää oikeaa vastaanottoa. "
            "Opasteita tarvitaan lisää.",
        ),
        (
            "Lapsiystävällinen palvelu",
            "Lapsen kanssa asioidessa henkilökunta oli kärsivällistä ja "
            "ystävällistä. Lapsikin lähti hyvällä mielellä kotiin.",
        ),
        (
            "Takaisinsoitto iltapäivällä",
            "Iltapäivällä soittaessa kuulin vain nauhoitteen. Miksi "
            "takaisinsoittopyyntöä ei voi jättää iltapäivällä?",
        ),
    ],
    "suun-terveydenhuolto": [
        (
            "Tarkastus peruttiin kahdesti",
            "Lapseni hammastarkastus peruttiin kaksi kertaa peräkkäin "
            "viime hetkellä. Uutta aikaa ei ole vieläkään tarjottu.",
        ),
        (
            "Rauhallinen hammaslääkäri",
            "Hammaslääkäri oli todella rauhallinen ja huomioi "
            "hammashoitopelkoni. Ensimmäistä kertaa hoito ei jännittänyt.",
        ),
        (
            "Kiireellisiä aikoja vaikea saada",
            "Hammas lohkesi viikonloppuna, eikä maanantaiaamuna "
            "enää ollut aikoja. Kiireellisten aikojen saantiin kaivataan parannusta.",
        ),
        (
            "Lasku yllätti",
            "Sain käynnistä laskun, vaikka olin ymmärtänyt käynnin olevan maksuton. "
            "Mistä maksut määräytyvät?",
        ),
        (
            "Hyvä suuhygienisti",
            "Suuhygienisti antoi hyviä neuvoja hampaiden hoitoon ja oli tosi mukava.",
        ),
    ],
    "kotihoito": [
        (
            "Käyntiajat vaihtelevat",
            "Äitini kotihoidon käynnit tulevat hyvin vaihteleviin aikoihin, "
            "joskus tunteja myöhässä. Hänen päivärytminsä menee sekaisin.",
        ),
        (
            "Kiitos hoitajille",
            "Kotihoidon hoitajat ovat aina ystävällisiä ja ehtivät jutella isäni "
            "kanssa. Se on hänelle päivän kohokohta.",
        ),
        (
            "Hoitajat vaihtuvat",
            "Lähes joka käynnillä on eri hoitaja. Muistisairaalle tuttu hoitaja olisi tärkeä.",
        ),
        (
            "Tiedonkulku omaisille",
            "Omaisena toivoisin tietoa, jos läheisen vointi muuttuu. "
            "Kuulimme kaatumisesta vasta viikon päästä.",
        ),
        (
            "Ruokailun tukeminen",
            "Ateriat jäävät usein syömättä jääkaappiin. Voisiko kotihoito "
            "varmistaa, että lounas tulee syötyä?",
        ),
    ],
    "palveluasuminen": [
        (
            "Ulkoilua liian harvoin",
            "Äitini pääsee ulos vain harvoin, vaikka hän ulkoilisi "
            "mielellään. Ulkoilua pitäisi järjestää useammin.",
        ),
        (
            "Kodikas tunnelma",
            "Henkilökunta on luonut yksikköön kodikkaan ja lämpimän tunnelman. "
            "Isäni viihtyy hyvin.",
        ),
        (
            "Ruoka haaleaa",
            "Ruoka on usein haaleaa ja mautonta. Asukkaat ansaitsisivat paremman ruokailuhetken.",
        ),
        (
            "Vierailuajat",
            "Pääsen töiden takia käymään vasta iltaisin. Onko vierailuaikoja rajattu?",
        ),
        (
            "Kiitos musiikkituokioista",
            "Kiitos musiikkituokioista! Asukkaat lauloivat mukana, ja tunnelma oli iloinen.",
        ),
    ],
    "paivystys": [
        (
            "Kuuden tunnin odotus",
            "Odotimme KYS:n päivystyksessä yli kuusi tuntia. Odotusajasta ei "
            "kerrottu mitään, eikä aulassa ollut juotavaa.",
        ),
        (
            "Ammattitaitoinen henkilökunta",
            "Kiitos päivystyksen henkilökunnalle rauhallisesta ja "
            "ammattitaitoisesta hoidosta kiireestä huolimatta.",
        ),
        (
            "Sisäänkäynti vaikea löytää",
            "Päivystyksen sisäänkäynti oli pimeällä vaikea löytää. "
            "Opasteita parkkipaikalta tarvitaan lisää.",
        ),
        ("Näyttö odotusajasta", "Voisiko aulassa olla näyttö, joka kertoo arvioidun odotusajan?"),
        (
            "Kirjalliset kotiutusohjeet",
            "Kotiutusohjeet annettiin nopeasti suullisesti, enkä kotona "
            "muistanut niistä juuri mitään. Kirjalliset ohjeet olisivat tarpeen.",
        ),
    ],
    "lastensuojelu": [
        (
            "Sosiaalityöntekijä vaihtuu",
            "Perheemme sosiaalityöntekijä on vaihtunut vuoden aikana jo "
            "kolme kertaa. Joka kerta asiat pitää kertoa alusta.",
        ),
        (
            "Perhetyöstä apua",
            "Perhetyöntekijän käynnit ovat auttaneet meitä arjessa paljon. Kiitos "
            "tuesta vaikeana aikana.",
        ),
        (
            "Tieto ei kulkenut",
            "Emme saaneet tietoa palaverin siirtymisestä, vaikka olimme jo matkalla paikalle.",
        ),
        (
            "Miten tavoitan työntekijän?",
            "Lapseni asioista vastaava sosiaalityöntekijä ei vastaa "
            "puhelimeen. Miten hänet tavoittaa?",
        ),
        (
            "Nuorta kuunneltiin",
            "Nuoremme koki, että häntä kuunneltiin ja hänen mielipiteensä "
            "otettiin huomioon. Se oli meille tärkeää.",
        ),
    ],
    "perheneuvola": [
        (
            "Puolen vuoden jono",
            "Perheneuvolaan on puolen vuoden jono. Tilanteemme ehtii pahentua "
            "ennen kuin saamme apua.",
        ),
        (
            "Käytännön keinoja arkeen",
            "Perheneuvolan psykologi antoi meille käytännön keinoja arkeen. Kiitos!",
        ),
        (
            "Ilta-aikoja toivotaan",
            "Molemmat vanhemmat ovat vuorotöissä. Olisiko perheneuvolassa "
            "mahdollista saada aikoja myös iltaisin?",
        ),
        (
            "Etätapaamiset toimivat",
            "Etätapaamiset sopivat meille hyvin, kun välimatka on pitkä. Yhteys toimi hyvin.",
        ),
        (
            "Leluja odotustilaan",
            "Odotustilaan voisi lisätä leluja ja kirjoja pienemmille lapsille.",
        ),
    ],
}

# Feedback that deliberately contains personal data, to show how the sensitive-data check
# holds it: (service code, title, text). The identity codes are valid but fictional.
SENSITIVE_SAMPLES: list[tuple[str, str, str]] = [
    (
        "vesilaskut",
        "Lasku väärällä nimellä",
        "Laskussa on edellisen asukkaan nimi. "
        "Henkilötunnukseni on 150385-146R, jos tarvitsette sitä asian korjaamiseen.",
    ),
    (
        "lastensuojelu",
        "Lapsen asiakirjat",
        "Pyydän lapseni asiakirjat nähtäväksi. Lapsen henkilötunnus on 070611A327R.",
    ),
    (
        "katujen-kunnossapito",
        "Soittakaa minulle",
        "Tonttiliittymämme on taas aurattu umpeen. "
        "Soittakaa minulle numeroon 040 123 4567, niin kerron tarkemmin.",
    ),
    (
        "kotihoito",
        "Omaisen yhteydenottopyyntö",
        "Haluaisin keskustella isäni kotihoidosta. "
        "Tavoitatte minut numerosta 050 765 4321 arkisin neljän jälkeen.",
    ),
    (
        "pysakointi",
        "Virhemaksu, vaikka maksoin",
        "Sain pysäköintivirhemaksun, vaikka maksoin "
        "pysäköinnin sovelluksella. Vastatkaa sähköpostiini maija.esimerkki@example.fi.",
    ),
    (
        "terveysasema-mannisto",
        "Ajan vahvistus sähköpostiin",
        "Lähettäkää ajan vahvistus "
        "osoitteeseen matti.meikalainen@example.fi, koska en pääse soittamaan työpäivän aikana.",
    ),
]


# ---------------------------------------------------------------------------------------
# Answers from the responsible units: service code -> [text]
# ---------------------------------------------------------------------------------------

_KY = "Kaupunkiympäristön palvelualue"
_HYTE = "Hyvinvoinnin edistämisen palvelualue"
_ELVI = "Elinvoima- ja konsernipalvelut"
_SOTE = "Kuopion kaupunki, sosiaali- ja terveyspalvelut"
_VESI = "Kuopion Vesi"
_PSHVA = "Pohjois-Savon hyvinvointialue"

ANSWERS: dict[str, list[str]] = {
    "katujen-kunnossapito": _signed(
        f"{_KY} / Kunnossapito",
        "Kiitos palautteestanne. Olemme välittäneet tiedon alueen urakoitsijalle, ja kohde "
        "tarkistetaan ja korjataan mahdollisimman pian. Talvikunnossapidossa pääkadut ja "
        "joukkoliikennereitit hoidetaan ensin, minkä jälkeen vuorossa ovat tonttikadut.",
        "Kiitos, että ilmoititte asiasta. Kävimme tarkistamassa kohteen, ja tarvittavat "
        "kunnossapitotyöt on tilattu. Pahoittelemme aiheutunutta haittaa.",
    ),
    "katuvalot": _signed(
        f"{_KY} / Kunnossapito",
        "Kiitos ilmoituksesta. Vikailmoitus on välitetty valaistuksen kunnossapitourakoitsijalle, "
        "joka korjaa vian tavallisesti kahden viikon kuluessa. Jos vika on kaapelissa, korjaus voi "
        "kestää pidempään.",
        "Kiitos palautteestanne. Valaisin on tarkistettu, ja viallinen osa vaihdetaan seuraavan "
        "huoltokierroksen yhteydessä. Pahoittelemme haittaa.",
    ),
    "liikennevalot-ja-merkit": _signed(
        f"{_KY} / Katu- ja liikennesuunnittelu",
        "Kiitos palautteestanne. Liikennevalojen toiminta tarkistetaan, ja mahdollinen vika "
        "korjataan huoltourakoitsijan toimesta mahdollisimman pian.",
        "Kiitos ilmoituksesta. Liikennemerkki kunnostetaan lähipäivinä. Ehdotuksenne otetaan "
        "huomioon, kun risteyksen liikennejärjestelyjä seuraavan kerran tarkastellaan.",
    ),
    "pyoraily-ja-kavely": _signed(
        f"{_KY} / Katu- ja liikennesuunnittelu",
        "Kiitos hyvästä ehdotuksesta. Kävely- ja pyöräilyverkostoa kehitetään vaiheittain, ja "
        "palautteenne kirjataan suunnittelun tausta-aineistoksi.",
        "Kiitos palautteestanne. Selvitämme kohteen liikenneturvallisuuden ja arvioimme, voidaanko "
        "tilannetta parantaa esimerkiksi merkinnöillä tai rakenteellisilla muutoksilla.",
    ),
    "pysakointi": _signed(
        f"{_KY} / Pysäköinti",
        "Kiitos palautteestanne. Pysäköinninvalvonta lisää valvontaa mainitsemallanne alueella. "
        "Välitämme tiedon myös katusuunnitteluun mahdollisia merkintämuutoksia varten.",
        "Kiitos yhteydenotostanne. Ajantasaiset tiedot pysäköintitunnuksista, maksuista ja "
        "maksutavoista löytyvät kaupungin verkkosivuilta. Automaattien viat korjataan yleensä "
        "muutaman arkipäivän kuluessa.",
    ),
    "leikkipaikat": _signed(
        f"{_KY} / Puistot ja viheralueet",
        "Kiitos ilmoituksesta. Leikkivälineen kunto tarkistetaan, ja vaaralliseksi todettu väline "
        "poistetaan käytöstä korjauksen ajaksi. Leikkipaikat tarkastetaan säännöllisesti, mutta "
        "asukkaiden ilmoitukset ovat meille tärkeitä.",
        "Kiitos ehdotuksestanne. Leikkipaikkojen uudistamista suunnitellaan vuosittain, ja "
        "kirjaamme toiveenne seuraavan peruskorjausohjelman valmisteluun.",
    ),
    "puistojen-hoito": _signed(
        f"{_KY} / Puistot ja viheralueet",
        "Kiitos palautteestanne. Välitimme tiedon alueen hoitourakoitsijalle, ja asia hoidetaan "
        "seuraavalla hoitokierroksella.",
        "Kiitos palautteesta, välitämme sen myös puistotyöntekijöille. Kesäkaudella hoitotöitä "
        "tehdään kiireellisyysjärjestyksessä, joten kaikkiin kohteisiin ei aina ehditä yhtä "
        "nopeasti.",
    ),
    "puut-ja-metsat": _signed(
        f"{_KY} / Puistot ja viheralueet",
        "Kiitos ilmoituksesta. Metsäasiantuntijamme käy arvioimassa puun kunnon, ja vaaralliseksi "
        "todettu puu kaadetaan tai sitä karsitaan mahdollisimman pian.",
        "Kiitos palautteestanne. Kaupungin metsiä hoidetaan metsäsuunnitelman mukaisesti, ja "
        "hoidossa otetaan huomioon ulkoilu, maisema ja luontoarvot. Välitämme näkemyksenne "
        "suunnitelman seuraavaan päivitykseen.",
    ),
    "rakennusvalvonta": _signed(
        f"{_KY} / Rakennusvalvonta",
        "Kiitos palautteestanne. Lupahakemukset käsitellään saapumisjärjestyksessä, ja käsittelyn "
        "tilannetta voi seurata Lupapiste-palvelussa. Tarvittaessa lupa-arkkitehti ottaa hakijaan "
        "yhteyttä.",
        "Kiitos ilmoituksesta. Rakennustarkastaja selvittää asian ja tekee tarvittaessa "
        "tarkastuskäynnin. Yksittäisen kiinteistön asioista emme voi kertoa palautepalvelussa "
        "tarkemmin.",
    ),
    "vilkku-bussit": _signed(
        f"{_KY} / Joukkoliikenne",
        "Kiitos palautteestanne. Olemme välittäneet tiedon liikennöitsijälle, joka käy tapahtuman "
        "läpi kuljettajan kanssa. Pahoittelemme aiheutunutta haittaa.",
        "Kiitos ehdotuksesta. Vilkun reitit ja aikataulut suunnitellaan kerran vuodessa, ja "
        "asukkaiden toiveet otetaan huomioon seuraavan liikennöintikauden suunnittelussa.",
    ),
    "pysakit": _signed(
        f"{_KY} / Joukkoliikenne",
        "Kiitos ilmoituksesta. Pysäkin korjaus on tilattu kunnossapidolta, ja asia hoidetaan "
        "mahdollisimman pian.",
        "Kiitos palautteestanne. Pysäkkikatoksia ja penkkejä lisätään vuosittain matkustajamäärien "
        "perusteella, ja kirjaamme ehdotuksenne suunnitelmaan.",
    ),
    "jatehuolto": _signed(
        f"{_KY} / Ympäristö- ja jätehuoltopalvelut",
        "Kiitos ilmoituksesta. Roskaantunut alue siivotaan, ja selvitämme, voidaanko "
        "roska-astioita lisätä tai tyhjentää useammin.",
        "Kiitos palautteestanne. Jätteet kerätään pois, ja alueen valvontaa tehostetaan. "
        "Luvattomasta jätteiden jättämisestä voidaan tehdä ilmoitus ympäristövalvontaan.",
    ),
    "kaavoitus": _signed(
        f"{_KY} / Kaavoitus",
        "Kiitos mielipiteestänne. Se liitetään kaava-aineistoon ja otetaan huomioon "
        "suunnittelussa. Kaavojen vireilletulosta ja nähtävilläolosta tiedotetaan kuulutuksilla ja "
        "kaupungin verkkosivuilla.",
        "Kiitos palautteestanne. Kaavaluonnokset ja -ehdotukset ovat nähtävillä kaupungin "
        "verkkosivuilla ja asiointipisteessä, ja niistä voi jättää mielipiteen "
        "nähtävilläoloaikana.",
    ),
    "liikuntapaikat": _signed(
        f"{_HYTE} / Liikuntapaikat",
        "Kiitos ilmoituksesta. Liikuntapaikkamestari tarkistaa kohteen, ja korjaukset tehdään "
        "mahdollisimman pian. Vaarallinen laite poistetaan käytöstä korjauksen ajaksi.",
        "Kiitos palautteestanne. Kenttien hoito ja jäädytykset tehdään sääolojen salliessa, ja "
        "niiden tilannetta voi seurata kaupungin verkkosivuilta.",
    ),
    "uimahallit-ja-rannat": _signed(
        f"{_HYTE} / Uimahallit ja uimarannat",
        "Kiitos palautteestanne. Välitimme tiedon uimahallin kiinteistöhuoltoon, ja asia korjataan "
        "mahdollisimman pian.",
        "Kiitos ilmoituksesta. Uimarantojen veden laatua seurataan uimakaudella säännöllisesti, ja "
        "tulokset julkaistaan kaupungin verkkosivuilla. Sinileväilmoitukset tarkistetaan saman "
        "päivän aikana.",
    ),
    "ladut-ja-reitit": _signed(
        f"{_HYTE} / Ulkoilureitit ja ladut",
        "Kiitos palautteestanne. Latuja ajetaan lumitilanteen mukaan, ja ensin kunnostetaan "
        "valaistut pääladut. Latujen kunnostustiedot päivitetään kaupungin verkkosivuille.",
        "Kiitos ilmoituksesta. Reitin korjaustarve on kirjattu, ja kunnostus tehdään heti, kun sää "
        "sen sallii.",
    ),
    "liikuntaneuvonta": _signed(
        f"{_HYTE} / Liikunta ja ulkoilu",
        "Kiitos palautteestanne. Ryhmien määrää ja ilmoittautumista kehitetään jatkuvasti, ja "
        "välitämme toiveenne ensi kauden ryhmien suunnitteluun.",
        "Kiitos yhteydenotostanne. Liikuntaneuvontaan voi hakeutua itse tai ammattilaisen "
        "ohjaamana, ja tarkemmat ohjeet löytyvät kaupungin verkkosivuilta.",
    ),
    "vesijohto-ja-viemari": _signed(
        f"{_VESI} / Verkostot",
        "Kiitos ilmoituksesta. Verkostoasentajat tarkistavat kohteen, ja vika korjataan "
        "mahdollisimman pian. Kiireellisistä vuodoista voi ilmoittaa myös vikapäivystykseen ympäri "
        "vuorokauden.",
        "Kiitos palautteestanne. Pahoittelemme, ettei katkosta tiedotettu etukäteen: kyse oli "
        "äkillisestä vuodosta. Suunnitelluista katkoista tiedotamme aina etukäteen.",
    ),
    "veden-laatu": _signed(
        _VESI,
        "Kiitos palautteestanne. Värillinen tai samea vesi johtuu yleensä verkostossa tehdyistä "
        "töistä tai virtaussuunnan muutoksista. Valuttakaa kylmää vettä, kunnes se kirkastuu, ja "
        "ottakaa uudelleen yhteyttä, jos tilanne jatkuu.",
        "Kiitos yhteydenotostanne. Veden laatua valvotaan säännöllisesti, ja tiedot veden laadusta "
        "ja kovuudesta löytyvät verkkosivuiltamme.",
    ),
    "vesilaskut": _signed(
        f"{_VESI} / Asiakaspalvelu",
        "Kiitos yhteydenotostanne. Laskutus tarkistetaan ilmoittamanne mittarilukeman perusteella, "
        "ja mahdollinen liikasuoritus hyvitetään seuraavassa laskussa.",
        "Kiitos palautteestanne. Maksut perustuvat vesihuoltolaitoksen hyväksyttyyn taksaan, joka "
        "on nähtävillä verkkosivuillamme. Asiakasnumero löytyy laskun yläosasta.",
    ),
    "hulevedet": _signed(
        f"{_VESI} / Verkostot",
        "Kiitos ilmoituksesta. Sadevesikaivo tarkistetaan ja puhdistetaan lähipäivinä.",
        "Kiitos palautteestanne. Selvitämme hulevesiverkoston toimivuuden alueella. Rankkasateiden "
        "aiheuttamista vahingoista pyydämme olemaan yhteydessä asiakaspalveluumme.",
    ),
    "matkailu-ja-tapahtumat": _signed(
        f"{_ELVI} / Kaupunkimarkkinointi ja matkailu",
        "Kiitos palautteestanne! Välitämme sen tapahtumajärjestäjille ja otamme sen huomioon "
        "tulevien tapahtumien suunnittelussa.",
        "Kiitos ehdotuksesta. Kehitämme matkailuneuvontaa ja opasteita yhdessä alueen toimijoiden "
        "kanssa, ja palautteenne auttaa meitä tässä työssä.",
    ),
    "tyollisyyspalvelut": _signed(
        f"{_ELVI} / Työllisyyspalvelut",
        "Kiitos palautteestanne. Pahoittelemme viivettä. Välitämme tiedon asiantuntijallenne, joka "
        "ottaa teihin yhteyttä mahdollisimman pian.",
        "Kiitos yhteydenotostanne. Tietoa palveluistamme ja palkkatuesta saa työllisyyspalvelujen "
        "verkkosivuilta sekä asiakaspalvelustamme arkisin.",
    ),
    "terveysneuvonta": _signed(
        f"{_SOTE} / Terveysneuvonta",
        "Kiitos palautteestanne. Kehitämme neuvonnan saavutettavuutta ja selvitämme mahdollisuutta "
        "pidentää palveluaikoja. Palautepalvelussa emme voi antaa hoito-ohjeita; kiireellisissä "
        "asioissa ottakaa yhteyttä päivystykseen ja hätätilanteessa soittakaa 112.",
        "Kiitos yhteydenotostanne. Välitämme tiedon palveluesihenkilölle, joka selvittää "
        "takaisinsoittojärjestelmän toiminnan.",
    ),
    "sosiaalityo": _signed(
        f"{_SOTE} / Aikuissosiaalityö",
        "Kiitos palautteestanne. Pyrimme käsittelemään hakemukset lakisääteisessä ajassa. "
        "Ruuhkatilanteessa käsittely voi viivästyä, ja pahoittelemme tästä aiheutunutta haittaa.",
        "Kiitos palautteestanne. Välitämme sen yksikön esihenkilölle, ja se käsitellään tiimin "
        "palaverissa. Yksittäisen asiakkaan asioista emme voi keskustella palautepalvelussa.",
    ),
    "terveysasema-mannisto": _signed(
        f"{_PSHVA} / Kuopion terveysasema, Männistö",
        "Kiitos palautteestanne. Käsittelemme sen terveysaseman tiimipalaverissa ja mietimme "
        "yhdessä, miten toimintaa voidaan parantaa. Jos jätitte yhteystietonne, otamme teihin "
        "yhteyttä 14 vuorokauden kuluessa.",
        "Lämmin kiitos palautteesta! Välitämme sen henkilökunnalle, ja se ilahduttaa koko tiimiä.",
    ),
    "terveysasema-petonen": _signed(
        f"{_PSHVA} / Kuopion terveysasema, Petonen",
        "Kiitos palautteestanne. Asia on välitetty terveysaseman esihenkilölle, ja se käsitellään "
        "yksikön palaverissa. Kerromme palautteiden vaikutuksista verkkosivuillamme.",
        "Kiitos, että kerroitte kokemuksestanne. Kehitämme sähköistä asiointia ja ajanvarausta "
        "jatkuvasti, ja palautteenne otetaan huomioon kehittämistyössä.",
    ),
    "terveysasema-siilinjarvi": _signed(
        f"{_PSHVA} / Siilinjärven terveysasema",
        "Kiitos palautteestanne, ja pahoittelemme odottamista. Jatkossa pyrimme kertomaan "
        "vastaanottojen viivästymisestä asiakkaille heti aulassa.",
        "Kiitos hyvästä palautteesta! Se on välitetty koko henkilökunnalle.",
    ),
    "suun-terveydenhuolto": _signed(
        f"{_PSHVA} / Suun terveydenhuolto, Kuopio keskusta",
        "Kiitos palautteestanne. Pahoittelemme perumisia, jotka johtuivat henkilökunnan "
        "äkillisistä poissaoloista. Pyrimme tarjoamaan uuden ajan mahdollisimman pian.",
        "Kiitos palautteestanne, välitämme sen hoitohenkilökunnalle. Asiakasmaksut määräytyvät "
        "hyvinvointialueen asiakasmaksupäätöksen mukaan, ja ne löytyvät verkkosivuiltamme.",
    ),
    "kotihoito": _signed(
        f"{_PSHVA} / Kotihoito, Kuopion itäinen alue",
        "Kiitos palautteestanne. Käsittelemme asian kotihoidon tiimissä ja pyrimme siihen, että "
        "käynnit toteutuvat sovittuina aikoina ja samat hoitajat käyvät mahdollisimman usein. "
        "Otamme teihin yhteyttä 14 vuorokauden kuluessa.",
        "Kiitos arvokkaasta palautteesta. Välitämme sen hoitajille ja sovimme kanssanne, miten "
        "omaisille tiedotetaan jatkossa asiakkaan voinnin muutoksista.",
    ),
    "palveluasuminen": _signed(
        f"{_PSHVA} / Ympärivuorokautinen palveluasuminen, Kuopio",
        "Kiitos palautteestanne. Käsittelemme sen yksikön palaverissa ja laadimme tarvittaessa "
        "kehittämistoimenpiteen. Kerromme omaisille, miten palaute on vaikuttanut toimintaamme.",
        "Kiitos lämpimästä palautteesta! Välitämme sen henkilökunnalle. Vierailuista voi sopia "
        "joustavasti yksikön kanssa.",
    ),
    "paivystys": _signed(
        f"{_PSHVA} / Päivystys, KYS",
        "Kiitos palautteestanne. Päivystyksessä potilaat hoidetaan kiireellisyysjärjestyksessä, "
        "minkä vuoksi odotusajat voivat venyä. Pahoittelemme odottamista ja kehitämme odotusajasta "
        "tiedottamista.",
        "Kiitos palautteestanne. Välitämme sen päivystyksen henkilökunnalle ja otamme sen huomioon "
        "toiminnan kehittämisessä.",
    ),
    "lastensuojelu": _signed(
        f"{_PSHVA} / Lastensuojelu, Kuopio",
        "Kiitos palautteestanne. Pahoittelemme työntekijävaihdoksia. Pyrimme turvaamaan "
        "työskentelyn jatkuvuuden, ja palautteenne käsitellään yksikön palaverissa.",
        "Kiitos, että kerroitte kokemuksestanne. Välitämme palautteen tiimille. Yksittäisen "
        "asiakkaan asioista emme voi keskustella palautepalvelussa, mutta otamme yhteyttä, jos "
        "jätitte yhteystietonne.",
    ),
    "perheneuvola": _signed(
        f"{_PSHVA} / Perheneuvola, Kuopio",
        "Kiitos palautteestanne. Jonotilanne on tiedossamme, ja teemme töitä sen lyhentämiseksi. "
        "Kiireellisissä tilanteissa ohjaamme perheitä tarvittaessa muihin palveluihin.",
        "Kiitos palautteesta ja ehdotuksesta. Selvitämme mahdollisuutta tarjota tapaamisia myös "
        "iltaisin ja etänä.",
    ),
}


# ---------------------------------------------------------------------------------------
# Demo staff users (fictional)
# ---------------------------------------------------------------------------------------

USERS: list[dict] = [
    {
        "username": "admin",
        "first_name": "Demo",
        "last_name": "Pääkäyttäjä",
        "email": "admin@example.fi",
        "role": "admin",
        "organization": "kuopio",
        "is_superuser": True,
    },
    {
        "username": "kasittelija",
        "first_name": "Demo",
        "last_name": "Käsittelijä",
        "email": "kasittelija@example.fi",
        "role": "handler",
        "organization": "kuopio-kunnossapito",
        "is_superuser": False,
    },
    {
        "username": "esihenkilo",
        "first_name": "Demo",
        "last_name": "Esihenkilö",
        "email": "esihenkilo@example.fi",
        "role": "supervisor",
        "organization": "kuopio-kaupunkiymparisto",
        "is_superuser": False,
    },
    {
        "username": "yksikko-esihenkilo",
        "first_name": "Demo",
        "last_name": "Osastonhoitaja",
        "email": "yksikko.esihenkilo@example.fi",
        "role": "supervisor",
        "organization": "pshva-tk-mannisto",
        "is_superuser": False,
    },
    {
        "username": "ylihoitaja",
        "first_name": "Demo",
        "last_name": "Ylihoitaja",
        "email": "ylihoitaja@example.fi",
        "role": "supervisor",
        "organization": "pshva-terveysasemat",
        "is_superuser": False,
    },
    {
        "username": "johtaja",
        "first_name": "Demo",
        "last_name": "Palvelualuejohtaja",
        "email": "johtaja@example.fi",
        "role": "director",
        "organization": "pshva-terveyspalvelut",
        "is_superuser": False,
    },
    {
        "username": "asiakkuuspaallikko",
        "first_name": "Demo",
        "last_name": "Asiakkuuspäällikkö",
        "email": "asiakkuuspaallikko@example.fi",
        "role": "admin",
        "organization": "pshva",
        "is_superuser": False,
    },
    {
        "username": "hoitaja",
        "first_name": "Demo",
        "last_name": "Hoitaja",
        "email": "hoitaja@example.fi",
        "role": "staff",
        "organization": "pshva-tk-mannisto",
        "is_superuser": False,
    },
    {
        "username": "tietosuojavastaava",
        "first_name": "Demo",
        "last_name": "Tietosuojavastaava",
        "email": "tietosuojavastaava@example.fi",
        "role": "privacy_officer",
        "organization": "pshva",
        "is_superuser": False,
    },
]


# Response templates: (organisation code, name, Finnish, Swedish, English).
RESPONSE_TEMPLATES = [
    (
        "kuopio-kaupunkiymparisto",
        "Kiitos palautteesta, asia korjataan",
        "Kiitos palautteestanne. Olemme välittäneet asian korjattavaksi, ja se hoidetaan "
        "mahdollisimman pian.\n\nYstävällisin terveisin\nKaupunkiympäristön palvelualue",
        "Tack för er respons. Vi har skickat ärendet vidare för åtgärd, och det sköts så "
        "snart som möjligt.\n\nMed vänliga hälsningar\nStadsmiljöns tjänsteområde",
        "Thank you for your feedback. We have passed the matter on to be fixed, and it will "
        "be handled as soon as possible.\n\nKind regards\nUrban Environment Services",
    ),
    (
        "kuopio-kunnossapito",
        "Talvikunnossapito: aurausjärjestys",
        "Kiitos palautteestanne. Kadut aurataan kiireellisyysjärjestyksessä: ensin pääkadut "
        "ja joukkoliikenteen reitit, sitten kokoojakadut ja viimeisenä asuntokadut. "
        "Välitimme havaintonne urakoitsijalle.\n\nYstävällisin terveisin\nKunnossapito",
        "Tack för er respons. Gatorna plogas i brådskande ordning: först huvudgatorna och "
        "kollektivtrafikens rutter, sedan matargatorna och sist bostadsgatorna. Vi har "
        "skickat er iakttagelse till entreprenören.\n\nMed vänliga hälsningar\nUnderhåll",
        "Thank you for your feedback. Streets are ploughed in order of urgency: main streets "
        "and public transport routes first, then collector streets and residential streets "
        "last. We have passed your observation to the contractor.\n\nKind regards\n"
        "Maintenance",
    ),
    (
        "pshva",
        "Yhteydenotto asiakkaaseen",
        "Kiitos palautteestasi. Otamme sinuun yhteyttä 14 vuorokauden kuluessa, jotta voimme "
        "käydä asian läpi yhdessä.\n\nYstävällisin terveisin\nPohjois-Savon hyvinvointialue",
        "Tack för din respons. Vi kontaktar dig inom 14 dygn för att gå igenom ärendet "
        "tillsammans.\n\nMed vänliga hälsningar\nNorra Savolax välfärdsområde",
        "Thank you for your feedback. We will contact you within 14 days to go through the "
        "matter together.\n\nKind regards\nNorth Savo wellbeing services county",
    ),
]

# How each demo role hears of new feedback.
NOTIFY_BY_ROLE = {
    "handler": "immediate",
    "supervisor": "digest",
    "director": "none",
    "admin": "none",
    "staff": "none",
}


# Extra questions of topics (Open311 service attributes): (service code, code, datatype,
# required, question fi/sv/en, choices as (key, fi, sv, en)).
TOPIC_QUESTIONS = [
    (
        "katuvalot",
        "vika",
        "singlevaluelist",
        True,
        ("Mikä valossa on vialla?", "Vad är fel på belysningen?", "What is wrong with the light?"),
        [
            ("pimea", "Valo ei pala", "Lampan lyser inte", "The light is out"),
            ("vilkkuu", "Valo vilkkuu", "Lampan blinkar", "The light flickers"),
            ("paivalla", "Valo palaa päivällä", "Lampan lyser på dagen", "The light is on by day"),
            (
                "vaurio",
                "Pylväs tai valaisin on vaurioitunut",
                "Stolpen eller armaturen är skadad",
                "The pole or fixture is damaged",
            ),
        ],
    ),
    (
        "katuvalot",
        "valojen_maara",
        "number",
        False,
        ("Montako valoa on pimeänä?", "Hur många lampor är släckta?", "How many lights are out?"),
        [],
    ),
]


# ---------------------------------------------------------------------------------------
# The county's customer questionnaires
# ---------------------------------------------------------------------------------------

# Collection points: (service unit, topic, questionnaire, channels).
# Unit meeting and development actions of the demo (C5, C6).
DEMO_SUMMARY = {
    "unit": "pshva-tk-mannisto",
    "supervisor": "yksikko-esihenkilo",
    "commentary": (
        "Asiakkaat suosittelevat terveysasemaa aiempaa useammin, ja kohtaamista koskevat "
        "arviot ovat hyviä. Eniten palautetta tuli takaisinsoittojen odottamisesta: "
        "ruuhka-aikojen selvitys on käynnissä, ja tulokset käsitellään syksyn palaverissa. "
        "Tiedon ymmärrettävyyteen panostetaan jatkohoito-ohjeilla."
    ),
}

DEMO_IMPROVEMENTS = {
    "unit": "pshva-tk-mannisto",
    "owner": "yksikko-esihenkilo",
    "meeting_title": "Yksikön palaveri: asiakaspalaute",
    "decisions": [
        "Käydään läpi ajanvarauksen takaisinsoittojen jono; vastuuhenkilö selvittää ruuhka-ajat.",
        "Kiitos välitetään koko tiimille.",
        "Laaditaan selkeämpi ohje jatkohoidosta vastaanottokäynnin jälkeen.",
        "Otetaan esiin henkilöstöpalaverissa: asiakkaan kohtaaminen kiireessä.",
        "Ei toimenpiteitä; asia on jo korjattu.",
    ],
    "minutes": (
        "Läsnä osastonhoitaja ja vastaanoton hoitajat. Käytiin läpi jakson palaute ja luvut. "
        "Päätettiin kehittää takaisinsoittoa ja jatkohoito-ohjeita."
    ),
    "done_action": {
        "title": "Takaisinsoitto saman päivän aikana",
        "description": (
            "Ajanvarauksen takaisinsoittoihin lisätään aamupäivän ruuhka-aikaan toinen "
            "hoitaja, jotta jokaiseen soittopyyntöön vastataan saman päivän aikana."
        ),
        "public_description": (
            "Palautteenne perusteella lisäsimme aamupäivän ruuhka-aikaan toisen hoitajan "
            "vastaamaan soittopyyntöihin. Nyt soitamme takaisin saman päivän aikana."
        ),
        "note": "Työvuorolistat muutettu, toinen hoitaja aloittanut takaisinsoitot.",
        "impact": (
            "Soittopyyntöjen jono purkautuu nyt päivän aikana. Suositteluindeksiä seurataan "
            "edelleen seuraavassa palaverissa."
        ),
    },
    "ongoing_action": {
        "title": "Jatkohoito-ohje vastaanottokäynnin jälkeen",
        "description": (
            "Laaditaan lyhyt kirjallinen ohje siitä, miten tutkimustulokset kerrotaan ja kehen "
            "otetaan yhteyttä, jos vointi muuttuu."
        ),
    },
}

# A comment that the automatic rules flag critical when the demo is loaded.
FRESH_CRITICAL = {
    "key": "demo-critical-1",
    "unit": "pshva-tk-mannisto",
    "nps": 1,
    "statement": 1,
    "text": (
        "Vastaanotolla minulle annettiin väärä lääke, vaikka kerroin allergiastani. "
        "Sain voimakkaan reaktion, eikä kukaan tarkistanut tietojani."
    ),
}

COLLECTION_POINTS = [
    (
        "pshva-tk-mannisto",
        "terveysasema-mannisto",
        "kansallinen-aikuiset",
        ["web", "tablet", "qr", "sms", "paper", "oral"],
    ),
    ("pshva-tk-petonen", "terveysasema-petonen", "kansallinen-aikuiset", ["web", "qr", "sms"]),
    ("pshva-tk-siilinjarvi", "terveysasema-siilinjarvi", "kansallinen-aikuiset", ["web", "tablet"]),
    (
        "pshva-suun-th-kuopio-keskusta",
        "suun-terveydenhuolto",
        "kansallinen-aikuiset",
        ["web", "qr", "paper"],
    ),
    ("pshva-kotihoito-kuopio-ita", "kotihoito", "kansallinen-aikuiset", ["web", "sms", "oral"]),
    ("pshva-kotihoito-kuopio-ita", "kotihoito", "kansallinen-laheiset", ["web", "paper"]),
    ("pshva-palveluasuminen-kuopio", "palveluasuminen", "kansallinen-laheiset", ["web", "tablet"]),
    ("pshva-palveluasuminen-kuopio", "palveluasuminen", "kansallinen-aikuiset", ["oral"]),
    ("pshva-perheneuvola-kuopio", "perheneuvola", "kansallinen-lapset", ["web", "tablet"]),
    ("pshva-perheneuvola-kuopio", "perheneuvola", "kansallinen-laheiset", ["web"]),
    ("pshva-lastensuojelu-kuopio", "lastensuojelu", "kansallinen-aikuiset", ["web", "paper"]),
    ("pshva-paivystys-kys", "paivystys", "kansallinen-aikuiset", ["web", "qr", "sms"]),
]

# Names of the collection points by channel, in Finnish (staff see them).
COLLECTION_POINT_NAMES = {
    "web": "Verkkokysely",
    "tablet": "Tabletti odotustilassa",
    "qr": "QR-juliste odotustilassa",
    "sms": "Tekstiviestikutsu käynnin jälkeen",
    "paper": "Paperilomake",
    "oral": "Suullinen palaute",
}

SURVEY_RESPONSE_COUNT = 300
SURVEY_RECENT_COUNT = 150  # of the last three months; the rest are older

# Open answers of the demo questionnaires: (minimum score it fits, text).
SURVEY_COMMENTS = [
    (9, "Ystävällinen ja asiantunteva vastaanotto, kiitos!"),
    (9, "Hoitaja kuunteli ja selitti asiat selkeästi. Tuli tunne, että asiani on tärkeä."),
    (8, "Pääsin vastaanotolle nopeasti ja kaikki sujui hyvin."),
    (8, "Aulan opasteet voisivat olla selkeämmät, muuten kaikki hyvin."),
    (7, "Palvelu oli hyvää, mutta jouduin odottamaan aulassa yli puoli tuntia."),
    (7, "Ajanvarauksen takaisinsoitto tuli vasta seuraavana päivänä."),
    (5, "Puhelinjonossa meni pitkään, ennen kuin sain ajan."),
    (5, "Ohjeet jatkohoidosta jäivät epäselviksi. Toivoisin kirjalliset ohjeet mukaan."),
    (3, "Minua ei kuunneltu, ja vastaanotto tuntui kiireiseltä."),
    (2, "Aika peruttiin kaksi kertaa, eikä kukaan kertonut syytä."),
    (0, "Sain ristiriitaista tietoa eri työntekijöiltä."),
    (9, "Kotihoidon työntekijät ovat aina iloisia ja tulevat sovittuun aikaan."),
    (6, "Työntekijät vaihtuvat usein, äidin on vaikea tottua uusiin kasvoihin."),
    (9, "Tack för ett vänligt bemötande, allt fungerade bra."),
    (7, "Vi fick vänta länge på svar från mottagningen."),
    (8, "Lapsi viihtyi, ja leikkinurkka odotustilassa oli mukava."),
    (4, "Pysäköintipaikkoja on liian vähän, myöhästyin sen takia."),
]

# Sensitive comments: the check flags them and handling sees the note.
SURVEY_SENSITIVE_COMMENTS = [
    "Diabeteslääkitykseni muutettiin, mutta kukaan ei kertonut miksi.",
    "Henkilötunnukseni 010203-1230 näkyi odotustilan näytöllä muiden luettavana.",
]
