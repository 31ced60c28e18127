// The lecturer's own page (decision 034): signed in with the resident account a one-time link joined to it, the
// lecturer keeps their profile current, answers orders dispatched to them (接单 with a date, or decline with a
// reason) and reads their ratings. Everything is found through the signed-in account: no id in the form names a
// lecturer, so nobody can edit another's page.
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { ActionNotices } from '~/components/action-notices'
import { answerDispatch, lecturerOrders } from '~/models/lecturers/dispatch.server'
import { saveOwnProfile } from '~/models/lecturers/roster.server'
import {
  LECTURER_AUDIENCES,
  LECTURER_TOPICS,
  lecturerAnswerSchema,
  lecturerProfileFields,
  MAX_MONTHLY_CAPACITY,
} from '~/models/lecturers/schema'
import { requireResident } from '~/models/passport/account.server'
import { LecturerPhoto, useLecturerLabels } from '~/routes/_lecturers+/__lecturer-card'
import { publicFormProtection } from '~/utils/form-security.server'
import { handleForm } from '~/utils/form.server'
import { formatDayTime } from '~/utils/format'
import { metaT, useLocale } from '~/utils/i18n'
import { publicOrigin } from '~/utils/links.server'
import { useFormReply } from '~/utils/use-form-reply'
import type { TFunction } from 'i18next'

export const meta: MetaFunction = ({ matches }) => [
  { title: metaT(matches)('lecturer.own.heading') },
  { name: 'robots', content: 'noindex' },
]

export async function loader({ request }: LoaderFunctionArgs) {
  const resident = await requireResident(request)
  const [own, protection] = await Promise.all([lecturerOrders(resident.id), publicFormProtection(request)])
  const headers = { ...protection.headers, 'Cache-Control': 'private, no-store' }
  if (!own) return json({ own: null, csrfToken: protection.csrfToken }, { headers })
  const { lecturer, orders } = own
  return json(
    {
      own: {
        lecturer: {
          id: lecturer.id,
          name: lecturer.name,
          organisation: lecturer.organisation,
          title: lecturer.title,
          topics: lecturer.topics,
          audiences: lecturer.audiences,
          monthlyCapacity: lecturer.monthlyCapacity,
          bio: lecturer.bio,
          published: lecturer.published,
          photoFileId: lecturer.photoFileId,
        },
        orders,
      },
      csrfToken: protection.csrfToken,
    },
    { headers },
  )
}

const pageSchema = (t: TFunction) =>
  z.discriminatedUnion('intent', [
    z.object({ intent: z.literal('profile'), ...lecturerProfileFields(t) }),
    ...lecturerAnswerSchema(t).options,
  ])

export async function action({ request }: ActionFunctionArgs) {
  const resident = await requireResident(request)
  return handleForm(request, {
    schema: pageSchema,
    access: { public: true },
    submit: async (value, { t, done }) => {
      if (value.intent === 'profile') {
        const { intent: _intent, ...profile } = value
        await saveOwnProfile(resident.id, profile)
        return done(t('lecturer.own.saved'))
      }
      await answerDispatch(resident.id, value, new Date(), publicOrigin())
      return done(t(value.intent === 'accept' ? 'lecturer.own.accepted' : 'lecturer.own.declined'))
    },
  })
}

export default function OwnLecturerPage() {
  const { own, csrfToken } = useLoaderData<typeof loader>()
  const reply = useFormReply()
  const { t, language } = useLocale()
  const labels = useLecturerLabels()
  if (!own)
    return (
      <article className="detail narrow">
        <h1>{t('lecturer.own.heading')}</h1>
        <p>{t('lecturer.own.notLinked')}</p>
      </article>
    )
  const { lecturer, orders } = own
  const errors = (reply.result?.error ?? {}) as Record<string, string[] | null>
  const typed = (reply.result?.initialValue ?? {}) as Record<string, unknown>
  const fromProfile = typed.intent === 'profile'
  const text = (name: string, fallback: string) => (fromProfile && typeof typed[name] === 'string' ? (typed[name] as string) : fallback)
  const chosen = (name: string, fallback: string[]) =>
    new Set(fromProfile ? ([] as unknown[]).concat(typed[name] ?? []).filter((v): v is string => typeof v === 'string') : fallback)
  const fieldError = (name: string) =>
    fromProfile && errors[name]?.[0] ? (
      <p id={`own-${name}-error`} className="field-error">
        {errors[name]![0]}
      </p>
    ) : null
  const described = (name: string) =>
    fromProfile && errors[name]?.[0] ? { 'aria-invalid': true, 'aria-describedby': `own-${name}-error` } : {}
  const topics = chosen('topics', lecturer.topics)
  const audiences = chosen('audiences', lecturer.audiences)
  const dispatched = orders.filter((o) => o.status === 'DISPATCHED')
  const rated = orders.filter((o) => o.rating !== null)
  return (
    <article className="detail">
      <h1>{t('lecturer.own.heading')}</h1>
      <p>{t('lecturer.own.signedInAs', { name: lecturer.name })}</p>
      <p>{lecturer.published ? <Link to={`/lecturers/${lecturer.id}`}>{t('lecturer.own.publicPage')}</Link> : t('lecturer.own.hidden')}</p>
      <ActionNotices error={reply.error} />

      <section aria-labelledby="own-orders">
        <h2 id="own-orders">{t('lecturer.own.orders')}</h2>
        {dispatched.length === 0 ? <p>{t('lecturer.own.noOrders')}</p> : null}
        {dispatched.map((order) => (
          <div key={order.id} className="card lecturer-order">
            <h3>{order.menuItem.title}</h3>
            <dl className="facts">
              <dt>{t('lecturer.own.site')}</dt>
              <dd>
                {order.siteName} · {order.siteAddress}
              </dd>
              <dt>{t('lecturer.own.preferred')}</dt>
              <dd>{order.preferredDates}</dd>
              <dt>{t('lecturer.own.audienceSize')}</dt>
              <dd>{order.expectedAudience}</dd>
            </dl>
            <Form method="post" className="stack-form">
              <input type="hidden" name="csrf" value={csrfToken} />
              <input type="hidden" name="orderId" value={order.id} />
              <p className="hint">{t('lecturer.own.acceptHint')}</p>
              <div className="field">
                <label htmlFor={`starts-${order.id}`}>{t('lecturer.own.startsAt')}</label>
                <input id={`starts-${order.id}`} name="startsAt" type="datetime-local" required />
              </div>
              <button type="submit" name="intent" value="accept" className="primary">
                {t('lecturer.own.accept')}
              </button>
            </Form>
            <Form method="post" className="stack-form">
              <input type="hidden" name="csrf" value={csrfToken} />
              <input type="hidden" name="orderId" value={order.id} />
              <div className="field">
                <label htmlFor={`reason-${order.id}`}>{t('lecturer.own.declineReason')}</label>
                <input id={`reason-${order.id}`} name="reason" maxLength={300} />
              </div>
              <button type="submit" name="intent" value="decline" className="danger">
                {t('lecturer.own.decline')}
              </button>
            </Form>
          </div>
        ))}
        {orders
          .filter((o) => o.status !== 'DISPATCHED')
          .map((order) => (
            <p key={order.id}>
              {order.menuItem.title} · {order.siteName} · {t(`menuOrderStatus.${order.status}`)}
              {order.event?.sessions[0] ? ` · ${formatDayTime(order.event.sessions[0].startsAt, language)}` : ''}
            </p>
          ))}
      </section>

      <section aria-labelledby="own-ratings">
        <h2 id="own-ratings">{t('lecturer.own.ratings')}</h2>
        {rated.length === 0 ? <p>{t('lecturer.own.noRatings')}</p> : null}
        <ul>
          {rated.map((order) => (
            <li key={order.id}>
              {order.menuItem.title} · {order.siteName} · {t('lecturer.rate.scoreLabel', { score: order.rating })}
              {order.ratingComment ? t('lecturer.commentAfter', { comment: order.ratingComment }) : ''}
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="own-photo">
        <h2 id="own-photo">{t('lecturer.own.photoHeading')}</h2>
        <LecturerPhoto fileId={lecturer.photoFileId} name={lecturer.name} size={120} />
        <p>
          <Link to="/lecturer/photo">{t('lecturer.own.uploadPhoto')}</Link>
        </p>
      </section>

      <section aria-labelledby="own-profile">
        <h2 id="own-profile">{t('lecturer.own.heading')}</h2>
        {/* Drawn again from what is saved once a save has changed it (the inputs keep their defaults otherwise). */}
        <Form method="post" className="stack-form" key={JSON.stringify(lecturer)}>
          <input type="hidden" name="csrf" value={csrfToken} />
          <input type="hidden" name="intent" value="profile" />
          <div className="field">
            <label htmlFor="own-name">{t('lecturer.name')}</label>
            <input id="own-name" name="name" defaultValue={text('name', lecturer.name)} {...described('name')} />
            {fieldError('name')}
          </div>
          <div className="field">
            <label htmlFor="own-organisation">{t('lecturer.organisation')}</label>
            <input
              id="own-organisation"
              name="organisation"
              defaultValue={text('organisation', lecturer.organisation)}
              {...described('organisation')}
            />
            {fieldError('organisation')}
          </div>
          <div className="field">
            <label htmlFor="own-title">{t('lecturer.title')}</label>
            <input id="own-title" name="title" defaultValue={text('title', lecturer.title)} {...described('title')} />
            {fieldError('title')}
          </div>
          <fieldset className="field" {...described('topics')}>
            <legend>{t('lecturer.topics')}</legend>
            {LECTURER_TOPICS.map((key) => (
              <label key={key} className="check-inline">
                <input type="checkbox" name="topics" value={key} defaultChecked={topics.has(key)} /> {labels.topic(key)}
              </label>
            ))}
            {fieldError('topics')}
          </fieldset>
          <fieldset className="field" {...described('audiences')}>
            <legend>{t('lecturer.audiences')}</legend>
            {LECTURER_AUDIENCES.map((key) => (
              <label key={key} className="check-inline">
                <input type="checkbox" name="audiences" value={key} defaultChecked={audiences.has(key)} /> {labels.audience(key)}
              </label>
            ))}
            {fieldError('audiences')}
          </fieldset>
          <div className="field">
            <label htmlFor="own-capacity">{t('lecturer.own.capacity')}</label>
            <input
              id="own-capacity"
              name="monthlyCapacity"
              type="number"
              inputMode="numeric"
              min={0}
              max={MAX_MONTHLY_CAPACITY}
              defaultValue={text('monthlyCapacity', String(lecturer.monthlyCapacity))}
              {...described('monthlyCapacity')}
            />
            <p className="hint">{t('lecturer.own.capacityHint')}</p>
            {fieldError('monthlyCapacity')}
          </div>
          <div className="field">
            <label htmlFor="own-bio">{t('lecturer.bio')}</label>
            <textarea id="own-bio" name="bio" rows={6} defaultValue={text('bio', lecturer.bio)} {...described('bio')} />
            {fieldError('bio')}
          </div>
          <button type="submit" className="primary">
            {t('lecturer.own.save')}
          </button>
        </Form>
      </section>
    </article>
  )
}
