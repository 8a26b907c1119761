/** The layering rules of eslint.config.js catch what they promise (a rule that matches nothing passes silently). */
import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';

const eslint = new ESLint();

async function restricted(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path });
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('layering lint rules', () => {
  it('keep db/ and drizzle out of pages, components and content code', async () => {
    const code =
      "import { getDb } from '#db/client.ts';\nimport { eq } from 'drizzle-orm';\nexport const x = [getDb, eq];\n";
    for (const path of ['src/pages/probe.ts', 'src/components/probe.ts', 'src/lib/content/probe.ts'])
      expect(await restricted(path, code), path).toHaveLength(2);
  });

  it('let only db/ reach the SQLite machinery and the driver', async () => {
    const code =
      "import { preparedRaw } from '#db/sqlite/raw.ts';\nimport D from 'better-sqlite3';\nexport const y = [preparedRaw, D];\n";
    expect(await restricted('src/lib/progress/probe.ts', code)).toHaveLength(2);
    expect(await restricted('db/probe.ts', code)).toHaveLength(0);
  });

  it('let feature modules use db/ through its facade, and refuse deep relative imports', async () => {
    expect(
      await restricted(
        'src/lib/progress/probe.ts',
        "import { transaction } from '#db/tx.ts';\nexport const t = transaction;\n",
      ),
    ).toHaveLength(0);
    expect(
      await restricted('src/lib/progress/probe.ts', "import { a } from '../../x.ts';\nexport const b = a;\n"),
    ).toHaveLength(1);
  });
});
