// 志愿岗位 (staff): the roles the staff member manages, with places and applications waiting; post a new role on a
// session or a venue's open day.
import { getFormProps, getInputProps, getSelectProps, getTextareaProps } from '@conform-to/react'
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { CsrfInput } from '~/components/csrf-input'
import { DataTable } from '~/components/data-table'
import { Field, FormErrors } from '~/components/form-field'
import { roleSchema } from '~/models/volunteers/admin-schema'
import { listRolesForStaff, roleFormOptions } from '~/models/volunteers/roles.server'
import { adminMeta } from '~/utils/admin-meta'
import { requireStaff } from '~/utils/auth.server'
import { formatSessionTime } from '~/utils/format'
import { shanghaiMonthRange } from '~/utils/shanghai-time'
import { useFormReply } from '~/utils/use-form-reply'
import { useZodForm } from '~/utils/use-zod-form'
import { postRoleAction } from './__actions.server'

export const meta: MetaFunction = () => adminMeta('志愿岗位')

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request)
  const [roles, options] = await Promise.all([listRolesForStaff(staff), roleFormOptions(staff)])
  return json({ roles, ...options, isAdmin: staff.role !== 'ORG_STAFF', month: shanghaiMonthRange(null).month })
}

export const action = ({ request }: ActionFunctionArgs) => postRoleAction(request)

export default function AdminVolunteersPage() {
  const { roles, sessions, venues, skills, isAdmin, month } = useLoaderData<typeof loader>()
  const { result } = useFormReply()
  const [form, fields] = useZodForm(roleSchema, { id: 'role', lastResult: result })
  return (
    <article className="admin-page">
      <h1>志愿岗位</h1>
      <div className="button-row">
        {isAdmin ? (
          <>
            <Link to="/admin/volunteers/people" className="button">
              志愿者
            </Link>
            <Link to="/admin/volunteers/settings" className="button">
              规则与技能
            </Link>
          </>
        ) : null}
      </div>
      <Form method="get" action="/admin/volunteers/export.xlsx" reloadDocument className="inline-form filter-bar">
        <label htmlFor="export-month">导出已记录的志愿时长（上海志愿者网格式）</label>
        <input id="export-month" name="month" type="month" defaultValue={month} />
        <button type="submit">下载 xlsx</button>
      </Form>
      <DataTable caption={<>你管理的岗位（{roles.length}）</>} headings={['岗位', '时间', '人数', '待处理', '状态']}>
        {roles.map((r) => (
          <tr key={r.id}>
            <td>
              <Link to={`/admin/volunteers/roles/${r.id}`}>
                {r.session ? `${r.session.event.title} · ` : r.venue ? `${r.venue.name} · ` : ''}
                {r.title}
              </Link>
            </td>
            <td>{formatSessionTime(r.startsAt, r.endsAt)}</td>
            <td>
              {r.filled} / {r.headcount}
            </td>
            <td>{r._count.shifts}</td>
            <td>{r.status === 'OPEN' ? (r.needsApproval ? '开放（需审核）' : '开放') : '已取消'}</td>
          </tr>
        ))}
      </DataTable>
      <section className="admin-section" aria-labelledby="new-role">
        <h2 id="new-role">发布岗位</h2>
        <Form method="post" {...getFormProps(form)} className="stack-form">
          <CsrfInput />
          <FormErrors id={form.errorId} errors={form.errors} />
          <Field label="场次（活动的某一场）" hint="或者不选场次，选择下面的场馆开放日" meta={fields.sessionId}>
            <select {...getSelectProps(fields.sessionId)}>
              <option value="">（不选场次）</option>
              {sessions.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.event.title} · {formatSessionTime(s.startsAt, s.endsAt)}
                </option>
              ))}
            </select>
          </Field>
          <Field label="场馆开放日" hint="不属于某场活动的岗位，如场馆开放日的讲解" meta={fields.venueId}>
            <select {...getSelectProps(fields.venueId)}>
              <option value="">（不选场馆）</option>
              {venues.map((v) => (
                <option key={v.id} value={v.id}>
                  {v.name}
                </option>
              ))}
            </select>
          </Field>
          <Field label="岗位名称" meta={fields.title}>
            <input {...getInputProps(fields.title, { type: 'text' })} />
          </Field>
          <Field label="人数" meta={fields.headcount}>
            <input {...getInputProps(fields.headcount, { type: 'text' })} inputMode="numeric" />
          </Field>
          <Field label="到岗时间" hint="上海时间" meta={fields.startsAt}>
            <input {...getInputProps(fields.startsAt, { type: 'datetime-local' })} />
          </Field>
          <Field label="结束时间" meta={fields.endsAt}>
            <input {...getInputProps(fields.endsAt, { type: 'datetime-local' })} />
          </Field>
          <fieldset>
            <legend>需要的技能</legend>
            <div className="radio-row">
              {skills.map((s) => (
                <label key={s.key}>
                  <input type="checkbox" name={fields.skills.name} value={s.key} /> {s.name}
                </label>
              ))}
            </div>
          </fieldset>
          <Field label="岗位说明" hint="做什么、在哪里集合、穿什么、联系谁" meta={fields.briefing}>
            <textarea {...getTextareaProps(fields.briefing)} rows={4} />
          </Field>
          <div className="field field-check">
            <input {...getInputProps(fields.needsApproval, { type: 'checkbox' })} />
            <label htmlFor={fields.needsApproval.id}>需要审核（不勾选：报名即确认，满员后候补）</label>
          </div>
          <button type="submit" className="primary">
            发布岗位
          </button>
        </Form>
      </section>
    </article>
  )
}
