// One volunteer role: what, when, where, the briefing and every limit, readable without an account; a volunteer
// claims (or applies for) it here and drops it until the district's cut-off.
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { ActionNotices } from '~/components/action-notices'
import { getResident } from '~/models/passport/account.server'
import { publicRole, standingOn } from '~/models/volunteers/roles.server'
import { volunteerPageOptions } from '~/models/volunteers/volunteer.server'
import { placeOf, useSkillNames, VolunteerRules } from '~/routes/_volunteers+/__parts'
import { publicFormProtection } from '~/utils/form-security.server'
import { formatSessionTime } from '~/utils/format'
import { notFound } from '~/utils/http-errors'
import { districtName, metaT, useLocale } from '~/utils/i18n'
import { useFormReply } from '~/utils/use-form-reply'
import { roleAction } from './__role-action.server'

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const t = metaT(matches)
  return [{ title: t('site.titleSuffix', { title: t('volunteers.roleTitle', { title: data?.role.title ?? '' }) }) }]
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const role = await publicRole(params.roleId ?? '')
  if (!role) throw notFound()
  const [options, resident, protection] = await Promise.all([volunteerPageOptions(), getResident(request), publicFormProtection(request)])
  const standing = resident ? await standingOn(resident.id, role.id) : { isVolunteer: false, shift: null }
  return json(
    {
      role,
      skills: options.skills,
      districts: options.districts.filter((d) => d.id === role.districtId),
      signedIn: !!resident,
      ...standing,
      csrfToken: protection.csrfToken,
    },
    { headers: { ...protection.headers, 'Cache-Control': 'private, no-store' } },
  )
}

export const action = ({ request, params }: ActionFunctionArgs) => roleAction(request, params.roleId ?? '')

export default function VolunteerRolePage() {
  const { role, skills, districts, signedIn, isVolunteer, shift, csrfToken } = useLoaderData<typeof loader>()
  const { error } = useFormReply()
  const { t, language } = useLocale()
  const skillNames = useSkillNames(skills)(role.skills)
  const holds = shift && ['APPLIED', 'WAITLISTED', 'ACCEPTED'].includes(shift.status)
  const here = `/volunteers/roles/${role.id}`
  const open = role.status === 'OPEN' && new Date(role.startsAt) > new Date()
  return (
    <article className="detail">
      <p className="meta">
        <Link to="/volunteers">{t('volunteers.listTitle')}</Link>
      </p>
      <h1>
        {role.session ? `${role.session.event.title} · ` : ''}
        {role.title}
      </h1>
      <ActionNotices error={error} />
      <dl className="facts">
        <dt>{t('volunteers.time')}</dt>
        <dd>{formatSessionTime(role.startsAt, role.endsAt, language)}</dd>
        <dt>{t('volunteers.district')}</dt>
        <dd>
          {districtName(role.district, language)} · {placeOf(role, language)}
        </dd>
        {role.organisation ? (
          <>
            <dt>{t('volunteers.organiser')}</dt>
            <dd>{role.organisation.name}</dd>
          </>
        ) : null}
        {skillNames ? (
          <>
            <dt>{t('volunteers.skill')}</dt>
            <dd>{skillNames}</dd>
          </>
        ) : null}
        <dt>{role.needsApproval ? t('volunteers.needsApproval') : t('volunteers.instant')}</dt>
        <dd>{t('volunteers.places', { filled: role.filled, headcount: role.headcount })}</dd>
      </dl>
      <h2>{t('volunteers.briefing')}</h2>
      <p className="prewrap">{role.briefing}</p>
      <VolunteerRules districts={districts} />
      {shift ? <p className="notice">{t('volunteers.yourStatus', { status: t(`volunteers.status.${shift.status}`) })}</p> : null}
      {!open ? null : !signedIn ? (
        <p className="button-row">
          <Link to={`/account/login?${new URLSearchParams({ redirectTo: here })}`} className="button primary">
            {t('volunteers.signInToClaim')}
          </Link>
        </p>
      ) : !isVolunteer ? (
        <p className="button-row">
          <Link to={`/volunteers/join?${new URLSearchParams({ role: role.id })}`} className="button primary">
            {t('volunteers.joinToClaim')}
          </Link>
        </p>
      ) : holds ? (
        <Form method="post" className="stack-form">
          <input type="hidden" name="csrf" value={csrfToken} />
          <input type="hidden" name="shiftId" value={shift.id} />
          <p className="hint">{t('volunteers.dropConfirm')}</p>
          <button type="submit" name="intent" value="drop" className="danger">
            {t('volunteers.drop')}
          </button>
        </Form>
      ) : shift?.status === 'DECLINED' ? null : (
        <Form method="post" className="stack-form">
          <input type="hidden" name="csrf" value={csrfToken} />
          <button type="submit" name="intent" value="claim" className="primary">
            {role.needsApproval ? t('volunteers.apply_') : t('volunteers.claim')}
          </button>
        </Form>
      )}
    </article>
  )
}
