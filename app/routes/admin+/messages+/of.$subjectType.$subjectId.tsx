// The messages of one registration, school booking or 菜单 order, for staff who manage it (linked from their rows).
import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { isSubjectType, managesSubject, messagesOfSubjects } from '~/models/message/admin.server'
import { adminMeta } from '~/utils/admin-meta'
import { requireStaff } from '~/utils/auth.server'
import { notFound } from '~/utils/http-errors'
import { MessageTable } from './__message-table'

export const meta: MetaFunction = () => adminMeta('消息记录')

const names = { Registration: '报名', SchoolBooking: '学校预约', MenuOrder: '科普菜单订单' } as const

export async function loader({ request, params }: LoaderFunctionArgs) {
  const staff = await requireStaff(request)
  const subjectType = params.subjectType ?? ''
  const subjectId = params.subjectId ?? ''
  if (!isSubjectType(subjectType) || !(await managesSubject(staff, subjectType, subjectId)))
    throw notFound('找不到这条记录，或不在你的管理范围内。')
  const messages = await messagesOfSubjects(subjectType, [subjectId])
  return json({ name: names[subjectType], messages }, { headers: { 'Cache-Control': 'private, no-store' } })
}

export default function SubjectMessagesPage() {
  const { name, messages } = useLoaderData<typeof loader>()
  return (
    <article className="admin-page">
      <h1>消息记录</h1>
      <MessageTable messages={messages} caption={`这条${name}的短信与邮件，共 ${messages.length} 条`} />
    </article>
  )
}
