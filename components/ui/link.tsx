import NextLink from "next/link";
import type { ComponentProps } from "react";

/**
 * An in-app link: a client-side navigation that fetches its page when clicked, never before.
 *
 * Next's own `<Link>` prefetches every link that scrolls into view. Every page here is rendered
 * per request (it shows live receivables), so a prefetch cannot bring the page along: it costs
 * two requests per link (the route tree and the metadata, 4 to 7 ms of server CPU each) and saves
 * the click nothing but those two. With a worklist of 25 debtors, a debtor page with its invoices
 * and a dashboard full of drill-downs, one page view set off 24 to 70 of them (measured in
 * Chromium on the large set), several times the page's own cost: on a shared server, fifty people
 * paid for links nobody clicked. Pass `prefetch` explicitly to have it anyway.
 */
export function Link({ prefetch = false, ...props }: ComponentProps<typeof NextLink>) {
  return <NextLink prefetch={prefetch} {...props} />;
}
