/**
 * Run: SCHAKEL_URL=http://localhost:3000 SCHAKEL_TOKEN=schakel_… WEBHOOK_SECRET=whsec_… pnpm start
 * Lists the open inbox, accepts the referral named by ACCEPT (a referral id) if set, and listens on
 * PORT (default 4000) for webhooks, printing each event and the referral's status as the partner sees it.
 */
import { accept, inbox, partnerClient, referralIdOf, webhookReceiver } from "./partner";

const hub = process.env.SCHAKEL_URL ?? "http://localhost:3000";
const token = process.env.SCHAKEL_TOKEN;
const secret = process.env.WEBHOOK_SECRET;
if (!token) {
  console.error("Set SCHAKEL_TOKEN to an API token of your organization (Organisatie → Koppelingen).");
  process.exit(1);
}
const client = partnerClient(hub, token);

for (const r of await inbox(client)) console.log(`V-${r.reference}  ${r.status}  ${r.service.name}`);
if (process.env.ACCEPT) console.log("accepted:", (await accept(client, process.env.ACCEPT)).status);

if (secret) {
  const port = Number(process.env.PORT ?? 4000);
  webhookReceiver({
    secret,
    onEvent: async ({ webhookId, event }) => {
      console.log(`${event.time}  ${event.type}  (${webhookId})`);
      const referralId = referralIdOf(event);
      if (referralId) {
        const { data } = await client.GET("/referrals/{referralId}", { params: { path: { referralId } } });
        if (data) console.log(`  V-${data.reference} is now ${data.status}`);
      }
    },
  }).listen(port, () => console.log(`Listening for webhooks on port ${port}`));
}
