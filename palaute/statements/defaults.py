"""The statements as shipped: texts a Finnish city or wellbeing services county can publish
once it has completed the marked parts ("[TÄYDENNÄ: …]", "[FYLL I: …]", "[COMPLETE: …]").

The data migration creates the statements from these; the administrator edits them in the
back office (Tietosuoja ja saavutettavuus). They describe what this software does: change
them when the software changes what it keeps, for how long, or how it is tested.
"""

# ruff: noqa: E501 - prose

PRIVACY_FI = """\
Tässä selosteessa kerrotaan, miten [TÄYDENNÄ: organisaation nimi] käsittelee henkilötietoja palautepalvelussa. Palautepalvelussa voi antaa palautetta, kysyä ja vastata asiakaspalautekyselyihin verkossa, palautetabletilla, QR-koodin kautta, tekstiviestillä ja paperilomakkeella, ja henkilökunta voi kirjata suullisen palautteen. Seloste perustuu EU:n yleisen tietosuoja-asetuksen (2016/679) 13 ja 14 artiklaan.

## 1. Rekisterinpitäjä

[TÄYDENNÄ: organisaation nimi, postiosoite, puhelinvaihde ja kirjaamon sähköpostiosoite]

Rekisteriä koskevissa asioissa voit ottaa yhteyttä: [TÄYDENNÄ: vastuuhenkilön tehtävänimike ja yhteystiedot]

## 2. Tietosuojavastaava

[TÄYDENNÄ: tietosuojavastaavan nimi tai tehtävänimike, sähköpostiosoite ja puhelinnumero]

## 3. Mihin henkilötietoja käytetään

- Palautteiden, kysymysten ja asiakaspalautekyselyjen vastausten vastaanottamiseen, ohjaamiseen vastuuyksikölle ja käsittelyyn.
- Palautteeseen vastaamiseen ja yhteydenottoon, kun olet antanut yhteystietosi tai pyytänyt yhteydenottoa.
- Palautteen ja siihen annettujen vastausten julkaisemiseen verkossa, kun olet sallinut julkaisun. Yhteystietoja ei julkaista koskaan.
- Palvelujen kehittämiseen, tilastointiin ja raportointiin. Raportit laaditaan koosteina, joista yksittäistä henkilöä ei voi tunnistaa; alle viiden vastauksen ryhmistä ei näytetä lukuja.
- Palvelun toiminnan ja tietoturvan varmistamiseen sekä väärinkäytösten estämiseen.

Tietoja ei käytetä markkinointiin eikä profilointiin.

## 4. Käsittelyn oikeusperuste

- **Yleisen edun mukaisen tehtävän suorittaminen ja julkisen vallan käyttäminen** (tietosuoja-asetuksen 6 artiklan 1 kohdan e alakohta ja tietosuojalaki 1050/2018): asukkaiden ja palvelujen käyttäjien osallistumis- ja vaikuttamismahdollisuuksista huolehtiminen (kuntalaki 410/2015, hyvinvointialuelaki 611/2021) sekä neuvonta ja asiointi hyvän hallinnon mukaisesti (hallintolaki 434/2003). Palautteen julkaiseminen on osa avointa vuorovaikutusta; palautetta ei julkaista, jos et ole sallinut sitä.
- **Lakisääteisen velvoitteen noudattaminen** (6 artiklan 1 kohdan c alakohta): viranomaiselle saapuneiden asiakirjojen käsittely, säilyttäminen ja julkisuus (laki viranomaisten toiminnan julkisuudesta 621/1999, arkistolaki 831/1994).
- **Terveystiedot ja muut erityiset henkilötiedot.** Pyydämme, ettei palautteeseen kirjoiteta terveystietoja. Jos sosiaali- tai terveyspalveluja koskevassa palautteessa tai kyselyn vastauksessa kuitenkin on niitä, niitä käsitellään vain siltä osin kuin se on välttämätöntä palautteen käsittelemiseksi ja palvelujen kehittämiseksi. Käsittely perustuu tietosuoja-asetuksen 9 artiklan 2 kohdan h alakohtaan ja kansalliseen lainsäädäntöön (tietosuojalaki 1050/2018, laki sosiaali- ja terveydenhuollon asiakastietojen käsittelystä 703/2023). Sosiaali- ja terveyspalveluja koskeva palaute ei ole koskaan julkista.

[TÄYDENNÄ: tarkistakaa lakiviittaukset organisaationne tehtävien mukaan]

## 5. Mitä tietoja käsitellään

- **Yhteystiedot**, jos annat ne: nimi, sähköpostiosoite ja puhelinnumero sekä tieto siitä, pyysitkö yhteydenottoa.
- **Palautteen sisältö**: aihe, laji (palaute tai kysymys), otsikko, teksti, vastaukset aihekohtaisiin lisäkysymyksiin, julkaisulupa ja kieli. Jos käsittelijä poistaa julkaistavasta tekstistä henkilötietoja, alkuperäinen teksti säilytetään erikseen henkilökunnan käytössä.
- **Paikka**, jos annat sen: osoite ja kartalta merkitty sijainti.
- **Liitteet**: kuvat ja PDF-tiedostot. Kuvista poistetaan aina sijainti- ja laitetiedot (EXIF-tiedot).
- **Asiakaspalautekyselyjen vastaukset**: suositteluhalukkuus, väittämien arviot, avoin vastaus, vastaajan rooli ja ikäryhmä. Vastaukset ovat nimettömiä, ellet pyydä yhteydenottoa. Tekstiviestikyselyssä puhelinnumero säilytetään vain avaimella laskettuna tunnisteena (tiivisteenä), jolla rajoitetaan kutsujen määrää ja muistetaan kieltäytymiset; sitä ei liitetä vastaukseen.
- **Käsittelytiedot**: palautteen tila, käsittelijät, vastaukset, sisäiset muistiinpanot, määräajat ja tapahtumahistoria.
- **Tekninen lokitieto**: IP-osoitetta käytetään tunnin ajan lähetysten määrän rajoittamiseen, eikä sitä tallenneta palautteen yhteyteen. Henkilökunnan kirjautumiset sekä jokainen yhteystietojen ja alkuperäisen tekstin katselu kirjataan lokiin. [TÄYDENNÄ: palvelimen lokitiedot ja niiden säilytysaika]

## 6. Mistä tiedot saadaan

- Pääosin sinulta itseltäsi: verkkolomakkeelta, kyselystä, palautetabletilta, tekstiviestistä ja paperilomakkeelta. Suullisen palautteen kirjaa henkilökunta kertomasi mukaan.
- Sovelluksista, joilla olet lähettänyt palautteen palvelun avoimen rajapinnan (Open311) kautta.
- Palautteen käsittelijöiltä: vastaukset ja käsittelyä koskevat tiedot.
- Palautteessa voi olla tietoja muista ihmisistä, jos palautteen antaja on kirjoittanut niitä. Pyydämme, ettei palautteeseen kirjoiteta muiden ihmisten nimiä tai muita tietoja. Palvelu tarkistaa tekstin automaattisesti, ja käsittelijä poistaa henkilötiedot ennen kuin palautetta julkaistaan.

## 7. Kenelle tietoja luovutetaan

- **Palautteen käsittelijät**: sen yksikön henkilökunta, jolle palaute on ohjattu tai siirretty käsiteltäväksi, ja yksikön esihenkilöt ja johto. Yhteystiedot näkevät vain ne, joilla on oikeus käsitellä palautetta.
- **Yleisö**: julkaistu palaute ja siihen annetut vastaukset näkyvät verkkosivuilla, syötteissä (RSS ja Atom) ja avoimessa rajapinnassa ilman yhteystietoja, kun olet sallinut julkaisun. Sosiaali- ja terveyspalveluja koskeva palaute ei ole koskaan julkista.
- **Henkilötietojen käsittelijät**, jotka hoitavat palvelua puolestamme sopimuksen perusteella: [TÄYDENNÄ: palvelun ylläpitäjä, palvelinpalvelu, sähköposti- ja tekstiviestipalvelu].
- **Viranomaiset ja muut**, kun laki sitä edellyttää. Pyynnöt saada asiakirjoja ratkaistaan julkisuuslain mukaan, eikä salassa pidettäviä tietoja luovuteta.

Tietoja ei myydä eikä luovuteta markkinointiin.

## 8. Siirrot EU:n ja ETA:n ulkopuolelle

Tietoja ei siirretä Euroopan unionin tai Euroopan talousalueen ulkopuolelle. [TÄYDENNÄ: varmistakaa, että myös palveluntoimittajat, esimerkiksi tekstiviestipalvelu, käsittelevät tiedot EU:n tai ETA:n alueella]

## 9. Kuinka kauan tietoja säilytetään

- Yhteystiedot, liitteet ja palautteen alkuperäinen teksti poistetaan automaattisesti 24 kuukauden kuluttua siitä, kun palaute on suljettu, ellei organisaatiolle ole asetettu muuta säilytysaikaa. Poistaminen kirjataan.
- Julkaistu, henkilötiedoista puhdistettu teksti, vastaukset ja tilastot säilytetään. Niistä ei voi tunnistaa palautteen antajaa.
- [TÄYDENNÄ: poikkeavat säilytysajat ja lokien säilytysaika; tarkistakaa ne tiedonohjaussuunnitelmastanne]

## 10. Miten tiedot suojataan

- Yhteystiedot salataan tietokannassa, joten pelkkä tietokannan kopio ei paljasta niitä.
- Henkilökunta kirjautuu henkilökohtaisilla tunnuksilla. Kukin näkee vain sen organisaation osan palautteet, johon hänen tehtävänsä kuuluvat, ja yhteystiedot näkevät vain ne, joilla on oikeus käsitellä palautetta.
- Jokainen yhteystietojen ja alkuperäisen tekstin katselu kirjataan lokiin, jota pääkäyttäjä ja tietosuojavastaava voivat seurata.
- Palvelua käytetään salatun yhteyden (HTTPS) kautta. Kirjautuminen lukitaan toistuvien virheellisten yritysten jälkeen, ja henkilökunnan istunto päättyy, kun sitä ei käytetä.
- Teksti tarkistetaan automaattisesti henkilötietojen, kuten henkilötunnusten, puhelinnumeroiden, osoitteiden, nimien ja terveystietojen, varalta ennen julkaisua.

## 11. Automaattinen päätöksenteko

Palvelu ei tee automaattisia päätöksiä eikä profiloi. Automaattiset tarkistukset vain ohjaavat käsittelyä: ne voivat pidättää palautteen julkaisun tai merkitä sen kiireelliseksi, ja ihminen tarkistaa aina lopputuloksen.

## 12. Sinun oikeutesi

- Oikeus saada tietää, mitä tietoja sinusta käsitellään, ja saada kopio niistä (15 artikla).
- Oikeus vaatia virheellisten tietojen oikaisemista (16 artikla).
- Oikeus vaatia tietojen poistamista (17 artikla), kun sen edellytykset täyttyvät. Oikeus ei koske tietoja, jotka on säilytettävä lain perusteella.
- Oikeus vaatia käsittelyn rajoittamista (18 artikla).
- Oikeus vastustaa käsittelyä erityiseen tilanteeseesi liittyvällä perusteella (21 artikla).

Oikeus siirtää tiedot järjestelmästä toiseen (20 artikla) ei koske tätä käsittelyä, koska se perustuu lakisääteiseen velvoitteeseen ja yleisen edun mukaiseen tehtävään.

Pyynnöt: [TÄYDENNÄ: kirjaamon yhteystiedot tai sähköisen asioinnin lomake]. Vastaamme pyyntöön kuukauden kuluessa. Varmistamme ensin henkilöllisyytesi, jotta tietoja ei anneta väärälle henkilölle.

## 13. Oikeus tehdä valitus

Jos katsot, että henkilötietojesi käsittely rikkoo tietosuojasäädöksiä, voit tehdä valituksen valvontaviranomaiselle: Tietosuojavaltuutetun toimisto, [tietosuoja.fi](https://tietosuoja.fi).

## 14. Onko tietojen antaminen pakollista?

Ei. Voit antaa palautetta ja vastata kyselyihin nimettömästi. Ilman yhteystietoja emme kuitenkaan voi vastata sinulle henkilökohtaisesti; palautteen käsittelyä voit seurata henkilökohtaisella seurantalinkillä.
"""

PRIVACY_SV = """\
Här beskriver vi hur [FYLL I: organisationens namn] behandlar personuppgifter i responstjänsten. I tjänsten kan man ge respons, ställa frågor och svara på kundenkäter på webben, på en responsplatta, via QR-kod, per sms och på pappersblankett, och personalen kan anteckna muntlig respons. Beskrivningen grundar sig på artiklarna 13 och 14 i EU:s allmänna dataskyddsförordning (2016/679).

## 1. Personuppgiftsansvarig

[FYLL I: organisationens namn, postadress, telefonväxel och registratorskontorets e-postadress]

Kontaktperson i frågor som gäller registret: [FYLL I: kontaktpersonens befattning och kontaktuppgifter]

## 2. Dataskyddsombud

[FYLL I: dataskyddsombudets namn eller befattning, e-postadress och telefonnummer]

## 3. Vad personuppgifterna används till

- För att ta emot respons, frågor och svar på kundenkäter, styra dem till den ansvariga enheten och behandla dem.
- För att svara på responsen och kontakta dig, när du har lämnat dina kontaktuppgifter eller bett om att bli kontaktad.
- För att publicera responsen och svaren på webben, när du har tillåtit det. Kontaktuppgifter publiceras aldrig.
- För att utveckla tjänsterna och för statistik och rapporter. Rapporterna görs som sammanställningar där ingen enskild person kan identifieras; för grupper med färre än fem svar visas inga siffror.
- För att trygga tjänstens funktion och informationssäkerhet och förhindra missbruk.

Uppgifterna används inte för marknadsföring eller profilering.

## 4. Rättslig grund för behandlingen

- **Uppgift av allmänt intresse och myndighetsutövning** (artikel 6.1 e i dataskyddsförordningen och dataskyddslagen 1050/2018): att ge invånarna och tjänsternas användare möjlighet att delta och påverka (kommunallagen 410/2015, lagen om välfärdsområden 611/2021) samt rådgivning och ärendehantering enligt god förvaltning (förvaltningslagen 434/2003). Att publicera respons hör till den öppna dialogen; responsen publiceras inte om du inte har tillåtit det.
- **Rättslig förpliktelse** (artikel 6.1 c): behandling, förvaring och offentlighet av handlingar som kommit in till en myndighet (lagen om offentlighet i myndigheternas verksamhet 621/1999, arkivlagen 831/1994).
- **Hälsouppgifter och andra särskilda kategorier av personuppgifter.** Vi ber dig att inte skriva hälsouppgifter i responsen. Om respons eller ett enkätsvar om social- och hälsovårdstjänster ändå innehåller sådana, behandlas de bara i den mån det är nödvändigt för att behandla responsen och utveckla tjänsterna. Behandlingen grundar sig på artikel 9.2 h i dataskyddsförordningen och nationell lagstiftning (dataskyddslagen 1050/2018, lagen om behandling av klientuppgifter inom social- och hälsovården 703/2023). Respons om social- och hälsovårdstjänster är aldrig offentlig.

[FYLL I: kontrollera lagrummen enligt organisationens uppgifter]

## 5. Vilka uppgifter som behandlas

- **Kontaktuppgifter**, om du lämnar dem: namn, e-postadress och telefonnummer samt om du bett om att bli kontaktad.
- **Responsens innehåll**: ämne, typ (respons eller fråga), rubrik, text, svar på ämnesspecifika tilläggsfrågor, tillstånd att publicera och språk. Om handläggaren tar bort personuppgifter ur den text som publiceras, sparas originaltexten separat för personalens bruk.
- **Plats**, om du anger den: adress och en plats som markerats på kartan.
- **Bilagor**: bilder och PDF-filer. Från bilderna tas alltid plats- och enhetsuppgifter (EXIF-data) bort.
- **Svar på kundenkäter**: villighet att rekommendera, bedömningar av påståenden, fritt svar, svararens roll och åldersgrupp. Svaren är anonyma om du inte ber om att bli kontaktad. I sms-enkäter sparas telefonnumret endast som en med nyckel beräknad kod (hash), som används för att begränsa antalet inbjudningar och komma ihåg den som tackat nej; det kopplas inte till svaret.
- **Uppgifter om behandlingen**: responsens status, handläggare, svar, interna anteckningar, tidsfrister och händelsehistorik.
- **Teknisk logg**: IP-adressen används under en timme för att begränsa antalet inskickade meddelanden och sparas inte med responsen. Personalens inloggningar och varje gång någon tittar på kontaktuppgifter eller originaltext loggas. [FYLL I: serverns loggar och hur länge de sparas]

## 6. Varifrån uppgifterna fås

- Främst från dig själv: webbformuläret, enkäten, responsplattan, sms och pappersblanketten. Muntlig respons antecknas av personalen enligt vad du berättar.
- Från appar som du har använt för att skicka respons via tjänstens öppna gränssnitt (Open311).
- Från handläggarna: svar och uppgifter om behandlingen.
- Responsen kan innehålla uppgifter om andra personer, om den som gav responsen har skrivit sådana. Vi ber att man inte skriver andra personers namn eller andra uppgifter om dem. Tjänsten granskar texten automatiskt, och handläggaren tar bort personuppgifterna innan responsen publiceras.

## 7. Till vem uppgifterna lämnas ut

- **Handläggarna av responsen**: personalen vid den enhet som responsen har styrts eller flyttats till, och enhetens chefer och ledning. Kontaktuppgifterna ser endast de som har rätt att handlägga responsen.
- **Allmänheten**: publicerad respons och svaren på den visas på webbsidorna, i flöden (RSS och Atom) och i det öppna gränssnittet utan kontaktuppgifter, om du har tillåtit publicering. Respons om social- och hälsovårdstjänster är aldrig offentlig.
- **Personuppgiftsbiträden** som sköter tjänsten för vår räkning enligt avtal: [FYLL I: den som underhåller tjänsten, servertjänsten, e-post- och sms-tjänsten].
- **Myndigheter och andra**, när lagen kräver det. Begäranden om handlingar avgörs enligt offentlighetslagen, och sekretessbelagda uppgifter lämnas inte ut.

Uppgifterna säljs inte och lämnas inte ut för marknadsföring.

## 8. Överföring utanför EU och EES

Uppgifterna överförs inte utanför Europeiska unionen eller Europeiska ekonomiska samarbetsområdet. [FYLL I: säkerställ att också leverantörerna, till exempel sms-tjänsten, behandlar uppgifterna inom EU eller EES]

## 9. Hur länge uppgifterna sparas

- Kontaktuppgifter, bilagor och responsens originaltext raderas automatiskt 24 månader efter att responsen avslutats, om inte en annan förvaringstid har bestämts för organisationen. Raderingen loggas.
- Den publicerade texten, som rensats från personuppgifter, svaren och statistiken sparas. Av dem kan den som gav responsen inte identifieras.
- [FYLL I: avvikande förvaringstider och loggarnas förvaringstid; kontrollera dem i planen för informationsstyrning]

## 10. Hur uppgifterna skyddas

- Kontaktuppgifterna krypteras i databasen, så att en kopia av databasen inte ensam avslöjar dem.
- Personalen loggar in med personliga användarnamn. Var och en ser bara responsen inom den del av organisationen som hör till hans eller hennes uppgifter, och kontaktuppgifterna ser endast de som har rätt att handlägga responsen.
- Varje gång någon tittar på kontaktuppgifter eller originaltext loggas, och huvudanvändaren och dataskyddsombudet kan följa loggen.
- Tjänsten används över en krypterad förbindelse (HTTPS). Inloggningen spärras efter upprepade felaktiga försök, och personalens session upphör när den inte används.
- Texten granskas automatiskt före publicering för personuppgifter, såsom personbeteckningar, telefonnummer, adresser, namn och hälsouppgifter.

## 11. Automatiserat beslutsfattande

Tjänsten fattar inga automatiserade beslut och profilerar inte. De automatiska kontrollerna styr bara behandlingen: de kan hålla inne publiceringen av en respons eller märka den som brådskande, och en människa granskar alltid resultatet.

## 12. Dina rättigheter

- Rätt att få veta vilka uppgifter om dig som behandlas och få en kopia av dem (artikel 15).
- Rätt att kräva att felaktiga uppgifter rättas (artikel 16).
- Rätt att kräva att uppgifterna raderas (artikel 17), när förutsättningarna uppfylls. Rätten gäller inte uppgifter som enligt lag ska bevaras.
- Rätt att kräva begränsning av behandlingen (artikel 18).
- Rätt att invända mot behandlingen av skäl som hänför sig till din specifika situation (artikel 21).

Rätten att flytta uppgifterna från ett system till ett annat (artikel 20) gäller inte denna behandling, eftersom den grundar sig på en rättslig förpliktelse och en uppgift av allmänt intresse.

Begäranden: [FYLL I: registratorskontorets kontaktuppgifter eller e-tjänstens blankett]. Vi svarar inom en månad. Vi kontrollerar först din identitet, så att uppgifterna inte lämnas ut till fel person.

## 13. Rätt att lämna klagomål

Om du anser att behandlingen av dina personuppgifter strider mot dataskyddsbestämmelserna kan du lämna ett klagomål till tillsynsmyndigheten: Dataombudsmannens byrå, [tietosuoja.fi/sv](https://tietosuoja.fi/sv).

## 14. Är det obligatoriskt att lämna uppgifter?

Nej. Du kan ge respons och svara på enkäter anonymt. Utan kontaktuppgifter kan vi dock inte svara dig personligen; du kan följa behandlingen av responsen med en personlig uppföljningslänk.
"""

PRIVACY_EN = """\
This statement explains how [COMPLETE: name of the organisation] processes personal data in the feedback service. In the service you can give feedback, ask questions and answer customer surveys on the web, on a feedback tablet, through a QR code, by text message and on a paper form, and staff can record feedback given orally. The statement is based on Articles 13 and 14 of the EU General Data Protection Regulation (2016/679).

## 1. Controller

[COMPLETE: name of the organisation, postal address, switchboard and the registry office's email address]

Contact person for matters concerning the register: [COMPLETE: title and contact details of the person responsible]

## 2. Data protection officer

[COMPLETE: name or title of the data protection officer, email address and telephone number]

## 3. What the personal data is used for

- To receive feedback, questions and survey answers, route them to the responsible unit and handle them.
- To answer the feedback and contact you, when you have given your contact details or asked to be contacted.
- To publish the feedback and its answers on the web, when you have allowed it. Contact details are never published.
- To develop the services, and for statistics and reports. Reports are made as summaries in which no individual can be identified; no figures are shown for groups of fewer than five answers.
- To keep the service working and secure, and to prevent misuse.

The data is not used for marketing or profiling.

## 4. Legal basis

- **A task carried out in the public interest and the exercise of official authority** (Article 6(1)(e) of the GDPR and the Data Protection Act 1050/2018): giving residents and service users opportunities to take part and influence (Local Government Act 410/2015, Act on Wellbeing Services Counties 611/2021), and advice and service in line with good administration (Administrative Procedure Act 434/2003). Publishing feedback is part of open dialogue; feedback is not published unless you have allowed it.
- **A legal obligation** (Article 6(1)(c)): handling, keeping and disclosing documents received by a public authority (Act on the Openness of Government Activities 621/1999, Archives Act 831/1994).
- **Health data and other special categories of data.** Please do not write health information in your feedback. If feedback or a survey answer about social welfare or health services contains it nonetheless, it is processed only as far as necessary to handle the feedback and develop the services, on the basis of Article 9(2)(h) of the GDPR and national law (Data Protection Act 1050/2018, Act on the Processing of Client Data in Healthcare and Social Welfare 703/2023). Feedback on social welfare and health services is never public.

[COMPLETE: check the legal references against the organisation's tasks]

## 5. What data is processed

- **Contact details**, if you give them: name, email address and telephone number, and whether you asked to be contacted.
- **The feedback**: topic, kind (feedback or question), title, text, answers to the topic's additional questions, permission to publish and language. If a handler removes personal data from the text to be published, the original text is kept separately for staff.
- **Place**, if you give it: address and a location marked on the map.
- **Attachments**: images and PDF files. Location and device data (EXIF data) is always removed from images.
- **Survey answers**: likelihood to recommend, ratings of statements, open answer, the respondent's role and age group. Answers are anonymous unless you ask to be contacted. In text-message surveys the phone number is kept only as a keyed code (a hash), used to limit the number of invitations and to remember who declined; it is not linked to the answer.
- **Handling data**: the status of the feedback, handlers, answers, internal notes, deadlines and the history of events.
- **Technical logs**: the IP address is used for one hour to limit the number of submissions and is not stored with the feedback. Staff sign-ins, and every view of contact details or of the original text, are logged. [COMPLETE: server logs and how long they are kept]

## 6. Where the data comes from

- Mainly from you: the web form, the survey, the feedback tablet, text messages and the paper form. Staff record oral feedback as you tell it.
- From apps you have used to send feedback through the service's open interface (Open311).
- From the handlers: answers and data about the handling.
- Feedback may contain data about other people, if the sender has written it. Please do not write other people's names or other details about them. The service checks the text automatically, and a handler removes personal data before the feedback is published.

## 7. Who receives the data

- **The handlers of the feedback**: staff of the unit to which the feedback was routed or forwarded, and the unit's supervisors and management. Only those entitled to handle the feedback see the contact details.
- **The public**: published feedback and its answers are shown on the web pages, in feeds (RSS and Atom) and in the open interface without contact details, if you allowed publication. Feedback on social welfare and health services is never public.
- **Processors** that run the service on our behalf under a contract: [COMPLETE: the maintainer of the service, hosting, email and text-message service].
- **Authorities and others**, when the law requires it. Requests for documents are decided under the Act on the Openness of Government Activities, and confidential data is not disclosed.

The data is not sold or disclosed for marketing.

## 8. Transfers outside the EU and the EEA

The data is not transferred outside the European Union or the European Economic Area. [COMPLETE: make sure that suppliers, such as the text-message service, also process the data within the EU or the EEA]

## 9. How long the data is kept

- Contact details, attachments and the original text of the feedback are deleted automatically 24 months after the feedback is closed, unless another retention period has been set for the organisation. Each deletion is logged.
- The published text, cleaned of personal data, the answers and the statistics are kept. The sender cannot be identified from them.
- [COMPLETE: other retention periods and how long logs are kept; check them in your records management plan]

## 10. How the data is protected

- Contact details are encrypted in the database, so that a copy of the database alone does not reveal them.
- Staff sign in with personal accounts. Each sees only the feedback of the part of the organisation their duties cover, and only those entitled to handle a feedback see its contact details.
- Every view of contact details or of the original text is logged, and the administrator and the data protection officer can review the log.
- The service is used over an encrypted connection (HTTPS). Signing in is locked after repeated failed attempts, and a staff session ends when it is not used.
- Before publication the text is checked automatically for personal data such as personal identity codes, telephone numbers, addresses, names and health information.

## 11. Automated decision-making

The service makes no automated decisions and does no profiling. The automatic checks only guide the handling: they may hold back the publication of a feedback or mark it urgent, and a person always reviews the result.

## 12. Your rights

- The right to know what data about you is processed and to get a copy of it (Article 15).
- The right to have inaccurate data corrected (Article 16).
- The right to have data erased (Article 17) where the conditions are met. It does not cover data that must be kept by law.
- The right to restrict processing (Article 18).
- The right to object to processing on grounds relating to your particular situation (Article 21).

The right to data portability (Article 20) does not apply, because the processing is based on a legal obligation and a task carried out in the public interest.

Requests: [COMPLETE: contact details of the registry office or the online form]. We answer within one month. We first verify your identity, so that data is not given to the wrong person.

## 13. Right to lodge a complaint

If you consider that the processing of your personal data breaches data protection law, you can lodge a complaint with the supervisory authority: the Office of the Data Protection Ombudsman, [tietosuoja.fi/en](https://tietosuoja.fi/en).

## 14. Do you have to give your data?

No. You can give feedback and answer surveys anonymously. Without contact details, however, we cannot answer you personally; you can follow the handling of your feedback through a personal tracking link.
"""

ACCESSIBILITY_FI = """\
Tämä saavutettavuusseloste koskee [TÄYDENNÄ: organisaation nimi genetiivissä, esimerkiksi Kuopion kaupungin] palautepalvelua osoitteessa [TÄYDENNÄ: palvelun osoite, esimerkiksi https://palaute.kunta.fi]: palautelomaketta, julkisia palautteita, palautteen seurantaa, aiheita ja syötteitä, Näin palautteesi vaikutti -sivuja, asiakaspalautekyselyjä ja palautetablettia. Palvelua koskee laki digitaalisten palvelujen tarjoamisesta (306/2019), joka edellyttää, että julkiset verkkopalvelut ovat saavutettavia.

## Saavutettavuuden tila

Palvelu täyttää WCAG 2.1 -ohjeiston A- ja AA-tason saavutettavuusvaatimukset **osittain**. Tunnetut puutteet on lueteltu alla.

## Sisältö, joka ei ole saavutettavaa

- **Kartta paikan merkitsemiseen (palautelomake).** Paikan voi merkitä napsauttamalla karttaa, mikä vaatii hiiren tai kosketusnäytön. Näppäimistöllä karttaa voi siirtää nuolinäppäimillä ja merkitä kartan keskipisteen painikkeella, mutta kartta ja sen sisältö eivät välity ruudunlukijalle (WCAG 1.1.1), ja kartta toimii vain JavaScriptin kanssa. Kartan käyttö ei ole pakollista: paikan voi aina kertoa osoitekentässä. Julkisen palautteen sivulla paikka kerrotaan osoitteena, jos se on annettu, ja linkkinä OpenStreetMap-palveluun.
- **Palautetabletti aloittaa alusta minuutin kuluttua**, jos sitä ei kosketa, eikä käyttäjä voi pidentää aikaa (WCAG 2.2.1). Näin edellisen asiakkaan vastaukset eivät jää seuraavan nähtäville. Samaan kyselyyn voi vastata ilman aikarajaa verkossa tai yksikön QR-koodin kautta, ja laitteelle voi asettaa pidemmän ajan.
- **Palautteiden kuvaliitteillä on vain yleinen tekstivastine** (esimerkiksi ”Palautteen liitekuva 1”), joka ei kuvaa kuvan sisältöä (WCAG 1.1.1). Kuvat ja PDF-liitteet ovat palautteen antajien lähettämiä, eikä niiden saavutettavuutta tarkisteta. Palautteen teksti kertoo yleensä asian, jota kuva koskee.
- **Palautteen ja vastauksen kieli** merkitään sen kielen mukaan, jolla palautelomake oli auki. Jos teksti on kirjoitettu muulla kielellä, ruudunlukija voi lukea sen väärällä ääntämyksellä (WCAG 3.1.2).

## Sisältö, joka ei kuulu lainsäädännön piiriin

Karttapohjat (OpenStreetMap) eivät lain mukaan kuulu saavutettavuusvaatimusten piiriin, kun olennaiset tiedot on tarjottu saavutettavassa muodossa. Paikan voi aina kertoa osoitteena.

## Miten saavutettavuutta on arvioitu

Palvelun ohjelmistoa testataan automaattisesti jokaisen muutoksen yhteydessä. Kaikki julkiset sivut, kyselyt ja palautetabletin näkymät sekä henkilökunnan tärkeimmät sivut (palautejono, palautteen käsittely, yksikön palaveri, kehittämistoimenpide, raportti ja koontinäkymä) avataan oikeassa selaimessa (Chromium) suomeksi, ruotsiksi ja englanniksi ja tarkistetaan axe-core-työkalulla WCAG 2.1 -ohjeiston A- ja AA-tason vaatimuksia vasten. Lisäksi automaattiset testit antavat palautteen kartalla ja liitteellä pelkällä näppäimistöllä suomeksi ja ruotsiksi, vastaavat kyselyyn verkossa ja palautetabletilla ja käyvät läpi käsittelijän ja esihenkilön työvaiheet. Ne tarkistavat, että virheilmoitukset saavat kohdistuksen ja on liitetty kenttiinsä, että sivulla on ohituslinkki ja näkyvä kohdistus, että teksti voidaan suurentaa 200 prosenttiin ilman että sisältöä katoaa, että sivut mukautuvat 320 pikselin levyyn ja että painikkeet ovat riittävän suuria kosketettaviksi. Automaattiset tarkistukset löytävät vain osan saavutettavuuden puutteista: palvelua ei ole testattu ruudunlukijalla eikä puheohjauksella.

[TÄYDENNÄ: organisaation oma arvio, esimerkiksi asiantuntija-arvio tai ruudunlukijatestaus, kuka sen teki ja milloin]

Seloste on laadittu [TÄYDENNÄ: päivämäärä]. Päivä, jolloin selostetta on viimeksi päivitetty, näkyy tämän sivun alussa.

## Saavutettavuuspalaute

Huomasitko palvelussa saavutettavuuspuutteen? Kerro siitä meille [palautelomakkeella](/feedback/new/) tai [TÄYDENNÄ: sähköpostiosoite tai muu yhteystieto saavutettavuuspalautteelle]. Voit myös pyytää meiltä tietoa, joka ei ole saavutettavassa muodossa. Vastaamme kahden viikon kuluessa.

## Valvontaviranomainen

Jos huomaat palvelussa saavutettavuusongelmia, anna ensin palautetta meille. Jos et ole tyytyväinen saamaasi vastaukseen tai et saa vastausta kahden viikon kuluessa, voit tehdä saavutettavuusilmoituksen valvontaviranomaiselle.

Digitaalisten palvelujen saavutettavuutta valvoo 1.1.2026 alkaen Lupa- ja valvontavirasto. Se jatkaa Etelä-Suomen aluehallintoviraston saavutettavuusvalvontaa. Sivustolla [www.saavutettavuusvaatimukset.fi](https://www.saavutettavuusvaatimukset.fi) kerrotaan, miten ilmoituksen voi tehdä ja miten asia käsitellään.
"""

ACCESSIBILITY_SV = """\
Detta tillgänglighetsutlåtande gäller responstjänsten hos [FYLL I: organisationens namn] på adressen [FYLL I: tjänstens adress, till exempel https://respons.kommun.fi]: responsformuläret, den offentliga responsen, uppföljningen av respons, ämnen och flöden, sidorna Så här påverkade din respons, kundenkäterna och responsplattan. Tjänsten omfattas av lagen om tillhandahållande av digitala tjänster (306/2019), som kräver att offentliga webbtjänster är tillgängliga.

## Tillgänglighetsstatus

Tjänsten uppfyller **delvis** tillgänglighetskraven på nivåerna A och AA i WCAG 2.1. De kända bristerna räknas upp nedan.

## Innehåll som inte är tillgängligt

- **Kartan för att markera en plats (responsformuläret).** Platsen kan markeras genom att klicka på kartan, vilket kräver mus eller pekskärm. Med tangentbordet kan kartan flyttas med piltangenterna och kartans mittpunkt markeras med en knapp, men kartan och dess innehåll förmedlas inte till skärmläsare (WCAG 1.1.1), och kartan fungerar bara med JavaScript. Kartan behöver inte användas: platsen kan alltid anges i adressfältet. På sidan för offentlig respons anges platsen som adress, om en sådan har angetts, och som en länk till OpenStreetMap.
- **Responsplattan börjar om efter en minut** utan beröring, och användaren kan inte förlänga tiden (WCAG 2.2.1). På så sätt syns den föregående kundens svar inte för nästa kund. Samma enkät kan besvaras utan tidsgräns på webben eller via enhetens QR-kod, och en längre tid kan ställas in för apparaten.
- **Bildbilagor till respons har bara ett allmänt textalternativ** (till exempel ”Bild 1 som bifogats responsen”), som inte beskriver bildens innehåll (WCAG 1.1.1). Bilder och PDF-bilagor skickas av dem som ger respons, och deras tillgänglighet granskas inte. Responsens text berättar oftast vad bilden gäller.
- **Språket för respons och svar** märks enligt det språk som responsformuläret var öppet på. Om texten är skriven på ett annat språk kan en skärmläsare läsa den med fel uttal (WCAG 3.1.2).

## Innehåll som inte omfattas av lagstiftningen

Kartunderlagen (OpenStreetMap) omfattas enligt lagen inte av tillgänglighetskraven, när den väsentliga informationen finns i tillgänglig form. Platsen kan alltid anges som adress.

## Hur tillgängligheten har bedömts

Tjänstens programvara testas automatiskt vid varje ändring. Alla offentliga sidor, enkäter och responsplattans vyer samt personalens viktigaste sidor (responskön, behandlingen av en respons, enhetens möte, utvecklingsåtgärden, rapporten och översikten) öppnas i en riktig webbläsare (Chromium) på finska, svenska och engelska och granskas med verktyget axe-core mot kraven på nivåerna A och AA i WCAG 2.1. Dessutom ger automatiska tester respons med en plats på kartan och en bilaga med enbart tangentbord på finska och svenska, besvarar enkäten på webben och på responsplattan och går igenom handläggarens och chefens arbetsmoment. De kontrollerar att felmeddelanden får fokus och är kopplade till sina fält, att sidan har en överhoppningslänk och synligt fokus, att texten kan förstoras till 200 procent utan att innehåll går förlorat, att sidorna anpassar sig till en bredd på 320 pixlar och att knapparna är tillräckligt stora att trycka på. Automatiska kontroller hittar bara en del av tillgänglighetsbristerna: tjänsten har inte testats med skärmläsare eller röststyrning.

[FYLL I: organisationens egen bedömning, till exempel en expertbedömning eller test med skärmläsare, vem som gjorde den och när]

Utlåtandet har utarbetats [FYLL I: datum]. Dagen då utlåtandet senast uppdaterades syns i början av denna sida.

## Respons om tillgängligheten

Har du märkt en tillgänglighetsbrist i tjänsten? Berätta för oss med [responsformuläret](/sv/feedback/new/) eller [FYLL I: e-postadress eller annan kontaktuppgift för tillgänglighetsrespons]. Du kan också be oss om information som inte finns i tillgänglig form. Vi svarar inom två veckor.

## Tillsynsmyndighet

Om du märker tillgänglighetsproblem i tjänsten, ge först respons till oss. Om du inte är nöjd med svaret eller inte får något svar inom två veckor kan du göra en anmälan till tillsynsmyndigheten.

Från och med 1.1.2026 övervakas tillgängligheten i digitala tjänster av Tillstånds- och tillsynsverket. Det fortsätter den tillsyn som Regionförvaltningsverket i Södra Finland skötte tidigare. På webbplatsen [www.saavutettavuusvaatimukset.fi](https://www.saavutettavuusvaatimukset.fi) berättas hur man gör en anmälan och hur ärendet behandlas.
"""

ACCESSIBILITY_EN = """\
This accessibility statement applies to the feedback service of [COMPLETE: name of the organisation] at [COMPLETE: address of the service, for example https://feedback.city.fi]: the feedback form, public feedback, tracking a feedback, topics and feeds, the How your feedback was used pages, the customer surveys and the feedback tablet. The service is covered by the Act on the Provision of Digital Services (306/2019), which requires public web services to be accessible.

## Compliance status

The service **partially conforms** with the level A and AA requirements of WCAG 2.1. The known shortcomings are listed below.

## Non-accessible content

- **The map for marking a place (feedback form).** A place can be marked by clicking the map, which needs a mouse or a touch screen. With the keyboard the map can be moved with the arrow keys and its centre marked with a button, but the map and its content are not conveyed to screen readers (WCAG 1.1.1), and the map works only with JavaScript. The map is never required: the place can always be given in the address field. On the page of a public feedback the place is given as an address, when one was given, and as a link to OpenStreetMap.
- **The feedback tablet starts over after one minute** without a touch, and the user cannot extend the time (WCAG 2.2.1). This keeps the previous customer's answers from the next customer. The same survey can be answered without a time limit on the web or through the unit's QR code, and a longer time can be set for the device.
- **Images attached to feedback have only a generic text alternative** (such as “Image 1 attached to the feedback”) that does not describe the image (WCAG 1.1.1). Images and PDF attachments are sent by the people giving feedback, and their accessibility is not checked. The text of the feedback usually tells what the image is about.
- **The language of feedback and answers** is marked as the language in which the feedback form was open. Text written in another language may be read by a screen reader with the wrong pronunciation (WCAG 3.1.2).

## Content outside the scope of the law

Under the law, base maps (OpenStreetMap) are outside the accessibility requirements when the essential information is provided in an accessible form. The place can always be given as an address.

## How accessibility was assessed

The software of the service is tested automatically with every change. Every public page, survey and feedback-tablet screen and the main staff pages (the feedback queue, handling a feedback, the unit meeting, the development action, the report and the dashboard) are opened in a real browser (Chromium) in Finnish, Swedish and English and checked with the axe-core tool against the level A and AA requirements of WCAG 2.1. In addition, automated tests give feedback with a place on the map and an attachment using the keyboard alone in Finnish and Swedish, answer the survey on the web and on the feedback tablet, and go through the work of a handler and a supervisor. They check that error messages receive focus and are tied to their fields, that each page has a skip link and a visible focus, that text can be enlarged to 200 per cent without loss of content, that the pages reflow to a width of 320 pixels and that buttons are large enough to touch. Automated checks find only some accessibility shortcomings: the service has not been tested with a screen reader or voice control.

[COMPLETE: the organisation's own assessment, such as an expert review or screen-reader testing, who made it and when]

This statement was prepared on [COMPLETE: date]. The date on which the statement was last updated is shown at the top of this page.

## Feedback on accessibility

Did you notice an accessibility shortcoming in the service? Tell us through the [feedback form](/en/feedback/new/) or [COMPLETE: email address or other contact for accessibility feedback]. You can also ask us for information that is not available in an accessible form. We answer within two weeks.

## Enforcement procedure

If you notice accessibility problems in the service, first give feedback to us. If you are not satisfied with the answer or do not receive one within two weeks, you can report the matter to the supervisory authority.

Since 1 January 2026 the accessibility of digital services has been supervised by the Finnish Supervisory Agency (Lupa- ja valvontavirasto), which continues the supervision carried out earlier by the Regional State Administrative Agency for Southern Finland. The website [www.saavutettavuusvaatimukset.fi](https://www.saavutettavuusvaatimukset.fi) explains how to make a report and how it is handled.
"""

DEFAULTS: dict[str, dict[str, str]] = {
    "privacy": {
        "title_fi": "Tietosuojaseloste: palautepalvelu",
        "title_sv": "Dataskyddsbeskrivning: responstjänsten",
        "title_en": "Privacy statement: feedback service",
        "body_fi": PRIVACY_FI.strip(),
        "body_sv": PRIVACY_SV.strip(),
        "body_en": PRIVACY_EN.strip(),
    },
    "accessibility": {
        "title_fi": "Saavutettavuusseloste: palautepalvelu",
        "title_sv": "Tillgänglighetsutlåtande: responstjänsten",
        "title_en": "Accessibility statement: feedback service",
        "body_fi": ACCESSIBILITY_FI.strip(),
        "body_sv": ACCESSIBILITY_SV.strip(),
        "body_en": ACCESSIBILITY_EN.strip(),
    },
}
