import type { components } from "@schakel/api-client";
import { type MailMode, mailModeLabels, mailModes, type NotificationSettings, NotificationSettingsSchema } from "@schakel/core";
import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { Link } from "react-router";
import { notificationSettingsQuery, useUpdateNotificationSettings } from "../api/notifications";
import { toProblem } from "../api/problem";
import { Alert } from "../components/alert";
import { Page } from "../components/page";
import { QueryState } from "../components/query-state";
import { SubmitButton } from "../components/submit-button";
import { applyProblem } from "../forms/apply-problem";
import { FormErrorSummary } from "../forms/form-error-summary";
import { useZodForm } from "../forms/use-zod-form";
import { PasswordChangeForm } from "./password-pages";
import { Checkbox, RadioGroup } from "./services/form-controls";

type Saved = components["schemas"]["NotificationSettings"];

/** /instellingen: how you hear of referrals by mail (a mail per event or one digest a working day). */
export function SettingsPage() {
  const settings = useQuery(notificationSettingsQuery());
  return (
    <Page title="Instellingen">
      <QueryState query={settings} loading="Je instellingen worden geladen…">
        {(saved) => <SettingsForm saved={saved} />}
      </QueryState>
      <PasswordChangeForm />
      <h2 className="utrecht-heading-2">Tweede stap bij inloggen</h2>
      <p className="utrecht-paragraph">
        <Link className="utrecht-link" to="/tweede-stap">
          Tweede stap met een authenticator-app instellen of herstelcodes vernieuwen
        </Link>
      </p>
    </Page>
  );
}

function SettingsForm({ saved }: { saved: Saved }) {
  const update = useUpdateNotificationSettings();
  const [done, setDone] = useState(false);
  const form = useZodForm(NotificationSettingsSchema, {
    defaultValues: { mailMode: saved.mailMode, allReferrals: saved.allReferrals },
  });
  const mailMode = form.watch("mailMode") as MailMode;
  const allReferrals = form.watch("allReferrals");

  useEffect(() => {
    if (form.formState.isDirty) setDone(false);
  }, [form.formState.isDirty]);

  const submit = form.handleSubmit(async (body: NotificationSettings) => {
    setDone(false);
    try {
      const next = await update.mutateAsync({ body });
      form.reset({ mailMode: next.mailMode, allReferrals: next.allReferrals });
      setDone(true);
    } catch (error) {
      applyProblem(toProblem(error), form);
    }
  });

  return (
    <form className="schakel-form" noValidate onSubmit={(e) => void submit(e)}>
      <h2 className="utrecht-heading-2">E-mail over verwijzingen</h2>
      <p className="utrecht-paragraph">
        In Schakel zie je altijd alles. Kies hoe je het ook per e-mail wilt horen. Een e-mail noemt nooit de inwoner: alleen wat
        er gebeurde, de dienst en een kort nummer, zoals V-1042.
      </p>
      <p className="utrecht-paragraph">
        Nu ingesteld: {mailModeLabels[saved.mailMode].toLowerCase()}
        {saved.canChooseAllReferrals && saved.allReferrals ? ", en elke nieuwe verwijzing aan je organisatie" : ""}.
      </p>
      {done ? (
        <Alert type="ok">
          <p className="utrecht-paragraph">Je keuze is bewaard.</p>
        </Alert>
      ) : null}
      <FormErrorSummary formState={form.formState} labels={{ mailMode: "E-mail", allReferrals: "Elke nieuwe verwijzing" }} />
      <RadioGroup
        prefix="instelling"
        field="mailMode"
        legend="Hoe wil je e-mail krijgen?"
        description="Spoedverwijzingen krijg je altijd meteen."
        options={mailModes.map((mode) => ({ value: mode, label: mailModeLabels[mode] }))}
        value={mailMode}
        onChange={(v) => form.setValue("mailMode", v, { shouldDirty: true, shouldValidate: form.formState.isSubmitted })}
        error={form.formState.errors.mailMode?.message}
      />
      {saved.canChooseAllReferrals ? (
        <Checkbox
          prefix="instelling"
          field="allReferrals"
          label="Ook elke nieuwe verwijzing aan mijn organisatie"
          description="Als beheerder hoor je anders alleen van verwijzingen die aan jou zijn gegeven."
          checked={allReferrals}
          onChange={(v) => form.setValue("allReferrals", v, { shouldDirty: true })}
        />
      ) : null}
      <div className="utrecht-button-group schakel-actions">
        <SubmitButton busy={update.isPending} busyText="Bezig met bewaren…">
          Bewaren
        </SubmitButton>
      </div>
    </form>
  );
}
