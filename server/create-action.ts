import type { z } from "zod";
import { can, type Permission } from "@/lib/auth/roles";
import { db, type Db } from "@/lib/db/client";
import { fieldErrorsOf } from "@/lib/i18n/field-errors";
import { translate } from "@/lib/i18n/translate";
import type { ActionResult } from "@/server/action-result";
import { mapError } from "@/server/errors";
import { getAccountUser, getCurrentUser, type CurrentUser } from "@/server/session";

export type { ActionResult };
export type ActionContext = { user: CurrentUser; db: Db };
type ActionDeps = { currentUser: () => Promise<CurrentUser | null>; accountUser: () => Promise<CurrentUser | null>; db: () => Db };

/**
 * Builds the action wrapper from its two outside dependencies (the session and the database),
 * so the wrapper itself is unit-tested with stand-ins; `createAction` below is the real one.
 * Order: authenticate (before reading input), validate with the domain's zod schema, check the
 * role's permission (a fast refusal; the use case checks again, with ownership), run, map errors.
 */
export function actionFactory(deps: ActionDeps) {
  return function createAction<S extends z.ZodType, R>(opts: {
    input: S;
    permission: Permission;
    handler: (input: z.infer<S>, ctx: ActionContext) => Promise<R>;
    /**
     * The account security actions only: also for a user who must still choose a new password or
     * set up two-step sign-in (never for a sign-in whose second factor is still to come).
     */
    account?: true;
  }): (raw: unknown) => Promise<ActionResult<R>> {
    return async (raw: unknown) => {
      let user: CurrentUser | null;
      try {
        user = await (opts.account ? deps.accountUser() : deps.currentUser());
      } catch (e) {
        // The session lookup itself failed (the database is down): the app's own message, not a crash page.
        return { ok: false, error: mapError(e, "nl").message };
      }
      if (!user) return { ok: false, error: translate("nl", "errors.signedOut") };
      const parsed = opts.input.safeParse(raw);
      if (!parsed.success) {
        return { ok: false, error: translate(user.locale, "errors.invalid"), fieldErrors: fieldErrorsOf(parsed.error, user.locale) };
      }
      if (!can(user.role, opts.permission)) return { ok: false, error: translate(user.locale, "errors.forbidden") };
      try {
        return { ok: true, data: await opts.handler(parsed.data, { user, db: deps.db() }) };
      } catch (e) {
        const m = mapError(e, user.locale);
        return { ok: false, error: m.message, ...(m.fieldErrors ? { fieldErrors: m.fieldErrors } : {}) };
      }
    };
  };
}

/** The one wrapper every server action goes through (see `actionFactory`). */
export const createAction = actionFactory({ currentUser: getCurrentUser, accountUser: getAccountUser, db });
