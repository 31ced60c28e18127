// A row of labelled figures (staff dashboards and a session's live counts): one shape for every such list.
import type { ReactNode } from 'react'

export function FigureList({
  figures,
  large,
  live,
}: {
  figures: Array<[label: string, value: ReactNode]>
  large?: boolean
  live?: boolean
}) {
  return (
    <dl className={large ? 'figures figures-large' : 'figures'} aria-live={live ? 'polite' : undefined}>
      {figures.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  )
}
