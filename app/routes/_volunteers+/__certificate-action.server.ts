// Printing a 志愿服务记录证明: a fresh certificate of what is credited now, then its print page.
import { redirect } from '@remix-run/node'
import { z } from 'zod'
import { requireResident } from '~/models/passport/account.server'
import { issueCertificate } from '~/models/volunteers/hours.server'
import { volunteerOf } from '~/models/volunteers/volunteer.server'
import { handleForm } from '~/utils/form.server'

export async function certificateAction(request: Request) {
  const resident = await requireResident(request)
  const volunteer = await volunteerOf(resident.id)
  if (!volunteer) throw redirect('/volunteers/join')
  return handleForm(request, {
    schema: () => z.object({ intent: z.literal('certificate') }),
    access: { public: true, limits: (address) => [{ key: `volunteer-certificate:ip:${address}`, limit: 20, windowSeconds: 3600 }] },
    async submit() {
      const number = await issueCertificate(volunteer.id)
      return redirect(`/volunteers/me/certificates/${number}`)
    },
  })
}
