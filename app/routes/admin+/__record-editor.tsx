// The frame of a staff page that edits one published record of a district's list (decision 030): the lecturer roster
// (`lecturers+/$lecturerId`) and the online library (`online+/$resourceId`) write the same parts: a way back to the
// list with a link to the public page once published, and groups of checkboxes (topics, audiences, districts,
// linked venues) that show, after a refused save, what was ticked rather than what is stored.
import { Link } from '@remix-run/react'
import type { AnyFieldMeta } from '~/components/form-field'

/** The values ticked: as typed after a refused post (`typed` is conform's initial value), else as stored. */
export function ticked(typed: unknown, saved: string[]): Set<string> {
  return new Set(typed === undefined ? saved : ([] as unknown[]).concat(typed).filter((v): v is string => typeof v === 'string'))
}

/** Back to the list, and to the public page when the record is published. */
export function EditorBackLinks({ list, publicPage }: { list: { to: string; label: string }; publicPage: string | null }) {
  return (
    <p className="meta">
      <Link to={list.to}>← {list.label}</Link>
      {publicPage ? (
        <>
          {' '}
          · <Link to={publicPage}>公开页面</Link>
        </>
      ) : null}
    </p>
  )
}

/** A group of checkboxes for one array field, its message under it. */
export function CheckGroup({
  legend,
  meta,
  options,
  chosen,
  empty,
}: {
  legend: string
  meta: AnyFieldMeta
  options: Array<{ value: string; label: string }>
  chosen: Set<string>
  /** Said when there is nothing to choose. */
  empty?: string
}) {
  return (
    <fieldset className={meta.errors ? 'grade-checks has-error' : 'grade-checks'} aria-describedby={meta.errors ? meta.errorId : undefined}>
      <legend>{legend}</legend>
      {options.length === 0 && empty ? <p className="hint">{empty}</p> : null}
      {options.map((o) => (
        <label key={o.value} className="check-inline">
          <input type="checkbox" name={meta.name} value={o.value} defaultChecked={chosen.has(o.value)} /> {o.label}
        </label>
      ))}
      {meta.errors ? (
        <p id={meta.errorId} className="field-error">
          {meta.errors[0]}
        </p>
      ) : null}
    </fieldset>
  )
}
