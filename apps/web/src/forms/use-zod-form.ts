import { zodResolver } from "@hookform/resolvers/zod";
import { type FieldValues, type UseFormProps, type UseFormReturn, useForm } from "react-hook-form";
import type { z } from "zod";

/**
 * A react-hook-form form validated by a zod schema, normally one from `@schakel/core` (the same
 * rules the API enforces). Fields are checked when they lose focus and again on every change once
 * they showed an error, so a message never appears while someone is still typing.
 */
export function useZodForm<TSchema extends z.ZodType<FieldValues, FieldValues>>(
  schema: TSchema,
  options: Omit<UseFormProps<z.input<TSchema>, unknown, z.output<TSchema>>, "resolver"> = {},
): UseFormReturn<z.input<TSchema>, unknown, z.output<TSchema>> {
  return useForm<z.input<TSchema>, unknown, z.output<TSchema>>({
    mode: "onTouched",
    reValidateMode: "onChange",
    shouldFocusError: false, // the error summary takes focus instead (see useErrorSummaryFocus)
    ...options,
    resolver: zodResolver(schema),
  });
}
