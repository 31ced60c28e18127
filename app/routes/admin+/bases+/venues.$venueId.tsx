// 基地认定 of one venue (staff): its designations with their history; the venue's district admin and platform admins
// add one or change one (status, dates, 整改 deadline). The venue's own organisation staff read it.
import { getFormProps, getInputProps, getSelectProps, getTextareaProps } from '@conform-to/react'
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { CsrfInput } from '~/components/csrf-input'
import { DataTable } from '~/components/data-table'
import { Field, FormErrors } from '~/components/form-field'
import { designationSchema } from '~/models/bases/admin-schema'
import { listLevels, mayDesignate, requireDesignationVenue, venueDesignations } from '~/models/bases/designation.server'
import { designationStatusLabel } from '~/models/bases/labels'
import { adminMeta } from '~/utils/admin-meta'
import { requireStaff } from '~/utils/auth.server'
import { shanghaiDateKey } from '~/utils/shanghai-time'
import { useFormReply } from '~/utils/use-form-reply'
import { useZodForm } from '~/utils/use-zod-form'
import { designationAction } from './__designation-actions.server'
import { RecordHistory } from './__history'
import type { BaseDesignationStatus } from '@prisma/client'

export const meta: MetaFunction = () => adminMeta('基地认定')

export async function loader({ request, params }: LoaderFunctionArgs) {
  const staff = await requireStaff(request)
  const venue = await requireDesignationVenue(staff, params.venueId ?? '')
  const [{ designations, history }, levels] = await Promise.all([venueDesignations(venue.id), listLevels({ includeInactive: true })])
  return json(
    {
      venue,
      designations,
      history,
      levels: levels.map(({ key, name, active }) => ({ key, name, active })),
      canEdit: mayDesignate(staff, venue.districtId),
    },
    { headers: { 'Cache-Control': 'private, no-store' } },
  )
}

export const action = ({ request, params }: ActionFunctionArgs) => designationAction(request, params.venueId ?? '')

const dateText = (d: string | null) => (d ? shanghaiDateKey(new Date(d)) : '')

type Designation = ReturnType<typeof useLoaderData<typeof loader>>['designations'][number]
type Level = { key: string; name: string; active: boolean }

function DesignationForm({ venueId, levels, designation }: { venueId: string; levels: Level[]; designation?: Designation }) {
  const formId = designation?.id ?? 'new'
  const { result } = useFormReply(formId)
  const [form, fields] = useZodForm(designationSchema, {
    id: `designation-${formId}`,
    lastResult: result,
    defaultValue: designation
      ? {
          levelKey: designation.levelKey,
          batch: designation.batch ?? '',
          year: String(designation.year),
          validFrom: dateText(designation.validFrom),
          validUntil: dateText(designation.validUntil),
          status: designation.status,
          rectifyBy: dateText(designation.rectifyBy),
          note: designation.note ?? '',
        }
      : { status: 'ACTIVE', year: String(new Date().getFullYear()) },
  })
  return (
    <Form method="post" {...getFormProps(form)} className="stack-form">
      <CsrfInput />
      <input type="hidden" name="venueId" value={venueId} />
      {designation ? <input type="hidden" name="designationId" value={designation.id} /> : null}
      <FormErrors id={form.errorId} errors={form.errors} />
      <Field label="级别" meta={fields.levelKey}>
        <select {...getSelectProps(fields.levelKey)}>
          <option value="">请选择级别</option>
          {levels
            .filter((l) => l.active || l.key === designation?.levelKey)
            .map((l) => (
              <option key={l.key} value={l.key}>
                {l.name}
              </option>
            ))}
        </select>
      </Field>
      <Field label="认定年份" meta={fields.year}>
        <input {...getInputProps(fields.year, { type: 'text' })} inputMode="numeric" />
      </Field>
      <Field label="批次" hint="例如：2026年第一批（可不填）" meta={fields.batch}>
        <input {...getInputProps(fields.batch, { type: 'text' })} />
      </Field>
      <Field label="有效期起" hint="年-月-日" meta={fields.validFrom}>
        <input {...getInputProps(fields.validFrom, { type: 'date' })} />
      </Field>
      <Field label="有效期止" hint="含当天；长期有效可不填" meta={fields.validUntil}>
        <input {...getInputProps(fields.validUntil, { type: 'date' })} />
      </Field>
      <Field label="状态" meta={fields.status}>
        <select {...getSelectProps(fields.status)}>
          {(Object.keys(designationStatusLabel) as BaseDesignationStatus[]).map((s) => (
            <option key={s} value={s}>
              {designationStatusLabel[s]}
            </option>
          ))}
        </select>
      </Field>
      <Field label="整改期限" hint="状态为整改中时必填" meta={fields.rectifyBy}>
        <input {...getInputProps(fields.rectifyBy, { type: 'date' })} />
      </Field>
      <Field label="备注" meta={fields.note}>
        <textarea {...getTextareaProps(fields.note)} rows={2} />
      </Field>
      <button type="submit" className="primary">
        {designation ? '保存修改' : '新增认定'}
      </button>
    </Form>
  )
}

export default function AdminBaseVenuePage() {
  const { venue, designations, history, levels, canEdit } = useLoaderData<typeof loader>()
  return (
    <article className="admin-page">
      <p className="meta">
        <Link to="/admin/bases">← 科普基地</Link>
      </p>
      <h1>基地认定：{venue.name}</h1>
      <p className="meta">
        {venue.district.name} · <Link to={`/venues/${venue.slug}`}>公开页面</Link>
      </p>
      <DataTable caption={<>认定（{designations.length}）</>} headings={['级别', '年份与批次', '有效期', '状态']}>
        {designations.map((d) => (
          <tr key={d.id}>
            <td>{d.level.name}</td>
            <td>
              {d.year}
              {d.batch ? ` · ${d.batch}` : ''}
            </td>
            <td>
              {dateText(d.validFrom)} 至 {dateText(d.validUntil) || '长期'}
            </td>
            <td>
              {designationStatusLabel[d.status]}
              {d.status === 'RECTIFY' && d.rectifyBy ? `（${dateText(d.rectifyBy)} 前整改）` : ''}
            </td>
          </tr>
        ))}
      </DataTable>
      {canEdit ? (
        <>
          {designations.map((d) => (
            <section key={d.id} className="admin-section" aria-labelledby={`edit-${d.id}`}>
              <h2 id={`edit-${d.id}`}>
                修改：{d.level.name}（{d.year}）
              </h2>
              <DesignationForm venueId={venue.id} levels={levels} designation={d} />
            </section>
          ))}
          <section className="admin-section" aria-labelledby="new-designation">
            <h2 id="new-designation">新增认定</h2>
            <DesignationForm venueId={venue.id} levels={levels} />
          </section>
        </>
      ) : null}
      <RecordHistory id="designation-history" entries={history} />
    </article>
  )
}
