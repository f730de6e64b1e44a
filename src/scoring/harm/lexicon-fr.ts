/**
 * French concepts (hand-made; accents folded, elided articles "l'", "d'", "j'" stripped,
 * "rembours*" is a stem). Same concept names as lexicon-en.ts, so the same rules apply.
 */
import { buildLexicon, type ConceptLexicon } from './concepts.js';

export const FRENCH_CONCEPTS: ConceptLexicon = buildLexicon({
  lang: 'fr',
  english: false,
  negators: 'ne n pas jamais plus rien personne aucun aucune sans na nai nest nont nen ny navons navez netait netait',
  conditionals: 'si',
  elisions: ['qu', 'l', 'd', 'j', 'n', 'm', 't', 's', 'c'],
  concepts: {
    NEG: 'ne plus | n plus | plus de',
    BLOCK: 'facture de gaz | prix du gaz | detecteur de fumee | alarme incendie | mort de rire | morte de rire | je meurs denvie',
    GAS: 'gaz',
    GAS_SIGN: 'odeur* | sent | sentir | fuite* | sifflement',
    GAS_DIRECT: 'odeur de gaz | fuite de gaz | ca sent le gaz | sent le gaz | monoxyde de carbone | monoxyde',
    FIRE_EVENT:
      'incendi* | pris feu | prend feu | en feu | flammes | explos* | de la fumee qui sort | fumee sort | fumee qui sort | ' +
      'odeur de brule | sent le brule',
    SMOKE: 'fumee',
    DEVICE:
      'chargeur | cable | prise | batterie | chaudiere | four | plaque | radiateur | chauffage | compteur | compteur electrique | ' +
      'appareil | machine a laver | lave linge | seche linge | frigo | telephone | portable | trottinette | micro ondes',
    HEAT_DAMAGE: 'brul* | fondu | fondue | etincelle* | surchauff* | court circuit | court-circuit',
    SHOCK: 'decharge electrique | electrocut* | fils denudes | fils a nu | electrise',
    CONTAMINANT:
      'verre | morceau de verre | metal | plastique | souris | rat | cafard* | insecte* | ver | vers | moisissure* | cheveu | os',
    FOOD:
      'nourriture | repas | plat | salade | sandwich | pizza | burger | pain | lait | boisson | yaourt | poulet | viande | ' +
      'produit | paquet',
    FOOD_ILLNESS: 'intoxication alimentaire | intoxication | intoxique* | vomi* | poulet cru | viande crue | pas cuit',
    DANGER: 'dangereu* | danger | pas securise | insecurite | blesse* | blessure* | accident | tombe | tombee | renverse*',
    SELF_HARM:
      'suicid* | me tuer | me suicider | en finir | den finir | mettre fin a mes jours | mettre fin a ma vie | ' +
      'plus envie de vivre | envie de mourir | veux mourir | me faire du mal | ne plus etre la',
    DESPAIR: 'je nen peux plus | nen peux plus | je ne supporte plus | a bout | desespere* | aucune issue | sans issue | je craque',
    MEDICINE: 'medicament* | ordonnance | traitement | comprime* | insuline | inhalateur | dose | vaccin | oxygene | pilule*',
    MED_PROBLEM:
      'mauvais | erreur | errone* | manquant* | pas recu | jamais recu | pas arrive | plus de | perime* | autre personne | urgent*',
    ALLERGEN: 'allergi* | allergene* | arachide* | cacahuete* | fruits a coque | noix | gluten | lactose | sans gluten | sans lactose',
    REACTION: 'reaction | urgences | hopital | ambulance | samu | gonfle* | plaques | pouvait plus respirer | peut plus respirer',
    MED_EVENT:
      'sans mes medicaments | sans mon traitement | sans insuline | sans mon insuline | urgences | samu | ambulance | ' +
      'convulsion* | crise dasthme | pouvait plus respirer | infarctus | hospitalise*',
    MONEY:
      'paiement* | prelevement* | debit* | transaction* | virement* | retrait* | argent | compte | carte | euros | achat* | ' +
      'facture* | operation*',
    DENIED_AUTH:
      'jamais faits | jamais faites | jamais effectue* | pas faits | pas faites | pas autorise* | jamais autorise* | ' +
      'reconnais pas | pas effectue* | pas fait | jamais fait | pas demande* | pas commande* | jamais commande* | pas consenti*',
    NOT_MINE: 'ce nest pas moi | pas moi | inconnu* | suspect* | pas les miens',
    WITHOUT_CONSENT:
      'sans mon autorisation | sans mon accord | sans autorisation | sans mon consentement | sans permission | non autorise* | a mon insu',
    SOMEONE: 'quelquun | un inconnu | pirate | escroc*',
    TAKEOVER: 'change mon mot de passe | changer mon mot de passe | acces a mon compte | pirate* | utilise ma carte | vole* | vol | usurp*',
    SCAM_STRONG:
      'fraude* | frauduleu* | arnaque* | escroquerie* | escroc* | usurpation didentite | usurpation | phishing | hameconnage | ' +
      'pirate* | vol de carte | carte volee | on ma vole | jai ete vole* | clone*',
    SCAM: 'arnaque | faux | fausse',
    LOSS: 'perdu | disparu | paye | vire | envoye',
    IMPERSONATE: 'se faisant passer | se fait passer | faux conseiller | faux sms | faux mail | faux site | usurp*',
    VULN_PERSON:
      'agee | agees | personne agee | personnes agees | retraite* | ma grand mere | mon grand pere | grand mere | grand pere | ' +
      'mon pere de | ma mere de | handicap* | fauteuil roulant | aveugle | sourd* | malvoyant* | bebe | nouveau ne | enceinte | ' +
      'decede* | deces | mort | veuf | veuve | obseques | cancer | chimio* | dialyse | demence | alzheimer | malade* | vulnerable*',
    UTILITY: 'chauffage | eau chaude | eau | electricite | courant | chaudiere | gaz',
    NOT_WORKING: 'ne marche pas | marche plus | ne fonctionne pas | fonctionne plus | en panne | coupe* | coupure | sans | plus de',
    UTILITY_LOSS:
      'sans chauffage | plus de chauffage | sans eau | plus deau | sans electricite | plus delectricite | sans courant | ' +
      'plus de courant | coupure de courant | coupure delectricite | coupure deau | panne de courant | sans eau chaude | ' +
      'plus deau chaude',
    MY_DATA: 'mes donnees | mes donnees personnelles | mon adresse | mes informations | donnees personnelles | mon numero',
    EXPOSE: 'partage* | divulgue* | publie* | expose* | envoye* a | vendu* | visible*',
    BREACH: 'fuite de donnees | violation de donnees | donnees piratees | donnees volees | rgpd | cnil',
    OTHER_OWNER: 'autre client | autre personne | dun autre client | dune autre personne',
    DATA_ITEM: 'donnees | lettre | courrier | facture | commande | adresse | compte | nom',
    DISC_STRONG:
      'retourne dans ton pays | rentre dans ton pays | retournez dans votre pays | rentrez chez vous | racis* | discrimin* | ' +
      'harcel* | homophob* | sexis* | xenophob* | insulte raciste',
    THREAT_STRONG:
      'menac* | je vais vous tuer | je vais te tuer | vais tuer | vais bruler | agress* | ma frappe | ma pousse | couteau | arme | bombe',
    LEGAL:
      'avocat* | porter plainte | plainte | tribunal* | justice | poursuites | poursuivre | action en justice | proces | ' +
      'huissier | mise en demeure',
    REGULATOR:
      'mediateur | mediatrice | dgccrf | arcep | cnil | cre | acpr | amf | ufc que choisir | association de consommateurs | ' +
      'regulateur | signal conso | 60 millions',
    REPORT_ACT: 'saisir | saisi | signaler | signale | plainte | contacter | contacte | ecrire',
    JOURNALIST: 'journaliste | reporter | presse | medias | redaction',
    GO_MEDIA: 'a la presse | aux medias | a la tele | aux journaux | au journal',
    OUTAGE_FULL:
      'sans internet | pas de reseau | plus de reseau | sans reseau | pas dinternet | plus dinternet | plus de connexion | ' +
      'sans connexion | sans ligne | en panne | panne | coupure',
    SERVICE_OUT: 'ne marche pas | ne fonctionne pas | marche plus | fonctionne plus | en panne | bloque* | inaccessible | plante | coupe*',
    CORE:
      'internet | fibre | reseau | ligne | telephone | box | appli | application | site | service | compte | systeme | carte | ' +
      'terminal',
    IMPACT:
      'travail* | boulot | entreprise | magasin | boutique | clients | teletravail | ventes | perdu de largent | examen | loyer | ' +
      'salaires | salaire',
    WAITED_WEEKS:
      'semaines | des mois | # mois | un mois | deux mois | trois mois | plusieurs mois | depuis des mois | depuis des semaines | ' +
      'deux semaines | trois semaines',
    LONG:
      'jours | semaines | mois | toute la journee | depuis hier | depuis lundi | depuis mardi | depuis mercredi | depuis jeudi | ' +
      'depuis vendredi | depuis samedi | depuis dimanche',
    COMPLAINT_STRONG:
      'honte | honteu* | inadmissible | inacceptable | scandale* | scandaleu* | lamentable* | nul | nulle | nuls | catastroph* | ' +
      'degoute* | inadmissible | arnaque* | voleurs | marre | ras le bol | incompetent* | horrible* | pitoyable* | merde | ' +
      'furieu* | incroyable que',
    COMPLAINT:
      'fausse | faux | incorrecte | incorrect | rembours* | toujours pas | toujours rien | jamais recu | pas recu | pas arrive | ' +
      'jamais arrive | attends depuis | attente | en attente | retard* | annule* | casse* | abime* | defectueu* | endommage* | ' +
      'ne marche pas | ne fonctionne pas | facture deux fois | debite deux fois | preleve deux fois | perdu | plainte | ' +
      'reclamation | personne ne repond | aucune reponse | sans reponse | probleme* | erreur | mauvais service | en panne | ' +
      'bloque* | sans prevenir | sans preavis | par erreur | rien recu | toujours rien recu | marque comme livre | indique livre',
    PRAISE:
      'merci | super | genial | excellent* | parfait* | ravi | ravie | top | bravo | felicitations | formidable | rapide | ' +
      'tres bien | au top | recommande',
  },
});
