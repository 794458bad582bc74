// Archives (.tar, .tar.gz/.tgz, .nemo, .zip ...) are walked as virtual folders: members are streamed,
// never extracted, never joined onto the real filesystem. Unsafe member paths and links are findings;
// member count, total bytes and nesting depth are capped so a bomb ends as a warning.
import { createHash } from 'node:crypto';
import type { ReadEntry } from 'tar';
import type { FileRef, ScanFile } from '../detect/types.js';
import { extOf, memoryFile } from '../detect/memory-file.js';
import type { Finding, ScanWarning } from '../inventory/types.js';
import { listZip, readZipEntry, zipSource } from '../parsers/zip.js';
import {
  archiveKindByMagic,
  archiveKindByName,
  memberPathProblem,
  normaliseMemberName,
  type ArchiveLimits,
} from './archive-policy.js';

export interface MemberSink {
  /** true when any detector wants the member (the archive walker then buffers it) */
  wants(ref: FileRef): boolean;
  member(file: ScanFile, note?: string): Promise<void>;
  finding(f: Finding): void;
  warning(w: ScanWarning): void;
}

const HEAD_KEEP = 1 << 20;
const SIBLING_KEEP = 1 << 20;

class Budget {
  members = 0;
  bytes = 0;
  stopped?: string;
  constructor(readonly limits: ArchiveLimits) {}
  addMember(): boolean {
    if (++this.members > this.limits.maxMembers) this.stopped ??= `more than ${this.limits.maxMembers} members`;
    return !this.stopped;
  }
  addBytes(n: number): boolean {
    this.bytes += n;
    if (this.bytes > this.limits.maxTotalBytes) this.stopped ??= `more than ${this.limits.maxTotalBytes} uncompressed bytes`;
    return !this.stopped;
  }
}

function unsafeFinding(archive: string, member: string, why: string, severity: 'high' | 'medium'): Finding {
  return {
    ruleId: why.startsWith('link') ? 'AIBOM-ARCHIVE-LINK' : 'AIBOM-ARCHIVE-PATH-TRAVERSAL',
    severity,
    category: 'archive',
    title: `Archive member ${JSON.stringify(member)} is unsafe: ${why}`,
    message: `The archive ${archive} contains the member ${JSON.stringify(member)} (${why}). Extracting it with a naive tool can write outside the target folder or follow a link to another file.`,
    location: { path: archive },
    subject: `file:${archive}`,
    recommendation: 'Do not extract this archive with tools that follow member paths; rebuild it without absolute, ".." or link members.',
  };
}

function memberRef(archive: string, name: string, size: number): FileRef {
  const norm = normaliseMemberName(name);
  const base = norm.slice(norm.lastIndexOf('/') + 1);
  return { path: `${archive}!/${norm}`, name: base, ext: extOf(base), size, archive };
}

export async function expandArchive(
  file: ScanFile,
  depth: number,
  limits: ArchiveLimits,
  sink: MemberSink,
): Promise<void> {
  const kind = archiveKindByMagic(await file.head(512)) ?? archiveKindByName(file);
  const budget = new Budget(limits);
  try {
    if (kind === 'zip') await expandZip(file, depth, budget, sink);
    else if (kind === 'tar') await expandTar(file, depth, budget, sink);
    else sink.warning({ path: file.path, message: 'not a readable archive (neither zip nor tar): skipped' });
  } catch (e) {
    sink.warning({ path: file.path, message: `archive could not be read completely: ${(e as Error).message}` });
  }
  if (budget.stopped) sink.warning({ path: file.path, message: `archive walk stopped: ${budget.stopped}` });
}

/** the small members read so far (their detectors may look at them as siblings), by folder: one record per
 *  folder, shared by its members (a member's detectors run before the next member is read, so it holds what
 *  was read before it). Indexed by folder: 16 000 small members no longer take quadratic time. */
class Siblings {
  readonly #byDir = new Map<string, Record<string, Buffer>>();

  add(path: string, data: Buffer): void {
    const cut = path.lastIndexOf('/') + 1;
    const dir = path.slice(0, cut);
    let rec = this.#byDir.get(dir);
    if (!rec) this.#byDir.set(dir, (rec = {}));
    rec[path.slice(cut)] = data;
  }

  /** the record of the folder that holds `path` */
  of(path: string): Record<string, Buffer> {
    return this.#byDir.get(path.slice(0, path.lastIndexOf('/') + 1)) ?? {};
  }
}

async function handleMember(
  ref: FileRef,
  data: Buffer,
  complete: boolean,
  digest: string | undefined,
  siblings: Siblings,
  depth: number,
  budget: Budget,
  sink: MemberSink,
): Promise<void> {
  const mem = memoryFile(ref.path, data, { archive: ref.archive, siblings: siblings.of(ref.path) });
  const f: ScanFile = complete ? mem : { ...mem, size: ref.size, sha256: async () => digest ?? '' };
  if (complete && archiveKindByName(ref) && depth + 1 <= budget.limits.maxDepth) {
    await expandArchive(f, depth + 1, budget.limits, sink);
  } else if (archiveKindByName(ref) && complete) {
    sink.warning({ path: ref.path, message: `nested archive deeper than ${budget.limits.maxDepth} levels: not opened` });
  }
  const note = complete ? undefined : `archive member larger than ${budget.limits.maxMemberBytes} bytes: hashed in full, metadata read from its first ${HEAD_KEEP} bytes only`;
  await sink.member(f, note);
}

async function expandZip(file: ScanFile, depth: number, budget: Budget, sink: MemberSink): Promise<void> {
  const src = zipSource(file);
  const { entries, warnings } = await listZip(src, { maxEntries: budget.limits.maxMembers + 1 });
  for (const w of warnings) sink.warning({ path: file.path, message: w });
  const siblings = new Siblings();
  for (const e of entries) {
    if (e.isDirectory) continue;
    if (!budget.addMember()) break;
    const problem = memberPathProblem(e.name);
    if (problem) sink.finding(unsafeFinding(file.path, e.name, problem, 'high'));
    if (e.isSymlink) {
      sink.finding(unsafeFinding(file.path, e.name, 'link member (symlink)', 'medium'));
      continue;
    }
    const ref = memberRef(file.path, e.name, e.uncompressedSize);
    const wanted = sink.wants(ref) || archiveKindByName(ref) !== undefined;
    const small = e.uncompressedSize <= SIBLING_KEEP && /\.(json|md|ya?ml|txt|jinja)$/i.test(ref.name);
    if (!wanted && !small) continue;
    if (e.encrypted) {
      sink.warning({ path: ref.path, message: 'encrypted archive member: not read' });
      continue;
    }
    const hash = createHash('sha256');
    const chunks: Buffer[] = [];
    let kept = 0;
    let total = 0;
    let complete = true;
    try {
      for await (const chunk of readZipEntry(src, e, { maxBytes: budget.limits.maxTotalBytes - budget.bytes })) {
        hash.update(chunk);
        total += chunk.length;
        if (!budget.addBytes(chunk.length)) throw new Error(budget.stopped);
        const limit = total <= budget.limits.maxMemberBytes ? budget.limits.maxMemberBytes : HEAD_KEEP;
        if (total > budget.limits.maxMemberBytes && complete) {
          complete = false;
          // keep only the head once the member is known to be too large
          const head = Buffer.concat(chunks).subarray(0, HEAD_KEEP);
          chunks.length = 0;
          chunks.push(head);
          kept = head.length;
        }
        if (kept < limit) {
          const part = chunk.subarray(0, limit - kept);
          chunks.push(part);
          kept += part.length;
        }
      }
    } catch (err) {
      sink.warning({ path: ref.path, message: `member could not be read: ${(err as Error).message}` });
      if (budget.stopped) break;
      continue;
    }
    const data = Buffer.concat(chunks);
    if (small && complete) siblings.add(ref.path, data);
    if (!wanted) continue;
    await handleMember({ ...ref, size: total }, data, complete, hash.digest('hex'), siblings, depth, budget, sink);
  }
}

async function expandTar(file: ScanFile, depth: number, budget: Budget, sink: MemberSink): Promise<void> {
  // the tar library is loaded on the first tar archive
  const { Parser } = await import('tar');
  const parser = new Parser({ strict: false });
  const ready: { ref: FileRef; data: Buffer; complete: boolean; digest: string }[] = [];
  const siblings = new Siblings();
  let fatal: string | undefined;
  parser.on('warn', (_code: string, message: string | Error) => {
    sink.warning({ path: file.path, message: `tar: ${typeof message === 'string' ? message : message.message}` });
  });
  parser.on('error', (e: Error) => {
    fatal = e.message;
  });
  parser.on('entry', (entry: ReadEntry) => {
    const name = entry.path;
    if (entry.type === 'Directory' || budget.stopped) return void entry.resume();
    if (!budget.addMember()) return void entry.resume();
    const problem = memberPathProblem(name);
    if (problem) sink.finding(unsafeFinding(file.path, name, problem, 'high'));
    if (entry.type === 'SymbolicLink' || entry.type === 'Link') {
      sink.finding(unsafeFinding(file.path, name, `link member (${entry.type === 'Link' ? 'hard link' : 'symlink'} to ${JSON.stringify(entry.linkpath ?? '')})`, 'medium'));
      return void entry.resume();
    }
    const size = entry.size ?? 0;
    const ref = memberRef(file.path, name, size);
    const wanted = sink.wants(ref) || archiveKindByName(ref) !== undefined;
    const small = size <= SIBLING_KEEP && /\.(json|md|ya?ml|txt|jinja)$/i.test(ref.name);
    if (!wanted && !small) {
      entry.on('data', (c: Buffer) => void budget.addBytes(c.length));
      return void entry.resume();
    }
    const hash = createHash('sha256');
    const chunks: Buffer[] = [];
    let kept = 0;
    const cap = size <= budget.limits.maxMemberBytes ? budget.limits.maxMemberBytes : HEAD_KEEP;
    entry.on('data', (c: Buffer) => {
      budget.addBytes(c.length);
      hash.update(c);
      if (kept < cap) {
        const part = c.subarray(0, cap - kept);
        chunks.push(part);
        kept += part.length;
      }
    });
    entry.on('end', () => {
      const data = Buffer.concat(chunks);
      const complete = size <= budget.limits.maxMemberBytes;
      if (small && complete) siblings.add(ref.path, data);
      if (wanted) ready.push({ ref, data, complete, digest: hash.digest('hex') });
    });
  });
  for await (const chunk of file.stream()) {
    parser.write(chunk);
    while (ready.length > 0) {
      const m = ready.shift()!;
      await handleMember(m.ref, m.data, m.complete, m.digest, siblings, depth, budget, sink);
    }
    if (budget.stopped || fatal) break;
  }
  parser.end();
  for (const m of ready.splice(0)) await handleMember(m.ref, m.data, m.complete, m.digest, siblings, depth, budget, sink);
  if (fatal) sink.warning({ path: file.path, message: `tar: ${fatal}` });
}
