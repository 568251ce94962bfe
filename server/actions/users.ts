"use server";

import { revalidatePath } from "next/cache";
import { createAction } from "@/server/create-action";
import { changeUserRole, createUser, setUserActive, updateLocale } from "@/lib/users/manage-users";
import { ChangeUserRoleInput, CreateUserInput, SetUserActiveInput, UpdateLocaleInput } from "@/lib/users/user-schemas";

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
