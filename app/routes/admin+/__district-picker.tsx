// The district choice of a staff page's filter bar (a GET form): a select for staff who see several districts (a
// platform admin), otherwise the one district as a hidden field, so the bar's other choices keep it.
import { Form } from '@remix-run/react'

type DistrictChoice = { id: string; name: string }

export function DistrictPicker({
  id,
  districts,
  value,
  allValue,
}: {
  /** The select's id, for its label. */
  id: string
  districts: DistrictChoice[]
  value: string | undefined
  /** When given, a first option "全部区" with this value. */
  allValue?: string
}) {
  if (districts.length <= 1) return value ? <input type="hidden" name="district" value={value} /> : null
  return (
    <>
      <label htmlFor={id}>区</label>
      <select id={id} name="district" defaultValue={value}>
        {allValue !== undefined ? <option value={allValue}>全部区</option> : null}
        {districts.map((d) => (
          <option key={d.id} value={d.id}>
            {d.name}
          </option>
        ))}
      </select>
    </>
  )
}

/** A filter bar that is only the district: shown to staff who see several districts, nothing for the others. */
export function DistrictFilterBar({ id, districts, value }: { id: string; districts: DistrictChoice[]; value: string }) {
  if (districts.length <= 1) return null
  return (
    <Form method="get" className="inline-form filter-bar">
      <DistrictPicker id={id} districts={districts} value={value} />
      <button type="submit">查看</button>
    </Form>
  )
}
