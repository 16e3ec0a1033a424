/** A Python value as JSON: numbers, strings, booleans, null, lists and nested calls. */
export type PythonValue = number | string | boolean | null | PythonValue[] | PythonCall;

/** A parsed call `Name(key=value, ...)`; nested calls become `{ name, args }` too. */
export interface PythonCall {
  /** The class name without its module path (`torch.optim.lr_scheduler.StepLR` -> `StepLR`). */
  readonly name: string;
  /** The module path written before the name (`torch.optim.lr_scheduler`), or `''`. */
  readonly module: string;
  readonly args: Record<string, PythonValue>;
}

/** A syntax error in a recipe, with the character position it was found at. */
export class PythonSyntaxError extends SyntaxError {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(`${message} at character ${position + 1}`);
    this.name = 'PythonSyntaxError';
  }
}

const forbiddenKeys = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Parses one Python constructor call as written in a training script, for example
 * `torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=0.1, total_steps=1000)` or
 * `CosineDecay(initial_learning_rate=0.1, decay_steps=1000)`.
 *
 * Keyword arguments only; a leading bare name (the optimizer) is skipped. Values: numbers
 * (`1e-3`, `-0.5`, `float('inf')`), strings in single or double quotes, `True`/`False`/`None`,
 * lists and tuples (both become arrays), and nested calls (become `{ name, args }`, the form
 * `SequentialLR`'s `schedulers` takes). Lambdas and expressions are not supported.
 *
 * @throws PythonSyntaxError naming what was expected and where.
 * @example
 * ```ts
 * parsePythonCall('StepLR(optimizer, step_size=30, gamma=0.1)');
 * // { name: 'StepLR', module: '', args: { step_size: 30, gamma: 0.1 } }
 * ```
 */
export function parsePythonCall(text: string): PythonCall {
  const parser = new Parser(text);
  parser.skipSpace();
  const call = parser.call();
  parser.skipSpace();
  if (!parser.atEnd()) parser.fail('unexpected text after the closing parenthesis');
  return call;
}

class Parser {
  private index = 0;

  constructor(private readonly text: string) {}

  atEnd(): boolean {
    return this.index >= this.text.length;
  }

  fail(message: string): never {
    throw new PythonSyntaxError(message, this.index);
  }

  skipSpace(): void {
    while (this.index < this.text.length) {
      const character = this.text[this.index]!;
      if (character === '#') {
        while (this.index < this.text.length && this.text[this.index] !== '\n') this.index += 1;
      } else if (/\s/.test(character)) {
        this.index += 1;
      } else {
        return;
      }
    }
  }

  private peek(): string {
    return this.text[this.index] ?? '';
  }

  private expect(character: string, what: string): void {
    this.skipSpace();
    if (this.peek() !== character) this.fail(`expected ${what}`);
    this.index += 1;
  }

  private identifier(): string | undefined {
    const match = /^[A-Za-z_][A-Za-z0-9_]*/.exec(this.text.slice(this.index));
    if (match === null) return undefined;
    this.index += match[0].length;
    return match[0];
  }

  private dottedName(): string[] | undefined {
    const first = this.identifier();
    if (first === undefined) return undefined;
    const parts = [first];
    while (this.peek() === '.') {
      this.index += 1;
      const next = this.identifier();
      if (next === undefined) this.fail('expected a name after `.`');
      parts.push(next);
    }
    return parts;
  }

  call(): PythonCall {
    const parts = this.dottedName();
    if (parts === undefined) this.fail('expected a scheduler call such as `StepLR(step_size=30)`');
    return this.callArguments(parts);
  }

  private callArguments(parts: string[]): PythonCall {
    const name = parts[parts.length - 1]!;
    this.expect('(', `\`(\` after \`${parts.join('.')}\``);
    const args: Record<string, PythonValue> = Object.create(null) as Record<string, PythonValue>;
    let first = true;
    for (;;) {
      this.skipSpace();
      if (this.peek() === ')') {
        this.index += 1;
        break;
      }
      if (!first) {
        this.expect(',', '`,` or `)` between arguments');
        this.skipSpace();
        if (this.peek() === ')') {
          this.index += 1;
          break;
        }
      }
      const start = this.index;
      const key = this.identifier();
      this.skipSpace();
      if (key !== undefined && this.peek() === '=' && this.text[this.index + 1] !== '=') {
        this.index += 1;
        if (forbiddenKeys.has(key)) {
          this.index = start;
          this.fail(`the argument name \`${key}\` is not allowed`);
        }
        if (key in args) {
          this.index = start;
          this.fail(`the argument \`${key}\` is given twice`);
        }
        this.skipSpace();
        args[key] = this.value();
      } else if (first && key !== undefined && (this.peek() === ',' || this.peek() === ')')) {
        // The optimizer, as in `StepLR(optimizer, step_size=30)` (also in nested calls): not needed here.
      } else {
        this.index = start;
        this.fail('expected a keyword argument `name=value` (positional arguments other than the optimizer are not supported)');
      }
      first = false;
    }
    return { name, module: parts.slice(0, -1).join('.'), args: { ...args } };
  }

  private value(): PythonValue {
    this.skipSpace();
    const character = this.peek();
    if (character === '[' || character === '(') return this.sequence(character === '[' ? ']' : ')');
    if (character === '"' || character === "'") return this.string(character);
    if (/[-+0-9.]/.test(character)) return this.number();
    const start = this.index;
    const parts = this.dottedName();
    if (parts === undefined) this.fail('expected a value (a number, a string, True, False, None, a list or a call)');
    const word = parts.join('.');
    if (word === 'True') return true;
    if (word === 'False') return false;
    if (word === 'None') return null;
    if (word === 'lambda') {
      this.index = start;
      this.fail('lambdas cannot be evaluated here; use a built-in scheduler');
    }
    this.skipSpace();
    if (this.peek() !== '(') {
      this.index = start;
      this.fail(`\`${word}\` is not a value this page can evaluate`);
    }
    if (word === 'float' || word === 'math.inf') return this.floatCall(start);
    return this.callArguments(parts);
  }

  private floatCall(start: number): number {
    this.index += 1;
    this.skipSpace();
    const quote = this.peek();
    if (quote !== '"' && quote !== "'") {
      this.index = start;
      this.fail("only float('inf'), float('-inf') and float('nan') are supported");
    }
    const text = this.string(quote).toLowerCase();
    this.expect(')', '`)` after float(...)');
    if (text === 'inf' || text === '+inf' || text === 'infinity') return Number.POSITIVE_INFINITY;
    if (text === '-inf' || text === '-infinity') return Number.NEGATIVE_INFINITY;
    if (text === 'nan') return Number.NaN;
    const number = Number(text);
    if (text.trim() === '' || Number.isNaN(number)) {
      this.index = start;
      this.fail(`float(${JSON.stringify(text)}) is not a number`);
    }
    return number;
  }

  private sequence(close: string): PythonValue[] {
    this.index += 1;
    const items: PythonValue[] = [];
    for (;;) {
      this.skipSpace();
      if (this.peek() === close) {
        this.index += 1;
        return items;
      }
      if (items.length > 0) {
        this.expect(',', `\`,\` or \`${close}\``);
        this.skipSpace();
        if (this.peek() === close) {
          this.index += 1;
          return items;
        }
      }
      items.push(this.value());
    }
  }

  private string(quote: string): string {
    this.index += 1;
    let result = '';
    while (this.index < this.text.length && this.peek() !== quote) {
      if (this.peek() === '\\') this.index += 1;
      result += this.peek();
      this.index += 1;
    }
    if (this.atEnd()) this.fail(`unterminated string (missing ${quote})`);
    this.index += 1;
    return result;
  }

  private number(): number {
    const match = /^[-+]?(?:\d[\d_]*\.?[\d_]*|\.\d[\d_]*)(?:[eE][-+]?\d+)?/.exec(this.text.slice(this.index));
    if (match === null) this.fail('expected a number');
    this.index += match[0].length;
    return Number(match[0].replaceAll('_', ''));
  }
}
