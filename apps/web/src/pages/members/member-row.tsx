import { canChangeMembershipStatus, MemberUpdateSchema, membershipStatusLabels, roleLabels, roles } from "@schakel/core";
import { useEffect, useId, useRef, useState } from "react";
import { z } from "zod";
import { useInviteMember, useUpdateMember } from "../../api/members";
import { toProblem } from "../../api/problem";
import type { Member } from "../../api/types";
import { useZodForm } from "../../forms/use-zod-form";
import { formatDateTime } from "../../lib/format";

type StatusChange = "deactivated" | "active";

interface MemberRowProps {
  member: Member;
  organizationId: string;
  isSelf: boolean;
  onChanged: (member: Member, message: string) => void;
  onError: (message: string) => void;
}

const badgeClass: Record<Member["status"], string> = {
  active: "utrecht-status-badge--success schakel-badge--active",
  invited: "utrecht-status-badge--warning",
  deactivated: "utrecht-status-badge--inactive",
};

/** The role select of one member: core's rule for a role. */
const RoleSchema = z.object({ role: MemberUpdateSchema.shape.role.unwrap() });

/** One member: change the role, (de)activate with a confirm step, or send a new invitation. */
export function MemberRow({ member, organizationId, isSelf, onChanged, onError }: MemberRowProps) {
  const id = useId();
  // The chosen role follows the member's (after a save, or a change elsewhere) until it is changed here.
  const roleForm = useZodForm(RoleSchema, { values: { role: member.role } });
  const role = roleForm.watch("role");
  const [confirming, setConfirming] = useState<StatusChange | null>(null);
  const update = useUpdateMember();
  const invite = useInviteMember();
  const busy = update.isPending || invite.isPending;
  const [focusAction, setFocusAction] = useState(false);
  const actionRef = useRef<HTMLButtonElement>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);
  useEffect(() => {
    if (!focusAction || confirming) return;
    actionRef.current?.focus();
    setFocusAction(false);
  }, [focusAction, confirming]);

  const path = { organizationId, memberId: member.id };
  const who = isSelf ? "jezelf" : member.name;

  function saveRole() {
    if (busy) return;
    update.mutate(
      { params: { path }, body: { role } },
      {
        onSuccess: (saved) => onChanged(saved, `De rol van ${saved.name} is nu: ${roleLabels[saved.role].toLowerCase()}.`),
        onError: (error) => {
          roleForm.reset({ role: member.role });
          onError(toProblem(error).detail);
        },
      },
    );
  }

  function changeStatus(status: StatusChange) {
    if (busy) return;
    const done = () => {
      setConfirming(null);
      setFocusAction(true);
    };
    update.mutate(
      { params: { path }, body: { status } },
      {
        onSuccess: (saved) => {
          done();
          onChanged(
            saved,
            status === "deactivated"
              ? `${saved.name} is gedeactiveerd en kan niet meer inloggen.`
              : `${saved.name} is weer actief en kan weer inloggen.`,
          );
        },
        onError: (error) => {
          done();
          onError(toProblem(error).detail);
        },
      },
    );
  }

  function inviteAgain() {
    if (busy) return;
    invite.mutate(
      { params: { path: { organizationId } }, body: { email: member.email, name: member.name, role: member.role } },
      {
        onSuccess: (saved) => onChanged(saved, `We hebben een nieuwe uitnodiging gestuurd naar ${saved.email}.`),
        onError: (error) => onError(toProblem(error).detail),
      },
    );
  }

  const roleSelectId = `${id}-rol`;
  const invitationExpired = member.invitationExpiresAt !== null && new Date(member.invitationExpiresAt).getTime() < Date.now();

  return (
    <tr className="utrecht-table__row">
      <th scope="row" className="utrecht-table__header-cell schakel-members__name">
        {member.name}
        {isSelf ? <span className="schakel-muted"> (jij)</span> : null}
      </th>
      <td data-label="E-mail" className="utrecht-table__cell schakel-members__email">
        {member.email}
      </td>
      <td data-label="Rol" className="utrecht-table__cell">
        <div className="schakel-inline-form">
          <label htmlFor={roleSelectId} className="schakel-visually-hidden">
            Rol van {member.name}
          </label>
          <select id={roleSelectId} className="utrecht-select utrecht-select--html-select" {...roleForm.register("role")}>
            {roles.map((r) => (
              <option key={r} value={r}>
                {roleLabels[r]}
              </option>
            ))}
          </select>
          {role !== member.role ? (
            <button
              type="button"
              className="utrecht-button utrecht-button--primary-action"
              aria-disabled={busy || undefined}
              onClick={saveRole}
            >
              Opslaan<span className="schakel-visually-hidden"> rol van {member.name}</span>
            </button>
          ) : null}
        </div>
      </td>
      <td data-label="Status" className="utrecht-table__cell">
        <span className={`utrecht-status-badge ${badgeClass[member.status]}`}>{membershipStatusLabels[member.status]}</span>
        {member.status === "invited" && member.invitationExpiresAt ? (
          <span className="schakel-muted schakel-block">
            {invitationExpired ? "Link verlopen" : `Link geldig tot ${formatDateTime(member.invitationExpiresAt)}`}
          </span>
        ) : null}
      </td>
      <td data-label="Acties" className="utrecht-table__cell">
        {confirming ? (
          <fieldset className="schakel-confirm">
            <legend className="utrecht-paragraph">
              {confirming === "deactivated"
                ? isSelf
                  ? "Weet je zeker dat je jezelf wilt deactiveren? Je wordt dan meteen uitgelogd."
                  : `Weet je zeker dat je ${member.name} wilt deactiveren? ${member.name} kan dan niet meer inloggen.`
                : `Weet je zeker dat je ${who} weer wilt activeren?`}
            </legend>
            <div className="utrecht-button-group">
              <button
                type="button"
                ref={confirmRef}
                className={`utrecht-button utrecht-button--primary-action${confirming === "deactivated" ? " utrecht-button--danger" : ""}`}
                aria-disabled={busy || undefined}
                onClick={() => changeStatus(confirming)}
              >
                {confirming === "deactivated" ? "Ja, deactiveren" : "Ja, weer activeren"}
              </button>
              <button
                type="button"
                className="utrecht-button utrecht-button--secondary-action"
                onClick={() => {
                  setConfirming(null);
                  setFocusAction(true);
                }}
              >
                Annuleren
              </button>
            </div>
          </fieldset>
        ) : (
          <div className="utrecht-button-group">
            {canChangeMembershipStatus(member.status, "active") && member.status !== "active" ? (
              <button
                type="button"
                ref={actionRef}
                className="utrecht-button utrecht-button--secondary-action"
                onClick={() => setConfirming("active")}
              >
                Weer activeren<span className="schakel-visually-hidden"> {member.name}</span>
              </button>
            ) : canChangeMembershipStatus(member.status, "deactivated") && member.status !== "deactivated" ? (
              <button
                type="button"
                ref={actionRef}
                className="utrecht-button utrecht-button--secondary-action"
                onClick={() => setConfirming("deactivated")}
              >
                Deactiveren<span className="schakel-visually-hidden"> {member.name}</span>
              </button>
            ) : null}
            {member.status === "invited" ? (
              <button
                type="button"
                className="utrecht-button utrecht-button--subtle"
                aria-disabled={busy || undefined}
                onClick={inviteAgain}
              >
                Opnieuw uitnodigen<span className="schakel-visually-hidden"> {member.name}</span>
              </button>
            ) : null}
          </div>
        )}
      </td>
    </tr>
  );
}
