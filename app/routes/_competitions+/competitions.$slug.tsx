import { getFormProps, getInputProps, getSelectProps, getTextareaProps } from '@conform-to/react'
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { useMemo } from 'react'
import { HoneypotInputs, HoneypotProvider } from 'remix-utils/honeypot/react'
import { Field, FormErrors } from '~/components/form-field'
import { getPublicCompetition, timeline } from '~/models/competitions/competition.server'
import { publicResults, submitObjection } from '~/models/competitions/results.server'
import { gradeCode, objectionSchema } from '~/models/competitions/schema'
import { listOwnTeams } from '~/models/competitions/teams.server'
import { getResident } from '~/models/passport/account.server'
import { publicFormProtection } from '~/utils/form-security.server'
import { handleForm } from '~/utils/form.server'
import { formatDayTime } from '~/utils/format'
import { districtName, metaT, useLocale } from '~/utils/i18n'
import { useFormReply } from '~/utils/use-form-reply'
import { useZodForm } from '~/utils/use-zod-form'

export async function loader({ params, request }: LoaderFunctionArgs) {
  const competition = await getPublicCompetition(params.slug ?? '')
  const now = new Date()
  const [resident, results, protection] = await Promise.all([
    getResident(request),
    publicResults(competition.slug),
    publicFormProtection(request),
  ])
  const teams = resident ? await listOwnTeams(resident, competition.id) : []
  const signUpOpen = competition.status === 'OPEN' && now >= competition.signUpOpensAt && now < competition.signUpClosesAt
  return json(
    {
      competition,
      steps: timeline(competition, now),
      results,
      teams,
      signedIn: !!resident,
      signUpOpen,
      reviewOpen: competition.status === 'REVIEW' && !!competition.reviewEndsAt && now < competition.reviewEndsAt,
      csrfToken: protection.csrfToken,
      honeypotInputs: protection.honeypotInputs,
    },
    { headers: { ...protection.headers, 'Cache-Control': 'private, no-store' } },
  )
}

export async function action({ params, request }: ActionFunctionArgs) {
  const competition = await getPublicCompetition(params.slug ?? '')
  return handleForm(request, {
    schema: objectionSchema,
    access: {
      public: true,
      honeypot: true,
      limits: (address) => [{ key: `competition-objection:addr:${address}`, limit: 10, windowSeconds: 3600 }],
    },
    async submit(value, { t, done }) {
      await submitObjection(competition.slug, value)
      return done(t('competition.objection.received'), `/competitions/${competition.slug}`)
    },
  })
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const t = metaT(matches)
  const c = data?.competition
  return [
    { title: t('site.titleSuffix', { title: c ? c.title : t('competition.listTitle') }) },
    { name: 'description', content: c?.summary ?? '' },
  ]
}

export default function CompetitionPage() {
  const {
    competition: c,
    steps,
    results,
    teams,
    signedIn,
    signUpOpen,
    reviewOpen,
    csrfToken,
    honeypotInputs,
  } = useLoaderData<typeof loader>()
  const { result } = useFormReply()
  const { t, language } = useLocale()
  const en = language === 'en'
  const schema = useMemo(() => objectionSchema(t), [t])
  const [form, fields] = useZodForm(schema, { id: 'objection', lastResult: result })
  const name = (x: { name: string; nameEn: string }) => (en && x.nameEn ? x.nameEn : x.name)
  const grade = (g: number) => t(`grade.${gradeCode(g)}` as 'grade.G1')
  return (
    <article className="detail competition">
      <p className="meta">
        <Link to="/competitions">{t('competition.listTitle')}</Link>
      </p>
      <p className="meta">
        <span className="badge">{t(`competition.status.${c.status}`)}</span> {t('competition.edition', { edition: c.edition })}
        {c.district ? ` · ${districtName(c.district, language)}` : ''}
      </p>
      <h1>{en && c.titleEn ? c.titleEn : c.title}</h1>
      <p className="meta">{t('competition.organiser', { organiser: c.organiser })}</p>
      <p className="prose">{en && c.summaryEn ? c.summaryEn : c.summary}</p>

      <h2>{t('competition.timeline')}</h2>
      <ol className="timeline">
        {steps.map((s) => (
          <li key={s.key} className={s.done ? 'done' : undefined}>
            <span>{t(`competition.step.${s.key}`)}</span>
            {s.at ? <time dateTime={s.at}> {formatDayTime(s.at, language)}</time> : null}
            {s.moved.map((m) => (
              <p key={m.id} className="hint timeline-moved">
                {t('competition.moved', {
                  date: formatDayTime(m.createdAt, language),
                  before: formatDayTime(m.before, language),
                  reason: m.reason,
                })}
              </p>
            ))}
          </li>
        ))}
      </ol>

      {signUpOpen ? (
        <section aria-labelledby="signup-heading">
          <h2 id="signup-heading">{t('competition.signUp')}</h2>
          <p>{t('competition.signUpNeedsAccount')}</p>
          <p>
            <Link
              className="button primary"
              to={
                signedIn
                  ? `/competitions/${c.slug}/signup`
                  : `/account/login?redirectTo=${encodeURIComponent(`/competitions/${c.slug}/signup`)}`
              }
            >
              {signedIn ? t('competition.signUp') : t('competition.signInToSignUp')}
            </Link>
          </p>
        </section>
      ) : null}
      {teams.length ? (
        <section aria-labelledby="teams-heading">
          <h2 id="teams-heading">{t('competition.myTeams')}</h2>
          <ul>
            {teams.map((team) => (
              <li key={team.code}>
                <Link to={`/competitions/${c.slug}/teams/${team.code}`}>{team.name}</Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <h2>{t('competition.rules')}</h2>
      <ul>
        <li>{t('competition.teamSize', { min: c.minTeamSize, max: c.maxTeamSize })}</li>
        {c.oneDistrict && c.district ? <li>{t('competition.oneDistrict', { district: districtName(c.district, language) })}</li> : null}
        <li>{t('competition.onePerPupil')}</li>
      </ul>
      <h3>{t('competition.categories')}</h3>
      <ul>
        {c.categories.map((cat) => (
          <li key={cat.id}>
            {name(cat)}
            {t('site.colon')}
            {t('competition.gradeRange', { first: grade(cat.minGrade), last: grade(cat.maxGrade) })}
          </li>
        ))}
      </ul>
      {c.awards.length ? (
        <>
          <h3>{t('competition.awards')}</h3>
          <p>{t('competition.awardsPerCategory')}</p>
          <ul>
            {c.awards.map((a, i) => {
              const category = a.categoryId ? c.categories.find((x) => x.id === a.categoryId) : null
              const previous = c.awards
                .slice(0, i)
                .filter((x) => x.categoryId === a.categoryId)
                .at(-1)
              const first = (previous?.maxRank ?? 0) + 1
              return (
                <li key={a.id}>
                  {name(a)}
                  {category ? ` (${name(category)})` : ''}
                  {t('site.colon')}
                  {c.awardBasis === 'RANK' && a.maxRank !== null
                    ? t(first === a.maxRank ? 'competition.awardPlace' : 'competition.awardPlaces', { first, last: a.maxRank })
                    : t('competition.awardBand', { score: a.minScore })}
                </li>
              )
            })}
          </ul>
        </>
      ) : null}
      {c.rounds.map((r) => (
        <section key={r.id}>
          <h3>{name(r)}</h3>
          <p>{t('competition.criteria')}</p>
          <ul>
            {r.criteria.map((cr) => (
              <li key={cr.id}>
                {name(cr)} · {t('competition.weight', { weight: cr.weight })}
              </li>
            ))}
          </ul>
        </section>
      ))}

      {results ? (
        <section aria-labelledby="results-heading">
          <h2 id="results-heading">
            {c.status === 'REVIEW' && c.reviewEndsAt
              ? t('competition.results.provisional', { time: formatDayTime(c.reviewEndsAt, language) })
              : t('competition.results.final')}
          </h2>
          <div className="table-scroll">
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t('competition.results.category')}</th>
                  <th scope="col">{t('competition.results.rank')}</th>
                  <th scope="col">{t('competition.results.team')}</th>
                  <th scope="col">{t('competition.results.schools')}</th>
                  <th scope="col">{t('competition.results.members')}</th>
                  <th scope="col">{t('competition.results.award')}</th>
                </tr>
              </thead>
              <tbody>
                {results.map((r) => (
                  <tr key={r.teamId}>
                    <td>{name(r.category)}</td>
                    <td>
                      {r.rank}
                      {r.tied ? ` (${t('competition.results.tie')})` : ''}
                    </td>
                    <td>{r.team}</td>
                    <td>{r.schools.join(t('site.listSeparator'))}</td>
                    <td>{r.members.join(t('site.listSeparator'))}</td>
                    <td>{r.award ? name(r.award) : ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}

      {reviewOpen ? (
        // The heading's id is not the form's ("objection"): the fields name their form by id, and the heading's
        // took them out of it (the objection form posted nothing).
        <section aria-labelledby="objection-heading" id="objection-section">
          <h2 id="objection-heading">{t('competition.objection.title')}</h2>
          <p>{t('competition.objection.intro')}</p>
          <HoneypotProvider {...honeypotInputs}>
            <Form method="post" {...getFormProps(form)} className="stack-form">
              <input type="hidden" name="csrf" value={csrfToken} />
              <HoneypotInputs label={t('site.honeypot')} />
              <FormErrors id={form.errorId} errors={form.errors} />
              <div className="field-row">
                <Field label={t('competition.objection.name')} meta={fields.name}>
                  <input {...getInputProps(fields.name, { type: 'text' })} autoComplete="name" />
                </Field>
                <Field label={t('competition.objection.phone')} meta={fields.phone}>
                  <input {...getInputProps(fields.phone, { type: 'tel' })} inputMode="tel" autoComplete="tel" />
                </Field>
              </div>
              <Field label={t('competition.objection.team')} meta={fields.teamId}>
                <select {...getSelectProps(fields.teamId)}>
                  <option value="">{t('competition.objection.anyTeam')}</option>
                  {(results ?? []).map((r) => (
                    <option key={r.teamId} value={r.teamId}>
                      {r.team}
                    </option>
                  ))}
                </select>
              </Field>
              <Field label={t('competition.objection.text')} meta={fields.text}>
                <textarea {...getTextareaProps(fields.text)} rows={4} />
              </Field>
              <button type="submit" className="primary">
                {t('competition.objection.submit')}
              </button>
            </Form>
          </HoneypotProvider>
        </section>
      ) : null}
      <p>
        <Link to="/competitions/certificates">{t('competition.certificate.verifyTitle')}</Link>
      </p>
    </article>
  )
}
