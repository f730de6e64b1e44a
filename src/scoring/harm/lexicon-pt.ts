/**
 * Portuguese concepts, Brazilian and European (hand-made; accents folded, "reembols*" is a stem).
 * Same concept names as lexicon-en.ts, so the same rules apply.
 */
import { buildLexicon, type ConceptLexicon } from './concepts.js';

export const PORTUGUESE_CONCEPTS: ConceptLexicon = buildLexicon({
  lang: 'pt',
  english: false,
  negators: 'não nao nunca nem nada ninguém ninguem sem jamais nenhum nenhuma',
  conditionals: 'se',
  concepts: {
    NEG: 'já não | ja nao | não mais | nao mais',
    BLOCK: 'conta de gas | preco do gas | posto de gasolina | detector de fumaca | alarme de incendio | morrer de rir | morrendo de rir',
    GAS: 'gas | botijao',
    GAS_SIGN: 'cheiro* | vazament* | fuga* | cheirando',
    GAS_DIRECT: 'cheiro de gas | cheiro a gas | vazamento de gas | fuga de gas | cheirando a gas | monoxido de carbono',
    FIRE_EVENT:
      'incendi* | pegou fogo | pegando fogo | em chamas | chamas | explodiu | explosao | saindo fumaca | saiu fumaca | sai fumo | ' +
      'cheiro de queimado',
    SMOKE: 'fumaca | fumo',
    DEVICE:
      'carregador | cabo | tomada | bateria | caldeira | esquentador | fogao | forno | aquecedor | medidor | contador | ' +
      'aparelho | maquina de lavar | geladeira | frigorifico | celular | telemovel | notebook | patinete',
    HEAT_DAMAGE: 'queim* | derreteu | derretido | faisca* | superaquec* | curto circuito',
    SHOCK: 'choque eletrico | choque | eletrocut* | fios expostos | fio exposto | fios desencapados',
    CONTAMINANT: 'vidro | caco de vidro | metal | plastico | rato | barata* | inseto* | verme* | larva* | mofo | bolor | cabelo | osso',
    FOOD:
      'comida | refeicao | prato | salada | sanduiche | pizza | hamburguer | pao | leite | bebida | iogurte | frango | carne | ' +
      'produto | pacote',
    FOOD_ILLNESS: 'intoxicacao alimentar | intoxicacao | intoxicad* | vomit* | frango cru | carne crua',
    DANGER: 'perigos* | perigo | inseguro | ferid* | lesao | acidente | caiu | atropel*',
    SELF_HARM:
      'suicid* | me matar | tirar minha vida | tirar a minha vida | acabar com tudo | nao quero mais viver | quero morrer | ' +
      'vontade de morrer | me machucar | acabar com a minha vida',
    DESPAIR: 'nao aguento mais | nao consigo mais | desesperad* | sem saida | no limite',
    MEDICINE: 'medicamento* | remedio* | receita | comprimido* | insulina | inalador | bombinha | dose | vacina | oxigenio | tratamento',
    MED_PROBLEM: 'errad* | falta* | nao chegou | acabou | vencid* | outra pessoa | urgente*',
    ALLERGEN: 'alergi* | alergen* | amendoim | castanha* | nozes | gluten | lactose | sem gluten | sem lactose',
    REACTION: 'reacao | emergencia | hospital | ambulancia | samu | inchad* | nao conseguia respirar',
    MED_EVENT:
      'sem os meus medicamentos | sem meus remedios | sem o meu remedio | sem insulina | sem a minha medicacao | pronto socorro | ' +
      'emergencia | samu | ambulancia | convuls* | nao consegue respirar | nao conseguia respirar | infarto | internad*',
    MONEY:
      'pagamento* | cobranca* | cobrad* | compra* | compras | transacao | transacoes | transferencia* | saque* | pix | dinheiro | ' +
      'conta | cartao | reais | euros | debito* | fatura*',
    DENIED_AUTH: 'nao autoriz* | nunca autoriz* | nao reconheco | nao fiz | nao pedi | nao solicitei | nao consenti',
    NOT_MINE: 'nao fui eu | nao sou eu | desconhecid* | suspeit*',
    WITHOUT_CONSENT:
      'sem minha autorizacao | sem a minha autorizacao | sem autorizacao | sem meu consentimento | sem permissao | nao autorizad*',
    SOMEONE: 'alguem | um desconhecido | hacker | golpista*',
    TAKEOVER:
      'mudou minha senha | trocaram minha senha | acessou minha conta | invadiram minha conta | hackead* | usaram meu cartao | ' +
      'roubad* | roubaram | clonad*',
    SCAM_STRONG:
      'fraude* | fraudulent* | golpe* | golpista* | estelionat* | roubo de identidade | phishing | roubaram | clonaram | ' +
      'clonad* | cartao clonado | em outra cidade | em outro pais | conta invadida | hackeada | hackeado',
    SCAM: 'golpe | falso | falsa',
    LOSS: 'perdi | sumiu | paguei | transferi',
    IMPERSONATE: 'se passando por | se passou por | falso atendente | falsa central | mensagem falsa | site falso',
    VULN_PERSON:
      'idos* | aposentad* | minha avo | meu avo | avo | minha mae tem | meu pai tem | deficien* | cadeira de rodas | cego | ' +
      'cega | surdo | surda | bebe | recem nascido | gravida | faleceu | falecid* | morreu | viuv* | funeral | velorio | cancer | ' +
      'quimioterapia | dialise | demencia | alzheimer | doente | vulneravel',
    UTILITY: 'aquecimento | agua quente | agua | luz | energia | eletricidade | gas',
    NOT_WORKING: 'nao funciona | sem | cortad* | corte | quebrad* | avariad* | estragad*',
    UTILITY_LOSS:
      'sem aquecimento | sem agua | sem luz | sem energia | sem eletricidade | sem agua quente | sem gas | corte de luz | ' +
      'corte de agua | falta de luz | falta de energia | falta de agua | apagao',
    MY_DATA: 'meus dados | meus dados pessoais | meu endereco | minhas informacoes | dados pessoais | meu numero',
    EXPOSE: 'compartilhad* | partilhad* | vazad* | divulgad* | expost* | vendid* | enviad* para | visive*',
    BREACH: 'vazamento de dados | violacao de dados | dados vazados | meus dados vazaram | lgpd | rgpd',
    OTHER_OWNER: 'outro cliente | outra pessoa | de outro cliente | de outra pessoa',
    DATA_ITEM: 'dados | carta | fatura | pedido | endereco | conta | nome',
    DISC_STRONG:
      'volta para a tua terra | volta para o teu pais | volte para o seu pais | por ser imigrante | por ser estrangeiro | ' +
      'racis* | discrimin* | assedi* | homofob* | machis* | xenofob* | injuria racial',
    THREAT_STRONG: 'ameac* | vou matar | vou te matar | vou queimar | agredi* | agressao | me bateu | me empurrou | faca | arma | bomba',
    LEGAL: 'advogad* | processar | processo | processo judicial | justica | tribunal | acao judicial | juizado | pequenas causas',
    REGULATOR:
      'procon | anatel | aneel | banco central | bacen | reclame aqui | consumidor gov | anpd | ouvidoria | regulador | deco | ' +
      'erse | anacom | livro de reclamacoes',
    REPORT_ACT: 'denunci* | reclam* | registrar | registrei | abrir | abri',
    JOURNALIST: 'jornalista | reporter | imprensa | midia | media | redacao',
    GO_MEDIA: 'para a imprensa | para a midia | para a televisao | para o jornal | na televisao',
    OUTAGE_FULL: 'sem internet | sem sinal | sem rede | sem linha | sem servico | sem conexao | caiu | fora do ar | apagao | sem luz',
    SERVICE_OUT: 'nao funciona | caiu | fora do ar | bloquead* | nao consigo acessar | nao carrega',
    CORE:
      'internet | fibra | sinal | rede | linha | telefone | app | aplicativo | aplicacao | site | servico | conta | sistema | ' +
      'cartao | maquininha',
    IMPACT:
      'trabalh* | negocio | loja | clientes | empresa | home office | teletrabalho | vendas | perdi dinheiro | ' +
      'perdendo dinheiro | prova | exame | aluguel | renda | salario*',
    WAITED_WEEKS: 'semanas | meses | um mes | duas semanas | tres semanas | varias semanas | varios meses | ha semanas | ha meses',
    LONG:
      'dias | semanas | meses | o dia todo | desde ontem | desde segunda | desde terca | desde quarta | desde quinta | ' +
      'desde sexta | desde sabado | desde domingo | ha dias',
    COMPLAINT_STRONG:
      'vergonha | vergonhos* | absurdo | inaceitavel | pessim* | horrivel* | ridicul* | lamentavel* | descaso | palhacada | ' +
      'lixo | nojo | revoltad* | indignad* | decepcionad* | ladroes | porcaria | merda | incompetent* | uma piada',
    COMPLAINT:
      'reembols* | estorno | devolucao | ainda nao | nunca chegou | nao chegou | esperando | espero ha | aguardando | atraso | ' +
      'atrasad* | cancelad* | quebrad* | danificad* | defeito* | avariad* | nao funciona | cobrado duas vezes | ' +
      'cobranca indevida | cobranca duplicada | perdid* | reclamacao | ninguem responde | sem resposta | problema* | erro | ' +
      'pessimo atendimento | mau atendimento | bloquea* | bloquead* | sem avisar | sem aviso | por engano | ' +
      'marcada como entregue | marcado como entregue | nunca recebi | nao recebi',
    PRAISE:
      'obrigad* | otimo | otima | excelente | perfeito | perfeita | adorei | amei | maravilhos* | rapido | parabens | recomendo | ' +
      'top | muito bom | muito boa',
  },
});
