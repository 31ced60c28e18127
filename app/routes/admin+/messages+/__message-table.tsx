// The messages of a registration, school booking or 菜单 order (or the failed-deliveries list): channel, what it was
// (in Chinese and English), the masked recipient, status, time and last error, with a resend button that posts to
// /admin/messages/resend and comes back here.
import { Form, useLocation } from '@remix-run/react'
import { CsrfInput } from '~/components/csrf-input'
import { formatShortDateTime } from '~/utils/format'
import type { StaffMessage } from '~/models/message/admin.server'

export const messageStatusLabel: Record<string, string> = {
  QUEUED: '排队中',
  SENDING: '发送中',
  RETRYING: '等待重试',
  SENT: '已发送',
  FAILED: '发送失败',
  SKIPPED: '已不需发送',
}

type Row = Omit<StaffMessage, 'status'> & { status: string }

export function MessageTable({ messages, caption, subjectLabel }: { messages: Row[]; caption: string; subjectLabel?: (m: Row) => string }) {
  const location = useLocation()
  const returnTo = `${location.pathname}${location.search}`
  return (
    <>
      <table className="data-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            {subjectLabel ? <th scope="col">对象</th> : null}
            <th scope="col">渠道</th>
            <th scope="col">内容</th>
            <th scope="col">收件人</th>
            <th scope="col">状态</th>
            <th scope="col">时间</th>
            <th scope="col">最近错误</th>
            <th scope="col">操作</th>
          </tr>
        </thead>
        <tbody>
          {messages.length === 0 ? (
            <tr>
              <td colSpan={subjectLabel ? 8 : 7}>暂无消息。</td>
            </tr>
          ) : null}
          {messages.map((m) => (
            <tr key={m.id}>
              {subjectLabel ? <td>{subjectLabel(m)}</td> : null}
              <td>{m.channel === 'EMAIL' ? '邮件' : '短信'}</td>
              <td>
                {m.label.zh}
                <br />
                <span lang="en">{m.label.en}</span>
                {m.locale === 'en' ? '（英文）' : null}
              </td>
              <td>{m.recipient}</td>
              <td>
                {messageStatusLabel[m.status] ?? m.status}
                {m.attempts > 1 ? `（${m.attempts} 次）` : null}
                {m.resentAsId ? '，已重发' : null}
              </td>
              <td>{formatShortDateTime(m.sentAt ?? m.failedAt ?? m.createdAt)}</td>
              <td>{m.lastError ?? ''}</td>
              <td>
                {m.canResend ? (
                  <Form method="post" action="/admin/messages/resend" className="inline-form">
                    <CsrfInput />
                    <input type="hidden" name="intent" value="resend" />
                    <input type="hidden" name="messageId" value={m.id} />
                    <input type="hidden" name="returnTo" value={returnTo} />
                    <button type="submit">重发</button>
                  </Form>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  )
}
