import { z } from "zod";
import { ROLES } from "@/lib/auth/roles";
import { LOCALES } from "@/lib/i18n/locale";
import { idField, msg } from "@/lib/validation/fields";

export const UpdateLocaleInput = z.object({ locale: z.enum(LOCALES) }).strict();
export type UpdateLocaleInput = z.infer<typeof UpdateLocaleInput>;

export const CreateUserInput = z
  .object({
    name: z.string().trim().min(1, msg("validation.required")).max(100),
    email: z.email(msg("validation.email")).max(200).transform((v) => v.toLowerCase()),
    role: z.enum(ROLES),
    locale: z.enum(LOCALES).default("nl"),
    password: z.string().min(10).max(200),
  })
  .strict();
export type CreateUserInput = z.infer<typeof CreateUserInput>;

export const ChangeUserRoleInput = z.object({ userId: idField, role: z.enum(ROLES) }).strict();
export type ChangeUserRoleInput = z.infer<typeof ChangeUserRoleInput>;

export const SetUserActiveInput = z.object({ userId: idField, active: z.boolean() }).strict();
export type SetUserActiveInput = z.infer<typeof SetUserActiveInput>;
