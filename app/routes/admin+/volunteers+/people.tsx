// 志愿者 (district and platform admins): the district's volunteers with their credited hours and no-shows (no phone
// numbers), and lifting a no-show block with a reason (audited).
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { ActionNotices } from '~/components/action-notices'
import { CsrfInput } from '~/components/csrf-input'
import { DataTable } from '~/components/data-table'
import { hoursOf } from '~/models/volunteers/schema'
import { listVolunteersForStaff, requireVolunteerDistrict, volunteerRule } from '~/models/volunteers/volunteer.server'
import { adminMeta } from '~/utils/admin-meta'
import { requireStaff } from '~/utils/auth.server'
import { formatDate } from '~/utils/format'
import { useFormReply } from '~/utils/use-form-reply'
import { DistrictFilterBar } from '../__district-picker'
import { liftAction } from './__settings-actions.server'

export const meta: MetaFunction = () => adminMeta('志愿者')

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request)
  const { districts, ...district } = await requireVolunteerDistrict(staff, new URL(request.url).searchParams.get('district'))
  const [volunteers, rule] = await Promise.all([listVolunteersForStaff(staff, { districtId: district.id }), volunteerRule(district.id)])
  return json({ districts, district, volunteers, rule }, { headers: { 'Cache-Control': 'private, no-store' } })
}

export const action = ({ request }: ActionFunctionArgs) => liftAction(request)

export default function AdminVolunteerPeoplePage() {
  const { districts, district, volunteers, rule } = useLoaderData<typeof loader>()
  const { error } = useFormReply()
  return (
    <article className="admin-page">
      <p className="meta">
        <Link to="/admin/volunteers">← 志愿岗位</Link>
      </p>
      <h1>志愿者：{district.name}</h1>
      <DistrictFilterBar id="volunteer-district" districts={districts} value={district.id} />
      <ActionNotices error={error} />
      <p className="hint">
        {rule.noShowLimit
          ? `本区规定：录用后未到岗 ${rule.noShowLimit} 次暂停报名，解除需写明原因（记入审计日志）。`
          : '本区未启用爽约暂停。'}
        联系志愿者请通过岗位消息；列表不显示手机号。
      </p>
      <DataTable
        caption={<>志愿者（最近 200 位，{volunteers.length}）</>}
        headings={['姓名', '上海志愿者网编号', '加入', '记录时长', '爽约', '处理']}
      >
        {volunteers.map((v) => (
          <tr key={v.id}>
            <td>{v.name}</td>
            <td>{v.shVolunteerNo ?? ''}</td>
            <td>{formatDate(v.createdAt)}</td>
            <td>{hoursOf(v.creditedMinutes)} 小时</td>
            <td>{v.noShows ?? ''}</td>
            <td>
              {rule.noShowLimit && (v.noShows ?? 0) >= rule.noShowLimit ? (
                <Form method="post" className="inline-form">
                  <CsrfInput />
                  <input type="hidden" name="intent" value="lift" />
                  <input type="hidden" name="volunteerId" value={v.id} />
                  <input type="hidden" name="districtId" value={district.id} />
                  <label htmlFor={`lift-${v.id}`}>解除原因</label>
                  <input id={`lift-${v.id}`} name="reason" />
                  <button type="submit">解除暂停</button>
                </Form>
              ) : null}
            </td>
          </tr>
        ))}
      </DataTable>
    </article>
  )
}
