// 数字科普点位 for staff (decision 037): the district's points (platform admins: every district's), with each one's
// kind, keeper, how many resources it shows, whether it has a report token and the plays it reported. A point is a
// venue of type 数字科普点位: "添加点位" opens the venue form with that type, then comes back here.
import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { DataTable } from '~/components/data-table'
import zhCN from '~/locales/zh-CN'
import { listPointsForStaff } from '~/models/online/points.server'
import { requireOnlineStaff } from '~/models/online/resources.server'
import { adminMeta } from '~/utils/admin-meta'
import { requireStaff } from '~/utils/auth.server'

export const meta: MetaFunction = () => adminMeta('数字科普点位')

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request)
  requireOnlineStaff(staff)
  return json({ points: await listPointsForStaff(staff) }, { headers: { 'Cache-Control': 'private, no-store' } })
}

const number = new Intl.NumberFormat('zh-CN')

export default function PointsAdminPage() {
  const { points } = useLoaderData<typeof loader>()
  return (
    <article className="admin-page">
      <h1>数字科普点位</h1>
      <p>
        科普屏幕、智慧科普盒子、科普挂画和宣传栏、党群服务中心和书院的科普 e
        站。点位的名称和位置在场馆信息里填写；这里登记它的类型、维护单位、展示的线上资源，并发放设备上报播放次数用的密钥。
      </p>
      <p className="button-row">
        <Link className="button primary" to="/admin/venues/new?type=DIGITAL_POINT">
          添加点位
        </Link>
        <Link to="/admin/online">线上科普资源</Link>
      </p>
      {points.length === 0 ? <p>还没有数字科普点位。</p> : null}
      <DataTable caption={<>点位（{points.length}）</>} headings={['名称', '类型', '维护单位', '展示资源', '上报密钥', '已上报播放', '区']}>
        {points.map((p) => (
          <tr key={p.id}>
            <td>
              <Link to={`/admin/points/${p.id}`}>{p.name}</Link>
            </td>
            <td>{p.digitalPoint ? zhCN.online.point.kind[p.digitalPoint.kind] : '未登记'}</td>
            <td>{p.digitalPoint?.keeper ?? '—'}</td>
            <td>{p.digitalPoint?._count.resources ?? 0}</td>
            <td>{p.digitalPoint?.tokenIssuedAt ? '已发放' : '未发放'}</td>
            <td>{number.format(p.plays)}</td>
            <td>{p.district.name}</td>
          </tr>
        ))}
      </DataTable>
    </article>
  )
}
