// The staff area's frame: navigation for the signed-in role, and the CSRF token every admin form carries.
// This layout shows nothing private; each admin route below guards its own loader and action.
import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, NavLink, Outlet, useRouteLoaderData } from '@remix-run/react'
import { CsrfInput } from '~/components/csrf-input'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { adminMeta } from '~/utils/admin-meta'
import { getStaff } from '~/utils/auth.server'
import { adminCsrf } from '~/utils/form-security.server'
import { roleLabel } from '~/utils/permissions.server'

export const meta: MetaFunction = () => adminMeta('工作人员')

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await getStaff(request)
  const { csrfToken, headers } = await adminCsrf(request)
  return json(
    { csrfToken, staff: staff ? { name: staff.name, role: staff.role, roleLabel: roleLabel[staff.role] } : null },
    { headers: { ...headers, 'Cache-Control': 'private, no-store' } },
  )
}

/** The staff navigation around a page, or around its error: a 404 or 403 must not strand staff without it. */
function AdminFrame({ children }: { children: React.ReactNode }) {
  const staff = useRouteLoaderData<typeof loader>('routes/admin+/_layout')?.staff
  return (
    <div className="admin">
      {staff ? (
        <nav aria-label="工作人员导航" className="admin-nav">
          <NavLink to="/admin" end>
            概览
          </NavLink>
          <NavLink to="/admin/events">活动</NavLink>
          <NavLink to="/admin/venues">场馆</NavLink>
          <NavLink to="/admin/school-bookings">学校预约</NavLink>
          <NavLink to="/admin/menu">科普菜单</NavLink>
          {staff.role !== 'ORG_STAFF' ? <NavLink to="/admin/lecturers">讲师团</NavLink> : null}
          {staff.role !== 'ORG_STAFF' ? <NavLink to="/admin/online">线上科普</NavLink> : null}
          {staff.role !== 'ORG_STAFF' ? <NavLink to="/admin/points">数字点位</NavLink> : null}
          <NavLink to="/admin/competitions">大赛</NavLink>
          <NavLink to="/admin/volunteers">志愿者</NavLink>
          <NavLink to="/admin/bases">科普基地</NavLink>
          <NavLink to="/admin/passport" reloadDocument>
            科普护照
          </NavLink>
          {staff.role !== 'ORG_STAFF' ? <NavLink to="/admin/users">账号</NavLink> : null}
          {staff.role !== 'ORG_STAFF' ? <NavLink to="/admin/dashboard">数据看板</NavLink> : null}
          {staff.role !== 'ORG_STAFF' ? <NavLink to="/admin/messages">消息</NavLink> : null}
          {staff.role !== 'ORG_STAFF' ? <NavLink to="/admin/fair-booking">公平预约</NavLink> : null}
          {staff.role === 'PLATFORM_ADMIN' ? <NavLink to="/admin/audit">审计日志</NavLink> : null}
          <span className="admin-who">
            {staff.name}（{staff.roleLabel}）
          </span>
          <NavLink to="/admin/password">修改密码</NavLink>
          <Form method="post" action="/admin/logout" className="inline-form">
            <CsrfInput />
            <button type="submit" className="link-button">
              退出
            </button>
          </Form>
        </nav>
      ) : null}
      {children}
    </div>
  )
}

export default function AdminLayout() {
  return (
    <AdminFrame>
      <Outlet />
    </AdminFrame>
  )
}

export function ErrorBoundary() {
  return (
    <AdminFrame>
      <GeneralErrorBoundary />
    </AdminFrame>
  )
}
