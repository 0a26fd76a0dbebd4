import { INVITATION_VALID_HOURS, MemberInviteSchema, roleLabels, roles } from "@schakel/core";
import { useInviteMember } from "../../api/members";
import { toProblem } from "../../api/problem";
import { Alert, LiveRegion } from "../../components/alert";
import { FormSelectField, FormTextField, formError } from "../../components/form-text-field";
import { SubmitButton } from "../../components/submit-button";
import { applyProblem } from "../../forms/apply-problem";
import { useZodForm } from "../../forms/use-zod-form";

const roleOptions = roles.map((r) => ({ value: r, label: roleLabels[r] }));
const empty = { name: "", email: "", role: "worker" as const };

/** Invite a colleague: core's rules for the name, address and role, checked before sending. */
export function InviteMemberForm({ organizationId, organizationName }: { organizationId: string; organizationName: string }) {
  const form = useZodForm(MemberInviteSchema, { defaultValues: empty, shouldFocusError: true });
  const invite = useInviteMember();
  const refused = formError(form);
  const sent = invite.isSuccess ? invite.data : null;

  const submit = form.handleSubmit(async (body) => {
    try {
      await invite.mutateAsync({ params: { path: { organizationId } }, body });
      form.reset(empty);
    } catch (error) {
      applyProblem(toProblem(error), form);
    }
  });

  return (
    <form className="schakel-form" noValidate onSubmit={submit} aria-labelledby="uitnodigen-titel">
      <p className="utrecht-paragraph">
        Je collega krijgt een e-mail met een link. Met die link kiest je collega een wachtwoord en kan daarna meteen aan de slag
        bij {organizationName}.
      </p>
      <LiveRegion>
        {sent ? (
          <Alert type="ok">
            We hebben een uitnodiging gestuurd naar {sent.name} ({sent.email}). De link in de e-mail is {INVITATION_VALID_HOURS}{" "}
            uur geldig.
          </Alert>
        ) : null}
      </LiveRegion>
      {refused ? (
        <Alert type="error">
          <p className="utrecht-paragraph">{refused}</p>
        </Alert>
      ) : null}
      <FormTextField form={form} name="name" label="Naam" autoComplete="off" />
      <FormTextField form={form} name="email" label="E-mailadres" type="email" autoComplete="off" />
      <FormSelectField form={form} name="role" label="Rol" options={roleOptions} />
      <div className="utrecht-button-group schakel-actions">
        <SubmitButton busy={invite.isPending} busyText="Uitnodiging wordt verstuurd…">
          Uitnodiging versturen
        </SubmitButton>
      </div>
    </form>
  );
}
