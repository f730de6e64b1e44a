/**
 * Reads a JSON document as it streams in and leaves out the contents of chosen string values
 * (Postmark's base64 `Attachments[].Content`, its `RawEmail`), counting their length instead. What
 * remains is small, valid JSON for JSON.parse: a 30 MB delivery is never held in memory.
 *
 * It works on bytes: every JSON structural character is ASCII, and UTF-8 never uses ASCII bytes
 * inside a multi-byte character, so chunk boundaries cannot confuse it. It does not validate;
 * JSON.parse does, on what is kept.
 */
export type JsonPath = readonly (string | number)[];

export class KeptTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`the message without its attachments is larger than ${limit} bytes`);
  }
}

interface Frame {
  kind: 'object' | 'array';
  key: string | null;
  index: number;
  expectKey: boolean;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

export class JsonContentFilter {
  readonly #drop: (path: JsonPath) => boolean;
  readonly #maxKept: number;
  readonly #kept: Buffer[] = [];
  #keptBytes = 0;
  readonly #stack: Frame[] = [];
  #inString = false;
  #escape = false;
  #stringIsKey = false;
  #dropping: string | null = null;
  #droppedLength = 0;
  #keyBytes: number[] = [];
  /** Length (bytes of JSON text, without the quotes) of every dropped value, by its path joined with dots. */
  readonly dropped = new Map<string, number>();

  constructor(options: { drop: (path: JsonPath) => boolean; maxKeptBytes: number }) {
    this.#drop = options.drop;
    this.#maxKept = options.maxKeptBytes;
  }

  #path(): (string | number)[] {
    return this.#stack.map((f) => (f.kind === 'array' ? f.index : (f.key ?? '')));
  }

  #keep(chunk: Buffer, start: number, end: number): void {
    if (end <= start) return;
    this.#keptBytes += end - start;
    if (this.#keptBytes > this.#maxKept) throw new KeptTooLargeError(this.#maxKept);
    this.#kept.push(chunk.subarray(start, end));
  }

  write(chunk: Buffer): void {
    let keepFrom = 0;
    for (let i = 0; i < chunk.length; i += 1) {
      const byte = chunk[i] as number;
      if (this.#inString) {
        if (this.#escape) this.#escape = false;
        else if (byte === BACKSLASH) this.#escape = true;
        else if (byte === QUOTE) {
          this.#inString = false;
          if (this.#dropping !== null) {
            this.dropped.set(this.#dropping, this.#droppedLength);
            this.#dropping = null;
            keepFrom = i; // the closing quote is kept
            continue;
          }
          if (this.#stringIsKey) {
            const top = this.#stack.at(-1);
            if (top) top.key = Buffer.from(this.#keyBytes).toString('utf8');
          }
          continue;
        }
        if (this.#dropping !== null) this.#droppedLength += 1;
        else if (this.#stringIsKey && this.#keyBytes.length < 256) this.#keyBytes.push(byte);
        continue;
      }
      const top = this.#stack.at(-1);
      switch (byte) {
        case QUOTE: {
          this.#inString = true;
          this.#stringIsKey = top?.kind === 'object' && top.expectKey;
          this.#keyBytes = [];
          if (!this.#stringIsKey && this.#drop(this.#path())) {
            this.#keep(chunk, keepFrom, i + 1);
            this.#dropping = this.#path().join('.');
            this.#droppedLength = 0;
            keepFrom = chunk.length; // nothing more of this chunk is kept until the string ends
          }
          break;
        }
        case 0x7b: // {
          this.#stack.push({ kind: 'object', key: null, index: 0, expectKey: true });
          break;
        case 0x5b: // [
          this.#stack.push({ kind: 'array', key: null, index: 0, expectKey: false });
          break;
        case 0x7d: // }
        case 0x5d: // ]
          this.#stack.pop();
          break;
        case 0x3a: // :
          if (top?.kind === 'object') top.expectKey = false;
          break;
        case 0x2c: // ,
          if (top?.kind === 'object') top.expectKey = true;
          else if (top?.kind === 'array') top.index += 1;
          break;
        default:
          break;
      }
    }
    if (this.#dropping === null) this.#keep(chunk, keepFrom, chunk.length);
  }

  /** The JSON that was kept (dropped strings appear as ""). */
  text(): string {
    return Buffer.concat(this.#kept, this.#keptBytes).toString('utf8');
  }
}
