import type { SlackViewAction, SlackViewMiddlewareArgs } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { tellPerson } from '../../../src/chat/failure.js';
import type { Logger } from '../../../src/log.js';

type AckFn = (...response: never[]) => Promise<void>;

/**
 * How the person hears that their request failed, given whether Slack was already answered:
 * each kind of request has one way (a private message, the command's answer, an error on the form).
 */
export type Apology<A> = (args: A, text: string, acked: boolean) => Promise<unknown>;

/**
 * The one error handler every Klaxon listener goes through. A refusal that escapes a listener
 * is told in its own words; anything else is logged once, with details, and the person sees the
 * short apology (src/chat/failure.ts) — never a stack trace, and never silence. It knows whether
 * the listener acknowledged Slack already, since an answer can be given only once.
 */
export function guarded<A extends object>(
  logger: Logger,
  what: string,
  listener: (args: A) => Promise<void>,
  apologise: Apology<A>,
): (args: A) => Promise<void> {
  return async (args) => {
    let acked = false;
    const ack = (args as { ack?: AckFn }).ack;
    const tracked: A = ack
      ? {
          ...args,
          ack: (...response: never[]) => {
            acked = true;
            return ack(...response);
          },
        }
      : args;
    try {
      await listener(tracked);
    } catch (error) {
      const text = tellPerson(error, logger, `Slack ${what}`);
      await apologise(args, text, acked).catch((failure: unknown) =>
        logger.warn('could not tell a Slack user why their request failed', { err: failure }),
      );
    }
  };
}

interface ButtonArgs {
  ack: () => Promise<void>;
  body: { user: { id: string }; channel?: { id?: string } };
  client: WebClient;
}

/** A button or menu: acknowledged, then the person is told privately in the card's channel (a modal has none: logged only). */
export const privately: Apology<ButtonArgs> = async (args, text, acked) => {
  if (!acked) await args.ack();
  const channel = args.body.channel?.id;
  if (channel) await args.client.chat.postEphemeral({ channel, user: args.body.user.id, text });
};

interface CommandArgs {
  ack: (response: { response_type: 'ephemeral'; text: string }) => Promise<void>;
  respond: (response: { response_type: 'ephemeral'; text: string }) => Promise<unknown>;
}

/** A slash command: the apology is the command's answer, or follows it through the response URL. */
export const asCommandAnswer: Apology<CommandArgs> = async (args, text, acked) => {
  const answer = { response_type: 'ephemeral' as const, text };
  await (acked ? args.respond(answer) : args.ack(answer));
};

type FormArgs = SlackViewMiddlewareArgs<SlackViewAction>;

/** A submitted modal: the apology shows on the form under `block`, so nothing typed is lost (no block: the modal closes). */
export function onForm(block: ((args: FormArgs) => string) | null): Apology<FormArgs> {
  return async (args, text, acked) => {
    if (acked) return;
    await args.ack(block ? { response_action: 'errors', errors: { [block(args)]: text } } : { response_action: 'clear' });
  };
}

/** An event nobody waits on (App Home, a thread message): the failure is logged, there is no one to answer in place. */
export const logOnly: Apology<object> = async () => undefined;
