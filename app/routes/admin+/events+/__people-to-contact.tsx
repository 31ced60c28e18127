// Registrations marked by a cancelled session or activity: the people staff must tell, full numbers on purpose only.
import { DataTable } from '~/components/data-table'
import { RevealPhone } from '~/routes/admin+/__reveal-phone'
import { formatDay } from '~/utils/format'
import { cancelReasonLabel } from '~/utils/labels'

type Contact = {
  id: string
  name: string
  phoneMasked: string
  partySize: number
  cancelReason: keyof typeof cancelReasonLabel | null
  session: { startsAt: string }
}

export function PeopleToContact({ contacts }: { contacts: Contact[] }) {
  if (!contacts.length) return null
  return (
    <section aria-labelledby="contacts-heading" className="admin-section">
      <h2 id="contacts-heading">需要通知的报名人（{contacts.length}）</h2>
      <p className="hint">这些报名因场次或活动取消而被标记。查看完整号码会记入审计日志。</p>
      <DataTable headings={['场次', '姓名', '手机号', '人数', '原因']}>
        {contacts.map((c) => (
          <tr key={c.id}>
            <td>{formatDay(c.session.startsAt)}</td>
            <td>{c.name}</td>
            <td>
              <RevealPhone recordId={c.id} masked={c.phoneMasked} purpose="通知活动取消" />
            </td>
            <td>{c.partySize}</td>
            <td>{c.cancelReason ? cancelReasonLabel[c.cancelReason] : ''}</td>
          </tr>
        ))}
      </DataTable>
    </section>
  )
}
