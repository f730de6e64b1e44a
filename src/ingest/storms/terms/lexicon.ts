/**
 * Word lists for paraphrase clustering (terms/extract.ts). Small and hand-made on purpose: they
 * say which words name a *symptom* (what is wrong), which are too everyday to identify an
 * incident on their own, and which carry no topic at all. Everything else — places, products,
 * depots, error codes, postcodes — is an anchor, weighed by how rare it is in recent traffic
 * (doc-frequency.ts), so no list of places or products is needed.
 *
 * English first, with the strong words of Spanish, French, German and Portuguese. Written
 * lowercased, apostrophes dropped and accents stripped, as extract.ts normalises text.
 */

/**
 * Symptom concepts. A storm is many people reporting the same symptom about the same thing, so
 * two mentions must share one of these to be paraphrases. Several wordings map to one concept
 * ("down", "not working", "outage", "caído", "Störung"), which is what lets paraphrases meet.
 */
export const ISSUE_CONCEPTS = ['outage', 'signal', 'connectivity', 'login', 'power', 'water', 'heating', 'payment', 'delay'] as const;
export type IssueConcept = (typeof ISSUE_CONCEPTS)[number];

/** Phrases per concept, `|`-separated; a phrase matches whole words in order. */
export const ISSUE_PHRASES: Record<IssueConcept, string> = {
  // The service itself is failing. Also the one symptom a whole brand can have ("X is down"),
  // so it is the only concept for which a shared brand counts as what is failing (paraphrase.ts).
  outage:
    `down | outage | outages | offline | crash | crashes | crashed | crashing | error | errors | fail | fails | failed | failing | ` +
    `failure
    | not working | isnt working | stopped working | doesnt work | dont work | wont work | not loading | wont load | not load | ` +
    `nothing loading
    | unavailable | service unavailable | something went wrong | went wrong | broken | dead | wont open | not opening | spinning | ` +
    `keeps spinning
    | buffering | playback | wont play | nothing will play | black screen | frozen | freezing | froze | glitch | glitching | ` +
    `timing out | times out
    | timeout | server error | servers down | systems down | it failure | not processing | cant connect | cannot connect | unable to connect
    | fault | faults | technical fault | technical issue | technical problem | loading screen | stuck loading | spins | spin
    | wont go through | not going through | kicked out | kicks me out | kicking me out | kicked off | not responding | unresponsive
    | timed out | time out | maintenance | blank page | white screen | keeps looping | loops | disappeared
    | cant place | cannot place | cant order | cannot order | cant buy | cannot buy | cant book | cannot book | cant check in
    | cannot check in | cant submit | cannot submit | cant checkout | cannot checkout
    | caido | caida | se cayo | no funciona | averia | fallo | falla | sin servicio | se cae
    | panne | en panne | ne marche pas | ne fonctionne pas | erreur | hors service | plante
    | storung | storungen | ausgefallen | ausfall | geht nicht | funktioniert nicht | fehler | abgesturzt | absturz
    | fora do ar | falha | nao funciona | pane | erro | caiu | travando`,
  signal: `signal | no signal | reception | coverage | no service | sos only | emergency calls only | emergency only | no bars | zero bars
    | no network | network down | mast | 4g | 5g | 3g | mobile data
    | senal | sin senal | cobertura | sin cobertura | sin red
    | reseau | pas de reseau | pas de signal
    | netz | kein netz | empfang | kein empfang | netzausfall | funkloch | notrufe | notruf
    | sinal | sem sinal | sem rede`,
  connectivity:
    `internet | no internet | broadband | wifi | wi fi | no connection | lost connection | connection down | connection dropped | ` +
    `router | fibre | fiber | dropping out | drops out
    | dropped out | dropout | disconnected | disconnecting | keeps disconnecting
    | fibra | conexion | sin conexion | sin internet
    | connexion | box internet | pas d internet
    | wlan | dsl | verbindung | keine verbindung | kein internet
    | conexao | sem internet`,
  login: `log in | login | log into | logging in | sign in | signin | sign into | signing in | log on | logon | locked out | cant access
    | cannot access | unable to access | cant get in | cannot get in | passcode | verification code | one time code
    | iniciar sesion | no puedo entrar | acceder
    | se connecter | identifiant
    | anmelden | anmeldung | einloggen
    | acessar | nao consigo entrar`,
  power:
    `power cut | power cuts | no power | without power | power out | power is out | powers out | power off | power outage | ` +
    `power failure
    | blackout | electricity | no electricity | no electric | lights went off | lights went out | lights out
    | sin luz | apagon | corte de luz | electricidad
    | coupure de courant | panne de courant | electricite | plus de courant
    | stromausfall | kein strom | strom
    | sem luz | falta de luz | apagao | sem energia`,
  water: `no water | without water | water supply | no running water | running water | taps dry | taps are dry | tap dry | dry taps
    | burst main | burst pipe | low pressure | water pressure | water outage | water cut
    | sin agua | corte de agua
    | pas d eau | coupure d eau | plus d eau
    | kein wasser | wasserausfall | wasserrohrbruch
    | sem agua | falta de agua`,
  heating: `no gas | gas supply | gas off | lost gas | without gas | gas outage | no heating | no heat | no hot water | heating off
    | sin gas | sin calefaccion
    | pas de gaz | plus de chauffage
    | kein gas | keine heizung | gasausfall
    | sem gas | sem aquecimento`,
  payment:
    `declined | card declined | payment failed | payments failing | cant pay | cannot pay | unable to pay | card machine | ` +
    `card payments
    | pago rechazado | no puedo pagar | paiement refuse | zahlung fehlgeschlagen | pagamento recusado`,
  // Late and stuck: individual by nature (one late parcel is not a storm), so it weighs less
  // (paraphrase.ts) and needs a shared place to count. "#" is any small number.
  delay:
    `stuck | delay | delayed | delays | late | held | not moved | hasnt moved | havent moved | not moving | no movement | not leaving
    | nothing has left | sat there | cancelled | got canceled | was canceled | been canceled | not running | no trains | waiting | ` +
    `still waiting | no updates | no update
    | for # days | # days now | for days | all week | # day of | since the weekend | since last week | swallowed | not arrived | ` +
    `hasnt arrived
    | retraso | retrasado | atascado | cancelado
    | retard | bloque | annule
    | verspatung | verspatet | feststeckt
    | atraso | atrasado | parado`,
};

/**
 * Phrases that contain a symptom word but report no symptom ("can't wait", "let me down",
 * "down the road"): read as one phrase, so their words are neither symptom nor anchor.
 */
export const NOT_ISSUES =
  `cant wait | cannot wait | can not wait | worth the wait | wait and see | let down | let me down | ` +
  `let us down | letting me down
  | turned down | turn down | down payment | calm down | slow down | up and down | down the road | down the street | down the line
  | sit down | write down | break down | broken down | played down
  | miss my connection | missed my connection | miss connections | missed connections | missed connection | connecting flight`;

/** Counts written as words read as a number ("#"), like digits. */
export const NUMBER_WORDS = new Set(
  'one two three four five six seven eight nine ten eleven twelve couple few several second third'.split(' '),
);

/**
 * Words that say nothing about which incident a mention is about: function words of the five
 * languages, times and durations, fillers of complaints ("still", "again", "anyone else"),
 * and places too general to tell two places apart ("city centre", "my street").
 */
export const STOP_WORDS = new Set(
  (
    `a an the and or but if so to of in on at by for from with without about into onto over under up out off as than then there here
  this that these those it its is are was were be been being am do does did doing done have has had having will would shall should
  can could cant cannot may might must wont dont doesnt didnt isnt arent wasnt werent havent hasnt hadnt wouldnt couldnt shouldnt
  i me my mine myself we us our ours you your yours he him his she her they them their what which who whom whose when where why how
  all any both each every few more most other some such no nor not only own same too very just still again also even ever yet
  anyone anybody everyone everybody someone somebody nobody anything everything something nothing else
  now today tonight tomorrow yesterday morning afternoon evening night day days week weeks month months year years hour hours
  minute minutes min mins hr hrs second seconds time times since until till ago early earlier later soon already while
  monday tuesday wednesday thursday friday saturday sunday weekend
  please thanks thank thx pls hi hello hey ok okay yes yeah lol omg wtf ffs
  im ive ill id youre youve youll youd theyre theyve weve were hes shes its thats whats theres heres lets wouldve couldve shouldve
  aint gonna wanna gotta dunno
  get gets got getting go goes going gone went come came make made know think want need needs tried try trying says said say tell told
  see seen look looks seems seem let keep keeps kept give take use using used work works working
  again really actually literally totally completely absolutely whole entire
  first fourth fifth
  near across around through during before after between within per via like much many lot lots bit way thing things stuff
  somewhere anywhere everywhere nowhere either neither ever never always often usually anymore back away far
  great good bad terrible awful worst best new old big small long short high full empty right wrong sure maybe able unable
  love hate annoying ridiculous joke disgrace unacceptable disappointed angry frustrated useless pathetic shocking ruined ruin
  impossible amazing brilliant lovely nice happy sad sorry guess thought feel hope wonder wondering
  people person guy guys user users man woman mum mom dad kid kids family friend friends neighbour neighbours
  city centre center town area street road home house office place side central local whole
  known issue issues problem problems update updates any eta status page fix fixed fixing complaint complaints complain
  el la los las un una unos unas y o de del al en con sin por para que es son esta estan este esto mi mis tu su sus me te se lo
  le les des du et ou au aux en dans avec sans pour par que qui est sont ce cette mon ma mes ton ta son sa ne pas plus je tu il elle ` +
    `nous vous
  der die das den dem des ein eine einen einem und oder in im mit ohne fur von zu zum zur auf ist sind war mein meine dein sein ich du ` +
    `er sie wir ihr es nicht noch seit heute
  o a os as um uma e ou de do da dos das em no na nos nas com sem por para que e sao meu minha seu sua eu voce ele ela nao`
  )
    .split(/\s+/)
    .filter(Boolean),
);

/**
 * Everyday objects of a customer relationship. Shared by half of all complaints to a brand, so
 * sharing one is weak evidence: it counts half, and never more than its rarity allows.
 */
export const GENERIC_WORDS = new Set(
  `app apps website site web online page account phone mobile parcel package order orders delivery bill bills payment card service
  services customer customers staff team line number contract plan price money refund email message call calls store shop branch
  tv laptop device devices computer system systems support help account bank banking`
    .split(/\s+/)
    .filter(Boolean),
);
