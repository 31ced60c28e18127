// Dates are shown in Shanghai time whatever the server's zone.
const dayFormat = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', month: 'long', day: 'numeric', weekday: 'short' })
const timeFormat = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hour12: false })

export function formatSessionTime(startsAt: Date | string, endsAt: Date | string): string {
  const start = new Date(startsAt)
  return `${dayFormat.format(start)} ${timeFormat.format(start)}–${timeFormat.format(new Date(endsAt))}`
}

export function formatAudience(min: number | null, max: number | null, note: string | null): string {
  if (note) return note
  if (min !== null && max !== null) return `${min}–${max}岁`
  if (min !== null) return `${min}岁以上`
  if (max !== null) return `${max}岁以下`
  return '不限年龄'
}

export function formatDistance(metres: number): string {
  return metres < 1000 ? `${Math.round(metres / 10) * 10} 米` : `${(metres / 1000).toFixed(1)} 公里`
}
