"use server";

import { revalidatePath } from "next/cache";
import { settings } from "@/lib/env/settings";
import { createWebhookSubscription, retryWebhookDelivery, rotateWebhookSecret, updateWebhookSubscription, type WebhookContext } from "@/lib/webhooks/manage-webhooks";
import { CreateWebhookSubscriptionInput, RetryWebhookDeliveryInput, RotateWebhookSecretInput, UpdateWebhookSubscriptionInput } from "@/lib/webhooks/webhook-schemas";
import { createAction } from "@/server/create-action";
import { wakeWebhooks } from "@/server/jobs/webhooks";

const PAGE = "/settings/webhooks";

function webhookContext(): WebhookContext {
  const s = settings();
  return { appSecret: s.authSecret, allowHttp: s.webhookAllowHttp, now: new Date() };
}

/** The secret comes back once, in this answer; a repeat of the same submit gets the same one. */
export const createWebhookSubscriptionAction = createAction({
  input: CreateWebhookSubscriptionInput,
  permission: "integrations:manage",
  handler: async (input, { user, db }) => {
    const r = await createWebhookSubscription(db, user, input, webhookContext());
    revalidatePath(PAGE);
    return { id: r.id, secret: r.secret };
  },
});

export const updateWebhookSubscriptionAction = createAction({
  input: UpdateWebhookSubscriptionInput,
  permission: "integrations:manage",
  handler: async (input, { user, db }) => {
    await updateWebhookSubscription(db, user, input, webhookContext());
    revalidatePath(PAGE);
    return null;
  },
});

export const rotateWebhookSecretAction = createAction({
  input: RotateWebhookSecretInput,
  permission: "integrations:manage",
  handler: async (input, { user, db }) => {
    const r = await rotateWebhookSecret(db, user, input, webhookContext());
    revalidatePath(PAGE);
    return { secret: r.secret };
  },
});

export const retryWebhookDeliveryAction = createAction({
  input: RetryWebhookDeliveryInput,
  permission: "integrations:manage",
  handler: async (input, { user, db }) => {
    const r = await retryWebhookDelivery(db, user, input, webhookContext());
    if (r.requeued) wakeWebhooks();
    revalidatePath(PAGE);
    return r;
  },
});
