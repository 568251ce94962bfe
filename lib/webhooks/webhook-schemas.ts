import { z } from "zod";
import { EVENT_TYPES } from "@/lib/events/domain-events";
import { idField, msg, textField } from "@/lib/validation/fields";

/** A receiver's address: an absolute http(s) URL; whether plain http is allowed is the use case's rule. */
const urlField = textField(2000)
  .min(1, msg("validation.required"))
  .refine((v) => {
    try {
      const u = new URL(v);
      return (u.protocol === "https:" || u.protocol === "http:") && u.hostname.length > 0;
    } catch {
      return false;
    }
  }, msg("webhooks.errors.url"));
const nameField = textField(100).min(1, msg("validation.required"));
const eventsField = z
  .array(z.enum(EVENT_TYPES))
  .min(1, msg("webhooks.errors.events"))
  .max(EVENT_TYPES.length)
  .transform((list) => EVENT_TYPES.filter((t) => list.includes(t)));

export const CreateWebhookSubscriptionInput = z
  .object({
    name: nameField,
    url: urlField,
    events: eventsField,
    /** made by the form once per subscriber: a repeated submit creates one */
    idempotencyKey: z.uuid(msg("validation.invalid")),
  })
  .strict();
export type CreateWebhookSubscriptionInput = z.infer<typeof CreateWebhookSubscriptionInput>;

export const UpdateWebhookSubscriptionInput = z
  .object({ subscriptionId: idField, name: nameField.optional(), url: urlField.optional(), events: eventsField.optional(), active: z.boolean().optional() })
  .strict();
export type UpdateWebhookSubscriptionInput = z.infer<typeof UpdateWebhookSubscriptionInput>;

export const RotateWebhookSecretInput = z.object({ subscriptionId: idField }).strict();
export type RotateWebhookSecretInput = z.infer<typeof RotateWebhookSecretInput>;

export const RetryWebhookDeliveryInput = z.object({ deliveryId: idField }).strict();
export type RetryWebhookDeliveryInput = z.infer<typeof RetryWebhookDeliveryInput>;
