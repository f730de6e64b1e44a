/**
 * Escalation risks found by phrases: leaving for a competitor (churn) and customers saying the
 * other support channels already failed them. They earn score bonuses (config.themeBonus). Legal,
 * safety, fraud, privacy, press and the other harm categories are found by harm/detect.ts.
 */
import { phrases, type PhraseEntry } from './phrase-types.js';

export const RISK_PHRASES: readonly PhraseEntry[] = [
  ...phrases(
    'churn',
    0.75,
    -2,
    `
    cancel my account | cancel my subscription | cancel my membership | cancel my service |
    cancel my contract | cancel my plan | cancel my card | cancel my policy |
    cancel my * subscription | cancel my * account | cancelling my account |
    cancelling my subscription | canceling my account | canceling my subscription | close my account |
    closing my account | closed my account | switching to | switch to | switched to |
    switching providers | moving to | move my business | take my business elsewhere |
    taking my business elsewhere | taking my business | my business elsewhere | never again |
    never .. again | not .. again | wont .. again | last time i | done with you | im done with |
    lost a customer | lost a loyal customer | lost my business | lose my business | wont be back |
    will not be back | never be back | wont be using | never use you | never using you | goodbye |
    unsubscribe | leaving you | time to switch | find another | looking for another | competitor |
    competitors | better off with | go elsewhere | going elsewhere | look elsewhere |
    looking elsewhere | find other | finding other | lost another customer | lost * customer |
    lost a * customer | im cancelling | i am cancelling | were cancelling | we are cancelling | cancelling and |
    will be cancelling | im switching | i am switching | were switching | time to switch |
    will be switching | going to switch | gonna switch | im leaving | i am leaving | were leaving | leaving for |
    moving to another | switching provider | switching supplier | switching bank | new provider | new supplier |
    porting my number | port my number out
  `,
  ),
  ...phrases(
    'churn',
    0.3,
    -0.5,
    `
    loyal customer | loyal customers | longtime customer | long time customer | # year customer |
    member for # years | customer for # years
  `,
  ),
  ...phrases(
    'channel_failure',
    0.7,
    -2,
    `
    on hold | hold for | been on hold | still on hold | hold music | hold time | hold times |
    called # times | calling for # | # calls | tried calling | tried to call | keep calling |
    kept calling | no one answers | nobody answers | no one answered | nobody answered |
    no one answering | nobody answering | no one is answering | nobody is answering |
    no one is responding | nobody is responding | no one responds | nobody responds |
    no one picks up | nobody picks up | no answer | not answering | no response | no reply |
    no replies | still no response | still no reply | still no answer | never responded |
    never replied | never heard back | havent heard back | never got back | no callback |
    no call back | never called back | never call back | emailed # times | emailed twice | # emails |
    sent # emails | messaged # times | tweeted # times | dmd you | sent a dm | sent you a dm |
    hung up on | got disconnected | disconnected | transferred | keep getting transferred |
    cant get through | cant reach | cannot reach | unable to reach | couldnt reach | cant get a hold |
    cant get ahold | line is busy | busy signal | chatbot | chat bot | no way to contact |
    impossible to reach | no human | speak to a human | talk to a human | real person |
    still waiting for a response | still waiting for a reply | no one will help | nobody will help |
    no one can help | nobody can help | no one is helping | no one to help
  `,
  ),
  ...phrases('channel_failure', 0.45, -1.5, 'gave up | give up | giving up'),
  // Recurrence alone ("3rd time this week") is weaker than a named failed channel.
  ...phrases(
    'channel_failure',
    0.3,
    -1,
    `
    # times | # time | twice | again and again | over and over
  `,
  ),
];
