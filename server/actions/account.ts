"use server";

import { revalidatePath } from "next/cache";
import QRCode from "qrcode";
import { securityContext } from "@/server/context";
import { createAction } from "@/server/create-action";
import { changeOwnPassword } from "@/lib/users/passwords";
import { beginTwoFactorEnrolment, confirmTwoFactorEnrolment, disableTwoFactor, regenerateRecoveryCodes } from "@/lib/users/two-factor";
import { ChangeOwnPasswordInput, ConfirmTwoFactorInput, DisableTwoFactorInput, EmptyInput, RegenerateRecoveryCodesInput } from "@/lib/users/user-schemas";

/**
 * The user's own sign-in security (settings and the /account/security page). These work also
 * while the user must still choose a new password or set up two-step sign-in (`account: true`).
 */
export const changeOwnPasswordAction = createAction({
  input: ChangeOwnPasswordInput,
  permission: "profile:write",
  account: true,
  handler: async (input, { user, db }) => {
    const r = await changeOwnPassword(db, user, input, { keepSessionId: user.sessionId, now: new Date() });
    revalidatePath("/", "layout");
    return r;
  },
});

export const beginTwoFactorAction = createAction({
  input: EmptyInput,
  permission: "profile:write",
  account: true,
  handler: async (_input, { user, db }) => {
    const r = await beginTwoFactorEnrolment(db, user, securityContext());
    // The QR code the authenticator app scans, as an image made here (no outside service sees the secret).
    const svg = await QRCode.toString(r.uri, { type: "svg", errorCorrectionLevel: "M", margin: 1 });
    return { ...r, qr: `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}` };
  },
});

export const confirmTwoFactorAction = createAction({
  input: ConfirmTwoFactorInput,
  permission: "profile:write",
  account: true,
  handler: async (input, { user, db }) => confirmTwoFactorEnrolment(db, user, input, { ...securityContext(), keepSessionId: user.sessionId }),
});

export const regenerateRecoveryCodesAction = createAction({
  input: RegenerateRecoveryCodesInput,
  permission: "profile:write",
  account: true,
  handler: async (input, { user, db }) => regenerateRecoveryCodes(db, user, input, securityContext()),
});

export const disableTwoFactorAction = createAction({
  input: DisableTwoFactorInput,
  permission: "profile:write",
  account: true,
  handler: async (input, { user, db }) => {
    await disableTwoFactor(db, user, input, securityContext());
    revalidatePath("/settings");
    return null;
  },
});
