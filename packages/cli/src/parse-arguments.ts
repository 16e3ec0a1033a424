import type { JsonValue } from '@lrkit/schedules';
import { checkConfigShape, excerptText, limits } from '@lrkit/schedules';
import { CliError } from './cli-error.js';
import { quoteFlag } from './flags.js';

function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote: string | undefined;
  let current = '';
  for (const character of text) {
    if (quote !== undefined) {
      if (character === quote) quote = undefined;
    } else if (character === '"' || character === "'") quote = character;
    else if (character === '[' || character === '(' || character === '{') depth += 1;
    else if (character === ']' || character === ')' || character === '}') depth -= 1;
    else if (character === ',' && depth === 0) {
      parts.push(current);
      current = '';
      continue;
    }
    current += character;
  }
  parts.push(current);
  return parts.map((part) => part.trim()).filter((part) => part !== '');
}

function parseValue(text: string, depth = 0): JsonValue {
  const python: Record<string, JsonValue> = { True: true, False: false, None: null, true: true, false: false, null: null };
  if (Object.hasOwn(python, text)) return python[text]!;
  if (/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(text)) return Number(text);
  if (/^[[(].*[\])]$/s.test(text)) {
    if (depth >= limits.maxNestingDepth) {
      throw new CliError(`--args may nest lists at most ${limits.maxNestingDepth} deep (limits.maxNestingDepth); received ${quoteFlag(text)}`);
    }
    const inner = text.slice(1, -1);
    return splitTopLevel(inner).map((item) => parseValue(item, depth + 1));
  }
  if (/^(['"]).*\1$/s.test(text)) return text.slice(1, -1);
  return text;
}

/**
 * Parses the keyword arguments of a PyTorch scheduler as written on the command line:
 * `step_size=10,gamma=0.5`, with Python literals (`True`, `False`, `None`), numbers, lists
 * (`milestones=[30,80]` or `(30,80)`) and bare or quoted strings (`anneal_strategy=cos`).
 * A JSON object (`{"step_size": 10}`) is accepted as well.
 *
 * @example
 * ```ts
 * parseKeywordArguments('milestones=[30,80],gamma=0.1'); // { milestones: [30, 80], gamma: 0.1 }
 * ```
 */
export function parseKeywordArguments(text: string): Record<string, JsonValue> {
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(trimmed);
    } catch (error) {
      throw new CliError(`--args is not valid JSON: ${excerptText((error as Error).message.split('\n')[0] ?? '', 200)}`);
    }
    try {
      checkConfigShape(parsed, '--args');
    } catch (error) {
      throw new CliError((error as Error).message);
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
      throw new CliError(`--args must be a JSON object or key=value pairs; received ${quoteFlag(trimmed)}`);
    }
    return parsed as Record<string, JsonValue>;
  }
  const result: Record<string, JsonValue> = {};
  for (const part of splitTopLevel(trimmed)) {
    const equals = part.indexOf('=');
    const key = equals > 0 ? part.slice(0, equals).trim() : '';
    if (!/^[A-Za-z_]\w*$/.test(key)) {
      throw new CliError(`--args must be key=value pairs separated by commas (e.g. step_size=10,gamma=0.5); received ${quoteFlag(part)}`);
    }
    if (key === '__proto__' || key === 'constructor' || key === 'prototype') {
      throw new CliError(`--args has the forbidden key ${JSON.stringify(key)}`);
    }
    result[key] = parseValue(part.slice(equals + 1).trim());
  }
  return result;
}
