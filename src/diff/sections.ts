// The diff as titled sections of rows, in reading order (possible tampering first, resolved items
// last). render-table.ts and render-markdown.ts only format these.
import type { BomDiff, ComponentSummary, ServiceSummary, VulnSummary } from './types.js';

export type Marker = '!' | '+' | '-' | '~';

export interface Section {
  title: string;
  marker: Marker;
  columns: string[];
  rows: string[][];
  /** a sentence shown under the title */
  note?: string;
}

const short = (sha?: string) => (sha ? sha.split(',').map((s) => s.slice(0, 12)).join(',') : '');
const list = (xs: string[] | undefined) => (xs && xs.length ? xs.join(', ') : '');
const where = (paths: string[]) => (paths.length > 1 ? `${paths[0]} (+${paths.length - 1})` : paths[0] ?? '');

function modelRows(xs: ComponentSummary[]): string[][] {
  return xs.map((c) => [c.name, c.format ?? c.type, list(c.licenses), short(c.sha256), where(c.paths)]);
}
function libRows(xs: ComponentSummary[]): string[][] {
  return xs.map((c) => [c.name, c.version ?? '', c.purl ?? '', where(c.paths)]);
}
function serviceRows(xs: ServiceSummary[]): string[][] {
  return xs.map((s) => [s.name, s.provider ?? '', list(s.endpoints), list(s.models)]);
}
function vulnRows(xs: VulnSummary[]): string[][] {
  return xs.map((v) => [v.severity ?? '', v.id, v.title ?? '', list(v.affects), v.location ?? '']);
}

const MODEL_COLS = ['name', 'format', 'licenses', 'sha256', 'path'];
const LIB_COLS = ['name', 'version', 'purl', 'path'];
const SERVICE_COLS = ['service', 'provider', 'endpoints', 'models'];
const VULN_COLS = ['severity', 'id', 'title', 'affects', 'location'];

export function diffSections(d: BomDiff): Section[] {
  const s: Section[] = [
    {
      title: 'Content changed at the same path (possible tampering)', marker: '!',
      note: 'The same file now has a different SHA-256. Expected after a deliberate model update; otherwise investigate.',
      columns: ['path', 'name', 'type', 'old sha256', 'new sha256'],
      rows: d.hashChanges.map((h) => [h.path, h.name, h.type, short(h.oldSha256), short(h.newSha256)]),
    },
    { title: 'New vulnerabilities and findings', marker: '+', columns: VULN_COLS, rows: vulnRows(d.vulnerabilities.added) },
    { title: 'Models added', marker: '+', columns: MODEL_COLS, rows: modelRows(d.models.added) },
    { title: 'Models removed', marker: '-', columns: MODEL_COLS, rows: modelRows(d.models.removed) },
    { title: 'AI providers / services added', marker: '+', columns: SERVICE_COLS, rows: serviceRows(d.services.added) },
    { title: 'AI providers / services removed', marker: '-', columns: SERVICE_COLS, rows: serviceRows(d.services.removed) },
    { title: 'Endpoints added', marker: '+', columns: ['endpoint', 'service'], rows: d.endpoints.added.map((e) => [e.url, e.service]) },
    { title: 'Endpoints removed', marker: '-', columns: ['endpoint', 'service'], rows: d.endpoints.removed.map((e) => [e.url, e.service]) },
    {
      title: 'License changes', marker: '~', columns: ['name', 'type', 'old', 'new'],
      rows: d.licenses.changed.map((c) => [c.name, c.type, list(c.old) || '(none)', list(c.new) || '(none)']),
    },
    {
      title: 'Library version changes', marker: '~', columns: ['name', 'old', 'new', 'purl'],
      rows: d.libraries.versionChanged.map((v) => [v.name, v.oldVersion ?? '', v.newVersion ?? '', v.purl ?? '']),
    },
    { title: 'Libraries added', marker: '+', columns: LIB_COLS, rows: libRows(d.libraries.added) },
    { title: 'Libraries removed', marker: '-', columns: LIB_COLS, rows: libRows(d.libraries.removed) },
    { title: 'Datasets added', marker: '+', columns: MODEL_COLS, rows: modelRows(d.datasets.added) },
    { title: 'Datasets removed', marker: '-', columns: MODEL_COLS, rows: modelRows(d.datasets.removed) },
    { title: 'Other components added', marker: '+', columns: MODEL_COLS, rows: modelRows(d.otherComponents.added) },
    { title: 'Other components removed', marker: '-', columns: MODEL_COLS, rows: modelRows(d.otherComponents.removed) },
    { title: 'Resolved vulnerabilities and findings', marker: '-', columns: VULN_COLS, rows: vulnRows(d.vulnerabilities.resolved) },
  ];
  return s.filter((x) => x.rows.length > 0);
}

/** one line: "2 hash changes, 1 new model, ..." */
export function diffHeadline(d: BomDiff): string {
  const parts: [number, string, string][] = [
    [d.hashChanges.length, 'hash change', 'hash changes'],
    [d.vulnerabilities.added.length, 'new vulnerability', 'new vulnerabilities'],
    [d.models.added.length, 'model added', 'models added'],
    [d.models.removed.length, 'model removed', 'models removed'],
    [d.services.added.length, 'provider added', 'providers added'],
    [d.endpoints.added.length, 'endpoint added', 'endpoints added'],
    [d.licenses.changed.length, 'license change', 'license changes'],
    [d.libraries.versionChanged.length, 'library version change', 'library version changes'],
    [d.libraries.added.length, 'library added', 'libraries added'],
    [d.vulnerabilities.resolved.length, 'resolved vulnerability', 'resolved vulnerabilities'],
  ];
  const shown = parts.filter(([n]) => n > 0).map(([n, one, many]) => `${n} ${n === 1 ? one : many}`);
  return shown.length ? shown.join(', ') : 'no differences in models, providers, endpoints, vulnerabilities, licenses or libraries';
}
