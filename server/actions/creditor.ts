"use server";

import { revalidatePath } from "next/cache";
import { ResetMessageTemplateInput, SaveCreditorSettingsInput, SaveMessageTemplateInput } from "@/lib/creditor/creditor-schemas";
import { saveCreditorSettings } from "@/lib/creditor/save-creditor-settings";
import { resetMessageTemplate, saveMessageTemplate } from "@/lib/creditor/save-message-template";
import { createAction } from "@/server/create-action";

const PAGE = "/settings/creditor";

export const saveCreditorSettingsAction = createAction({
  input: SaveCreditorSettingsInput,
  permission: "settings:write",
  handler: async (input, { user, db }) => {
    // Letters, summaries and mail use the new details at once (server/context.ts checks the row's version).
    const r = await saveCreditorSettings(db, user, input);
    revalidatePath(PAGE);
    revalidatePath("/settings");
    revalidatePath("/dunning");
    return r;
  },
});

export const saveMessageTemplateAction = createAction({
  input: SaveMessageTemplateInput,
  permission: "settings:write",
  handler: async (input, { user, db }) => {
    const r = await saveMessageTemplate(db, user, input);
    revalidatePath(PAGE);
    return r;
  },
});

export const resetMessageTemplateAction = createAction({
  input: ResetMessageTemplateInput,
  permission: "settings:write",
  handler: async (input, { user, db }) => {
    await resetMessageTemplate(db, user, input);
    revalidatePath(PAGE);
    return null;
  },
});
