import { describe, expect, it } from 'vitest';
import { manifestKind, parseManifest } from '../../src/parsers/manifests/index.js';
import type { ManifestDep, ManifestKind } from '../../src/parsers/manifests/index.js';

const pick = (deps: ManifestDep[], name: string): ManifestDep | undefined => deps.find((d) => d.name === name);
const run = (kind: ManifestKind, text: string) => parseManifest(kind, text);

describe('manifestKind', () => {
  it.each([
    ['requirements.txt', 'requirements'],
    ['requirements-dev.txt', 'requirements'],
    ['dev-requirements.txt', 'requirements'],
    ['requirements.in', 'requirements'],
    ['pyproject.toml', 'pyproject'],
    ['Pipfile', 'pipfile'],
    ['Pipfile.lock', 'pipfile-lock'],
    ['poetry.lock', 'poetry-lock'],
    ['uv.lock', 'uv-lock'],
    ['environment.yml', 'conda-env'],
    ['package.json', 'package-json'],
    ['package-lock.json', 'package-lock'],
    ['yarn.lock', 'yarn-lock'],
    ['pnpm-lock.yaml', 'pnpm-lock'],
    ['go.mod', 'go-mod'],
    ['go.sum', 'go-sum'],
    ['pom.xml', 'pom'],
    ['build.gradle', 'gradle'],
    ['build.gradle.kts', 'gradle'],
    ['libs.versions.toml', 'gradle-catalog'],
    ['Cargo.toml', 'cargo-toml'],
    ['Cargo.lock', 'cargo-lock'],
    ['App.csproj', 'nuget-project'],
    ['packages.lock.json', 'nuget-lock'],
    ['Gemfile', 'gemfile'],
    ['Gemfile.lock', 'gemfile-lock'],
  ])('%s', (name, kind) => expect(manifestKind(name)).toBe(kind));
  it.each(['requirements.py', 'notrequirementsx.txt', 'package.jsonc', 'README.md', 'go.mod.bak'])('%s is not a manifest', (n) =>
    expect(manifestKind(n)).toBeUndefined(),
  );
});

describe('requirements.txt', () => {
  const r = run(
    'requirements',
    [
      '# comment openai==9',
      'openai==1.54.3  # pinned',
      'Anthropic[vertex] >= 0.39 ; python_version >= "3.9"',
      '-r base.in',
      '--requirement=other.txt',
      '-e git+https://github.com/org/repo.git#egg=langchain_openai',
      'torch==2.4.* \\',
      '    --hash=sha256:abcd',
      'https://example.org/pkg.whl',
      '--index-url https://pypi.example/simple',
      '!!! not a req',
    ].join('\n'),
  );
  it('reads pins, ranges, extras, markers, editables', () => {
    expect(pick(r.deps, 'openai')).toMatchObject({ version: '1.54.3', line: 2 });
    expect(pick(r.deps, 'Anthropic')).toMatchObject({ spec: '>= 0.39', line: 3 });
    expect(pick(r.deps, 'langchain_openai')?.line).toBe(6);
    expect(pick(r.deps, 'torch')).toMatchObject({ spec: '==2.4.*', line: 7 });
    expect(r.deps.map((d) => d.name)).not.toContain('https');
  });
  it('lists includes and warns on junk', () => {
    expect(r.includes).toEqual(['base.in', 'other.txt']);
    expect(r.warnings.join()).toMatch(/line 11/);
  });
});

describe('pyproject.toml', () => {
  const text = `[project]
name = "app"
dependencies = ["openai>=1.40", "httpx==0.27.0"]
[project.optional-dependencies]
ml = ["torch"]
[dependency-groups]
dev = ["pytest", {include-group = "lint"}]
[tool.poetry.dependencies]
python = "^3.11"
langchain = "0.3.7"
anthropic = { version = "^0.39", extras = ["vertex"] }
[tool.poetry.group.test.dependencies]
transformers = "*"
[tool.uv]
dev-dependencies = ["ruff"]
`;
  const r = run('pyproject', text);
  it('reads PEP 621, PEP 735, Poetry and uv tables', () => {
    expect(pick(r.deps, 'openai')).toMatchObject({ spec: '>=1.40', line: 3 });
    expect(pick(r.deps, 'httpx')?.version).toBe('0.27.0');
    expect(pick(r.deps, 'torch')?.scope).toBe('optional:ml');
    expect(pick(r.deps, 'pytest')?.scope).toBe('group:dev');
    expect(pick(r.deps, 'langchain')).toMatchObject({ version: '0.3.7', line: 10 });
    expect(pick(r.deps, 'anthropic')?.spec).toBe('^0.39');
    expect(pick(r.deps, 'transformers')?.scope).toBe('group:test');
    expect(pick(r.deps, 'ruff')?.scope).toBe('dev');
    expect(pick(r.deps, 'python')).toBeUndefined();
  });
  it('turns bad TOML into a warning', () => {
    expect(run('pyproject', '[project\nx=').warnings[0]).toMatch(/invalid TOML/);
  });
});

describe('Python lockfiles and conda', () => {
  it('Pipfile and Pipfile.lock', () => {
    const p = run('pipfile', '[packages]\nopenai = "==1.2.0"\nrequests = "*"\n[dev-packages]\nblack = {version = ">=24"}\n');
    expect(pick(p.deps, 'openai')).toMatchObject({ version: '1.2.0', line: 2 });
    expect(pick(p.deps, 'black')).toMatchObject({ spec: '>=24', scope: 'dev' });
    const l = run('pipfile-lock', JSON.stringify({ default: { openai: { version: '==1.2.0' } }, develop: { black: { version: '==24.1.0' } } }));
    expect(l.lock).toBe(true);
    expect(pick(l.deps, 'black')).toMatchObject({ version: '24.1.0', scope: 'dev' });
  });
  it('poetry.lock / uv.lock (skipping the project itself)', () => {
    const l = run('uv-lock', 'version = 1\n[[package]]\nname = "app"\nversion = "0.1.0"\nsource = { editable = "." }\n[[package]]\nname = "openai"\nversion = "1.54.3"\nsource = { registry = "https://pypi.org/simple" }\n');
    expect(l.deps).toEqual([{ ecosystem: 'PyPI', name: 'openai', version: '1.54.3', anchor: 'name = "openai"' }]);
  });
  it('environment.yml', () => {
    const e = run('conda-env', 'name: x\ndependencies:\n  - python=3.11\n  - conda-forge::pytorch=2.3.1\n  - numpy>=1.26\n  - pip:\n    - openai==1.30.1\n');
    expect(pick(e.deps, 'pytorch')).toMatchObject({ ecosystem: 'conda', version: '2.3.1', line: 4 });
    expect(pick(e.deps, 'numpy')?.spec).toBe('>=1.26');
    expect(pick(e.deps, 'openai')).toMatchObject({ ecosystem: 'PyPI', version: '1.30.1', line: 7 });
  });
});

describe('npm', () => {
  it('package.json', () => {
    const text = '{\n  "dependencies": {\n    "openai": "^4.67.0",\n    "@anthropic-ai/sdk": "0.30.1",\n    "my-ai": "npm:ai@3.4.0"\n  },\n  "devDependencies": { "vitest": "^2" }\n}';
    const r = run('package-json', text);
    expect(pick(r.deps, 'openai')).toMatchObject({ spec: '^4.67.0' });
    expect(pick(r.deps, '@anthropic-ai/sdk')).toMatchObject({ version: '0.30.1', anchor: '"@anthropic-ai/sdk"' });
    expect(pick(r.deps, 'ai')).toMatchObject({ version: '3.4.0' });
    expect(pick(r.deps, 'vitest')?.scope).toBe('dev');
    expect(run('package-json', '{').warnings[0]).toMatch(/invalid JSON/);
  });
  it('package-lock.json v3 and v1', () => {
    const v3 = run('package-lock', JSON.stringify({ lockfileVersion: 3, packages: { '': { name: 'app' }, 'node_modules/openai': { version: '4.67.3' }, 'node_modules/a/node_modules/@ai-sdk/openai': { version: '0.0.66', dev: true }, 'packages/x': { link: true } } }));
    expect(v3.deps).toEqual([
      { ecosystem: 'npm', name: 'openai', version: '4.67.3', scope: undefined, anchor: '"node_modules/openai"' },
      { ecosystem: 'npm', name: '@ai-sdk/openai', version: '0.0.66', scope: 'dev', anchor: '"node_modules/a/node_modules/@ai-sdk/openai"' },
    ]);
    const v1 = run('package-lock', JSON.stringify({ lockfileVersion: 1, dependencies: { openai: { version: '3.3.0', dependencies: { axios: { version: '0.26.1' } } } } }));
    expect(v1.deps.map((d) => `${d.name}@${d.version}`)).toEqual(['openai@3.3.0', 'axios@0.26.1']);
  });
  it('yarn.lock classic and berry', () => {
    const classic = '# yarn lockfile v1\n\n"@anthropic-ai/sdk@^0.30.0":\n  version "0.30.1"\n  resolved "https://x"\n\nopenai@^4.0.0, openai@^4.1.0:\n  version "4.67.3"\n';
    expect(run('yarn-lock', classic).deps.map((d) => `${d.name}@${d.version}:${d.line}`)).toEqual(['@anthropic-ai/sdk@0.30.1:3', 'openai@4.67.3:7']);
    const berry = '__metadata:\n  version: 6\n\n"openai@npm:^4.0.0":\n  version: 4.67.3\n  resolution: "openai@npm:4.67.3"\n\n"app@workspace:.":\n  version: 0.0.0-use.local\n';
    expect(run('yarn-lock', berry).deps.map((d) => `${d.name}@${d.version}`)).toEqual(['openai@4.67.3']);
  });
  it('pnpm-lock.yaml v6 and v9 keys', () => {
    const r = run('pnpm-lock', "lockfileVersion: '9.0'\npackages:\n  openai@4.67.3:\n    resolution: {integrity: x}\n  '@langchain/core@0.3.13(openai@4.67.3)':\n    resolution: {integrity: y}\n  /ai/3.4.0:\n    resolution: {integrity: z}\n");
    expect(r.deps.map((d) => `${d.name}@${d.version}`)).toEqual(['openai@4.67.3', '@langchain/core@0.3.13', 'ai@3.4.0']);
  });
});

describe('Go, Maven, Gradle', () => {
  it('go.mod and go.sum', () => {
    const m = run('go-mod', 'module x\n\ngo 1.22\n\nrequire github.com/sashabaranov/go-openai v1.32.0\nrequire (\n\tgithub.com/openai/openai-go/v3 v3.1.0 // indirect\n\t// github.com/fake/mod v1.0.0\n)\n');
    expect(m.deps).toEqual([
      { ecosystem: 'Go', name: 'github.com/sashabaranov/go-openai', version: 'v1.32.0', line: 5, scope: undefined },
      { ecosystem: 'Go', name: 'github.com/openai/openai-go/v3', version: 'v3.1.0', line: 7, scope: 'indirect' },
    ]);
    const s = run('go-sum', 'github.com/a/b v1.0.0 h1:x=\ngithub.com/a/b v1.2.0/go.mod h1:y=\n');
    expect(s.deps).toEqual([{ ecosystem: 'Go', name: 'github.com/a/b', version: 'v1.2.0', line: 2 }]);
  });
  it('pom.xml with properties, comments, managed and ranged versions', () => {
    const pom = `<project>
  <version>1.0</version>
  <properties><lc4j.version>0.35.0</lc4j.version></properties>
  <dependencyManagement><dependencies>
    <dependency><groupId>org.springframework.ai</groupId><artifactId>spring-ai-bom</artifactId><version>1.0.0</version><type>pom</type><scope>import</scope></dependency>
  </dependencies></dependencyManagement>
  <dependencies>
    <!-- <dependency><groupId>com.fake</groupId><artifactId>commented</artifactId></dependency> -->
    <dependency>
      <groupId>dev.langchain4j</groupId>
      <artifactId>langchain4j-open-ai</artifactId>
      <version>\${lc4j.version}</version>
    </dependency>
    <dependency><groupId>com.openai</groupId><artifactId>openai-java</artifactId><version>[0.1,1.0)</version></dependency>
    <dependency><groupId>org.springframework.ai</groupId><artifactId>spring-ai-starter-model-openai</artifactId></dependency>
  </dependencies>
</project>`;
    const r = run('pom', pom);
    expect(r.deps.map((d) => d.name)).not.toContain('com.fake:commented');
    expect(pick(r.deps, 'dev.langchain4j:langchain4j-open-ai')).toMatchObject({ version: '0.35.0', line: 9 });
    expect(pick(r.deps, 'com.openai:openai-java')).toMatchObject({ spec: '[0.1,1.0)' });
    expect(pick(r.deps, 'org.springframework.ai:spring-ai-bom')).toMatchObject({ version: '1.0.0', scope: 'import' });
    expect(pick(r.deps, 'org.springframework.ai:spring-ai-starter-model-openai')?.version).toBeUndefined();
  });
  it('build.gradle(.kts) notations, comments ignored', () => {
    const g = `plugins { id("org.jetbrains.kotlin.jvm") version "2.0.0" }
dependencies {
    implementation("dev.langchain4j:langchain4j-open-ai:0.35.0")
    // implementation("com.fake:commented:1.0")
    /* implementation("com.fake:block:1.0") */
    implementation(platform("org.springframework.ai:spring-ai-bom:1.0.0"))
    implementation 'com.openai:openai-java:0.8.+'
    testImplementation group: 'io.qdrant', name: 'client', version: '1.12.0'
    val url = "https://example.org//x"
}`;
    const r = run('gradle', g);
    expect(r.deps.map((d) => `${d.name}|${d.version ?? d.spec}|${d.line}`)).toEqual([
      'dev.langchain4j:langchain4j-open-ai|0.35.0|3',
      'org.springframework.ai:spring-ai-bom|1.0.0|6',
      'com.openai:openai-java|0.8.+|7',
      'io.qdrant:client|1.12.0|8',
    ]);
  });
});

describe('Gradle version catalog', () => {
  it('resolves version refs and notations', () => {
    const r = run('gradle-catalog', '[versions]\nlc4j = "0.35.0"\n[libraries]\nlc4j-openai = { module = "dev.langchain4j:langchain4j-open-ai", version.ref = "lc4j" }\nopenai = { group = "com.openai", name = "openai-java", version = "0.8.0" }\nguava = "com.google.guava:guava:33.3.1-jre"\nranged = { module = "a:b", version = { require = "[1.0,2.0)" } }\n');
    expect(r.deps.map((d) => `${d.name}|${d.version ?? d.spec}|${d.line}`)).toEqual([
      'dev.langchain4j:langchain4j-open-ai|0.35.0|4',
      'com.openai:openai-java|0.8.0|5',
      'com.google.guava:guava|33.3.1-jre|6',
      'a:b|[1.0,2.0)|7',
    ]);
  });
});

describe('Cargo, NuGet, Bundler', () => {
  it('Cargo.toml and Cargo.lock', () => {
    const t = run('cargo-toml', '[package]\nname = "x"\n[dependencies]\nasync-openai = "0.25"\nollama = { package = "ollama-rs", version = "=0.2.1" }\n[dev-dependencies]\ntokio = "1"\n[target.\'cfg(unix)\'.dependencies]\nort = "2.0.0-rc.8"\n');
    expect(pick(t.deps, 'async-openai')).toMatchObject({ spec: '0.25', line: 4 });
    expect(pick(t.deps, 'ollama-rs')).toMatchObject({ version: '0.2.1', line: 5 });
    expect(pick(t.deps, 'tokio')?.scope).toBe('dev');
    expect(pick(t.deps, 'ort')?.spec).toBe('2.0.0-rc.8');
    const l = run('cargo-lock', 'version = 3\n[[package]]\nname = "x"\nversion = "0.1.0"\n[[package]]\nname = "async-openai"\nversion = "0.25.0"\nsource = "registry+https://github.com/rust-lang/crates.io-index"\n');
    expect(l.deps.map((d) => `${d.name}@${d.version}`)).toEqual(['async-openai@0.25.0']);
  });
  it('csproj and packages.lock.json', () => {
    const c = run('nuget-project', '<Project>\n  <ItemGroup>\n    <!-- <PackageReference Include="Fake" Version="1" /> -->\n    <PackageReference Include="Azure.AI.OpenAI" Version="2.1.0" />\n    <PackageReference Include="OpenAI">\n      <Version>2.0.*</Version>\n    </PackageReference>\n  </ItemGroup>\n</Project>');
    expect(c.deps.map((d) => `${d.name}|${d.version ?? d.spec}|${d.line}`)).toEqual(['Azure.AI.OpenAI|2.1.0|4', 'OpenAI|2.0.*|5']);
    const l = run('nuget-lock', JSON.stringify({ version: 1, dependencies: { 'net8.0': { OpenAI: { type: 'Direct', requested: '[2.0.0, )', resolved: '2.0.0' }, 'System.ClientModel': { type: 'Transitive', resolved: '1.1.0' } } } }));
    expect(l.deps.map((d) => `${d.name}@${d.version}:${d.scope ?? ''}`)).toEqual(['OpenAI@2.0.0:', 'System.ClientModel@1.1.0:transitive']);
  });
  it('Gemfile and Gemfile.lock', () => {
    const g = run('gemfile', "source 'https://rubygems.org'\n# gem 'fake'\ngem 'ruby-openai', '~> 7.3'\ngem \"anthropic\", \"0.3.2\"\ngem 'rails'\n");
    expect(g.deps.map((d) => `${d.name}|${d.version ?? d.spec ?? ''}|${d.line}`)).toEqual(['ruby-openai|~> 7.3|3', 'anthropic|0.3.2|4', 'rails||5']);
    const l = run('gemfile-lock', 'GEM\n  remote: https://rubygems.org/\n  specs:\n    faraday (2.12.0)\n      json\n    ruby-openai (7.3.1)\n      faraday (>= 1)\n    nokogiri (1.16.7-x86_64-linux)\n\nPLATFORMS\n  ruby\n');
    expect(l.deps.map((d) => `${d.name}@${d.version}:${d.line}`)).toEqual(['faraday@2.12.0:4', 'ruby-openai@7.3.1:6', 'nokogiri@1.16.7:8']);
  });
});

describe('hostile input never throws', () => {
  const junk = ['\u0000\u0001\u0002', '{"packages": 5}', '[[package]]\nname = 5', 'x'.repeat(100_000), '<dependency><dependency>', '\\\n\\\n\\'];
  const kinds: ManifestKind[] = ['requirements', 'pyproject', 'pipfile', 'pipfile-lock', 'poetry-lock', 'conda-env', 'package-json', 'package-lock', 'yarn-lock', 'pnpm-lock', 'go-mod', 'go-sum', 'pom', 'gradle', 'gradle-catalog', 'cargo-toml', 'cargo-lock', 'nuget-project', 'nuget-lock', 'gemfile', 'gemfile-lock'];
  it.each(kinds)('%s', (kind) => {
    for (const j of junk) expect(() => parseManifest(kind, j)).not.toThrow();
  });
});
