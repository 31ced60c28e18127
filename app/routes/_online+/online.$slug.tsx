// One resource's page (decision 037): what it is, where it comes from and under which licence, the venues and
// activities it belongs to, and the link out (https: only). The page is the same for everyone, so the shared cache
// serves it; once open in a browser it posts to its view beacon (answered before Remix, server/app.ts), which counts one
// view per visitor per day (no cookie, no address kept: reach.server.ts).
import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useEffect } from 'react'
import { findPublicResource } from '~/models/online/resources.server'
import { orNotFound } from '~/utils/http-errors'
import { districtName, metaT, useLocale } from '~/utils/i18n'

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: metaT(matches)('site.titleSuffix', { title: data?.resource.title ?? metaT(matches)('online.title') }) },
]

export async function loader({ params }: LoaderFunctionArgs) {
  const resource = orNotFound(await findPublicResource(params.slug ?? ''))
  const { id: _id, districtId: _districtId, ...shown } = resource
  return json({ resource: { ...shown, host: new URL(resource.url).host } })
}

/** Counts this page's view once it is open (not when prefetched or read by a crawler without scripts). */
function useViewBeacon(slug: string) {
  useEffect(() => {
    void fetch(`/online/${encodeURIComponent(slug)}/views`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      keepalive: true,
    }).catch(() => undefined)
  }, [slug])
}

export default function OnlineResourcePage() {
  const { resource } = useLoaderData<typeof loader>()
  const { t, language } = useLocale()
  useViewBeacon(resource.slug)
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
