import type { Metadata } from "next";
import { translate, type MessageKey } from "@/lib/i18n/translate";
import { getCurrentUser } from "@/server/session";

/**
 * A page's title in the signed-in user's language (the session read is shared with the page, once
 * per request): `export const generateMetadata = pageTitle("nav.worklist");`.
 */
export function pageTitle(key: MessageKey): () => Promise<Metadata> {
  return async () => {
    const user = await getCurrentUser();
    return { title: translate(user?.locale === "en" ? "en" : "nl", key) };
  };
}
