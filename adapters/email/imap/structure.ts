import type { MessageStructureObject } from 'imapflow';
import type { AttachmentInfo } from '../parsed.js';

/**
 * Attachments as the server describes them in BODYSTRUCTURE: every name and size without
 * downloading a byte of them. Used when a message is larger than what Klaxon downloads.
 */

/** Base64 carries 57 bytes in each 78-byte line (76 characters and CRLF). */
const BASE64_RATIO = 57 / 78;

function decodedSize(node: MessageStructureObject): number {
  const size = node.size ?? 0;
  return (node.encoding ?? '').toLowerCase() === 'base64' ? Math.round(size * BASE64_RATIO) : size;
}

function isBodyText(node: MessageStructureObject): boolean {
  const type = node.type.toLowerCase();
  return (type === 'text/plain' || type === 'text/html') && (node.disposition ?? 'inline').toLowerCase() !== 'attachment';
}

export function attachmentsFromStructure(root: MessageStructureObject | undefined): AttachmentInfo[] {
  const out: AttachmentInfo[] = [];
  const walk = (node: MessageStructureObject, depth: number) => {
    if (depth > 50) return;
    if (node.childNodes && node.childNodes.length > 0) {
      for (const child of node.childNodes) walk(child, depth + 1);
      return;
    }
    if (node.type.toLowerCase().startsWith('multipart/') || isBodyText(node)) return;
    const name = node.dispositionParameters?.filename ?? node.parameters?.name ?? `${node.type} part`;
    out.push({ name, size: decodedSize(node), type: node.type.toLowerCase() });
  };
  if (root) walk(root, 0);
  return out;
}
