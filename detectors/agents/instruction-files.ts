// Which files are agent instruction files or prompt files (detectors/agents/instruction-files.yml).
import { isObj, loadData, objList, reqStr, strList } from './data.js';
import { globHints, globLiterals, mayMatch } from '../../src/util/glob-literals.js';

export interface InstructionFileKind {
  role: 'agent-instructions' | 'prompt';
  client: string;
}

interface Entry extends InstructionFileKind {
  match: RegExp[];
}

let table: { entries: Entry[]; exclude: RegExp[]; any: RegExp; literals?: string[] } | undefined;

/** A glob matched at a folder boundary at the end of the path; `**\/` spans folders, `*` one segment. */
export function globRegExp(glob: string): RegExp {
  let body = '';
  for (let i = 0; i < glob.length; i++) {
    if (glob.startsWith('**/', i)) {
      body += '(?:[^/]+/)*';
      i += 2;
    } else if (glob[i] === '*') body += '[^/]*';
    else body += glob[i].replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`(?:^|/)${body}$`);
}

function load(): { entries: Entry[]; exclude: RegExp[]; any: RegExp; literals?: string[] } {
  if (table) return table;
  const doc = loadData('agents', 'instruction-files.yml');
  const root = isObj(doc) ? doc : {};
  const entries = objList(root.files, 'instruction-files.yml files').map((o): Entry => {
    const role = reqStr(o, 'role', 'instruction file');
    if (role !== 'agent-instructions' && role !== 'prompt') throw new Error(`aibom data: instruction-files.yml: bad role ${role}`);
    return { role, client: reqStr(o, 'client', role), match: strList(o.match).map(globRegExp) };
  });
  // one combined pattern rejects the vast majority of paths in a single pass (wants() runs on every file)
  const any = new RegExp(entries.flatMap((e) => e.match.map((r) => `(?:${r.source})`)).join('|'));
  const globs = objList(root.files, 'instruction-files.yml files').flatMap((o) => strList(o.match));
  table = { entries, exclude: strList(root.exclude).map(globRegExp), any, literals: globLiterals(globs) };
  return table;
}

/** Selection hints covering every instruction/prompt file glob (see Detector.folders). */
export function instructionFileHints(): ReturnType<typeof globHints> {
  const doc = loadData('agents', 'instruction-files.yml');
  return globHints(objList(isObj(doc) ? doc.files : undefined, 'instruction-files.yml files').flatMap((o) => strList(o.match)));
}

let lastPath: string | undefined;
let lastKind: InstructionFileKind | undefined;

export function instructionFileKind(path: string): InstructionFileKind | undefined {
  if (path === lastPath) return lastKind;
  lastPath = path;
  lastKind = kindOf(path);
  return lastKind;
}

function kindOf(path: string): InstructionFileKind | undefined {
  const t = load();
  if (!mayMatch(path, t.literals) || !t.any.test(path)) return undefined;
  if (t.exclude.some((r) => r.test(path))) return undefined;
  const e = t.entries.find((x) => x.match.some((r) => r.test(path)));
  return e ? { role: e.role, client: e.client } : undefined;
}
