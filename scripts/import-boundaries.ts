/**
 * The import-boundary check behind `scripts/import-boundaries.test.ts`: every source file of a
 * workspace (packages, examples, docs, bench) imports only files inside its own workspace
 * folder, and other workspaces only by a package name its package.json declares.
 *
 * A workspace folder is the nearest folder above a file that holds a package.json. Imports
 * are read from the syntax tree (comments and strings in TSDoc examples do not count): static
 * `import` and `export … from`, `import type`, `import('…')`, `require('…')` and vitest's
 * `vi.mock` / `vi.doMock` / `vi.importActual` / `vi.importMock`.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/** One import that breaks the rule. */
export interface BoundaryViolation {
  /** The importing file, relative to the repository root. */
  readonly file: string;
  /** The specifier as written. */
  readonly specifier: string;
  /** Why it breaks the rule. */
  readonly reason: string;
}

/** File names whose imports are checked. */
export const sourceFilePattern = /\.(?:[cm]?[jt]s|tsx|jsx)$/;

const mockFunctions = new Set(['mock', 'doMock', 'unmock', 'doUnmock', 'importActual', 'importMock']);

/**
 * The module specifiers a source file imports, in order of appearance.
 *
 * @param fileName - used only to pick the syntax (TypeScript, JavaScript, JSX).
 * @param text - the file's contents.
 * @returns every specifier written as a string literal.
 * @example
 * ```ts
 * importSpecifiers('a.ts', "import { x } from './x.js'; await import('y');"); // ['./x.js', 'y']
 * ```
 */
export function importSpecifiers(fileName: string, text: string): string[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false);
  const specifiers: string[] = [];
  const literal = (node: ts.Node | undefined): void => {
    if (node !== undefined && ts.isStringLiteralLike(node)) specifiers.push(node.text);
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) literal(node.moduleSpecifier);
    else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) literal(node.moduleReference.expression);
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) literal(node.argument.literal);
    else if (ts.isCallExpression(node)) {
      const callee = node.expression;
      const first = node.arguments[0];
      if (callee.kind === ts.SyntaxKind.ImportKeyword) literal(first);
      else if (ts.isIdentifier(callee) && callee.text === 'require') literal(first);
      else if (
        ts.isPropertyAccessExpression(callee) &&
        ts.isIdentifier(callee.expression) &&
        callee.expression.text === 'vi' &&
        mockFunctions.has(callee.name.text)
      )
        literal(first);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return specifiers;
}

/** The folder of the nearest package.json at or above `directory`, stopping at `root`. */
export function workspaceFolder(directory: string, root: string): string {
  let current = directory;
  while (current.startsWith(root)) {
    if (existsSync(path.join(current, 'package.json'))) return current;
    const parent = path.dirname(current);
    if (parent === current) break;
    current = parent;
  }
  return root;
}

/** The package name a bare specifier names: `@scope/name` or `name`. */
export function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
}

interface Manifest {
  readonly name?: string;
  readonly dependencies?: Record<string, string>;
  readonly devDependencies?: Record<string, string>;
  readonly peerDependencies?: Record<string, string>;
  readonly optionalDependencies?: Record<string, string>;
}

/**
 * Checks the imports of `files` (paths relative to `root`).
 *
 * Relative specifiers must resolve inside the file's workspace folder and not into a
 * workspace nested in it. Bare specifiers that
 * name a workspace package (one of `workspaceNames`) must be the workspace itself or a
 * dependency its package.json declares. Other bare specifiers (npm packages, `node:`) are
 * left to the type checker and the package checks.
 *
 * @param root - the repository root (absolute).
 * @param files - the files to check, relative to `root`.
 * @param workspaceNames - the names of the repository's workspace packages.
 * @returns every violation, in file order.
 * @example
 * ```ts
 * checkImportBoundaries('/repo', ['packages/a/src/index.ts'], new Set(['@lrkit/a'])); // []
 * ```
 */
export function checkImportBoundaries(root: string, files: readonly string[], workspaceNames: ReadonlySet<string>): BoundaryViolation[] {
  const manifests = new Map<string, Manifest>();
  const manifest = (folder: string): Manifest => {
    let cached = manifests.get(folder);
    if (cached === undefined) {
      const file = path.join(folder, 'package.json');
      cached = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Manifest) : {};
      manifests.set(folder, cached);
    }
    return cached;
  };
  const violations: BoundaryViolation[] = [];
  for (const file of files) {
    if (!sourceFilePattern.test(file)) continue;
    const absolute = path.join(root, file);
    const folder = workspaceFolder(path.dirname(absolute), root);
    const owner = manifest(folder);
    for (const specifier of importSpecifiers(file, readFileSync(absolute, 'utf8'))) {
      if (specifier.startsWith('.') || specifier.startsWith('/')) {
        const target = path.resolve(path.dirname(absolute), specifier);
        const inside = target === folder || target.startsWith(`${folder}${path.sep}`);
        const targetFolder = inside ? workspaceFolder(path.dirname(target), root) : undefined;
        if (targetFolder !== folder) {
          const where = path.relative(root, folder) || 'the repository root';
          const into = targetFolder === undefined ? '' : ` into ${path.relative(root, targetFolder)}`;
          violations.push({ file, specifier, reason: `leaves its package folder (${where})${into}; import a declared workspace package instead` });
        }
        continue;
      }
      const name = packageName(specifier);
      if (!workspaceNames.has(name) || name === owner.name) continue;
      const declared = [owner.dependencies, owner.devDependencies, owner.peerDependencies, owner.optionalDependencies].some(
        (dependencies) => dependencies?.[name] !== undefined,
      );
      if (!declared) {
        const where = path.relative(root, path.join(folder, 'package.json'));
        violations.push({ file, specifier, reason: `imports workspace package ${name}, which ${where} does not declare` });
      }
    }
  }
  return violations;
}
