// Becoming a volunteer (or saving the profile): consent is asked the first time only (the model checks it).
import { requireResident } from '~/models/passport/account.server'
import { volunteerProfileSchema } from '~/models/volunteers/schema'
import { saveVolunteer } from '~/models/volunteers/volunteer.server'
import { handleForm } from '~/utils/form.server'
import { getLanguage } from '~/utils/i18n.server'
import { redirectWithToast } from '~/utils/toast.server'

export async function joinAction(request: Request) {
  const resident = await requireResident(request)
  const language = await getLanguage(request)
  const role = new URL(request.url).searchParams.get('role')
  return handleForm(request, {
    schema: volunteerProfileSchema,
    access: { public: true, limits: (address) => [{ key: `volunteer-join:ip:${address}`, limit: 30, windowSeconds: 600 }] },
    async submit(value, { t }) {
      const { created } = await saveVolunteer(resident.id, value, language)
      const next = created && role && /^[a-z0-9]{20,40}$/.test(role) ? `/volunteers/roles/${role}` : '/volunteers/me'
      return redirectWithToast(request, next, t('volunteers.saved'))
    },
  })
}
