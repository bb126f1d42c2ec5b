export interface JsonLimits {
  /** Deepest nesting of arrays and objects; the outermost value is level 1. */
  maxDepth: number;
  /** Most keys in any one object (arrays are not capped: ingest batches are long arrays). */
  maxKeys: number;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const COLON = 0x3a;

/**
 * One pass over the raw bytes, before JSON.parse, so a body built to be expensive (deep nesting,
 * an object with 100,000 keys) is refused in milliseconds instead of tying up the event loop in
 * parsing, transformation and validation. Structural characters are ASCII, so UTF-8 text inside
 * strings can never be mistaken for one. Outside strings a colon only separates a key from its
 * value, so counting colons counts keys. Malformed JSON is left for the parser to refuse.
 *
 * @returns the problem, naming the limit, or undefined when the body is within the limits.
 */
export function jsonLimitProblem(body: Buffer, limits: JsonLimits): string | undefined {
  const isObject = new Uint8Array(limits.maxDepth + 1);
  const keys = new Uint32Array(limits.maxDepth + 1);
  let depth = 0;
  let inString = false;
  for (let i = 0; i < body.length; i++) {
    const byte = body[i];
    if (inString) {
      if (byte === BACKSLASH) i++;
      else if (byte === QUOTE) inString = false;
      continue;
    }
    switch (byte) {
      case QUOTE:
        inString = true;
        break;
      case OPEN_OBJECT:
      case OPEN_ARRAY:
        if (++depth > limits.maxDepth) return `body nests deeper than ${limits.maxDepth} levels`;
        isObject[depth] = byte === OPEN_OBJECT ? 1 : 0;
        keys[depth] = 0;
        break;
      case CLOSE_OBJECT:
      case CLOSE_ARRAY:
        if (depth > 0) depth--;
        break;
      case COLON:
        if (depth > 0 && isObject[depth] === 1 && ++keys[depth] > limits.maxKeys) return `body has an object with more than ${limits.maxKeys} keys`;
        break;
    }
  }
  return undefined;
}
