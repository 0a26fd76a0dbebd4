import type { Schemas } from "@schakel/api-client";
import { useMutation } from "@tanstack/react-query";
import { api } from "./client";

/** Residents: the wizard records one before it asks for consent and refers. */
export function useCreateResident() {
  return useMutation({
    mutationFn: async (body: Schemas["ResidentCreate"]) => {
      const { data, error } = await api.POST("/residents", { body });
      if (error) throw error;
      return data;
    },
  });
}
