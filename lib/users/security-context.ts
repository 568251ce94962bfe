import type { Role } from "@/lib/auth/roles";

/** What the password and two-factor use cases need from outside: the clock, the key, the policy. */
export type SecurityContext = {
  now: Date;
  /** BETTER_AUTH_SECRET: the TOTP secrets are sealed under a key derived from it */
  appSecret: string;
  /** shown in the authenticator app beside the code */
  issuer: string;
  twoFactorRequiredFor: readonly Role[];
};
