// CycloneDX XML: the library's normaliser and serializer, with the AI-BOM extras inserted where the
// XSD sequence puts them (component: ... evidence, releaseNotes, modelCard, data, cryptoProperties, tags;
// service: ... description, endpoints, authenticated, x-trust-boundary, trustZone, data, licenses ...).
import { xmlSafe } from '../../util/visible-text.js';
import * as CDX from '@cyclonedx/cyclonedx-library';
import type { Asset, Inventory } from '../../inventory/types.js';
import { buildBom, type BuildOptions } from './bom-model.js';
import { componentExtras, datasetRefIndex, serviceExtras, type ComponentDataJson, type ModelCardJson } from './extras.js';
import type { SpecVersion } from './json.js';

type El = CDX.Serialize.XML.Types.SimpleXml.Element;
type Child = CDX.Serialize.XML.Types.SimpleXml.Element | CDX.Serialize.XML.Types.SimpleXml.Comment;

const el = (name: string, children?: El['children'], attributes?: El['attributes']): El => ({ type: 'element', name, children, attributes });
const text = (name: string, value: string | number | boolean): El => el(name, String(value));

function kids(e: El): Child[] {
  const c = e.children;
  if (c === undefined || typeof c === 'string' || typeof c === 'number') return [];
  return [...c];
}

/** insert `add` before the first child whose name is in `before`, else at the end */
function insertBefore(e: El, add: El[], before: readonly string[]): void {
  if (add.length === 0) return;
  const list = kids(e);
  const i = list.findIndex((c) => c.type === 'element' && before.includes(c.name));
  if (i < 0) list.push(...add);
  else list.splice(i, 0, ...add);
  e.children = list;
}

function dataEl(d: ComponentDataJson, name = 'data'): El {
  const parts: El[] = [text('type', d.type)];
  if (d.name) parts.push(text('name', d.name));
  if (d.contents?.url) parts.push(el('contents', [text('url', d.contents.url)]));
  if (d.classification) parts.push(text('classification', d.classification));
  if (d.description) parts.push(text('description', d.description));
  return el(name, parts);
}

function modelCardEl(m: ModelCardJson): El {
  const parts: El[] = [];
  const p = m.modelParameters;
  if (p) {
    const mp: El[] = [];
    if (p.task) mp.push(text('task', p.task));
    if (p.architectureFamily) mp.push(text('architectureFamily', p.architectureFamily));
    if (p.modelArchitecture) mp.push(text('modelArchitecture', p.modelArchitecture));
    if (p.datasets?.length) {
      mp.push(el('datasets', p.datasets.map((d) => ('ref' in d ? text('ref', d.ref) : dataEl(d, 'dataset')))));
    }
    parts.push(el('modelParameters', mp));
  }
  if (m.considerations) {
    const c: El[] = [];
    if (m.considerations.useCases) c.push(el('useCases', m.considerations.useCases.map((u) => text('useCase', u))));
    if (m.considerations.technicalLimitations) {
      c.push(el('technicalLimitations', m.considerations.technicalLimitations.map((u) => text('technicalLimitation', u))));
    }
    parts.push(el('considerations', c));
  }
  if (m.properties?.length) parts.push(el('properties', m.properties.map((pr) => el('property', pr.value, { name: pr.name }))));
  return el('modelCard', parts);
}

function decorateComponent(e: El, asset: Asset, datasetRefs: Map<string, string>): void {
  const x = componentExtras(asset, datasetRefs);
  if (x.occurrences?.length) {
    const occ = el('occurrences', x.occurrences.map((o) => el('occurrence', [
      text('location', o.location),
      ...(o.line ? [text('line', o.line)] : []),
    ])));
    insertBefore(e, [el('evidence', [occ])], ['releaseNotes', 'modelCard', 'data', 'cryptoProperties', 'tags', 'signature']);
  }
  const tail: El[] = [];
  if (x.modelCard) tail.push(modelCardEl(x.modelCard));
  for (const d of x.data ?? []) tail.push(dataEl(d));
  insertBefore(e, tail, ['cryptoProperties', 'tags', 'signature']);
}

function decorateService(e: El, asset: Asset): void {
  if (asset.kind !== 'service') return;
  const x = serviceExtras(asset);
  const add: El[] = [];
  if (x.endpoints) add.push(el('endpoints', x.endpoints.map((u) => text('endpoint', u))));
  if (x.authenticated !== undefined) add.push(text('authenticated', x.authenticated));
  if (x.trustBoundary !== undefined) add.push(text('x-trust-boundary', x.trustBoundary));
  if (x.data) add.push(el('data', x.data.map((d) => el('classification', d.classification, { flow: d.flow }))));
  insertBefore(e, add, ['licenses', 'externalReferences', 'properties', 'services', 'releaseNotes', 'tags', 'signature']);
}

class AibomXmlSerializer extends CDX.Serialize.XmlSerializer {
  constructor(
    factory: CDX.Serialize.XML.Normalize.Factory,
    private readonly assetsByRef: Map<string, Asset>,
    private readonly datasetRefs: Map<string, string>,
  ) {
    super(factory);
  }

  protected override _normalize(bom: CDX.Models.Bom, options?: CDX.Serialize.Types.NormalizerOptions): El {
    const root = super._normalize(bom, options);
    const walk = (e: El) => {
      for (const c of kids(e)) {
        if (c.type !== 'element') continue;
        const ref = c.attributes?.['bom-ref'];
        const asset = ref !== undefined ? this.assetsByRef.get(String(ref)) : undefined;
        if (c.name === 'component' && asset) decorateComponent(c, asset, this.datasetRefs);
        if (c.name === 'service' && asset) decorateService(c, asset);
        if (c.name === 'components' || c.name === 'component' || c.name === 'services') walk(c);
      }
    };
    walk(root);
    return root;
  }
}

export function toCycloneDxXml(inv: Inventory, specVersion: SpecVersion = '1.6', opts: BuildOptions = {}): string {
  const { bom, assetsByRef } = buildBom(inv, opts);
  const spec = specVersion === '1.7' ? CDX.Spec.Spec1dot7 : CDX.Spec.Spec1dot6;
  const serializer = new AibomXmlSerializer(new CDX.Serialize.XML.Normalize.Factory(spec), assetsByRef, datasetRefIndex(inv.assets));
  // control characters from file names and the like would make the document unreadable (visible-text.ts)
  return xmlSafe(serializer.serialize(bom, { sortLists: true, space: 2 })) + '\n';
}
