"use client";

import { useT } from "@/components/i18n/i18n-provider";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { useSubmit } from "@/components/ui/use-submit";
import { retryWebhookDeliveryAction } from "@/server/actions/webhooks";

/** Sends a failed delivery again (a repeat click finds it queued and changes nothing). */
export function RetryDeliveryButton({ deliveryId }: { deliveryId: string }) {
  const { t } = useT();
  const { pending, message, submit } = useSubmit();
  return (
    <span className="inline-flex items-center gap-1">
      <Button disabled={pending} onClick={() => submit(() => retryWebhookDeliveryAction({ deliveryId }), { success: t("webhooks.retried") })}>
        {t("webhooks.retry")}
      </Button>
      <FormMessage message={message} />
    </span>
  );
}
