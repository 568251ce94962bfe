import { redirect } from "next/navigation";
import { db } from "@/lib/db/client";
import { nextOnWorklist } from "@/lib/worklist/worklist-cache";
import { officeClock } from "@/server/context";
import { requirePageUser } from "@/server/session";

/**
 * "Next debtor": from a debtor just worked to the next row of the user's worklist (a controller's
 * own list, the team list for others): the row that followed it, or the top of the list when it
 * has left it (its items done). Back to the worklist when nothing is left.
 */
export default async function NextDebtorPage({ searchParams }: { searchParams: Promise<{ after?: string }> }) {
  const user = await requirePageUser("debtors:read");
  const { after } = await searchParams;
  const { today, timeZone, now } = officeClock();
  const next = await nextOnWorklist(db(), { userId: user.role === "controller" ? user.id : null, day: today, today, timeZone, now }, after);
  redirect(next ? `/debtors/${next}` : "/worklist");
}
