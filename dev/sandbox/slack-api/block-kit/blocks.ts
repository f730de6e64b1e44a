import { SLACK_LIMITS as L, Problems, checkText, isObj } from './check.js';
import { checkElement } from './elements.js';

export type Surface = 'message' | 'modal' | 'home';

const ALLOWED: Record<string, readonly string[]> = {
  section: ['type', 'block_id', 'text', 'fields', 'accessory', 'expand'],
  header: ['type', 'block_id', 'text'],
  divider: ['type', 'block_id'],
  context: ['type', 'block_id', 'elements'],
  actions: ['type', 'block_id', 'elements'],
  input: ['type', 'block_id', 'label', 'element', 'hint', 'optional', 'dispatch_action'],
  image: ['type', 'block_id', 'image_url', 'alt_text', 'title', 'slack_file'],
};

function checkBlock(p: Problems, block: unknown, pointer: string, blockIds: Set<string>): void {
  if (!isObj(block)) return p.add(pointer, 'must be a block object');
  const type = String(block.type);
  const allowed = ALLOWED[type];
  if (!allowed) return p.add(`${pointer}/type`, `unsupported block type ${JSON.stringify(block.type)}`);
  p.onlyKeys(block, allowed, pointer);
  if ('block_id' in block && p.string(block.block_id, `${pointer}/block_id`, L.blockId)) {
    const id = block.block_id as string;
    if (blockIds.has(id)) p.add(`${pointer}/block_id`, 'duplicate block_id');
    blockIds.add(id);
  }
  const actionIds = new Set<string>();
  switch (type) {
    case 'section':
      if (!('text' in block) && !('fields' in block)) p.add(pointer, 'must provide text or fields');
      if ('text' in block) checkText(p, block.text, `${pointer}/text`, L.sectionText);
      if ('fields' in block && p.array(block.fields, `${pointer}/fields`, L.sectionFields)) {
        (block.fields as unknown[]).forEach((f, i) => {
          checkText(p, f, `${pointer}/fields/${i}`, L.sectionField);
        });
      }
      if ('accessory' in block) checkElement(p, block.accessory, `${pointer}/accessory`, actionIds, 'accessory');
      return;
    case 'header':
      return checkText(p, block.text, `${pointer}/text`, L.headerText, true);
    case 'divider':
      return;
    case 'context':
      if (!p.array(block.elements, `${pointer}/elements`, L.contextElements)) return;
      (block.elements as unknown[]).forEach((e, i) => {
        const at = `${pointer}/elements/${i}`;
        if (isObj(e) && e.type === 'image') checkElement(p, e, at, actionIds, 'accessory');
        else checkText(p, e, at, L.contextText);
      });
      return;
    case 'actions':
      if (!p.array(block.elements, `${pointer}/elements`, L.actionsElements)) return;
      (block.elements as unknown[]).forEach((e, i) => {
        checkElement(p, e, `${pointer}/elements/${i}`, actionIds, 'actions');
      });
      return;
    case 'input':
      checkText(p, block.label, `${pointer}/label`, L.inputLabel, true);
      if ('hint' in block) checkText(p, block.hint, `${pointer}/hint`, L.inputHint, true);
      p.boolean(block, 'optional', pointer);
      p.boolean(block, 'dispatch_action', pointer);
      return checkElement(p, block.element, `${pointer}/element`, actionIds, 'input');
    case 'image':
      p.optionalString(block, 'image_url', pointer, L.imageUrl);
      p.string(block.alt_text, `${pointer}/alt_text`, L.altText);
      if ('title' in block) checkText(p, block.title, `${pointer}/title`, L.altText, true);
      return;
  }
}

/** Every problem Slack would report for `blocks` on a surface, each with its JSON pointer. */
export function blockProblems(blocks: unknown, surface: Surface, pointer = '/blocks'): string[] {
  const p = new Problems();
  checkBlocks(p, blocks, surface, pointer);
  return p.errors;
}

function checkBlocks(p: Problems, blocks: unknown, surface: Surface, pointer: string): void {
  if (!p.array(blocks, pointer, surface === 'message' ? L.blocksPerMessage : L.blocksPerView, 0)) return;
  const ids = new Set<string>();
  (blocks as unknown[]).forEach((b, i) => {
    checkBlock(p, b, `${pointer}/${i}`, ids);
    if (surface === 'message' && isObj(b) && b.type === 'input' && !b.dispatch_action) {
      // Messages take input blocks only when they dispatch their own actions.
      p.add(`${pointer}/${i}`, 'input blocks in messages must set dispatch_action');
    }
  });
}

/** Problems with a modal or Home view (`views.open/push/update/publish`, `response_action` views). */
export function viewProblems(view: unknown, pointer = '/view'): string[] {
  const p = new Problems();
  if (!isObj(view)) {
    p.add(pointer, 'must be a view object');
    return p.errors;
  }
  const type = view.type;
  if (type !== 'modal' && type !== 'home') {
    p.add(`${pointer}/type`, 'must be modal or home');
    return p.errors;
  }
  p.onlyKeys(
    view,
    [
      'type',
      'title',
      'blocks',
      'close',
      'submit',
      'private_metadata',
      'callback_id',
      'clear_on_close',
      'notify_on_close',
      'external_id',
      'submit_disabled',
    ],
    pointer,
  );
  if (type === 'modal') checkText(p, view.title, `${pointer}/title`, L.viewTitle, true);
  else if ('title' in view) checkText(p, view.title, `${pointer}/title`, L.viewTitle, true);
  if ('submit' in view) checkText(p, view.submit, `${pointer}/submit`, L.viewSubmit, true);
  if ('close' in view) checkText(p, view.close, `${pointer}/close`, L.viewClose, true);
  p.optionalString(view, 'callback_id', pointer, L.callbackId);
  p.optionalString(view, 'external_id', pointer, L.callbackId);
  if ('private_metadata' in view) p.string(view.private_metadata, `${pointer}/private_metadata`, L.privateMetadata, 0);
  for (const key of ['clear_on_close', 'notify_on_close', 'submit_disabled']) p.boolean(view, key, pointer);
  checkBlocks(p, view.blocks, type, `${pointer}/blocks`);
  const hasInput = Array.isArray(view.blocks) && view.blocks.some((b) => isObj(b) && b.type === 'input');
  if (type === 'modal' && hasInput && !('submit' in view)) p.add(`${pointer}/submit`, 'is required when the view has input blocks');
  return p.errors;
}

/**
 * What Slack answers for a message payload (`chat.postMessage`, `chat.update`,
 * `chat.postEphemeral`, slash-command and `response_url` answers): null when accepted, else
 * Slack's error (`invalid_blocks` with its list, `msg_too_long`, `no_text`).
 */
export function messageRefusal(
  payload: { text?: unknown; blocks?: unknown },
  options: { requireContent?: boolean } = {},
): { error: string; errors?: string[] } | null {
  const { text, blocks } = payload;
  if (text !== undefined && text !== null && typeof text !== 'string')
    return { error: 'invalid_arguments', errors: ['must be a string [json-pointer:/text]'] };
  if (typeof text === 'string' && text.length > L.messageText) return { error: 'msg_too_long' };
  const hasBlocks = Array.isArray(blocks) && blocks.length > 0;
  if (options.requireContent !== false && !hasBlocks && !(typeof text === 'string' && text.trim())) return { error: 'no_text' };
  if (blocks === undefined || blocks === null) return null;
  const errors = blockProblems(blocks, 'message');
  return errors.length ? { error: 'invalid_blocks', errors } : null;
}
