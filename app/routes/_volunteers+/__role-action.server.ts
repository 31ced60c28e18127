// The role page's buttons: claim (or apply) and drop, for the signed-in volunteer only.
import { redirect } from '@remix-run/node'
import { z } from 'zod'
import { claimRole, dropShift } from '~/models/volunteers/roles.server'
import { publicOrigin } from '~/utils/links.server'
import { handlePublicIntent } from '~/utils/public-form.server'
import { getResident } from '~/models/passport/account.server'

const roleIntentSchema = () =>
  z.discriminatedUnion('intent', [z.object({ intent: z.literal('claim') }), z.object({ intent: z.literal('drop'), shiftId: z.string().max(40) })])

export async function roleAction(request: Request, roleId: string) {
  const resident = await getResident(request)
  if (!resident) throw redirect(`/account/login?${new URLSearchParams({ redirectTo: `/volunteers/roles/${roleId}` })}`)
  return handlePublicIntent(request, {
    schema: roleIntentSchema,
    limits: (address) => [{ key: `volunteer-claim:ip:${address}`, limit: 60, windowSeconds: 600 }],
    async submit(value, { t }) {
      if (value.intent === 'drop') {
        await dropShift(resident.id, value.shiftId, { origin: publicOrigin() })
        return { message: t('volunteers.dropped') }
      }
      const outcome = await claimRole(resident.id, roleId, { origin: publicOrigin() })
      return { message: t(outcome.status === 'ACCEPTED' ? 'volunteers.claimed' : outcome.status === 'APPLIED' ? 'volunteers.applied' : 'volunteers.waitlisted') }
    },
  })
}
