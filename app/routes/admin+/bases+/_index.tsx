// 科普基地 (staff): the designation register in the staff member's scope, filtered by level and status; admins pick a
// venue to recognise; the platform admin keeps the list of levels.
import { json, redirect, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { DataTable } from '~/components/data-table'
import { DESIGNATION_STATUSES } from '~/models/bases/admin-schema'
import { listDesignations, listLevels } from '~/models/bases/designation.server'
import { designationStatusLabel } from '~/models/bases/labels'
import { adminMeta } from '~/utils/admin-meta'
import { requireStaff } from '~/utils/auth.server'
import { prisma } from '~/utils/infra/db.server'
import { venueScope } from '~/utils/permissions.server'
import { shanghaiDateKey } from '~/utils/shanghai-time'

export const meta: MetaFunction = () => adminMeta('科普基地')

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request)
  const url = new URL(request.url)
  // The venue picker below: its page checks the venue is in scope.
  const picked = url.searchParams.get('venueId')
  if (picked && /^[A-Za-z0-9_-]{1,40}$/.test(picked)) throw redirect(`/admin/bases/venues/${picked}`)
  const levelKey = url.searchParams.get('level') || undefined
  const statusParam = url.searchParams.get('status')
  const status = DESIGNATION_STATUSES.find((s) => s === statusParam)
  const isAdmin = staff.role !== 'ORG_STAFF'
  const [designations, levels, venues] = await Promise.all([
    listDesignations(staff, { levelKey, status }),
    listLevels({ includeInactive: true }),
    prisma.venue.findMany({ where: venueScope(staff), orderBy: { name: 'asc' }, select: { id: true, name: true }, take: 2000 }),
  ])
  return json(
    {
      designations,
      levels: levels.map(({ key, name, active }) => ({ key, name, active })),
      venues,
      filter: { level: levelKey ?? '', status: status ?? '' },
      isAdmin,
      isPlatformAdmin: staff.role === 'PLATFORM_ADMIN',
    },
    { headers: { 'Cache-Control': 'private, no-store' } },
  )
}

const dateText = (d: string | null) => (d ? shanghaiDateKey(new Date(d)) : '长期')

export default function AdminBasesPage() {
  const { designations, levels, venues, filter, isAdmin, isPlatformAdmin } = useLoaderData<typeof loader>()
  return (
    <article className="admin-page">
      <h1>科普基地</h1>
      <div className="button-row">
        <Link to="/admin/bases/applications" className="button">
          基地申报
        </Link>
        <Link to="/admin/bases/reviews" className="button">
          年度考核
        </Link>
        {isAdmin ? (
          <Link to="/admin/bases/sheets" className="button">
            考核评分表
          </Link>
        ) : null}
        {isAdmin ? (
          <Link to="/admin/bases/join-requests" className="button">
            入驻申请
          </Link>
        ) : null}
        {isPlatformAdmin ? (
          <Link to="/admin/bases/levels" className="button">
            级别列表
          </Link>
        ) : null}
      </div>
      {venues.length ? (
        <Form method="get" className="inline-form filter-bar">
          <label htmlFor="pick-venue">{isAdmin ? '认定或修改某个场馆的基地级别' : '查看本单位场馆的认定'}</label>
          <select id="pick-venue" name="venueId" required>
            <option value="">请选择场馆</option>
            {venues.map((v) => (
              <option key={v.id} value={v.id}>
                {v.name}
              </option>
            ))}
          </select>
          <button type="submit">打开</button>
        </Form>
      ) : null}
      <Form method="get" className="inline-form filter-bar">
        <label htmlFor="filter-level">级别</label>
        <select id="filter-level" name="level" defaultValue={filter.level}>
          <option value="">全部级别</option>
          {levels.map((l) => (
            <option key={l.key} value={l.key}>
              {l.name}
              {l.active ? '' : '（已停用）'}
            </option>
          ))}
        </select>
        <label htmlFor="filter-status">状态</label>
        <select id="filter-status" name="status" defaultValue={filter.status}>
          <option value="">全部状态</option>
          {DESIGNATION_STATUSES.map((s) => (
            <option key={s} value={s}>
              {designationStatusLabel[s]}
            </option>
          ))}
        </select>
        <button type="submit">筛选</button>
      </Form>
      <DataTable caption={<>认定名录（{designations.length}）</>} headings={['场馆', '区', '级别', '年份与批次', '有效期', '状态']}>
        {designations.map((d) => (
          <tr key={d.id}>
            <td>
              <Link to={`/admin/bases/venues/${d.venue.id}`}>{d.venue.name}</Link>
            </td>
            <td>{d.venue.district.name}</td>
            <td>{d.level.name}</td>
            <td>
              {d.year}
              {d.batch ? ` · ${d.batch}` : ''}
            </td>
            <td>
              {shanghaiDateKey(new Date(d.validFrom))} 至 {dateText(d.validUntil)}
            </td>
            <td>
              {designationStatusLabel[d.status]}
              {d.status === 'RECTIFY' && d.rectifyBy ? `（${shanghaiDateKey(new Date(d.rectifyBy))} 前整改）` : ''}
            </td>
          </tr>
        ))}
      </DataTable>
    </article>
  )
}
