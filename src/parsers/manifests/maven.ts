// pom.xml <dependency> entries with ${property} resolution. Regex-based over comment-free XML: no entity
// expansion, no external DTDs, nothing fetched (parent POMs and BOMs are not resolved).
import { lineAt } from './lines.js';
import type { ManifestDep, ManifestResult } from './types.js';

function tag(block: string, name: string): string | undefined {
  const m = new RegExp(`<${name}>\\s*([^<]*?)\\s*</${name}>`).exec(block);
  return m ? m[1] : undefined;
}

export function parsePom(text: string): ManifestResult {
  const xml = text.replace(/<!--[\s\S]*?-->/g, (c) => c.replace(/[^\n]/g, ' '));
  const props = new Map<string, string>();
  const propsBlock = /<properties>([\s\S]*?)<\/properties>/.exec(xml);
  if (propsBlock) for (const m of propsBlock[1].matchAll(/<([\w.-]+)>\s*([^<]*?)\s*<\/\1>/g)) props.set(m[1], m[2]);
  const noDeps = xml.replace(/<(dependencies|dependencyManagement|build|profiles|parent)>[\s\S]*?<\/\1>/g, '');
  const projectVersion = tag(noDeps, 'version');
  if (projectVersion) props.set('project.version', projectVersion);
  const resolve = (v: string | undefined): string | undefined =>
    v?.replace(/\$\{([\w.-]+)\}/g, (all, k: string) => props.get(k) ?? all);
  const deps: ManifestDep[] = [];
  const warnings: string[] = [];
  const managedStart = xml.indexOf('<dependencyManagement>');
  const managedEnd = xml.indexOf('</dependencyManagement>');
  for (const m of xml.matchAll(/<dependency>([\s\S]*?)<\/dependency>/g)) {
    const block = m[1];
    const group = resolve(tag(block, 'groupId'));
    const artifact = resolve(tag(block, 'artifactId'));
    if (!group || !artifact) {
      warnings.push(`line ${lineAt(xml, m.index)}: <dependency> without groupId/artifactId`);
      continue;
    }
    const v = resolve(tag(block, 'version'));
    const exact = v && !/[[\](),]|\$\{/.test(v) ? v : undefined;
    const at = m.index;
    const managed = managedStart >= 0 && at > managedStart && at < managedEnd;
    const scope = tag(block, 'scope') ?? (managed ? 'managed' : undefined);
    deps.push({ ecosystem: 'Maven', name: `${group}:${artifact}`, line: lineAt(xml, at), scope, ...(exact ? { version: exact } : { spec: v }) });
  }
  return { deps, warnings, lock: false };
}
