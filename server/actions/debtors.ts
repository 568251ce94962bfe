"use server";

import { revalidatePath } from "next/cache";
import { dbProvider } from "@/lib/db/client";
import { officeClock } from "@/server/context";
import { createAction } from "@/server/create-action";
import { bulkDebtors } from "@/lib/debtors/bulk-debtors";
import { BulkDebtorsInput } from "@/lib/debtors/debtor-schemas";

/**
 * Assign, pause or resume a selection of debtors (the debtor list's bulk bar, and assigning one
 * debtor from its own page). `debtors:write` is the quick refusal of viewers; the use case checks
 * `debtors:assign` for assigning and each debtor's portfolio.
 */
export const bulkDebtorsAction = createAction({
  input: BulkDebtorsInput,
  permission: "debtors:write",
  handler: async (input, { user, db }) => {
    const r = await bulkDebtors(db, user, input, { ...officeClock(), provider: dbProvider() });
    // The list and every debtor page under it; assigning also moves worklist items.
    revalidatePath("/debtors", "layout");
    if (input.action === "assign") revalidatePath("/worklist");
    return r;
  },
});
