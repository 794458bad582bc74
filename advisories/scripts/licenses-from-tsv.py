#!/usr/bin/env python3
"""Generates advisories/licenses.yml (the license table) from the reference tables
ai-licenses.tsv and hf-license-ids.tsv (aibom shared reference data, compiled from the Hugging Face
hub docs and the SPDX license list). Usage: licenses-from-tsv.py REFERENCE_DIR > advisories/licenses.yml
The categories of the TSV are mapped onto aibom's seven; rows for HF ids the TSV does not describe
get a category from the table below. Hand edits after generation: none (re-run to refresh)."""
import csv, sys, json

ref = sys.argv[1]
CAT = {
    'permissive': 'permissive', 'permissive (custom)': 'permissive', 'permissive (model-specific)': 'permissive',
    'permissive (content/data)': 'permissive', 'permissive (data)': 'permissive', 'public-domain': 'permissive',
    'public-domain (data)': 'permissive', 'copyleft (content/data)': 'copyleft', 'copyleft (data)': 'copyleft',
    'strong copyleft': 'copyleft', 'no-derivatives': 'restricted-use', 'open-rail (use-restricted)': 'restricted-use',
    'community (custom)': 'restricted-use', 'community (custom, permissive-leaning)': 'restricted-use',
    'research-only': 'non-commercial', 'research-only (unverified)': 'non-commercial', 'non-commercial': 'non-commercial',
    'research-only / non-commercial': 'non-commercial', 'non-production': 'non-commercial',
    'restricted (data)': 'restricted-use', 'risk-tiered (data/model)': 'restricted-use',
    'open-rail-like (use-restricted)': 'restricted-use', 'unknown': 'unknown', 'custom': 'unknown',
}
# HF ids that ai-licenses.tsv does not describe: SPDX id and category
EXTRA = {
    'afl-3.0': ('AFL-3.0', 'permissive'), 'artistic-2.0': ('Artistic-2.0', 'weak-copyleft'), 'bsl-1.0': ('BSL-1.0', 'permissive'),
    'bsd': (None, 'permissive'), 'bsd-2-clause': ('BSD-2-Clause', 'permissive'), 'bsd-3-clause-clear': ('BSD-3-Clause-Clear', 'permissive'),
    'cc': (None, 'unknown'), 'cc-by-2.0': ('CC-BY-2.0', 'permissive'), 'cc-by-2.5': ('CC-BY-2.5', 'permissive'),
    'cc-by-3.0': ('CC-BY-3.0', 'permissive'), 'cc-by-sa-3.0': ('CC-BY-SA-3.0', 'copyleft'), 'cc-by-nc-2.0': ('CC-BY-NC-2.0', 'non-commercial'),
    'cc-by-nc-3.0': ('CC-BY-NC-3.0', 'non-commercial'), 'cc-by-nc-nd-3.0': ('CC-BY-NC-ND-3.0', 'non-commercial'),
    'cc-by-nc-sa-2.0': ('CC-BY-NC-SA-2.0', 'non-commercial'), 'cc-by-nc-sa-3.0': ('CC-BY-NC-SA-3.0', 'non-commercial'),
    'cdla-permissive-1.0': ('CDLA-Permissive-1.0', 'permissive'), 'wtfpl': ('WTFPL', 'permissive'), 'ecl-2.0': ('ECL-2.0', 'permissive'),
    'epl-1.0': ('EPL-1.0', 'weak-copyleft'), 'epl-2.0': ('EPL-2.0', 'weak-copyleft'), 'etalab-2.0': ('etalab-2.0', 'permissive'),
    'eupl-1.1': ('EUPL-1.1', 'copyleft'), 'eupl-1.2': ('EUPL-1.2', 'copyleft'), 'gfdl': (None, 'copyleft'), 'gpl': (None, 'copyleft'),
    'gpl-2.0': ('GPL-2.0-only', 'copyleft'), 'gpl-3.0': ('GPL-3.0-only', 'copyleft'), 'lgpl': (None, 'weak-copyleft'),
    'lgpl-2.1': ('LGPL-2.1-only', 'weak-copyleft'), 'lgpl-3.0': ('LGPL-3.0-only', 'weak-copyleft'), 'isc': ('ISC', 'permissive'),
    'lppl-1.3c': ('LPPL-1.3c', 'weak-copyleft'), 'ms-pl': ('MS-PL', 'weak-copyleft'), 'mpl-2.0': ('MPL-2.0', 'weak-copyleft'),
    'osl-3.0': ('OSL-3.0', 'copyleft'), 'postgresql': ('PostgreSQL', 'permissive'), 'ofl-1.1': ('OFL-1.1', 'weak-copyleft'),
    'ncsa': ('NCSA', 'permissive'), 'unlicense': ('Unlicense', 'permissive'), 'zlib': ('Zlib', 'permissive'),
    'lgpl-lr': ('LGPLLR', 'weak-copyleft'),
}
URLS = {
    'llama3.1': 'https://github.com/meta-llama/llama-models/blob/main/models/llama3_1/LICENSE',
    'llama3.2': 'https://github.com/meta-llama/llama-models/blob/main/models/llama3_2/LICENSE',
    'llama3.3': 'https://github.com/meta-llama/llama-models/blob/main/models/llama3_3/LICENSE',
    'llama4': 'https://github.com/meta-llama/llama-models/blob/main/models/llama4/LICENSE',
    'llama3': 'https://github.com/meta-llama/llama-models/blob/main/models/llama3/LICENSE',
    'llama2': 'https://github.com/meta-llama/llama-models/blob/main/models/llama2/LICENSE',
    'gemma': 'https://ai.google.dev/gemma/terms',
    'mrl': 'https://mistral.ai/licenses/MRL-0.1.md',
    'mnpl': 'https://mistral.ai/licenses/MNPL-0.1.md',
}

def q(s):
    return json.dumps(s, ensure_ascii=False)

hf = {}
with open(f'{ref}/hf-license-ids.tsv') as f:
    for row in csv.reader(f, delimiter='\t'):
        if len(row) >= 2 and row[0] and row[0] != 'License identifier (to use in repo card)':
            hf[row[0].strip()] = row[1].strip().replace('\\*', '*')

entries = []
seen = set()
by_id = {}
import re
with open(f'{ref}/ai-licenses.tsv') as f:
    rows = list(csv.DictReader(f, delimiter='\t'))
for r in rows:
    if not r.get('license'):
        continue
    hid = r['hf_license_id'].strip()
    m = None
    aliases = []
    if hid.startswith('other'):
        import re
        m = re.search(r'license_name e\.g\. ([^)]*)\)', hid)
        names = [x.strip() for x in m.group(1).split(',')] if m else []
        if not names:
            continue  # generic 'other' rows are handled by the classifier
        hid, aliases = names[0], names[1:]
    if hid in seen:
        continue
    seen.add(hid)
    cat = CAT.get(r['category'].strip())
    if cat is None:
        raise SystemExit(f'unmapped category {r["category"]!r}')
    e = {'id': hid, 'name': r['license'].strip(), 'category': cat}
    if r['spdx_id'].strip():
        e['spdx'] = r['spdx_id'].strip()
    if hid in hf and hf[hid] != e['name']:
        aliases.append(hf[hid])
    if aliases:
        e['aliases'] = aliases
    restr = r['notable_restrictions'].strip()
    m2 = re.match(r'as (3\.1)\b[;,]?\s*(.*)$', restr)
    if m2 and 'llama3.1' in by_id:  # "as 3.1 ..." -> spell out the Llama 3.1 terms
        base = by_id['llama3.1'].get('restrictions', '')
        restr = f"{base}; {m2.group(2)}" if m2.group(2) and not m2.group(2).startswith('(') else f"{base} {m2.group(2)}".strip()
    if restr and cat != 'permissive':
        e['restrictions'] = restr
    e['commercial'] = r['commercial_use'].strip()
    if hid in URLS:
        e['url'] = URLS[hid]
    e['hf'] = hid in hf
    if 'unverified' in r['evidence'] or 'NOT checked' in r['evidence'] or 'unverified' in r['category']:
        e['verified'] = False
    entries.append(e)
    by_id[hid] = e
for hid, full in hf.items():
    if hid in seen or hid in ('other',):
        continue
    if hid not in EXTRA:
        raise SystemExit(f'HF id without category: {hid}')
    spdx, cat = EXTRA[hid]
    e = {'id': hid, 'name': full, 'category': cat, 'hf': True}
    if spdx:
        e['spdx'] = spdx
    entries.append(e)
    seen.add(hid)

print('# License table for aibom: every Hugging Face license id plus AI licenses outside the SPDX list.')
print('# Generated by advisories/scripts/licenses-from-tsv.py from aibom reference tables (HF hub docs')
print('# repositories-licenses.md, SPDX license list 3.28); categories mapped to aibom\'s seven.')
print('# verified: false marks terms summarised from memory in the source table (check before relying on them).')
print('licenses:')
for e in entries:
    print(f'  - id: {q(e["id"])}')
    for k in ('name', 'spdx', 'category', 'commercial', 'url', 'restrictions'):
        if k in e:
            print(f'    {k}: {q(e[k])}')
    if e.get('aliases'):
        print(f'    aliases: [{", ".join(q(a) for a in e["aliases"])}]')
    print(f'    hf: {"true" if e["hf"] else "false"}')
    if e.get('verified') is False:
        print('    verified: false')
