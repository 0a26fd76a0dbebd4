import { INVITATION_VALID_HOURS, roleLabels, roles } from "@schakel/core";
import { type FormEvent, useRef, useState } from "react";
import { useInviteMember } from "../../api/members";
import { fieldErrors, type Problem, toProblem } from "../../api/problem";
import { Alert, LiveRegion } from "../../components/alert";
import { SelectField, TextField } from "../../components/form-field";
import type { Role } from "../../lib/api";

type Field = "name" | "email" | "role";

const roleOptions = roles.map((r) => ({ value: r, label: roleLabels[r] }));

export function InviteMemberForm({ organizationId, organizationName }: { organizationId: string; organizationName: string }) {
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<Role>("worker");
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [sent, setSent] = useState<string | null>(null);
  const invite = useInviteMember();
  const busy = invite.isPending;
  const nameRef = useRef<HTMLInputElement>(null);
  const emailRef = useRef<HTMLInputElement>(null);

  function focusFirst(found: Partial<Record<Field, string>>) {
    if (found.name) nameRef.current?.focus();
    else if (found.email) emailRef.current?.focus();
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const found: Partial<Record<Field, string>> = {};
    if (!name.trim()) found.name = "Vul de naam in.";
    if (!email.trim()) found.email = "Vul het e-mailadres in.";
    else if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim())) {
      found.email = "Vul een geldig e-mailadres in, zoals naam@organisatie.nl.";
    }
    setErrors(found);
    setFormError(null);
    setSent(null);
    if (found.name || found.email) return focusFirst(found);

    let problem: Problem;
    try {
      const invited = await invite.mutateAsync({
        params: { path: { organizationId } },
        body: { name: name.trim(), email: email.trim(), role },
      });
      setSent(
        `We hebben een uitnodiging gestuurd naar ${invited.name} (${invited.email}). De link in de e-mail is ${INVITATION_VALID_HOURS} uur geldig.`,
      );
      setName("");
      setEmail("");
      setRole("worker");
      return;
    } catch (error) {
      problem = toProblem(error);
    }
    const byField = fieldErrors(problem);
    const fromServer = { name: byField.name, email: byField.email, role: byField.role };
    if (fromServer.name || fromServer.email || fromServer.role) {
      setErrors(fromServer);
      focusFirst(fromServer);
      return;
    }
    setFormError(problem.detail);
  }

  return (
    <form className="schakel-form" noValidate onSubmit={submit} aria-labelledby="uitnodigen-titel">
      <p className="utrecht-paragraph">
        Je collega krijgt een e-mail met een link. Met die link kiest je collega een wachtwoord en kan daarna meteen aan de slag
        bij {organizationName}.
      </p>
      <LiveRegion>{sent ? <Alert type="ok">{sent}</Alert> : null}</LiveRegion>
      {formError ? (
        <Alert type="error">
          <p className="utrecht-paragraph">{formError}</p>
        </Alert>
      ) : null}
      <TextField
        id="uitnodigen-naam"
        name="name"
        label="Naam"
        autoComplete="off"
        value={name}
        onChange={setName}
        error={errors.name}
        inputRef={nameRef}
      />
      <TextField
        id="uitnodigen-email"
        name="email"
        label="E-mailadres"
        type="email"
        autoComplete="off"
        value={email}
        onChange={setEmail}
        error={errors.email}
        inputRef={emailRef}
      />
      <SelectField
        id="uitnodigen-rol"
        name="role"
        label="Rol"
        value={role}
        options={roleOptions}
        onChange={setRole}
        error={errors.role}
      />
      <div className="utrecht-button-group schakel-actions">
        <button type="submit" className="utrecht-button utrecht-button--primary-action" aria-disabled={busy || undefined}>
          {busy ? "Uitnodiging wordt verstuurd…" : "Uitnodiging versturen"}
        </button>
      </div>
    </form>
  );
}
