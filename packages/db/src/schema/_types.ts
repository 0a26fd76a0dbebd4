import { customType } from "drizzle-orm/pg-core";

/** A PostgreSQL tsvector, only ever computed by the database. */
export const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

/** A PostgreSQL int4multirange, e.g. {[6800,6847)} for postcodes 6800–6846. */
export const int4multirange = customType<{ data: string; driverData: string }>({ dataType: () => "int4multirange" });
