/**
 * German concepts (hand-made; umlauts folded, ß → ss; "betrug*" is a stem, which also catches
 * compounds that start with it). Same concept names as lexicon-en.ts, so the same rules apply.
 */
import { buildLexicon, type ConceptLexicon } from './concepts.js';

export const GERMAN_CONCEPTS: ConceptLexicon = buildLexicon({
  lang: 'de',
  english: false,
  negators: 'nicht kein keine keinen keinem keiner nie niemals nichts niemand ohne',
  conditionals: 'wenn falls ob',
  concepts: {
    NEG: 'nicht mehr | kein mehr',
    BLOCK: 'gaspreis* | gasrechnung* | rauchmelder | feuermelder | tot gelacht | totgelacht',
    GAS: 'gas',
    GAS_SIGN: 'riecht | riechen | geruch | leck* | undicht | zischt',
    GAS_DIRECT: 'gasgeruch | gasleck | gasaustritt | riecht nach gas | nach gas riecht | gas riecht | kohlenmonoxid | co melder',
    FIRE_EVENT:
      'brand* | feuer gefangen | in flammen | flammen | explodiert | explosion | qualm* | raucht | rauch kommt | ' +
      'verbrannt riecht | brandgeruch | schmorgeruch',
    SMOKE: 'rauch',
    DEVICE:
      'ladegerat | ladekabel | kabel | stecker | steckdose | akku | batterie | heizung | boiler | therme | herd | ofen | zahler | ' +
      'stromzahler | gerat | waschmaschine | trockner | kuhlschrank | handy | laptop | roller',
    HEAT_DAMAGE: 'geschmolzen | schmilzt | uberhitz* | funken | kurzschluss | verschmort',
    SHOCK: 'stromschlag | elektrischen schlag | freiliegende kabel | offene kabel',
    CONTAMINANT: 'glas | glassplitter | metall | plastik | maus | ratte | kakerlake* | insekt* | wurm | schimmel | haar | knochen',
    FOOD:
      'essen | lebensmittel | gericht | salat | brot | brotchen | pizza | burger | milch | getrank | joghurt | hahnchen | fleisch | ' +
      'produkt | packung',
    FOOD_ILLNESS: 'lebensmittelvergiftung | vergiftung | vergiftet | erbroch* | ubergeben | rohes hahnchen | rohes fleisch | nicht durch',
    DANGER: 'gefahrlich | gefahr | lebensgefahr* | unsicher | verletz* | unfall | gesturzt | sturz | angefahren',
    SELF_HARM:
      'selbstmord | suizid* | mich umbringen | umbringen | mir das leben nehmen | das leben nehmen | nicht mehr leben | ' +
      'will sterben | mochte sterben | will nicht mehr leben | mir etwas antun | mir was antun | ritzen',
    DESPAIR:
      'kann nicht mehr | halte es nicht mehr aus | keinen ausweg | verzweifelt | am ende | weiss nicht mehr weiter | weiss nicht weiter',
    MEDICINE:
      'blutverdunn* | herzmedikament* | herztabletten | medikament* | arznei* | rezept | tabletten | insulin | inhalator | ' +
      'dosis | impfung | sauerstoff | behandlung',
    MED_PROBLEM:
      'ohne meine | seit tagen kein | seit tagen keine | verwechselt | falsch* | fehlt | fehlen | nicht angekommen | ' +
      'nicht geliefert | aufgebraucht | abgelaufen | andere person | dringend*',
    ALLERGEN: 'allergi* | allergen* | nusse | nuss | erdnuss* | gluten | laktose | glutenfrei | laktosefrei | nussfrei',
    REACTION: 'reaktion | notaufnahme | krankenhaus | notarzt | krankenwagen | keine luft | geschwollen | ausschlag',
    MED_EVENT: 'notaufnahme | notarzt | krankenwagen | rettungswagen | krampfanfall | keine luft mehr | herzinfarkt | ins krankenhaus',
    MONEY:
      'zahlung* | abbuchung* | abgebucht | lastschrift* | uberweisung* | abhebung | geld | konto | karte | euro | kauf | kaufe | ' +
      'transaktion* | belastung | rechnung*',
    DENIED_AUTH:
      'nicht autorisiert | nicht genehmigt | erkenne nicht | erkenne ich nicht | nicht gemacht | nicht beauftragt | ' +
      'nicht zugestimmt | nicht bestellt | nie autorisiert | nie bestellt | nie genehmigt | nicht veranlasst',
    NOT_MINE: 'war ich nicht | nicht von mir | unbekannt* | verdachtig* | nicht meine',
    WITHOUT_CONSENT:
      'ohne meine zustimmung | ohne zustimmung | ohne meine erlaubnis | ohne erlaubnis | ohne mein wissen | nicht autorisiert | ' +
      'unberechtigt*',
    SOMEONE: 'jemand | ein fremder | hacker | betruger*',
    TAKEOVER:
      'passwort geandert | mein passwort | zugriff auf mein konto | gehackt | meine karte benutzt | gestohlen | geklaut | abgehoben',
    SCAM_STRONG:
      'betrug* | betruger* | betrogen | abzocke | gehackt | identitatsdiebstahl | phishing | gestohlen* | geklaut | ' +
      'karte gestohlen | geld gestohlen | geklont | kopiert',
    SCAM: 'betrug | fake | falsch',
    LOSS: 'verloren | weg | uberwiesen | bezahlt',
    IMPERSONATE: 'ausgegeben als | gab sich als | falsche sms | falsche email | gefalschte* | gefakte*',
    VULN_PERSON:
      'rentner* | senior* | oma | opa | grossmutter | grossvater | meine mutter ist | mein vater ist | behindert* | rollstuhl | ' +
      'blind | gehorlos | taub | pflegebedurftig | pflegefall | demenz | alzheimer | baby | neugeboren* | schwanger | verstorben | ' +
      'gestorben | witwe* | beerdigung | krebs | chemo* | dialyse | krank | hilfsbedurftig',
    UTILITY: 'heizung | warmwasser | warmes wasser | wasser | strom | gas | therme | boiler',
    NOT_WORKING: 'kaputt | defekt | ausgefallen | funktioniert nicht | geht nicht | abgestellt | abgeschaltet | kein | keine | keinen',
    UTILITY_LOSS:
      'keine heizung | kein warmes wasser | kein warmwasser | kein wasser | kein strom | keinen strom | ohne heizung | ' +
      'ohne strom | ohne wasser | stromausfall | heizung ausgefallen | heizung kaputt | strom abgestellt | gas abgestellt',
    MY_DATA: 'meine daten | meine personlichen daten | meine adresse | meine informationen | personliche daten | meine nummer',
    EXPOSE: 'weitergegeben | geteilt | veroffentlicht | geleakt | verkauft | sichtbar | geschickt an',
    BREACH: 'datenleck | datenpanne | datenschutzverletzung | datenschutzverstoss | dsgvo | daten geleakt | daten gestohlen',
    OTHER_OWNER: 'anderer kunde | eines anderen kunden | andere person | einer anderen person | fremde*',
    DATA_ITEM:
      'daten | gesundheitsdaten | befund* | krankenakte | ausweis | personalausweis | reisepass | brief | rechnung | bestellung | ' +
      'adresse | konto | name',
    DISC_STRONG:
      'geh zuruck in dein land | zuruck in dein land | geh dahin zuruck | auslander raus | rassis* | diskriminier* | belastig* | ' +
      'homophob* | sexis* | fremdenfeind*',
    THREAT_STRONG:
      'dann knallts | dann knallt es | dann kracht es | dann krachts | abpassen | auflauern | ich weiss wo du wohnst | droh* | ' +
      'umbringen | bring euch um | bring dich um | abfackeln | anzunden | angegriffen | geschlagen | geschubst | messer | waffe | ' +
      'bombe',
    LEGAL:
      'anwalt | anwaltin | rechtsanwalt* | anwalts | klage | verklagen | verklage | gericht | rechtliche schritte | juristisch* | ' +
      'abmahnung | mahnbescheid',
    REGULATOR:
      'verbraucherzentrale | bundesnetzagentur | bafin | schlichtungsstelle | ombudsmann | aufsichtsbehorde | ' +
      'datenschutzbehorde | datenschutzbeauftragte* | regulierungsbehorde',
    REPORT_ACT: 'melden | gemeldet | beschweren | beschwert | beschwerde | eingereicht | angezeigt | einschalten | wenden | kontaktieren',
    JOURNALIST: 'journalist* | reporter* | presse | medien | redaktion',
    GO_MEDIA: 'an die presse | zur presse | an die medien | zur zeitung | an die zeitung | ins fernsehen',
    OUTAGE_FULL:
      'kein internet | kein netz | kein empfang | keine verbindung | internet ist weg | internet weg | netz weg | ausfall | ' +
      'storung | stromausfall | kein strom | offline',
    SERVICE_OUT: 'funktioniert nicht | geht nicht | ausgefallen | gestort | weg | gesperrt | down | offline',
    CORE:
      'internet | netz | leitung | telefon | handy | app | webseite | website | seite | dienst | konto | system | karte | ' +
      'kartenterminal | kasse | router',
    IMPACT:
      'praxis | patienten | mandanten | nicht erreichen | erreicht uns niemand | schliessen | geschlossen | arbeit* | geschaft | ' +
      'laden | kunden | firma | homeoffice | home office | umsatz | prufung | miete | gehalt | gehalter | verdienst',
    WAITED_WEEKS: 'wochen | monaten | monate | seit wochen | seit monaten | einen monat',
    LONG:
      'tagen | tage | wochen | monaten | den ganzen tag | seit gestern | seit montag | seit dienstag | seit mittwoch | ' +
      'seit donnerstag | seit freitag | seit samstag | seit sonntag',
    COMPLAINT_STRONG:
      'unverschamt* | frechheit | skandal* | katastroph* | schande | unmoglich | inakzeptabel | unzumutbar | miserabel | mies* | ' +
      'schlecht* | betrug | abzocke | verarsch* | sauerei | zumutung | wut | wutend | sauer | enttauscht | armselig | lacherlich | ' +
      'scheiss* | mist',
    COMPLAINT:
      'erstattung* | ruckerstattung* | ruckzahlung | geld zuruck | warte seit | wartet seit | warten seit | immer noch | ' +
      'noch nicht | nie angekommen | nicht angekommen | nicht geliefert | verspat* | storniert | kaputt | beschadigt | defekt | ' +
      'funktioniert nicht | doppelt abgebucht | zweimal abgebucht | falsche rechnung | verloren | beschwerde | reklamation | ' +
      'niemand antwortet | keine antwort | problem* | fehler | schlechter service | ausgefallen | nichts angekommen | ' +
      'nichts bekommen | nichts erhalten | nicht erhalten | nicht bekommen | als zugestellt | angeblich zugestellt | ' +
      'ohne vorwarnung | ohne ankundigung | gesperrt | aus versehen | niemand meldet sich | meldet sich niemand',
    PRAISE:
      'danke | vielen dank | super | toll | klasse | ausgezeichnet | perfekt | prima | schnell | freundlich | hervorragend | ' +
      'empfehle | top | wunderbar',
  },
});
