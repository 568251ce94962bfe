import fs from "node:fs";
import path from "node:path";
import { ESLint } from "eslint";
import { KERNEL, PUBLIC } from "../../eslint.config.mjs";
import { beforeAll, describe, expect, it, vi } from "vitest";

/**
 * The house's walls hold: `npm run lint` fails when code under lib/ imports a framework or a
 * door, when shared ground imports a domain, or when one domain reaches into another's
 * internals. Each case lints a small source as if it were a file at that path.
 */
const root = path.resolve(import.meta.dirname, "../..");
let eslint: ESLint;

async function problems(file: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath: path.join(root, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === "no-restricted-imports" && m.severity === 2).map((m) => m.message);
}

beforeAll(() => {
  eslint = new ESLint({ cwd: root });
}, 60_000);
// Linting a probe loads the whole config and the TypeScript parser: seconds on a busy 2-core machine.
vi.setConfig({ testTimeout: 30_000 });

describe("lint boundaries", () => {
  it.each([
    ['import { revalidatePath } from "next/cache";', "framework-free"],
    ['import { cache } from "react";', "framework-free"],
    ['import { nextCookies } from "better-auth/next-js";', "framework-free"],
    ['import { createAction } from "@/server/create-action";', "does not reach up"],
    ['import { Button } from "@/components/ui/button";', "does not reach up"],
    ['import Page from "@/app/page";', "does not reach up"],
    ['import { x } from "../payments/apply-payment";', "does not reach up"],
  ])("refuses %s inside a domain of lib/", async (source, expected) => {
    expect((await problems("lib/calls/probe.ts", `${source}\nexport const probe = 1;\n`)).join(" ")).toContain(expected);
  });

  it("refuses a domain reaching into another domain's internals, naming the public faces", async () => {
    const found = await problems("lib/calls/probe.ts", 'import { applyPayment } from "@/lib/payments/apply-payment";\nexport const probe = applyPayment;\n');
    expect(found).toEqual([expect.stringContaining("Reach lib/payments through its public faces")]);
  });

  it("lets a domain use another's queries, schemas and listed public use cases", async () => {
    const source = [
      'import { listDebtors } from "@/lib/debtors/debtor-queries";',
      'import { RecordPaymentInput } from "@/lib/payments/payment-schemas";',
      'import { enqueueEmail } from "@/lib/email/outbox";',
      'import { createTask } from "@/lib/tasks/tasks";',
      'import { DomainError } from "@/lib/errors/domain-error";',
      "export const probe = [listDebtors, RecordPaymentInput, enqueueEmail, createTask, DomainError];",
    ].join("\n");
    expect(await problems("lib/calls/probe.ts", source)).toEqual([]);
  });

  it("refuses shared ground importing a domain", async () => {
    const found = await problems("lib/db/probe.ts", 'import { ensureFirstAdmin } from "@/lib/users/manage-users";\nexport const probe = ensureFirstAdmin;\n');
    expect(found.join(" ")).toContain("knows no domain");
  });

  it("refuses server/ importing app/ or components/, and allows it lib/", async () => {
    expect((await problems("server/probe.ts", 'import { Button } from "@/components/ui/button";\nexport const probe = Button;\n')).join(" ")).toContain("never the other way round");
    expect(await problems("server/probe.ts", 'import { applyPayment } from "@/lib/payments/apply-payment";\nexport const probe = applyPayment;\n')).toEqual([]);
  });

  it("refuses next/link in pages and components: links come from components/ui/link (no prefetch of every link in view)", async () => {
    const source = 'import Link from "next/link";\nexport const probe = Link;\n';
    expect((await problems("app/(workbench)/probe.tsx", source)).join(" ")).toContain("@/components/ui/link");
    expect((await problems("components/debtors/probe.tsx", source)).join(" ")).toContain("@/components/ui/link");
    expect(await problems("components/ui/link.tsx", source)).toEqual([]);
    expect(await problems("app/(workbench)/probe.tsx", 'import { Link } from "@/components/ui/link";\nexport const probe = Link;\n')).toEqual([]);
  });

  it("knows every folder of lib/: shared ground or a domain with its public faces (a new folder cannot slip past the walls)", () => {
    const folders = fs.readdirSync(path.join(root, "lib"), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
    expect(folders).toEqual([...KERNEL, ...Object.keys(PUBLIC)].sort());
  });

  it("finds nothing in the tree as it is", async () => {
    const results = await eslint.lintFiles(["lib", "server"]);
    const broken = results.flatMap((r) => r.messages.filter((m) => m.ruleId === "no-restricted-imports").map((m) => `${path.relative(root, r.filePath)}: ${m.message}`));
    expect(broken).toEqual([]);
  }, 120_000);
});
