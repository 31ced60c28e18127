// One resource in a list (the library, a venue's page, an activity's page): cover, type, title (keyword words
// marked), source and district. The link goes to the resource's page on Kepu, where its view is counted once.
import { Link } from '@remix-run/react'
import { districtName, useLocale } from '~/utils/i18n'
import { markParts } from '~/utils/keyword'
import type { OnlineResourceKind } from '@prisma/client'

export type ResourceCardData = {
  slug: string
  kind: OnlineResourceKind
  title: string
  summary?: string
  source?: string
  coverFileId: string | null
  isExample?: boolean
  district?: { name: string; nameEn: string }
}

export function Marked({ text, terms }: { text: string; terms: string[] }) {
  return <>{markParts(text, terms).map((part, i) => (part.match ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>))}</>
}

export function ResourceCard({ resource, terms = [] }: { resource: ResourceCardData; terms?: string[] }) {
  const { t, language } = useLocale()
  return (
    <li className="resource-card">
      {resource.coverFileId ? (
        <img src={`/files/${resource.coverFileId}`} alt={t('online.cover', { title: resource.title })} width={120} loading="lazy" />
      ) : null}
      <div>
        <p className="meta">
          {t(`online.kind.${resource.kind}`)}
          {resource.isExample ? ` · ${t('online.example')}` : ''}
        </p>
        <h2>
          <Link to={`/online/${resource.slug}`}>
            <Marked text={resource.title} terms={terms} />
          </Link>
        </h2>
        {resource.summary ? (
          <p>
            <Marked text={resource.summary} terms={terms} />
          </p>
        ) : null}
        {resource.source || resource.district ? (
          <p className="meta">
            {[resource.source, resource.district ? districtName(resource.district, language) : null].filter(Boolean).join(' · ')}
          </p>
        ) : null}
      </div>
    </li>
  )
}

/** The resources linked from a venue's or an activity's page, under its heading; nothing when there are none. */
export function LinkedResources({ id, heading, resources }: { id: string; heading: string; resources: ResourceCardData[] }) {
  if (!resources.length) return null
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{heading}</h2>
      <ul className="resource-list">
        {resources.map((resource) => (
          <ResourceCard key={resource.slug} resource={resource} />
        ))}
      </ul>
    </section>
  )
}
