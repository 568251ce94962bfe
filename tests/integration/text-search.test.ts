import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { listDebtors } from "@/lib/debtors/debtor-queries";
import { parseListDebtorsParams } from "@/lib/debtors/debtor-schemas";
import { contactsByName, debtorIdsByText, TEXT_IDS_MAX } from "@/lib/debtors/text-search";
import { createContact, createDebtor, createUser } from "../factories/portfolio";
import { provider, testDb } from "./test-db";

/**
 * The search box by part of a name, customer number or city. On SQLite through the trigram tables
 * kept by triggers (migration 20261203090000_search_trigram_tables), on PostgreSQL through its
 * trigram indexes on the tables themselves: the same debtors either way, also after a rename or a
 * removal, and with % or _ typed meaning those characters.
 */
const TODAY = "2026-12-03";
/** Letters only, unique per test, so a search finds this test's rows and nobody else's. */
const token = () => randomUUID().replace(/[^a-f]/g, "").slice(0, 8).padEnd(8, "q");

async function found(q: string, userId: string): Promise<string[]> {
  const list = await listDebtors(testDb, parseListDebtorsParams({ q }), { today: TODAY, userId, provider }, { pageSize: 200 });
  return list.rows.map((r) => r.name).sort();
}

describe("search by part of a name", () => {
  it("finds a debtor by part of its name in any ASCII case, by the start of its customer number or city, and follows renames and removals", async () => {
    const me = await createUser(testDb, "controller");
    const t = token();
    const bakery = await createDebtor(testDb, { name: `Bakkerij ${t} Jansen B.V.`, city: `Zwolle${t}` });
    await createDebtor(testDb, { name: `Slagerij ${t} de Boer`, city: "Utrecht" });
    await createDebtor(testDb, { name: `Anders ${t.slice(0, 4)}`, city: "Utrecht" });

    expect(await found(`${t} JANSEN`, me.id)).toEqual([`Bakkerij ${t} Jansen B.V.`]);
    expect(await found(t.toUpperCase(), me.id)).toEqual([`Bakkerij ${t} Jansen B.V.`, `Slagerij ${t} de Boer`]);
    // The city and the customer number match from their start only.
    expect(await found(`Zwolle${t}`, me.id)).toEqual([`Bakkerij ${t} Jansen B.V.`]);
    expect(await found(`wolle${t}`, me.id)).toEqual([]);
    expect(await found(bakery.customerNumber, me.id)).toEqual([`Bakkerij ${t} Jansen B.V.`]);
    expect(await found(bakery.customerNumber.slice(1), me.id)).toEqual([]);

    await testDb.debtor.update({ where: { id: bakery.id }, data: { name: `Banketbakker ${t} Pietersen` } });
    expect(await found(`${t} Jansen`, me.id)).toEqual([]);
    expect(await found(`${t} Pietersen`, me.id)).toEqual([`Banketbakker ${t} Pietersen`]);
    // A balance update (the most frequent change of a debtor) leaves the search as it was.
    await testDb.debtor.update({ where: { id: bakery.id }, data: { openCents: 12_345n } });
    expect(await found(`${t} Pietersen`, me.id)).toEqual([`Banketbakker ${t} Pietersen`]);

    await testDb.debtor.delete({ where: { id: bakery.id } });
    expect(await found(`${t} Pietersen`, me.id)).toEqual([]);
  });

  it("finds a debtor through a contact's name, also after the contact is renamed", async () => {
    const me = await createUser(testDb, "controller");
    const t = token();
    const debtor = await createDebtor(testDb, { name: `Installatiebedrijf ${randomUUID()}` });
    const contact = await createContact(testDb, debtor.id, { name: `Marieke ${t} Visser` });

    const hits = (await listDebtors(testDb, parseListDebtorsParams({ q: `${t} visser` }), { today: TODAY, userId: me.id, provider })).rows;
    expect(hits.map((r) => [r.id, r.hits])).toEqual([[debtor.id, [{ kind: "contact", name: `Marieke ${t} Visser` }]]]);

    await testDb.contact.update({ where: { id: contact.id }, data: { name: `Marieke ${t} Smit` } });
    expect((await listDebtors(testDb, parseListDebtorsParams({ q: `${t} visser` }), { today: TODAY, userId: me.id, provider })).rows).toEqual([]);
    expect((await listDebtors(testDb, parseListDebtorsParams({ q: `${t} smit` }), { today: TODAY, userId: me.id, provider })).rows.map((r) => r.id)).toEqual([debtor.id]);
  });

  it("takes % and _ as the characters typed", async () => {
    const me = await createUser(testDb, "controller");
    const t = token();
    await createDebtor(testDb, { name: `De 50% Winkel ${t}` });
    await createDebtor(testDb, { name: `De 500 Winkel ${t}` });
    await createDebtor(testDb, { name: `Pand_${t}` });
    await createDebtor(testDb, { name: `Pand-${t}` });

    expect(await found(`50% Winkel ${t}`, me.id)).toEqual([`De 50% Winkel ${t}`]);
    expect(await found(`Pand_${t}`, me.id)).toEqual([`Pand_${t}`]);
  });

  it("hands over ids only for a few hundred debtors; a text that matches more is filtered on the table, with the same result", async () => {
    const me = await createUser(testDb, "controller");
    const t = token();
    await testDb.debtor.createMany({
      data: Array.from({ length: TEXT_IDS_MAX + 5 }, (_, i) => ({ customerNumber: `M${t}${i}`, name: `Massa ${t} ${String(i).padStart(4, "0")}`, kind: "b2b", customerSince: "2024-01-01" })),
    });
    if (provider === "sqlite") {
      expect(await debtorIdsByText(testDb, `Massa ${t} 00`)).toHaveLength(100);
      expect(await debtorIdsByText(testDb, `Massa ${t}`)).toBeNull();
      expect(await contactsByName(testDb, `zz${t}zz`, 5)).toEqual([]);
    } else {
      expect(await debtorIdsByText(testDb, `Massa ${t}`)).toBeNull();
      expect(await contactsByName(testDb, `zz${t}zz`, 5)).toBeNull();
    }
    const all = await listDebtors(testDb, parseListDebtorsParams({ q: `Massa ${t}` }), { today: TODAY, userId: me.id, provider });
    expect(all.total).toBe(TEXT_IDS_MAX + 5);
    const some = await listDebtors(testDb, parseListDebtorsParams({ q: `Massa ${t} 01` }), { today: TODAY, userId: me.id, provider });
    expect(some.total).toBe(100);
  });
});
