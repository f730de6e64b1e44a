/**
 * How mail clients introduce quoted history and signatures, in the languages our customers
 * write in. Each pattern matches a whole line (or a few lines joined, as clients wrap long
 * attributions). Matching is done on a copy with bidi marks removed and spaces normalised.
 */

/** "On Mon, 5 Jan 2026 at 10:00, Jane <jane@x> wrote:" and its translations. */
export const ATTRIBUTION: readonly RegExp[] = [
  /^on\s.{1,300}\swrote\s?:$/iu,
  /^.{1,200}@.{1,200}\swrote\s?:$/iu,
  /^am\s.{1,300}\sschrieb\s?.{0,200}:$/iu,
  /^.{1,300}\sschrieb\sam\s.{1,200}:$/iu,
  /^le\s.{1,300}\sa\sécrit\s?:$/iu,
  /^el\s.{1,300}\sescribió\s?:$/iu,
  /^em\s.{1,300}\sescreveu\s?:$/iu,
  /^(il\s)?.{1,300}\sha\sscritto\s?:$/iu,
  /^op\s.{1,300}\sschreef\s?.{0,200}:$/iu,
  /^(den|på)\s.{1,300}\sskrev\s?.{0,200}:$/iu,
  /^.{1,300}\s(napisał|napisała|napisał\(a\))\s?:$/iu,
  /^.{1,300}\s(написал|написала|написал\(а\)|пишет)\s?:$/iu,
  /^.{1,300}(のメッセージ|は書きました)\s?[:：]$/u,
  /^.{1,300}(写道|寫道)\s?[:：]$/u,
  /^.{1,300}\sكتب\s?.{0,200}[:：]$/u,
  /^.{1,300}\s(כתב|כתבה)\s?.{0,200}:$/u,
];

/** Outlook's and others' "-----Original Message-----" line. */
export const ORIGINAL_MESSAGE = new RegExp(
  String.raw`^-{2,}\s*(original message|ursprüngliche nachricht|message d'origine|mensaje original|messaggio originale|` +
    'oorspronkelijk bericht|originalmeddelande|opprinnelig melding|oprindelig meddelelse|mensagem original|' +
    String.raw`oryginalna wiadomość|исходное сообщение|alkuperäinen viesti)\s*-{2,}$`,
  'iu',
);

/** The first line of an Outlook header block ("From: Jane <jane@x>"), in many languages. */
export const HEADER_FROM = /^\*?(from|von|de|van|da|från|fra|od|от|lähettäjä|kimden|feladó|發件人|发件人|差出人)\s?\*?\s?[:：]\*?\s*\S/iu;

/** The date line of the same block ("Sent: …", "Date: …"). */
export const HEADER_DATE = new RegExp(
  String.raw`^\*?(sent|date|gesendet|datum|envoyé|enviado|fecha|inviato|data|verzonden|skickat|sendt|wysłano|отправлено|lähetetty|` +
    String.raw`tarih|elküldve|發送時間|发送时间|送信日時)\s?\*?\s?[:：]`,
  'iu',
);

/** The subject line of the same block: with From and a date, it tells a quoted header from a list a customer typed. */
export const HEADER_SUBJECT =
  /^\*?(subject|betreff|objet|asunto|oggetto|onderwerp|ämne|emne|temat|тема|aihe|konu|tárgy|主题|主旨|件名)\s?\*?\s?[:：]/iu;

/** A separator line Outlook puts above the header block. */
export const SEPARATOR = /^(_{5,}|-{5,})$/;

/** Lines that introduce a forward: what follows is content the customer means us to read. */
export const FORWARD_MARKER = new RegExp(
  String.raw`^(-{2,}\s*(forwarded message|weitergeleitete nachricht|message transféré|mensaje reenviado|messaggio inoltrato|` +
    String.raw`doorgestuurd bericht)\s*-{2,}|begin forwarded message\s?:|anfang der weitergeleiteten nachricht\s?:|` +
    String.raw`début du message réexpédié\s?:)$`,
  'iu',
);

/** "Sent from my iPhone" and its relatives, in the languages they ship in. */
export const MOBILE_SIGNATURE: readonly RegExp[] = [
  /^(sent from|sent via|sent using|sent with)\s.{1,70}$/iu,
  /^get outlook for (ios|android)\s*(<[^>]*>)?$/iu,
  /^(von meinem|gesendet von meinem|gesendet mit|gesendet von)\s.{1,70}$/iu,
  /^(envoyé de mon|envoyé depuis mon|envoyé à partir de|envoyé avec)\s.{1,70}$/iu,
  /^(enviado desde mi|enviado de mi|enviado do meu|enviado a partir do)\s.{1,70}$/iu,
  /^(inviato da|inviato dal mio)\s.{1,70}$/iu,
  /^(verzonden (vanaf|met|van) mijn)\s.{1,70}$/iu,
  /^(skickat från min|sendt fra min|lähetetty)\s.{1,70}$/iu,
  /^(wysłane z|отправлено (с|из))\s.{1,70}$/iu,
];

/** The RFC 3676 signature separator "-- " (and its trailing-space-stripped form). */
export const SIGNATURE_SEPARATOR = /^--\s?$/;

/** Quoted lines: "> text", "  >> text". */
export const QUOTED_LINE = /^\s*>/;
