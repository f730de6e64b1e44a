/**
 * Spanish concepts (hand-made; accents are folded, "robad*" is a stem). Same concept names as
 * lexicon-en.ts, so the same rules apply; COMPLAINT_STRONG / COMPLAINT / PRAISE feed the score.
 */
import { buildLexicon, type ConceptLexicon } from './concepts.js';

export const SPANISH_CONCEPTS: ConceptLexicon = buildLexicon({
  lang: 'es',
  english: false,
  negators: 'no nunca jamás ni nada nadie sin tampoco ningún ninguna ninguno',
  conditionals: 'si',
  concepts: {
    NEG: 'ya no',
    BLOCK:
      'precio del gas | factura del gas | gasolinera | alarma de humo | detector de humo | morir de risa | me muero de risa | muero por',
    GAS: 'gas | butano | propano',
    GAS_SIGN: 'olor* | huele | huel* | fuga* | escape',
    GAS_DIRECT: 'huele a gas | olor a gas | fuga de gas | escape de gas | monoxido de carbono',
    FIRE_EVENT:
      'incendi* | se prendio fuego | prendio fuego | en llamas | llamas | exploto | explosion | salia humo | sale humo | ' +
      'salio humo | echa humo | olor a quemado | huele a quemado',
    SMOKE: 'humo',
    DEVICE:
      'cargador | cable | enchufe | bateria | caldera | horno | estufa | calentador | contador | electrodomestico | lavadora | ' +
      'secadora | nevera | frigorifico | movil | telefono | portatil | patinete | microondas | cocina',
    HEAT_DAMAGE: 'quem* | derriti* | chispa* | sobrecalent* | cortocircuito',
    SHOCK: 'descarga electrica | calambre | electrocut* | cables pelados | cables expuestos',
    CONTAMINANT: 'cristal | vidrio | metal | plastico | raton | rata | cucaracha* | insecto* | gusano* | moho | pelo | hueso',
    FOOD: 'comida | plato | ensalada | bocadillo | pizza | hamburguesa | pan | leche | bebida | yogur | pollo | carne | producto | paquete',
    FOOD_ILLNESS: 'intoxicacion alimentaria | intoxicacion | intoxicad* | vomit* | pollo crudo | carne cruda',
    DANGER: 'peligro* | inseguro | riesgo para | herid* | lesion* | accidente | se cayo | casi atropella* | atropell*',
    SELF_HARM:
      'suicid* | quitarme la vida | matarme | me voy a matar | acabar con mi vida | acabar con todo | no quiero vivir | ' +
      'ganas de morir | quiero morir | quiero morirme | hacerme dano | no vale la pena vivir',
    DESPAIR: 'no puedo mas | ya no aguanto | no aguanto mas | no se que hacer | desesperad* | sin salida',
    MEDICINE: 'medicamento* | medicina* | receta | pastilla* | insulina | inhalador | dosis | vacuna | oxigeno | tratamiento',
    MED_PROBLEM:
      'equivocad* | incorrect* | falta* | no llego | no ha llegado | sin | se me acabo | se acabo | caducad* | otra persona | urgente*',
    ALLERGEN: 'alergi* | alergen* | frutos secos | cacahuete* | mani | gluten | lactosa | sin gluten | sin lactosa',
    REACTION: 'reaccion | urgencias | hospital | ambulancia | no podia respirar | hinchad* | sarpullido',
    MED_EVENT:
      'sin mi medicacion | sin medicacion | sin mis medicamentos | sin mis pastillas | sin insulina | sin mi insulina | ' +
      'urgencias | ambulancia | convulsion* | no puede respirar | no podia respirar | infarto | hospitaliz*',
    MONEY:
      'pago* | cargo* | cobr* | transaccion* | transferencia* | retirada | dinero | cuenta | tarjeta | euros | compra* | ' +
      'movimiento* | recibo*',
    DENIED_AUTH:
      'no autoric* | no autoriz* | no he autoriz* | nunca he autoriz* | no he hecho | no he pedido | no he solicitado | ' +
      'no he realizado | no he comprado | no reconozco | no hice | no he hecho | nunca autoric* | nunca autoriz* | no pedi | ' +
      'no solicite | no realice | no consenti*',
    NOT_MINE: 'no fui yo | no soy yo | no son mios | desconocid* | sospechos*',
    WITHOUT_CONSENT: 'sin mi permiso | sin mi consentimiento | sin autorizacion | sin mi autorizacion | sin permiso | no autorizad*',
    SOMEONE: 'alguien | un desconocido | hacker | estafador*',
    TAKEOVER:
      'cambio mi contrasena | cambio la contrasena | cambiaron la contrasena | entro en mi cuenta | accedio a mi cuenta | ' +
      'hackear* | hackead* | suplant* | uso mi tarjeta | usaron mi tarjeta | sacado | saco | sacaron | robad* | robo | robaron',
    SCAM_STRONG:
      'fraude* | fraudulent* | estafa* | estafad* | timo | robo de identidad | suplantacion | phishing | me han robado | ' +
      'me robaron | hackeada | hackeado | clon* | en otra ciudad | en otro pais | en el extranjero',
    SCAM: 'estafa | enga* | falso',
    LOSS: 'perdi | perdido | me quitaron | desaparecio | pague | transferi',
    IMPERSONATE: 'haciendose pasar | se hizo pasar | suplantacion | suplant* | falso banco | mensaje falso | web falsa',
    VULN_PERSON:
      'anciano* | ancian* | jubilad* | pensionista | persona mayor | personas mayores | mi abuela | mi abuelo | abuela | abuelo | ' +
      'mi madre tiene | mi padre tiene | discapacit* | silla de ruedas | ciego | ciega | sordo | sorda | dependiente | bebe | ' +
      'recien nacido | embarazada | fallecio | fallecid* | murio | viud* | funeral | cancer | quimioterapia | dialisis | ' +
      'demencia | alzheimer | enferm* | vulnerable',
    UTILITY: 'calefaccion | agua caliente | agua | luz | electricidad | caldera | gas',
    NOT_WORKING: 'no funciona | sin | cortad* | corte | averiad* | estropead* | roto | rota',
    UTILITY_LOSS:
      'sin calefaccion | sin agua | sin luz | sin electricidad | sin agua caliente | sin gas | corte de luz | corte de agua | apagon',
    MY_DATA: 'mis datos | mis datos personales | mi direccion | mi informacion | datos personales | mi numero',
    EXPOSE: 'compartid* | compartier* | filtrad* | public* | expuest* | enviad* a | vendid* | visible*',
    BREACH:
      'filtracion de datos | brecha de datos | violacion de datos | fuga de datos | datos filtrados | mis datos filtrados | ' +
      'proteccion de datos',
    OTHER_OWNER: 'otro cliente | otra persona | de otra persona | de otro cliente',
    DATA_ITEM: 'datos | carta | factura | pedido | direccion | cuenta | nombre',
    DISC_STRONG:
      'vuelve a tu pais | vuelvete a tu pais | volviera a mi pais | volviera a su pais | vete a tu pais | por ser inmigrante | ' +
      'por ser extranjero | por ser gitano | racis* | discrimin* | acoso | acosad* | acosand* | homofob* | machis* | sexis* | ' +
      'xenofob* | insulto racista',
    THREAT_STRONG:
      'amenaz* | os voy a matar | te voy a matar | voy a matar | voy a quemar | os voy a partir | agredi* | agresion | me pego | ' +
      'me empujo | cuchillo | pistola | bomba',
    LEGAL: 'abogad* | demand* | denunci* | juicio | tribunal* | juzgado | accion legal | acciones legales | via judicial | querella',
    REGULATOR:
      'consumo | oficina del consumidor | omic | defensor del cliente | defensor del pueblo | banco de espana | cnmc | aepd | ' +
      'facua | ocu | regulador | hoja de reclamaciones',
    REPORT_ACT: 'reclam* | denunci* | report* | quej* | acudir* | ir a',
    JOURNALIST: 'periodista | reportero | prensa | medios de comunicacion | redaccion',
    GO_MEDIA: 'a la prensa | a los medios | a la tele | a la television | al periodico',
    OUTAGE_FULL: 'sin internet | sin cobertura | sin senal | sin linea | sin servicio | sin conexion | caida | caido | apagon | sin luz',
    SERVICE_OUT: 'no funciona | caid* | bloquead* | no puedo acceder | no carga | fall*',
    CORE:
      'internet | fibra | cobertura | linea | telefono | app | aplicacion | web | pagina | servicio | cuenta | sistema | tarjeta | ' +
      'datafono',
    IMPACT:
      'trabaj* | negocio | tienda | clientes | empresa | teletrabaj* | ventas | perdiendo dinero | perdi dinero | examen | ' +
      'pagar el alquiler | nomina*',
    WAITED_WEEKS:
      'semanas | meses | un mes | dos semanas | tres semanas | varias semanas | varios meses | desde hace semanas | desde hace meses',
    LONG:
      'dias | semanas | meses | todo el dia | desde ayer | desde el lunes | desde el martes | desde el miercoles | ' +
      'desde el jueves | desde el viernes | desde el sabado | desde el domingo | desde hace',
    COMPLAINT_STRONG:
      'vergonzos* | vergüenza | verguenza | inaceptable | indignant* | indignad* | pesim* | horrible* | fatal | asquero* | ' +
      'estafa* | timo | ladrones | harto | harta | nefast* | lamentable* | desastre | basura | ridicul* | incompetent* | ' +
      'una mierda | mierda | cabread* | furios* | increible que',
    COMPLAINT:
      'reembolso | devolucion | devuelv* | todavia | aun no | no ha llegado | no llego | nunca llego | esperando | espero desde | ' +
      'llevo esperando | retraso | retrasad* | cancelad* | roto | rota | rotos | dañad* | danad* | defectuos* | averia | ' +
      'averiad* | no funciona | cobrado dos veces | cobro doble | me cobraron | factura incorrecta | perdido | perdida | queja | ' +
      'reclamacion | nadie contesta | nadie responde | sin respuesta | problema* | error | mal servicio | estropead* | tarde | ' +
      'bloque* | sin avisar | sin aviso | sin previo aviso | por error | nunca llego | no recibi | nada | marcado como entregado | ' +
      'dice entregado',
    PRAISE:
      'gracias | genial | excelente | perfecto | perfecta | encantad* | increible servicio | muy amable* | rapidisim* | ' +
      'estupend* | maravillos* | fantastic* | buenisim* | recomiendo | felicidades',
  },
});
