import { describe, expect, it } from 'vitest';
import { blankComments, kotlinImports } from '../../src/parsers/source/clike-lexer.js';
import { extractImports } from '../../src/parsers/source/imports.js';
import { notebookCells } from '../../src/parsers/source/notebook.js';

const mods = async (...a: Parameters<typeof extractImports>) => (await extractImports(...a)).map((i) => `${i.module}:${i.line}`);

describe('extractImports', () => {
  it('python: import, from, aliases, submodules, dynamic; not comments, strings, docstrings', async () => {
    const src = [
      '"""import fake_doc"""',
      '# import fake_comment',
      'import os, openai as oa',
      'from google import genai',
      'from langchain_core.messages import HumanMessage',
      's = "import fake_string"',
      'from . import local',
      'm = importlib.import_module("anthropic")',
    ].join('\n');
    expect(await mods('python', src)).toEqual(['os:3', 'openai:3', 'google:4', 'google.genai:4', 'langchain_core.messages:5', 'langchain_core.messages.HumanMessage:5', 'anthropic:8']);
  });
  it('javascript/typescript: ESM, CJS, dynamic, re-export, TS import-require', async () => {
    const src = [
      '// import x from "fake-comment"',
      'import OpenAI from "openai";',
      "const { Anthropic } = require('@anthropic-ai/sdk');",
      'const m = await import("@google/genai");',
      'export * from "ai";',
      'const s = "require(\'fake-string\')";',
      '/* import y from "fake-block" */',
    ].join('\n');
    expect(await mods('javascript', src)).toEqual(['openai:2', '@anthropic-ai/sdk:3', '@google/genai:4', 'ai:5']);
    expect(await mods('typescript', 'import cohere = require("cohere-ai");\nimport type { X } from "groq-sdk";\n')).toEqual(['cohere-ai:1', 'groq-sdk:2']);
    expect(await mods('tsx', 'import { useChat } from "@ai-sdk/react";\nexport const C = () => <div>{"import x from \'fake\'"}</div>;\n')).toEqual(['@ai-sdk/react:1']);
  });
  it('go, java, c#, rust, ruby', async () => {
    expect(await mods('go', 'package m\n// import "github.com/fake/comment"\nimport (\n\topenai "github.com/sashabaranov/go-openai"\n\t"fmt"\n)\nvar s = "github.com/fake/string"\n')).toEqual(['github.com/sashabaranov/go-openai:4', 'fmt:5']);
    expect(await mods('java', '// import com.fake.Comment;\nimport com.openai.client.OpenAIClient;\nimport static dev.langchain4j.data.message.UserMessage.from;\nimport dev.langchain4j.model.*;\nclass A { String s = "import com.fake.S;"; }\n')).toEqual(['com.openai.client.OpenAIClient:2', 'dev.langchain4j.data.message.UserMessage.from:3', 'dev.langchain4j.model:4']);
    expect(await mods('csharp', '// using Fake.Comment;\nusing OpenAI.Chat;\nglobal using Azure.AI.OpenAI;\nusing Br = Amazon.BedrockRuntime;\nnamespace N { using Microsoft.SemanticKernel; class C { string s = "using Fake.S;"; } }\n')).toEqual(['OpenAI.Chat:2', 'Azure.AI.OpenAI:3', 'Amazon.BedrockRuntime:4', 'Microsoft.SemanticKernel:5']);
    expect(await mods('rust', '// use fake_comment::X;\nuse async_openai::{Client, types::CreateChatCompletionRequestArgs};\nextern crate tch;\nfn main() { let c = ollama_rs::Ollama::default(); let s = "use fake_str::Y;"; }\n')).toEqual(['async_openai:2', 'tch:3', 'ollama_rs:4']);
    expect(await mods('ruby', "# require 'fake_comment'\nrequire 'openai'\nrequire_relative 'local'\nx = \"require 'fake_string'\"\nrequire(\"langchain\")\n")).toEqual(['openai:2', 'langchain:5']);
  });
});

describe('kotlin lexer', () => {
  it('reads imports and ignores comments and strings', () => {
    const src = '/* import fake.block /* nested */ import fake.after */\n// import fake.line\nimport dev.langchain4j.model.openai.OpenAiChatModel\nimport com.openai.client.*\nval s = """\nimport fake.raw\n"""\n';
    expect(kotlinImports(src)).toEqual([
      { path: 'dev.langchain4j.model.openai.OpenAiChatModel', line: 3 },
      { path: 'com.openai.client', line: 4 },
    ]);
  });
  it('keeps line numbers and URLs in strings', () => {
    const out = blankComments('a("https://x//y") // c\n/* b\n*/ d');
    expect(out.split('\n')).toEqual(['a("https://x//y")     ', '    ', '   d']);
  });
});

describe('notebooks', () => {
  it('reads code cells, blanks magics and maps lines into the .ipynb', () => {
    const nb = JSON.stringify(
      {
        cells: [
          { cell_type: 'markdown', source: ['import fake_markdown\n'] },
          { cell_type: 'code', source: ['!pip install openai\n', 'import openai\n', 'x = 1'] },
        ],
        nbformat: 4,
      },
      null,
      1,
    );
    const r = notebookCells(nb);
    expect(r.cells).toHaveLength(1);
    expect(r.cells[0].code).toBe('\nimport openai\nx = 1');
    const line = r.cells[0].fileLines[1];
    expect(nb.split('\n')[(line ?? 0) - 1]).toContain('import openai');
    expect(notebookCells('{bad').warning).toMatch(/invalid notebook/);
  });
});
