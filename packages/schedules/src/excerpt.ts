import { limits } from './limits.js';

/**
 * A bounded, one-line description of any value for an error message: JSON-like for plain
 * data (strings quoted, holes of a sparse array shown as `<empty>`, `NaN` and `Infinity`
 * spelled out), cut after `maxLength` characters with `…` and the value's size, so that a
 * config holding a million boundaries or a megabyte-long string still gives a short message.
 * The work done is bounded by `maxLength` too, whatever the size or the depth of the value
 * (cycles included).
 *
 * @param value - anything.
 * @param maxLength - the most characters quoted from the value (default `limits.maxExcerptLength`, 200).
 * @returns the description, at most about `maxLength + 40` characters.
 * @example
 * ```ts
 * excerpt([1, , 3]);                              // '[1,<empty>,3]'
 * excerpt('x'.repeat(1000), 5);                   // '"xxxxx…" (a string of 1000 characters)'
 * excerpt(Array.from({ length: 1e6 }, (_, i) => i), 10); // '[0,1,2,3,4…] (an array of 1000000 entries)'
 * excerpt(Math.max);                              // 'a function'
 * ```
 */
export function excerpt(value: unknown, maxLength: number = limits.maxExcerptLength): string {
  if (typeof value === 'function') return 'a function';
  if (value !== null && typeof value === 'object') {
    const name = constructorName(value);
    if (name !== undefined) return `an instance of ${name}`;
  }
  const writer = new BoundedWriter(maxLength);
  try {
    write(writer, value);
  } catch {
    return 'an unreadable value';
  }
  if (!writer.truncated) return writer.text();
  return `${writer.text()}…${sizeNote(value)}`;
}

/**
 * A name or other text embedded in an error message (an option name, a path), cut to
 * `maxLength` characters with `…`.
 *
 * @example
 * ```ts
 * excerptText('decaySteps');         // 'decaySteps'
 * excerptText('x'.repeat(100), 8);   // 'xxxxxxxx…'
 * ```
 */
export function excerptText(text: string, maxLength = 60): string {
  return text.length <= maxLength ? text : `${text.slice(0, maxLength)}…`;
}

function constructorName(value: object): string | undefined {
  try {
    if (Array.isArray(value)) return undefined;
    const prototype = Object.getPrototypeOf(value) as unknown;
    if (prototype === null || prototype === Object.prototype) return undefined;
    const name = (value as { constructor?: { name?: unknown } }).constructor?.name;
    return typeof name === 'string' && name !== 'Object' && name !== '' ? excerptText(name, 40) : 'an object';
  } catch {
    return 'an object';
  }
}

function sizeNote(value: unknown): string {
  try {
    if (typeof value === 'string') return ` (a string of ${value.length} characters)`;
    if (Array.isArray(value)) return ` (an array of ${value.length} entries)`;
  } catch {
    // A proxy may throw on `length`: no note then.
  }
  return '';
}

class BoundedWriter {
  private readonly parts: string[] = [];
  private length = 0;
  truncated = false;

  constructor(readonly maxLength: number) {}

  get full(): boolean {
    return this.truncated;
  }

  add(text: string): void {
    if (this.truncated) return;
    const room = this.maxLength - this.length;
    if (text.length > room) {
      this.parts.push(text.slice(0, room));
      this.length = this.maxLength;
      this.truncated = true;
      return;
    }
    this.parts.push(text);
    this.length += text.length;
  }

  text(): string {
    return this.parts.join('');
  }
}

function write(writer: BoundedWriter, value: unknown): void {
  if (writer.full) return;
  switch (typeof value) {
    case 'string': {
      // Quote at most what can still be shown: JSON.stringify of a 10 MB string is 10 MB.
      const shown = value.length > writer.maxLength ? value.slice(0, writer.maxLength) : value;
      writer.add(JSON.stringify(shown));
      if (shown !== value) writer.truncated = true;
      return;
    }
    case 'number':
      writer.add(Object.is(value, -0) ? '0' : String(value));
      return;
    case 'bigint':
      writer.add(`${String(value)}n`);
      return;
    case 'function':
      writer.add('<function>');
      return;
    case 'object':
      if (value === null) {
        writer.add('null');
        return;
      }
      if (Array.isArray(value)) {
        writeArray(writer, value);
        return;
      }
      if (constructorName(value) !== undefined) {
        writer.add(`<${constructorName(value) ?? 'object'}>`);
        return;
      }
      writeObject(writer, value as Record<string, unknown>);
      return;
    default:
      writer.add(String(value));
  }
}

function writeArray(writer: BoundedWriter, array: readonly unknown[]): void {
  writer.add('[');
  for (let index = 0; index < array.length && !writer.full; index += 1) {
    if (index > 0) writer.add(',');
    if (Object.hasOwn(array, index)) write(writer, array[index]);
    else writer.add('<empty>');
  }
  writer.add(']');
}

function writeObject(writer: BoundedWriter, object: Record<string, unknown>): void {
  writer.add('{');
  let first = true;
  for (const key in object) {
    if (writer.full) break;
    if (!Object.hasOwn(object, key)) continue;
    if (!first) writer.add(',');
    first = false;
    write(writer, key);
    writer.add(':');
    write(writer, object[key]);
  }
  writer.add('}');
}
