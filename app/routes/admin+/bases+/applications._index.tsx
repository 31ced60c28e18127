// 基地申报 (staff): the applications in the staff member's scope (the organisation's own, or the district's to
// review); organisation staff start a new one for one of their venues.
import { getFormProps, getSelectProps } from '@conform-to/react'
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { CsrfInput } from '~/components/csrf-input'
import { DataTable } from '~/components/data-table'
import { Field, FormErrors } from '~/components/form-field'
import { applicationSchema } from '~/models/bases/admin-schema'
import { listApplications, venuesToApplyFor } from '~/models/bases/application.server'
import { listLevels } from '~/models/bases/designation.server'
import { applicationStatusLabel } from '~/models/bases/labels'
import { adminMeta } from '~/utils/admin-meta'
import { requireStaff } from '~/utils/auth.server'
import { shanghaiDateKey } from '~/utils/shanghai-time'
import { useFormReply } from '~/utils/use-form-reply'
import { useZodForm } from '~/utils/use-zod-form'
import { newApplicationAction } from './__application-actions.server'
import { ApplicationFields } from './__application-fields'

export const meta: MetaFunction = () => adminMeta('基地申报')

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request)
  const [applications, venues, levels] = await Promise.all([listApplications(staff), venuesToApplyFor(staff), listLevels()])
  return json(
    { applications, venues, levels: levels.map(({ key, name }) => ({ key, name })) },
    { headers: { 'Cache-Control': 'private, no-store' } },
  )
}

export const action = ({ request }: ActionFunctionArgs) => newApplicationAction(request)

export default function AdminBaseApplicationsPage() {
  const { applications, venues, levels } = useLoaderData<typeof loader>()
  const { result } = useFormReply()
  const [form, fields] = useZodForm(applicationSchema, { id: 'application', lastResult: result })
  return (
    <article className="admin-page">
      <p className="meta">
        <Link to="/admin/bases">← 科普基地</Link>
      </p>
      <h1>基地申报</h1>
      <DataTable caption={<>申报（{applications.length}）</>} headings={['场馆', '区', '申报级别', '状态', '提交日期', '评分']}>
        {applications.map((a) => (
          <tr key={a.id}>
            <td>
              <Link to={`/admin/bases/applications/${a.id}`}>{a.venue.name}</Link>
            </td>
            <td>{a.district.name}</td>
            <td>{a.level.name}</td>
            <td>{applicationStatusLabel[a.status]}</td>
            <td>{a.submittedAt ? shanghaiDateKey(new Date(a.submittedAt)) : '—'}</td>
            <td>{a.totalScore ?? '—'}</td>
          </tr>
        ))}
      </DataTable>
      {venues.length ? (
        <section className="admin-section" aria-labelledby="new-application">
          <h2 id="new-application">新的申报</h2>
          <Form method="post" {...getFormProps(form)} className="stack-form">
            <CsrfInput />
            <FormErrors id={form.errorId} errors={form.errors} />
            <Field label="场馆" meta={fields.venueId}>
              <select {...getSelectProps(fields.venueId)}>
                <option value="">请选择场馆</option>
                {venues.map((v) => (
                  <option key={v.id} value={v.id}>
                    {v.name}
                  </option>
                ))}
              </select>
            </Field>
            <Field label="申报级别" meta={fields.levelKey}>
              <select {...getSelectProps(fields.levelKey)}>
                <option value="">请选择申报级别</option>
                {levels.map((l) => (
                  <option key={l.key} value={l.key}>
                    {l.name}
                  </option>
                ))}
              </select>
            </Field>
            <ApplicationFields fields={fields} />
            <button type="submit" className="primary">
              保存草稿
            </button>
          </Form>
        </section>
      ) : null}
    </article>
  )
}
