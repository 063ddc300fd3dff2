// A TypeScript LanguageService over a project folder, with the plugins its tsconfig.json lists
// applied the way tsserver applies them (resolved by package name from the project folder,
// `init({ typescript }).create(info)`), so tests see what an editor would.

import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import { formatDiagnostic } from '../../compiler/frontend/diagnostics';

export interface EditorProject {
  service: ts.LanguageService;
  /** Replaces a file's text as an editor buffer would (not written to disk). */
  edit(file: string, text: string): void;
}

export function editorProject(dir: string, typescript: typeof ts = ts): EditorProject {
  const config = typescript.getParsedCommandLineOfConfigFile(path.join(dir, 'tsconfig.json'), {}, {
    ...typescript.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(typescript.flattenDiagnosticMessageText(d.messageText, '\n'));
    },
  });
  if (!config) throw new Error(`${dir}/tsconfig.json: cannot parse`);
  const buffers = new Map<string, { text: string; version: number }>();
  const host: ts.LanguageServiceHost = {
    getCompilationSettings: () => config.options,
    getScriptFileNames: () => [...new Set([...config.fileNames, ...buffers.keys()])],
    getScriptVersion: (f) => String(buffers.get(f)?.version ?? 0),
    getScriptSnapshot: (f) => {
      const text = buffers.get(f)?.text ?? (fs.existsSync(f) ? fs.readFileSync(f, 'utf8') : undefined);
      return text === undefined ? undefined : typescript.ScriptSnapshot.fromString(text);
    },
    getCurrentDirectory: () => dir,
    getDefaultLibFileName: (o) => typescript.getDefaultLibFilePath(o),
    fileExists: typescript.sys.fileExists,
    readFile: typescript.sys.readFile,
    readDirectory: typescript.sys.readDirectory,
    directoryExists: typescript.sys.directoryExists,
    getDirectories: typescript.sys.getDirectories,
    realpath: typescript.sys.realpath,
  };
  let service = typescript.createLanguageService(host);
  const plugins = (config.options.plugins ?? []) as unknown as { name: string }[];
  for (const p of plugins) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const init = require(require.resolve(p.name, { paths: [dir] })) as (m: { typescript: typeof ts }) => ts.server.PluginModule;
    const info = { languageService: service, project: { projectService: { logger: { info: () => undefined } } }, config: p } as unknown as ts.server.PluginCreateInfo;
    service = init({ typescript }).create(info);
  }
  return {
    service,
    edit(file, text) {
      const f = path.resolve(dir, file);
      buffers.set(f, { text, version: (buffers.get(f)?.version ?? 0) + 1 });
    },
  };
}

/** The diagnostics the plugin added (source 'tsuk'), printed as `tsuk compile` prints them. */
export function tsukDiagnostics(service: ts.LanguageService, file: string, cwd: string): string[] {
  return service
    .getSemanticDiagnostics(file)
    .filter((d) => d.source === 'tsuk')
    .map((d) => {
      const { line, character } = d.file!.getLineAndCharacterOfPosition(d.start!);
      const message = typeof d.messageText === 'string' ? d.messageText : d.messageText.messageText;
      return formatDiagnostic({ file: d.file!.fileName, line: line + 1, col: character + 1, code: d.code, message }, cwd);
    });
}
