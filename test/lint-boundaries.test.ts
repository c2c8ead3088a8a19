// The import directions of DESIGN §2 are enforced by lint: imports against them are rejected.
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import { boundaryConfigs } from '../eslint.boundaries.js';

const eslint = new ESLint({
  overrideConfigFile: true,
  overrideConfig: [
    { files: ['**/*.{ts,tsx}'], languageOptions: { parser: tseslint.parser } },
    ...boundaryConfigs(),
  ],
});

async function errorsFor(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => m.message);
}

describe('import boundaries', () => {
  it.each([
    ['common/money-bad.ts', "import { readFileSync } from 'node:fs';"],
    ['common/x.ts', "import React from 'react';"],
    ['common/x.ts', "import { openPg } from '../db/pg/client.js';"],
    ['src-renderer/src/x.ts', "import { createStation } from '../../src-main/station/station.js';"],
    ['src-renderer/src/x.ts', "import Database from 'better-sqlite3';"],
    ['src-main/station/x.ts', "import { app } from 'electron';"],
    ['src-main/station/x.ts', "import { buildApp } from '../../sync-server/app.js';"],
    ['sync-server/x.ts', "import { createStation } from '../src-main/station/station.js';"],
    ['db/x.ts', "import { buildApp } from '../sync-server/app.js';"],
  ])('rejects %s: %s', async (file, code) => {
    const errors = await errorsFor(file, code);
    expect(errors.join('\n')).toMatch(/DESIGN §2/);
  });

  it.each([
    ['common/x.ts', "import { z } from 'zod';"],
    ['src-renderer/src/x.ts', "import { formatMoney } from '../../common/money.js';"],
    ['src-main/shell-electron/x.ts', "import { app } from 'electron';"],
    ['src-main/station/x.ts', "import { openPg } from '../../db/pg/client.js';"],
    ['sync-server/x.ts', "import { openPg } from '../db/pg/client.js';"],
  ])('allows %s: %s', async (file, code) => {
    expect(await errorsFor(file, code)).toEqual([]);
  });

  it('is part of the project lint config', async () => {
    const project = new ESLint();
    const config = (await project.calculateConfigForFile('common/money.ts')) as {
      rules?: Record<string, unknown>;
    };
    expect(config.rules?.['no-restricted-imports']).toBeDefined();
  });
});
