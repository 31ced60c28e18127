// When check-in is open for a session (the model's checkInWindow), said on the check-in page and the list: staff
// at the door know why the buttons are not there yet, and until when they can still check people in.
import { formatDayTime } from '~/utils/format'
import type { CheckInWindow } from '~/models/registration/admin.server'

type WindowView = { opensAt: string | Date; closesAt: string | Date; state: CheckInWindow['state'] }

const stateText: Record<CheckInWindow['state'], string> = {
  before: '尚未开放',
  open: '正在开放',
  after: '已关闭',
  cancelled: '场次已取消，不能签到',
}

export function CheckInWindowNote({ window }: { window: WindowView }) {
  return (
    <p className={window.state === 'open' ? 'hint check-in-window' : 'notice check-in-window'}>
      签到时间：{formatDayTime(window.opensAt)} 至 {formatDayTime(window.closesAt)}（活动开始前 3 小时开放，结束后 3 小时关闭）。
      <strong>{stateText[window.state]}</strong>
      {window.state === 'before' ? '，开放后本页会自动显示签到按钮。' : '。'}
    </p>
  )
}
