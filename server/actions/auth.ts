"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { auth } from "@/server/auth";
import { securityContext } from "@/server/context";
import { mapError } from "@/server/errors";
import type { ActionResult } from "@/server/action-result";
import { fieldErrorsOf } from "@/lib/i18n/field-errors";
import { translate, type MessageKey } from "@/lib/i18n/translate";
import { db } from "@/lib/db/client";
import { verifySecondFactor } from "@/lib/users/two-factor";
import { SecondFactorInput } from "@/lib/users/user-schemas";
import { getRequestLocale, getSessionState } from "@/server/session";

export async function signOutAction(): Promise<void> {
  // Deletes the session row, so the old cookie is worthless even if it was copied.
  await auth()
    .api.signOut({ headers: await headers() })
    .catch(() => undefined);
  redirect("/sign-in");
}

const SECOND_FACTOR_MESSAGES: Record<"wrong_code" | "too_many_attempts" | "no_pending_sign_in", MessageKey> = {
  wrong_code: "twoFactor.wrongCode",
  too_many_attempts: "twoFactor.tooMany",
  no_pending_sign_in: "errors.signedOut",
};

/**
 * The second step of a sign-in. Not a createAction: the user is not signed in yet. The session
 * must be the one this browser holds, waiting for its second factor.
 */
export async function verifySecondFactorAction(raw: unknown): Promise<ActionResult<{ recoveryCodesLeft: number; usedRecoveryCode: boolean; next: string }>> {
  const locale = await getRequestLocale();
  try {
    const state = await getSessionState();
    if (!state || state.gate !== "second-factor") return { ok: false, error: translate(locale, "errors.signedOut") };
    const parsed = SecondFactorInput.safeParse(raw);
    if (!parsed.success) return { ok: false, error: translate(locale, "errors.invalid"), fieldErrors: fieldErrorsOf(parsed.error, locale) };
    const r = await verifySecondFactor(db(), state.user.sessionId, parsed.data.code, securityContext());
    if (!r.ok) return { ok: false, error: translate(locale, SECOND_FACTOR_MESSAGES[r.reason]), ...(r.reason === "wrong_code" ? { fieldErrors: { code: [translate(locale, "twoFactor.wrongCode")] } } : {}) };
    return { ok: true, data: { recoveryCodesLeft: r.recoveryCodesLeft, usedRecoveryCode: r.usedRecoveryCode, next: "/worklist" } };
  } catch (e) {
    return { ok: false, error: mapError(e, locale).message };
  }
}
