import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const file = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'packages', 'schedules', 'src', 'validation.ts');

/** Names of the declarations a module exports itself (re-exports of public names excluded), with whether their TSDoc says `@internal`. */
function exportedDeclarations(source: ts.SourceFile): Array<[string, boolean]> {
  const result: Array<[string, boolean]> = [];
  for (const statement of source.statements) {
    const exported = ts.canHaveModifiers(statement) && ts.getModifiers(statement)?.some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword);
    if (!exported) continue;
    const names = ts.isVariableStatement(statement)
      ? statement.declarationList.declarations.map((declaration) => declaration.name.getText(source))
      : [(statement as ts.DeclarationStatement).name?.getText(source) ?? '(anonymous)'];
    const internal = ts.getJSDocTags(statement).some((tag) => tag.tagName.text === 'internal');
    for (const name of names) result.push([name, internal]);
  }
  return result;
}

describe('@lrkit/schedules/validation is internal', () => {
  const text = readFileSync(file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);

  it('its module comment carries @packageDocumentation and @internal, so typedoc leaves the subpath out', () => {
    const moduleComment = text.slice(0, text.indexOf('*/'));
    expect(moduleComment).toContain('@packageDocumentation');
    expect(moduleComment).toContain('@internal');
  });

  it('every helper it declares is marked @internal', () => {
    const declarations = exportedDeclarations(source);
    expect(declarations.length).toBeGreaterThanOrEqual(20);
    expect(declarations.filter(([, internal]) => !internal).map(([name]) => name)).toEqual([]);
  });
});
