// pnpm hooks for this workspace.
//
// beforePacking (pnpm >= 10.28; used by `pnpm pack` and `pnpm publish`, so by
// `changeset publish` too): the `source` export condition points at `./src/*.ts` for
// development inside the workspace (vitest, tsx, typecheck without a build). `src/` is not
// published, so the condition is removed from the published package.json: a consumer whose
// bundler enables a `source` condition must not resolve to a file that is not there.
'use strict';

function withoutSourceCondition(value) {
  if (Array.isArray(value)) return value.map(withoutSourceCondition);
  if (value === null || typeof value !== 'object') return value;
  const result = {};
  for (const [key, entry] of Object.entries(value)) {
    if (key === 'source') continue;
    result[key] = withoutSourceCondition(entry);
  }
  return result;
}

module.exports = {
  hooks: {
    beforePacking(pkg) {
      if (pkg.exports !== undefined) pkg.exports = withoutSourceCondition(pkg.exports);
      return pkg;
    },
  },
};
