import { z } from "zod";
import { ROLES } from "@/lib/auth/roles";
import { LOCALES } from "@/lib/i18n/locale";
import { idField, msg, textField } from "@/lib/validation/fields";

export const UpdateLocaleInput = z.object({ locale: z.enum(LOCALES) }).strict();
export type UpdateLocaleInput = z.infer<typeof UpdateLocaleInput>;

export const CreateUserInput = z
  .object({
    name: z.string().trim().min(1, msg("validation.required")).max(100),
    email: z.email(msg("validation.email")).max(200).transform((v) => v.toLowerCase()),
    role: z.enum(ROLES),
    locale: z.enum(LOCALES).default("nl"),
    password: z.string().min(1, msg("validation.required")).max(200, msg("password.tooLong")),
  })
  .strict();
export type CreateUserInput = z.infer<typeof CreateUserInput>;

export const ChangeUserRoleInput = z.object({ userId: idField, role: z.enum(ROLES) }).strict();
export type ChangeUserRoleInput = z.infer<typeof ChangeUserRoleInput>;

export const SetUserActiveInput = z.object({ userId: idField, active: z.boolean() }).strict();
export type SetUserActiveInput = z.infer<typeof SetUserActiveInput>;

/** Password fields: the policy itself (length, known passwords) is checked in the use case. */
const passwordField = z.string().min(1, msg("validation.required")).max(200, msg("password.tooLong"));

export const ChangeOwnPasswordInput = z.object({ currentPassword: passwordField, newPassword: passwordField }).strict();
export type ChangeOwnPasswordInput = z.infer<typeof ChangeOwnPasswordInput>;

export const ResetUserPasswordInput = z.object({ userId: idField }).strict();
export type ResetUserPasswordInput = z.infer<typeof ResetUserPasswordInput>;

export const ResetUserTwoFactorInput = z.object({ userId: idField }).strict();
export type ResetUserTwoFactorInput = z.infer<typeof ResetUserTwoFactorInput>;

const totpCode = z.string().trim().regex(/^\d{3}\s?\d{3}$/, msg("twoFactor.codeFormat"));
export const ConfirmTwoFactorInput = z.object({ code: totpCode }).strict();
export type ConfirmTwoFactorInput = z.infer<typeof ConfirmTwoFactorInput>;

export const RegenerateRecoveryCodesInput = z.object({ code: totpCode }).strict();
export type RegenerateRecoveryCodesInput = z.infer<typeof RegenerateRecoveryCodesInput>;

export const DisableTwoFactorInput = z.object({ password: passwordField }).strict();
export type DisableTwoFactorInput = z.infer<typeof DisableTwoFactorInput>;

/** The sign-in's second step: six digits from the app, or a recovery code (xxxxx-xxxxx). */
export const SecondFactorInput = z.object({ code: z.string().trim().min(1, msg("validation.required")).max(40, msg("twoFactor.codeFormat")) }).strict();
export type SecondFactorInput = z.infer<typeof SecondFactorInput>;

export const EmptyInput = z.object({}).strict();

/** A new personal access token for the REST API. */
export const CreateApiTokenInput = z.strictObject({
  name: textField(80).min(1, msg("validation.required")),
  scope: z.enum(["read", "write"]),
  expiresInDays: z.coerce.number().int().min(1, msg("apiTokens.errors.expiry")).max(366, msg("apiTokens.errors.expiry")),
});
export type CreateApiTokenInput = z.infer<typeof CreateApiTokenInput>;
export const RevokeApiTokenInput = z.strictObject({ tokenId: idField });
