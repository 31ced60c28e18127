import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData, useSearchParams } from '@remix-run/react'
import { DataTable } from '~/components/data-table'
import { listVenuesForStaff } from '~/models/venue/admin.server'
import { adminMeta } from '~/utils/admin-meta'
import { requireStaff } from '~/utils/auth.server'
import { venueLevelLabel, venueTypeLabel } from '~/utils/labels'
import { countCaption } from '~/utils/staff-text'

export const meta: MetaFunction = () => adminMeta('场馆管理')

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request)
  const query = new URL(request.url).searchParams.get('q')?.trim() || undefined
  return json({ venues: await listVenuesForStaff(staff, { query }) })
}

export default function AdminVenuesPage() {
  const { venues } = useLoaderData<typeof loader>()
  const [searchParams] = useSearchParams()
  return (
    <article className="admin-page">
      <h1>场馆</h1>
      <div className="button-row">
        <Link to="/admin/venues/new" className="button primary">
          新建场馆
        </Link>
        <Link to="/admin/import" className="button">
          从表格导入
        </Link>
        <Form method="get" role="search" className="inline-form">
          <label htmlFor="venue-q">按名称查找</label>
          <input id="venue-q" name="q" type="search" defaultValue={searchParams.get('q') ?? ''} />
          <button type="submit">查找</button>
        </Form>
      </div>
      <DataTable
        caption={countCaption('你管理的场馆', venues.length, 500, '只显示前 500 个')}
        headings={['名称', '类型', '区', '单位', '标记', '活动']}
      >
        {venues.map((v) => (
          <tr key={v.id}>
            <td>
              <Link to={`/admin/venues/${v.id}`}>{v.name}</Link>
            </td>
            <td>
              {venueTypeLabel[v.type]}
              {v.level ? `（${venueLevelLabel[v.level]}）` : ''}
            </td>
            <td>{v.district.name}</td>
            <td>{v.organisation?.name ?? '—'}</td>
            <td>
              {[
                v.openToPublic ? '开放' : '不开放',
                v.takesSchoolVisits ? '接待学校' : null,
                v.stampsPassport ? '护照' : null,
                v.locationApproximate ? '位置近似' : null,
              ]
                .filter(Boolean)
                .join(' · ')}
            </td>
            <td>{v._count.events}</td>
          </tr>
        ))}
      </DataTable>
    </article>
  )
}
