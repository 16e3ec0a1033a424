// TypeDoc plugin: every exported function and class must carry an `@example` block in its
// TSDoc (a function: on at least one signature). Each miss is a warning, so
// `--treatWarningsAsErrors` (set in typedoc.json) fails `pnpm docs:api`.
import { Application, ReflectionKind } from 'typedoc';

/** @param {import('typedoc').Application} app */
export function load(app) {
  app.on(Application.EVENT_VALIDATE_PROJECT, (project) => {
    const reflections = project.getReflectionsByKind(ReflectionKind.Function | ReflectionKind.Class);
    for (const reflection of reflections) {
      const comments = reflection.kindOf(ReflectionKind.Function) ? (reflection.signatures ?? []).map((signature) => signature.comment) : [reflection.comment];
      const hasExample = comments.some((comment) => comment?.getTag('@example') !== undefined);
      if (!hasExample) {
        const kind = ReflectionKind.singularString(reflection.kind);
        app.logger.warn(`${reflection.getFriendlyFullName()} (${kind}) has no @example in its TSDoc`);
      }
    }
  });
}
