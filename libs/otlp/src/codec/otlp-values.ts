import { AttributeValue, Attributes } from './otlp-model';

/** Thrown for a structurally invalid payload; becomes a 400 naming `path`. */
export class OtlpShapeError extends Error {
  constructor(
    readonly path: string,
    problem: string,
  ) {
    super(`${path} ${problem}`);
  }
}

type Obj = Record<string, unknown>;

function snake(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** Proto3 JSON readers must accept the proto field name as well as the lowerCamelCase one. */
export function field(obj: Obj, camel: string): unknown {
  return obj[camel] !== undefined ? obj[camel] : obj[snake(camel)];
}

export function asObject(value: unknown, path: string): Obj {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw new OtlpShapeError(path, 'must be an object');
  return value as Obj;
}

export function asArray(value: unknown, path: string): unknown[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new OtlpShapeError(path, 'must be an array');
  return value;
}

export function asString(value: unknown, path: string): string {
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') throw new OtlpShapeError(path, 'must be a string');
  return value;
}

/** int64/uint64 arrive as decimal strings (JSON, protobufjs with longs: String) or as numbers. */
export function asBigInt(value: unknown, path: string): bigint {
  if (value === undefined || value === null || value === '') return 0n;
  if (typeof value === 'bigint') return value;
  if (typeof value === 'string' && /^-?\d+$/.test(value)) return BigInt(value);
  if (typeof value === 'number' && Number.isFinite(value)) return BigInt(Math.trunc(value));
  throw new OtlpShapeError(path, 'must be an integer (number or decimal string)');
}

/** Proto3 JSON writes non-finite doubles as "NaN", "Infinity", "-Infinity". */
export function asDouble(value: unknown, path: string): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string') {
    if (value === 'NaN') return Number.NaN;
    if (value === 'Infinity') return Number.POSITIVE_INFINITY;
    if (value === '-Infinity') return Number.NEGATIVE_INFINITY;
    const parsed = Number(value);
    if (value.trim() !== '' && !Number.isNaN(parsed)) return parsed;
  }
  throw new OtlpShapeError(path, 'must be a number');
}

export function optionalDouble(value: unknown, path: string): number | undefined {
  return value === undefined || value === null ? undefined : asDouble(value, path);
}

/** Enums: integers on the wire; names tolerated from lenient JSON writers. */
export function asEnum(value: unknown, names: readonly string[], path: string): number {
  if (value === undefined || value === null) return 0;
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string') {
    const index = names.indexOf(value);
    if (index >= 0) return index;
    if (/^\d+$/.test(value)) return Number(value);
  }
  throw new OtlpShapeError(path, `must be one of ${names.join(', ')} or its number`);
}

/**
 * Trace and span ids: bytes from protobuf, lowercase hex in OTLP JSON (base64, the plain proto3
 * JSON form, is accepted too). All-zero and empty ids mean "absent".
 */
export function asId(value: unknown, bytes: number, path: string): string | undefined {
  let hex: string;
  if (value === undefined || value === null || value === '') return undefined;
  if (value instanceof Uint8Array) hex = Buffer.from(value).toString('hex');
  else if (typeof value === 'string' && value.length === bytes * 2 && /^[0-9a-fA-F]+$/.test(value)) hex = value.toLowerCase();
  else if (typeof value === 'string' && /^[A-Za-z0-9+/_-]+={0,2}$/.test(value)) hex = Buffer.from(value, 'base64').toString('hex');
  else throw new OtlpShapeError(path, `must be ${bytes} bytes as hex`);
  if (hex.length !== bytes * 2) throw new OtlpShapeError(path, `must be ${bytes} bytes as hex`);
  return /^0+$/.test(hex) ? undefined : hex;
}

export function anyValue(value: unknown, path: string): AttributeValue {
  const v = asObject(value, path);
  const s = field(v, 'stringValue');
  if (s !== undefined && s !== null) return asString(s, `${path}.stringValue`);
  const b = field(v, 'boolValue');
  if (b !== undefined && b !== null) return Boolean(b);
  const i = field(v, 'intValue');
  if (i !== undefined && i !== null) return Number(asBigInt(i, `${path}.intValue`));
  const d = field(v, 'doubleValue');
  if (d !== undefined && d !== null) return asDouble(d, `${path}.doubleValue`);
  const array = field(v, 'arrayValue');
  if (array !== undefined && array !== null) {
    return asArray(field(asObject(array, `${path}.arrayValue`), 'values'), `${path}.arrayValue.values`).map((item, index) =>
      anyValue(item, `${path}.arrayValue.values[${index}]`),
    );
  }
  const kv = field(v, 'kvlistValue');
  if (kv !== undefined && kv !== null) return attributes(field(asObject(kv, `${path}.kvlistValue`), 'values'), `${path}.kvlistValue.values`);
  const bytes = field(v, 'bytesValue');
  if (bytes instanceof Uint8Array) return Buffer.from(bytes).toString('base64');
  if (typeof bytes === 'string') return bytes;
  return null;
}

export function attributes(list: unknown, path: string): Attributes {
  const out: Attributes = {};
  asArray(list, path).forEach((item, index) => {
    const kv = asObject(item, `${path}[${index}]`);
    const key = asString(field(kv, 'key'), `${path}[${index}].key`);
    if (key) out[key] = anyValue(field(kv, 'value'), `${path}[${index}].value`);
  });
  return out;
}
