// Declarations the lowering of a program looks up again and again, found once.
//
// Lowering asks for a runtime module's function at every runtime call site, for a class's
// method at every method call, and for the module of every function it emits. ts-morph answers
// each by wrapping every statement or member of the file or class (getFunction,
// getInstanceMethods …): a tenth of lowering after an edit went there. These maps give the same
// node objects (ts-morph keeps one wrapper per node), so what lowering keys by node is unchanged.
// They live for one lowering (lower-program.ts): the files do not change during it.

import { ClassDeclaration, FunctionDeclaration, GetAccessorDeclaration, MethodDeclaration, Node, SetAccessorDeclaration, SourceFile } from 'ts-morph';
import { memberKey } from './classes';
import { LoadedProgram } from './project';

export type InstanceMember = MethodDeclaration | GetAccessorDeclaration | SetAccessorDeclaration;

export class ProgramLookups {
  private modules: Map<string, SourceFile> | undefined;
  private readonly functions = new Map<string, FunctionDeclaration | undefined>();
  private readonly members = new Map<ClassDeclaration, Map<string, InstanceMember>>();

  constructor(private readonly program: LoadedProgram) {}

  /** The (first) loaded module named `name` (runtime/js/array.ts). */
  moduleFile(name: string): SourceFile | undefined {
    if (!this.modules) {
      this.modules = new Map();
      for (const f of this.program.files) if (!this.modules.has(this.program.moduleName(f))) this.modules.set(this.program.moduleName(f), f);
    }
    return this.modules.get(name);
  }

  /** The function `name` of the loaded module `file`, as `getFunction` finds it. */
  moduleFunction(file: string, name: string): FunctionDeclaration | undefined {
    const key = `${file}:${name}`;
    if (!this.functions.has(key)) this.functions.set(key, this.moduleFile(file)?.getFunction(name));
    return this.functions.get(key);
  }

  /** The instance method or accessor `key` (`m`, `get x`, `set x`) that `decl` itself
   *  declares: the first in the order methods, getters, setters. */
  instanceMember(decl: ClassDeclaration, key: string): InstanceMember | undefined {
    let members = this.members.get(decl);
    if (!members) {
      members = new Map();
      for (const x of [...decl.getInstanceMethods(), ...decl.getGetAccessors(), ...decl.getSetAccessors()]) {
        if (x.isStatic()) continue;
        const k = memberKey(x);
        if (!members.has(k)) members.set(k, x);
      }
      this.members.set(decl, members);
    }
    return members.get(key);
  }
}

/** Which declarations closures capture (program-closures.ts isCaptured), per function of the
 *  OS library, kept between the compiles of one watch (program-session.ts). The set is a
 *  function of the file's text alone: a captured declaration is a local of a function around
 *  the closure, in the same file, which no other declaration can shadow. Entries of a file are
 *  used only while its text is the one they were found in (ts-morph keeps wrappers across an
 *  edit of their file, so the node alone would not say). */
export class KeptCaptures {
  private readonly byFile = new Map<SourceFile, { text: string; sets: Map<Node, Set<Node>> }>();

  /** The kept sets of the program's library files whose text is unchanged. */
  seed(program: LoadedProgram): Map<Node, Set<Node>> {
    const out = new Map<Node, Set<Node>>();
    for (const f of program.files) {
      const kept = this.byFile.get(f);
      if (kept && kept.text === f.getFullText()) for (const [owner, set] of kept.sets) out.set(owner, set);
    }
    return out;
  }

  /** Keeps the sets of library functions (and module top levels) found by a lowering. */
  keep(program: LoadedProgram, found: Map<Node, Set<Node>>): void {
    this.byFile.clear();
    for (const [owner, set] of found) {
      const f = owner.getSourceFile();
      if (!program.isLibrary(f)) continue;
      let kept = this.byFile.get(f);
      if (!kept) this.byFile.set(f, (kept = { text: f.getFullText(), sets: new Map() }));
      kept.sets.set(owner, set);
    }
  }
}
