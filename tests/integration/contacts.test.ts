import { describe, expect, it } from "vitest";
import { EditContactInput, RemoveContactInput, UpdateContactInput } from "@/lib/debtors/debtor-schemas";
import { removeContact, updateContact } from "@/lib/debtors/manage-debtors";
import { createContact, createDebtor, createUser } from "../factories/portfolio";
import { testDb } from "./test-db";

async function setup() {
  const owner = await createUser(testDb, "controller");
  const debtor = await createDebtor(testDb, { assignedControllerId: owner.id });
  const contact = await createContact(testDb, debtor.id, { name: "Karin de Wit", phone: "030 111 2233", isPrimaryForPayments: true });
  return { actor: { id: owner.id, role: "controller" as const }, debtor, contact };
}

describe("contacts outside a call", () => {
  it("are edited at the version shown; a stale screen gets a conflict, a colleague or viewer is refused", async () => {
    const { actor, contact } = await setup();
    const { contactId, ...fields } = EditContactInput.parse({ contactId: contact.id, version: contact.version, name: "Karin de Wit-Jansen", phone: "+31 30 111 2244", email: "Karin@Example.test" });
    const r = await updateContact(testDb, actor, contactId, fields);
    expect(r.version).toBe(contact.version + 1);
    expect(await testDb.contact.findUniqueOrThrow({ where: { id: contact.id } })).toMatchObject({ name: "Karin de Wit-Jansen", phone: "+31 30 111 2244", email: "karin@example.test", isPrimaryForPayments: true });
    await expect(updateContact(testDb, actor, contact.id, { ...fields, version: contact.version })).rejects.toMatchObject({ code: "conflict" });
    const colleague = await createUser(testDb, "controller");
    const viewer = await createUser(testDb, "viewer");
    await expect(updateContact(testDb, { id: colleague.id, role: "controller" }, contact.id, UpdateContactInput.parse({ name: "X", version: r.version }))).rejects.toMatchObject({ code: "forbidden" });
    await expect(updateContact(testDb, { id: viewer.id, role: "viewer" }, contact.id, UpdateContactInput.parse({ name: "X", version: r.version }))).rejects.toMatchObject({ code: "forbidden" });
    expect(EditContactInput.safeParse({ contactId: contact.id, version: 1, email: "geen-adres" }).success).toBe(false);
  });

  it("are removed at the version shown, audited with the name; earlier calls keep who was spoken to", async () => {
    const { actor, debtor, contact } = await setup();
    const call = await testDb.callLog.create({ data: { debtorId: debtor.id, authorId: actor.id, contactId: contact.id, spokeWith: contact.name, status: "final", startedAt: new Date() } });
    await expect(removeContact(testDb, actor, RemoveContactInput.parse({ contactId: contact.id, version: contact.version + 1 }))).rejects.toMatchObject({ code: "conflict" });
    const colleague = await createUser(testDb, "controller");
    await expect(removeContact(testDb, { id: colleague.id, role: "controller" }, { contactId: contact.id, version: contact.version })).rejects.toMatchObject({ code: "forbidden" });
    expect(await removeContact(testDb, actor, { contactId: contact.id, version: contact.version })).toEqual({ debtorId: debtor.id });
    expect(await testDb.contact.findUnique({ where: { id: contact.id } })).toBeNull();
    expect(await testDb.callLog.findUniqueOrThrow({ where: { id: call.id } })).toMatchObject({ contactId: null, spokeWith: "Karin de Wit" });
    expect(await testDb.auditLog.findFirstOrThrow({ where: { action: "contact.removed", entityId: contact.id } })).toMatchObject({ actorId: actor.id });
  });
});
