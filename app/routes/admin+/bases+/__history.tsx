// The audit history of a base's record (a designation, an application, a yearly report), oldest first as the model
// reads it: the day, who, what.
import { shanghaiDateKey } from '~/utils/shanghai-time'

type HistoryEntry = { id: string; at: string | Date; summary: string; actor: { name: string } | null }

export function RecordHistory({ id, entries }: { id: string; entries: HistoryEntry[] }) {
  return (
    <section className="admin-section" aria-labelledby={id} data-testid={id}>
      <h2 id={id}>历史</h2>
      {entries.length ? (
        <ul>
          {entries.map((h) => (
            <li key={h.id}>
              {shanghaiDateKey(new Date(h.at))} {h.actor?.name ?? '系统'}：{h.summary}
            </li>
          ))}
        </ul>
      ) : (
        <p className="hint">还没有记录。</p>
      )}
    </section>
  )
}
