// The TypeScript language-service plugin: the editor shows the subset's TSK1xxx errors while
// the service is written, with the same messages and positions `tsuk compile` prints.
//
// A project made by `tsuk init` lists it in tsconfig.json (`"plugins": [{ "name": "tsuk" }]`;
// tsserver loads plugins by package name, so this is the package's `main`). TypeScript's own
// errors need no plugin: that tsconfig type-checks against tsuk's typings. The plugin wraps the
// editor's language service and appends, to each file's semantic diagnostics, what the
// compiler's own subset checker (compiler/frontend/subset.ts, through plugin/language-service.ts)
// reports for the editor's current text of that file.
//
// The `typescript` module is the editor's, handed over by tsserver: it is imported here for
// types only, so the installed package does not depend on it.

import type * as ts from 'typescript';
import { withSubsetDiagnostics } from './language-service';

function init(modules: { typescript: typeof ts }): ts.server.PluginModule {
  const tsm = modules.typescript;
  return {
    create(info: ts.server.PluginCreateInfo): ts.LanguageService {
      return withSubsetDiagnostics(tsm, info.languageService, (m) => info.project.projectService.logger.info(`tsuk plugin: ${m}`));
    },
  };
}

export = init;
