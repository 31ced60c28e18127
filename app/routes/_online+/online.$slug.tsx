// One resource's page (decision 037): what it is, where it comes from and under which licence, the venues and
// activities it belongs to, and the link out (https: only). Opening this page counts one view per visitor per day
// (no cookie, no address kept: reach.server.ts); a prefetch or a crawler does not count.
import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { countResourceView } from '~/models/online/reach.server'
import { findPublicResource } from '~/models/online/resources.server'
import { clientAddress } from '~/utils/form-security.server'
import { orNotFound } from '~/utils/http-errors'
import { districtName, metaT, useLocale } from '~/utils/i18n'

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: metaT(matches)('site.titleSuffix', { title: data?.resource.title ?? metaT(matches)('online.title') }) },
]

const isPrefetch = (request: Request) =>
  /prefetch/i.test(`${request.headers.get('Purpose') ?? ''} ${request.headers.get('Sec-Purpose') ?? ''}`)

export async function loader({ request, params }: LoaderFunctionArgs) {
  const resource = orNotFound(await findPublicResource(params.slug ?? ''))
  if (!isPrefetch(request))
    await countResourceView({
      resourceId: resource.id,
      address: clientAddress(request),
      userAgent: request.headers.get('User-Agent') ?? '',
    })
  const { id: _id, districtId: _districtId, ...shown } = resource
  return json({ resource: { ...shown, host: new URL(resource.url).host } }, { headers: { 'Cache-Control': 'private, no-cache' } })
}

export default function OnlineResourcePage() {
  const { resource } = useLoaderData<typeof loader>()
  const { t, language } = useLocale()
  const label = (list: 'topic' | 'audience', key: string) => t(`lecturer.${list}.${key}` as 'lecturer.topic.space')
  const linked = [
    ...resource.venues.map((v) => ({ to: `/venues/${v.venue.slug}`, name: v.venue.name })),
    ...resource.events.map((e) => ({ to: `/events/${e.event.slug}`, name: e.event.title })),
  ]
  return (
    <article className="detail">
      <p className="meta">
        <Link to="/online">← {t('online.title')}</Link>
      </p>
      <p className="meta">
        {t(`online.kind.${resource.kind}`)}
        {resource.isExample ? ` · ${t('online.example')}` : ''}
      </p>
      <h1>{resource.title}</h1>
      {resource.isExample ? <p className="notice">{t('online.exampleNote')}</p> : null}
      {resource.coverFileId ? (
        <img
          className="resource-cover"
          src={`/files/${resource.coverFileId}`}
          alt={t('online.cover', { title: resource.title })}
          width={480}
        />
      ) : null}
      <p>{resource.summary}</p>
      <p>
        <a className="button primary" href={resource.url} rel="noopener noreferrer nofollow" data-testid="resource-link">
          {resource.kind === 'POSTER' ? t('online.openPoster') : t('online.open')}
        </a>
      </p>
      <p className="hint">{t('online.leavesSite', { host: resource.host })}</p>
      <dl className="facts">
        <dt>{t('online.source')}</dt>
        <dd>{resource.source}</dd>
        <dt>{t('online.licence')}</dt>
        <dd>{resource.licence}</dd>
        <dt>{t('online.district')}</dt>
        <dd>{districtName(resource.district, language)}</dd>
        <dt>{t('online.topics')}</dt>
        <dd>{resource.topics.map((key) => label('topic', key)).join(t('lecturer.separator'))}</dd>
        <dt>{t('online.audiences')}</dt>
        <dd>{resource.audiences.map((key) => label('audience', key)).join(t('lecturer.separator'))}</dd>
      </dl>
      {linked.length ? (
        <section aria-labelledby="resource-linked">
          <h2 id="resource-linked">{t('online.linkedFrom')}</h2>
          <ul>
            {linked.map((l) => (
              <li key={l.to}>
                <Link to={l.to}>{l.name}</Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <p className="hint">{t('online.reachNote')}</p>
    </article>
  )
}
