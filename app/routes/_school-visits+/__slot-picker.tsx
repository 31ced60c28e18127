// The school visit form's slot picker, apart so the route stays thin. With JavaScript: a date first, then that day's
// slots, each a radio with the room it has left (the coming weeks' slots all at once run to thousands of pixels on
// a phone). Without it: every day's slots in one list, which posts the same field.
import { useState } from 'react'
import { useHydrated } from 'remix-utils/use-hydrated'
import { minuteLabel, weekdayLabel } from '~/models/school-visit/schema'
import { formatCalendarDay } from '~/utils/format'
import { useLocale } from '~/utils/i18n'
import type { FieldMetadata } from '@conform-to/react'
import type { SerializeFrom } from '@remix-run/node'
import type { SlotDay } from '~/models/school-visit/school-visit.server'

type Day = SerializeFrom<SlotDay>

export function SlotPicker({ slot, days }: { slot: FieldMetadata<string>; days: Day[] }) {
  const { t, language } = useLocale()
  const hydrated = useHydrated()
  const initialDate = typeof slot.initialValue === 'string' ? slot.initialValue.split('|')[0] : ''
  const [date, setDate] = useState(days.some((d) => d.date === initialDate) ? initialDate : '')
  const dayLabel = (day: Day) => `${formatCalendarDay(day.date, language)} ${weekdayLabel(day.weekday, t)}`
  const dayOpen = (day: Day) => !day.closed && day.slots.some((s) => s.room > 0)
  const slotRadios = (day: Day) =>
    day.slots.map((s) => (
      <label key={s.value} className={s.room > 0 ? 'slot' : 'slot slot-full'}>
        <input type="radio" name={slot.name} value={s.value} disabled={s.room === 0} defaultChecked={slot.initialValue === s.value} />
        {minuteLabel(s.start)}–{minuteLabel(s.end)} · {s.room > 0 ? t('school.room', { count: s.room }) : t('school.slotFull')}
      </label>
    ))
  const chosen = days.find((d) => d.date === date)
  return (
    <fieldset className={`slot-picker${slot.errors ? ' has-error' : ''}`} aria-describedby={slot.errors ? slot.errorId : undefined}>
      <legend>{t('school.slotLegend')}</legend>
      {slot.errors ? (
        <p id={slot.errorId} className="field-error">
          {slot.errors[0]}
        </p>
      ) : null}
      {days.length === 0 ? <p>{t('school.noSlots')}</p> : null}
      {hydrated && days.length > 0 ? (
        <>
          <div className="field">
            <label htmlFor={`${slot.id}-date`}>{t('school.slotDate')}</label>
            <select
              id={`${slot.id}-date`}
              value={date}
              onChange={(event) => setDate(event.target.value)}
              aria-describedby={`${slot.id}-date-hint`}
            >
              <option value="">{t('site.pleaseChoose')}</option>
              {days.map((day) => (
                <option key={day.date} value={day.date} disabled={!dayOpen(day)}>
                  {dayLabel(day)}
                  {day.closed ? ` · ${t('school.dayClosed')}` : dayOpen(day) ? '' : ` · ${t('school.dayFull')}`}
                </option>
              ))}
            </select>
            <p id={`${slot.id}-date-hint`} className="hint">
              {t('school.slotDateHint')}
            </p>
          </div>
          {chosen ? <div className="slot-day">{slotRadios(chosen)}</div> : null}
        </>
      ) : (
        <div className="slot-days">
          {days.map((day) => (
            <div key={day.date} className="slot-day">
              <p className="slot-date">{dayLabel(day)}</p>
              {day.closed ? (
                <p className="muted">{t('school.closedDay', { reason: day.closedReason ?? t('school.closedDefault') })}</p>
              ) : (
                slotRadios(day)
              )}
            </div>
          ))}
        </div>
      )}
    </fieldset>
  )
}
