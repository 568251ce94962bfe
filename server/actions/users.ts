"use server";

import { revalidatePath } from "next/cache";
import { createAction } from "@/server/create-action";
import { changeUserRole, createUser, setUserActive, updateLocale } from "@/lib/users/manage-users";
import { resetUserPassword } from "@/lib/users/passwords";
import { resetUserTwoFactor } from "@/lib/users/two-factor";
import { ChangeUserRoleInput, CreateUserInput, ResetUserPasswordInput, ResetUserTwoFactorInput, SetUserActiveInput, UpdateLocaleInput } from "@/lib/users/user-schemas";

export const updateLocaleAction = createAction({
  input: UpdateLocaleInput,
  permission: "profile:write",
  handler: async (input, { user, db }) => {
    await updateLocale(db, user, input.locale);
    revalidatePath("/", "layout");
    return null;
  },
});

export const createUserAction = createAction({
  input: CreateUserInput,
  permission: "users:manage",
  handler: async (input, { user, db }) => {
    const created = await createUser(db, user, input);
    revalidatePath("/settings");
    return created;
  },
});

export const changeUserRoleAction = createAction({
  input: ChangeUserRoleInput,
  permission: "users:manage",
  handler: async (input, { user, db }) => {
    await changeUserRole(db, user, input);
    revalidatePath("/settings");
    return null;
  },
});

export const setUserActiveAction = createAction({
  input: SetUserActiveInput,
  permission: "users:manage",
  handler: async (input, { user, db }) => {
    await setUserActive(db, user, input);
    revalidatePath("/settings");
    return null;
  },
});

/** A temporary password, shown once to the admin; the user chooses a new one at the next sign-in. */
export const resetUserPasswordAction = createAction({
  input: ResetUserPasswordInput,
  permission: "users:manage",
  handler: async (input, { user, db }) => {
    const r = await resetUserPassword(db, user, input, { now: new Date() });
    revalidatePath("/settings");
    return r;
  },
});

/** For a user who lost their phone and their recovery codes. */
export const resetUserTwoFactorAction = createAction({
  input: ResetUserTwoFactorInput,
  permission: "users:manage",
  handler: async (input, { user, db }) => {
    await resetUserTwoFactor(db, user, input);
    revalidatePath("/settings");
    return null;
  },
});
