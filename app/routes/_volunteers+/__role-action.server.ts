// The role page's buttons: claim (or apply) and drop, for the signed-in volunteer only (the one form pipeline,
// decision 030): a refusal (a limit, the cut-off) comes back above the buttons; success goes back with a notice.
import { redirect } from '@remix-run/node'
import { z } from 'zod'
import { claimRole, dropShift } from '~/models/volunteers/roles.server'
import { handleForm } from '~/utils/form.server'
import { publicOrigin } from '~/utils/links.server'

const roleIntentSchema = () =>
  z.discriminatedUnion('intent', [
    z.object({ intent: z.literal('claim') }),
    z.object({ intent: z.literal('drop'), shiftId: z.string().max(40) }),
  ])

export async function roleAction(request: Request, roleId: string) {
  return handleForm(request, {
    schema: roleIntentSchema,
    access: { public: true, limits: (address) => [{ key: `volunteer-claim:ip:${address}`, limit: 60, windowSeconds: 600 }] },
    async submit(value, { t, resident, done }) {
      const signedIn = await resident()
      if (!signedIn) return redirect(`/account/login?${new URLSearchParams({ redirectTo: `/volunteers/roles/${roleId}` })}`)
      if (value.intent === 'drop') {
        await dropShift(signedIn.id, value.shiftId, { origin: publicOrigin() })
        return done(t('volunteers.dropped'))
      }
      const outcome = await claimRole(signedIn.id, roleId, { origin: publicOrigin() })
      return done(
        t(
          outcome.status === 'ACCEPTED'
            ? 'volunteers.claimed'
            : outcome.status === 'APPLIED'
              ? 'volunteers.applied'
              : 'volunteers.waitlisted',
        ),
      )
    },
  })
}
