import { randomUUID } from "node:crypto";
import type { z } from "zod";
import { getCurrentUser, type CurrentUser } from "@/server/session";
import { can, type Permission } from "@/lib/auth/roles";
import { db, type Db } from "@/lib/db/client";
import { isDomainError } from "@/lib/db/domain-error";
import type { Locale } from "@/lib/i18n/locale";
import { fieldErrorsOf } from "@/lib/i18n/field-errors";
import { isMessageKey, translate } from "@/lib/i18n/translate";

import type { ActionResult } from "@/server/action-result";

export type { ActionResult };

export type ActionContext = { user: CurrentUser; db: Db };

/**
 * The one wrapper every server action goes through: authenticate (before reading input),
 * validate with the domain's zod schema, check the role's permission, run the use case, map
 * errors. Expected DomainErrors become the user's message; anything else is logged with a
 * reference and shown as a generic message, never a stack trace or SQL.
 * Ownership checks (which debtor) happen in `handler` via `authorize*` helpers, on parsed ids.
 */
export function createAction<S extends z.ZodType, R>(opts: {
  input: S;
  permission: Permission;
  handler: (input: z.infer<S>, ctx: ActionContext) => Promise<R>;
}): (raw: unknown) => Promise<ActionResult<R>> {
  return async (raw: unknown) => {
    const user = await getCurrentUser();
    if (!user) return { ok: false, error: translate("nl", "errors.signedOut") };
    const parsed = opts.input.safeParse(raw);
    if (!parsed.success) {
      return { ok: false, error: translate(user.locale, "errors.invalid"), fieldErrors: fieldErrorsOf(parsed.error, user.locale) };
    }
    if (!can(user.role, opts.permission)) return { ok: false, error: translate(user.locale, "errors.forbidden") };
    try {
      return { ok: true, data: await opts.handler(parsed.data, { user, db: db() }) };
    } catch (e) {
      return failure(e, user.locale);
    }
  };
}

function failure(e: unknown, locale: Locale): ActionResult<never> {
  if (isDomainError(e)) {
    const fieldErrors = e.fieldErrors
      ? Object.fromEntries(Object.entries(e.fieldErrors).map(([f, keys]) => [f, keys.map((k) => (isMessageKey(k) ? translate(locale, k) : k))]))
      : undefined;
    switch (e.code) {
      case "not_found":
        return { ok: false, error: translate(locale, "errors.notFound") };
      case "forbidden":
        return { ok: false, error: translate(locale, "errors.forbidden") };
      case "conflict":
        return { ok: false, error: translate(locale, "errors.conflict") };
      case "duplicate":
        return { ok: false, error: translate(locale, "errors.duplicate"), fieldErrors };
      case "unavailable":
        return { ok: false, error: translate(locale, "errors.unavailable") };
      case "invalid":
        return { ok: false, error: translate(locale, "errors.invalid"), fieldErrors };
    }
  }
  const ref = randomUUID().slice(0, 8);
  console.error(`[action error ${ref}]`, e);
  return { ok: false, error: translate(locale, "errors.generic", { ref }) };
}
