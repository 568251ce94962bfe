import type { Metadata } from "next";
import { translate, type MessageKey } from "@/lib/i18n/translate";
import { getRequestLocale } from "@/server/session";

/**
 * A page's title in the signed-in user's language, or the browser's before sign-in (the session
 * read is shared with the page, once per request): `export const generateMetadata = pageTitle("nav.worklist");`.
 */
export function pageTitle(key: MessageKey): () => Promise<Metadata> {
  return async () => {
    return { title: translate(await getRequestLocale(), key) };
  };
}
