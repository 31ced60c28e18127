import { getFormProps, getInputProps, getTextareaProps } from '@conform-to/react'
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { useMemo } from 'react'
import { z } from 'zod'
import { ActionNotices } from '~/components/action-notices'
import { Field, FormErrors } from '~/components/form-field'
import { teamAdvancement } from '~/models/competitions/advance.server'
import { entryLinkSchema, teamSchema } from '~/models/competitions/schema'
import { getOwnTeam, submitEntryLink, updateRoster } from '~/models/competitions/teams.server'
import { requireResident } from '~/models/passport/account.server'
import { publicFormProtection } from '~/utils/form-security.server'
import { handleForm } from '~/utils/form.server'
import { formatDayTime } from '~/utils/format'
import { metaT, useLocale } from '~/utils/i18n'
import { getLanguage } from '~/utils/i18n.server'
import { prisma } from '~/utils/infra/db.server'
import { useFormReply } from '~/utils/use-form-reply'
import { useZodForm } from '~/utils/use-zod-form'
import { TeamAdvancement } from './__team-advance'
import { TeamForm, teamDefaults } from './__team-form'
import type { TFunction } from 'i18next'

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: metaT(matches)('site.titleSuffix', { title: metaT(matches)('competition.team.title', { name: data?.team.name ?? '' }) }) },
  { name: 'robots', content: 'noindex' },
]

export async function loader({ params, request }: LoaderFunctionArgs) {
  const resident = await requireResident(request)
  const team = await getOwnTeam(resident, params.slug ?? '', params.code ?? '')
  const [districts, protection, advancement] = await Promise.all([
    prisma.district.findMany({ where: { active: true }, orderBy: { code: 'asc' }, select: { id: true, name: true, nameEn: true } }),
    publicFormProtection(request),
    teamAdvancement(team.id),
  ])
  const now = new Date()
  return json(
    {
      team,
      advancement,
      districts,
      rosterOpen: team.competition.status === 'OPEN' && now < team.competition.entryClosesAt,
      entryOpen: team.competition.status === 'OPEN' && now < team.deadline,
      csrfToken: protection.csrfToken,
    },
    { headers: { ...protection.headers, 'Cache-Control': 'private, no-store' } },
  )
}

const pageSchema = (t: TFunction) =>
  z.discriminatedUnion('intent', [
    teamSchema(t).extend({ intent: z.literal('roster') }),
    entryLinkSchema(t).extend({ intent: z.literal('entry') }),
  ])

export async function action({ params, request }: ActionFunctionArgs) {
  const resident = await requireResident(request)
  const team = await getOwnTeam(resident, params.slug ?? '', params.code ?? '')
  const language = await getLanguage(request)
  const here = `/competitions/${team.competition.slug}/teams/${team.code}`
  return handleForm(request, {
    schema: pageSchema,
    access: { public: true, limits: (address) => [{ key: `competition-team:addr:${address}`, limit: 60, windowSeconds: 3600 }] },
    async submit(value, { t, done }) {
      if (value.intent === 'entry') {
        const { version } = await submitEntryLink(resident, team.id, value, { language })
        return done(t('competition.entry.received', { version }), here)
      }
      await updateRoster(resident, team.id, value, { language })
      return done(t('competition.team.saved'), here)
    },
  })
}

export default function TeamPage() {
  const { team, advancement, districts, rosterOpen, entryOpen, csrfToken } = useLoaderData<typeof loader>()
  const entryReply = useFormReply('entry')
  const rosterReply = useFormReply('roster')
  const { t, language } = useLocale()
  const en = language === 'en'
  const c = team.competition
  const entrySchema = useMemo(() => entryLinkSchema(t), [t])
  const [entryForm, entryFields] = useZodForm(entrySchema, { id: 'entry', lastResult: entryReply.result })
  return (
    <article className="detail">
      <p className="meta">
        <Link to={`/competitions/${c.slug}`}>{en && c.titleEn ? c.titleEn : c.title}</Link>
      </p>
      <h1>{t('competition.team.title', { name: team.name })}</h1>
      <p className="meta">
        {t('competition.team.code', { code: team.code })} · {en && team.category.nameEn ? team.category.nameEn : team.category.name}
      </p>

      <TeamAdvancement steps={advancement} />

      <section aria-labelledby="entry-heading">
        <h2 id="entry-heading">{t('competition.entry.title')}</h2>
        <p>{t('competition.entry.deadline', { time: formatDayTime(team.deadline, language) })}</p>
        {team.entryExtendedUntil ? (
          <p className="notice">
            {t('competition.entry.extended', {
              time: formatDayTime(team.entryExtendedUntil, language),
              reason: team.extensionReason ?? '',
            })}
          </p>
        ) : null}
        {team.entries.length === 0 ? <p>{t('competition.entry.none')}</p> : null}
        <ul className="entry-versions">
          {team.entries.map((e) => (
            <li key={e.id}>
              {t('competition.entry.version', { version: e.version })} ·{' '}
              <a href={e.url} rel="noopener noreferrer nofollow" target="_blank" className="break-anywhere">
                {e.url}
              </a>{' '}
              · {t('competition.entry.submittedAt', { time: formatDayTime(e.submittedAt, language) })}
              {e.note ? <p className="hint">{e.note}</p> : null}
            </li>
          ))}
        </ul>
        {entryOpen ? (
          <Form method="post" {...getFormProps(entryForm)} className="stack-form">
            <input type="hidden" name="csrf" value={csrfToken} />
            <input type="hidden" name="intent" value="entry" />
            <FormErrors id={entryForm.errorId} errors={entryForm.errors} />
            <p className="hint">{t('competition.entry.files')}</p>
            <Field label={t('competition.entry.link')} meta={entryFields.url}>
              <input {...getInputProps(entryFields.url, { type: 'url' })} inputMode="url" />
            </Field>
            <Field label={t('competition.entry.note')} meta={entryFields.note}>
              <textarea {...getTextareaProps(entryFields.note)} rows={2} />
            </Field>
            <button type="submit" className="primary">
              {team.entries.length ? t('competition.entry.resubmit') : t('competition.entry.submit')}
            </button>
          </Form>
        ) : (
          // A post refused because the deadline passed reloads the page without the form: the refusal stays said.
          <ActionNotices error={entryReply.error} />
        )}
      </section>

      {team.certificates.length ? (
        <section aria-labelledby="certificates-heading">
          <h2 id="certificates-heading">{t('competition.certificate.title')}</h2>
          <ul>
            {team.certificates.map((cert) => (
              <li key={cert.number}>
                {cert.member.name} · {en && cert.awardEn ? cert.awardEn : cert.award} ·{' '}
                <Link to={`/competitions/certificates/${cert.number}/print`}>{t('competition.certificate.print')}</Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="roster-heading">
        <h2 id="roster-heading">{t('competition.team.members')}</h2>
        {rosterOpen ? null : <p className="notice">{t('competition.team.frozen')}</p>}
        <TeamForm
          intent="roster"
          categories={c.categories}
          districts={districts}
          csrfToken={csrfToken}
          lastResult={rosterReply.result}
          defaultValue={teamDefaults({ ...team, members: team.members })}
          submitLabel={t('competition.team.save')}
          disabled={!rosterOpen}
        />
      </section>
    </article>
  )
}
