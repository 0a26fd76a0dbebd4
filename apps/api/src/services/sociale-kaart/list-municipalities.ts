import { municipalities } from "@schakel/db";
import { asc } from "drizzle-orm";
import type { ServiceContext } from "../context";

/** The municipalities Schakel knows (CBS code and name), by name. */
export async function listMunicipalities(ctx: ServiceContext) {
  const rows = await ctx.db
    .select({ code: municipalities.code, name: municipalities.name })
    .from(municipalities)
    .orderBy(asc(municipalities.name));
  return { data: rows };
}
