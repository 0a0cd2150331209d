/**
 * Test helper: what @hubspot/ui-extensions itself says about its components, read from the installed package. The
 * remote component names come from its component registry (`remoteComponents.synced.js`, the names a card sends
 * over remote-ui); the documented props of each come from its type definitions, read with the TypeScript compiler.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import ts from 'typescript';

const requireHere = createRequire(__filename);

/** The installed package's dist folder. */
export function uiExtensionsDist(): string {
  return path.dirname(requireHere.resolve('@hubspot/ui-extensions'));
}

/** Every remote component name the package registers (`'Button'`, `'DropdownButtonItem'`, `'CrmStageTracker'`…). */
export function remoteComponentNames(): string[] {
  const source = fs.readFileSync(path.join(uiExtensionsDist(), 'shared.synced', 'remoteComponents.synced.js'), 'utf8');
  return [...source.matchAll(/createAndRegisterRemote(?:Compound)?ReactComponent\('([A-Za-z0-9]+)'/g)].map((m) => m[1] as string).sort();
}

const IMPLICIT = new Set(['children', 'testId']);

/**
 * The props each component's type documents (without `children` and `testId`), by remote name. A compound
 * component's parts are named like their remote names (`Dropdown.ButtonItem` → `DropdownButtonItem`); compound
 * components typed with unknown props are read from their `<Name>Props` interface.
 */
export function documentedProps(): Map<string, string[]> {
  const file = path.join(uiExtensionsDist(), 'shared.synced', 'remoteComponents.synced.d.ts');
  const program = ts.createProgram([file], {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    jsx: ts.JsxEmit.ReactJSX,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    allowImportingTsExtensions: true,
  });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(file);
  const moduleSymbol = source && checker.getSymbolAtLocation(source);
  if (!moduleSymbol) throw new Error(`cannot read ${file}`);

  /** Interfaces the package declares, by name (for compound components typed with unknown props). */
  const interfaces = new Map<string, ts.Type>();
  for (const sf of program.getSourceFiles()) {
    if (!sf.fileName.includes('@hubspot/ui-extensions')) continue;
    ts.forEachChild(sf, (node) => {
      if (ts.isInterfaceDeclaration(node)) {
        const sym = checker.getSymbolAtLocation(node.name);
        if (sym) interfaces.set(node.name.text, checker.getDeclaredTypeOfSymbol(sym));
      }
    });
  }

  const propsTypeOf = (type: ts.Type): ts.Type | null => {
    for (const t of type.isUnion() || type.isIntersection() ? [type, ...type.types] : [type]) {
      const sig = t.getCallSignatures()[0];
      const param = sig?.getParameters()[0];
      if (param) return checker.getTypeOfSymbol(param);
    }
    return null;
  };
  const namesOf = (type: ts.Type): string[] => {
    const members = type.isUnion() ? type.types : [type];
    return [...new Set(members.flatMap((m) => checker.getPropertiesOfType(m).map((p) => p.name)))].filter((n) => !IMPLICIT.has(n)).sort();
  };
  const isUnknown = (type: ts.Type) => checker.getPropertiesOfType(type).length === 0 && checker.getIndexInfosOfType(type).length > 0;

  const out = new Map<string, string[]>();
  const read = (remoteName: string, type: ts.Type) => {
    const props = propsTypeOf(type);
    if (!props) return;
    const named = interfaces.get(`${remoteName}Props`);
    out.set(remoteName, isUnknown(props) && named ? namesOf(named) : namesOf(props));
  };
  for (const exp of checker.getExportsOfModule(moduleSymbol)) {
    const type = checker.getTypeOfSymbol(exp);
    read(exp.name, type);
    for (const part of checker.getPropertiesOfType(type)) {
      if (/^[A-Z]/.test(part.name)) read(`${exp.name}${part.name}`, checker.getTypeOfSymbol(part));
    }
  }
  return out;
}
