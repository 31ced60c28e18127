// The one shape of a list table in Kepu: an optional caption, column headings, then the rows the page gives.
import type { ReactNode } from 'react'

export function DataTable({ caption, headings, children }: { caption?: ReactNode; headings: ReactNode[]; children: ReactNode }) {
  return (
    <table className="data-table">
      {caption ? <caption>{caption}</caption> : null}
      <thead>
        <tr>
          {headings.map((heading, index) => (
            <th key={index} scope="col">
              {heading}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  )
}

/** "你管理的活动（300，只显示最近修改的 300 个）": a count, and a note when the list stopped at its limit. */
export function countCaption(label: string, count: number, limit?: number, limitNote?: string): string {
  return `${label}（${count}${limit !== undefined && count >= limit && limitNote ? `，${limitNote}` : ''}）`
}
