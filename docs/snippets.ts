/** A fenced TypeScript block of a guide. */
export interface Snippet {
  /** The closest heading above the block. */
  readonly heading: string;
  /** 1-based line of the block's first code line in the guide. */
  readonly line: number;
  readonly code: string;
}

/** One `// → expected` check, recorded when the instrumented snippet runs. */
export interface Check {
  /** 0-based line inside the block. */
  readonly line: number;
  readonly source: string;
  readonly actual: unknown;
  readonly expected: unknown;
}

/** Every ```ts block of a markdown text, with the heading it belongs to. */
export function extractSnippets(markdown: string): Snippet[] {
  const lines = markdown.split('\n');
  const snippets: Snippet[] = [];
  let heading = '';
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index] ?? '';
    const headingMatch = /^#{1,6}\s+(.*)$/.exec(line);
    if (headingMatch) heading = headingMatch[1] ?? '';
    const fence = /^```(\S*)\s*$/.exec(line);
    if (fence) {
      const start = index + 1;
      let end = start;
      while (end < lines.length && !/^```\s*$/.test(lines[end] ?? '')) end += 1;
      if (fence[1] === 'ts' || fence[1] === 'typescript') {
        snippets.push({ heading, line: start + 1, code: lines.slice(start, end).join('\n') });
      }
      index = end;
    }
  }
  return snippets;
}

const checkLine = /^(\s*)(.+?);?\s*\/\/\s*→\s*(.+?)\s*$/;

/**
 * Turns each `expression; // → expected` line into a recorded check (the expression is
 * evaluated once). Returns the code and the number of checks. The code ends with
 * `export {}` so that it is a module (top-level await works).
 */
export function instrumentSnippet(code: string): { code: string; checks: number } {
  let checks = 0;
  const lines = code.split('\n').map((line, index) => {
    const match = checkLine.exec(line);
    if (!match) return line;
    const [, indent = '', expression = '', expected = ''] = match;
    checks += 1;
    return (
      `${indent}globalThis.__snippetChecks?.push({ line: ${index}, source: ${JSON.stringify(expression.trim())}, ` +
      `actual: (${expression}), expected: (${expected}) });`
    );
  });
  return { code: `${lines.join('\n')}\nexport {};\n`, checks };
}
