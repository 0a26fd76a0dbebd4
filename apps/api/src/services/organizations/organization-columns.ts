import { organizations } from "@schakel/db";

export const columns = {
  id: organizations.id,
  slug: organizations.slug,
  name: organizations.name,
  kind: organizations.kind,
  description: organizations.description,
  website: organizations.website,
  email: organizations.email,
  phone: organizations.phone,
  municipalityCodes: organizations.municipalityCodes,
  isNational: organizations.isNational,
  partnerLight: organizations.partnerLight,
};
